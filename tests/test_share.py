"""Share one answer, in the built HTML: the 复制链接 button in every answer's
tools bar with the answer's absolute address, the page's QR code as inline
SVG, the jump list of the page's answers, all kept out of the search index.
Unit tests of hooks/share.py and hooks/jump_list.py come first."""

from __future__ import annotations

import json
import re

import segno

from conftest import build
from jump_list import answers_on_page, insert_jump_list, jump_list
from manifest import Answer
from share import add_share_controls, answer_url, copy_link_button, qr_block, qr_svg

# -- helpers -----------------------------------------------------------------------


def test_answer_url_is_the_canonical_address_with_the_fragment():
    assert answer_url("https://me.example/hb/salary/", "expected-salary") == \
        "https://me.example/hb/salary/#expected-salary"
    assert answer_url("https://me.example/hb/salary/#old", "x") == "https://me.example/hb/salary/#x"
    assert answer_url(None, "x") is None
    assert answer_url("", "x") is None


def test_copy_link_button_carries_the_address_escaped_and_is_kept_out_of_search():
    button = copy_link_button("layoff", 'https://a.example/?a=1&b="2"#layoff')
    assert button.startswith("<button ") and 'type="button"' in button
    assert 'data-share-url="https://a.example/?a=1&amp;b=&quot;2&quot;#layoff"' in button
    assert "data-search-exclude" in button and ">复制链接<" in button
    assert "data-share-url" not in copy_link_button("layoff", None)


def test_qr_svg_encodes_the_url_without_style_attributes():
    url = "https://me.example/hb/rights/"
    svg = qr_svg(url)
    assert svg.startswith('<svg role="img" aria-label="本页地址 https://me.example/hb/rights/ 的二维码"')
    assert "style" not in svg and "<?xml" not in svg and 'width="' not in svg
    expected = segno.make(url, error="m").svg_inline(
        scale=1, border=4, omitsize=True, dark="#000", light="#fff",
        svgclass="share-qr__code", lineclass="share-qr__modules")
    assert re.search(r' d="([^"]+)"', svg.split("share-qr__modules")[1]).group(1) == \
        re.search(r' d="([^"]+)"', expected.split("share-qr__modules")[1]).group(1)
    assert qr_svg("https://me.example/hb/salary/") != svg


def test_qr_block_is_captioned_and_excluded_from_search():
    block = qr_block("https://me.example/a/")
    assert block.startswith('<figure class="share-qr" data-search-exclude>')
    assert "手机扫码打开本页" in block and "https://me.example/a/" in block


def test_add_share_controls_fills_each_bar_and_appends_the_qr_code():
    content = ('<h2 id="a">A</h2><div class="answer-tools" data-answer="a"></div>'
               '<h2 id="b">B</h2><div class="answer-tools" data-answer="b"></div>')
    out = add_share_controls(content, ["a", "b"], "https://x.example/p/")
    assert out.count("<button ") == 2
    assert 'data-share-url="https://x.example/p/#a"' in out and 'data-share-url="https://x.example/p/#b"' in out
    assert "data-share-url" not in add_share_controls(content, ["a", "b"], None)


def test_the_section_check_does_not_count_the_tools_bar_as_answer_text():
    from sections import section_body
    content = ('<h2 id="a">A</h2><div class="answer-tools" data-answer="a">'
               + copy_link_button("a", "https://x.example/p/#a") + "</div><h2 id=\"b\">B</h2>")
    assert section_body(content, "a") == ""
    assert section_body(content.replace("</div>", "</div><p>答</p>"), "a") == "答"


ANSWERS = [Answer("first", "第一问", "p.md"), Answer("second", "第二问 <b>", "p.md")]


def test_jump_list_links_every_answer_in_the_page_order():
    content = '<h1 id="t">T</h1><p>x</p><h2 id="second">2</h2><h2 id="first">1</h2>'
    assert [a.id for a in answers_on_page(content, ANSWERS)] == ["second", "first"]
    out = insert_jump_list(content, ANSWERS)
    assert out.startswith('<h1 id="t">T</h1><nav class="answer-jump" aria-label="本页问题" data-search-exclude>')
    assert out.index('href="#second"') < out.index('href="#first"')
    assert "第二问 &lt;b&gt;" in out


def test_jump_list_is_left_out_without_answers_on_the_page():
    assert jump_list([]) == ""
    content = '<h1 id="t">T</h1><p>x</p>'
    assert insert_jump_list(content, ANSWERS) == content
    assert insert_jump_list(content, []) == content


# -- the built site ------------------------------------------------------------------


def test_every_answer_has_one_copy_link_button_with_its_absolute_address(site, manifest):
    for answer in manifest.answers:
        url = answer.page.removesuffix(".md") + "/"
        page = site.page(url)
        canonical = page.find("link", rel="canonical")["href"]
        bar = page.select_one(f'.answer-tools[data-answer="{answer.id}"]')
        buttons = bar.select("button.answer-share")
        assert len(buttons) == 1, answer.id
        assert buttons[0].get_text(strip=True) == "复制链接"
        assert buttons[0]["data-share-url"] == f"{canonical}#{answer.id}" == \
            f"http://127.0.0.1:8000/{url}#{answer.id}"


def test_every_page_ends_with_a_qr_code_of_its_address(site, manifest):
    for url in [""] + [p.file.removesuffix(".md") + "/" for p in manifest.pages]:
        page = site.page(url)
        qr = page.select(".md-content article > figure.share-qr:last-child svg")
        assert len(qr) == 1, url
        assert page.select(".answer-body .share-qr") == [], url
        assert qr[0]["aria-label"] == f"本页地址 http://127.0.0.1:8000/{url} 的二维码"
        assert "手机扫码打开本页" in page.select_one(".share-qr figcaption").get_text()


def test_no_generated_markup_has_a_style_attribute(site):
    for name, page in site.pages().items():
        assert page.select(".md-content [style]") == [], name


def test_each_topic_page_has_a_jump_list_of_its_answers(site, manifest):
    for p in manifest.pages:
        page = site.page(p.file.removesuffix(".md") + "/")
        nav = page.select(".md-content nav.answer-jump")
        if not p.answers:
            # no list of its own; 全部答案 carries the other pages' lists, whose
            # links point at its own copies of the answers (ids "all-…")
            assert all(a["href"].startswith("#all-") for n in nav for a in n.select("a")), p.file
            continue
        assert len(nav) == 1 and nav[0]["aria-label"] == "本页问题"
        assert nav[0].find_previous_sibling("h1") is not None
        links = [(a["href"], a.get_text()) for a in nav[0].select("a")]
        assert links == [(f"#{a.id}", a.title) for a in p.answers]


def test_the_home_page_has_no_jump_list(site):
    assert site.page("").select(".answer-jump") == []


def test_share_controls_stay_out_of_the_search_index(site):
    docs = json.loads((site.site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(d["title"] + d["text"] for d in docs).replace("\u200b", "")
    docs = [d for d in docs if d["location"].split("#")[0]]  # the home page explains the controls
    text = " ".join(d["title"] + d["text"] for d in docs).replace("\u200b", "")
    for leaked in ("复制链接", "手机扫码", "本页问题", "二维码"):
        assert leaked not in text, leaked
    assert "期望薪资" in text  # the check reads the real text


# -- the builds that must differ --------------------------------------------------------


def test_without_site_url_the_buttons_fall_back_and_there_is_no_qr_code(project):
    result = build(project, env={"SITE_URL": ""})
    assert result.ok, result.log
    page = result.page("salary/")
    buttons = page.select("button.answer-share")
    assert len(buttons) == 3
    assert all(not b.has_attr("data-share-url") for b in buttons)
    assert page.select(".share-qr") == []


def test_share_hook_listed_before_the_markup_hook_fails_the_strict_build(project):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  - hooks/answer_markup.py", "  - hooks/share.py\n  - hooks/answer_markup.py", 1)
    text = text.replace("  - hooks/share.py           #", "  #", 1)
    config.write_text(text, encoding="utf-8")
    result = build(project)
    assert not result.ok
    assert "has no tools bar: list hooks/answer_markup.py before" in result.log
