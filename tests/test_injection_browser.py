"""Hostile profile values in every field do not run in Chromium: no dialog,
no CSP violation, also through search. (The built-HTML half of this check:
tests/build/test_injection.py.)"""

from __future__ import annotations

import pytest

from conftest import copy_project, serve_build, write_hostile

# -- in the browser ----------------------------------------------------------------

WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  e => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
"""


@pytest.fixture(scope="module")
def hostile_served(tmp_path_factory):
    project = write_hostile(copy_project(tmp_path_factory.mktemp("hostile-served") / "project"))
    site, server = serve_build(project)
    yield site
    server.stop()


def test_no_payload_runs_in_chromium(hostile_served, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    context.add_init_script(WATCH)
    page = context.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        site_dir = hostile_served.build.site
        urls = sorted({"" if p.parent == site_dir else p.parent.relative_to(site_dir).as_posix() + "/"
                       for p in site_dir.rglob("index.html")} - {"search/"})
        for url in urls:
            page.goto(hostile_served.url + url)
            page.wait_for_load_state("networkidle")
            for span in page.locator("span.pf:not(.pf-unset)").all():
                span.click(force=True, timeout=2000) if span.is_visible() else None
            assert page.evaluate("window.__violations") == [], url
        # search renders snippets of the index, where the payloads are too
        page.goto(hostile_served.url)
        page.locator("label[for=__search]").first.click()
        box = page.locator("input.md-search__input")
        found = {}
        for word in ("onerror", "链接", "点我", "粗体"):
            box.fill(word)
            box.press("End")
            page.wait_for_timeout(800)
            found[word] = page.locator(".md-search-result__item").count()
            assert page.evaluate("window.__violations") == [], word
        assert all(found.values()), found
        assert page.locator(".md-search-result script, .md-search-result img").count() == 0
    finally:
        context.close()
    assert dialogs == [] and errors == []


def test_control_an_inline_script_would_be_seen(hostile_served, browser):
    """Control: a script that does run is reported by the same listeners."""
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(hostile_served.url)
        page.evaluate("setTimeout(() => alert('probe'), 0)")
        page.wait_for_timeout(200)
        page.evaluate("""() => { const s = document.createElement('script');
                         s.textContent = 'window.__ran = 1'; document.body.append(s); }""")
        page.wait_for_timeout(200)
        assert dialogs == ["probe"]
        assert page.evaluate("window.__ran") is None  # blocked by the page's CSP …
        assert any(v.startswith("script-src") for v in page.evaluate("window.__violations"))  # … and seen
    finally:
        context.close()
