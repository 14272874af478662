"""Share one answer, in the built HTML: the 复制链接 button in every answer's
tools bar with the answer's absolute address, the page's QR code as inline
SVG, the 本页问题 jump list, all kept out of the search index."""

from __future__ import annotations

import json

from conftest import SITE_URL, build, url_of


def test_every_answer_has_one_copy_link_button_with_its_absolute_address(site, manifest):
    for answer in manifest.answers:
        url = url_of(answer.page)
        page = site.page(url)
        canonical = page.find("link", rel="canonical")["href"]
        buttons = page.select(f'.answer[data-answer="{answer.id}"] > .answer-tools button.answer-share')
        assert len(buttons) == 1, answer.id
        assert buttons[0].get_text(strip=True) == "复制链接"
        assert buttons[0]["data-clipboard-text"] == f"{canonical}#{answer.id}" == f"{SITE_URL}{url}#{answer.id}"


def test_every_page_ends_with_a_qr_code_of_its_address(site, manifest):
    for url in [""] + [url_of(p.file) for p in manifest.pages]:
        page = site.page(url)
        qr = page.select(".md-content article > figure.share-qr:last-child svg")
        assert len(qr) == 1, url
        assert page.select(".answer-body .share-qr") == [], url
        assert qr[0]["aria-label"] == f"本页地址 {SITE_URL}{url} 的二维码"
        assert qr[0].find_parent("figure").has_attr("data-search-exclude")
        assert "手机扫码打开本页" in page.select_one(".share-qr figcaption").get_text()


def test_no_content_markup_has_a_style_attribute(site):
    for name, page in site.pages().items():
        assert page.select(".md-content [style]") == [], name


def test_each_topic_page_lists_its_answers_under_its_title(site, manifest):
    for p in manifest.pages:
        page = site.page(url_of(p.file))
        nav = page.select(".md-content nav.answer-jump")
        if not p.answers:
            assert nav == [], p.file
            continue
        assert len(nav) == 1 and nav[0]["aria-label"] == "本页问题" and nav[0].has_attr("data-search-exclude")
        assert nav[0].find_previous_sibling().name == "h1"
        assert [(a["href"], a.get_text()) for a in nav[0].select("a")] == [(f"#{a.id}", a.title) for a in p.answers]


def test_the_home_page_has_no_jump_list(site):
    assert site.page("").select(".answer-jump") == []


def test_the_share_controls_stay_out_of_the_search_index(site):
    docs = json.loads(site.text("search/search_index.json"))["docs"]
    docs = [d for d in docs if d["location"].split("#")[0]]  # the home page explains the controls
    text = " ".join(d["title"] + d["text"] for d in docs).replace("\u200b", "")
    for leaked in ("复制链接", "手机扫码", "本页问题", "二维码", "显示回答", "复制回答", "说完约"):
        assert leaked not in text, leaked
    assert "期望薪资" in text  # the check reads the real text


def test_without_a_site_url_the_buttons_carry_no_address_and_there_is_no_qr_code(project):
    result = build(project, env={"SITE_URL": ""})
    assert result.ok, result.log
    page = result.page("salary/")
    buttons = page.select("button.answer-share")
    assert len(buttons) == 5 and {b["data-clipboard-text"] for b in buttons} == {""}
    assert [b["data-share-path"] for b in buttons] == ["salary/#expected-salary", "salary/#salary-quote",
                                                       "salary/#salary-counter", "salary/#social-insurance",
                                                       "salary/#background-check"]
    assert page.select(".share-qr") == []
