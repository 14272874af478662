"""The 全部答案 page printed by Chromium to as few A4 sheets as possible,
with no navigation, header, footer or buttons. (The page's content:
tests/build/test_sheet_page.py.)"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest

from conftest import ROOT, serve_build
from handbook.build import DATA_DIR
from handbook.model import load_manifest
from offline_net import NetworkSwitch

# Text of the site's chrome that must never be printed.
CHROME_TEXT = ("面试问答速查", "首页", "切换到深色模式", "切换到浅色模式", "搜索", "上一页", "下一页", "回到页面顶部",
               "离线模式")


def manifest():
    return load_manifest(ROOT / DATA_DIR / "answers.yml")


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
    _, text = pdf_text(pdf)
    problems = [f"answer missing: {a.title}" for a in manifest().answers
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
    assert len(missing) == len(manifest().answers) - 4
