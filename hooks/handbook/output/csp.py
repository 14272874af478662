"""A Content-Security-Policy for every page, computed from the final pages.

The inline scripts the theme emits and the inline styles (the critical CSS
of output/critical.py) are hashed (sha256) and one policy for the
whole site (so instant navigation between pages stays inside it) is written

- into each page, in the slot that partials/head-meta.html leaves for it
  (`<meta http-equiv="Content-Security-Policy" content="SLOT">`), and
- as the first lines of `_headers` (Netlify / Cloudflare Pages), with the
  directives a meta tag cannot carry (frame-ancestors) and further headers.

The policy allows only the site's own origin, plus `data:` images (Material's
CSS draws its icons as data: SVG masks). The build fails, naming file and tag,
when a page carries an inline event handler, a style attribute or a
javascript: URL, which the policy would block.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Mapping
from html.parser import HTMLParser

SLOT = "handbook-csp-slot"  # what partials/head-meta.html writes until the policy is known
# Script types a browser runs (anything else, e.g. application/json, is data).
EXECUTABLE = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
# Material's search-share button is <a href="javascript:void(0)"> whose click
# handler cancels the navigation, so the policy never sees it; any other
# javascript: URL would be blocked.
URL_ATTRS = {"href", "src", "action", "formaction"}

BASE_POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),  # + the hashes of the inline scripts
    ("style-src", "'self'"),  # + the hashes of the inline <style> elements
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
HEADER_ONLY = (("frame-ancestors", "'none'"),)
EXTRA_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)


class PageScan(HTMLParser):
    """One pass over a page: the inline scripts a browser would run, and the
    markup the policy would block (read from parsed attributes, so text inside
    a quoted value, e.g. a profile value, never counts as markup)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.problems: list[str] = []
        self._script: list[str] | None = None
        self._style: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = (self.get_starttag_text() or f"<{tag}>")[:80]
        values = {name: (value or "") for name, value in attrs}
        for name, value in values.items():
            value = value.strip()
            if name.startswith("on"):
                self.problems.append(f"inline event handler in {text}")
            elif name == "style":
                self.problems.append(f"style attribute in {text}")
            elif (name in URL_ATTRS and value.lower().startswith("javascript:")
                  and value != "javascript:void(0)"):
                self.problems.append(f"javascript: URL in {text}")
        if tag == "script" and "src" not in values and values.get("type", "").lower() in EXECUTABLE:
            self._script = []
        elif tag == "style":
            self._style = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        elif self._style is not None:
            self._style.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None
        elif tag == "style" and self._style is not None:
            self.styles.append("".join(self._style))
            self._style = None


def scan(html: str) -> PageScan:
    parser = PageScan()
    parser.feed(html)
    parser.close()
    return parser


def script_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(hashes: Iterable[str], header: bool = False, styles: Iterable[str] = ()) -> str:
    """The policy as one header value (`hashes` of inline scripts, `styles` of
    inline styles); `header` adds what a meta tag cannot carry."""
    allowed = {"script-src": sorted(set(hashes)), "style-src": sorted(set(styles))}
    parts = []
    for directive, value in BASE_POLICY + (HEADER_ONLY if header else ()):
        if allowed.get(directive):
            value = " ".join([value, *allowed[directive]])
        parts.append(f"{directive} {value}")
    return "; ".join(parts)


def header_lines(value: str) -> list[str]:
    return [f"Content-Security-Policy: {value}"] + [f"{name}: {val}" for name, val in EXTRA_HEADERS]


def blocked(pages: Mapping[str, PageScan]) -> list[str]:
    return [f"{name}: {what}" for name, found in pages.items() for what in found.problems]


def headers_file(lines: list[str]) -> str:
    """`_headers` for Netlify and Cloudflare Pages: every path gets these headers."""
    head = ["# Written at build time (hooks/handbook/output/): headers for hosts that read",
            "# _headers (Netlify, Cloudflare Pages). Same policy as each page's meta tag.", "/*"]
    return "\n".join(head + [f"  {line}" for line in lines]) + "\n"
