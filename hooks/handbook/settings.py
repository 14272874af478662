"""The handbook's settings in mkdocs.yml, typed and validated in one place.

    extra:
      app_short_name: 面试速查      # under the icon on a phone's home screen
      speaking:
        chars_per_minute: 220       # speaking-time estimate of each answer

A bad value stops the build with a message naming the key.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

DEFAULT_CHARS_PER_MINUTE = 220.0


class SettingsError(ValueError):
    """A handbook setting in mkdocs.yml has a value the build cannot use."""


@dataclass(frozen=True)
class Settings:
    site_name: str
    site_description: str
    app_short_name: str
    chars_per_minute: float


def _rate(extra: Mapping[str, Any]) -> float:
    speaking = extra.get("speaking")
    if speaking is None:
        return DEFAULT_CHARS_PER_MINUTE
    if not isinstance(speaking, Mapping):
        raise SettingsError("mkdocs.yml: extra.speaking must be a mapping such as "
                            f"'speaking: {{chars_per_minute: 220}}', got {speaking!r}")
    unknown = sorted(set(speaking) - {"chars_per_minute"})
    if unknown:
        raise SettingsError(f"mkdocs.yml: extra.speaking has unknown key(s) {unknown}; "
                            "the only key is chars_per_minute")
    rate = speaking.get("chars_per_minute", DEFAULT_CHARS_PER_MINUTE)
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not math.isfinite(rate) or rate <= 0:
        raise SettingsError("mkdocs.yml: extra.speaking.chars_per_minute must be a positive number "
                            f"of Chinese characters spoken per minute (for example 220), got {rate!r}")
    return float(rate)


def _short_name(extra: Mapping[str, Any], site_name: str) -> str:
    value = extra.get("app_short_name")
    if value is None:
        return site_name
    if not isinstance(value, str) or not value.strip():
        raise SettingsError("mkdocs.yml: extra.app_short_name must be a short text (the name under "
                            f"the icon on a phone's home screen, e.g. 面试速查), got {value!r}")
    return value.strip()


def read_settings(site_name: str, site_description: str | None, extra: Mapping[str, Any] | None) -> Settings:
    extra = extra or {}
    return Settings(site_name=site_name, site_description=site_description or "",
                    app_short_name=_short_name(extra, site_name), chars_per_minute=_rate(extra))
