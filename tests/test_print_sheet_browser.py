"""The 全部答案 page: every answer on one page, built from the pages' own
rendered content, and printed by Chromium to as few A4 sheets as possible
with no navigation, header, footer or buttons."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest

from conftest import build, serve_build
from manifest import load_manifest
from offline_net import NetworkSwitch
from print_sheet import fill_slots, reuse, sheet_markdown

# Text of the site's chrome that must never be printed.
CHROME_TEXT = ("面试问答速查", "首页", "切换到深色模式", "切换到浅色模式", "搜索", "上一页", "下一页", "回到页面顶部",
               "离线模式")


# -- helpers ---------------------------------------------------------------------

def test_sheet_markdown_has_a_heading_and_a_slot_per_page_with_answers(manifest):
    md = sheet_markdown(manifest)
    for page in manifest.pages:
        slot = f'data-source="{page.file}"'
        assert (slot in md) == bool(page.answers), page.file
    assert "## 开场与动机 { #all-opening }" in md
    assert "all.md" not in md  # the sheet does not include itself


def test_reuse_drops_the_h1_prefixes_ids_and_links_headings_to_their_page():
    content = ('<h1 id="t">页</h1><h2 id="layoff">问<a class="headerlink" href="#layoff">¶</a></h2>'
               '<p>见<a href="#layoff">上</a>与<a href="../salary/#expected-salary">谈薪</a></p>')
    out = reuse(content, "../rights/")
    assert "<h1" not in out
    assert 'id="all-layoff"' in out and 'id="layoff"' not in out
    assert 'class="headerlink" href="../rights/#layoff"' in out
    assert '<a href="#all-layoff">上</a>' in out
    assert 'href="../salary/#expected-salary"' in out


def test_fill_slots_names_a_page_that_was_not_built():
    content = ('<div class="all-answers-slot" data-source="a.md"></div>'
               '<div class="all-answers-slot" data-source="gone.md"></div>')
    out, problems = fill_slots(content, {"a.md": ("<p>甲</p>", "../a/")})
    assert '<div class="all-answers-page" data-source="a.md"><p>甲</p></div>' in out
    assert problems == ["all_answers(): page 'gone.md' of hooks/answers.yml was not built"]


# -- the built page ----------------------------------------------------------------

def test_sheet_holds_every_answer_with_its_body(site, manifest):
    sheet = site.page("all/")
    for answer in manifest.answers:
        heading = sheet.find(id=f"all-{answer.id}")
        assert heading is not None and answer.title in heading.get_text(), answer.id
        body = sheet.select_one(f'.answer-body[data-answer="{answer.id}"]')
        original = site.page(answer.page.removesuffix(".md") + "/").select_one(
            f'.answer-body[data-answer="{answer.id}"]')
        assert body.get_text() == original.get_text(), answer.id
        assert sheet.select_one(f'#all-{answer.id} a.headerlink')["href"] == \
            f"../{answer.page.removesuffix('.md')}/#{answer.id}"
    assert not sheet.select(".all-answers-slot")
    assert sheet.select_one('[data-profile="name"]').get_text() == "〔姓名〕"


def test_sheet_is_in_the_nav_and_not_in_the_search_index(site):
    nav = [a.get_text(strip=True) for a in site.page().select("nav.md-nav--primary > ul > li > a")]
    assert nav[-1] == "全部答案"
    index = (site.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"all/' not in index.replace(" ", "")
    assert '"location":"rights/' in index.replace(" ", "")


def test_a_slot_for_an_unknown_page_fails_the_build(project):
    sheet = project / "docs" / "all.md"
    sheet.write_text(sheet.read_text(encoding="utf-8")
                     + '\n<div class="all-answers-slot" data-source="gone.md"></div>\n', encoding="utf-8")
    result = build(project)
    assert not result.ok
    assert "all.md: all_answers(): page 'gone.md' of hooks/answers.yml was not built" in result.log


# -- printing in Chromium -------------------------------------------------------------

def pdf_of(page, url: str, media: str = "print") -> bytes:
    page.emulate_media(media=media)
    page.goto(url)
    return page.pdf(format="A4", prefer_css_page_size=True, print_background=True)


def pdf_text(pdf: bytes) -> tuple[int, str]:
    """(page count, text with CJK radicals folded and whitespace removed)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(p.extract_text() for p in reader.pages)
    return len(reader.pages), re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def print_problems(pdf: bytes) -> list[str]:
    manifest = load_manifest()
    _, text = pdf_text(pdf)
    problems = [f"answer missing: {a.title}" for a in manifest.answers
                if re.sub(r"\s+", "", unicodedata.normalize("NFKC", a.title)) not in text]
    problems += [f"chrome printed: {t}" for t in CHROME_TEXT if t in text]
    if "〔姓名〕" not in text:
        problems.append("the unset profile value 〔姓名〕 is not printed as text")
    return problems


@pytest.fixture(scope="module")
def printed(browser, tmp_path_factory):
    from conftest import copy_project

    served, server = serve_build(copy_project(tmp_path_factory.mktemp("print") / "project"))
    NetworkSwitch(server)  # drops idle connections, so stopping the server cannot block
    page = browser.new_page()
    try:
        yield {
            "sheet": pdf_of(page, served.url + "all/"),
            "screen": pdf_of(page, served.url + "all/", media="screen"),
            "one_page": pdf_of(page, served.url + "opening/"),
        }
    finally:
        page.close()
        server.stop()


def test_sheet_prints_every_answer_and_no_chrome_on_few_a4_pages(printed, record_property):
    pages, _ = pdf_text(printed["sheet"])
    record_property("all_answers_a4_pages", pages)
    print(f"\n全部答案 prints on {pages} A4 page(s)")
    assert print_problems(printed["sheet"]) == []
    assert 1 <= pages <= 4  # 3 when measured; a regression to a long sheet fails


def test_print_check_fails_on_screen_layout_and_on_missing_answers(printed):
    # Negative: the same page laid out for the screen prints its navigation.
    _, text = pdf_text(printed["screen"])
    assert any(p.startswith("chrome printed") for p in print_problems(printed["screen"])), text[:800]
    # Negative: one page alone lacks the other pages' answers.
    missing = [p for p in print_problems(printed["one_page"]) if p.startswith("answer missing")]
    assert len(missing) == len(load_manifest().answers) - 4
