"""The Content-Security-Policy (hooks/csp.py) in the built site: one meta tag
per page whose hashes cover exactly the inline scripts, a _headers file with the
same policy and more, and a build that refuses markup the policy would block."""

from __future__ import annotations

import os
import re

import pytest

from conftest import build
from csp import (blocked_markup, headers_file, inline_scripts, policy, script_hash, with_meta)


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


def header_policy(site) -> str:
    text = (site.site / "_headers").read_text(encoding="utf-8")
    return re.search(r"^  Content-Security-Policy: (.+)$", text, re.M).group(1)


def test_every_page_has_one_csp_meta_before_any_script(site):
    for path in sorted(site.site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        name = path.relative_to(site.site).as_posix()
        assert html.count('http-equiv="Content-Security-Policy"') == 1, name
        assert html.index('http-equiv="Content-Security-Policy"') < html.index("<script"), name
        assert html.index("<meta charset") < html.index('http-equiv="Content-Security-Policy"'), name


def test_hashes_cover_exactly_the_inline_scripts(site):
    pages = {p: p.read_text(encoding="utf-8") for p in site.site.rglob("*.html")}
    hashes = {script_hash(s) for html in pages.values() for s in inline_scripts(html)}
    assert hashes  # Material emits some
    for path, html in pages.items():
        d = directives(meta_policy(site.page(path.relative_to(site.site).as_posix())))
        assert set(d["script-src"]) == {"'self'"} | hashes, path
        assert "'unsafe-inline'" not in sum(d.values(), []) and "'unsafe-eval'" not in sum(d.values(), [])


def test_policy_allows_only_the_own_origin(site):
    d = directives(meta_policy(site.page()))
    assert d["default-src"] == ["'self'"]
    for directive, sources in d.items():
        extra = [s for s in sources if s not in ("'self'", "'none'") and not s.startswith("'sha256-")]
        assert extra == ([] if directive != "img-src" else ["data:"]), directive
    assert d["object-src"] == ["'none'"] and d["base-uri"] == ["'self'"]
    assert d["worker-src"] == ["'self'"] and d["manifest-src"] == ["'self'"]
    assert "frame-ancestors" not in d  # ignored (with a console error) in a meta tag


def test_headers_file_carries_the_same_policy_and_more(site):
    meta = directives(meta_policy(site.page()))
    header = directives(header_policy(site))
    assert header == {**meta, "frame-ancestors": ["'none'"]}
    text = (site.site / "_headers").read_text(encoding="utf-8")
    assert text.splitlines()[2] == "/*"
    for line in ("X-Content-Type-Options: nosniff", "Referrer-Policy: no-referrer",
                 "X-Frame-Options: DENY", "Permissions-Policy: camera=()"):
        assert f"\n  {line}" in text


@pytest.mark.parametrize(("markup", "expected"), [
    ('<button onclick="go()">x</button>', "inline event handler"),
    ('<p style="color: red">x</p>', "style attribute"),
    ('<a href="javascript:alert(1)">x</a>', "javascript: URL"),
])
def test_markup_the_policy_would_block_fails_the_build(project, markup, expected):
    page = project / "docs" / "ask.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{markup}\n", encoding="utf-8")
    result = build(project)
    assert not result.ok
    assert "Content-Security-Policy would block" in result.log
    assert f"ask/index.html: {expected} in " in result.log


def test_inline_scripts_skips_external_and_data_scripts():
    html = ('<script>a()</script><script src="x.js"></script>'
            '<script type="application/json">{"a": 1}</script><script type="module">b()</script>')
    assert inline_scripts(html) == ["a()", "b()"]


def test_script_hash_matches_the_browser_format():
    # sha256 of "alert(1)" as the CSP spec writes it (base64 of the digest)
    assert script_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"


def test_policy_and_meta_helpers():
    value = policy({"'sha256-b'", "'sha256-a'"})
    assert "script-src 'self' 'sha256-a' 'sha256-b';" in value
    assert "frame-ancestors" not in value and "frame-ancestors 'none'" in policy(set(), header=True)
    html = '<html><head><meta charset="utf-8"><script>x</script></head></html>'
    once = with_meta(html, "default-src 'self'")
    assert once == ('<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" '
                    'content="default-src \'self\'"><script>x</script></head></html>')
    assert with_meta(once, "default-src 'self'") == once


def test_blocked_markup_and_headers_helpers():
    assert blocked_markup('<a href="javascript:void(0)" class="md-search__icon">') == []
    assert blocked_markup("<p>onclick=alert(1) as text</p>") == []
    assert blocked_markup("<script>if (a<b && onload= c>d) f()</script>") == []  # code, not a tag
    assert blocked_markup('<img src=x onerror=y>') == ["inline event handler in <img src=x onerror=y>"]
    # text inside a quoted value is data, not an attribute
    assert blocked_markup('<input value="&lt;img src=x onerror=alert(1)&gt; style=x href=javascript:y">') == []
    assert blocked_markup("<a title='x' HREF=' JavaScript:alert(1)'>") != []
    assert "X-Robots-Tag: noindex" in headers_file("default-src 'self'", noindex=True)
    assert "X-Robots-Tag" not in headers_file("default-src 'self'", noindex=False)


def test_serve_sets_the_flag_and_build_does_not(monkeypatch):
    import csp
    monkeypatch.setenv(csp.SERVE_FLAG, "")  # monkeypatch removes it again afterwards
    csp.on_startup(command="build", dirty=False)
    assert os.environ[csp.SERVE_FLAG] == ""
    csp.on_startup(command="serve", dirty=False)
    assert os.environ[csp.SERVE_FLAG] == "1"


def test_under_serve_pages_get_no_meta_but_headers_stay(project):
    import csp
    result = build(project, env={csp.SERVE_FLAG: "1"})
    assert result.ok, result.log
    assert "CSP meta tags left out under 'mkdocs serve'" in result.log
    assert 'http-equiv="Content-Security-Policy"' not in (result.site / "index.html").read_text("utf-8")
    assert "Content-Security-Policy:" in (result.site / "_headers").read_text("utf-8")
