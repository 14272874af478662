"""Search as a person uses it, in Chromium: open the search, type a Chinese
keyword key by key, read the results. Material searches in a web worker, so
only a real browser proves this. Each query expects its answer among the
first three sections the results list (collapsed "more on this page" results
count, page title rows do not). Also: dark scheme, shared ?q= links, the
search's share button, and tap targets of the search overlay."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from ._browser import VIEWPORTS
from .checks import horizontal_overflow, open_search, search_results, small_tap_targets, type_query
from .pages import MANIFEST

pytestmark = pytest.mark.browser

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
DARK = ["期望薪资", "离职", "末位淘汰", "offer"]
# a required part of an answer (e.g. its 依据 list, `layoff-basis`) counts as that answer
PARTS = {a.part_id(p): a.id for a in MANIFEST.answers for p in a.requires}


def top3(results: dict) -> list[str]:
    """The answers of the first three result sections."""
    return [PARTS.get(s, s) for s in results["sections"]][:3]


def misses(page, expected: dict[str, str]) -> list[str]:
    """The queries whose answer is not in the top 3, with what was found."""
    out = []
    for query, answer in expected.items():
        results = type_query(page, query)
        if answer not in top3(results):
            out.append(f"{query}: {answer} not in {top3(results)} ({results['meta']})")
    return out


def test_every_query_typed_on_a_phone_finds_its_answer_in_the_top_3(served, phone):
    phone.goto(served.url)
    open_search(phone)
    assert misses(phone, QUERIES) == []
    # a query the site cannot answer says so
    results = type_query(phone, "区块链")
    assert results["sections"] == [] and "没有找到" in results["meta"]


def test_the_query_check_fails_on_a_wrong_answer(served, phone):
    # 裁员 finds its answer, not the expected salary: the check is specific
    phone.goto(served.url)
    open_search(phone)
    assert misses(phone, {"裁员": "layoff"}) == []
    assert len(misses(phone, {"裁员": "expected-salary"})) == 1


@pytest.mark.parametrize("viewport", ["phone-360", "desktop"])
def test_search_works_in_the_dark_scheme(served, new_context, viewport):
    page = new_context(viewport, color_scheme="dark").new_page()
    page.goto(served.url)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    open_search(page)
    assert misses(page, {q: QUERIES[q] for q in DARK}) == []
    assert page.locator(".md-search-result__list").is_visible()


@pytest.mark.parametrize("query", ["期望薪资", "末位淘汰"])
def test_a_shared_search_link_with_a_chinese_query_opens_its_results(served, phone, query):
    phone.goto(f"{served.url}?q={quote(query)}")
    assert phone.locator("input.md-search__input").input_value() == query
    results = search_results(phone)
    assert QUERIES[query] in top3(results), results
    assert phone.locator(".md-search-result__list").is_visible()


def test_the_search_share_button_copies_a_link_that_opens_the_same_results(served, new_context):
    # Typed key by key, the last key ends the query: the copied link must hold
    # all of it (Material alone copies the address from before its last update).
    context = new_context("desktop", clipboard=served.url)
    page = context.new_page()
    page.goto(served.url)
    open_search(page)
    type_query(page, "离职")
    page.locator('[data-md-component="search-share"]').click()
    page.wait_for_timeout(300)
    link = page.evaluate("navigator.clipboard.readText()")
    assert link == f"{served.url}?q={quote('离职')}"
    other = context.new_page()
    other.goto(link)
    assert other.locator("input.md-search__input").input_value() == "离职"
    assert "why-leave" in top3(search_results(other))


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_search_overlay_controls_are_big_enough_to_tap(served, new_context, viewport):
    page = new_context(viewport).new_page()
    page.goto(served.url)
    open_search(page)
    type_query(page, "薪资")
    assert small_tap_targets(page, ".md-search__icon, .md-header__button") == []
    assert horizontal_overflow(page) == []
