"""The section-check helpers on small HTML fragments (no build)."""

import pytest

from manifest import parse_manifest
from sections import (
    answer_problems,
    nav_from_manifest,
    page_problems,
    part_problems,
    section_body,
    site_problems,
)

MANIFEST = parse_manifest({"pages": [
    {"file": "a.md", "title": "甲", "answers": [{"id": "one", "title": "问一"}, {"id": "two", "title": "问二"}]},
    {"file": "b.md", "title": "乙", "answers": []},
]})

GOOD = '<h1 id="t">甲</h1><h2 id="one">问一</h2><p>答一</p><h2 id="two">问二</h2><p>答二</p>'


def test_good_pages_have_no_problems():
    assert site_problems({"a.md": GOOD, "b.md": "<h1 id=\"b\">乙</h1><p>正文</p>"}, MANIFEST) == []


def test_section_body_stops_at_next_heading_of_same_level():
    html = '<h2 id="one">问</h2><p>答</p><h3 id="sub">小节</h3><p>细节</p><h2 id="two">x</h2>'
    assert section_body(html, "one").split() == ["答", "小节", "细节"]
    assert section_body(html, "absent") is None


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        ({"a.md": GOOD.replace('id="two"', 'id="deux"')}, "answer 'two' (问二) is missing"),
        ({"a.md": GOOD, "b.md": '<h2 id="two">x</h2><p>y</p>'}, "answer 'two' (问二) appears 2 times"),
        ({"a.md": GOOD.replace("<p>答一</p>", "<p> </p>")}, "answer 'one' (问一) on a.md has an empty body"),
        ({"a.md": GOOD.replace('id="two"', 'id="x"'), "b.md": '<h2 id="two">问二</h2><p>答</p>'},
         "answer 'two' (问二) is on b.md, but the manifest places it on a.md"),
    ],
)
def test_answer_problems_are_named(pages, expected):
    problems = answer_problems(pages, MANIFEST)
    assert any(expected in p for p in problems), problems


def test_all_problems_are_reported_at_once():
    pages = {"a.md": '<h2 id="_1">？</h2><p>[xxx]</p>'}
    problems = site_problems(pages, MANIFEST)
    assert len(problems) == 4, problems  # two missing answers, a position id, a placeholder


@pytest.mark.parametrize(
    ("fragment", "what"),
    [
        ('<h2 id="_2">？？</h2>', "position-numbered"),
        ("<p>我是 [xxx]，毕业于</p>", "placeholder [xxx]"),
        ("<p>主要业务是XX产品</p>", "placeholder XX"),
        ("<p>总年薪是X万元</p>", "placeholder X万"),
        ("<p>姓名 {{ me.name }}</p>", "template syntax {{"),
        ("<p>{% if x %}</p>", "template syntax {%"),
        ("<h1>Macro Syntax Error</h1>", "macros error page"),
        ("<h1><em>Macro Rendering Error</em></h1>", "macros error page"),
        ("<pre><code>_Macro Rendering Error_</code></pre>", "macros error page"),
    ],
)
def test_page_problems_catch_leftovers(fragment, what):
    problems = page_problems("a.md", fragment)
    assert problems and what in problems[0], problems
    assert problems[0].startswith("a.md: ")


@pytest.mark.parametrize(
    "fragment",
    [
        "<p>XXL 码和 MAX 都不是占位符</p>",
        "<p>代码里可以写 <code>{{ name }}</code></p>",
        '<p>值 <span class="pf" data-profile="name">XX</span></p>',
        '<h2 id="ask-hr">问 HR</h2>',
    ],
)
def test_page_problems_ignore_legitimate_text(fragment):
    assert page_problems("a.md", fragment) == []


def test_nav_lists_home_then_manifest_pages():
    assert nav_from_manifest(MANIFEST) == [{"首页": "index.md"}, {"甲": "a.md"}, {"乙": "b.md"}]


BASIS = parse_manifest({"pages": [{"file": "r.md", "title": "权益", "answers": [
    {"id": "one", "title": "问一", "requires": ["basis"]}, {"id": "two", "title": "问二"}]}]})
WITH_BASIS = ('<h2 id="one">问一</h2><p>答一</p><h3 id="one-basis">依据</h3><ul><li>第37条：辞职</li></ul>'
              '<h2 id="two">问二</h2><p>答二</p>')


def test_answer_with_its_basis_list_has_no_problems():
    assert answer_problems({"r.md": WITH_BASIS}, BASIS) == []


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (WITH_BASIS.replace('<h3 id="one-basis">依据</h3><ul><li>第37条：辞职</li></ul>', ""),
         "answer 'one' (问一) on r.md has no 依据 list: add the heading '### 依据 { #one-basis }'"),
        (WITH_BASIS.replace("<li>第37条：辞职</li>", "<li> </li>"),
         "answer 'one' (问一) on r.md has an empty 依据 list (#one-basis)"),
        (WITH_BASIS.replace("<ul><li>第37条：辞职</li></ul>", "<p>第37条</p>"),
         "has an empty 依据 list"),
        # a basis heading under another answer does not count
        ('<h2 id="one">问一</h2><p>答一</p><h2 id="two">问二</h2><p>答二</p>'
         '<h3 id="one-basis">依据</h3><ul><li>第37条</li></ul>', "has no 依据 list"),
    ],
)
def test_missing_or_empty_basis_is_named(content, expected):
    problems = answer_problems({"r.md": content}, BASIS)
    assert len(problems) == 1 and expected in problems[0], problems


def test_part_problems_only_for_required_parts():
    answer = BASIS.answer("two")
    assert part_problems('<h2 id="two">问二</h2><p>答</p>', answer, "answer 'two'") == []
