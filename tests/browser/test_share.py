"""Share one answer, in Chromium: 复制链接 copies the answer's own address
<site>/a/<id>/ (also under a sub-path, also without site_url) with Material's
clipboard, which confirms with its 已复制 toast; that address, fetched as a
chat app's preview fetches it (no fragment, no script), previews as the
question, and opened on a phone lands on the answer below the header, also
offline after one visit, where the service worker answers the address (its
stub page is not in the offline copy); the page's QR code shows on a
desktop."""

from __future__ import annotations

import urllib.request

import pytest

from previews import stub_problems

from ._browser import bundle_with
from .checks import COPY_REFUSED, black_hole_off_site, copy_with, heading_visible_below_header, scroll_settled
from .pages import MANIFEST, SHEET, TOPICS, url_of
from .test_offline import wait_for_offline_copy

pytestmark = pytest.mark.browser
SITE_NAME = "面试问答速查"


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
            if text != f"{site_url}a/{answer.id}/":
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
    offer = len(MANIFEST.answers_on("offer.md"))
    assert page.locator('.answer-share[data-clipboard-text=""]').count() == offer  # no address at build time
    text, toast = copy_with(page, share_button(page, "start-date"))
    assert (text, toast) == (f"{site.url}a/start-date/", "已复制")
    # on 全部答案 the answer is away from its page: the same address
    page.goto(site.url + "all/")
    text, _ = copy_with(page, share_button(page, "start-date"))
    assert text == f"{site.url}a/start-date/"
    assert lands_on_answer(page, text, f"{site.url}offer/#start-date", "start-date") == []


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
    salary = len(MANIFEST.answers_on("salary.md"))
    assert page.locator(".answer-share").count() == salary
    assert page.locator(".answer-share:visible").count() == 0
    assert page.locator(".answer-copy:visible").count() == salary  # the other tools still run


def fetch(url: str) -> bytes:
    """What a chat app's preview fetcher gets: the bytes served, no fragment, no script."""
    with urllib.request.urlopen(url.split("#")[0], timeout=10) as response:  # 127.0.0.1 only
        return response.read()


def lands_on_answer(page, link: str, answer_url: str, answer_id: str) -> list[str]:
    """Open `link` on the phone: the problems of where it ends up."""
    page.goto(link)
    try:
        page.wait_for_url(answer_url, timeout=5000)
    except Exception:  # noqa: BLE001 - reported below
        return [f"{link} opened {page.url}, not {answer_url}"]
    page.wait_for_load_state("load")
    scroll_settled(page)
    ok, where = heading_visible_below_header(page, answer_id)
    return [] if ok else [f"{link}: {where}"]


def share_problems(context, site_url: str) -> list[str]:
    """Every answer: copy its address on its page, preview it as a chat app
    does, open it on the phone."""
    page, reader = context.new_page(), context.new_page()
    problems = []
    for topic in TOPICS:
        page.goto(site_url + url_of(topic))
        for answer in topic.answers:
            link, _ = copy_with(page, share_button(page, answer.id))
            answer_url = f"{site_url}{url_of(answer.page)}#{answer.id}"
            image = fetch(site_url + "assets/images/icon-512.png")
            problems += [f"{answer.id}: {p}" for p in stub_problems(
                fetch(link).decode("utf-8"), link, answer.title, answer_url, SITE_NAME, image)]
            problems += lands_on_answer(reader, link, answer_url, answer.id)
    return problems


def test_every_copied_address_previews_as_its_question_and_lands_on_the_answer(served, new_context):
    off_site: list[str] = []
    context = new_context(clipboard=served.url)
    black_hole_off_site(context, served.url, off_site)
    assert share_problems(context, served.url) == []
    assert off_site == []


def test_every_copied_address_works_under_a_sub_path(served_subpath, new_context):
    assert share_problems(new_context(clipboard=served_subpath.url), served_subpath.url) == []


def test_the_landing_check_fails_when_the_address_opens_elsewhere(served, new_context):
    page = new_context().new_page()
    problems = lands_on_answer(page, served.url + "a/layoff/", served.url + "rights/#bottom-ranking", "bottom-ranking")
    assert problems and "not " + served.url + "rights/#bottom-ranking" in problems[0]
    page.set_viewport_size({"width": 390, "height": 300})
    page.goto(served.url + "rights/")
    page.evaluate("scrollTo(0, 0)")
    ok, _ = heading_visible_below_header(page, "layoff")
    assert not ok  # far down the page: the visibility check can fail


def test_a_copied_address_opens_offline_after_one_visit(served, new_context):
    context = new_context(clipboard=served.url)
    page = context.new_page()
    page.goto(served.url + "offer/")
    wait_for_offline_copy(page)
    link, _ = copy_with(page, share_button(page, "other-offers"))
    context.set_offline(True)
    assert lands_on_answer(context.new_page(), link, served.url + "offer/#other-offers", "other-offers") == []


def offline_address_problems(context, served) -> list[str]:
    """After one visit, with no network: every answer's address opens, by
    typed URL, on the answer below the header."""
    page = context.new_page()
    page.goto(served.url)
    wait_for_offline_copy(page)
    problems = []
    with served.switch.off(context):
        for topic in TOPICS:
            for answer in topic.answers:
                link = f"{served.url}a/{answer.id}/"
                try:
                    problems += lands_on_answer(page, link, f"{served.url}{url_of(topic)}#{answer.id}", answer.id)
                except Exception as exc:  # noqa: BLE001 - reported as a problem
                    problems.append(f"{link} failed offline: {str(exc).splitlines()[0]}")
    return problems


@pytest.mark.parametrize("where", ["root", "sub-path"])
def test_every_address_lands_on_its_answer_offline(served, served_subpath, new_context, where):
    site = served if where == "root" else served_subpath
    assert offline_address_problems(new_context(), site) == []


def test_the_offline_address_check_sees_an_address_the_worker_does_not_know(project, serve_project, new_context):
    served = serve_project(project)
    worker = served.site / "sw.js"
    text = worker.read_text(encoding="utf-8")
    entry = '"a/layoff/": "rights/#layoff",\n'
    assert entry in text
    worker.write_text(text.replace(entry, ""), encoding="utf-8")
    problems = offline_address_problems(new_context(), served)
    assert len(problems) == 1 and problems[0].startswith(f"{served.url}a/layoff/ failed offline"), problems


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


def test_a_copy_the_browser_refuses_says_so_instead_of_copied(served, new_context):
    # Chromium lets this page copy; a browser that refuses (WebKit outside a
    # tap: test_webkit.py) makes execCommand("copy") fail like this. Material's
    # ClipboardJS alone would still say 已复制.
    page = new_context(clipboard=served.url).new_page()
    page.goto(served.url + "offer/")
    button = share_button(page, "start-date")
    text, toast = copy_with(page, button)
    assert (text, toast) == (button.get_attribute("data-clipboard-text"), "已复制") and text.startswith("http")
    page.evaluate("document.execCommand = () => false")
    assert copy_with(page, share_button(page, "start-date")) == ("", COPY_REFUSED)
