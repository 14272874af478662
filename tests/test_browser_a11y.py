"""Accessibility, measured in Chromium on every page: lang="zh", named dialogs,
WCAG AA colour contrast in the light and the dark scheme (body text, links,
unset profile placeholders, the answer tools, the jump list), links in text
told apart without colour, headings without skipped levels, and a dark mode
that follows the system with a toggle labelled in Chinese."""

from __future__ import annotations

import pytest

from browser import VIEWPORTS
from browser_checks import heading_skips, indistinct_links, low_contrast, open_search
from manifest import load_manifest

PAGES = [""] + [p.file.removesuffix(".md") + "/" for p in load_manifest().pages]
IDS = [u.strip("/") or "index" for u in PAGES]
TEXT = (".md-content p, .md-content li, .md-content a, .md-content h1, .md-content h2, "
        ".md-content h3, .md-content .pf, .pf-unset, .admonition-title, .answer-tools__button, "
        ".answer-jump__title, .answer-jump__link, .md-header__topic, .md-footer__title, "
        ".md-footer__direction")
SCHEMES = {"light": "default", "dark": "slate"}


def phone_context(browser, scheme: str = "light", **extra):
    return browser.new_context(viewport=VIEWPORTS["phone-390"], is_mobile=True, has_touch=True,
                               locale="zh-CN", color_scheme=scheme, **extra)


def unnamed_dialogs(page) -> list[str]:
    return page.evaluate("""() => [...document.querySelectorAll('[role=dialog], dialog')]
      .filter(d => !(d.getAttribute('aria-label') || '').trim()
                   && !(d.getAttribute('aria-labelledby') || '').trim())
      .map(d => d.className)""")


def lang_problem(page) -> str | None:
    lang = page.evaluate("document.documentElement.lang")
    return None if lang == "zh" or lang.startswith("zh-") else f'lang="{lang}"'


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("url", PAGES, ids=IDS)
def test_page_meets_contrast_and_structure_checks(served, browser, scheme, url):
    context = phone_context(browser, scheme)
    page = context.new_page()
    try:
        page.goto(served.url + url)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
        assert low_contrast(page, TEXT) == []
        assert indistinct_links(page) == []
        assert heading_skips(page) == []
        assert lang_problem(page) is None
        open_search(page)
        assert unnamed_dialogs(page) == []
        assert page.locator(".md-search").get_attribute("aria-label") == "搜索"
    finally:
        context.close()


def test_placeholders_links_and_buttons_are_measured(served, browser):
    """The contrast check reads the elements the issue names, in both schemes."""
    for scheme in SCHEMES:
        context = phone_context(browser, scheme)
        page = context.new_page()
        page.goto(served.url + "salary/")
        for selector in (".pf-unset", ".answer-tools__button", ".answer-jump__link", ".md-content p"):
            assert page.locator(selector).count() > 0, selector
            assert low_contrast(page, selector) == [], (scheme, selector)
        context.close()


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_dark_mode_follows_the_system_and_the_toggle_speaks_chinese(served, browser, scheme):
    other = {"light": "dark", "dark": "light"}[scheme]
    label = {"light": "切换到深色模式", "dark": "切换到浅色模式"}
    context = phone_context(browser, scheme)
    page = context.new_page()
    try:
        page.goto(served.url + "offer/")
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
        toggle = page.locator('form[data-md-component="palette"] label:visible')
        assert toggle.count() == 1
        assert toggle.get_attribute("title") == label[scheme]
        toggle.tap()
        page.wait_for_function("(s) => document.body.getAttribute('data-md-color-scheme') === s",
                               arg=SCHEMES[other])
        assert page.locator('form[data-md-component="palette"] label:visible').get_attribute("title") == label[other]
    finally:
        context.close()


# -- the checks can fail ---------------------------------------------------------


def test_checks_catch_low_contrast_plain_links_skipped_headings_and_wrong_lang(served, phone):
    phone.goto(served.url + "salary/")
    phone.evaluate("""() => {
      const box = document.querySelector('.md-content .md-typeset');
      const grey = document.createElement('p'); grey.style.color = '#aaa'; grey.textContent = '浅灰色的字';
      box.append(grey);
      // CSSOM, not a <style> element: the site's CSP blocks inline styles
      document.querySelectorAll('.md-typeset a').forEach(
        a => a.style.setProperty('text-decoration', 'none', 'important'));
      const h4 = document.createElement('h4'); h4.textContent = '跳级标题';
      document.querySelector('.md-content h2').after(h4);
      document.documentElement.lang = 'en';
    }""")
    assert any("浅灰色的字" in p for p in low_contrast(phone, TEXT))
    assert indistinct_links(phone) != []
    assert any("跳级标题" in p for p in heading_skips(phone))
    assert lang_problem(phone) == 'lang="en"'


def test_the_dialog_check_sees_an_unnamed_dialog(served, browser):
    # The search dialog is named at build time (hooks/lighthouse.py); take the
    # name away to show the check would catch it.
    context = phone_context(browser)
    page = context.new_page()
    try:
        page.goto(served.url)
        open_search(page)
        assert unnamed_dialogs(page) == []
        page.evaluate("document.querySelector('[data-md-component=search]').removeAttribute('aria-label')")
        assert unnamed_dialogs(page) == ["md-search"]
    finally:
        context.close()
