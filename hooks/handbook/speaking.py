"""How long an answer takes to say, and the self-introduction's 1–2 minutes.

The estimate reads an answer's record: its spoken text, i.e. the body
without the approach boxes (思路/报价公式/还价公式 are notes, not spoken).

How text becomes time
  * every Chinese character (CJK ideograph) counts as one character;
  * every Latin word or number ("AI", "Agent", "offer", "15", "3.5", "25K")
    counts as WORD_CHARS = 2 characters: a short term or a number embedded in
    Chinese speech takes about two syllables (AI → "ei-ai", 15 → 十五);
  * punctuation, spaces and symbols count as nothing.
  seconds = (characters + 2 × words) ÷ chars_per_minute × 60

The rate is `extra.speaking.chars_per_minute` (handbook/settings.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WORD_CHARS = 2
SELF_INTRO = "self-intro"
SELF_INTRO_RANGE = (60, 120)  # seconds: "时间控制在 1～2 分钟"

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
WORD = re.compile(r"[A-Za-z0-9\uff10-\uff19]+(?:[.'’\-][A-Za-z0-9\uff10-\uff19]+)*")


@dataclass(frozen=True)
class SpeakingTime:
    seconds: int
    shown: str             # 约 1 分 20 秒
    chars_per_minute: float

    @property
    def rate(self) -> str:
        return f"{self.chars_per_minute:g}"


def count_units(text: str) -> tuple[int, int]:
    """(Chinese characters, Latin words and numbers) in a text."""
    return len(HAN.findall(text)), len(WORD.findall(text))


def estimate_seconds(text: str, chars_per_minute: float) -> int:
    """Whole seconds it takes to say `text` at the given rate."""
    chars, words = count_units(text)
    return round((chars + WORD_CHARS * words) * 60 / chars_per_minute)


def format_duration(seconds: int) -> str:
    """约 45 秒 / 约 1 分 20 秒 / 约 2 分钟, to the nearest 5 seconds."""
    seconds = max(5, 5 * round(seconds / 5))
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"约 {rest} 秒"
    if not rest:
        return f"约 {minutes} 分钟"
    return f"约 {minutes} 分 {rest} 秒"


def speaking_time(text: str, chars_per_minute: float) -> SpeakingTime | None:
    """The estimate for a text; None when it holds nothing to say."""
    if sum(count_units(text)) == 0:
        return None
    seconds = estimate_seconds(text, chars_per_minute)
    return SpeakingTime(seconds, format_duration(seconds), chars_per_minute)


def self_intro_problem(seconds: int) -> str | None:
    low, high = SELF_INTRO_RANGE
    if low <= seconds <= high:
        return None
    side = "shorter" if seconds < low else "longer"
    return (f"the self-introduction (answer '{SELF_INTRO}') takes {format_duration(seconds)} "
            f"({seconds} s) to say, {side} than the {low}–{high} s it should take; "
            f"{'lengthen' if seconds < low else 'shorten'} it on its page")
