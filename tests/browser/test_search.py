"""Search as a person uses it, in Chromium: open the search, type a Chinese
query key by key, read the results. Material searches in a web worker (the
site ships it patched: hooks/handbook/output/patches.py), so only a real
browser proves this. Every query of tests/search/queries.yml must put its
answer's section first: the first section row a reader sees (page title rows
and folded "more on this page" results do not count). Also: the unpatched
worker misses, result snippets show the reader's own values, dark scheme,
shared ?q= links, the search's share button, and tap targets of the overlay."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from conftest import search_queries

from ._browser import VIEWPORTS
from .checks import horizontal_overflow, open_search, search_results, small_tap_targets, type_query
from .pages import MANIFEST

pytestmark = pytest.mark.browser

TABLE = search_queries()
QUERIES = {q.query: q.answer for q in TABLE}
DARK = ["期望薪资", "跳槽", "末位淘汰", "offer"]
# a required part of an answer (e.g. its 依据 list, `layoff-basis`) counts as that answer
PARTS = {a.part_id(p): a.id for a in MANIFEST.answers for p in a.requires}


def top3(results: dict) -> list[str]:
    """The answers of the first three result sections."""
    return [PARTS.get(s, s) for s in results["sections"]][:3]


def misses(page, expected: dict[str, str]) -> list[str]:
    """The queries whose answer is not the first result, with what was."""
    out = []
    for query, answer in expected.items():
        results = type_query(page, query)
        if results["first"] != answer:
            out.append(f"{query}: {results['first']} first, not {answer} ({results['sections'][:3]}, "
                       f"{results['meta']})")
    return out


def test_every_query_typed_on_a_phone_finds_its_answer_first(served, phone):
    phone.goto(served.url)
    open_search(phone)
    assert len(QUERIES) >= 60
    assert misses(phone, QUERIES) == []
    # a query the site cannot answer says so
    results = type_query(phone, "区块链")
    assert results["sections"] == [] and results["first"] is None and "没有找到" in results["meta"]


def test_the_query_check_fails_on_a_wrong_answer(served, phone):
    # 裁员 finds its answer, not the expected salary: the check is specific
    phone.goto(served.url)
    open_search(phone)
    assert misses(phone, {"裁员": "layoff"}) == []
    assert len(misses(phone, {"裁员": "expected-salary"})) == 1


FOLDED = """<div class="md-search-result__meta">2 个结果</div><ol class="md-search-result__list">
<li class="md-search-result__item"><a class="md-search-result__link" href="http://x/rights/">劳动权益</a>
<details class="md-search-result__more"><summary>在该页上还有 1 个符合条件的结果</summary>
<a class="md-search-result__link" href="http://x/rights/#layoff">裁员</a></details></li>
<li class="md-search-result__item"><a class="md-search-result__link" href="http://x/salary/">谈薪</a>
<a class="md-search-result__link" href="http://x/salary/#expected-salary">期望薪资</a></li></ol>"""


def test_a_page_row_or_a_folded_result_is_not_the_first_result(phone):
    # Material heads a page's results with the page's own row and folds away
    # the sections scoring below it: neither is what a reader sees first
    phone.set_content(FOLDED)
    results = search_results(phone)
    assert results["sections"] == ["layoff", "expected-salary"]
    assert results["first"] == "expected-salary"


# The mixed queries and the questions of the table: where Material's own
# worker loses words (the last one, the words after an unknown character,
# Chinese glued to Latin letters).
HARD = {q.query: q.answer for q in TABLE if q.kind in ("mixed", "question")}


def test_materials_unpatched_worker_misses_what_the_shipped_one_finds(served, project, serve_project,
                                                                      new_context, monkeypatch):
    from handbook.output import patches
    monkeypatch.setattr(patches, "PATCHES", ())
    unpatched = serve_project(project)
    page = new_context("phone-390").new_page()
    page.goto(unpatched.url)
    config = json.loads(page.locator("#__config").text_content())
    assert config["search"].endswith(patches.SEARCH_WORKER)  # Material's own file
    open_search(page)
    lost = misses(page, HARD)
    assert len(lost) >= 3, lost
    page.goto(served.url)
    open_search(page)
    assert misses(page, HARD) == []


SNIPPET_VALUES = {"annual_package": "45万", "monthly_salary": "30", "name": "<b>韩梅梅</b>"}


def snippet_of(page, answer: str) -> str:
    link = page.locator(f".md-search-result__list a.md-search-result__link[href$='#{answer}']").first
    return link.inner_text().replace("\u200b", "")


def test_result_snippets_show_the_readers_own_values(served, phone):
    phone.goto(served.url)
    phone.evaluate("v => localStorage.setItem('handbook.profile', JSON.stringify(v))", SNIPPET_VALUES)
    phone.reload()
    open_search(phone)
    assert type_query(phone, "薪资总包")["first"] == "expected-salary"
    snippet = snippet_of(phone, "expected-salary")
    assert "45万" in snippet and "30K" in snippet, snippet  # number fields with their unit, as on the page
    assert "〔当前年薪总包〕" not in snippet and "〔当前月薪〕" not in snippet
    assert "〔每年发薪月数〕" in snippet  # a field not filled in keeps its placeholder
    # markup in a value is text, never HTML
    assert type_query(phone, "自我介绍")["first"] == "self-intro"
    assert "<b>韩梅梅</b>" in snippet_of(phone, "self-intro")
    assert phone.locator(".md-search-result__list b").count() == 0


def test_without_values_snippets_keep_the_placeholders(served, phone):
    phone.goto(served.url)
    open_search(phone)
    type_query(phone, "薪资总包")
    snippet = snippet_of(phone, "expected-salary")
    assert "〔当前年薪总包〕" in snippet and "45万" not in snippet


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
    assert results["first"] == QUERIES[query], results
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
