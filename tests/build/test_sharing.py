"""Share one answer, in the built HTML: the 复制链接 button in every answer's
tools bar with the answer's own address <site>/a/<id>/, whose stub page
previews as the question and opens the answer; the published addresses kept
for good (data/published.yml); the site's icons; the page's QR code as inline
SVG, the 本页问题 jump list, all kept out of the search index."""

from __future__ import annotations

import json

import yaml

from conftest import DATA_DIR, ROOT, SITE_URL, build, edit, url_of
from previews import stub_problems

SITE_NAME = "面试问答速查"
ICON = (ROOT / "docs/assets/images/icon-512.png").read_bytes()


def test_every_answer_has_one_copy_link_button_with_its_own_address(site, manifest):
    for answer in manifest.answers:
        page = site.page(url_of(answer.page))
        buttons = page.select(f'.answer[data-answer="{answer.id}"] > .answer-tools button.answer-share')
        assert len(buttons) == 1, answer.id
        assert buttons[0].get_text(strip=True) == "复制链接"
        assert buttons[0]["data-clipboard-text"] == f"{SITE_URL}a/{answer.id}/"
        assert buttons[0]["data-share-path"] == f"a/{answer.id}/"


def stub(build_result, answer_id: str) -> str:
    return build_result.text(f"a/{answer_id}/index.html")


def test_every_answers_address_previews_as_its_question_and_opens_the_answer(site, manifest):
    for answer in manifest.answers:
        address = f"{SITE_URL}a/{answer.id}/"
        answer_url = f"{SITE_URL}{url_of(answer.page)}#{answer.id}"
        assert stub_problems(stub(site, answer.id), address, answer.title, answer_url, SITE_NAME, ICON) == [], \
            answer.id
    expected = site.page("a/expected-salary/")
    assert expected.find("meta", attrs={"name": "description"})["content"].startswith(
        "先说明自己的全部薪资总包，再问清楚对方公司的薪资结构，最后提出一个具体的数字。")  # the 思路
    assert expected.find("meta", property="og:image")["content"] == f"{SITE_URL}assets/images/icon-512.png"


def test_the_stub_check_fails_on_a_page_preview_a_wrong_target_or_a_script(site):
    html = stub(site, "layoff")
    address, url = f"{SITE_URL}a/layoff/", f"{SITE_URL}rights/#layoff"
    question = "被通知裁员时怎么说"
    assert stub_problems(html, address, question, url, SITE_NAME, ICON) == []
    page_preview = html.replace(f'<meta property="og:title" content="{question}">',
                                '<meta property="og:title" content="劳动权益与防辞退">')
    assert any(p.startswith("og:title") for p in stub_problems(page_preview, address, question, url, SITE_NAME))
    wrong = html.replace("url=../../rights/#layoff", "url=../../rights/")
    assert any("opens" in p for p in stub_problems(wrong, address, question, url, SITE_NAME))
    absolute = html.replace("url=../../rights/#layoff", f"url={url}")
    assert any("not a relative" in p for p in stub_problems(absolute, address, question, url, SITE_NAME))
    scripted = html.replace("</body>", "<script src=x.js></script></body>")
    assert "a stub runs a script" in stub_problems(scripted, address, question, url, SITE_NAME)
    assert any("at least" in p for p in stub_problems(html, address, question, url, SITE_NAME,
                                                       ICON[:16] + (64).to_bytes(4, "big") * 2 + ICON[24:]))


def test_the_stubs_are_neither_searched_nor_in_the_sitemap(site, manifest):
    assert {f"a/{a.id}/index.html" for a in manifest.answers} <= set(site.pages())
    docs = json.loads(site.text("search/search_index.json"))["docs"]
    assert not [d["location"] for d in docs if d["location"].startswith("a/")]
    sitemap = site.text("sitemap.xml")
    assert f"{SITE_URL}salary/" in sitemap and f"{SITE_URL}a/" not in sitemap


def test_every_page_has_the_sites_own_favicon_and_preview_image(site):
    for path, soup in site.pages().items():
        icon = soup.find("link", rel="icon")["href"]
        assert icon.endswith("assets/images/icon.svg") and not icon.startswith("http"), path
        if path != "404.html":  # which links from the site's root path
            assert (site.site / path).parent.joinpath(icon).resolve() == site.site / "assets/images/icon.svg"
    for path, soup in site.pages(stubs=False).items():
        if path != "404.html":
            assert soup.find("meta", property="og:image")["content"] == f"{SITE_URL}assets/images/icon-512.png", path
    assert "assets/images/icon.svg" in site.text("sw.js")  # every page asks for it: offline too


def test_the_favicon_is_the_small_svg_and_materials_default_icon_is_not_shipped(site):
    assert (site.site / "assets/images/icon.svg").stat().st_size < 1024
    assert not (site.site / "assets/images/favicon.png").exists()
    assert "favicon.png" not in site.text("sw.js")
    assert "assets/images/icon-192.png" not in site.text("sw.js")  # an app icon: fetched only to install
    for soup in site.pages(stubs=False).values():
        assert soup.find("link", rel="apple-touch-icon")["href"].endswith("assets/images/icon-180.png")


def test_material_s_default_favicon_fails_the_build(project):
    edit(project / "mkdocs.yml", "  favicon: assets/images/icon.svg\n", "")
    result = build(project)
    assert not result.ok
    assert "theme.favicon 'assets/images/favicon.png': use one of the site's own icons" in result.log


def test_a_too_small_preview_image_fails_the_build(project):
    small = project / "docs/assets/images/icon-512.png"
    small.write_bytes((project / "docs/assets/images/icon-180.png").read_bytes())
    result = build(project)
    assert not result.ok
    assert "docs/assets/images/icon-512.png: the link preview image is 180x180 px; chat apps need at least 300 px" \
        in result.log


# -- published addresses are kept for good ------------------------------------------------

def remove_answer(project, answer_id: str, page: str) -> None:
    """Take an answer out of the manifest and its page."""
    manifest = project / DATA_DIR / "answers.yml"
    data = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    for p in data["pages"]:
        p["answers"] = [a for a in p.get("answers") or [] if a["id"] != answer_id] or None
    manifest.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    md = project / "docs" / page
    text = md.read_text(encoding="utf-8")
    start = text.index(f"//// answer | {answer_id}\n")
    md.write_text(text[:start] + text[text.index("\n////\n", start) + 6:], encoding="utf-8")


def test_an_answer_removed_without_retiring_its_address_fails_the_build(project):
    remove_answer(project, "salary-counter", "salary.md")
    result = build(project)
    assert not result.ok
    assert "answer 'salary-counter' was published but is no longer in answers.yml; its address would die" \
        in result.log


def test_a_retired_address_keeps_opening_what_replaced_it(project):
    remove_answer(project, "salary-counter", "salary.md")
    remove_answer(project, "layoff", "rights.md")
    edit(project / DATA_DIR / "published.yml", "retired: {}",
         "retired:\n  salary-counter: salary-quote\n  layoff: rights.md")
    result = build(project)
    assert result.ok, result.log
    assert stub_problems(stub(result, "salary-counter"), f"{SITE_URL}a/salary-counter/", "报价：怎么说出期望年薪",
                         f"{SITE_URL}salary/#salary-quote", SITE_NAME) == []
    layoff = result.page("a/layoff/")
    assert layoff.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../../rights/"
    assert layoff.find("meta", property="og:title")["content"] == "劳动权益与防辞退"


def test_a_new_answer_must_be_published_and_a_retired_one_must_open_something(project):
    edit(project / DATA_DIR / "published.yml", "  - layoff\n", "")
    edit(project / DATA_DIR / "published.yml", "retired: {}", "retired:\n  gone: nowhere.md")
    result = build(project)
    assert not result.ok
    assert "answer 'layoff' is not published yet: add '- layoff' under ids" in result.log
    assert "retired 'gone' is not listed under ids" in result.log
    assert "retired 'gone' opens 'nowhere.md', which is neither an answer id nor a page file" in result.log


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
    assert [b["data-share-path"] for b in buttons] == ["a/expected-salary/", "a/salary-quote/",
                                                       "a/salary-counter/", "a/social-insurance/",
                                                       "a/background-check/"]
    assert page.select(".share-qr") == []
    stub = result.page("a/expected-salary/")  # still opens the answer, relative
    assert stub.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../../salary/#expected-salary"
    assert stub.find("link", rel="canonical") is None and stub.find("meta", property="og:image") is None
