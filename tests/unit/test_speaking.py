"""Speaking time (hooks/handbook/speaking.py): how text becomes seconds, how
they are shown, and the self-introduction's 60–120 s."""

import pytest

from handbook.speaking import (SELF_INTRO_RANGE, count_units, estimate_seconds, format_duration,
                               self_intro_problem, speaking_time)


def test_chinese_counts_every_character_and_no_punctuation():
    assert count_units("面试官您好，我是张三。") == (9, 0)
    assert estimate_seconds("好" * 220, 220) == 60
    assert estimate_seconds("好" * 110, 220) == 30
    assert estimate_seconds("，。！？、……", 220) == 0


def test_latin_words_and_numbers_count_as_two_characters():
    text = "熟悉智能 Agent 的设计，AI 与 CV 任务"  # 10 characters, 3 words
    assert count_units(text) == (10, 3)
    assert estimate_seconds(text, 60) == 10 + 2 * 3
    assert count_units("offer") == (0, 1)
    assert count_units("large-language-model") == (0, 1)


def test_numbers_count_as_words_including_decimals_and_full_width_digits():
    assert count_units("月薪 25K，一年 13 薪，涨幅 20% 或 3.5 万") == (9, 4)
    assert count_units("２０２４年") == (1, 1)
    assert estimate_seconds("我有 5 年经验", 60) == 5 + 2


def test_the_rate_scales_the_estimate():
    assert estimate_seconds("好" * 300, 300) == 60
    assert estimate_seconds("好" * 300, 150) == 120


@pytest.mark.parametrize("seconds, shown", [
    (0, "约 5 秒"), (43, "约 45 秒"), (62, "约 1 分钟"), (80, "约 1 分 20 秒"),
    (133, "约 2 分 15 秒"), (118, "约 2 分钟"),
])
def test_durations_are_shown_to_the_nearest_five_seconds(seconds, shown):
    assert format_duration(seconds) == shown


def test_an_estimate_carries_its_rate_and_nothing_to_say_has_none():
    estimate = speaking_time("好" * 110, 220)
    assert (estimate.seconds, estimate.shown, estimate.rate) == (30, "约 30 秒", "220")
    assert speaking_time("好", 200.5).rate == "200.5"
    assert speaking_time("……  ", 220) is None


def test_the_self_intro_check_only_speaks_up_outside_the_range():
    low, high = SELF_INTRO_RANGE
    assert (low, high) == (60, 120)
    assert self_intro_problem(low) is None and self_intro_problem(high) is None
    short, long = self_intro_problem(55), self_intro_problem(135)
    assert "约 55 秒 (55 s)" in short and "shorter than the 60–120 s" in short and "lengthen" in short
    assert "约 2 分 15 秒 (135 s)" in long and "longer than" in long and "shorten" in long
