"""Share one answer, in Chromium: 复制链接 copies the answer's absolute address
(also under a sub-path) and says 已复制; the copied link opens on a phone with
the heading below the header; the QR code shows on a desktop."""

from __future__ import annotations

import pytest

from browser import VIEWPORTS
from browser_checks import heading_visible_below_header
from conftest import copy_project, serve_build
from manifest import load_manifest

MANIFEST = load_manifest()


def clipboard_context(browser, origin: str, viewport: str = "phone-390"):
    mobile = viewport.startswith("phone")
    context = browser.new_context(viewport=VIEWPORTS[viewport], is_mobile=mobile, has_touch=mobile,
                                  locale="zh-CN")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    return context


def origin(url: str) -> str:
    return "/".join(url.split("/")[:3])


def copy_answer_link(page, answer_id: str) -> str:
    button = page.locator(f'.answer-tools[data-answer="{answer_id}"] .answer-share')
    button.tap() if page.viewport_size["width"] < 600 else button.click()
    page.wait_for_function(
        "(id) => document.querySelector(`.answer-tools[data-answer=\"${id}\"] .answer-share`).textContent.trim() === '已复制'",
        arg=answer_id, timeout=3000)
    return page.evaluate("navigator.clipboard.readText()")


@pytest.mark.parametrize("topic", [p for p in MANIFEST.pages if p.answers], ids=lambda p: p.file)
def test_copy_link_copies_each_answers_address_and_says_copied(served, browser, topic):
    context = clipboard_context(browser, origin(served.url))
    page = context.new_page()
    try:
        url = served.url + topic.file.removesuffix(".md") + "/"
        page.goto(url)
        buttons = page.locator(".answer-tools .answer-share")
        assert buttons.count() == len(topic.answers)
        for answer in topic.answers:
            button = page.locator(f'.answer-tools[data-answer="{answer.id}"] .answer-share')
            assert button.is_visible() and button.inner_text() == "复制链接"
            assert copy_answer_link(page, answer.id) == f"{url}#{answer.id}"
        # the label comes back for the next copy
        page.wait_for_function("() => [...document.querySelectorAll('.answer-share')]"
                               ".every(b => b.textContent.trim() === '复制链接')", timeout=4000)
    finally:
        context.close()


def test_copied_link_opens_on_a_phone_at_the_answer(served, browser):
    context = clipboard_context(browser, origin(served.url))
    page = context.new_page()
    try:
        page.goto(served.url + "rights/")
        link = copy_answer_link(page, "bottom-ranking")
        other = context.new_page()
        other.goto(link)
        other.wait_for_load_state("load")
        other.wait_for_timeout(200)
        ok, where = heading_visible_below_header(other, "bottom-ranking")
        assert ok, where
    finally:
        context.close()


def test_copy_link_keeps_the_sub_path(browser, tmp_path):
    site, server = serve_build(copy_project(tmp_path / "project"), "/zhaopin/handbook/")
    try:
        assert site.url.endswith("/zhaopin/handbook/")
        context = clipboard_context(browser, origin(site.url))
        page = context.new_page()
        page.goto(site.url + "salary/")
        assert copy_answer_link(page, "salary-counter") == f"{site.url}salary/#salary-counter"
        qr = page.locator(".share-qr svg")
        assert site.url + "salary/" in qr.get_attribute("aria-label")
        context.close()
    finally:
        server.stop()


def test_without_share_js_nothing_is_copied(served, browser):
    context = clipboard_context(browser, origin(served.url))
    context.route("**/javascripts/share.js", lambda route: route.abort())
    page = context.new_page()
    try:
        page.goto(served.url + "salary/")
        page.evaluate("navigator.clipboard.writeText('before')")
        page.locator(".answer-share").first.click()
        page.wait_for_timeout(500)
        assert page.locator(".answer-share").first.inner_text() == "复制链接"
        assert page.evaluate("navigator.clipboard.readText()") == "before"
    finally:
        context.close()


def test_copy_link_without_site_url_uses_the_address_bar(browser, tmp_path):
    site, server = serve_build(copy_project(tmp_path / "project"), "/", env={"SITE_URL": ""})
    try:
        context = clipboard_context(browser, origin(site.url))
        page = context.new_page()
        page.goto(site.url + "offer/")
        assert page.locator(".answer-share[data-share-url]").count() == 0
        assert copy_answer_link(page, "start-date") == f"{site.url}offer/#start-date"
        context.close()
    finally:
        server.stop()


def test_qr_code_shows_on_a_desktop_and_not_on_a_phone(served, browser, phone):
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(served.url + "offer/")
        qr = page.locator(".share-qr svg")
        assert qr.is_visible()
        box = qr.bounding_box()
        assert box["width"] >= 120 and abs(box["width"] - box["height"]) < 1
        assert page.locator(".share-qr figcaption").inner_text().startswith("手机扫码打开本页")
        # black modules on a white square in the dark scheme too
        page.emulate_media(color_scheme="dark")
        assert page.evaluate("document.querySelector('.share-qr svg path').getAttribute('fill')") == "#fff"
    finally:
        context.close()
    phone.goto(served.url + "offer/")
    assert phone.locator(".share-qr svg").is_hidden()
