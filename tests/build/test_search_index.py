"""Chinese search in the built index: jieba segments at build time, the
separator splits on U+200B, and a typed query, segmented against the index
vocabulary the way Material's search worker does it, finds its answer."""

from __future__ import annotations

import json
import re

import pytest


@pytest.fixture(scope="module")
def index(site) -> dict:
    return json.loads(site.text("search/search_index.json"))


def tokens(text: str, separator: str) -> list[str]:
    return [t.lower() for t in re.split(separator, re.sub(r"<[^>]+>", " ", text)) if t]


def segment(query: str, vocabulary: set[str]) -> set[str]:
    """Python port of the worker function of Material that splits a run of
    Han characters into index terms, quirks included."""
    n = [0] * len(query)
    for s in range(len(query)):
        for o in range(s + 1, len(query)):
            if query[s:o] in vocabulary:
                n[s] = o - s
    found: set[str] = set()
    stack = [0]
    while stack:
        o = stack.pop()
        for u in range(1, n[o]):
            if o + u < len(n) and n[o + u] > n[o] - u:
                found.add(query[o:o + u])
                stack.append(o + u)
        a = o + n[o]
        if a < len(query) - 1 and n[a]:
            stack.append(a)
        found.add(query[o:a])
    return {query} if "" in found else found


def matches(terms: set[str], entry_tokens: list[str]) -> bool:
    """Every query term is a prefix of some token (Material appends a wildcard)."""
    return all(any(tok.startswith(term) for tok in entry_tokens) for term in terms)


def query_terms(query: str, separator: str, vocabulary: set[str]) -> set[str]:
    terms = set()
    for part in tokens(query, separator):
        terms |= segment(part, vocabulary) if re.match(r"[\u4e00-\u9fff]", part) else {part}
    return terms


def test_the_separator_splits_on_the_zero_width_space(index):
    assert "\\u200b" in index["config"]["separator"]
    assert re.split(index["config"]["separator"], "期望\u200b薪资") == ["期望", "薪资"]


def test_the_index_holds_words_as_separate_tokens(index):
    entry = next(d for d in index["docs"] if d["location"] == "salary/#expected-salary")
    assert "期望薪资" in entry["title"].replace("\u200b", "")
    assert {"期望", "薪资"} <= set(tokens(entry["title"], index["config"]["separator"]))


def test_every_answer_has_its_own_entry_titled_with_its_question(index, manifest):
    titles = {d["location"]: d["title"].replace("\u200b", "") for d in index["docs"]}
    for answer in manifest.answers:
        location = f"{answer.page.removesuffix('.md')}/#{answer.id}"
        assert titles.get(location) == answer.title, answer.id


QUERIES = {
    "期望薪资": "salary/#expected-salary",
    "离职": "opening/#why-leave",
    "自我介绍": "opening/#self-intro",
    "职业规划": "planning/#career-plan",
    "末位淘汰": "rights/#bottom-ranking",
    "offer": "offer/#other-offers",
    "到岗": "offer/#start-date",
}


@pytest.mark.parametrize(("query", "location"), QUERIES.items())
def test_a_query_finds_its_answer(index, query, location):
    separator = index["config"]["separator"]
    entries = {d["location"]: tokens(d["title"] + " " + d["text"], separator) for d in index["docs"]}
    vocabulary = {t for toks in entries.values() for t in toks}
    assert matches(query_terms(query, separator, vocabulary), entries[location]), location


def test_a_query_absent_from_the_site_finds_nothing(index):
    separator = index["config"]["separator"]
    all_tokens = [t for d in index["docs"] for t in tokens(d["title"] + " " + d["text"], separator)]
    vocabulary = set(all_tokens)
    assert not matches(query_terms("区块链", separator, vocabulary), all_tokens)
    assert not matches(query_terms("offer", separator, vocabulary), tokens("期望薪资", separator))
