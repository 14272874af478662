"""The 全部答案 page (all/): every answer of the manifest once, as its page
shows it, without an id that would clash with the answer's own, every link
pointing where it pointed on the answer's page; in the nav, out of search."""

from __future__ import annotations

import json
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import build, url_of


@pytest.fixture(scope="module")
def sheet(site):
    return site.page("all/")


def test_every_answer_appears_once_with_its_body(sheet, site, manifest):
    for answer in manifest.answers:
        copies = sheet.select(f'.answer[data-answer="{answer.id}"]')
        assert len(copies) == 1, answer.id
        copy = copies[0]
        assert copy.find("h2").get_text().rstrip("¶") == answer.title
        body = copy.select_one(":scope > .answer-body")
        original = site.page(url_of(answer.page)).select_one(f'.answer[data-answer="{answer.id}"] > .answer-body')
        assert body is not None and body.get_text() == original.get_text(), answer.id
    assert len(sheet.select(".answer[data-answer]")) == len(manifest.answers)


def test_answers_are_grouped_under_their_page_in_manifest_order(sheet, manifest):
    for page in manifest.pages:
        group = sheet.select_one(f'.all-answers-page[data-source="{page.file}"]')
        if not page.answers:
            assert group is None, page.file
            continue
        heading = group.find_previous_sibling("h2")
        assert heading["id"] == f"all-{page.file.removesuffix('.md')}" and heading.get_text().rstrip("¶") == page.title
        assert [a["data-answer"] for a in group.select(".answer")] == [a.id for a in page.answers]


def test_no_answer_id_is_used_twice_in_the_site(site, manifest):
    answer_ids = {a.id for a in manifest.answers} | {a.part_id(p) for a in manifest.answers for p in a.requires}
    holders = {}
    for path, soup in site.pages().items():
        for el in soup.select("[id]"):
            if el["id"] in answer_ids:
                holders.setdefault(el["id"], []).append(path)
    assert holders == {i: [url_of(manifest.answer(i.removesuffix("-basis")).page) + "index.html"]
                       for i in answer_ids}
    assert site.page("all/").select(".answer [id]") == []


def test_every_link_in_the_copies_resolves(sheet, site):
    """Links of the copies, resolved from all/, reach a built page and, with a
    fragment, an element of that page with that id."""
    base = "http://site/all/"
    checked = []
    for a in sheet.select(".all-answers-page a[href]"):
        href = a["href"]
        if urlsplit(href).scheme:
            continue
        target = urlsplit(urljoin(base, href))
        rel = PurePosixPath(target.path.removeprefix("/"))
        path = rel / "index.html" if target.path.endswith("/") else rel
        assert (site.site / path).is_file(), href
        if target.fragment:
            assert site.page(str(path)).find(id=target.fragment) is not None, href
        checked.append(href)
    assert "../rights/#compensation" in checked and "../rights/#layoff-basis" in checked
    assert "#compensation" not in checked


def test_profile_values_and_placeholders_are_copied(sheet):
    assert {s.get_text() for s in sheet.select('[data-profile="name"]')} == {"〔姓名〕"}
    assert sheet.select_one('[data-profile="role"]').get_text() == "大模型算法工程师"


def test_the_sheet_is_last_in_the_nav_and_not_in_the_search_index(site):
    nav = [a.get_text(strip=True) for a in site.page().select("nav.md-nav--primary > ul > li > a")]
    assert nav[-1] == "全部答案"
    locations = {d["location"].split("#")[0] for d in json.loads(site.text("search/search_index.json"))["docs"]}
    assert "all/" not in locations and "rights/" in locations


def test_a_changed_answer_changes_its_copy(project):
    page = project / "docs" / "ask.md"
    page.write_text(page.read_text(encoding="utf-8").replace("公司的晋升机制是怎样的？", "晋升看什么？"),
                    encoding="utf-8")
    result = build(project)
    assert result.ok, result.log
    copy = result.page("all/").select_one('.answer[data-answer="questions-to-ask"]').get_text()
    assert "晋升看什么？" in copy and "公司的晋升机制是怎样的？" not in copy


def test_the_sheet_keeps_what_a_page_says_beside_its_answers(site):
    """The rights page's warning, its disclaimer and where to get help travel
    with its answers onto paper; the calculator comes along with its slots."""
    rights = site.page("all/").select_one('.all-answers-page[data-source="rights.md"]')
    text = rights.get_text()
    assert "先记住一条" in text and "不是针对你个人情况的法律意见" in text and "12333" in text
    assert rights.select_one("[data-calculator] [data-comp=n]") is not None
    assert rights.select("h1, nav.answer-jump, h2[id], h3[id], .answer[id]") == []


def test_a_page_that_loses_its_notes_loses_them_on_the_sheet_too(project):
    path = project / "docs" / "rights.md"
    path.write_text(path.read_text(encoding="utf-8").replace("先记住一条", "请注意"), encoding="utf-8")
    result = build(project)
    assert result.ok, result.log
    assert "先记住一条" not in result.page("all/").get_text()
