"""An address per answer: `<site>/a/<id>/`, a tiny static page (a stub) that
a chat app's link preview reads (the question as title, its gist as
description, the site's icon) and that takes a reader on to the answer.

Why a stub: a preview is fetched without the URL fragment, so `salary/#id`
would preview as the page. The stub names one answer and redirects with
`<meta http-equiv="refresh">` (no script, relative: right under a sub-path
and offline) to `../../<page>/#<id>`.

An address, once published, must keep working: data/published.yml lists
every answer id ever published. The build fails when an id of the manifest
is not listed (publish it: add it) or a listed id left the manifest without
being retired. A retired id keeps its stub, redirecting to the page (or the
answer) that replaced it, so a link already pasted into a chat never dies.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .model import Manifest, Record
from .profile import read_mapping

STUB_DIR = "a"            # the stubs live at <site>/a/<id>/
PUBLISHED_FILE = "published.yml"
GIST_CHARS = 90           # a preview card shows two or three lines
SENTENCE_END = re.compile(r"(?<=[。！？；])")


class AddressError(ValueError):
    """published.yml is malformed or disagrees with the manifest."""


@dataclass(frozen=True)
class Published:
    ids: tuple[str, ...]
    retired: dict[str, str]  # id → what its stub now opens: an answer id or a page file of the manifest


def stub_url(answer_id: str) -> str:
    """The stub's URL relative to the site root, e.g. "a/layoff/"."""
    return f"{STUB_DIR}/{answer_id}/"


def absolute(site_url: str | None, rel: str) -> str | None:
    """`rel` (relative to the site root) as an absolute address, or None without a site_url."""
    return f"{site_url.rstrip('/')}/{rel}" if site_url else None


def answer_address(site_url: str | None, answer_id: str) -> str | None:
    """The absolute address 复制链接 copies, or None without a site_url."""
    return absolute(site_url, stub_url(answer_id))


def parse_published(data: object, source: str) -> Published:
    if not isinstance(data, dict) or not isinstance(data.get("ids"), list):
        raise AddressError(f"{source}: expected a mapping with an 'ids' list (every published answer id)")
    ids = data["ids"]
    if not all(isinstance(i, str) for i in ids):
        raise AddressError(f"{source}: 'ids' must be a list of answer ids")
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise AddressError(f"{source}: id(s) listed twice: {', '.join(twice)}")
    retired = data.get("retired") or {}
    if not isinstance(retired, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                for k, v in retired.items()):
        raise AddressError(f"{source}: 'retired' must map an old id to an answer id or a page file "
                           "(e.g. old-id: salary.md)")
    return Published(tuple(ids), dict(retired))


def load_published(path: Path) -> Published:
    return parse_published(read_mapping(path, AddressError, "it lists every published answer address"), str(path))


def problems(published: Published, manifest: Manifest, source: str) -> list[str]:
    """Every way the published addresses and the manifest disagree."""
    live = [a.id for a in manifest.answers]
    pages = {p.file for p in manifest.pages}
    found = []
    for answer_id in live:
        if answer_id not in published.ids:
            found.append(f"{source}: answer {answer_id!r} is not published yet: add '- {answer_id}' "
                         "under ids (its address a/<id>/ is then kept for good)")
        if answer_id in published.retired:
            found.append(f"{source}: {answer_id!r} is retired but still an answer of answers.yml")
    for answer_id in published.ids:
        if answer_id not in live and answer_id not in published.retired:
            found.append(f"{source}: answer {answer_id!r} was published but is no longer in answers.yml; "
                         "its address would die: put it back, or retire it under 'retired' with the "
                         f"answer id or page file its link should open (e.g. {answer_id}: salary.md)")
    for answer_id, target in published.retired.items():
        if answer_id not in published.ids:
            found.append(f"{source}: retired {answer_id!r} is not listed under ids")
        if target not in live and target not in pages:
            found.append(f"{source}: retired {answer_id!r} opens {target!r}, which is neither an answer id "
                         "nor a page file of answers.yml")
    return found


def gist(record: Record) -> str:
    """What a preview says under the question: the answer's approach (思路),
    else its spoken text, cut after the last whole sentence that fits."""
    text = " ".join((record.approach[0] if record.approach else record.spoken).split())
    if len(text) <= GIST_CHARS:
        return text
    kept = ""
    for sentence in SENTENCE_END.split(text):
        if len(kept) + len(sentence) > GIST_CHARS:
            break
        kept += sentence
    return kept or text[:GIST_CHARS - 1] + "…"


@dataclass(frozen=True)
class Stub:
    id: str
    title: str         # the question (or, retired, what it now opens)
    description: str
    target: str        # relative to the site root, e.g. "salary/#expected-salary"

    @property
    def file(self) -> str:
        return stub_url(self.id) + "index.html"

    @property
    def redirect(self) -> str:
        """The target relative to the stub itself: a sub-path keeps working."""
        return "../../" + self.target


def stubs(published: Published, manifest: Manifest, records: Mapping[str, Record],
          page_urls: Mapping[str, str], site_description: str) -> list[Stub]:
    """One stub per published id: live answers from their records, retired
    ones pointing where published.yml says."""
    found = []
    for answer_id in published.ids:
        record = records.get(answer_id)
        if record is not None:
            found.append(Stub(answer_id, record.answer.title, gist(record),
                              f"{page_urls[record.page]}#{answer_id}"))
            continue
        target = published.retired[answer_id]
        if target in records:
            replacement = records[target]
            found.append(Stub(answer_id, replacement.answer.title, gist(replacement),
                              f"{page_urls[replacement.page]}#{target}"))
        else:
            page = next(p for p in manifest.pages if p.file == target)
            found.append(Stub(answer_id, page.title, site_description, page_urls[target]))
    return found
