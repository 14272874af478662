"""The handbook's settings in mkdocs.yml (hooks/handbook/settings.py): typed
once, a bad value refused naming the key."""

import pytest

from handbook.settings import DEFAULT_CHARS_PER_MINUTE, SettingsError, read_settings


def settings(extra):
    return read_settings("面试问答速查", "描述", extra)


def test_defaults_without_any_setting():
    s = read_settings("面试问答速查", None, None)
    assert s.app_short_name == "面试问答速查" and s.site_description == ""
    assert s.chars_per_minute == DEFAULT_CHARS_PER_MINUTE == 220


def test_configured_values_are_read():
    s = settings({"app_short_name": " 面试速查 ", "speaking": {"chars_per_minute": 200.5}})
    assert s.app_short_name == "面试速查" and s.chars_per_minute == 200.5
    assert settings({"speaking": {}}).chars_per_minute == 220


@pytest.mark.parametrize("bad", [0, -5, "fast", True, None, float("nan"), float("inf"), [220]])
def test_chars_per_minute_must_be_a_positive_number(bad):
    with pytest.raises(SettingsError, match=r"mkdocs\.yml: extra\.speaking\.chars_per_minute must be a "
                                            r"positive number .* got " + repr(bad).replace("[", r"\[")):
        settings({"speaking": {"chars_per_minute": bad}})


def test_speaking_must_be_a_mapping_with_known_keys():
    with pytest.raises(SettingsError, match=r"extra\.speaking must be a mapping"):
        settings({"speaking": 220})
    with pytest.raises(SettingsError, match=r"extra\.speaking has unknown key\(s\) \['chars_per_minut'\]"):
        settings({"speaking": {"chars_per_minut": 200}})


@pytest.mark.parametrize("bad", ["", "   ", 42, ["面试"]])
def test_app_short_name_must_be_a_short_text(bad):
    with pytest.raises(SettingsError, match=r"mkdocs\.yml: extra\.app_short_name must be a short text"):
        settings({"app_short_name": bad})
