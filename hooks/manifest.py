"""The manifest of required answers (hooks/answers.yml), as typed data.

Read by the section-check hook, the macros module (headings, home page list)
and the tests: the one list of answers in the project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

MANIFEST_FILE = Path(__file__).with_name("answers.yml")
ANSWER_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
# Parts an answer may be required to hold (answers[].requires), with the
# heading the page gives each: `### 依据 { #<id>-basis }` followed by a list.
PARTS = {"basis": "依据"}


class ManifestError(ValueError):
    """The manifest file itself is malformed."""


@dataclass(frozen=True)
class Answer:
    id: str
    title: str
    page: str  # Markdown file under docs/, e.g. "opening.md"
    requires: tuple[str, ...] = ()  # names out of PARTS

    def part_id(self, part: str) -> str:
        """The fixed id of one required part's heading, e.g. "layoff-basis"."""
        return f"{self.id}-{part}"

    @property
    def url(self) -> str:
        """Link to the answer relative to docs/, e.g. "opening.md#motivation"."""
        return f"{self.page}#{self.id}"


@dataclass(frozen=True)
class Page:
    file: str
    title: str
    answers: tuple[Answer, ...]


@dataclass(frozen=True)
class Manifest:
    pages: tuple[Page, ...]

    @property
    def answers(self) -> tuple[Answer, ...]:
        return tuple(a for p in self.pages for a in p.answers)

    def answers_on(self, page: str) -> tuple[Answer, ...]:
        """The answers the manifest places on one page (its src_uri, e.g. "salary.md")."""
        return tuple(a for a in self.answers if a.page == page)

    def answer(self, answer_id: str) -> Answer:
        for answer in self.answers:
            if answer.id == answer_id:
                return answer
        known = ", ".join(a.id for a in self.answers)
        raise KeyError(f"unknown answer id {answer_id!r} (known ids: {known})")


def parse_manifest(data: object, source: str = "answers.yml") -> Manifest:
    """Turn the YAML structure into a Manifest; raise naming every problem."""
    if not isinstance(data, dict) or not isinstance(data.get("pages"), list):
        raise ManifestError(f"{source}: expected a mapping with a 'pages' list")
    problems: list[str] = []
    pages: list[Page] = []
    seen: set[str] = set()
    for i, raw in enumerate(data["pages"]):
        if not isinstance(raw, dict) or not {"file", "title"} <= raw.keys():
            problems.append(f"pages[{i}] needs 'file' and 'title'")
            continue
        answers: list[Answer] = []
        for j, item in enumerate(raw.get("answers") or []):
            where = f"pages[{i}].answers[{j}]"
            if not isinstance(item, dict) or not {"id", "title"} <= item.keys():
                problems.append(f"{where} needs 'id' and 'title'")
                continue
            answer_id = str(item["id"])
            if not ANSWER_ID.match(answer_id):
                problems.append(f"{where}: id {answer_id!r} must be lowercase ASCII words joined by '-'")
            if answer_id in seen:
                problems.append(f"{where}: id {answer_id!r} is listed twice")
            seen.add(answer_id)
            requires = item.get("requires") or []
            if not isinstance(requires, list) or not set(map(str, requires)) <= PARTS.keys():
                problems.append(f"{where}: requires {requires!r} must be a list out of {sorted(PARTS)}")
                requires = []
            answers.append(Answer(answer_id, str(item["title"]), str(raw["file"]),
                                  tuple(map(str, requires))))
        pages.append(Page(str(raw["file"]), str(raw["title"]), tuple(answers)))
    if problems:
        raise ManifestError(f"{source}: " + "; ".join(problems))
    return Manifest(tuple(pages))


def load_manifest(path: Path = MANIFEST_FILE) -> Manifest:
    with open(path, encoding="utf-8") as fh:
        return parse_manifest(yaml.safe_load(fh), source=str(path))
