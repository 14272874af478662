"""MkDocs hook: a Content-Security-Policy for every page, computed at build time.

After the build, every HTML file of the site is read once: the inline scripts
the theme emits are hashed (sha256) and one policy for the whole site (so that
instant navigation between pages stays inside it) is written

- into each page as `<meta http-equiv="Content-Security-Policy">`, and
- into `_headers` (Netlify / Cloudflare Pages format) with the directives a
  meta tag cannot carry (frame-ancestors) and further security headers.

The policy allows only the site's own origin, plus `data:` images (Material's
CSS draws its icons as data: SVG masks). The build fails, naming file and tag,
when a page carries an inline event handler, a style attribute or a
javascript: URL, which the policy would block.

Keep this hook last in mkdocs.yml: it must see the final HTML. Under
`mkdocs serve` the meta tag is left out, because live reload injects an
inline script.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import re
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from personal import local_profile

log = logging.getLogger("mkdocs.hooks.csp")

SERVE_FLAG = "HANDBOOK_CSP_SERVE"  # set by on_startup for `mkdocs serve` (one process)
META_NAME = 'http-equiv="Content-Security-Policy"'
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
SRC_ATTR = re.compile(r"\ssrc\s*=", re.I)
TYPE_ATTR = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]+)""", re.I)
# Script types a browser runs (anything else, e.g. application/json, is data).
EXECUTABLE = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
# Material's search-share button is <a href="javascript:void(0)"> whose click
# handler cancels the navigation, so the policy never sees it; any other
# javascript: URL would be blocked.
URL_ATTRS = {"href", "src", "action", "formaction"}
CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)
HEAD_OPEN = re.compile(r"<head\b[^>]*>", re.I)

BASE_POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),  # + the hashes of the inline scripts
    ("style-src", "'self'"),
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
    ("Permissions-Policy",
     "camera=(), microphone=(), geolocation=(), payment=(), usb=()"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
)


# -- pure helpers ------------------------------------------------------------

def inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would run."""
    found = []
    for m in SCRIPT.finditer(html):
        attrs, body = m.group(1), m.group(2)
        kind = TYPE_ATTR.search(attrs)
        if SRC_ATTR.search(attrs) or (kind and kind.group(1).lower() not in EXECUTABLE):
            continue
        found.append(body)
    return found


def script_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(hashes: set[str], header: bool = False) -> str:
    """The policy as one header value; `header` adds what a meta tag cannot carry."""
    parts = []
    for directive, value in BASE_POLICY + (HEADER_ONLY if header else ()):
        if directive == "script-src" and hashes:
            value = " ".join([value, *sorted(hashes)])
        parts.append(f"{directive} {value}")
    return "; ".join(parts)


def with_meta(html: str, value: str) -> str:
    """Put the policy meta right after <meta charset> (or the <head> tag),
    before any script; replace one that is there already."""
    tag = f'<meta {META_NAME} content="{value}">'
    html = re.sub(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">', "", html)
    anchor = CHARSET.search(html) or HEAD_OPEN.search(html)
    if not anchor:
        return html
    return html[: anchor.end()] + tag + html[anchor.end():]


class _AttributeScan(HTMLParser):
    """Collects what the policy would block from each start tag's parsed
    attributes, so text inside a quoted value (e.g. a profile value shown in
    an input) never counts as markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        text = self.get_starttag_text() or f"<{tag}>"
        for name, value in attrs:
            value = (value or "").strip()
            if name.startswith("on"):
                self.problems.append(f"inline event handler in {text[:80]}")
            elif name == "style":
                self.problems.append(f"style attribute in {text[:80]}")
            elif (name in URL_ATTRS and value.lower().startswith("javascript:")
                  and value != "javascript:void(0)"):
                self.problems.append(f"javascript: URL in {text[:80]}")

    handle_startendtag = handle_starttag


def blocked_markup(html: str) -> list[str]:
    """Markup the policy would block: inline handlers, style attributes,
    javascript: URLs (each as the start of its tag)."""
    scan = _AttributeScan()
    scan.feed(SCRIPT.sub("<script></script>", html))  # code, not markup
    scan.close()
    return scan.problems


def headers_file(value: str, noindex: bool) -> str:
    """`_headers` for Netlify and Cloudflare Pages: every path gets the policy."""
    lines = ["# Written by hooks/csp.py at build time: security headers for hosts that read",
             "# _headers (Netlify, Cloudflare Pages). Same policy as each page's meta tag.",
             "/*", f"  Content-Security-Policy: {value}"]
    lines += [f"  {name}: {val}" for name, val in EXTRA_HEADERS]
    if noindex:
        lines.append("  X-Robots-Tag: noindex")
    return "\n".join(lines) + "\n"


# -- MkDocs events -----------------------------------------------------------

def on_startup(command: str, dirty: bool) -> None:
    if command == "serve":
        os.environ[SERVE_FLAG] = "1"


def on_post_build(config: MkDocsConfig) -> None:
    site_dir = Path(config.site_dir)
    pages = {p: p.read_text(encoding="utf-8") for p in sorted(site_dir.rglob("*.html"))}
    problems = [f"{p.relative_to(site_dir).as_posix()}: {what}"
                for p, html in pages.items() for what in blocked_markup(html)]
    if problems:
        raise PluginError(
            f"The Content-Security-Policy would block {len(problems)} thing(s); move scripts to "
            "files under docs/assets/javascripts/ and styles to a stylesheet:\n  - "
            + "\n  - ".join(problems)
        )
    hashes = {script_hash(s) for html in pages.values() for s in inline_scripts(html)}
    noindex = local_profile(Path(config.config_file_path).parent) is not None
    (site_dir / "_headers").write_text(headers_file(policy(hashes, header=True), noindex),
                                       encoding="utf-8")
    if os.environ.get(SERVE_FLAG):
        log.info("CSP meta tags left out under 'mkdocs serve' (live reload is an inline script)")
        return
    meta_value = policy(hashes)
    for path, html in pages.items():
        path.write_text(with_meta(html, meta_value), encoding="utf-8")
    log.debug("CSP with %d inline script hash(es) on %d page(s)", len(hashes), len(pages))
