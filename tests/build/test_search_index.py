"""The search index the site ships: Material's (jieba segments Chinese at
build time, the separator splits on U+200B), completed from the records by
hooks/handbook/output/search.py: each answer's keywords in a field of their
own, a page's own entry below its answers, the profile values in their page
markup. How a query ranks is tested with Material's worker itself
(test_search_worker.py) and in Chromium (tests/browser/test_search.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import SITE_URL, Build, build, edit, material_templates
from handbook.model import load_manifest
from handbook.output import patches, search


def load(result: Build) -> dict:
    return json.loads(result.text("search/search_index.json"))


@pytest.fixture(scope="module")
def index(site) -> dict:
    return load(site)


def docs(index: dict) -> dict[str, dict]:
    return {d["location"]: d for d in index["docs"]}


def test_the_separator_splits_on_the_zero_width_space(index):
    assert "\\u200b" in index["config"]["separator"]
    assert re.split(index["config"]["separator"], "期望\u200b薪资") == ["期望", "薪资"]


def test_every_answer_has_its_own_entry_titled_with_its_question(index, manifest):
    titles = {loc: d["title"].replace("\u200b", "") for loc, d in docs(index).items()}
    for answer in manifest.answers:
        assert titles.get(f"{answer.page.removesuffix('.md')}/#{answer.id}") == answer.title, answer.id


def test_every_answer_has_keywords_indexed_in_their_own_field(index, manifest):
    assert index["config"]["fields"][search.FIELD] == index["config"]["fields"]["title"]
    entries = docs(index)
    for answer in manifest.answers:
        assert answer.keywords, f"{answer.id}: give it the words a reader types"
        entry = entries[f"{answer.page.removesuffix('.md')}/#{answer.id}"]
        assert entry[search.FIELD] == search.keyword_field(answer.keywords), answer.id
    assert sum(search.FIELD in d for d in index["docs"]) == len(manifest.answers)


def test_keywords_show_nowhere_on_the_pages(site, project):
    # every page is the same, byte for byte, built without any keyword
    manifest = project / "hooks" / "handbook" / "data" / "answers.yml"
    lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    manifest.write_text("".join(line for line in lines if not line.lstrip().startswith("keywords:")),
                        encoding="utf-8")
    bare = build(project, env={"SITE_URL": SITE_URL})
    assert bare.ok, bare.log
    assert all(not a.keywords for a in load_manifest(manifest).answers)
    pages = sorted(p.relative_to(site.site) for p in site.site.rglob("*.html"))
    assert pages and pages == sorted(p.relative_to(bare.site) for p in bare.site.rglob("*.html"))
    assert [p for p in pages if (site.site / p).read_bytes() != (bare.site / p).read_bytes()] == []
    assert not any(search.FIELD in d for d in load(bare)["docs"])


def test_a_page_of_answers_ranks_below_its_answers(index, manifest):
    entries = docs(index)
    for page in manifest.pages:
        if page.answers:
            assert entries[page.file.removesuffix(".md") + "/"]["boost"] == search.PAGE_BOOST, page.file
    assert "boost" not in entries["salary/#expected-salary"]


def test_profile_values_stand_in_their_page_markup_in_the_snippets_text(index, personal):
    text = docs(index)["salary/#expected-salary"]["text"]
    assert re.search(r'<span class="pf pf-unset" data-profile="annual_package" data-unit="万元">〔[^<]*〕</span>', text)
    own = docs(load(personal))["opening/#self-intro"]["text"]
    assert '<span class="pf" data-profile="name">李雷</span>' in own
    assert '<span class="pf" data-profile="projects.0">智能客服</span>' in own.replace("\u200b", "")


def test_the_index_text_of_a_hostile_value_stays_escaped(project):
    (project / "profile.local.yml").write_text('name: "<img src=x onerror=alert(1)>"\n', encoding="utf-8")
    result = build(project)
    assert result.ok, result.log
    text = docs(load(result))["opening/#self-intro"]["text"]
    assert '<span class="pf" data-profile="name">&lt;img src=x onerror=alert(1)&gt;</span>' in text
    assert "<img" not in text


def test_the_shipped_worker_is_named_by_every_page_and_precached(site):
    worker = patches.names(patches.patch_files(material_templates()))[patches.SEARCH_WORKER]
    for path, page in site.pages(stubs=False).items():
        config = json.loads(page.find("script", id="__config").string)
        assert Path(config["search"]).name == Path(worker).name, path
    sw = site.text("sw.js")
    assert f'"{worker}"' in sw and Path(patches.SEARCH_WORKER).name not in sw


def test_material_without_the_patched_code_stops_the_build(project, monkeypatch):
    gone = patches.Patch(patches.SEARCH_WORKER, "for(let o=s+1;o<t.length;o++)/*gone*/", "x", "the reason")
    monkeypatch.setattr(patches, "PATCHES", (gone,))
    result = build(project)
    assert not result.ok
    assert (f"no longer has the code the build patches in {patches.SEARCH_WORKER}" in result.log
            and "the reason" in result.log and "hooks/handbook/output/patches.py" in result.log), result.log
    assert not (result.site / "index.html").exists()  # stopped before any page


def test_an_answer_missing_from_materials_index_stops_the_build(project):
    # an answer whose page Material left out of its index is named, not skipped
    edit(project / "docs" / "ask.md", "---\n", "---\nsearch:\n  exclude: true\n", 1)
    result = build(project)
    assert not result.ok
    assert "answer 'questions-to-ask' has no entry ask/#questions-to-ask" in result.log, result.log
