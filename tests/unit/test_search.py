"""The search index completed from the records (hooks/handbook/output/search.py):
keywords in a field of their own, pages of answers ranked below their
answers, profile values wrapped in their page markup."""

from __future__ import annotations

import pytest

from handbook.model import Answer, ProfileValue, Record
from handbook.output.search import (FIELD, PAGE_BOOST, SearchIndexError, enrich, keyword_field,
                                    keyword_terms, value_pattern, wrap_values)

Z = "\u200b"


def markup(value: ProfileValue, inner: str) -> str:
    return f'<span data-profile="{value.key}">{inner}</span>'


def test_a_keyword_is_indexed_as_its_words():
    assert keyword_terms("期望薪资") == ["期望", "薪资"]
    assert keyword_terms("跳槽") == ["跳槽"]
    # lone characters are left out; a keyword of lone characters stays whole
    assert keyword_terms("为什么换工作") == ["为什么", "工作"]
    assert keyword_terms("下家") == ["下家"]
    assert keyword_terms("N+1") == ["n+1"]
    assert keyword_terms("其他offer") == ["其他", "offer"]
    assert keyword_field(["跳槽", "期望薪资"]) == f"跳槽 期望{Z}薪资"


def test_a_value_is_found_as_material_wrote_it():
    assert value_pattern("〔目标公司〕").fullmatch(f"〔{Z}目标{Z}公司{Z}〕")
    assert value_pattern("A&B").fullmatch("A&amp;B")
    assert not value_pattern("〔目标公司〕").search("目标公司")


def test_values_are_wrapped_in_reading_order_across_an_answers_entries():
    values = [ProfileValue("a", "〔甲〕", True), ProfileValue("b", "〔乙〕", True), ProfileValue("a", "〔甲〕", True)]
    texts, missing = wrap_values(["<p>〔甲〕和〔乙〕</p>", "<li>〔甲〕</li>"], values, markup)
    assert missing == []
    assert texts == ['<p><span data-profile="a">〔甲〕</span>和<span data-profile="b">〔乙〕</span></p>',
                     '<li><span data-profile="a">〔甲〕</span></li>']
    # a value not in the text is reported, not guessed
    assert wrap_values(["<p>无</p>"], values[:1], markup)[1] == values[:1]


def record(answer_id: str, keywords=(), values=()) -> Record:
    return Record(Answer(answer_id, "问题", "salary.md", (), tuple(keywords)), "salary.md", "salary/",
                  spoken="", values=tuple(values))


def index() -> dict:
    return {"config": {"fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
            "docs": [{"location": "salary/", "title": "谈薪", "text": ""},
                     {"location": "salary/#expected-salary", "title": "问题", "text": "<p>〔年薪〕</p>"},
                     {"location": "other/", "title": "别的", "text": ""}]}


def test_enrich_adds_keywords_ranks_pages_below_answers_and_wraps_values():
    data = index()
    done = enrich(data, [record("expected-salary", ["薪水", "涨薪"], [ProfileValue("pay", "〔年薪〕", True)])],
                  1000.0, markup)
    assert (done.keywords, done.values) == (2, 1)
    assert data["config"]["fields"][FIELD] == {"boost": 1000.0}
    page, answer, other = data["docs"]
    assert answer[FIELD] == "薪水 涨薪" and "boost" not in answer
    assert answer["text"] == '<p><span data-profile="pay">〔年薪〕</span></p>'
    assert page["boost"] == PAGE_BOOST and "boost" not in other


def test_enrich_fails_when_the_index_lacks_what_the_pages_show():
    with pytest.raises(SearchIndexError, match="answer 'gone' has no entry salary/#gone"):
        enrich(index(), [record("gone")], 1000.0, markup)
    with pytest.raises(SearchIndexError, match=r"answer 'expected-salary': profile value x \('〔别的〕'\)"):
        enrich(index(), [record("expected-salary", values=[ProfileValue("x", "〔别的〕", True)])], 1000.0, markup)
