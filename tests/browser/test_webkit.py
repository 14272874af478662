"""The phone checks that matter, in WebKit — the engine of Safari and of every
browser on an iPhone, WeChat's in-app browser included — at 390×844: Debian's
WebKitGTK driven by Selenium (_webkit.py), running the very checks the
Chromium tests run (checks.py and the Chromium test modules' check
functions). One WebKit session for the module (light scheme); the dark
scheme and the offline visit get their own.

Every page without sideways scrolling and with 16 px text (a screenshot
each, `tests/screenshots/<page>-390x844-webkit.png`); Chinese search typed
key by key; 填写我的信息; practice mode; 复制链接 and 复制回答 read back by
pasting, as a reader would; a refused copy says so; the calculator; dark
mode; offline after one visit; no page error and no request to another host
throughout. The iOS CSS checks run in both engines: test_ios.py."""

from __future__ import annotations

import pytest

from ._webkit import WATCH_PATH, WATCH_SCRIPT
from .checks import (COPY_REFUSED, SCREENSHOTS, answer_count, body_shown, calculator_problems, copy_with,
                     horizontal_overflow, low_contrast, open_search, practice_problems, profile_problems,
                     profile_ready, small_body_text, type_query)
from .conftest import serve
from .pages import PAGES, SHEET, TOPICS, name
from .test_offline import offline_problems
from .test_pages import SCHEMES, TEXT, same_page_problems
from .test_profile import fill_self_intro, self_intro_problems
from .test_search import DARK, QUERIES, misses
from .test_share import copy_link_problems

pytestmark = [pytest.mark.browser, pytest.mark.webkit]


@pytest.fixture
def page(webkit_phone, webkit_served):
    """The module's WebKit page, its errors checked after each test; stored
    values and the off-host log start empty."""
    webkit_phone.goto(webkit_served.url)
    webkit_phone.evaluate("localStorage.clear()")
    webkit_phone.proxy.requests.clear()
    webkit_phone.problems(webkit_served.server)
    yield webkit_phone
    assert webkit_phone.problems(webkit_served.server) == []


def test_every_page_fits_a_phone_with_16px_text_and_no_error(page, webkit_served):
    SCREENSHOTS.mkdir(exist_ok=True)
    problems = {}
    for url in PAGES:
        page.goto(webkit_served.url + url)
        found = horizontal_overflow(page) + small_body_text(page) + page.problems(webkit_served.server)
        if found:
            problems[name(url)] = found
        path = SCREENSHOTS / f"{name(url)}-390x844-webkit.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000, path
    assert page.evaluate("[innerWidth, innerHeight]") == [390, 844]
    assert problems == {}



def test_a_jump_link_moves_within_the_page_shown(page, webkit_served):
    assert same_page_problems(page, webkit_served.url, "rights/", 844) == []

def test_chinese_search_typed_key_by_key_finds_every_answer(page, webkit_served):
    open_search(page)
    assert misses(page, QUERIES) == []
    results = type_query(page, "区块链")
    assert results["sections"] == [] and "没有找到" in results["meta"]


def test_filled_values_replace_the_placeholders_and_stay(page, webkit_served):
    assert profile_problems(page, webkit_served.url) == []


def test_practice_mode_on_and_off_and_a_tap_reveals_the_answer(page, webkit_served):
    for url in ("opening/", "rights/"):
        profile_ready(page, webkit_served.url + url)
        toggle = page.get_by_role("button", name="练习模式")
        toggle.click()
        assert toggle.get_attribute("aria-pressed") == "true"
        assert answer_count(page) > 0
        assert practice_problems(page) == []
        toggle.click()  # off: every answer shows again
        assert toggle.get_attribute("aria-pressed") == "false"
        assert all(body_shown(page, i) for i in range(answer_count(page)))
    # the choice is remembered across a reload
    page.get_by_role("button", name="练习模式").click()
    page.reload()
    page.wait_for_function("() => document.documentElement.classList.contains('practice-mode')")
    assert not body_shown(page, 0)
    page.get_by_role("button", name="练习模式").click()


def test_copy_link_puts_each_answers_address_on_the_clipboard(page, webkit_served):
    assert copy_link_problems(page, webkit_served.url, TOPICS + [SHEET]) == []


def test_copy_answer_puts_the_filled_plain_text_on_the_clipboard(page, webkit_served):
    profile_ready(page, webkit_served.url + "opening/")
    fill_self_intro(page)
    text, toast = copy_with(page, page.locator('.answer[data-answer="self-intro"] .answer-copy'))
    assert toast == "已复制"
    assert self_intro_problems(text) == []


def test_a_copy_the_browser_refuses_says_so(page, webkit_served):
    # A script's click is no gesture of the reader's: WebKit refuses the copy.
    # Material's ClipboardJS would still say 已复制; the page says it failed.
    page.goto(webkit_served.url + "offer/")
    button = page.locator(".answer-share").first
    assert copy_with(page, button, gesture=False) == ("", COPY_REFUSED)
    # … and a real tap copies the button's address and confirms: the check tells them apart
    text, toast = copy_with(page, button)
    assert (text, toast) == (button.get_attribute("data-clipboard-text"), "已复制") and text.startswith("http")


def test_the_calculator_follows_the_panel(page, webkit_served):
    assert calculator_problems(page, webkit_served.url) == []


def test_dark_mode_follows_the_system_and_reads_well(webkit, webkit_served):
    dark = webkit.new_page(dark=True)
    try:
        for url in ("", "salary/", "rights/"):
            dark.goto(webkit_served.url + url)
            assert dark.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES["dark"]
            assert horizontal_overflow(dark) == [] and small_body_text(dark) == []
            assert low_contrast(dark, TEXT) == []
        open_search(dark)
        assert misses(dark, {q: QUERIES[q] for q in DARK}) == []
        dark.goto(webkit_served.url + "offer/")
        toggle = dark.locator('form[data-md-component="palette"] label[title="切换到浅色模式"]')
        assert toggle.get_attribute("title") == "切换到浅色模式"
        toggle.click()
        dark.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'default'")
        assert dark.problems(webkit_served.server) == []
    finally:
        dark.close()


def test_offline_after_one_visit_pages_and_search_work(webkit, project):
    # its own served site: the network is cut under it, not under the module's session
    site = serve(project, inject=(WATCH_PATH, WATCH_SCRIPT))
    reader = webkit.new_page()
    try:
        problems = offline_problems(reader, site)
        assert problems == [], "\n".join(problems)
    finally:
        reader.close()
        site.server.stop()


def test_a_whole_visit_asks_no_other_host(page, webkit_served):
    for url in PAGES:
        page.goto(webkit_served.url + url)
    open_search(page)
    type_query(page, "期望薪资")
    page.goto(webkit_served.url + "salary/")
    page.locator(".md-footer__link--next").click()  # instant navigation
    page.wait_for_function("() => location.pathname.endsWith('/ask/')")
    assert page.proxy.requests == []


# -- the WebKit plumbing can fail ----------------------------------------------------

def test_the_watch_sees_errors_failed_requests_and_other_hosts(page, webkit_served):
    page.goto(webkit_served.url + "salary/")
    page.evaluate("""() => { setTimeout(() => { throw new Error('probe'); }, 0);
                             console.error('console probe');
                             const s = document.createElement('script'); s.textContent = 'window.__ran = 1';
                             document.body.append(s);
                             return fetch('missing.png').catch(() => null); }""")
    page.wait_for_function("() => (sessionStorage.getItem('__webkit_watch') || '').includes('probe')")
    assert page.evaluate("window.__ran") is None  # the CSP blocked the inline script …
    try:
        page.goto("http://other-host.example/", timeout=5000)
    except AssertionError:  # the proxy's 502
        pass
    page.goto(webkit_served.url)
    problems = page.problems(webkit_served.server)
    assert any(p.startswith("pageerror") and "probe" in p for p in problems), problems
    assert "console console probe" in problems, problems
    assert any(p.startswith("csp script-src") for p in problems), problems  # … and it is seen
    assert any(p.startswith("404 ") and p.endswith("/salary/missing.png") for p in problems), problems
    assert "outside GET http://other-host.example/" in problems, problems
    page.proxy.requests.clear()


def test_the_layout_checks_see_overflow_and_small_text_in_webkit(page, webkit_served):
    page.goto(webkit_served.url + "salary/")
    page.evaluate("""() => { const box = document.querySelector('.md-content .md-typeset');
      const wide = document.createElement('div'); wide.className = 'too-wide';
      wide.style.width = '900px'; wide.textContent = '很宽'; box.append(wide);
      const small = document.createElement('p'); small.style.fontSize = '12px';
      small.textContent = '小字'; box.append(small); }""")
    assert any("too-wide" in p for p in horizontal_overflow(page))
    assert "12px: 小字" in small_body_text(page)
