"""The pipeline's pure helpers (hooks/handbook/build.py, sheet.py): the
navigation, the home page's list, the 全部答案 page's Markdown, descriptions."""

import pytest
from markupsafe import Markup
from mkdocs.exceptions import PluginError

from handbook.build import answer_index, escaped_description, nav_from_manifest
from handbook.model import Record, parse_manifest
from handbook.sheet import sheet_markdown

MANIFEST = parse_manifest({"pages": [
    {"file": "a.md", "title": "甲", "answers": [{"id": "one", "title": "问一"}, {"id": "two", "title": "问二"}]},
    {"file": "b.md", "title": "乙"},
    {"file": "c.md", "title": "丙", "answers": [{"id": "three", "title": "问三"}]},
    {"file": "all.md", "title": "全部答案", "sheet": True},
]})


def test_the_nav_lists_home_then_the_manifest_pages():
    assert nav_from_manifest(MANIFEST) == [{"首页": "index.md"}, {"甲": "a.md"}, {"乙": "b.md"}, {"丙": "c.md"},
                                           {"全部答案": "all.md"}]


def test_the_home_page_lists_every_answer_under_its_page():
    assert answer_index(MANIFEST) == ("\n### [甲](a.md)\n\n- [问一](a.md#one)\n- [问二](a.md#two)\n"
                                      "\n### [丙](c.md)\n\n- [问三](c.md#three)\n")


def test_the_sheet_has_a_heading_per_page_with_answers_and_their_records_in_manifest_order():
    records = {r.id: r for r in (Record(a, a.page, "", "说") for a in MANIFEST.answers)}
    calls = []

    def render(page, recs):
        calls.append((page.file, [r.id for r in recs]))
        return f"<div>{page.file}</div>\n"

    md = sheet_markdown(MANIFEST, {k: records[k] for k in ("two", "one", "three")}, render)
    assert calls == [("a.md", ["one", "two"]), ("c.md", ["three"])]
    assert md.split("\n") == ["## 甲 { #all-a }", "", "<div>a.md</div>", "",
                              "## 丙 { #all-c }", "", "<div>c.md</div>", ""]


def test_an_answer_without_a_record_is_left_out_of_the_sheet():
    records = {a.id: Record(a, a.page, "", "说") for a in MANIFEST.answers if a.id != "two"}
    calls = []
    sheet_markdown(MANIFEST, records, lambda page, recs: calls.append([r.id for r in recs]) or "")
    assert calls == [["one"], ["three"]]


def test_a_description_is_handed_to_the_templates_escaped_once():
    assert escaped_description(' a"<b> ', "x.md") == Markup("a&#34;&lt;b&gt;")
    assert escaped_description(Markup("<i>已转义</i>"), "x.md") == Markup("<i>已转义</i>")
    assert escaped_description(None, "x.md") is None


def test_a_description_that_is_not_text_is_named_with_its_page():
    with pytest.raises(PluginError, match=r"docs/x\.md: front matter 'description' must be text, not list"):
        escaped_description(["a", "b"], "x.md")
