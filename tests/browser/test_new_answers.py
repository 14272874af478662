"""The answers added for 2026 interviews (issue 13), found by the words a
reader types on a phone: each in the top 3 of Material's search, like every
other answer (tests/browser/test_search.py)."""

from __future__ import annotations

import pytest

from .checks import open_search
from .test_search import misses

pytestmark = pytest.mark.browser

# answer → what a reader types to find it
TYPED = {
    "overtime": ("加班", "996"),
    "probation": ("试用期",),
    "non-compete": ("竞业限制", "期权", "保密协议"),
    "social-insurance": ("五险一金", "公积金", "年终奖"),
    "background-check": ("背调", "银行流水"),
    "career-gap": ("空窗期",),
}
QUERIES = {query: answer for answer, queries in TYPED.items() for query in queries}


def test_every_new_answer_is_found_in_the_top_3(served, phone):
    phone.goto(served.url)
    open_search(phone)
    assert misses(phone, QUERIES) == []


def test_the_check_fails_on_a_wrong_answer(served, phone):
    phone.goto(served.url)
    open_search(phone)
    assert misses(phone, {"背调": "overtime"}) != []
