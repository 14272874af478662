"""MkDocs hook: the estimated speaking time of every answer, and the
self-introduction's 1–2 minute check.

The estimate is computed from the rendered `.answer-body` of each answer
(marked up by hooks/answer_markup.py), without the approach box
(`.admonition`: 思路/报价公式/还价公式 are notes, not spoken), and shown in
the answer's `.answer-tools` bar, e.g. 约 1 分 20 秒.

How text becomes time
  * every Chinese character (CJK ideograph) counts as one character;
  * every Latin word or number ("AI", "Agent", "offer", "15", "3.5", "25K")
    counts as WORD_CHARS = 2 characters: a short term or a number embedded in
    Chinese speech takes about two syllables (AI → "ei-ai", 15 → 十五);
  * punctuation, spaces and symbols count as nothing.
  seconds = (characters + 2 × words) ÷ chars_per_minute × 60

The rate comes from mkdocs.yml, `extra: speaking: chars_per_minute:`
(default 220, a calm interview pace); anything but a positive number stops
the build with a message naming the key.

The self-introduction (answer id `self-intro`) must take 60–120 s: outside
that range the build warns on `mkdocs.hooks.speaking`, which fails a
`--strict` build, naming the estimate.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from answer_markup import add_tool
from manifest import load_manifest

log = logging.getLogger("mkdocs.hooks.speaking")

DEFAULT_CHARS_PER_MINUTE = 220
WORD_CHARS = 2
SELF_INTRO = "self-intro"
SELF_INTRO_RANGE = (60, 120)  # seconds: "时间控制在 1～2 分钟"
RATE_KEY = "extra.speaking.chars_per_minute"

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
WORD = re.compile(r"[A-Za-z0-9\uff10-\uff19]+(?:[.'’\-][A-Za-z0-9\uff10-\uff19]+)*")


# -- pure helpers ------------------------------------------------------------

def speaking_rate(extra: Mapping[str, Any] | None) -> float:
    """Characters per minute from mkdocs.yml's `extra`; raise PluginError when unusable."""
    speaking = (extra or {}).get("speaking")
    if speaking is None:
        return float(DEFAULT_CHARS_PER_MINUTE)
    if not isinstance(speaking, Mapping):
        raise PluginError(f"mkdocs.yml: extra.speaking must be a mapping such as "
                          f"'speaking: {{chars_per_minute: 220}}', got {speaking!r}")
    rate = speaking.get("chars_per_minute", DEFAULT_CHARS_PER_MINUTE)
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not math.isfinite(rate) or rate <= 0:
        raise PluginError(f"mkdocs.yml: {RATE_KEY} must be a positive number of Chinese characters "
                          f"spoken per minute (for example 220), got {rate!r}")
    return float(rate)


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


class _AnswerText(HTMLParser):
    """Collects the text of each `.answer-body[data-answer]`, skipping `.admonition` boxes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: dict[str, list[str]] = {}
        self.current: str | None = None
        self.depth = 0         # open <div>s inside the current body
        self.skip_depth = 0    # open <div>s inside an admonition (0: not in one)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "div":
            return
        classes = (dict(attrs).get("class") or "").split()
        if self.current is None:
            if "answer-body" in classes:
                self.current = dict(attrs).get("data-answer") or ""
                self.texts.setdefault(self.current, [])
                self.depth = 1
            return
        self.depth += 1
        if self.skip_depth:
            self.skip_depth += 1
        elif "admonition" in classes:
            self.skip_depth = 1

    def handle_endtag(self, tag: str) -> None:
        if tag != "div" or self.current is None:
            return
        self.depth -= 1
        if self.skip_depth:
            self.skip_depth -= 1
        if self.depth == 0:
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is not None and not self.skip_depth:
            self.texts[self.current].append(data)


def spoken_texts(content: str) -> dict[str, str]:
    """answer id → the text spoken aloud (its body without the approach box)."""
    parser = _AnswerText()
    parser.feed(content)
    parser.close()
    return {ident: " ".join(parts) for ident, parts in parser.texts.items()}


def time_badge(seconds: int, chars_per_minute: float) -> str:
    shown = format_duration(seconds)
    rate = f"{chars_per_minute:g}"
    return (f'<span class="speaking-time" data-seconds="{seconds}" '
            f'title="按每分钟 {rate} 字的语速估算，思路框不计入">'
            f'<span class="speaking-time__label">说完</span>{shown}</span>')


def self_intro_problem(seconds: int) -> str | None:
    low, high = SELF_INTRO_RANGE
    if low <= seconds <= high:
        return None
    side = "shorter" if seconds < low else "longer"
    return (f"the self-introduction (answer '{SELF_INTRO}') takes {format_duration(seconds)} "
            f"({seconds} s) to say, {side} than the {low}–{high} s it should take; "
            f"{'lengthen' if seconds < low else 'shorten'} it on its page")


# -- MkDocs events -----------------------------------------------------------

def on_config(config: MkDocsConfig) -> MkDocsConfig:
    speaking_rate(config.extra)  # fail fast on a bad rate
    return config


def on_page_content(html: str, page: Page, config: MkDocsConfig, files) -> str:
    ids = {a.id for a in load_manifest().answers_on(page.file.src_uri)}
    if not ids:
        return html
    rate = speaking_rate(config.extra)
    for ident, text in spoken_texts(html).items():
        if ident not in ids or sum(count_units(text)) == 0:
            continue  # nothing to say: no badge (an empty answer fails hooks/sections.py)
        seconds = estimate_seconds(text, rate)
        html = add_tool(html, ident, time_badge(seconds, rate))
        if ident == SELF_INTRO:
            problem = self_intro_problem(seconds)
            if problem:
                log.warning("%s: %s", page.file.src_uri, problem)
    return html
