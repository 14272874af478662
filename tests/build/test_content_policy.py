"""The Content-Security-Policy in the built site: one meta tag per page whose
hashes cover exactly the inline scripts, _headers with the same policy and
more, and a build that refuses markup the policy would block, naming the page."""

from __future__ import annotations

import re

import pytest

from conftest import build, edit
from handbook.output.csp import SLOT, scan, script_hash


def directives(value: str) -> dict[str, list[str]]:
    out = {}
    for part in value.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def meta_policy(soup) -> str:
    tags = soup.select('meta[http-equiv="Content-Security-Policy"]')
    assert len(tags) == 1
    return tags[0]["content"]


def header_policy(text: str) -> str:
    return re.search(r"^  Content-Security-Policy: (.+)$", text, re.M).group(1)


def test_every_page_has_one_policy_meta_before_any_script(site):
    for path in sorted(site.site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        name = path.relative_to(site.site).as_posix()
        assert html.count('http-equiv="Content-Security-Policy"') == 1, name
        assert html.index("<meta charset") < html.index('http-equiv="Content-Security-Policy"') \
            < html.find("<script") % (len(html) + 1), name  # a stub page has no script
        assert SLOT not in html, name


def test_the_hashes_cover_exactly_the_inline_scripts(site):
    pages = {p.relative_to(site.site).as_posix(): p.read_text(encoding="utf-8") for p in site.site.rglob("*.html")}
    hashes = {script_hash(s) for html in pages.values() for s in scan(html).scripts}
    assert hashes  # Material emits some
    for name in pages:
        d = directives(meta_policy(site.page(name)))
        assert set(d["script-src"]) == {"'self'"} | hashes, name
        assert "'unsafe-inline'" not in sum(d.values(), []) and "'unsafe-eval'" not in sum(d.values(), [])


def test_the_policy_allows_only_the_sites_own_origin(site):
    d = directives(meta_policy(site.page()))
    assert d["default-src"] == ["'self'"]
    for directive, sources in d.items():
        extra = [s for s in sources if s not in ("'self'", "'none'") and not s.startswith("'sha256-")]
        assert extra == ([] if directive != "img-src" else ["data:"]), directive
    assert d["object-src"] == ["'none'"] and d["base-uri"] == ["'self'"]
    assert d["worker-src"] == ["'self'"] and d["manifest-src"] == ["'self'"]
    assert "frame-ancestors" not in d


def test_the_headers_file_carries_the_same_policy_and_more(site):
    text = site.text("_headers")
    assert directives(header_policy(text)) == {**directives(meta_policy(site.page())), "frame-ancestors": ["'none'"]}
    assert text.splitlines()[2] == "/*"
    for line in ("X-Content-Type-Options: nosniff", "Referrer-Policy: no-referrer",
                 "X-Frame-Options: DENY", "Permissions-Policy: camera=()"):
        assert f"\n  {line}" in text


@pytest.mark.parametrize(("markup", "expected"), [
    ('<button onclick="go()">x</button>', 'inline event handler in <button onclick="go()">'),
    ('<p style="color: red">x</p>', 'style attribute in <p style="color: red">'),
    ('<a href="javascript:alert(1)">x</a>', 'javascript: URL in <a href="javascript:alert(1)">'),
])
def test_markup_the_policy_would_block_fails_naming_the_page(project, markup, expected):
    edit(project / "docs" / "ask.md", "# 反问面试官\n", f"# 反问面试官\n\n{markup}\n")
    result = build(project)
    assert not result.ok
    # the page, and 全部答案, which shows the page's content too
    assert "The Content-Security-Policy would block 2 thing(s)" in result.log
    assert f"ask/index.html: {expected}" in result.log and f"all/index.html: {expected}" in result.log


def test_under_serve_pages_get_no_meta_but_the_headers_stay(project):
    result = build(project, command="serve")
    assert result.ok, result.log
    assert "CSP meta tags left out under 'mkdocs serve'" in result.log
    html = (result.site / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="Content-Security-Policy"' not in html and SLOT not in html
    assert "Content-Security-Policy:" in result.text("_headers")
