"""Phone reading, in Chromium at 360×740, 390×844 and 1280×800: no sideways
scrolling, body text of at least 16 px, the site's controls at least 44 px,
every answer of a page one tap away (the jump list under the title), deep
links landing below the sticky header, and a screenshot of every page at
390×844 in tests/screenshots/ for a person to look at."""

from __future__ import annotations

import pytest

from browser import VIEWPORTS
from browser_checks import (
    SCREENSHOTS,
    heading_visible_below_header,
    horizontal_overflow,
    small_body_text,
    small_tap_targets,
    type_query,
    open_search,
)
from manifest import load_manifest

MANIFEST = load_manifest()
PAGES = [""] + [p.file.removesuffix(".md") + "/" for p in MANIFEST.pages]
TOPIC_PAGES = [p for p in MANIFEST.pages if p.answers]


def open_context(browser, viewport: str, **extra):
    mobile = viewport.startswith("phone")
    return browser.new_context(viewport=VIEWPORTS[viewport], is_mobile=mobile, has_touch=mobile,
                               device_scale_factor=2 if mobile else 1, locale="zh-CN", **extra)


@pytest.fixture(params=list(VIEWPORTS))
def viewport_page(request, browser):
    context = open_context(browser, request.param)
    page = context.new_page()
    yield page
    context.close()


def page_name(url: str) -> str:
    return url.strip("/") or "index"


@pytest.mark.parametrize("url", PAGES, ids=page_name)
def test_page_fits_the_screen_with_readable_text_and_big_controls(served, viewport_page, url):
    page = viewport_page
    page.goto(served.url + url)
    page.wait_for_load_state("load")
    assert horizontal_overflow(page) == []
    assert small_body_text(page) == []
    assert small_tap_targets(page) == []


def test_screenshots_of_every_page_are_written(served, browser):
    context = open_context(browser, "phone-390")
    page = context.new_page()
    try:
        SCREENSHOTS.mkdir(exist_ok=True)
        for url in PAGES:
            path = SCREENSHOTS / f"{page_name(url)}-390x844.png"
            page.goto(served.url + url)
            page.screenshot(path=str(path), full_page=True)
            assert path.stat().st_size > 10_000, path
    finally:
        context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_search_overlay_controls_are_big_enough_to_tap(served, browser, viewport):
    context = open_context(browser, viewport)
    page = context.new_page()
    try:
        page.goto(served.url)
        open_search(page)
        type_query(page, "薪资")
        assert small_tap_targets(page, ".md-search__icon, .md-header__button") == []
        assert horizontal_overflow(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("topic", TOPIC_PAGES, ids=lambda p: p.file)
def test_every_answer_of_a_page_is_one_tap_away(served, browser, viewport, topic):
    context = open_context(browser, viewport)
    page = context.new_page()
    try:
        page.goto(served.url + topic.file.removesuffix(".md") + "/")
        links = page.locator(".answer-jump a")
        assert links.count() == len(topic.answers)
        for i, answer in enumerate(topic.answers):
            page.evaluate("window.scrollTo(0, 0)")
            link = links.nth(i)
            assert link.inner_text() == answer.title
            assert link.is_visible() and link.bounding_box()["y"] + 44 <= VIEWPORTS[viewport]["height"], \
                f"{answer.id}: jump link not on the first screen"
            link.tap() if viewport.startswith("phone") else link.click()
            page.wait_for_function("(id) => location.hash === '#' + id", arg=answer.id)
            page.wait_for_timeout(300)  # smooth scrolling settles
            ok, where = heading_visible_below_header(page, answer.id)
            assert ok, where
    finally:
        context.close()


@pytest.mark.parametrize("viewport", ["phone-360", "phone-390"])
def test_deep_link_lands_with_the_heading_below_the_header(served, browser, viewport):
    context = open_context(browser, viewport)
    page = context.new_page()
    try:
        for answer in MANIFEST.answers:
            page.goto(f"{served.url}{answer.page.removesuffix('.md')}/#{answer.id}")
            page.wait_for_load_state("load")
            page.wait_for_timeout(200)
            ok, where = heading_visible_below_header(page, answer.id)
            assert ok, where
    finally:
        context.close()


# -- the checks can fail ---------------------------------------------------------

def test_checks_catch_overflow_small_text_and_small_controls(served, phone):
    phone.goto(served.url + "salary/")
    assert horizontal_overflow(phone) == [] and small_body_text(phone) == [] and small_tap_targets(phone) == []
    phone.evaluate("""() => {
      const box = document.querySelector('.md-content .md-typeset');
      const wide = document.createElement('div'); wide.className = 'too-wide';
      wide.style.width = '900px'; wide.textContent = '很宽'; box.append(wide);
      const small = document.createElement('p'); small.style.fontSize = '12px';
      small.textContent = '小字'; box.append(small);
      const tiny = document.createElement('button'); tiny.className = 'answer-tools__button';
      tiny.style.cssText = 'min-width:0;min-height:0;padding:0;font-size:10px'; tiny.textContent = 'x';
      document.querySelector('.answer-tools').append(tiny);
    }""")
    assert any("too-wide" in p for p in horizontal_overflow(phone))
    assert "12px: 小字" in small_body_text(phone)
    assert len(small_tap_targets(phone)) == 1


def test_deep_link_check_sees_a_heading_hidden_under_the_header(served, phone):
    phone.add_init_script("""document.addEventListener('DOMContentLoaded', () => {
      // CSSOM, not a <style> element: the site's CSP blocks inline styles
      document.querySelectorAll('.md-typeset h2[id]').forEach(
        h => h.style.setProperty('scroll-margin-top', '0', 'important'));
    })""")
    phone.goto(served.url + "opening/#self-intro")
    phone.wait_for_load_state("load")
    phone.wait_for_timeout(200)
    ok, where = heading_visible_below_header(phone, "self-intro")
    assert not ok, where


@pytest.mark.parametrize("viewport", ["phone-360", "phone-390"])
def test_drawer_navigation_links_are_big_enough_to_tap(served, browser, viewport):
    context = open_context(browser, viewport)
    page = context.new_page()
    try:
        page.goto(served.url + "salary/")
        page.locator('label.md-header__button[for="__drawer"]').tap()
        page.wait_for_timeout(400)
        links = page.locator(".md-nav--primary .md-nav__link:visible")
        assert links.count() >= len(PAGES)
        assert small_tap_targets(page, ".md-nav--primary .md-nav__link") == []
    finally:
        context.close()
