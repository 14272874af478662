"""What the browser tests know of the handbook: its manifest (the one list
of pages and answers, hooks/handbook/data/answers.yml), read from this
checkout, and the URL of each page."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "hooks") not in sys.path:
    sys.path.insert(0, str(ROOT / "hooks"))

from handbook.addresses import STUB_DIR  # noqa: E402
from handbook.model import Answer, Page, load_manifest  # noqa: E402
from handbook.profile import load_fields  # noqa: E402

MANIFEST = load_manifest(ROOT / "hooks" / "handbook" / "data" / "answers.yml")
FIELDS = load_fields(ROOT / "hooks" / "handbook" / "data" / "profile_fields.yml")
LABELS = {key: spec.label for key, spec in FIELDS.items()}


def url_of(page: Page | str) -> str:
    """A page's URL relative to the site root: "opening/", "" for the home page."""
    file = page if isinstance(page, str) else page.file
    return "" if file == "index.md" else file.removesuffix(".md") + "/"


def answer_url(answer: Answer) -> str:
    return f"{url_of(answer.page)}#{answer.id}"


# Every page a reader can open: the home page, the topic pages, 全部答案.
PAGES = [""] + [url_of(p) for p in MANIFEST.pages]
TOPICS = [p for p in MANIFEST.pages if p.answers]
SHEET = MANIFEST.sheet


def name(url: str) -> str:
    """A page's name in test ids and screenshot files: "index", "opening"."""
    return url.strip("/") or "index"


def answers_shown_on(url: str) -> tuple[Answer, ...]:
    """The answers a page holds: its own, or every answer on 全部答案."""
    if SHEET is not None and url == url_of(SHEET):
        return MANIFEST.answers
    return next((p.answers for p in MANIFEST.pages if url_of(p) == url), ())


def page_urls(site_dir: Path) -> list[str]:
    """Every page of a built site, at any depth, but the search index folder
    and the answer addresses' stubs (a/<id>/, which redirect: test_share.py)."""
    urls = {p.parent.relative_to(site_dir).as_posix() + "/" for p in site_dir.rglob("index.html")}
    return sorted(("" if u == "./" else u) for u in urls if not u.startswith(("search/", STUB_DIR + "/")))
