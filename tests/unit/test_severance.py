"""The severance calculator (劳动合同法 第47条, 实施条例 第27条) without a build: the rules and
texts of docs/assets/javascripts/severance.js run through dukpy by
hooks/handbook/severance.py, the build's error messages, the template
overrides/partials/calculator.html, and calculator.js on a small fake DOM.

severance.js is loaded once per text (severance._engine()); only the
tests that need a changed source or a DOM start an interpreter of their own.
"""

from __future__ import annotations

import datetime
import json
import re
import sys
from pathlib import Path

import dukpy
import pytest
import yaml
from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "hooks"))

from handbook import severance  # noqa: E402
from handbook.severance import SeveranceError, calculator, evaljs, format_value, texts  # noqa: E402

JS = ROOT / "docs/assets/javascripts"
FIELDS = yaml.safe_load((ROOT / "hooks/handbook/data/profile_fields.yml").read_text(encoding="utf-8"))
LABELS = {key: spec["label"] for key, spec in FIELDS.items()}
SLOTS = ("input", "base", "note", "n-formula", "n", "n1-formula", "n1", "n2-formula", "n2", "cap")
KEYS = severance.keys()


def months(total_months: int) -> float:
    return evaljs("handbookSeverance.compensationMonths(dukpy.m)", m=total_months)


def yuan(amount: float) -> str:
    return evaljs("handbookSeverance.yuan(dukpy.x)", x=amount)


def fresh(source: str) -> dukpy.JSInterpreter:
    """An interpreter of its own with `source` loaded (for changed sources)."""
    interpreter = dukpy.JSInterpreter()
    interpreter.evaljs(source)
    return interpreter


def test_python_and_javascript_agree_on_the_keys_and_rules():
    assert KEYS == ("service_years", "service_months", "monthly_salary", "salary_months", "annual_bonus",
                    "monthly_allowance", "annual_package", "local_avg_wage", "local_min_wage")
    assert set(evaljs("handbookSeverance.RULES")) == set(KEYS)
    assert set(evaljs("handbookSeverance.RULES").values()) == set(severance.RULE_TEXT)
    assert all(key in LABELS for key in KEYS)  # the profile defines every field read
    assert severance.SOURCE.is_file()


# -- art. 47: months of pay --------------------------------------------------

@pytest.mark.parametrize(
    ("total_months", "expected"),
    [
        (0, 0),
        (5, 0.5),          # under six months: half a month
        (6, 1),            # six months or more counts as a year
        (12, 1),
        (12 + 5, 1.5),
        (12 + 6, 2),       # 1 year 6 months
        (15 * 12, 15),
    ],
)
def test_months_follow_article_47(total_months, expected):
    assert months(total_months) == expected


def test_the_months_check_catches_a_wrong_threshold():
    # negative: the same check on a severance.js that counts six months as
    # half a month fails
    source = severance.SOURCE.read_text(encoding="utf-8")
    broken = source.replace("rest >= 6 ? 1", "rest > 6 ? 1")
    assert broken != source
    assert fresh(broken).evaljs("handbookSeverance.compensationMonths(6)") == 0.5 != months(6)


def t(**values) -> dict[str, str]:
    return texts(values, LABELS)


def test_under_six_months_is_half_a_month():
    got = t(service_years=0, service_months=5, monthly_salary=8)
    assert got["n-formula"] == "0.5 个月 × 8,000 元" and got["n"] == "4,000 元"
    assert got["input"] == ("在本单位工作 0 年 5 个月；当地上年度职工月平均工资 未填写；"
                            "当地月最低工资标准 未填写。")


def test_six_months_is_one_month():
    got = t(service_months=6, monthly_salary=8)
    assert got["n-formula"] == "1 个月 × 8,000 元" and got["n"] == "8,000 元"


def test_one_year_six_months_is_two_months_with_n_plus_1_and_2n():
    got = t(service_years=1, service_months=6, monthly_salary=20)
    assert got["n-formula"] == "2 个月 × 20,000 元" and got["n"] == "40,000 元"
    # N+1: one month's pay on top; 2N replaces N (no +1)
    assert got["n1-formula"] == "40,000 元 + 20,000 元" and got["n1"] == "60,000 元"
    assert got["n2-formula"] == "2 × 40,000 元" and got["n2"] == "80,000 元"
    # negative: one month less is a different result
    assert t(service_years=1, service_months=5, monthly_salary=20)["n"] == "30,000 元"


def test_three_times_the_average_caps_base_and_years():
    got = t(service_years=15, monthly_salary=40, local_avg_wage=10)  # 40K > 3 × 10K
    assert got["n-formula"] == "12 个月 × 30,000 元" and got["n"] == "360,000 元"
    assert got["n2"] == "720,000 元"
    # the +1 is one month's real pay (实施条例 第20条), not the capped base
    assert got["n1-formula"] == "360,000 元 + 40,000 元" and got["n1"] == "400,000 元"
    assert got["cap"] == "月工资高于当地月平均工资的 3 倍：基数按 3 倍即 30,000 元 计，最多算 12 年。"


def test_the_cap_does_not_bind_at_or_below_three_times():
    # negative of the cap: pay exactly 3× the average keeps 15 years and the pay
    got = t(service_years=15, monthly_salary=30, local_avg_wage=10)
    assert got["n-formula"] == "15 个月 × 30,000 元" and got["n"] == "450,000 元"
    assert got["cap"] == "月工资不高于当地月平均工资的 3 倍：不封顶。"
    assert t(service_years=20, monthly_salary=10, local_avg_wage=10)["n-formula"] == "20 个月 × 10,000 元"


def test_without_an_average_the_cap_is_not_checked():
    got = t(service_years=15, monthly_salary=12)
    assert got["n-formula"] == "15 个月 × 12,000 元"
    assert "当地上年度职工月平均工资 未填写；" in got["input"]
    assert got["cap"] == ("未填当地月平均工资，没有检查封顶：月工资高于它的 3 倍时，"
                          "基数按 3 倍计、最多算 12 年。")


def test_a_wage_that_may_pass_three_times_the_average_asks_for_it():
    got = t(service_years=15, monthly_salary=40)
    assert got["n-formula"] == "15 个月 × 40,000 元"  # not capped without the average ...
    assert got["cap"] == ("请填上“当地上年度职工月平均工资”（当地人社部门每年公布）：月工资 40,000 元在一些城市"
                          "已高于它的 3 倍，那时基数按 3 倍计、最多算 12 年，这里的金额会偏高。")
    # ... and the prompt counts the wage as the law does: 15K × 16 薪 is 20,000 a month
    assert t(service_years=3, monthly_salary=15, salary_months=16)["cap"].startswith("请填上")
    # negative: at 15,000 a month it is the quiet note; with the average no prompt at all
    assert t(service_years=3, monthly_salary=15)["cap"].startswith("未填当地月平均工资")
    assert t(service_years=3, monthly_salary=40, local_avg_wage=14)["cap"] == "月工资不高于当地月平均工资的 3 倍：不封顶。"


# -- the month's wage (实施条例 第27条) ------------------------------------------

def test_sixteen_months_of_pay_raise_the_base_by_a_third():
    # the figures: 15K × 16 薪, 3 full years → N 60,000 and 2N 120,000
    got = t(service_years=3, monthly_salary=15, salary_months=16)
    assert got["base"] == "月工资 = 月薪 15,000 元 × 16 薪 ÷ 12 = 20,000 元。"
    assert got["n-formula"] == "3 个月 × 20,000 元" and got["n"] == "60,000 元"
    assert got["n2"] == "120,000 元"
    # the +1 (实施条例 第20条) is one ordinary month, the previous month's pay
    assert got["n1-formula"] == "60,000 元 + 15,000 元" and got["n1"] == "75,000 元"
    # negative: the monthly salary alone understated it by a third
    plain = t(service_years=3, monthly_salary=15)
    assert plain["n"] == "45,000 元" != got["n"]
    assert plain["base"] == "月工资 = 月薪 15,000 元 × 12 薪 ÷ 12 = 15,000 元（未填每年发薪月数，按 12 薪算）。"
    assert t(service_years=3, monthly_salary=15, salary_months=13.5)["n"] == "50,625 元"


def test_a_bonus_and_allowances_count_as_wage():
    got = t(service_years=2, monthly_salary=15, salary_months=16, annual_bonus=30, monthly_allowance=1)
    # (15,000 × 16 + 30,000) ÷ 12 + 1,000 = 23,500
    assert got["base"] == ("月工资 =（月薪 15,000 元 × 16 薪 + 薪数之外的年奖金 30,000 元）÷ 12"
                           " + 每月津贴补贴 1,000 元 = 23,500 元。")
    assert got["n"] == "47,000 元" and got["n2"] == "94,000 元"
    # an allowance is part of the ordinary month too
    assert got["n1-formula"] == "47,000 元 + 16,000 元"
    # negative: a zero bonus and allowance change nothing and are not named
    zero = t(service_years=2, monthly_salary=15, salary_months=16, annual_bonus=0, monthly_allowance=0)
    assert zero["n"] == "40,000 元" and zero["base"] == "月工资 = 月薪 15,000 元 × 16 薪 ÷ 12 = 20,000 元。"


def test_the_annual_package_is_used_only_without_a_monthly_salary():
    got = t(service_years=2, annual_package=36)
    assert got["base"] == ("月工资 = 年薪总包 36 万元 ÷ 12 = 30,000 元（没填月薪，用年薪总包；"
                           "总包里的股票、期权一般不算工资，有的话请改填月薪和薪数）。")
    assert got["n"] == "60,000 元" and got["n1"] == "90,000 元"
    # negative: with a monthly salary the package is not what counts
    assert t(service_years=2, annual_package=36, monthly_salary=10)["n"] == "20,000 元"


def test_under_twelve_months_says_the_law_averages_the_months_worked():
    got = t(service_months=8, monthly_salary=15, salary_months=16)
    assert got["n-formula"] == "1 个月 × 20,000 元" and got["n"] == "20,000 元"
    assert got["note"] == ("在本单位不满 12 个月：法律按实际工作月数的平均工资算（实施条例第27条）；"
                           "年终多发的月数或奖金还没发的，实际平均可能比这里低，以工资条为准。")
    # negative: from 12 months on the note is the 12-month average
    assert t(service_years=1, monthly_salary=15)["note"] == (
        "法律按解除或终止前 12 个月的平均应得工资算（实施条例第27条）；这里按你填的数估算，"
        "和工资条、银行流水对不上时，以实际发放的为准。")
    assert texts({}, LABELS)["note"] == t(service_years=1, monthly_salary=15)["note"]


def test_the_wage_is_never_below_the_local_minimum():
    got = t(service_years=2, monthly_salary=1.8, local_min_wage=2.42)
    assert got["base"] == ("月工资 = 月薪 1,800 元 × 12 薪 ÷ 12 = 1,800 元（未填每年发薪月数，按 12 薪算），"
                           "低于当地月最低工资标准，按最低工资 2,420 元算。")
    assert got["n-formula"] == "2 个月 × 2,420 元" and got["n"] == "4,840 元"
    assert got["input"].endswith("当地月最低工资标准 2,420 元。")
    # negative: a wage at or above the minimum stays as it is
    assert t(service_years=2, monthly_salary=2.42, local_min_wage=2.42)["n"] == "4,840 元"
    assert t(service_years=2, monthly_salary=3, local_min_wage=2.42)["n"] == "6,000 元"
    assert "最低工资" not in t(service_years=2, monthly_salary=3, local_min_wage=2.42)["base"]


def test_the_caps_apply_to_the_wage_as_the_law_counts_it():
    # 25K × 16 薪 = 33,333.33 a month > 3 × 10K: capped at 30,000 and 12 years
    got = t(service_years=20, monthly_salary=25, salary_months=16, local_avg_wage=10)
    assert got["n-formula"] == "12 个月 × 30,000 元" and got["n"] == "360,000 元"
    assert got["n1-formula"] == "360,000 元 + 25,000 元"
    # negative: 22K × 16 薪 = 29,333.33 is under 3 × 10K: all 20 years count
    assert t(service_years=20, monthly_salary=22, salary_months=16, local_avg_wage=10)["n-formula"] == \
        "20 个月 × 29,333.33 元"


@pytest.mark.parametrize("values", [{}, {"service_years": 4}, {"monthly_salary": 20},
                                    {"service_years": "", "monthly_salary": " ", "local_avg_wage": None}])
def test_unset_inputs_show_placeholders(values):
    got = texts(values, LABELS)
    assert got["n-formula"] == "折算月数 × 月工资"
    assert got["n1-formula"] == "N + 一个月工资（〔当前月薪〕）" and got["n2-formula"] == "2 × N"
    assert (got["n"], got["n1"], got["n2"]) == ("〔N〕", "〔N+1〕", "〔2N〕")
    assert got["cap"] == "填上工作年限和月薪（或年薪总包），这里就按你的数算出金额。"
    assert set(got) == set(SLOTS)


def test_placeholders_name_the_labels_and_fall_back_to_the_key():
    got = texts({}, LABELS)
    assert got["input"] == ("在本单位工作 〔在本单位工作整年数〕 年 〔在本单位工作零头月数〕 个月；"
                            "当地上年度职工月平均工资 未填写；当地月最低工资标准 未填写。")
    assert got["base"] == ("月工资 =（〔当前月薪〕 × 〔每年发薪月数〕 + 〔薪数之外的年奖金〕）÷ 12 + 〔每月现金津贴补贴〕；"
                           "只知道年薪总包时，用 〔当前年薪总包〕 ÷ 12。")
    assert "〔monthly_salary〕" in texts({}, {})["n1-formula"]
    # negative: once the values are set the placeholders are gone
    filled = t(service_years=1, service_months=0, monthly_salary=20, salary_months=12)
    assert not any("〔" in text for text in filled.values())
    assert filled["input"].startswith("在本单位工作 1 年 0 个月；")
    assert filled["base"] == "月工资 = 月薪 20,000 元 × 12 薪 ÷ 12 = 20,000 元。"


def test_strings_and_numbers_give_the_same_texts():
    # YAML gives numbers, the browser strings
    as_numbers = t(service_years=3, service_months=7, monthly_salary=12.345, local_avg_wage=2.5,
                   salary_months=13, annual_bonus=2, monthly_allowance=0.5, local_min_wage=2)
    as_strings = t(service_years=" 3 ", service_months="007", monthly_salary="12.345", local_avg_wage="2.5",
                   salary_months="13", annual_bonus="2", monthly_allowance="0.5", local_min_wage="2")
    assert as_numbers == as_strings
    assert as_numbers != t(service_years=3, service_months=8, monthly_salary=12.345, local_avg_wage=2.5)


# -- yuan ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (0, "0 元"),
        (999, "999 元"),
        (1000, "1,000 元"),                     # separators
        (80000, "80,000 元"),
        (1234567.5, "1,234,567.50 元"),         # cents only when there are any, two digits
        (1234.05, "1,234.05 元"),
        (0.005, "0.01 元"),                     # half up
        (0.004, "0 元"),
        (12345.000000000002, "12,345 元"),      # float noise is not shown
        (12345678901.99, "12,345,678,901.99 元"),
    ],
)
def test_yuan_formatting(amount, text):
    assert yuan(amount) == text


def test_amounts_in_k_are_shown_in_yuan_with_cents():
    got = t(service_years=2, monthly_salary="12.345")
    assert got["n-formula"] == "2 个月 × 12,345 元"
    assert t(service_years=2, monthly_salary="7.77777")["n"] == "15,555.54 元"  # 15555.54


# -- refusals ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("key", "bad", "good"),
    [
        ("service_months", -3, 0),
        ("service_months", "-3", "0"),
        ("service_years", 1.5, 2),               # fractional years
        ("service_years", "1.5", "2"),
        ("service_years", True, 1),              # a YAML boolean is not a number
        ("monthly_salary", True, 20),
        ("service_years", "三年", "3"),
        ("service_years", datetime.date(2020, 1, 1), "0"),
        ("monthly_salary", "abc", "20"),
        ("monthly_salary", "20K", "20"),
        ("monthly_salary", 0, 0.5),              # zero pay
        ("salary_months", 0, 13.5),              # zero months of pay a year
        ("salary_months", "十六", "16"),
        ("annual_bonus", -1, 0),                 # a bonus may be zero, not negative
        ("annual_bonus", "3万", "30"),
        ("monthly_allowance", "-0.5", "0"),
        ("annual_package", 0, 40),
        ("local_min_wage", "0", "2.42"),
        ("monthly_salary", "1e3", "1000"),
        ("local_avg_wage", float("nan"), 10),
        ("local_avg_wage", float("inf"), 10),
        ("local_avg_wage", -1, 1),
        ("local_avg_wage", "0", "0.1"),
    ],
)
def test_bad_values_are_refused_naming_the_key(key, bad, good):
    base = {"service_years": 1, "service_months": 2, "monthly_salary": 20, "annual_package": 30}
    with pytest.raises(SeveranceError) as err:
        texts({**base, key: bad}, LABELS)
    message = str(err.value)
    assert message.startswith(f"profile key '{key}' ({LABELS[key]}) must be ")
    assert message.endswith(f", got {bad!r}")
    assert all(f"'{other}'" not in message for other in KEYS if other != key)
    # negative: the neighbouring good value passes
    assert set(texts({**base, key: good}, LABELS)) == set(SLOTS)


def test_refusals_say_what_the_key_needs():
    with pytest.raises(SeveranceError, match="must be a whole number 0 or more, got 1.5$"):
        t(service_years=1.5)
    with pytest.raises(SeveranceError, match=r"^profile key 'monthly_salary' \(当前月薪\) must be "
                                             r"a number above 0, got 'abc'$"):
        t(monthly_salary="abc")


def test_every_bad_key_is_named_at_once_in_key_order():
    with pytest.raises(SeveranceError) as err:
        t(monthly_salary="abc", service_months=-1, local_avg_wage=0)
    assert str(err.value) == (
        "profile key 'service_months' (在本单位工作零头月数) must be a whole number 0 or more, got -1; "
        "profile key 'monthly_salary' (当前月薪) must be a number above 0, got 'abc'; "
        "profile key 'local_avg_wage' (当地上年度职工月平均工资) must be a number above 0, got 0")
    assert issubclass(SeveranceError, ValueError)


def test_problems_are_structured_and_phrased_in_chinese_for_the_browser():
    result = evaljs("handbookSeverance.texts(dukpy.v, dukpy.l)",
                    v={"service_years": "三年", "monthly_salary": "0", "service_months": "2"}, l=LABELS)
    assert result == {"ok": False, "problems": [
        {"key": "service_years", "label": "在本单位工作整年数", "value": "三年", "rule": "whole"},
        {"key": "monthly_salary", "label": "当前月薪", "value": "0", "rule": "positive"},
    ]}
    sentences = evaljs("dukpy.p.map(handbookSeverance.message)", p=result["problems"])
    assert sentences == ["资料“在本单位工作整年数”（service_years）需要填整数，不小于 0，现在是“三年”。",
                         "资料“当前月薪”（monthly_salary）需要填数字，大于 0，现在是“0”。"]
    # negative: good values give texts, not problems
    assert evaljs("handbookSeverance.texts(dukpy.v, dukpy.l).ok", v={"service_years": "3"}, l=LABELS)


# -- the data-* values ---------------------------------------------------------------

@pytest.mark.parametrize(("value", "text"), [(None, ""), (2.0, "2"), (15, "15"), (12.345, "12.345"),
                                             (1e-05, "0.00001"), (" 3 ", " 3 ")])
def test_data_values_are_what_the_browser_reads_back(value, text):
    assert format_value(value) == text


def test_the_built_values_give_the_browser_the_same_texts():
    values = {"service_years": 2.0, "service_months": 3, "monthly_salary": 12.345, "local_avg_wage": 1e-05}
    calc = calculator(values, LABELS)
    assert texts(dict(calc.values), LABELS) == calc.texts
    # negative: Python's own spelling of 1e-05 would be refused in the browser
    with pytest.raises(SeveranceError, match="local_avg_wage"):
        texts({**calc.values, "local_avg_wage": str(1e-05)}, LABELS)


# -- the template ------------------------------------------------------------------

TEMPLATE = "partials/calculator.html"
ENV = Environment(loader=FileSystemLoader(str(ROOT / "overrides")))


def render(calc, env: Environment = ENV) -> str:
    return env.get_template(TEMPLATE).render(calculator=calc)


def test_template_renders_every_slot_and_attribute():
    calc = calculator({"service_years": 1, "service_months": 7, "monthly_salary": 20}, LABELS)
    html = render(calc)
    box = BeautifulSoup(html, "html.parser").select_one("div.comp-calc#comp-calc[data-calculator]")
    assert box is not None
    assert {el["data-comp"]: el.get_text() for el in box.select("[data-comp]")} == {
        "error": "", **calc.texts}
    assert box.select_one('[data-comp="error"]').has_attr("hidden")
    assert box["data-service-years"] == "1" and box["data-service-months"] == "7"
    assert box["data-monthly-salary"] == "20" and box["data-local-avg-wage"] == ""
    assert box["data-label-monthly-salary"] == "当前月薪"
    rows = box.select("tbody tr")
    assert [row.th.get_text("|") for row in rows] == [f"{r.name}|{r.when}" for r in severance.ROWS]
    assert [row.select_one(".comp-amount")["data-comp"] for row in rows] == ["n", "n1", "n2"]
    # inert, and one line: no blank line ends the raw-HTML block in Markdown
    assert "\n" not in html and "<script" not in html and "style=" not in html
    # negative: other values render other texts into the same slots
    other = BeautifulSoup(render(calculator({"service_years": 3, "monthly_salary": 20}, LABELS)), "html.parser")
    assert other.select_one('[data-comp="n"]').get_text() == "60,000 元" != calc.texts["n"]


def test_template_output_is_exactly_the_calculator_html():
    calc = calculator({"service_years": 2, "monthly_salary": 15, "salary_months": 16}, LABELS)
    assert render(calc) == (
        '<div class="comp-calc" id="comp-calc" data-calculator data-service-years="2" data-service-months="" '
        'data-monthly-salary="15" data-salary-months="16" data-annual-bonus="" data-monthly-allowance="" '
        'data-annual-package="" data-local-avg-wage="" data-local-min-wage="" '
        'data-label-service-years="在本单位工作整年数" data-label-service-months="在本单位工作零头月数" '
        'data-label-monthly-salary="当前月薪" data-label-salary-months="每年发薪月数" '
        'data-label-annual-bonus="薪数之外的年奖金" data-label-monthly-allowance="每月现金津贴补贴" '
        'data-label-annual-package="当前年薪总包" data-label-local-avg-wage="当地上年度职工月平均工资" '
        'data-label-local-min-wage="当地月最低工资标准">'
        '<p data-comp="input">在本单位工作 2 年 0 个月；当地上年度职工月平均工资 未填写；当地月最低工资标准 未填写。</p>'
        '<p data-comp="base">月工资 = 月薪 15,000 元 × 16 薪 ÷ 12 = 20,000 元。</p>'
        '<p class="comp-error" data-comp="error" hidden></p>'
        '<table><thead><tr><th>情形</th><th>怎么算</th><th>金额</th></tr></thead><tbody>'
        '<tr><th scope="row">N：经济补偿<br><small>第40条、第41条解除；第38条被迫辞职；公司提出的协商解除（N 是底线）'
        '</small></th>'
        '<td data-comp="n-formula">2 个月 × 20,000 元</td><td class="comp-amount" data-comp="n">40,000 元</td></tr>'
        '<tr><th scope="row">N+1<br><small>仅限第40条解除且没有提前 30 天书面通知</small></th>'
        '<td data-comp="n1-formula">40,000 元 + 15,000 元</td>'
        '<td class="comp-amount" data-comp="n1">55,000 元</td></tr>'
        '<tr><th scope="row">2N：赔偿金<br><small>违法解除；代替 N，通常不再加 1</small></th>'
        '<td data-comp="n2-formula">2 × 40,000 元</td><td class="comp-amount" data-comp="n2">80,000 元</td></tr>'
        '</tbody></table>'
        '<p data-comp="cap">请填上“当地上年度职工月平均工资”（当地人社部门每年公布）：月工资 20,000 元在一些城市'
        '已高于它的 3 倍，那时基数按 3 倍计、最多算 12 年，这里的金额会偏高。</p>'
        '<p data-comp="note">法律按解除或终止前 12 个月的平均应得工资算（实施条例第27条）；这里按你填的数估算，'
        '和工资条、银行流水对不上时，以实际发放的为准。</p>'
        '</div>')


HOSTILE = '<script>alert(1)</script>"月薪" & \'K\''


def hostile_calculator():
    return calculator({"service_years": '1" onmouseover="x', "monthly_salary": 20},
                      {**LABELS, "service_years": "年", "monthly_salary": HOSTILE})


def escaped_as_text(html: str) -> bool:
    """The hostile label and value came through as text and attribute values,
    never as markup."""
    soup = BeautifulSoup(html, "html.parser")
    box = soup.select_one("[data-calculator]")
    return (soup.find("script") is None and box is not None
            and not box.has_attr("onmouseover")
            and box["data-label-monthly-salary"] == HOSTILE
            and box["data-service-years"] == '1" onmouseover="x'
            and all(HOSTILE in box.select_one(f'[data-comp="{slot}"]').get_text()
                    for slot in ("base", "n1-formula")))


def test_template_escapes_labels_and_values():
    with pytest.raises(SeveranceError, match="service_years"):
        hostile_calculator()  # the build refuses the value itself ...
    # ... so show that the template escapes one that got through anyway
    calc = severance.Calculator(
        texts=texts({}, {"monthly_salary": HOSTILE}),
        values={**{key: "" for key in KEYS}, "service_years": '1" onmouseover="x'},
        labels={**{key: "x" for key in KEYS}, "monthly_salary": HOSTILE})
    assert escaped_as_text(render(calc))
    # the same with an autoescaping environment (no double escaping)
    autoescaping = Environment(loader=FileSystemLoader(str(ROOT / "overrides")), autoescape=True,
                               trim_blocks=True, lstrip_blocks=True)
    assert render(calc, autoescaping) == render(calc)
    # negative: the template without its | e filters lets the markup through
    source = (ROOT / "overrides" / TEMPLATE).read_text(encoding="utf-8")
    unescaped = ENV.from_string(source.replace(" | e", "")).render(calculator=calc)
    assert not escaped_as_text(unescaped)


# -- calculator.js on a fake DOM ----------------------------------------------------------

FAKE_DOM = """
var window = globalThis, stored = {};
function element(slot) {
  var el = { slot: slot, textContent: "built", hidden: slot === "error" };
  Object.defineProperty(el, "innerHTML", { set: function () { throw new Error("innerHTML used"); } });
  return el;
}
var slots = {};
["input", "base", "error", "n-formula", "n", "n1-formula", "n1", "n2-formula", "n2", "cap", "note"].forEach(function (s) {
  slots[s] = element(s);
});
var attributes = ATTRIBUTES;
var box = {
  getAttribute: function (name) { return attributes.hasOwnProperty(name) ? attributes[name] : null; },
  querySelector: function (selector) {
    var m = /^\\[data-comp="([^"]+)"\\]$/.exec(selector);
    return m && slots[m[1]] || null;
  }
};
var listeners = {};
var document = globalThis.document = {
  readyState: "complete",
  documentElement: { classList: { add: function () {} } },
  addEventListener: function (type, fn) { (listeners[type] = listeners[type] || []).push(fn); },
  dispatch: function (type) { (listeners[type] || []).forEach(function (fn) { fn(); }); },
  querySelectorAll: function (selector) { return selector === "[data-calculator]" ? [box] : []; },
  querySelector: function () { return null; }
};
window.localStorage = {
  getItem: function (key) { return key === "handbook.profile" ? JSON.stringify(stored) : null; },
  setItem: function () {}, removeItem: function () {}
};
function state() {
  var out = {};
  Object.keys(slots).forEach(function (s) { out[s] = slots[s].textContent; });
  out.errorHidden = slots.error.hidden;
  return out;
}
"""


@pytest.fixture(scope="module")
def page():
    """handbook.js, severance.js and calculator.js on a page whose calculator
    was built with 1 year and 20K."""
    calc = calculator({"service_years": 1, "monthly_salary": 20}, LABELS)
    interpreter = dukpy.JSInterpreter()
    interpreter.evaljs(FAKE_DOM.replace("ATTRIBUTES", json.dumps(dict(calc.attributes), ensure_ascii=False)))
    for name in ("handbook.js", "severance.js", "calculator.js"):
        interpreter.evaljs((JS / name).read_text(encoding="utf-8"))
    return interpreter


def show(page, stored: dict) -> dict:
    """The calculator after the reader stored `stored` and handbook:profile fired."""
    return page.evaljs("stored = dukpy.s; document.dispatch('handbook:profile'); state()", s=stored)


def test_calculator_js_recomputes_on_load_and_on_the_profile_event(page):
    # on load, nothing stored: the built values (1 year, 20K) are used
    assert page.evaljs("state()") == {**t(service_years=1, monthly_salary=20), "error": "", "errorHidden": True}
    # stored values win; a key missing from storage keeps the built value
    assert show(page, {"service_months": "6"}) == {
        **t(service_years=1, service_months=6, monthly_salary=20), "error": "", "errorHidden": True}
    assert show(page, {"monthly_salary": "40", "local_avg_wage": "10", "service_years": "15"})["n"] == "360,000 元"
    # the pay months the reader types count: 15K × 16 薪 over 3 years
    typed = show(page, {"service_years": "3", "monthly_salary": "15", "salary_months": "16"})
    assert (typed["n"], typed["n2"]) == ("60,000 元", "120,000 元")
    assert typed["base"] == "月工资 = 月薪 15,000 元 × 16 薪 ÷ 12 = 20,000 元。"


def test_calculator_js_shows_problems_in_chinese_with_placeholders(page):
    got = show(page, {"service_years": "三年", "monthly_salary": "abc"})
    assert got["errorHidden"] is False
    assert got["error"] == ("资料“在本单位工作整年数”（service_years）需要填整数，不小于 0，现在是“三年”。 "
                            "资料“当前月薪”（monthly_salary）需要填数字，大于 0，现在是“abc”。")
    assert {slot: got[slot] for slot in SLOTS} == texts({}, LABELS)
    # negative: fixing the values hides and empties the error again
    fixed = show(page, {"service_years": "3"})
    assert fixed["errorHidden"] is True and fixed["error"] == "" and fixed["n"] == "60,000 元"


# -- ES5 -----------------------------------------------------------------------------

ES2015 = re.compile(r"=>|`|\b(let|const|class)\s|\.\.\.")


def es2015_syntax(source: str) -> list[str]:
    """Lines using syntax newer than ES5 (comments removed; a lexical check,
    since dukpy 0.6 runs QuickJS, which accepts it)."""
    code = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    code = re.sub(r"(^|\s)//.*", "", code)
    return [line for line in code.splitlines() if ES2015.search(line)]


@pytest.mark.parametrize("name", ["severance.js", "calculator.js"])
def test_scripts_are_es5(name):
    assert es2015_syntax((JS / name).read_text(encoding="utf-8")) == []
    # negative: the check sees an arrow function and a template literal
    assert len(es2015_syntax("var f = (x) => x;\nvar s = `a${b}`;\n/* let x */")) == 2


def test_javascript_numbers_that_are_not_finite_are_refused():
    # the build passes NaN/inf as text (JSON has neither); a JavaScript caller
    # can pass them as numbers
    got = evaljs("[NaN, Infinity, -Infinity, 1e400].map(function (x) {"
                 " return handbookSeverance.texts({monthly_salary: x, service_years: 1}, {}); })")
    assert [r["ok"] for r in got] == [False] * 4
    assert all(r["problems"][0]["key"] == "monthly_salary" for r in got)
    # negative: a finite number passes
    assert evaljs("handbookSeverance.texts({monthly_salary: 1e3, service_years: 1}, {}).ok")
