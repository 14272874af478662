"""The severance calculator in Chromium at phone size: calculator.js
recomputes it with severance.js (the rules the build ran too) from the
reader's values, as typed in 填写我的信息, stored, on the "handbook:profile"
event and after instant navigation; it writes text only and fits a phone.
(That severance.js computes the right amounts is unit-tested at build time.)"""

from __future__ import annotations

import json

import pytest

from ._browser import bundle_with
from .checks import calculator_problems, open_panel

pytestmark = pytest.mark.browser

STORAGE = "handbook.profile"


def slots(page) -> dict[str, str]:
    return page.eval_on_selector_all(
        "#comp-calc [data-comp]", "els => Object.fromEntries(els.map(e => [e.dataset.comp, e.textContent]))")


def store(page, values: dict[str, str]) -> None:
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORAGE, json.dumps(values)])


def changed(page) -> None:
    page.evaluate("() => document.dispatchEvent(new CustomEvent('handbook:profile'))")


@pytest.fixture
def rights(phone, served):
    phone.goto(served.url + "rights/")
    phone.wait_for_function("() => window.handbookSeverance !== undefined")
    return phone


def test_values_typed_in_the_panel_recompute_the_calculator_and_stay(rights):
    s = slots(rights)
    assert s["n"] == "〔N〕" and "〔当前月薪〕" in s["base"]  # public build: the formula only
    assert rights.is_hidden('#comp-calc [data-comp="error"]')
    panel = open_panel(rights)
    panel.get_by_label("在本单位工作整年数").fill("3")
    panel.get_by_label("在本单位工作零头月数").fill("7")
    panel.get_by_label("当前月薪").fill("20")
    panel.get_by_role("button", name="完成").click()
    # 3 years 7 months -> 4 months of pay; 4 × 20,000 = 80,000
    assert (slots(rights)["n"], slots(rights)["n1"], slots(rights)["n2"]) == (
        "80,000 元", "100,000 元", "160,000 元")
    rights.reload()
    rights.wait_for_function("() => document.querySelector('[data-comp=n]').textContent === '80,000 元'")
    panel = open_panel(rights)
    panel.get_by_role("button", name="清除我的信息").click()
    assert slots(rights)["n"] == "〔N〕"


def test_typing_sixteen_months_of_pay_counts_the_wage_as_the_law_does(rights):
    """The issue's figures as a reader types them: 15K × 16 薪 over 3 full
    years is a month's wage of 20,000 元, N = 60,000 元 and 2N = 120,000 元."""
    panel = open_panel(rights)
    panel.get_by_label("在本单位工作整年数").fill("3")
    panel.get_by_label("当前月薪").fill("15")
    panel.get_by_label("每年发薪月数").fill("16")
    panel.get_by_role("button", name="完成").click()
    s = slots(rights)
    assert (s["n"], s["n2"]) == ("60,000 元", "120,000 元")
    assert s["base"] == "月工资 = 月薪 15,000 元 × 16 薪 ÷ 12 = 20,000 元。"
    assert s["cap"].startswith("请填上“当地上年度职工月平均工资”")  # the cap may bind: it asks
    # negative: back to 12 薪 the numbers follow
    panel = open_panel(rights)
    panel.get_by_label("每年发薪月数").fill("12")
    panel.get_by_role("button", name="完成").click()
    assert (slots(rights)["n"], slots(rights)["n2"]) == ("45,000 元", "90,000 元")


def test_bonus_floor_and_short_service_recompute_as_stored(rights):
    store(rights, {"service_months": "8", "monthly_salary": "15", "salary_months": "16",
                   "annual_bonus": "30", "monthly_allowance": "1"})
    changed(rights)
    s = slots(rights)
    assert s["n"] == "23,500 元" and s["note"].startswith("在本单位不满 12 个月")
    store(rights, {"service_years": "2", "monthly_salary": "1.8", "local_min_wage": "2.42"})
    changed(rights)
    assert slots(rights)["n-formula"] == "2 个月 × 2,420 元"


def test_profile_event_recomputes_live(rights):
    store(rights, {"service_years": "15", "monthly_salary": "40", "local_avg_wage": "10"})
    changed(rights)
    s = slots(rights)
    assert s["n-formula"] == "12 个月 × 30,000 元" and s["n2"] == "720,000 元"
    assert "3 倍" in s["cap"]


def test_bad_stored_value_shows_a_message_naming_the_field_as_text(rights):
    store(rights, {"monthly_salary": '<img src="x" id="injected">'})
    changed(rights)
    error = rights.locator('#comp-calc [data-comp="error"]')
    assert error.is_visible()
    assert "当前月薪" in error.text_content() and "monthly_salary" in error.text_content()
    assert '<img src="x"' in error.text_content()
    assert rights.locator("#injected").count() == 0
    assert slots(rights)["n"] == "〔N〕"
    # fixing the value clears the message
    store(rights, {"monthly_salary": "20", "service_years": "1"})
    changed(rights)
    assert error.is_hidden() and slots(rights)["n"] == "20,000 元"


def test_instant_navigation_to_the_page_recomputes(phone, served):
    phone.goto(served.url)
    store(phone, {"service_years": "2", "monthly_salary": "10"})
    phone.evaluate("() => { window.sameDocument = true; }")
    phone.locator('article a[href$="rights/#layoff"]').first.click()
    phone.wait_for_url("**/rights/#layoff")
    phone.wait_for_function("() => document.querySelector('[data-comp=n]')?.textContent === '20,000 元'")
    assert phone.evaluate("() => window.sameDocument === true")  # no reload: instant navigation


def test_calculator_fits_a_phone(rights):
    store(rights, {"service_years": "15", "service_months": "11", "monthly_salary": "123.456"})
    rights.reload()
    rights.locator("#comp-calc").scroll_into_view_if_needed()
    assert rights.evaluate("() => document.documentElement.scrollWidth") <= 390


def test_the_rules_are_fetched_only_where_a_calculator_is(phone, served):
    fetched = []
    phone.on("request", lambda r: fetched.append(r.url) if r.url.endswith("/severance.js") else None)
    phone.goto(served.url + "salary/")
    phone.wait_for_load_state("networkidle")
    assert fetched == [] and phone.evaluate("() => window.handbookSeverance === undefined")
    phone.goto(served.url + "rights/")
    phone.wait_for_function("() => window.handbookSeverance !== undefined")
    assert len(fetched) == 1


# -- the check WebKit runs too (test_webkit.py) ---------------------------------------

def test_the_calculator_check_passes_and_fails_when_it_stops_following(served, new_context):
    assert calculator_problems(new_context().new_page(), served.url) == []
    context = new_context()
    # the panel stores the values, but nothing recomputes them
    bundle_with(context, served.site, "assets/javascripts/calculator.js", "window.handbookSeverance = {};")
    problems = calculator_problems(context.new_page(), served.url)
    assert any(p.startswith("typed:") for p in problems), problems
