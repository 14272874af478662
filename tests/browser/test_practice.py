"""Practice mode, 填写我的信息 and 复制回答 in Chromium at phone size (390×844)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser import PHONE

SCREENSHOTS = Path(__file__).with_name("screenshots")
STORAGE = "handbook.profile"
XSS = "<img src=x onerror=alert(1)>"


# -- helpers -------------------------------------------------------------------

def new_phone(browser, **options):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  device_scale_factor=2, locale="zh-CN", **options)
    return context, context.new_page()


@pytest.fixture
def clipboard_phone(browser, served):
    """A phone page whose context may read and write the clipboard."""
    context, page = new_phone(browser)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.url.rstrip("/"))
    yield page
    context.close()


def ready(page, url: str) -> None:
    """Load a page and wait until the features have run on it."""
    page.goto(url)
    page.wait_for_selector(".answer-copy, [data-profile-open]:not([hidden])", state="attached")


def visible_bodies(page) -> list[str]:
    return page.eval_on_selector_all(
        ".answer-body", "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.answer)")


def span_text(page, key: str) -> list[str]:
    return page.eval_on_selector_all(f'span.pf[data-profile="{key}"]', "els => els.map(e => e.textContent)")


def stored(page) -> dict | None:
    raw = page.evaluate(f"localStorage.getItem({STORAGE!r})")
    return None if raw is None else json.loads(raw)


def instant_go(page, link_text: str) -> None:
    """Follow a link with Material's instant navigation (no page load)."""
    page.evaluate("window.__noReload = true")
    page.get_by_role("link", name=link_text).first.click()
    page.wait_for_function("() => !!document.querySelector('.answer-copy')")
    assert page.evaluate("window.__noReload") is True, "the link caused a full page load"


def open_panel(page):
    page.get_by_role("button", name="填写我的信息").click()
    panel = page.get_by_role("dialog", name="填写我的信息")
    panel.wait_for()
    return panel


# -- practice mode -------------------------------------------------------------

def test_practice_mode_hides_reveals_one_answer_and_persists(served, phone):
    ready(phone, served.url + "opening/")
    all_ids = ["motivation", "self-intro", "why-leave", "know-company"]
    assert visible_bodies(phone) == all_ids
    toggle = phone.get_by_role("button", name="练习模式")
    assert toggle.get_attribute("aria-pressed") == "false"

    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert visible_bodies(phone) == []
    assert phone.locator("h2#self-intro").is_visible()  # the questions stay

    phone.locator("h2#self-intro").click()  # tap the question
    assert visible_bodies(phone) == ["self-intro"]
    reveal = phone.locator('.answer-reveal[data-answer="motivation"]')
    assert reveal.inner_text() == "显示回答" and reveal.get_attribute("aria-expanded") == "false"
    reveal.click()  # or its 显示回答 button
    assert visible_bodies(phone) == ["motivation", "self-intro"]
    assert reveal.inner_text() == "隐藏回答"

    phone.reload()
    phone.wait_for_selector(".answer-copy", state="attached")
    assert phone.get_by_role("button", name="练习模式").get_attribute("aria-pressed") == "true"
    assert visible_bodies(phone) == []

    instant_go(phone, "下一页")  # footer link to 规划与自我评价
    assert "planning/" in phone.url
    assert visible_bodies(phone) == []
    assert phone.locator("h2#career-plan").is_visible()

    phone.get_by_role("button", name="练习模式").click()
    assert visible_bodies(phone) == ["career-plan", "strengths-weaknesses"]
    phone.reload()
    phone.wait_for_selector(".answer-copy", state="attached")
    assert visible_bodies(phone) == ["career-plan", "strengths-weaknesses"]
    assert phone.evaluate("localStorage.getItem('handbook.practice')") is None


def test_practice_mode_controls_are_big_enough_to_tap(served, phone):
    ready(phone, served.url + "opening/")
    phone.get_by_role("button", name="练习模式").click()
    for locator in (phone.get_by_role("button", name="练习模式"),
                    phone.get_by_role("button", name="填写我的信息"),
                    phone.locator(".answer-reveal").first, phone.locator(".answer-copy").first):
        box = locator.bounding_box()
        assert box and box["width"] >= 44 and box["height"] >= 44, (locator, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    SCREENSHOTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "practice-mode-390x844.png"))


def test_practice_mode_in_the_dark_scheme_and_offline(browser, served):
    context, page = new_phone(browser, color_scheme="dark")
    hosts = []
    page.on("request", lambda r: hosts.append(r.url))
    try:
        ready(page, served.url + "offer/")
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        context.set_offline(True)
        toggle = page.get_by_role("button", name="练习模式")
        toggle.click()
        assert visible_bodies(page) == []
        # the pressed toggle stands out from the header in this scheme too
        colours = page.evaluate("""() => {
            const b = document.querySelector('[data-practice-toggle]');
            return [getComputedStyle(b).color, getComputedStyle(b).backgroundColor,
                    getComputedStyle(document.querySelector('.md-header')).backgroundColor];
        }""")
        assert colours[1] != "rgba(0, 0, 0, 0)" and colours[1] != colours[2]
        page.locator("h2#start-date").click()
        assert visible_bodies(page) == ["start-date"]
    finally:
        context.close()
    assert hosts and all(u.startswith(served.url) for u in hosts), hosts


def test_printing_in_practice_mode_prints_every_answer(served, phone):
    ready(phone, served.url + "offer/")
    phone.get_by_role("button", name="练习模式").click()
    assert visible_bodies(phone) == []
    phone.emulate_media(media="print")
    assert visible_bodies(phone) == ["start-date", "other-offers"]
    assert phone.locator(".answer-copy").first.is_hidden()
    phone.emulate_media(media="screen")
    assert visible_bodies(phone) == []


def test_visible_bodies_sees_an_answer_that_is_shown(served, phone):
    """Negative control: the helper the practice tests rely on does see bodies."""
    ready(phone, served.url + "offer/")
    assert visible_bodies(phone) == ["start-date", "other-offers"]
    phone.evaluate("document.documentElement.classList.add('practice-mode')")
    assert visible_bodies(phone) == []


# -- 填写我的信息 ----------------------------------------------------------------

def test_panel_lists_every_field_with_its_label(served, phone, manifest):
    from personal import load_fields
    ready(phone, served.url)
    panel = open_panel(phone)
    labels = panel.locator("label").all_inner_texts()
    for field in load_fields().values():
        assert any(label.startswith(field.label) for label in labels), field.label
    assert panel.get_by_label("当前月薪").get_attribute("inputmode") == "decimal"
    assert "单位：K" in panel.locator('label[for="profile-input-monthly_salary"]').inner_text()


def test_filled_values_replace_placeholders_on_two_pages_and_after_reload(served, phone):
    ready(phone, served.url + "opening/")
    assert span_text(phone, "name") == ["〔姓名〕"]
    phone.evaluate("window.__events = 0; document.addEventListener('handbook:profile', () => window.__events++)")
    panel = open_panel(phone)
    panel.get_by_label("姓名").fill("李雷")
    panel.get_by_label("当前月薪").fill("25")
    assert span_text(phone, "name") == ["李雷"]  # at once, behind the panel
    assert phone.locator('span.pf[data-profile="name"]').get_attribute("class") == "pf pf-reader"
    assert phone.evaluate("window.__events") >= 2
    assert stored(phone) == {"name": "李雷", "monthly_salary": "25"}
    panel.evaluate("d => d.scrollTop = 0")
    SCREENSHOTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(SCREENSHOTS / "profile-panel-390x844.png"))
    panel.get_by_role("button", name="完成").click()
    assert not panel.is_visible()
    assert "李雷" not in phone.url and "25" not in phone.url.split("127.0.0.1:")[1].split("/", 1)[1]

    phone.goto(served.url)
    phone.wait_for_selector("[data-profile-open]:not([hidden])")
    instant_go(phone, "你的期望薪资是多少？")
    assert span_text(phone, "monthly_salary") == ["25K"]
    assert span_text(phone, "annual_package") == ["〔当前年薪总包〕"]  # untouched fields stay
    phone.locator('span.pf[data-profile="monthly_salary"]').scroll_into_view_if_needed()
    phone.screenshot(path=str(SCREENSHOTS / "profile-filled-salary-390x844.png"))

    phone.reload()
    phone.wait_for_selector(".answer-copy", state="attached")
    assert span_text(phone, "monthly_salary") == ["25K"]
    phone.goto(served.url + "opening/")
    phone.wait_for_selector(".answer-copy", state="attached")
    assert span_text(phone, "name") == ["李雷"]
    assert "李雷" in phone.locator('.answer-body[data-answer="self-intro"]').inner_text()

    panel = open_panel(phone)
    assert panel.get_by_label("姓名").input_value() == "李雷"
    panel.get_by_role("button", name="清除我的信息").click()
    assert panel.get_by_label("姓名").input_value() == ""
    assert span_text(phone, "name") == ["〔姓名〕"]
    assert phone.locator('span.pf[data-profile="name"]').get_attribute("class") == "pf pf-unset"
    assert span_text(phone, "role") == ["大模型算法工程师"]  # a build-time value stays
    assert stored(phone) is None
    phone.goto(served.url + "salary/")
    phone.wait_for_selector(".answer-copy", state="attached")
    assert span_text(phone, "monthly_salary") == ["〔当前月薪〕"]


def test_a_build_time_value_is_restored_after_the_reader_overrides_it(served, phone):
    ready(phone, served.url + "opening/")
    panel = open_panel(phone)
    role = panel.get_by_label("现任岗位")
    assert role.get_attribute("placeholder") == "大模型算法工程师"
    role.fill("产品经理")
    assert span_text(phone, "role") == ["产品经理"]
    role.fill("")
    assert span_text(phone, "role") == ["大模型算法工程师"]
    assert stored(phone) is None


def test_number_fields_show_their_unit_and_refuse_words(served, phone):
    ready(phone, served.url + "salary/")
    panel = open_panel(phone)
    salary = panel.get_by_label("当前月薪")
    error = panel.locator("#profile-input-monthly_salary-error")
    for typed, shown in (("25", "25K"), ("25K", "25K"), ("２５.５", "25.5K"), (" 30 k", "30K")):
        salary.fill(typed)
        assert span_text(phone, "monthly_salary") == [shown], typed
        assert error.is_hidden() and salary.get_attribute("aria-invalid") is None
    salary.fill("很多")
    assert error.is_visible() and salary.get_attribute("aria-invalid") == "true"
    assert span_text(phone, "monthly_salary") == ["〔当前月薪〕"]
    assert "monthly_salary" not in (stored(phone) or {})
    panel.get_by_label("工作年限").fill("5")
    assert span_text(phone, "years") == ["5年", "5年"]
    panel.get_by_label("股票或期权").fill("25")  # a text field: no unit, no check
    assert span_text(phone, "stock") == ["25"]


def test_values_written_by_another_feature_apply_on_its_event(served, phone):
    ready(phone, served.url + "salary/")
    phone.evaluate("""() => {
        localStorage.setItem('handbook.profile', JSON.stringify({monthly_salary: '40', bonus: 3}));
        document.dispatchEvent(new CustomEvent('handbook:profile'));
    }""")
    assert span_text(phone, "monthly_salary") == ["40K"]
    assert span_text(phone, "bonus") == ["3"]
    phone.evaluate("localStorage.setItem('handbook.profile', '{not json'); "
                   "document.dispatchEvent(new CustomEvent('handbook:profile'))")
    assert span_text(phone, "monthly_salary") == ["〔当前月薪〕"]  # garbage is ignored, not fatal


def test_markup_in_a_value_shows_as_text_and_runs_nothing(served, phone):
    dialogs = []
    phone.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    ready(phone, served.url + "opening/")
    open_panel(phone).get_by_label("姓名").fill(XSS)
    phone.wait_for_timeout(300)
    assert span_text(phone, "name") == [XSS]
    assert phone.locator("article img").count() == 0
    phone.reload()
    phone.wait_for_selector(".answer-copy", state="attached")
    phone.wait_for_timeout(300)
    assert span_text(phone, "name") == [XSS]
    assert phone.locator("article img").count() == 0
    assert dialogs == []
    # negative control: the listener does catch a dialog when there is one
    phone.evaluate("setTimeout(() => alert('probe'), 0)")
    phone.wait_for_timeout(300)
    assert dialogs == ["probe"]


def test_values_never_leave_the_browser(served, phone):
    sent = []
    phone.on("request", lambda r: sent.append((r.url, r.post_data or "")))
    ready(phone, served.url + "opening/")
    open_panel(phone).get_by_label("姓名").fill("Zelda-Secret")
    phone.get_by_role("button", name="完成").click()
    instant_go(phone, "下一页")
    phone.reload()
    phone.wait_for_selector(".answer-copy", state="attached")
    assert sent and not [s for s in sent if "Zelda" in s[0] or "Zelda" in s[1]]
    assert all(url.startswith(served.url) for url, _ in sent)
    assert "Zelda" not in phone.url


# -- 复制回答 --------------------------------------------------------------------

def test_copy_answer_puts_the_filled_plain_text_on_the_clipboard(served, clipboard_phone):
    page = clipboard_phone
    ready(page, served.url + "opening/")
    panel = open_panel(page)
    panel.get_by_label("姓名").fill("李雷")
    panel.get_by_label("代表项目 1").fill("智能客服 Agent")
    panel.get_by_role("button", name="完成").click()

    button = page.locator('.answer-copy[data-answer="self-intro"]')
    assert button.inner_text() == "复制回答"
    button.click()
    page.wait_for_function("() => document.querySelector('.answer-copy[data-answer=\"self-intro\"]')"
                           ".textContent === '已复制'")
    text = page.evaluate("navigator.clipboard.readText()")
    assert text.startswith("面试官您好，我是李雷，毕业于〔毕业院校〕")
    assert "思路" not in text and "时间控制在" not in text  # the approach box is not copied
    assert "\n\n在过往的工作中" in text  # paragraphs apart
    assert "比如：\n\n1. 智能客服 Agent\n2. 〔代表项目 2〕\n3. 〔代表项目 3〕\n\n技术方面：" in text
    assert "\n4. 熟悉智能 Agent 的设计与开发" in text
    assert text.endswith("感谢您的聆听，期待有机会进一步交流。谢谢！")
    assert "<" not in text and "说完" not in text and "复制" not in text

    page.locator('.answer-copy[data-answer="motivation"]').click()
    page.wait_for_function("() => document.querySelector('.answer-copy[data-answer=\"motivation\"]')"
                           ".textContent === '已复制'")
    other = page.evaluate("navigator.clipboard.readText()")
    assert other.startswith("在〔现任公司〕的这段时间") and "李雷" not in other
    page.wait_for_function("() => document.querySelector('.answer-copy[data-answer=\"motivation\"]')"
                           ".textContent === '复制回答'", timeout=5000)
