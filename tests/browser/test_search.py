"""Search as a person uses it, in Chromium: open the search, type a Chinese
keyword, read the results. Material searches in a web worker, so only a real
browser proves this. Each query expects its answer among the first three
sections the results list (collapsed "more on this page" results count, page
title rows do not)."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from browser import VIEWPORTS
from browser_checks import open_search, search_results, type_query
from manifest import load_manifest

# query → the answer a reader typing it is looking for
QUERIES = {
    "薪资": "expected-salary",
    "期望薪资": "expected-salary",
    "涨幅": "expected-salary",
    "年薪": "salary-quote",
    "报价": "salary-quote",
    "还价": "salary-counter",
    "压价": "salary-counter",
    "离职": "why-leave",
    "为什么离职": "why-leave",
    "新机会": "motivation",
    "自我介绍": "self-intro",
    "了解公司": "know-company",
    "职业规划": "career-plan",
    "优缺点": "strengths-weaknesses",
    "缺点": "strengths-weaknesses",
    "offer": "other-offers",
    "到岗": "start-date",
    "交接": "start-date",
    "反问": "questions-to-ask",
    "晋升": "questions-to-ask",
    "末位淘汰": "bottom-ranking",
    "绩效": "bottom-ranking",
    "主动离职": "pressured-resign",
    "自愿离职": "pressured-resign",
    "劝退": "pressured-resign",
    "裁员": "layoff",
    "经济补偿": "layoff",
}
DARK_PHONE = ["期望薪资", "离职", "末位淘汰", "offer"]


def test_every_expected_answer_exists_in_the_manifest():
    known = {a.id for a in load_manifest().answers}
    assert set(QUERIES.values()) <= known
    assert len(QUERIES) >= 15


@pytest.fixture(scope="module")
def search_page(served, browser):
    """One phone page with the search open, reused by the table."""
    context = browser.new_context(viewport=VIEWPORTS["phone-390"], is_mobile=True, has_touch=True,
                                  device_scale_factor=2, locale="zh-CN")
    page = context.new_page()
    page.goto(served.url)
    open_search(page)
    yield page
    context.close()


def owners(sections: list[str]) -> list[str]:
    """Each result section as the answer it belongs to: a required part of
    an answer (e.g. its 依据 list, `layoff-basis`) counts as that answer."""
    parts = {a.part_id(p): a.id for a in load_manifest().answers for p in a.requires}
    return [parts.get(s, s) for s in sections]


def test_owners_maps_parts_to_their_answer_only():
    assert owners(["layoff-basis", "compensation", "layoff"]) == ["layoff", "compensation", "layoff"]


@pytest.mark.parametrize(("query", "answer"), QUERIES.items())
def test_query_typed_on_a_phone_finds_its_answer_in_the_top_3(search_page, query, answer):
    results = type_query(search_page, query)
    assert answer in owners(results["sections"])[:3], (query, results)


def test_a_query_the_site_cannot_answer_says_so(search_page):
    results = type_query(search_page, "区块链")
    assert results["sections"] == []
    assert "没有找到" in results["meta"]


def test_a_query_for_another_answer_does_not_pass_the_check(search_page):
    # the table's check is specific: 裁员 finds its answer, not the expected salary
    top = owners(type_query(search_page, "裁员")["sections"])[:3]
    assert "layoff" in top and "expected-salary" not in top


@pytest.mark.parametrize("viewport", ["phone-360", "desktop"])
def test_search_works_in_the_dark_scheme(served, browser, viewport):
    mobile = viewport.startswith("phone")
    context = browser.new_context(viewport=VIEWPORTS[viewport], is_mobile=mobile, has_touch=mobile,
                                  locale="zh-CN", color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(served.url)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        open_search(page)
        for query in DARK_PHONE:
            results = type_query(page, query)
            assert QUERIES[query] in owners(results["sections"])[:3], (query, results)
        assert page.locator(".md-search-result__list").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("query", ["期望薪资", "末位淘汰"])
def test_a_shared_search_link_with_a_chinese_query_opens_its_results(served, phone, query):
    phone.goto(f"{served.url}?q={quote(query)}")
    assert phone.locator("input.md-search__input").input_value() == query
    results = search_results(phone)
    assert QUERIES[query] in owners(results["sections"])[:3], results
    assert phone.locator(".md-search-result__list").is_visible()


def copy_search_link(served, browser, query: str, block_share_js: bool = False) -> tuple[str, object]:
    """Type `query`, press the search's share button, return the clipboard."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.url.rstrip("/"))
    if block_share_js:
        context.route("**/javascripts/share.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(served.url)
    open_search(page)
    type_query(page, query)
    page.locator('[data-md-component="search-share"]').click()
    page.wait_for_timeout(300)
    return page.evaluate("navigator.clipboard.readText()"), context


def test_the_search_share_button_copies_a_link_that_opens_the_same_results(served, browser):
    link, context = copy_search_link(served, browser, "离职")
    try:
        assert link == f"{served.url}?q={quote('离职')}"
        page = context.new_page()
        page.goto(link)
        assert page.locator("input.md-search__input").input_value() == "离职"
        assert "why-leave" in search_results(page)["sections"][:3]
    finally:
        context.close()


def test_without_share_js_the_copied_search_link_is_stale(served, browser):
    # Material alone copies the address from before the last update
    link, context = copy_search_link(served, browser, "离职", block_share_js=True)
    context.close()
    # the address from before the last update: no query, or only its first part
    assert link.startswith(served.url) and link != f"{served.url}?q={quote('离职')}", link
