"""Practice mode in Chromium at phone size (390×844): the header toggle hides
every answer and leaves the questions; tapping a question (or its 显示回答)
shows that answer, tapping again hides it; the choice persists across
reloads and instant navigation; it works on every page, 全部答案 included,
in the dark scheme, offline, and prints every answer."""

from __future__ import annotations

import pytest

from ._browser import bundle_with
from ._browser import PHONE
from .checks import SCREENSHOTS, answer_count, practice_problems
from .pages import MANIFEST, PAGES, answers_shown_on, name

pytestmark = pytest.mark.browser

VISIBLE_BODIES = """els => els.filter(e => e.getClientRects().length)
                             .map(e => e.closest('[data-answer]').dataset.answer)"""


def ready(page, url: str) -> None:
    """Load a page and wait until the features have run on it."""
    page.goto(url)
    page.wait_for_selector(".rehearse-controls:not([hidden])", state="attached")


def visible_bodies(page) -> list[str]:
    return page.eval_on_selector_all(".answer-body", VISIBLE_BODIES)


def toggle(page):
    return page.get_by_role("button", name="练习模式")


def instant_go(page, link_text: str) -> None:
    """Follow a link with Material's instant navigation (no page load)."""
    page.evaluate("window.__noReload = true")
    page.get_by_role("link", name=link_text).first.click()
    page.wait_for_function("() => !!document.querySelector('.answer')")
    assert page.evaluate("window.__noReload") is True, "the link caused a full page load"


def practice_run(page, url: str) -> tuple[list[str], list[str]]:
    """Turn practice mode on with the header toggle, tap every question twice:
    (what went wrong, uncaught script errors)."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    ready(page, url)
    toggle(page).tap()
    problems = []
    if toggle(page).get_attribute("aria-pressed") != "true":
        problems.append("the toggle is not pressed")
    problems += practice_problems(page)
    return problems, errors


# -- every page ------------------------------------------------------------------

@pytest.mark.parametrize("url", PAGES, ids=name)
def test_practice_mode_reveals_and_hides_every_answer_on_every_page(served, phone, url):
    problems, errors = practice_run(phone, served.url + url)
    assert answer_count(phone) == len(answers_shown_on(url))
    assert problems == []
    assert errors == []


# Ways an answer can stop working; the check above must see each of them.
BREAKS = {
    # a listener swallows the tap on the second question
    "tap-swallowed": "document.querySelectorAll('.answer > h2')[1]"
                     ".addEventListener('click', e => e.stopPropagation())",
    # the second answer lost its class: practice mode no longer hides it
    "class-removed": "document.querySelectorAll('.answer')[1].classList.remove('answer')",
}


@pytest.mark.parametrize(("break_", "url"), [("tap-swallowed", "opening/"), ("class-removed", "all/")])
def test_practice_check_fails_on_an_answer_that_cannot_be_revealed(served, phone, break_, url):
    phone.add_init_script(f"document.addEventListener('DOMContentLoaded', () => {{ {BREAKS[break_]}; }})")
    problems, errors = practice_run(phone, served.url + url)
    second = answers_shown_on(url)[1].title
    assert any(p.startswith(second) for p in problems), problems
    assert errors == []


def test_practice_check_sees_a_script_error(served, phone):
    phone.add_init_script("""document.addEventListener('DOMContentLoaded', () =>
      document.querySelector('.answer > h2').addEventListener('click', () => { throw new Error('tap'); }))""")
    problems, errors = practice_run(phone, served.url + "offer/")
    assert problems == [] and any("tap" in e for e in errors), errors


# -- the toggle, the buttons, the stored choice -------------------------------------

def test_practice_mode_hides_reveals_one_answer_and_persists(served, phone):
    ready(phone, served.url + "opening/")
    all_ids = [a.id for a in MANIFEST.answers_on("opening.md")]
    assert visible_bodies(phone) == all_ids
    assert phone.locator(".answer-reveal:visible").count() == 0  # only in practice mode
    assert toggle(phone).get_attribute("aria-pressed") == "false"

    toggle(phone).click()
    assert toggle(phone).get_attribute("aria-pressed") == "true"
    assert visible_bodies(phone) == []
    assert phone.locator("h2#self-intro").is_visible()  # the questions stay

    phone.locator("h2#self-intro").click()  # tap the question
    assert visible_bodies(phone) == ["self-intro"]
    reveal = phone.locator('.answer[data-answer="motivation"] .answer-reveal')
    assert reveal.inner_text() == "显示回答" and reveal.get_attribute("aria-expanded") == "false"
    reveal.click()  # or its 显示回答 button
    assert visible_bodies(phone) == ["motivation", "self-intro"]
    assert reveal.inner_text() == "隐藏回答" and reveal.get_attribute("aria-expanded") == "true"
    # the permalink and the jump list are links, not taps on a question; what
    # is revealed stays (instant navigation may render the page anew)
    phone.locator("h2#self-intro a.headerlink").click()
    phone.wait_for_url("**/opening/#self-intro")
    phone.wait_for_timeout(300)
    assert visible_bodies(phone) == ["motivation", "self-intro"]
    phone.locator('.answer-jump a[href$="#know-company"]').click()
    phone.wait_for_url("**/opening/#know-company")
    phone.wait_for_timeout(300)
    assert visible_bodies(phone) == ["motivation", "self-intro"]

    phone.reload()
    phone.wait_for_selector(".rehearse-controls:not([hidden])", state="attached")
    assert toggle(phone).get_attribute("aria-pressed") == "true"
    assert visible_bodies(phone) == []

    instant_go(phone, "下一页")  # footer link to 规划与自我评价
    assert "planning/" in phone.url
    assert visible_bodies(phone) == []
    assert phone.locator("h2#career-plan").is_visible()

    toggle(phone).click()
    assert visible_bodies(phone) == ["career-plan", "strengths-weaknesses"]
    phone.reload()
    phone.wait_for_selector(".rehearse-controls:not([hidden])", state="attached")
    assert visible_bodies(phone) == ["career-plan", "strengths-weaknesses"]
    assert phone.evaluate("localStorage.getItem('handbook.practice')") is None


def test_without_practice_js_no_reveal_button_shows(served, new_context):
    # A button its script does not run does nothing: it stays hidden.
    context = new_context()
    context.add_init_script("localStorage.setItem('handbook.practice', 'on')")
    bundle_with(context, served.site, "assets/javascripts/practice.js")
    page = context.new_page()
    page.goto(served.url + "offer/")
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.classList.contains('practice-mode')")
    assert page.locator(".answer-reveal").count() == len(MANIFEST.answers_on("offer.md"))
    assert page.locator(".answer-reveal:visible").count() == 0


def test_practice_mode_controls_are_big_enough_to_tap(served, phone):
    ready(phone, served.url + "opening/")
    toggle(phone).click()
    for locator in (toggle(phone), phone.get_by_role("button", name="填写我的信息"),
                    phone.locator(".answer-reveal").first, phone.locator(".answer-copy").first):
        box = locator.bounding_box()
        assert box and box["width"] >= 44 and box["height"] >= 44, (locator, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    SCREENSHOTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "practice-mode-390x844.png"))


def test_practice_mode_in_the_dark_scheme_and_offline(served, new_context):
    context = new_context(color_scheme="dark")
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    ready(page, served.url + "offer/")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    context.set_offline(True)
    toggle(page).click()
    assert visible_bodies(page) == []
    # the pressed toggle stands out from the header in this scheme too
    colours = page.evaluate("""() => {
        const b = document.querySelector('[data-practice-toggle]');
        return [getComputedStyle(b).backgroundColor,
                getComputedStyle(document.querySelector('.md-header')).backgroundColor];
    }""")
    assert colours[0] != "rgba(0, 0, 0, 0)" and colours[0] != colours[1]
    page.locator("h2#start-date").click()
    assert visible_bodies(page) == ["start-date"]
    assert requests and all(u.startswith(served.url) for u in requests), requests


def test_printing_in_practice_mode_prints_every_answer(served, phone):
    ready(phone, served.url + "offer/")
    toggle(phone).click()
    assert visible_bodies(phone) == []
    phone.emulate_media(media="print")
    assert visible_bodies(phone) == [a.id for a in MANIFEST.answers_on("offer.md")]
    assert phone.locator(".answer-tools").first.is_hidden()
    phone.emulate_media(media="screen")
    assert visible_bodies(phone) == []


def test_another_tab_switching_practice_mode_is_followed(served, new_context):
    context = new_context()
    first, second = context.new_page(), context.new_page()
    ready(first, served.url + "offer/")
    ready(second, served.url + "salary/")
    toggle(second).click()
    first.wait_for_function("() => document.documentElement.classList.contains('practice-mode')")
    assert visible_bodies(first) == []
    assert toggle(first).get_attribute("aria-pressed") == "true"
