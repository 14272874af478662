"""Share one answer, in Chromium: 复制链接 copies the answer's absolute address
(also under a sub-path, also without site_url) with Material's clipboard,
which confirms with its 已复制 toast; the copied link opens on a phone with
the question below the header; the page's QR code shows on a desktop."""

from __future__ import annotations

import pytest

from ._browser import bundle_with
from .checks import copy_with, heading_visible_below_header
from .pages import MANIFEST, SHEET, TOPICS, url_of

pytestmark = pytest.mark.browser


def share_button(page, answer_id: str):
    return page.locator(f'.answer[data-answer="{answer_id}"] .answer-share')


def copy_link_problems(page, site_url: str, pages) -> list[str]:
    """On each page: every answer's 复制链接 is shown, copies the answer's
    address and says 已复制."""
    problems = []
    for topic in pages:
        page.goto(site_url + url_of(topic))
        buttons = page.locator(".answer .answer-share")
        answers = MANIFEST.answers if topic is SHEET else topic.answers
        if buttons.count() != len(answers):
            problems.append(f"{topic.file}: {buttons.count()} buttons for {len(answers)} answers")
        for answer in answers:
            button = page.locator(".answer-share").nth(answers.index(answer))
            if not (button.is_visible() and button.inner_text() == "复制链接"):
                problems.append(f"{topic.file} {answer.id}: no visible 复制链接")
                continue
            text, toast = copy_with(page, button)
            if text != f"{site_url}{url_of(answer.page)}#{answer.id}":
                problems.append(f"{topic.file} {answer.id}: copied {text!r}")
            if toast != "已复制":
                problems.append(f"{topic.file} {answer.id}: confirmation {toast!r}")
    return problems


def test_copy_link_copies_each_answers_address_and_says_copied(served, new_context):
    # on its own page and on 全部答案, which links to the answer's own page
    page = new_context(clipboard=served.url).new_page()
    assert copy_link_problems(page, served.url, TOPICS + [SHEET]) == []


def test_copy_link_keeps_the_sub_path(served_subpath, new_context):
    page = new_context(clipboard=served_subpath.url).new_page()
    salary = next(p for p in TOPICS if p.file == "salary.md")
    assert copy_link_problems(page, served_subpath.url, [salary]) == []
    qr = page.locator(".share-qr svg")
    assert served_subpath.url + "salary/" in qr.get_attribute("aria-label")


def test_copy_link_without_site_url_copies_the_answers_own_address(project, serve_project, new_context):
    site = serve_project(project, env={"SITE_URL": ""})
    page = new_context(clipboard=site.url).new_page()
    page.goto(site.url + "offer/")
    assert page.locator('.answer-share[data-clipboard-text=""]').count() == 2  # no address at build time
    text, toast = copy_with(page, share_button(page, "start-date"))
    assert (text, toast) == (f"{site.url}offer/#start-date", "已复制")
    # on 全部答案 the answer is away from its page: the link still points to its page
    page.goto(site.url + "all/")
    text, _ = copy_with(page, share_button(page, "start-date"))
    assert text == f"{site.url}offer/#start-date"


def test_copy_link_check_fails_on_a_wrong_address_or_no_confirmation(served, new_context):
    page = new_context(clipboard=served.url).new_page()
    offer = next(p for p in TOPICS if p.file == "offer.md")
    page.add_init_script("""document.addEventListener('DOMContentLoaded', () => {
      const [first, second] = document.querySelectorAll('.answer-share');
      first.setAttribute('data-clipboard-text', location.origin + '/elsewhere/');
      second.addEventListener('click', e => {  // copies, but Material never hears of it
        e.stopPropagation();
        navigator.clipboard.writeText(location.href.split('#')[0] + '#other-offers');
      });
    })""")
    problems = copy_link_problems(page, served.url, [offer])
    assert any("start-date: copied" in p and "/elsewhere/" in p for p in problems), problems
    assert any("other-offers: confirmation ''" in p for p in problems), problems


def test_without_share_js_the_button_stays_hidden(served, new_context):
    context = new_context(clipboard=served.url)
    bundle_with(context, served.site, "assets/javascripts/share.js")
    page = context.new_page()
    page.goto(served.url + "salary/")
    page.wait_for_load_state("load")
    assert page.locator(".answer-share").count() == 3
    assert page.locator(".answer-share:visible").count() == 0
    assert page.locator(".answer-copy:visible").count() == 3  # the other tools still run


def test_copied_link_opens_on_a_phone_at_the_answer(served, new_context):
    context = new_context(clipboard=served.url)
    page = context.new_page()
    page.goto(served.url + "rights/")
    link, _ = copy_with(page, share_button(page, "bottom-ranking"))
    other = context.new_page()
    other.goto(link)
    other.wait_for_load_state("load")
    other.wait_for_timeout(200)
    ok, where = heading_visible_below_header(other, "bottom-ranking")
    assert ok, where


def test_qr_code_shows_on_a_desktop_and_not_on_a_phone(served, new_context, phone):
    page = new_context("desktop").new_page()
    page.goto(served.url + "offer/")
    qr = page.locator(".share-qr svg")
    assert qr.is_visible()
    box = qr.bounding_box()
    assert box["width"] >= 120 and abs(box["width"] - box["height"]) < 1
    assert page.locator(".share-qr figcaption").inner_text().startswith("手机扫码打开本页")
    assert served.url + "offer/" in qr.get_attribute("aria-label")
    # black modules on a white square in the dark scheme too
    dark = new_context("desktop", color_scheme="dark").new_page()
    dark.goto(served.url + "offer/")
    assert dark.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert dark.evaluate("""() => [getComputedStyle(document.querySelector('.share-qr svg path')).fill,
        getComputedStyle(document.querySelector('.share-qr__modules')).stroke]""") == [
        "rgb(255, 255, 255)", "rgb(0, 0, 0)"]
    phone.goto(served.url + "offer/")
    assert phone.locator(".share-qr svg").is_hidden()
