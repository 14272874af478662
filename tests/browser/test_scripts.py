"""Material's bundle is deferred (overrides/main.html), and so are the
site's scripts: instant navigation and search still run, and each feature
script runs once per page."""

from __future__ import annotations

import pytest

from .checks import Watch, open_search, type_query
from .pages import MANIFEST

pytestmark = pytest.mark.browser


def navigate_keeps_window(page, url: str) -> bool:
    """Open the home page, follow the first answer link: True when Material's
    instant navigation swapped the page (same window), False on a full reload."""
    page.goto(url)
    page.wait_for_load_state("load")
    page.evaluate("window.__marker = 1")
    start = page.evaluate("location.pathname")
    page.locator(".md-content li a[href*='/#']").first.click()  # an answer on another page
    page.wait_for_function(f"location.pathname !== {start!r} && location.hash.length > 1")
    page.wait_for_load_state("load")
    return page.evaluate("window.__marker === 1")


def test_deferred_bundle_still_runs_instant_navigation_and_search(served, phone):
    watch = Watch(phone, served.url)
    assert navigate_keeps_window(phone, served.url)
    open_search(phone)
    results = type_query(phone, "离职")
    assert results["sections"], results
    assert watch.problems() == []


def test_without_the_bundle_navigation_is_a_full_reload(served, phone):
    phone.route("**/bundle.*.min.js", lambda route: route.abort())
    assert not navigate_keeps_window(phone, served.url)


def test_the_features_run_once_per_page_after_instant_navigation(served, new_context):
    # One tap reveals an answer (twice would hide it again) and one copy is
    # one clipboard text, however many pages were shown before.
    page = new_context(clipboard=served.url).new_page()
    page.goto(served.url)
    page.evaluate("window.__marker = 1")
    for title in ("开场与动机", "规划与自我评价", "到岗与 offer"):
        page.locator("a.md-footer__link--next").tap()
        page.wait_for_function("t => document.querySelector('article h1').textContent.startsWith(t)", arg=title)
    assert page.evaluate("window.__marker") == 1  # instant navigation all the way
    page.get_by_role("button", name="练习模式").tap()
    page.locator("h2#start-date").tap(position={"x": 8, "y": 8})
    assert page.locator('.answer[data-answer="start-date"] .answer-body').is_visible()
    assert page.locator(".answer-copy:visible").count() == len(MANIFEST.answers_on("offer.md"))
    page.evaluate("window.__copies = 0; document.addEventListener('copy', () => window.__copies++)")
    page.locator('.answer[data-answer="start-date"] .answer-copy').tap()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__copies") == 1
