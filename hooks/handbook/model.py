"""The handbook's data: the manifest of answers (data/answers.yml) and the
record the build keeps of every answer it renders.

The manifest is the one list of answers in the project: the navigation, the
home page's list, the site check, the 全部答案 page and the tests read it.
A record is what the Markdown stage learnt about one answer on its page;
every later stage (checks, speaking time, jump list, sheet, share) reads
records, never another stage's HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).with_name("data")
MANIFEST_FILE = DATA_DIR / "answers.yml"
ANSWER_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
# Parts an answer may be required to hold (answers[].requires), each written
# as a block of that name inside the answer, with the heading it shows.
PARTS = {"basis": "依据"}


class ManifestError(ValueError):
    """The manifest file itself is malformed."""


@dataclass(frozen=True)
class Answer:
    id: str
    title: str
    page: str  # Markdown file under docs/, e.g. "opening.md"
    requires: tuple[str, ...] = ()  # names out of PARTS
    keywords: tuple[str, ...] = ()  # words a reader may search by

    def part_id(self, part: str) -> str:
        """The fixed id of one part's heading, e.g. "layoff-basis"."""
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
    sheet: bool = False  # the 全部答案 page: every answer of the other pages


@dataclass(frozen=True)
class Manifest:
    pages: tuple[Page, ...]

    @property
    def answers(self) -> tuple[Answer, ...]:
        return tuple(a for p in self.pages for a in p.answers)

    @property
    def sheet(self) -> Page | None:
        return next((p for p in self.pages if p.sheet), None)

    def answers_on(self, page: str) -> tuple[Answer, ...]:
        """The answers the manifest places on one page (its src_uri, e.g. "salary.md")."""
        return tuple(a for a in self.answers if a.page == page)

    def find(self, answer_id: str) -> Answer | None:
        return next((a for a in self.answers if a.id == answer_id), None)

    def answer(self, answer_id: str) -> Answer:
        found = self.find(answer_id)
        if found is None:
            known = ", ".join(a.id for a in self.answers)
            raise KeyError(f"unknown answer id {answer_id!r} (known ids: {known})")
        return found


@dataclass(frozen=True)
class ProfileValue:
    """A profile value as an answer shows it at build time."""

    key: str     # the field's key, e.g. "name", "projects.0"
    text: str    # what the build shows: the value, or its 〔label〕 placeholder
    unset: bool  # True: text is the placeholder
    unit: str = ""  # a number field's unit: profile.js shows a reader's number with it


@dataclass(frozen=True)
class Record:
    """One answer as the build rendered it on its page."""

    answer: Answer
    page: str            # src_uri of the page it was rendered on
    url: str             # the page's URL relative to the site root, e.g. "salary/"
    spoken: str          # the text said aloud: the body without the approach boxes
    approach: tuple[str, ...] = ()   # text of each approach box (思路, 报价公式 …)
    parts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # part → its list items
    values: tuple[ProfileValue, ...] = ()  # the profile values in the answer, in reading order

    @property
    def id(self) -> str:
        return self.answer.id


def _strings(value: object, where: str, problems: list[str]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"{where} must be a list of text items")
        return ()
    empty = [i for i, v in enumerate(value) if not v.strip()]
    if empty:
        problems.append(f"{where} has an empty item (position {empty[0] + 1})")
    items = [v.strip() for v in value if v.strip()]
    twice = sorted({v for v in items if items.count(v) > 1})
    if twice:
        problems.append(f"{where} lists {', '.join(map(repr, twice))} twice")
    return tuple(dict.fromkeys(items))


def shared_keywords(pages: list[Page]) -> list[str]:
    """A search keyword ranks one answer first: the keywords two answers share."""
    owners: dict[str, list[str]] = {}
    for answer in (a for p in pages for a in p.answers):
        for keyword in answer.keywords:
            owners.setdefault(keyword.lower(), []).append(answer.id)
    return [f"keyword {k!r} is listed by answers {' and '.join(ids)}: keep it in one of them"
            for k, ids in owners.items() if len(ids) > 1]


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
            where = f"{where} ({answer_id})"
            if not ANSWER_ID.match(answer_id):
                problems.append(f"{where}: id {answer_id!r} must be lowercase ASCII words joined by '-'")
            if answer_id in seen:
                problems.append(f"{where}: id {answer_id!r} is listed twice")
            seen.add(answer_id)
            requires = item.get("requires") or []
            if not isinstance(requires, list) or not set(map(str, requires)) <= PARTS.keys():
                problems.append(f"{where}: requires {requires!r} must be a list out of {sorted(PARTS)}")
                requires = []
            keywords = _strings(item.get("keywords"), f"{where}: keywords", problems)
            answers.append(Answer(answer_id, str(item["title"]), str(raw["file"]),
                                  tuple(map(str, requires)), keywords))
        sheet = raw.get("sheet", False)
        if not isinstance(sheet, bool) or (sheet and answers):
            problems.append(f"pages[{i}]: sheet must be true or false, and a sheet page lists no answers")
        pages.append(Page(str(raw["file"]), str(raw["title"]), tuple(answers), sheet is True))
    problems += shared_keywords(pages)
    if sum(p.sheet for p in pages) > 1:
        problems.append("only one page may be the sheet (sheet: true)")
    if problems:
        raise ManifestError(f"{source}: " + "; ".join(problems))
    return Manifest(tuple(pages))


def load_manifest(path: Path = MANIFEST_FILE) -> Manifest:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        raise ManifestError(f"{path}: not valid YAML: {exc}") from None
    return parse_manifest(data, source=str(path))
