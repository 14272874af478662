"""The answer blocks (hooks/handbook/answers.py) rendered by Python-Markdown
alone: the elements an answer becomes, its record, the jump list, the copy
for the 全部答案 page, and the blocks a page writes wrongly."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from conftest import render_pages
from handbook.model import parse_manifest

MANIFEST = parse_manifest({"pages": [
    {"file": "a.md", "title": "甲", "answers": [
        {"id": "one", "title": "问一", "requires": ["basis"]}, {"id": "two", "title": "问二"}]},
    {"file": "all.md", "title": "全部答案", "sheet": True},
]})

PAGE = """# 甲

导语。

//// answer | one

/// approach
不说出口的思路。
///

要说的话，见[问二](#two)、[外站](https://x.example/)和![图](../img/a.png)。

/// basis
- **第37条**：辞职
///

////

//// answer | two

/// approach | 报价公式
公式。
///

答二。

////
"""


def render(text: str = PAGE, sheet: str | None = "all.md"):
    html, result = render_pages(MANIFEST, {"a.md": text}, sheet=sheet)["a.md"]
    return BeautifulSoup(html, "html.parser"), result


def test_an_answer_is_a_wrapper_with_its_question_tools_and_body():
    soup, _ = render()
    answers = soup.select("div.answer")
    assert [a["data-answer"] for a in answers] == ["one", "two"]
    first = answers[0]
    heading, tools, body = [child for child in first.children if child.name]
    assert heading.name == "h2" and heading["id"] == "one"
    assert heading.get_text() == "问一"  # the manifest's title
    assert "answer-tools" in tools["class"] and tools.has_attr("data-search-exclude")
    assert body["class"] == ["answer-body"] and "要说的话" in body.get_text()


def test_the_approach_box_is_titled_and_stays_inside_the_body():
    soup, _ = render()
    boxes = soup.select(".answer-body > .admonition.tip.answer-approach")
    assert [b.select_one(".admonition-title").get_text() for b in boxes] == ["思路", "报价公式"]


def test_a_required_part_gets_its_fixed_heading_id():
    soup, _ = render()
    part = soup.select_one('.answer[data-answer="one"] .answer-body > .answer-part[data-part="basis"]')
    assert part.h3["id"] == "one-basis" and part.h3.get_text() == "依据"
    assert [li.get_text() for li in part.select("li")] == ["第37条：辞职"]


def test_the_record_holds_the_spoken_text_without_the_approach_or_the_basis():
    _, result = render()
    one, two = result.records
    assert (one.id, one.page, one.url) == ("one", "a.md", "a/")
    assert "要说的话" in one.spoken and "思路" not in one.spoken and "不说出口" not in one.spoken
    assert "第37条" not in one.spoken and "依据" not in one.spoken  # read, not said aloud
    assert one.approach == ("不说出口的思路。",) and two.approach == ("公式。",)
    assert one.parts == {"basis": ("第37条：辞职",)}  # inline text joined as written
    assert two.parts == {}
    assert two.spoken == "答二。"
    assert result.problems == []


def test_raw_html_in_an_answer_counts_as_the_text_a_reader_sees():
    text = PAGE.replace("答二。", '答二<span class="pf" data-profile="name">〔姓名〕</span>。')
    _, result = render(text)
    assert result.records[1].spoken.replace(" ", "") == "答二〔姓名〕。"


def test_the_tools_bar_carries_the_speaking_time_and_the_answers_address():
    soup, result = render()
    tools = soup.select_one('.answer[data-answer="two"] .answer-tools')
    assert tools.select_one(".speaking-time")["data-seconds"] == "1"
    share = tools.select_one(".answer-share")
    assert share["data-clipboard-text"] == "https://hb.example/a/two/"  # the answer's own address
    assert share["data-share-path"] == "a/two/"
    assert all(b.has_attr("hidden") for b in tools.select("button"))  # until their script runs


def test_without_a_site_url_the_share_button_carries_no_address():
    html, _ = render_pages(MANIFEST, {"a.md": PAGE}, site_url=None)["a.md"]
    share = BeautifulSoup(html, "html.parser").select(".answer-share")
    assert [b["data-clipboard-text"] for b in share] == ["", ""]
    assert [b["data-share-path"] for b in share] == ["a/one/", "a/two/"]


def test_the_jump_list_follows_the_title_and_lists_the_answers_in_page_order():
    text = PAGE.replace("//// answer | one", "//// answer | tmp").replace(
        "//// answer | two", "//// answer | one").replace("//// answer | tmp", "//// answer | two")
    soup, _ = render(text)
    nav = soup.select_one("nav.answer-jump")
    assert nav.find_previous_sibling().name == "h1" and nav["aria-label"] == "本页问题"
    assert [(a["href"], a.get_text()) for a in nav.select("a")] == [("#two", "问二"), ("#one", "问一")]


def test_a_page_without_answers_gets_no_jump_list():
    soup, result = render("# 甲\n\n正文。\n")
    assert soup.select("nav.answer-jump") == [] and result.records == []


def test_the_sheet_copy_has_no_ids_and_its_links_point_where_they_pointed():
    _, result = render()
    copy = BeautifulSoup(result.sheet_html, "html.parser")
    assert [a["data-answer"] for a in copy.select(".answer")] == ["one", "two"]  # as the page has them
    assert copy.select("h1, nav.answer-jump") == []  # the page's title and jump list stay on the page
    assert copy.select("[id]") == []
    links = {a.get_text(): a["href"] for a in copy.select("a[href]")}
    assert links["问二"] == "../a/#two" and links["外站"] == "https://x.example/"
    assert copy.select_one("img")["src"] == "../img/a.png"
    assert copy.select_one(".answer-body .answer-approach") is not None  # as the page shows it


def test_the_sheet_page_itself_keeps_no_copies():
    _, result = render(sheet=None)
    assert result.sheet_html == "" and len(result.records) == 2


@pytest.mark.parametrize(("text", "problem"), [
    ("//// answer | nope\n答。\n////\n",
     "'/// answer | nope': no answer with this id in the manifest (known ids: one, two)"),
    ("/// approach\n思路。\n///\n", "'/// approach' is outside every answer"),
    ("/// basis\n- 第1条\n///\n", "'/// basis' is outside every answer"),
    ("///// answer | one\n//// answer | two\n答。\n////\n/////\n",
     "answer 'two' is written inside answer 'one'"),
    ("//// answer | one\n/// basis\n- 一\n///\n/// basis\n- 二\n///\n////\n",
     "answer 'one' has two '/// basis' blocks"),
])
def test_a_block_written_wrongly_is_named(text, problem):
    _, result = render(text)
    assert any(problem in p for p in result.problems), result.problems


def test_the_page_text_for_the_leftover_check_skips_code():
    _, result = render("# 甲\n\n正文 `{{ code }}`\n\n```\n[xxx]\n```\n")
    assert "正文" in result.text and "{{" not in result.text and "xxx" not in result.text
