"""The site check: every answer of the manifest exists once, on its page,
with a body and its required parts; no page publishes a leftover placeholder,
raw template syntax, a macros error or a position-numbered heading id.

It reads the records and page texts of the Markdown stage and the pages'
tables of contents; all pages are checked at once, so one failed build names
every problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from .answers import PageResult
from .model import PARTS, Manifest
from .speaking import SELF_INTRO, self_intro_problem, speaking_time

LEFTOVERS = {
    "placeholder [xxx]": re.compile(r"\[\s*x{2,}\s*\]", re.I),
    "placeholder XX": re.compile(r"(?<![A-Za-z])X{2,}(?![A-Za-z])"),
    "placeholder X万": re.compile(r"(?<![A-Za-z])X万"),
    "template syntax {{": re.compile(r"\{\{"),
    "template syntax {%": re.compile(r"\{%"),
    "macros error page": re.compile(r"Macro (Syntax|Rendering) Error"),
}
POSITION_ID = re.compile(r"^_\d+$")


def answer_problems(results: Sequence[PageResult], manifest: Manifest) -> list[str]:
    """Missing, misplaced, doubled or empty answers, and missing parts."""
    problems = [f"{r.page.src}: {p}" for r in results for p in r.problems]
    seen: dict[str, list[str]] = {}
    for result in results:
        for record in result.records:
            seen.setdefault(record.id, []).append(result.page.src)
    records = {rec.id: rec for r in results for rec in r.records}
    for answer in manifest.answers:
        label = f"answer '{answer.id}' ({answer.title})"
        where = seen.get(answer.id, [])
        if not where:
            problems.append(f"{label} is missing: write '/// answer | {answer.id}' … '///' on {answer.page}")
            continue
        if len(where) > 1:
            problems.append(f"{label} appears {len(where)} times ({', '.join(where)}); an answer is written once")
        if answer.page not in where:
            problems.append(f"{label} is on {where[0]}, but the manifest places it on {answer.page}")
            continue
        record = records[answer.id]
        if not record.spoken:
            problems.append(f"{label} on {answer.page} has an empty body")
        for part in answer.requires:
            name = PARTS[part]
            if part not in record.parts:
                problems.append(f"{label} on {answer.page} has no {name} list: add a '/// {part}' block "
                                "inside the answer, holding a list")
            elif not record.parts[part]:
                problems.append(f"{label} on {answer.page} has an empty {name} list "
                                f"(#{answer.part_id(part)}): it needs at least one list item")
    return problems


def leftover_problems(src: str, text: str) -> list[str]:
    problems = []
    for what, pattern in LEFTOVERS.items():
        m = pattern.search(text)
        if m:
            snippet = text[max(0, m.start() - 15): m.end() + 15]
            problems.append(f"{src}: leftover {what} in “…{snippet}…”")
    return problems


def toc_ids(toc: Iterable) -> list[str]:
    """Every heading id of a page's table of contents (MkDocs' TableOfContents)."""
    ids = []
    for item in toc:
        ids.append(item.id)
        ids += toc_ids(item.children)
    return ids


def position_id_problems(src: str, ids: Iterable[str]) -> list[str]:
    return [f"{src}: heading id '{i}' is position-numbered; give the heading an explicit "
            f"{{ #id }} or words that make a readable id" for i in ids if POSITION_ID.match(i)]


def site_problems(results: Sequence[PageResult], manifest: Manifest,
                  heading_ids: Mapping[str, Iterable[str]]) -> list[str]:
    problems = answer_problems(results, manifest)
    for result in results:
        problems += leftover_problems(result.page.src, result.text)
    for src, ids in heading_ids.items():
        problems += position_id_problems(src, ids)
    return problems


def speaking_warnings(results: Sequence[PageResult], chars_per_minute: float) -> list[str]:
    """The self-introduction outside 60–120 s (a warning: --strict fails on it)."""
    warnings = []
    for result in results:
        for record in result.records:
            if record.id != SELF_INTRO:
                continue
            estimate = speaking_time(record.spoken, chars_per_minute)
            problem = estimate and self_intro_problem(estimate.seconds)
            if problem:
                warnings.append(f"{result.page.src}: {problem}")
    return warnings
