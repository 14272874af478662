"""Share one answer: its absolute address, and a QR code of a page.

复制链接 in each answer's tools bar (partials/answer-tools.html) carries the
answer's address: the page's canonical URL (right under a sub-path too) plus
`#id`. Every page with a canonical URL ends with a 手机扫码打开本页 block
(partials/share-qr.html): a QR code of the page's address, drawn here at
build time as inline SVG (no request, no script, no style attribute).
Without `site_url` there is no canonical URL: the buttons carry no address
(share.js then uses the address bar) and the QR block is left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from markupsafe import Markup, escape


def answer_url(canonical_url: str | None, answer_id: str) -> str | None:
    """Absolute address of one answer, or None when the page has none."""
    if not canonical_url:
        return None
    return f"{canonical_url.split('#', 1)[0]}#{answer_id}"


@dataclass(frozen=True)
class PageCode:
    url: str
    svg: Markup


def qr_svg(url: str) -> Markup:
    """The QR code of `url` as inline SVG: classes only, no style attribute,
    black on white whatever the colour scheme, named for screen readers."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(
        scale=1, border=4, omitsize=True, dark="#000", light="#fff",
        svgclass="share-qr__code", lineclass="share-qr__modules",
    )
    label = escape(f"本页地址 {url} 的二维码")
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))


def page_code(canonical_url: str | None) -> PageCode | None:
    return PageCode(canonical_url, qr_svg(canonical_url)) if canonical_url else None
