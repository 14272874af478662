"""A QR code of a page (an answer's own address is addresses.py's).

Every page with a canonical URL ends with a 手机扫码打开本页 block
(partials/share-qr.html): a QR code of the page's address, drawn here at
build time as inline SVG (no request, no script, no style attribute).
Without `site_url` there is no canonical URL: the QR block is left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from markupsafe import Markup, escape


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
