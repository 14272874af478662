"""The pipeline's pure helpers (hooks/handbook/build.py, sheet.py): the
navigation, the home page's list, the 全部答案 page's Markdown, descriptions."""

import pytest
from markupsafe import Markup
from mkdocs.exceptions import PluginError

from handbook.build import answer_index, escaped_description, nav_from_manifest
from handbook.answers import PageContext, PageResult
from handbook.model import parse_manifest
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


def result_of(src: str) -> PageResult:
    return PageResult(PageContext(src, src.removesuffix(".md") + "/", None, "all/"), [], [], "",
                      f"<p>{src} 的内容</p>")


def test_the_sheet_has_a_heading_per_page_with_answers_and_its_content_in_manifest_order():
    results = {src: result_of(src) for src in ("c.md", "b.md", "a.md")}
    calls = []

    def render(page, content):
        calls.append((page.file, content))
        return f"<div>{content}</div>\n"

    md = sheet_markdown(MANIFEST, results, render)
    assert calls == [("a.md", "<p>a.md 的内容</p>"), ("c.md", "<p>c.md 的内容</p>")]  # b.md has no answers
    assert md.split("\n") == ["## 甲 { #all-a }", "", "<div><p>a.md 的内容</p></div>", "",
                              "## 丙 { #all-c }", "", "<div><p>c.md 的内容</p></div>", ""]


def test_a_page_without_a_result_is_left_out_of_the_sheet():
    calls = []
    sheet_markdown(MANIFEST, {"c.md": result_of("c.md")}, lambda page, content: calls.append(page.file) or "")
    assert calls == ["c.md"]


def test_a_description_is_handed_to_the_templates_escaped_once():
    assert escaped_description(' a"<b> ', "x.md") == Markup("a&#34;&lt;b&gt;")
    assert escaped_description(Markup("<i>已转义</i>"), "x.md") == Markup("<i>已转义</i>")
    assert escaped_description(None, "x.md") is None


def test_a_description_that_is_not_text_is_named_with_its_page():
    with pytest.raises(PluginError, match=r"docs/x\.md: front matter 'description' must be text, not list"):
        escaped_description(["a", "b"], "x.md")
