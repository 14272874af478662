"""填写我的信息 and 复制回答 in Chromium at phone size (390×844): the reader's
values replace the placeholders on every page, stay after a reload, never
leave the browser and show as text only; number fields take their unit;
复制回答 copies the answer's plain text as the page shows it."""

from __future__ import annotations

import json

import pytest

from ._browser import bundle_with
from .checks import SCREENSHOTS, copy_with, open_panel, profile_problems
from .pages import FIELDS

pytestmark = pytest.mark.browser

STORAGE = "handbook.profile"
XSS = "<img src=x onerror=alert(1)>"


def ready(page, url: str) -> None:
    """Load a page and wait until the features have run on it."""
    page.goto(url)
    page.wait_for_selector("[data-profile-open]:not([hidden])", state="attached")


def span_text(page, key: str) -> list[str]:
    return page.eval_on_selector_all(f'span.pf[data-profile="{key}"]', "els => els.map(e => e.textContent)")


def stored(page) -> dict | None:
    raw = page.evaluate(f"localStorage.getItem({STORAGE!r})")
    return None if raw is None else json.loads(raw)


def instant_go(page, link_text: str) -> None:
    """Follow a link with Material's instant navigation (no page load)."""
    page.evaluate("window.__noReload = true")
    page.get_by_role("link", name=link_text).first.click()
    page.wait_for_function("() => !!document.querySelector('.answer')")
    assert page.evaluate("window.__noReload") is True, "the link caused a full page load"


def body_of(page, answer_id: str):
    return page.locator(f'.answer[data-answer="{answer_id}"] .answer-body')


# -- 填写我的信息 ----------------------------------------------------------------

def test_panel_lists_every_field_with_its_label(served, phone):
    ready(phone, served.url)
    panel = open_panel(phone)
    labels = panel.locator("label").all_inner_texts()
    for field in FIELDS.values():
        assert any(label.startswith(field.label) for label in labels), field.label
    assert panel.get_by_label("当前月薪").get_attribute("inputmode") == "decimal"
    assert "单位：K" in panel.locator('label[for="profile-input-monthly_salary"]').inner_text()
    phone.get_by_role("button", name="关闭").click()
    assert not panel.is_visible()


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
    assert span_text(phone, "monthly_salary") == ["25K"] * 2  # expected-salary, background-check
    assert span_text(phone, "annual_package") == ["〔当前年薪总包〕"] * 2  # untouched fields stay
    phone.locator('span.pf[data-profile="monthly_salary"]').first.scroll_into_view_if_needed()
    phone.screenshot(path=str(SCREENSHOTS / "profile-filled-salary-390x844.png"))

    phone.reload()
    phone.wait_for_selector("[data-profile-open]:not([hidden])", state="attached")
    assert span_text(phone, "monthly_salary") == ["25K"] * 2
    ready(phone, served.url + "opening/")
    assert span_text(phone, "name") == ["李雷"]
    assert "李雷" in body_of(phone, "self-intro").inner_text()
    ready(phone, served.url + "all/")  # 全部答案 shows them too
    assert span_text(phone, "name") == ["李雷"]

    panel = open_panel(phone)
    assert panel.get_by_label("姓名").input_value() == "李雷"
    panel.get_by_role("button", name="清除我的信息").click()
    assert panel.get_by_label("姓名").input_value() == ""
    assert span_text(phone, "name") == ["〔姓名〕"]
    assert phone.locator('span.pf[data-profile="name"]').get_attribute("class") == "pf pf-unset"
    assert span_text(phone, "role") == ["大模型算法工程师"] * 2  # a build-time value stays (self-intro, career-gap)
    assert stored(phone) is None
    ready(phone, served.url + "salary/")
    assert span_text(phone, "monthly_salary") == ["〔当前月薪〕"] * 2


def test_a_build_time_value_is_restored_after_the_reader_overrides_it(served, phone):
    ready(phone, served.url + "opening/")
    panel = open_panel(phone)
    role = panel.get_by_label("现任岗位")
    assert role.get_attribute("placeholder") == "大模型算法工程师"
    role.fill("产品经理")
    assert span_text(phone, "role") == ["产品经理"] * 2  # self-intro, career-gap
    role.fill("")
    assert span_text(phone, "role") == ["大模型算法工程师"] * 2
    assert stored(phone) is None


def test_number_fields_show_their_unit_and_refuse_words(served, phone):
    ready(phone, served.url + "salary/")
    panel = open_panel(phone)
    salary = panel.get_by_label("当前月薪")
    error = panel.locator("#profile-input-monthly_salary-error")
    for typed, shown in (("25", "25K"), ("25K", "25K"), ("２５.５", "25.5K"), (" 30 k", "30K")):
        salary.fill(typed)
        assert span_text(phone, "monthly_salary") == [shown] * 2, typed
        assert error.is_hidden() and salary.get_attribute("aria-invalid") is None
    salary.fill("很多")
    assert error.is_visible() and salary.get_attribute("aria-invalid") == "true"
    assert span_text(phone, "monthly_salary") == ["〔当前月薪〕"] * 2
    assert "monthly_salary" not in (stored(phone) or {})
    panel.get_by_label("工作年限").fill("5")
    assert span_text(phone, "years") == ["5年", "5年"]
    panel.get_by_label("股票或期权").fill("25")  # a text field: no unit, no check
    assert span_text(phone, "stock") == ["25"]


def test_values_written_by_another_feature_or_tab_apply(served, new_context):
    context = new_context()
    page, other = context.new_page(), context.new_page()
    ready(page, served.url + "salary/")
    page.evaluate("""() => {
        localStorage.setItem('handbook.profile', JSON.stringify({monthly_salary: '40', bonus: 3}));
        document.dispatchEvent(new CustomEvent('handbook:profile'));
    }""")
    assert span_text(page, "monthly_salary") == ["40K"] * 2
    assert span_text(page, "bonus") == ["3"]
    # another tab of the same site follows the storage event
    ready(other, served.url + "salary/")
    open_panel(other).get_by_label("当前月薪").fill("50")
    page.wait_for_function("() => document.querySelector('[data-profile=monthly_salary]').textContent === '50K'")
    page.evaluate("localStorage.setItem('handbook.profile', '{not json'); "
                  "document.dispatchEvent(new CustomEvent('handbook:profile'))")
    assert span_text(page, "monthly_salary") == ["〔当前月薪〕"] * 2  # garbage is ignored, not fatal


def test_markup_in_a_value_shows_as_text_and_runs_nothing(served, phone):
    dialogs = []
    phone.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    ready(phone, served.url + "opening/")
    open_panel(phone).get_by_label("姓名").fill(XSS)
    phone.wait_for_timeout(300)
    assert span_text(phone, "name") == [XSS]
    assert phone.locator("article img").count() == 0
    phone.reload()
    phone.wait_for_selector("[data-profile-open]:not([hidden])", state="attached")
    phone.wait_for_timeout(300)
    assert span_text(phone, "name") == [XSS]
    assert phone.locator("article img").count() == 0
    assert dialogs == []
    # the listener does catch a dialog when there is one
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
    phone.wait_for_selector("[data-profile-open]:not([hidden])", state="attached")
    assert sent and not [s for s in sent if "Zelda" in s[0] or "Zelda" in s[1]]
    assert all(url.startswith(served.url) for url, _ in sent)
    assert "Zelda" not in phone.url


# -- 复制回答 --------------------------------------------------------------------

def fill_self_intro(page) -> None:
    """姓名 李雷 and the first project, typed in the panel."""
    panel = open_panel(page)
    panel.get_by_label("姓名").fill("李雷")
    panel.get_by_label("代表项目 1").fill("智能客服 Agent")
    panel.get_by_role("button", name="完成").click()


def self_intro_problems(text: str) -> list[str]:
    """The self-introduction as 复制回答 must copy it after fill_self_intro:
    filled values, no approach box, paragraphs apart, a list item per line,
    no markup or button text."""
    expected = {
        "starts with the filled name": text.startswith("面试官您好，我是李雷，毕业于〔毕业院校〕"),
        "no approach box": "思路" not in text and "时间控制在" not in text,
        "paragraphs apart": "\n\n在过往的工作中" in text,
        "the projects list": "比如：\n\n1. 智能客服 Agent\n2. 〔代表项目 2〕\n3. 〔代表项目 3〕\n\n技术方面：" in text,
        "a list item per line": "\n4. 熟悉智能 Agent 的设计与开发" in text,
        "ends with the thanks": text.endswith("感谢您的聆听，期待有机会进一步交流。谢谢！"),
        "no markup or button text": not any(s in text for s in ("<", "说完", "复制", "¶")),
    }
    return [f"{what}: {text[:40]!r}…" for what, ok in expected.items() if not ok]


def copy_answer(page, answer_id: str) -> tuple[str, str]:
    return copy_with(page, page.locator(f'.answer[data-answer="{answer_id}"] .answer-copy'))


def test_copy_answer_puts_the_filled_plain_text_on_the_clipboard(served, new_context):
    page = new_context(clipboard=served.url).new_page()
    ready(page, served.url + "opening/")
    fill_self_intro(page)

    assert page.locator('.answer[data-answer="self-intro"] .answer-copy').inner_text() == "复制回答"
    text, toast = copy_answer(page, "self-intro")
    assert toast == "已复制"
    assert self_intro_problems(text) == []

    other, toast = copy_answer(page, "motivation")
    assert toast == "已复制"
    assert other.startswith("在〔现任公司〕的这段时间") and "李雷" not in other


def test_copy_answer_on_the_sheet_copies_the_same_text(served, new_context):
    page = new_context(clipboard=served.url).new_page()
    ready(page, served.url + "rights/")
    on_page = copy_answer(page, "layoff")
    ready(page, served.url + "all/")
    on_sheet = copy_answer(page, "layoff")
    assert on_sheet == on_page and on_page[1] == "已复制"
    assert "依据" in on_page[0]  # a required part is part of what is said


def test_copy_check_sees_a_missing_confirmation_and_the_wrong_text(served, new_context):
    context = new_context(clipboard=served.url)
    bundle_with(context, served.site, "assets/javascripts/copy-answer.js", """
          document.querySelectorAll('.answer-copy').forEach(b => {
            b.hidden = false; b.removeAttribute('data-clipboard-text');
            b.addEventListener('click', () => navigator.clipboard.writeText('别的文字'));
          });""")
    page = context.new_page()
    ready(page, served.url + "opening/")
    text, toast = copy_answer(page, "self-intro")
    assert (text, toast) == ("别的文字", "")
    assert len(self_intro_problems(text)) >= 3


# -- the check WebKit runs too (test_webkit.py) ---------------------------------------

def test_the_panel_round_trip_check_passes_and_fails_when_nothing_is_stored(served, new_context):
    assert profile_problems(new_context().new_page(), served.url) == []
    context = new_context()
    context.add_init_script("Storage.prototype.setItem = function () {}")  # storage that keeps nothing
    problems = profile_problems(context.new_page(), served.url)
    assert any(p.startswith("after a reload: name") for p in problems), problems
    assert any(p.startswith("on another page: monthly_salary") for p in problems), problems
