"""The handbook's settings in mkdocs.yml and the self-introduction's length,
in real builds: a bad value stops the build naming the key; a self-intro
outside 60–120 s is a warning, which --strict turns into a failure."""

from __future__ import annotations

import json
import re

import pytest

from conftest import build, edit


def test_the_short_name_goes_under_the_icon(site):
    assert json.loads(site.text("manifest.webmanifest"))["short_name"] == "面试速查"
    assert site.page().select_one('meta[name="apple-mobile-web-app-title"]')["content"] == "面试速查"


@pytest.mark.parametrize(("old", "new", "message"), [
    ("chars_per_minute: 220", "chars_per_minute: fast",
     "mkdocs.yml: extra.speaking.chars_per_minute must be a positive number of Chinese characters spoken "
     "per minute (for example 220), got 'fast'"),
    ("chars_per_minute: 220", "chars_per_minute: 0", "chars_per_minute must be a positive number"),
    ("chars_per_minute: 220", "chars_per_minte: 220", "extra.speaking has unknown key(s) ['chars_per_minte']"),
    ("app_short_name: 面试速查", 'app_short_name: ""', "mkdocs.yml: extra.app_short_name must be a short text"),
    ("app_short_name: 面试速查", "app_short_name: [面试]", "extra.app_short_name must be a short text"),
])
def test_a_bad_setting_stops_the_build_naming_the_key(project, old, new, message):
    edit(project / "mkdocs.yml", old, new)
    result = build(project)
    assert not result.ok
    assert message in result.log


def test_a_slower_rate_changes_every_shown_time(project, site):
    edit(project / "mkdocs.yml", "chars_per_minute: 220", "chars_per_minute: 200")
    result = build(project)
    assert result.ok, result.log
    fast = site.page("ask/").select_one(".speaking-time")
    slow = result.page("ask/").select_one(".speaking-time")
    assert "每分钟 200 字" in slow["title"]
    assert abs(int(slow["data-seconds"]) - int(fast["data-seconds"]) * 220 / 200) <= 1


SKILLS = "{% for skill in me.skills -%}\n{{ loop.index }}. {{ skill }}\n{% endfor %}"
CLOSING = "感谢您的聆听，期待有机会进一步交流。谢谢！"
LONG = "我在项目中负责需求分析、方案设计、模型训练与线上部署，推动了多个业务指标的提升。" * 8


@pytest.mark.parametrize(("old", "new", "side"), [
    (SKILLS, "", "shorter"),  # without the list of skills it takes well under a minute
    (CLOSING, LONG + "\n\n" + CLOSING, "longer"),
])
def test_a_self_intro_outside_one_to_two_minutes_fails_the_strict_build(project, old, new, side):
    edit(project / "docs" / "opening.md", old, new)
    result = build(project)
    assert not result.ok
    found = re.search(r"WARNING +-  opening\.md: the self-introduction \(answer 'self-intro'\) takes "
                      rf"(约 [^(]+) \((\d+) s\) to say, {side} than the 60–120 s it should take", result.log)
    assert found, result.log
    seconds = int(found.group(2))
    assert (seconds < 60) if side == "shorter" else (seconds > 120)
    assert "Aborted with 1 warnings in strict mode" in result.log


def test_without_strict_a_short_self_intro_only_warns(project):
    edit(project / "docs" / "opening.md", SKILLS, "")
    result = build(project, strict=False)
    assert result.ok, result.log
    assert "shorter than the 60–120 s" in result.log
