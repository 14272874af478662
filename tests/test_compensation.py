"""The severance calculator's rules (劳动合同法 第47条), its profile parsing
and its rendering, without a build."""

from __future__ import annotations

import pytest

from compensation import (
    CompensationError,
    Inputs,
    compensation_months,
    compute,
    read_inputs,
    render_calculator,
    texts,
    yuan,
)
from personal import load_fields

LABELS = {key: spec.label for key, spec in load_fields().items()}


# -- art. 47: months of pay --------------------------------------------------

@pytest.mark.parametrize(
    ("total_months", "months"),
    [
        (0, 0),
        (5, 0.5),          # under six months: half a month
        (6, 1),            # six months or more counts as a year
        (12, 1),
        (12 + 5, 1.5),
        (12 + 6, 2),       # 1 year 6 months
        (12 + 7, 2),       # 1 year 7 months
        (15 * 12, 15),
    ],
)
def test_months_follow_article_47(total_months, months):
    assert compensation_months(total_months) == months


def test_negative_service_is_refused():
    with pytest.raises(CompensationError, match="0 months or more"):
        compensation_months(-1)


def test_n_n_plus_1_and_2n_without_cap():
    r = compute(12 + 7, 20)  # 1 year 7 months, 20K
    assert (r.months, r.base, r.capped) == (2, 20000, False)
    assert (r.n, r.n_plus_1, r.two_n) == (40000, 60000, 80000)


def test_pay_above_three_times_average_caps_base_and_years():
    r = compute(15 * 12, 40, avg_k=10)  # 40K > 3 × 10K, 15 years
    assert r.capped and r.base == 30000 and r.months == 12
    assert r.n == 12 * 30000
    assert r.two_n == 2 * r.n == 720000
    # the +1 is one month's real pay (实施条例 第20条), not the capped base
    assert r.n_plus_1 == r.n + 40000


def test_pay_at_three_times_average_is_not_capped():
    r = compute(15 * 12, 30, avg_k=10)
    assert not r.capped and r.months == 15 and r.n == 15 * 30000


def test_years_are_not_capped_below_the_threshold():
    assert compute(20 * 12, 10, avg_k=10).months == 20


# -- reading the profile -----------------------------------------------------

def test_inputs_combine_years_and_months():
    inputs = read_inputs({"service_years": 1, "service_months": 7, "monthly_salary": 20}, LABELS)
    assert inputs == Inputs(total_months=19, pay_k=20.0, avg_k=None)
    assert read_inputs({"service_months": "30", "monthly_salary": "8.5"}, LABELS).total_months == 30
    assert read_inputs({}, LABELS) == Inputs(None, None, None)
    assert read_inputs({"service_years": "", "monthly_salary": " "}, LABELS) == Inputs(None, None, None)


@pytest.mark.parametrize(
    ("values", "key"),
    [
        ({"service_months": -3}, "service_months"),
        ({"service_months": "-3"}, "service_months"),
        ({"service_years": "三年"}, "service_years"),
        ({"service_years": 1.5}, "service_years"),
        ({"service_years": True}, "service_years"),
        ({"monthly_salary": "20K"}, "monthly_salary"),
        ({"monthly_salary": 0}, "monthly_salary"),
        ({"local_avg_wage": -1}, "local_avg_wage"),
        ({"local_avg_wage": float("nan")}, "local_avg_wage"),
    ],
)
def test_bad_values_name_the_key_and_label(values, key):
    with pytest.raises(CompensationError) as err:
        read_inputs(values, LABELS)
    assert f"'{key}'" in str(err.value) and LABELS[key] in str(err.value)


def test_every_bad_key_is_named_at_once():
    with pytest.raises(CompensationError) as err:
        read_inputs({"service_months": -1, "monthly_salary": "abc"}, LABELS)
    assert "'service_months'" in str(err.value) and "'monthly_salary'" in str(err.value)


# -- rendering -----------------------------------------------------------------

@pytest.mark.parametrize(
    ("amount", "text"),
    [(0, "0 元"), (80000, "80,000 元"), (1234567.5, "1,234,567.50 元"), (0.005, "0.01 元"),
     (12345.000000000002, "12,345 元")],
)
def test_yuan_formatting(amount, text):
    assert yuan(amount) == text


def test_unset_profile_shows_the_formula_with_placeholders():
    t = texts(read_inputs({}, LABELS), LABELS)
    assert "〔当前月薪〕" in t["n-formula"] and "折算月数" in t["n-formula"]
    assert (t["n"], t["n1"], t["n2"]) == ("〔N〕", "〔N+1〕", "〔2N〕")
    assert f"〔{LABELS['service_years']}〕" in t["input"]


def test_set_profile_shows_the_readers_numbers():
    t = texts(read_inputs({"service_years": 1, "service_months": 7, "monthly_salary": 20}, LABELS), LABELS)
    assert t["input"].startswith("在本单位工作 1 年 7 个月；月工资 20,000 元")
    assert t["n-formula"] == "2 个月 × 20,000 元" and t["n"] == "40,000 元"
    assert t["n1"] == "60,000 元" and t["n2"] == "80,000 元"
    assert "没有检查封顶" in t["cap"]


def test_capped_profile_says_so():
    values = {"service_years": 15, "monthly_salary": 40, "local_avg_wage": 10}
    t = texts(read_inputs(values, LABELS), LABELS)
    assert t["n-formula"] == "12 个月 × 30,000 元" and t["n2"] == "720,000 元"
    assert "3 倍" in t["cap"] and "12 年" in t["cap"]


def test_rendered_calculator_is_inert_html():
    html = str(render_calculator({"service_years": 2, "monthly_salary": 15}, LABELS))
    assert "<script" not in html and "style=" not in html and " on" not in html.replace(" 元", "")
    assert 'data-service-years="2"' in html and 'data-monthly-salary="15"' in html
    assert 'data-comp="n">30,000 元<' in html
    assert "{{" not in html
