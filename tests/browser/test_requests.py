"""No third-party requests. A full visit (every page, a jump, a search, the
colour-scheme toggle, instant navigation) asks only the site's own host;
with every other host black-holed (a Playwright route that never answers, so
nothing leaves the machine) the pages still paint within 1 s. A build with
Material's Google font turned back on fails both checks."""

from __future__ import annotations

import pytest

from .checks import black_hole_off_site, first_paint_ms, open_search, type_query
from .pages import PAGES

pytestmark = pytest.mark.browser


def visit_everything(new_context, site_url: str, interact: bool = True, bypass_csp: bool = False,
                     pages: list[str] = PAGES) -> tuple[list[str], list[str]]:
    """(own requests, off-site requests) of a reader's full visit; without
    `interact` only the pages are loaded (a page blocked on a hanging
    stylesheet never becomes interactive)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    context = new_context(bypass_csp=bypass_csp)
    off_site: list[str] = []
    own: list[str] = []
    black_hole_off_site(context, site_url, off_site)
    context.on("request", lambda request: own.append(request.url))
    page = context.new_page()
    for url in pages:
        page.goto(site_url + url, wait_until="commit")
        try:
            page.wait_for_load_state("domcontentloaded", timeout=5000 if interact else 2000)
        except PlaywrightTimeout:
            assert not interact, f"{url} did not load"
        page.wait_for_timeout(200)
    if interact:
        page.goto(site_url + "opening/", wait_until="domcontentloaded")
        page.locator(".answer-jump a").first.tap()
        open_search(page)
        type_query(page, "期望薪资")
        page.keyboard.press("Escape")
        page.goto(site_url + "salary/", wait_until="domcontentloaded")
        for _ in range(2):  # light → dark → light
            page.locator('form[data-md-component="palette"] label:visible').first.tap()
            page.wait_for_timeout(200)
        page.locator(".md-footer__link--next").tap()  # instant navigation
        page.wait_for_timeout(500)
    return [u for u in own if u not in off_site], off_site


def test_a_full_visit_asks_only_the_sites_own_host(served, new_context):
    own, off_site = visit_everything(new_context, served.url)
    assert off_site == []
    assert any(u.endswith("search/search_index.json") for u in own)
    assert all(u.startswith(served.url) or u.startswith("data:") for u in own), own


def test_pages_paint_within_a_second_with_google_black_holed(served, new_context):
    context = new_context()
    black_hole_off_site(context, served.url, [])
    page = context.new_page()
    slow = {}
    for url in PAGES:
        # best of three loads: the bound is for the page, not for a busy CI
        # machine; a page blocked on a hanging host never paints at all
        paints = []
        for _ in range(3):
            page.goto(served.url + url, wait_until="load", timeout=10_000)
            paints.append(first_paint_ms(page, wait_ms=5000).get("first-paint", float("inf")))
            if paints[-1] < 1000:
                break
        if min(paints) >= 1000:
            slow[url or "index"] = paints
    assert slow == {}


@pytest.fixture(scope="module")
def google_font_site(new_project, serve_project):
    """The site as it would be with Material's default Google font."""
    project = new_project("google-font")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  font: false\n" in text
    config.write_text(text.replace("  font: false\n", "  font:\n    text: Roboto\n"), encoding="utf-8")
    return serve_project(project)


def test_the_request_log_catches_a_google_font(google_font_site, new_context):
    # bypass the site's CSP, which would refuse the font before any request
    _, off_site = visit_everything(new_context, google_font_site.url, interact=False, bypass_csp=True,
                                   pages=["salary/"])
    assert any("fonts.googleapis.com" in u for u in off_site)


def test_a_hanging_google_font_blocks_the_first_paint(google_font_site, new_context):
    # The site's CSP alone refuses the font's stylesheet (a second line of
    # defence); bypass it to show what the font would do to the first paint.
    context = new_context(bypass_csp=True)
    hung: list[str] = []
    black_hole_off_site(context, google_font_site.url, hung)
    page = context.new_page()
    page.goto(google_font_site.url + "salary/", wait_until="commit")
    page.wait_for_timeout(2000)
    assert first_paint_ms(page) == {}
    assert any("fonts.googleapis.com" in u for u in hung)
