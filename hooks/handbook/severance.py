"""The severance calculator of the labour-rights page (劳动合同法 第47条).

From the profile (years and months at the current employer, monthly pay,
optional local average monthly wage) it computes

    N    经济补偿: months per art. 47 × monthly pay (capped base and years
         when the pay is above 3× the local average)
    N+1  N plus one month's pay (代通知金, art. 40 without 30 days' notice;
         实施条例 第20条: the previous month's pay, never capped)
    2N   赔偿金 for an unlawful dismissal (art. 48/87; 实施条例 第25条: it
         replaces N, there is no +1)

and renders it as inert HTML for the `{{ compensation() }}` macro. The same
rules run in the browser (docs/assets/javascripts/compensation.js), which
recomputes the numbers when the reader fills the profile in on the page; a
test runs both on the same inputs.

Money: `monthly_salary` and `local_avg_wage` are in K (thousand yuan, the
unit the profile already uses for pay); results are shown in yuan.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, Mapping

from markupsafe import Markup
from mkdocs.exceptions import PluginError

YEARS, MONTHS, PAY, AVG = "service_years", "service_months", "monthly_salary", "local_avg_wage"
KEYS = (YEARS, MONTHS, PAY, AVG)
CAP_FACTOR = 3   # pay above 3× the local average: base capped at 3× ...
CAP_YEARS = 12   # ... and at most 12 years (months of pay) counted
NUMBER = re.compile(r"^\s*-?\d+(\.\d+)?\s*$")


class CompensationError(ValueError):
    """A profile value the calculator cannot use; the message names the key."""


@dataclass(frozen=True)
class Inputs:
    total_months: int | None  # None: service not filled in
    pay_k: float | None
    avg_k: float | None

    @property
    def complete(self) -> bool:
        return self.total_months is not None and self.pay_k is not None


@dataclass(frozen=True)
class Result:
    months: float      # months of pay counted for N (after the 12-year cap)
    base: float        # monthly base of N in yuan (after the 3× cap)
    pay: float         # the monthly pay in yuan (the +1 of N+1)
    capped: bool       # pay above 3× the local average
    n: float
    n_plus_1: float
    two_n: float


# -- the rules ---------------------------------------------------------------

def compensation_months(total_months: int) -> float:
    """Art. 47: one month per full year; a remainder of six months or more
    counts as a year, a shorter one as half a month."""
    if total_months < 0:
        raise CompensationError(f"service must be 0 months or more, got {total_months}")
    full, rest = divmod(total_months, 12)
    return full + (1 if rest >= 6 else 0.5 if rest > 0 else 0)


def compute(total_months: int, pay_k: float, avg_k: float | None = None) -> Result:
    """N, N+1 and 2N in yuan for a service length and a monthly pay in K."""
    months = compensation_months(total_months)
    pay = pay_k * 1000
    capped = avg_k is not None and pay > CAP_FACTOR * avg_k * 1000
    base = CAP_FACTOR * avg_k * 1000 if capped else pay
    if capped:
        months = min(months, CAP_YEARS)
    n = months * base
    return Result(months=months, base=base, pay=pay, capped=capped,
                  n=n, n_plus_1=n + pay, two_n=2 * n)


# -- reading the profile -----------------------------------------------------

def parse_number(key: str, label: str, value: Any, *, whole: bool, positive: bool) -> float | int | None:
    """One profile value as a number, None when unset; raise naming the key."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    kind = "a whole number" if whole else "a number"
    bound = "above 0" if positive else "0 or more"
    problem = f"profile key '{key}' ({label}) must be {kind} {bound}, got {value!r}"
    if isinstance(value, bool):
        raise CompensationError(problem)
    if isinstance(value, str):
        if not NUMBER.match(value):
            raise CompensationError(problem)
        value = float(value)
    if not isinstance(value, (int, float)) or math.isnan(value) or math.isinf(value):
        raise CompensationError(problem)
    if (whole and value != int(value)) or value < 0 or (positive and value == 0):
        raise CompensationError(problem)
    return int(value) if whole else float(value)


def read_inputs(values: Mapping[str, Any], labels: Mapping[str, str]) -> Inputs:
    """The calculator's inputs from profile values; every bad key named at once."""
    rules = {YEARS: (True, False), MONTHS: (True, False), PAY: (False, True), AVG: (False, True)}
    parsed, problems = {}, []
    for key, (whole, positive) in rules.items():
        try:
            parsed[key] = parse_number(key, labels.get(key, key), values.get(key),
                                       whole=whole, positive=positive)
        except CompensationError as exc:
            problems.append(str(exc))
    if problems:
        raise CompensationError("; ".join(problems))
    years, months = parsed[YEARS], parsed[MONTHS]
    total = None if years is None and months is None else (years or 0) * 12 + (months or 0)
    return Inputs(total_months=total, pay_k=parsed[PAY], avg_k=parsed[AVG])


# -- rendering -----------------------------------------------------------------

def yuan(amount: float) -> str:
    """Yuan with thousands separators; cents only when there are any.
    Rounds half up on cents, exactly as compensation.js does."""
    cents = math.floor(amount * 100 + 0.5)
    whole, rest = divmod(cents, 100)
    return f"{whole:,} 元" if rest == 0 else f"{whole:,}.{rest:02d} 元"


def months_text(months: float) -> str:
    """0.5 → "0.5 个月", 2.0 → "2 个月" (as JavaScript's String() writes them)."""
    return f"{int(months) if months == int(months) else months} 个月"


def service_text(total_months: int) -> str:
    years, months = divmod(total_months, 12)
    return f"{years} 年 {months} 个月"


def texts(inputs: Inputs, labels: Mapping[str, str]) -> dict[str, str]:
    """Every text of the calculator, keyed like its data-comp slots.
    Placeholders 〔…〕 stand in for what the profile does not give."""
    def ph(key: str) -> str:
        return f"〔{labels.get(key, key)}〕"

    service = (service_text(inputs.total_months) if inputs.total_months is not None
               else f"{ph(YEARS)} 年 {ph(MONTHS)} 个月")
    pay = yuan(inputs.pay_k * 1000) if inputs.pay_k is not None else ph(PAY)
    avg = yuan(inputs.avg_k * 1000) if inputs.avg_k is not None else "未填写"
    out = {"input": f"在本单位工作 {service}；月工资 {pay}；当地上年度职工月平均工资 {avg}。"}
    if not inputs.complete:
        out |= {
            "n-formula": f"折算月数 × 月工资（{ph(PAY)}）", "n": "〔N〕",
            "n1-formula": f"N + 一个月工资（{ph(PAY)}）", "n1": "〔N+1〕",
            "n2-formula": "2 × N", "n2": "〔2N〕",
            "cap": "填上工作年限和月薪，这里就按你的数算出金额。",
        }
        return out
    r = compute(inputs.total_months, inputs.pay_k, inputs.avg_k)
    out |= {
        "n-formula": f"{months_text(r.months)} × {yuan(r.base)}", "n": yuan(r.n),
        "n1-formula": f"{yuan(r.n)} + {yuan(r.pay)}", "n1": yuan(r.n_plus_1),
        "n2-formula": f"2 × {yuan(r.n)}", "n2": yuan(r.two_n),
    }
    if r.capped:
        out["cap"] = (f"月工资高于当地月平均工资的 3 倍：基数按 3 倍即 {yuan(r.base)} 计，"
                      f"最多算 {CAP_YEARS} 年。")
    elif inputs.avg_k is not None:
        out["cap"] = "月工资不高于当地月平均工资的 3 倍：不封顶。"
    else:
        out["cap"] = ("未填当地月平均工资，没有检查封顶：月工资高于它的 3 倍时，"
                      f"基数按 3 倍计、最多算 {CAP_YEARS} 年。")
    return out


ROWS = (
    ("n", "N：经济补偿", "协商解除（公司提出）、第40条、第41条裁员"),
    ("n1", "N+1", "仅限第40条解除且没有提前 30 天书面通知"),
    ("n2", "2N：赔偿金", "违法解除；代替 N，不再加 1"),
)


def escape(text: str) -> str:
    return str(Markup.escape(text))


def render_calculator(values: Mapping[str, Any], labels: Mapping[str, str]) -> Markup:
    """The calculator as one raw-HTML block (no inline style or script).
    The profile's values travel in data-* attributes for compensation.js."""
    inputs = read_inputs(values, labels)
    t = texts(inputs, labels)
    data = " ".join(
        f'data-{key.replace("_", "-")}="{escape(format_value(values.get(key)))}"' for key in KEYS
    )
    label_data = " ".join(
        f'data-label-{key.replace("_", "-")}="{escape(labels.get(key, key))}"' for key in KEYS
    )
    rows = "".join(
        f'<tr><th scope="row">{escape(name)}<br><small>{escape(when)}</small></th>'
        f'<td data-comp="{slot}-formula">{escape(t[slot + "-formula"])}</td>'
        f'<td class="comp-amount" data-comp="{slot}">{escape(t[slot])}</td></tr>'
        for slot, name, when in ROWS
    )
    return Markup(
        f'<div class="comp-calc" id="comp-calc" {data} {label_data}>'
        f'<p data-comp="input">{escape(t["input"])}</p>'
        f'<p class="comp-error" data-comp="error" hidden></p>'
        f'<table><thead><tr><th>情形</th><th>怎么算</th><th>金额</th></tr></thead>'
        f'<tbody>{rows}</tbody></table>'
        f'<p data-comp="cap">{escape(t["cap"])}</p></div>'
    )


def format_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


# -- the macro ---------------------------------------------------------------

def register(env, values: Mapping[str, Any], labels: Mapping[str, str], source: str) -> None:
    """Add the `compensation()` macro; a bad value fails the build right here,
    naming the profile file(s) and the key."""
    try:
        html = render_calculator(values, labels)
    except CompensationError as exc:
        raise PluginError(f"{source}: {exc}") from None
    env.macro(lambda: html, "compensation")
