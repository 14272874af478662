"""The site check (hooks/handbook/checks.py) over pages rendered by the
answer blocks: each problem named, all of them at once."""

from __future__ import annotations

import pytest

from conftest import render_pages
from handbook.checks import (answer_problems, leftover_problems, position_id_problems, site_problems,
                             speaking_warnings)
from handbook.model import parse_manifest

MANIFEST = parse_manifest({"pages": [
    {"file": "a.md", "title": "甲", "answers": [{"id": "one", "title": "问一"}, {"id": "two", "title": "问二"}]},
    {"file": "r.md", "title": "权益", "answers": [{"id": "law", "title": "问法", "requires": ["basis"]}]},
    {"file": "b.md", "title": "乙"},
]})

A = "# 甲\n\n//// answer | one\n答一。\n////\n\n//// answer | two\n答二。\n////\n"
R = "# 权益\n\n//// answer | law\n答。\n\n/// basis\n- **第37条**：辞职\n///\n\n////\n"
B = "# 乙\n\n正文。\n"


def results(a: str = A, r: str = R, b: str = B):
    return [result for _, result in render_pages(MANIFEST, {"a.md": a, "r.md": r, "b.md": b}).values()]


def problems(**pages) -> list[str]:
    return answer_problems(results(**pages), MANIFEST)


def test_good_pages_have_no_problems():
    assert site_problems(results(), MANIFEST, {"a.md": ["one", "two"]}) == []


@pytest.mark.parametrize(("pages", "expected"), [
    ({"a": A.replace("//// answer | two\n答二。\n////\n", "")},
     "answer 'two' (问二) is missing: write '/// answer | two' … '///' on a.md"),
    ({"b": B + "\n//// answer | two\n又一遍。\n////\n"},
     "answer 'two' (问二) appears 2 times (a.md, b.md); an answer is written once"),
    ({"a": A + "\n//// answer | two\n又一遍。\n////\n"}, "answer 'two' (问二) appears 2 times (a.md, a.md)"),
    ({"a": A.replace("//// answer | two\n答二。\n////\n", ""), "b": B + "\n//// answer | two\n答二。\n////\n"},
     "answer 'two' (问二) is on b.md, but the manifest places it on a.md"),
    ({"a": A.replace("答一。", "")}, "answer 'one' (问一) on a.md has an empty body"),
    ({"a": A.replace("答一。", "/// approach\n只有思路。\n///\n")}, "answer 'one' (问一) on a.md has an empty body"),
    ({"r": R.replace("/// basis\n- **第37条**：辞职\n///\n", "")},
     "answer 'law' (问法) on r.md has no 依据 list: add a '/// basis' block inside the answer"),
    ({"r": R.replace("- **第37条**：辞职", "第37条，不是列表")},
     "answer 'law' (问法) on r.md has an empty 依据 list (#law-basis)"),
    ({"r": R.replace("/// basis\n- **第37条**：辞职\n///\n\n////\n", "////\n\n/// basis\n- 第37条\n///\n")},
     "r.md: '/// basis' is outside every answer"),
    ({"b": B + "\n//// answer | three\n答。\n////\n"}, "b.md: '/// answer | three': no answer with this id"),
    ({"b": B + "\n/// approach\n思路。\n///\n"}, "b.md: '/// approach' is outside every answer"),
])
def test_an_answer_problem_is_named(pages, expected):
    found = problems(**pages)
    assert any(expected in p for p in found), found


def test_a_basis_block_under_another_answer_does_not_count():
    moved = A.replace("答二。", "答二。\n\n/// basis\n- 第37条\n///\n")
    found = problems(a=moved, r=R.replace("/// basis\n- **第37条**：辞职\n///\n", ""))
    assert [p for p in found if "law" in p] == [
        "answer 'law' (问法) on r.md has no 依据 list: add a '/// basis' block inside the answer, holding a list"]


@pytest.mark.parametrize(("text", "what"), [
    ("我是 [xxx]，毕业于", "placeholder [xxx]"),
    ("我是 [ xxx ]", "placeholder [xxx]"),
    ("主要业务是XX产品", "placeholder XX"),
    ("总年薪是X万元", "placeholder X万"),
    ("姓名 {{ me.name }}", "template syntax {{"),
    ("{% if x %}", "template syntax {%"),
    ("Macro Syntax Error", "macros error page"),
    ("Macro Rendering Error", "macros error page"),
])
def test_a_leftover_is_named_with_its_page_and_context(text, what):
    found = leftover_problems("a.md", f"前文 {text} 后文")
    assert len(found) == 1 and found[0].startswith(f"a.md: leftover {what} in “…"), found
    assert "后文" in found[0]


@pytest.mark.parametrize("text", ["XXL 码和 MAX 都不是占位符", "问 HR 的问题", "Xbox", "TEXX"])
def test_legitimate_text_is_no_leftover(text):
    assert leftover_problems("a.md", text) == []


def test_leftovers_in_code_are_left_alone_but_in_text_are_found():
    code = B + "\n写法：`{{ me.name }}` 和 `[xxx]`\n\n```\nXX\n```\n"
    assert site_problems(results(b=code), MANIFEST, {}) == []
    found = site_problems(results(b=B + "\n公司的主要业务是XX产品。\n"), MANIFEST, {})
    assert found == ["b.md: leftover placeholder XX in “…乙 正文。 公司的主要业务是XX产品。…”"]


def test_a_position_numbered_heading_id_is_named():
    assert position_id_problems("a.md", ["one", "_1", "ask-hr", "_12", "x_1"]) == [
        "a.md: heading id '_1' is position-numbered; give the heading an explicit { #id } "
        "or words that make a readable id",
        "a.md: heading id '_12' is position-numbered; give the heading an explicit { #id } "
        "or words that make a readable id"]


def test_every_problem_is_reported_at_once():
    a = A.replace("//// answer | two\n答二。\n////\n", "").replace("答一。", "") + "\n[xxx]\n"
    found = site_problems(results(a=a), MANIFEST, {"b.md": ["_1"]})
    assert len(found) == 4, found  # missing, empty body, the placeholder, the position id


def test_a_self_intro_outside_one_to_two_minutes_is_a_warning():
    manifest = parse_manifest({"pages": [{"file": "o.md", "title": "开场", "answers": [
        {"id": "self-intro", "title": "自我介绍"}, {"id": "other", "title": "别的"}]}]})

    def warnings(chars: int) -> list[str]:
        page = (f"//// answer | self-intro\n{'好' * chars}\n\n/// approach\n{'想' * 500}\n///\n////\n"
                f"//// answer | other\n{'好' * 10}\n////\n")
        rendered = render_pages(manifest, {"o.md": page})
        return speaking_warnings([r for _, r in rendered.values()], 220)

    assert warnings(300) == []  # about 82 s; the approach box does not count
    assert warnings(200) == ["o.md: the self-introduction (answer 'self-intro') takes 约 55 秒 (55 s) to say, "
                             "shorter than the 60–120 s it should take; lengthen it on its page"]
    assert "longer than the 60–120 s" in warnings(500)[0]
