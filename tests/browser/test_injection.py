"""Hostile profile values in every text and list field (profile.local.yml)
render as inert text in Chromium: no dialog, no script error, no CSP
violation on any page, also through search, whose snippets hold them too."""

from __future__ import annotations

import pytest
from conftest import write_hostile

from .checks import Watch, open_search, type_query
from .pages import page_urls

pytestmark = pytest.mark.browser

@pytest.fixture(scope="module")
def hostile_served(new_project, serve_project):
    return serve_project(write_hostile(new_project("hostile")))


def test_no_payload_runs_in_chromium(hostile_served, new_context):
    site = hostile_served
    page = new_context().new_page()
    watch = Watch(page, site.url)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for url in page_urls(site.site):
        page.goto(site.url + url)
        page.wait_for_load_state("networkidle")
        for span in page.locator("span.pf:not(.pf-unset)").all():
            if span.is_visible():
                span.tap(force=True, timeout=2000)
        assert page.locator("article span.pf *").count() == 0, url  # nothing inside a value is an element
        assert watch.problems() == [], url
    # search renders snippets of the index, where the payloads are too
    page.goto(site.url)
    open_search(page)
    found = {word: type_query(page, word)["sections"] for word in ("onerror", "链接", "点我", "粗体")}
    assert all(found.values()), found
    assert page.locator(".md-search-result script, .md-search-result img").count() == 0
    assert watch.problems() == [] and dialogs == []

