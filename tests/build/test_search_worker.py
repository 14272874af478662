"""Material's own search worker, run in Node over the built search index:
the worker the site ships (patched at build time, hooks/handbook/output/
patches.py) against Material's original. The original drops words of a
Chinese query; the shipped one finds every query of tests/search/queries.yml
with its answer's section first (the browser test types them on a phone)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, material_templates, search_queries
from handbook.output import patches

RUNNER = ROOT / "tests" / "search" / "run_worker.js"
ORIGINAL = material_templates() / patches.SEARCH_WORKER
QUERIES = search_queries()


def run_worker(worker: Path, index: Path, queries: list[str]) -> dict[str, list[list[dict]]]:
    """query → the worker's result groups (one per page, items in its order)."""
    if not shutil.which("node"):
        if os.environ.get("CI") == "true":
            pytest.fail("Node.js is needed to run Material's search worker (.ci/run installs it)")
        pytest.skip("Node.js not found: Material's search worker runs under node")
    done = subprocess.run(["node", str(RUNNER), str(worker), str(index)], input=json.dumps(queries),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return {r["query"]: r["groups"] for r in json.loads(done.stdout)}


def first_section(groups: list[list[dict]]) -> str | None:
    """The first section a reader sees: Material heads each page's results
    with the page's own entry and folds away sections that score below the
    page's best item ("more results on this page")."""
    if not groups:
        return None
    best = groups[0][0]["score"]
    shown = [i["location"] for i in groups[0] if "#" in i["location"] and i["score"] >= best]
    return shown[0].split("#", 1)[1] if shown else None


def misses(results: dict[str, list[list[dict]]]) -> list[str]:
    return [f"{q.query} → {first_section(results[q.query])} (wanted {q.answer})"
            for q in QUERIES if first_section(results[q.query]) != q.answer]


@pytest.fixture(scope="module")
def shipped(site) -> Path:
    config = site.page("").find("script", id="__config").string
    path = json.loads(config)["search"]
    return site.site / path


@pytest.fixture(scope="module")
def index(site) -> Path:
    return site.site / "search" / "search_index.json"


def test_the_site_ships_a_patched_worker_and_not_materials(site, shipped):
    assert shipped.is_file() and shipped.name != ORIGINAL.name
    assert re.fullmatch(r"search\.[0-9a-f]{8}\.min\.js", shipped.name)
    assert not (site.site / patches.SEARCH_WORKER).exists()
    assert not (site.site / (patches.SEARCH_WORKER + ".map")).exists()
    assert "sourceMappingURL" not in shipped.read_text(encoding="utf-8")


def test_the_original_worker_searches_the_first_word_only_the_shipped_one_all(shipped, index):
    queries = ["期望薪资", "被劝离职", "其他offer"]
    original, fixed = run_worker(ORIGINAL, index, queries), run_worker(shipped, index, queries)
    # the word that ends the query is never searched
    assert not any(term.startswith("薪资") for term in original["期望薪资"][0][0]["terms"])
    assert fixed["期望薪资"][0][0]["terms"] == {"期望": True, "薪资": True}
    # and every word before the last gets two wildcards: reported missing (缺少: 被*)
    assert not any(term.startswith("离职") for term in original["被劝离职"][0][0]["terms"])
    assert any(term.endswith("*") and not found for term, found in original["被劝离职"][0][0]["terms"].items())
    assert fixed["被劝离职"][0][0]["terms"] == {"被": True, "劝": True, "离职": True}
    # Chinese glued to Latin letters: one term matching nothing, or both words
    assert original["其他offer"] == []
    assert first_section(fixed["其他offer"]) == "other-offers"


def test_every_query_finds_its_answer_first_with_the_shipped_worker_only(shipped, index):
    queries = [q.query for q in QUERIES]
    assert misses(run_worker(shipped, index, queries)) == []
    lost = misses(run_worker(ORIGINAL, index, queries))
    assert len(lost) >= len(QUERIES) // 10, lost  # what the fix is for


def test_the_first_section_check_fails_on_a_wrong_answer(shipped, index):
    results = run_worker(shipped, index, ["裁员"])
    assert first_section(results["裁员"]) == "layoff"
    assert first_section([]) is None
    # a section folded below its page's own entry is not what a reader sees first
    folded = [[{"location": "rights/", "score": 9.0}, {"location": "rights/#layoff", "score": 1.0}]]
    assert first_section(folded) is None


def test_the_query_table_covers_every_kind_and_answer(manifest):
    assert len(QUERIES) >= 60
    assert {q.kind for q in QUERIES} == {"word", "phrase", "colloquial", "mixed", "question"}
    assert {q.answer for q in QUERIES} == {a.id for a in manifest.answers}
    assert len({q.query for q in QUERIES}) == len(QUERIES)
    words = [q.query for q in QUERIES if q.kind == "word"]
    assert all(2 <= len(w) <= 6 for w in words), words
