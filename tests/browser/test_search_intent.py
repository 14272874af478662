"""Search on demand: a page loads neither the search index nor the search
worker until the reader shows the intent to search (taps the search button,
focuses the box, opens a `?q=` link); the first query typed is answered
all the same (Material's bundle as the site ships it, patched at build time:
hooks/handbook/output/patches.py)."""

from __future__ import annotations

from pathlib import Path

import material
import pytest

from .checks import open_search, search_results, type_query

pytestmark = pytest.mark.browser

SEARCH_FILES = ("search/search_index.json", "/workers/search.")
MATERIAL_JS = Path(material.__file__).parent / "templates" / "assets" / "javascripts"


def search_requests(requests: list[str]) -> list[str]:
    """The requests of the search index and worker among `requests`."""
    return [url for url in requests if any(part in url for part in SEARCH_FILES)]


def loaded(context, url: str) -> tuple[object, list[str]]:
    """A page of `url` after its load and the scripts' idle work, and every
    request it made (the service worker blocked: only the page's own)."""
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, requests


@pytest.mark.parametrize("viewport", ["phone-390", "desktop"])
def test_a_page_loads_no_search_until_the_reader_searches(served, new_context, viewport):
    page, requests = loaded(new_context(viewport, service_workers="block"), served.url + "salary/")
    assert search_requests(requests) == []
    open_search(page)  # the search button on a phone, the box on a laptop
    results = type_query(page, "离职")
    assert results["sections"], results
    assert len(search_requests(requests)) == 2, requests


def test_focusing_the_box_fetches_the_index_before_the_first_key(served, new_context):
    page, requests = loaded(new_context("desktop", service_workers="block"), served.url)
    page.locator("input.md-search__input").focus()
    page.wait_for_function("() => performance.getEntriesByType('resource')"
                           ".some(e => e.name.includes('search_index.json'))")
    assert len(search_requests(requests)) >= 1


def test_a_q_link_searches_at_once(served, new_context):
    page, requests = loaded(new_context("phone-390", service_workers="block"), served.url + "?q=期望薪资")
    assert "expected-salary" in search_results(page)["sections"]
    assert len(search_requests(requests)) == 2


def test_the_check_sees_material_s_bundle_fetching_search_at_startup(served, new_context):
    context = new_context("phone-390", service_workers="block")
    [original] = MATERIAL_JS.glob("bundle.*.min.js")
    context.route("**/assets/javascripts/bundle.*.min.js",
                  lambda route: route.fulfill(content_type="text/javascript", body=original.read_text("utf-8")))
    _, requests = loaded(context, served.url + "salary/")
    assert len(search_requests(requests)) == 2
