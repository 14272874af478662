"""Chinese search, checked in the built index (the browser test comes with the
phone issue): jieba segments at build time, the separator splits on U+200B,
and a typed query is segmented against the index vocabulary the way Material's
search worker does it."""

from __future__ import annotations

import json
import re

import pytest


def index(site) -> dict:
    return json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))


def tokens(text: str, separator: str) -> list[str]:
    return [t.lower() for t in re.split(separator, re.sub(r"<[^>]+>", " ", text)) if t]


def segment(query: str, vocabulary: set[str]) -> set[str]:
    """Python port of Material's worker function that splits a run of Han
    characters into index terms (search worker, `fe`), quirks included."""
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


def test_config_uses_a_separator_that_splits_on_zero_width_space(site):
    config = index(site)["config"]
    assert "\\u200b" in config["separator"]
    assert re.split(config["separator"], "期望\u200b薪资") == ["期望", "薪资"]


def test_index_holds_expected_and_salary_as_separate_tokens(site):
    data = index(site)
    separator = data["config"]["separator"]
    entry = next(d for d in data["docs"] if d["location"] == "salary/#expected-salary")
    assert "期望薪资" in entry["title"].replace("\u200b", "")
    assert {"期望", "薪资"} <= set(tokens(entry["title"], separator))


def test_segment_port_splits_a_query_into_index_terms():
    assert segment("期望薪资", {"期望", "薪资", "薪"}) == {"期望", "薪"}
    # the worker never looks at a slice that ends the query, so the last word
    # is found only through a shorter index term that begins it
    assert segment("期望薪资", {"期望", "薪资"}) == {"期望"}
    # like the worker, the last character never starts a slice of its own
    assert segment("离职", {"离"}) == {"离"}
    assert segment("离职", {"离职"}) == {"离职"}
    assert segment("末位淘汰", set()) == {"末位淘汰"}


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
def test_query_finds_its_answer_in_the_index(site, query, location):
    data = index(site)
    separator = data["config"]["separator"]
    entries = {d["location"]: tokens(d["title"] + " " + d["text"], separator) for d in data["docs"]}
    vocabulary = {t for toks in entries.values() for t in toks}
    terms = set()
    for part in tokens(query, separator):
        terms |= segment(part, vocabulary) if re.match(r"[\u4e00-\u9fff]", part) else {part}
    assert matches(terms, entries[location]), (terms, location)


def test_a_query_absent_from_the_site_finds_nothing(site):
    data = index(site)
    separator = data["config"]["separator"]
    all_tokens = [t for d in data["docs"] for t in tokens(d["title"] + " " + d["text"], separator)]
    assert not matches({"区块链"}, all_tokens)
