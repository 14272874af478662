"""Speaking time: the estimate, the rate setting, the tools-bar badge and the
self-introduction's 60–120 s check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from conftest import build
from speaking import (SELF_INTRO_RANGE, count_units, estimate_seconds, format_duration,
                      self_intro_problem, speaking_rate, spoken_texts)


# -- the estimate --------------------------------------------------------------

def test_chinese_counts_every_character_and_no_punctuation():
    text = "面试官您好，我是张三。"  # 9 characters, 2 punctuation marks
    assert count_units(text) == (9, 0)
    assert estimate_seconds("好" * 220, 220) == 60
    assert estimate_seconds("好" * 110, 220) == 30
    assert estimate_seconds("，。！？、……", 220) == 0


def test_mixed_chinese_and_english_counts_latin_words_as_two_characters():
    text = "熟悉智能 Agent 的设计，AI 与 CV 任务"  # 10 characters, 3 words
    assert count_units(text) == (10, 3)
    assert estimate_seconds(text, 60) == 10 + 2 * 3
    # a multi-letter word is one word, not one unit per letter
    assert count_units("offer") == (0, 1)
    assert count_units("large-language-model") == (0, 1)


def test_numbers_count_as_words_including_decimals_and_units():
    assert count_units("月薪 25K，一年 13 薪，涨幅 20% 或 3.5 万") == (9, 4)
    assert count_units("２０２４年") == (1, 1)  # full-width digits are a number too
    assert estimate_seconds("我有 5 年经验", 60) == 5 + 2


def test_the_rate_scales_the_estimate():
    text = "好" * 300
    assert estimate_seconds(text, 300) == 60
    assert estimate_seconds(text, 150) == 120


@pytest.mark.parametrize("seconds, shown", [
    (0, "约 5 秒"), (43, "约 45 秒"), (62, "约 1 分钟"), (80, "约 1 分 20 秒"),
    (133, "约 2 分 15 秒"), (118, "约 2 分钟"),
])
def test_format_duration(seconds, shown):
    assert format_duration(seconds) == shown


def test_spoken_text_skips_the_approach_box_and_other_answers():
    html = ('<h2 id="a">问</h2><div class="answer-tools" data-answer="a"></div>'
            '<div class="answer-body" data-answer="a"><div class="admonition tip">'
            '<p class="admonition-title">思路</p><div><p>不说的</p></div></div>'
            '<p>要说的<span class="pf" data-profile="name">&#60;张三&#62;</span></p>'
            '<div class="x"><p>也说</p></div></div><p>页尾不算</p>'
            '<div class="answer-body" data-answer="b"><p>乙</p></div>')
    texts = spoken_texts(html)
    assert set(texts) == {"a", "b"}
    assert "不说的" not in texts["a"] and "思路" not in texts["a"]
    assert "要说的" in texts["a"] and "<张三>" in texts["a"] and "也说" in texts["a"]
    assert "页尾" not in texts["a"] and texts["b"].strip() == "乙"


# -- the rate setting ----------------------------------------------------------

def test_speaking_rate_default_and_configured():
    assert speaking_rate({}) == 220
    assert speaking_rate({"speaking": {}}) == 220
    assert speaking_rate({"speaking": {"chars_per_minute": 180}}) == 180
    assert speaking_rate({"speaking": {"chars_per_minute": 200.5}}) == 200.5


@pytest.mark.parametrize("bad", [0, -5, "fast", True, None, float("nan"), float("inf"), [220]])
def test_speaking_rate_rejects_anything_but_a_positive_number(bad):
    with pytest.raises(PluginError, match=r"extra\.speaking\.chars_per_minute must be a positive number"):
        speaking_rate({"speaking": {"chars_per_minute": bad}})


def test_speaking_rate_rejects_a_non_mapping():
    with pytest.raises(PluginError, match="extra.speaking must be a mapping"):
        speaking_rate({"speaking": 220})


def test_self_intro_problem_only_outside_the_range():
    low, high = SELF_INTRO_RANGE
    assert self_intro_problem(low) is None and self_intro_problem(high) is None
    assert "约 55 秒 (55 s)" in self_intro_problem(55) and "lengthen" in self_intro_problem(55)
    assert "约 2 分 15 秒 (135 s)" in self_intro_problem(135) and "shorten" in self_intro_problem(135)


# -- the built site ------------------------------------------------------------

def test_every_answer_shows_its_speaking_time_in_its_tools_bar(site, manifest):
    for answer in manifest.answers:
        page = site.page(answer.page.removesuffix(".md") + "/")
        badge = page.select_one(f'.answer-tools[data-answer="{answer.id}"] .speaking-time')
        assert badge is not None, answer.id
        assert re.fullmatch(r"说完约 (\d+ 分 \d+ 秒|\d+ 分钟|\d+ 秒)", badge.get_text()), badge.get_text()
        body = page.select_one(f'.answer-body[data-answer="{answer.id}"]')
        assert int(badge["data-seconds"]) == estimate_seconds(
            " ".join(t for t in body.find_all(string=True)
                     if not t.find_parent(class_="admonition")), 220), answer.id


def test_public_self_intro_is_within_one_to_two_minutes(site):
    badge = site.page("opening/").select_one('.answer-tools[data-answer="self-intro"] .speaking-time')
    assert SELF_INTRO_RANGE[0] <= int(badge["data-seconds"]) <= SELF_INTRO_RANGE[1]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_short_self_intro_fails_the_build_naming_the_estimate(project):
    # Drop the list of skills: what is left takes well under a minute.
    _edit(project / "docs/opening.md",
          "{% for skill in me.skills -%}\n{{ loop.index }}. {{ skill }}\n{% endfor %}", "")
    result = build(project)
    assert not result.ok
    m = re.search(r"opening\.md: the self-introduction \(answer 'self-intro'\) takes (约 [^(]+) \((\d+) s\)"
                  r" to say, shorter than the 60–120 s", result.log)
    assert m, result.log
    assert int(m.group(2)) < 60


def test_a_long_self_intro_fails_the_build_naming_the_estimate(project):
    _edit(project / "docs/opening.md", "感谢您的聆听，期待有机会进一步交流。谢谢！",
          "我在项目中负责需求分析、方案设计、模型训练与线上部署，推动了多个业务指标的提升。" * 8
          + "\n\n感谢您的聆听，期待有机会进一步交流。谢谢！")
    result = build(project)
    assert not result.ok
    m = re.search(r"takes (约 [^(]+) \((\d+) s\) to say, longer than the 60–120 s", result.log)
    assert m, result.log
    assert int(m.group(2)) > 120


def test_a_bad_rate_stops_the_build_naming_the_key(project):
    _edit(project / "mkdocs.yml", "chars_per_minute: 220", "chars_per_minute: fast")
    result = build(project)
    assert not result.ok
    assert "extra.speaking.chars_per_minute must be a positive number" in result.log
    assert "'fast'" in result.log


def test_a_slower_rate_changes_the_shown_time(project):
    _edit(project / "mkdocs.yml", "chars_per_minute: 220", "chars_per_minute: 200")
    result = build(project)
    assert result.ok, result.log
    badge = result.page("ask/").select_one(".speaking-time")
    assert "每分钟 200 字" in badge["title"]


def test_readme_states_the_public_self_intro_estimate(site):
    from conftest import ROOT
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stated = re.search(r"self-introduction takes about (\d+) s", readme)
    assert stated, "README should state the public self-introduction's estimate"
    badge = site.page("opening/").select_one('.answer-tools[data-answer="self-intro"] .speaking-time')
    assert int(stated.group(1)) == int(badge["data-seconds"])
