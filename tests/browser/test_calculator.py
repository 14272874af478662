"""The calculator in Debian's Chromium at phone size: compensation.js gives
the same texts as hooks/compensation.py, recomputes from the reader's stored
profile on load, on the "handbook:profile" event and after instant
navigation, and writes text only."""

from __future__ import annotations

import json

import pytest

from compensation import CompensationError, read_inputs, texts
from personal import load_fields

LABELS = {key: spec.label for key, spec in load_fields().items()}
STORAGE = "handbook.profile"

CASES = [
    {},
    {"service_years": "0", "service_months": "5", "monthly_salary": "8"},
    {"service_years": "1", "service_months": "6", "monthly_salary": "20"},
    {"service_years": "1", "service_months": "7", "monthly_salary": "20", "local_avg_wage": "11.937"},
    {"service_years": "15", "monthly_salary": "40", "local_avg_wage": "10"},
    {"service_years": "15", "service_months": "11", "monthly_salary": "30", "local_avg_wage": "10"},
    {"service_months": "30", "monthly_salary": "12.345"},
    {"service_years": "3", "monthly_salary": "33.3", "local_avg_wage": "11.1"},
    {"service_years": "2", "service_months": "0", "monthly_salary": "7.777", "local_avg_wage": "2.5"},
    {"service_years": "4"},
    {"service_years": "40", "service_months": "11", "monthly_salary": "99.99"},
    {"service_years": " 3 ", "service_months": "007", "monthly_salary": "0.5", "local_avg_wage": "0.1"},
    {"monthly_salary": "20"},
]
BAD = [
    ({"service_months": "-3"}, "service_months"),
    ({"service_years": "三年"}, "service_years"),
    ({"service_years": "1.5"}, "service_years"),
    ({"monthly_salary": "20K"}, "monthly_salary"),
    ({"local_avg_wage": "0"}, "local_avg_wage"),
]

JS_TEXTS = """([cases, labels]) => cases.map(values => {
  try {
    const c = window.handbookCompensation;
    return c.texts(c.readInputs(values, labels), labels);
  } catch (err) { return {error: err.message}; }
})"""


def slots(page) -> dict[str, str]:
    return page.eval_on_selector_all(
        "#comp-calc [data-comp]", "els => Object.fromEntries(els.map(e => [e.dataset.comp, e.textContent]))")


def store(page, values: dict[str, str]) -> None:
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORAGE, json.dumps(values)])


@pytest.fixture
def rights(phone, served):
    phone.goto(served.url + "rights/")
    phone.wait_for_function("() => window.handbookCompensation !== undefined")
    return phone


def test_browser_and_python_compute_the_same_texts(rights):
    got = rights.evaluate(JS_TEXTS, [CASES, LABELS])
    want = [texts(read_inputs(values, LABELS), LABELS) for values in CASES]
    assert got == want


def test_browser_and_python_refuse_the_same_values_naming_the_key(rights):
    got = rights.evaluate(JS_TEXTS, [[values for values, _ in BAD], LABELS])
    for (values, key), result in zip(BAD, got):
        with pytest.raises(CompensationError, match=key):
            read_inputs(values, LABELS)
        assert key in result["error"] and LABELS[key] in result["error"], result


def test_a_wrong_result_would_be_caught(rights):
    # the parity comparison can fail: the same inputs through a broken script
    case = [{"service_years": "2", "monthly_salary": "10"}]
    want = [texts(read_inputs(case[0], LABELS), LABELS)]
    assert rights.evaluate(JS_TEXTS, [case, LABELS]) == want
    rights.evaluate("""() => {
      const c = window.handbookCompensation, real = c.texts;
      c.texts = (inputs, labels) => ({...real(inputs, labels), n: "0 元"});
    }""")
    assert rights.evaluate(JS_TEXTS, [case, LABELS]) != want


def test_public_page_without_stored_profile_shows_the_formula(rights):
    s = slots(rights)
    assert s["n"] == "〔N〕" and "〔当前月薪〕" in s["n-formula"]
    assert rights.is_hidden('#comp-calc [data-comp="error"]')


def test_stored_profile_is_used_on_load(rights):
    store(rights, {"service_years": "1", "service_months": "7", "monthly_salary": "20"})
    rights.reload()
    rights.wait_for_function("() => document.querySelector('[data-comp=n]').textContent !== '〔N〕'")
    s = slots(rights)
    assert (s["n"], s["n1"], s["n2"]) == ("40,000 元", "60,000 元", "80,000 元")


def test_profile_event_recomputes_live(rights):
    store(rights, {"service_years": "15", "monthly_salary": "40", "local_avg_wage": "10"})
    rights.evaluate("() => document.dispatchEvent(new CustomEvent('handbook:profile'))")
    s = slots(rights)
    assert s["n-formula"] == "12 个月 × 30,000 元" and s["n2"] == "720,000 元"
    assert "3 倍" in s["cap"]


def test_bad_stored_value_shows_a_message_naming_the_field_as_text(rights):
    store(rights, {"monthly_salary": '<img src="x" id="injected">'})
    rights.evaluate("() => document.dispatchEvent(new CustomEvent('handbook:profile'))")
    error = rights.locator('#comp-calc [data-comp="error"]')
    assert error.is_visible()
    assert "当前月薪" in error.text_content() and "monthly_salary" in error.text_content()
    assert '<img src="x"' in error.text_content()
    assert rights.locator("#injected").count() == 0
    assert slots(rights)["n"] == "〔N〕"
    # fixing the value clears the message
    store(rights, {"monthly_salary": "20", "service_years": "1"})
    rights.evaluate("() => document.dispatchEvent(new CustomEvent('handbook:profile'))")
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
