"""Every page as a reader sees it, in Chromium at 360×740, 390×844 and
1280×800, light and dark: no sideways scrolling, body text of at least 16 px
in the system CJK font stack, the site's controls at least 44 px, every
answer of a page one tap away (the jump list under the title), deep links
landing below the sticky header, WCAG AA contrast, links told apart without
colour, no skipped heading level, lang="zh", named dialogs, no script error;
a dark mode that follows the system with a toggle labelled in Chinese; and a
screenshot of every page at 390×844 in tests/screenshots/ for a person."""

from __future__ import annotations

import pytest

from ._browser import PHONES, VIEWPORTS
from .checks import (SCREENSHOTS, SETTLED_STYLES_JS, Watch, contrast, heading_skips, heading_visible_below_header,
                     horizontal_overflow, indistinct_links, low_contrast, press, scroll_settled,
                     small_body_text, small_tap_targets)
from .pages import MANIFEST, PAGES, answer_url, answers_shown_on, name

pytestmark = pytest.mark.browser

CJK_FONTS = ("PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC")
TEXT = (".md-content p, .md-content li, .md-content a, .md-content h1, .md-content h2, "
        ".md-content h3, .md-content .pf, .pf-unset, .admonition-title, .answer-tools__button, "
        ".answer-jump__title, .answer-jump__link, .md-header__topic, .md-footer__title, "
        ".md-footer__direction")
SCHEMES = {"light": "default", "dark": "slate"}
# (viewport, colour scheme) of each reader
READERS = [("phone-360", "light"), ("phone-390", "light"), ("desktop", "light"), ("phone-390", "dark")]


def text_font(page) -> str:
    return page.evaluate("getComputedStyle(document.querySelector('.md-typeset p')).fontFamily")


def unnamed_dialogs(page) -> list[str]:
    return page.evaluate("""() => [...document.querySelectorAll('[role=dialog], dialog')]
      .filter(d => !(d.getAttribute('aria-label') || '').trim()
                   && !(d.getAttribute('aria-labelledby') || '').trim())
      .map(d => d.className)""")


def lang_problem(page) -> str | None:
    lang = page.evaluate("document.documentElement.lang")
    return None if lang == "zh" or lang.startswith("zh-") else f'lang="{lang}"'


def jump_problems(page, url: str, height: int) -> list[str]:
    """Each jump link is on the first screen, and tapping it brings its
    question below the header."""
    problems = []
    answers = answers_shown_on(url)
    links = page.locator(".answer-jump a")
    if links.count() != len(answers):
        return [f"{links.count()} jump links for {len(answers)} answers"]
    for i, answer in enumerate(answers):
        page.evaluate("window.scrollTo(0, 0)")
        link = links.nth(i)
        if link.inner_text() != answer.title:
            problems.append(f"jump link {i}: {link.inner_text()!r} for {answer.title!r}")
        if not (link.is_visible() and link.bounding_box()["y"] + 44 <= height):
            problems.append(f"{answer.id}: jump link not on the first screen")
        press(page, link)
        page.wait_for_function("(id) => location.hash === '#' + id", arg=answer.id)
        scroll_settled(page)
        ok, where = heading_visible_below_header(page, answer.id)
        if not ok:
            problems.append(where)
    return problems


@pytest.mark.parametrize(("viewport", "scheme"), READERS, ids=[f"{v}-{s}" for v, s in READERS])
@pytest.mark.parametrize("url", PAGES, ids=name)
def test_page_reads_well(served, new_context, url, viewport, scheme):
    page = new_context(viewport, color_scheme=scheme).new_page()
    watch = Watch(page, served.url)
    page.goto(served.url + url)
    page.wait_for_load_state("load")
    page.wait_for_function(SETTLED_STYLES_JS)  # what a reader reads: the stylesheets applied over the inline CSS
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
    assert horizontal_overflow(page) == []
    assert small_body_text(page) == []
    assert small_tap_targets(page) == []
    assert all(font in text_font(page) for font in CJK_FONTS), text_font(page)
    assert low_contrast(page, TEXT) == []
    assert indistinct_links(page) == []
    assert heading_skips(page) == []
    assert lang_problem(page) is None
    assert unnamed_dialogs(page) == []
    if (viewport, scheme) == ("phone-390", "light"):
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name(url)}-390x844.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000, path
    if page.locator(".answer-jump").count():
        assert jump_problems(page, url, VIEWPORTS[viewport]["height"]) == []
    assert watch.problems() == []


@pytest.mark.parametrize("viewport", PHONES)
def test_deep_links_land_with_the_question_below_the_header(served, new_context, viewport):
    page = new_context(viewport).new_page()
    problems = []
    for answer in MANIFEST.answers:
        page.goto("about:blank")  # a fresh load each, as from a link in a chat
        page.goto(served.url + answer_url(answer))
        page.wait_for_load_state("load")
        scroll_settled(page)
        ok, where = heading_visible_below_header(page, answer.id)
        if not ok:
            problems.append(where)
    assert problems == []


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_placeholders_buttons_and_jump_links_are_measured_and_readable(served, new_context, scheme):
    page = new_context(color_scheme=scheme).new_page()
    page.goto(served.url + "salary/")
    for selector in (".pf-unset", ".answer-tools__button", ".answer-jump__link", ".md-content p"):
        assert contrast(page, selector), f"nothing measured: {selector}"
        assert low_contrast(page, selector) == [], (scheme, selector)


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_dark_mode_follows_the_system_and_the_toggle_speaks_chinese(served, new_context, scheme):
    other = {"light": "dark", "dark": "light"}[scheme]
    label = {"light": "切换到深色模式", "dark": "切换到浅色模式"}
    page = new_context(color_scheme=scheme).new_page()
    page.goto(served.url + "offer/")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
    toggle = page.locator('form[data-md-component="palette"] label:visible')
    assert toggle.count() == 1
    assert toggle.get_attribute("title") == label[scheme]
    toggle.tap()
    page.wait_for_function("(s) => document.body.getAttribute('data-md-color-scheme') === s",
                           arg=SCHEMES[other])
    assert page.locator('form[data-md-component="palette"] label:visible').get_attribute("title") == label[other]


@pytest.mark.parametrize("viewport", PHONES)
def test_drawer_navigation_links_are_big_enough_to_tap(served, new_context, viewport):
    page = new_context(viewport).new_page()
    page.goto(served.url + "salary/")
    page.locator('label.md-header__button[for="__drawer"]').tap()
    page.wait_for_timeout(400)
    links = page.locator(".md-nav--primary .md-nav__link:visible")
    assert links.count() >= len(PAGES)
    assert small_tap_targets(page, ".md-nav--primary .md-nav__link") == []


def same_page_problems(page, site_url: str, url: str, height: int) -> list[str]:
    """Tap every jump link of the page at `url` (jump_problems), then go
    back: each tap moves within the page shown — no fetch of the page, its
    content not swapped (a swap re-renders it under the reader's thumb and
    the scroll lands against content still being rendered)."""
    page.goto(site_url + url)
    page.wait_for_load_state("load")
    page.wait_for_function(SETTLED_STYLES_JS)
    page.evaluate("document.querySelector('article').dataset.kept = 'yes'")
    problems = jump_problems(page, url, height)
    page.evaluate("history.back()")
    page.wait_for_function("(id) => location.hash !== '#' + id", arg=answers_shown_on(url)[-1].id)
    scroll_settled(page)
    fetched = page.evaluate("""(u) => performance.getEntriesByType('resource')
      .map(e => e.name).filter(name => name.split('#')[0] === u)""", site_url + url)
    if fetched:
        problems.append(f"the page was fetched again: {fetched}")
    if page.evaluate("document.querySelector('article').dataset.kept") != "yes":
        problems.append("the page's content was replaced")
    return problems


@pytest.mark.parametrize("viewport", PHONES)
def test_a_jump_link_moves_within_the_page_shown(served, new_context, viewport):
    # Material's instant navigation fetched the page again at the first tap
    # on one of its anchors (patched: hooks/handbook/output/patches.py)
    page = new_context(viewport).new_page()
    assert same_page_problems(page, served.url, "rights/", VIEWPORTS[viewport]["height"]) == []


# -- the checks can fail ---------------------------------------------------------

def test_checks_catch_overflow_small_text_small_controls_and_another_font(served, phone):
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
      document.documentElement.style.setProperty('--md-text-font', 'Roboto');
    }""")
    assert any("too-wide" in p for p in horizontal_overflow(phone))
    assert "12px: 小字" in small_body_text(phone)
    assert len(small_tap_targets(phone)) == 1
    assert not any(font in text_font(phone) for font in CJK_FONTS)


def test_checks_catch_low_contrast_plain_links_skipped_headings_wrong_lang_and_unnamed_dialogs(served, phone):
    phone.goto(served.url + "salary/")
    assert unnamed_dialogs(phone) == []
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
      document.querySelector('[data-md-component=search]').removeAttribute('aria-label');
    }""")
    assert any("浅灰色的字" in p for p in low_contrast(phone, TEXT))
    assert indistinct_links(phone) != []
    assert any("跳级标题" in p for p in heading_skips(phone))
    assert lang_problem(phone) == 'lang="en"'
    assert unnamed_dialogs(phone) == ["md-search"]


def test_jump_and_deep_link_checks_see_a_question_hidden_under_the_header(served, phone):
    # CSSOM, not a <style> element: the site's CSP blocks inline styles; on
    # every change of the page (instant navigation may render it anew)
    phone.add_init_script("""new MutationObserver(() => document.querySelectorAll('.md-typeset h2[id]')
      .forEach(h => h.style.setProperty('scroll-margin-top', '0', 'important')))
      .observe(document, {childList: true, subtree: true})""")
    phone.goto(served.url + "opening/#self-intro")
    phone.wait_for_load_state("load")
    scroll_settled(phone)
    ok, where = heading_visible_below_header(phone, "self-intro")
    assert not ok, where
    assert jump_problems(phone, "opening/", VIEWPORTS["phone-390"]["height"]) != []


def test_the_same_page_check_sees_materials_refetch_at_the_first_tap(served, new_context):
    from handbook.output import patches
    context = new_context("phone-390")
    [bundle] = (served.project / "site").glob("assets/javascripts/bundle.*.min.js")
    unpatched = bundle.read_text(encoding="utf-8")
    for patch in patches.PATCHES:
        if patch.reason.startswith("setupInstantNavigation()"):
            assert unpatched.count(patch.replacement) == 1, patch.reason
            unpatched = unpatched.replace(patch.replacement, patch.expected)
    context.route("**/assets/javascripts/bundle.*.min.js",
                  lambda route: route.fulfill(content_type="text/javascript", body=unpatched))
    problems = same_page_problems(context.new_page(), served.url, "rights/", VIEWPORTS["phone-390"]["height"])
    assert any(p.startswith("the page was fetched again") for p in problems), problems


def test_the_watch_sees_a_script_error_and_a_blocked_inline_script(served, phone):
    watch = Watch(phone, served.url)
    phone.goto(served.url)
    assert watch.problems() == []
    phone.evaluate("setTimeout(() => { throw new Error('probe'); }, 0)")
    phone.evaluate("""() => { const s = document.createElement('script');
                     s.textContent = 'window.__ran = 1'; document.body.append(s); }""")
    phone.wait_for_timeout(200)
    assert phone.evaluate("window.__ran") is None  # blocked by the page's CSP …
    problems = watch.problems()
    assert any("probe" in p for p in problems), problems
    assert any(p.startswith("csp script-src") for p in problems), problems  # … and seen


def test_the_watch_sees_a_failed_request_but_not_one_the_page_moved_away_from(served, phone):
    watch = Watch(phone, served.url)
    phone.route("**/gone.png", lambda route: route.abort("connectionrefused"))
    phone.route("**/dropped.png", lambda route: route.abort("aborted"))
    phone.goto(served.url)
    phone.evaluate("""() => Promise.all(['gone.png', 'dropped.png', 'missing.png'].map(
                        name => fetch(name).catch(() => null)))""")
    problems = watch.problems()
    assert any("gone.png" in p and "ERR_CONNECTION_REFUSED" in p for p in problems), problems
    assert any(p.startswith("404 ") and "missing.png" in p for p in problems), problems
    assert not any("dropped.png" in p for p in problems), problems
