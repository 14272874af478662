"""MkDocs hook: share one answer.

Every answer's tools bar (made by hooks/answer_markup.py) gets a 复制链接
button carrying the answer's absolute address (the page's canonical URL, so
it is right under a sub-path too, plus `#id`); docs/assets/javascripts/share.js
copies it and says 已复制. Every page with a canonical URL ends with a small
手机扫码打开 block: a QR code of the page's address, drawn at build time as
inline SVG with segno (no request, no script, no style attribute), handed to
the template as `share_qr` (overrides/partials/share_qr.html puts it after the
page content, outside every answer's body).

Without `site_url` there is no canonical URL: the buttons carry no address
(the script then uses the address bar) and the QR block is left out.
"""

from __future__ import annotations

import html

import segno
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from answer_markup import add_tool
from manifest import load_manifest

COPY_LABEL = "复制链接"
QR_CAPTION = "手机扫码打开本页"


# -- pure helpers ------------------------------------------------------------

def answer_url(canonical_url: str | None, answer_id: str) -> str | None:
    """Absolute address of one answer, or None when the page has none."""
    if not canonical_url:
        return None
    return f"{canonical_url.split('#', 1)[0]}#{answer_id}"


def copy_link_button(answer_id: str, url: str | None) -> str:
    """The 复制链接 button of one answer (share.js makes it work)."""
    attrs = [
        'type="button"',
        'data-search-exclude',
        'class="answer-tools__button answer-share"',
        f'data-answer="{html.escape(answer_id)}"',
    ]
    if url:
        attrs.append(f'data-share-url="{html.escape(url)}"')
    return (f'<button {" ".join(attrs)}>'
            f'<span class="answer-share__label" aria-live="polite">{COPY_LABEL}</span>'
            "</button>")


def qr_svg(url: str) -> str:
    """The QR code of `url` as inline SVG: classes only, no style attribute,
    black on white whatever the colour scheme, named for screen readers."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(
        scale=1, border=4, omitsize=True, dark="#000", light="#fff",
        svgclass="share-qr__code", lineclass="share-qr__modules",
    )
    label = html.escape(f"本页地址 {url} 的二维码")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def qr_block(url: str) -> str:
    """The 手机扫码打开 block appended to a page (kept out of search)."""
    return (
        '<figure class="share-qr" data-search-exclude>'
        f"{qr_svg(url)}"
        f'<figcaption>{QR_CAPTION}<br><span class="share-qr__url">{html.escape(url)}</span></figcaption>'
        "</figure>"
    )


def add_share_controls(content: str, answer_ids: list[str], canonical_url: str | None) -> str:
    """Add a copy-link button to each answer's tools bar."""
    for answer_id in answer_ids:
        content = add_tool(content, answer_id, copy_link_button(answer_id, answer_url(canonical_url, answer_id)))
    return content


# -- hook --------------------------------------------------------------------

def on_page_content(html_: str, page: Page, config: MkDocsConfig, files) -> str:
    ids = [a.id for a in load_manifest().answers_on(page.file.src_uri)]
    return add_share_controls(html_, ids, page.canonical_url)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    context["share_qr"] = Markup(qr_block(page.canonical_url)) if page.canonical_url else ""
    return context
