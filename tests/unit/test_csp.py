"""The Content-Security-Policy helpers (hooks/handbook/output/csp.py): what a
page scan finds, the hashes, the policy and the _headers file."""

import pytest

from handbook.output.csp import SLOT, blocked, header_lines, headers_file, policy, scan, script_hash


def test_the_scan_collects_inline_scripts_a_browser_would_run():
    html = ('<script>a()</script><script src="x.js"></script><script type="application/json">{"a": 1}</script>'
            '<script type="module">b()</script><script type="text/javascript">c()</script>')
    assert scan(html).scripts == ["a()", "b()", "c()"]


@pytest.mark.parametrize(("markup", "problem"), [
    ('<img src=x onerror=y>', "inline event handler in <img src=x onerror=y>"),
    ('<button ONCLICK="go()">x</button>', "inline event handler in <button ONCLICK=\"go()\">"),
    ('<p style="color: red">x</p>', 'style attribute in <p style="color: red">'),
    ('<a href="javascript:alert(1)">x</a>', 'javascript: URL in <a href="javascript:alert(1)">'),
    ("<a title='x' HREF=' JavaScript:alert(1)'>", "javascript: URL in"),
    ('<form action="javascript:x()">', "javascript: URL in"),
])
def test_markup_the_policy_would_block_is_named(markup, problem):
    found = scan(markup).problems
    assert len(found) == 1 and found[0].startswith(problem), found


@pytest.mark.parametrize("markup", [
    '<a href="javascript:void(0)" class="md-search__icon">',  # Material's search share button
    "<p>onclick=alert(1) style=x as text</p>",
    "<script>if (a<b && onload= c>d) f()</script>",  # code, not a tag
    '<input value="&lt;img src=x onerror=alert(1)&gt; style=x href=javascript:y">',  # a quoted value is data
])
def test_text_code_and_quoted_values_are_not_markup(markup):
    assert scan(markup).problems == []


def test_blocked_names_the_page_of_each_problem():
    pages = {"a/index.html": scan('<p style="x">'), "b/index.html": scan("<p>ok</p>")}
    assert blocked(pages) == ['a/index.html: style attribute in <p style="x">']


def test_script_hash_matches_the_browser_format():
    # sha256 of "alert(1)" as the CSP spec writes it (base64 of the digest)
    assert script_hash("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"


def test_the_policy_lists_the_hashes_sorted_and_only_the_header_frames():
    value = policy({"'sha256-b'", "'sha256-a'"})
    assert "script-src 'self' 'sha256-a' 'sha256-b';" in value
    assert value.startswith("default-src 'self';") and "object-src 'none'" in value
    assert "frame-ancestors" not in value  # ignored (with a console error) in a meta tag
    assert policy(set(), header=True).endswith("; frame-ancestors 'none'")
    assert "script-src 'self';" in policy(set())


def test_the_headers_file_applies_every_line_to_every_path():
    text = headers_file(header_lines("default-src 'self'") + ["X-Robots-Tag: noindex"])
    lines = text.splitlines()
    assert lines[2] == "/*" and lines[3] == "  Content-Security-Policy: default-src 'self'"
    for line in ("X-Content-Type-Options: nosniff", "Referrer-Policy: no-referrer", "X-Frame-Options: DENY",
                 "Permissions-Policy: camera=()", "Cross-Origin-Opener-Policy: same-origin",
                 "X-Robots-Tag: noindex"):
        assert f"\n  {line}" in text
    assert SLOT not in text


def test_the_scan_collects_inline_styles_and_the_policy_allows_only_their_hashes():
    found = scan('<style data-x>p{color:red}</style><link rel="stylesheet" href="a.css"><p>style</p>')
    assert found.styles == ["p{color:red}"] and found.scripts == []
    value = policy(set(), styles={script_hash("p{color:red}")})
    assert f"style-src 'self' {script_hash('p{color:red}')};" in value
    assert "unsafe-inline" not in value
    assert "style-src 'self';" in policy(set())  # no inline style: no hash, never unsafe-inline
