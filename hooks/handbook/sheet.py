"""MkDocs hook: the 全部答案 page shows every answer of every page, to read in
one go or print on a few A4 sheets (docs/assets/stylesheets/print.css).

docs/all.md calls the macro `{{ all_answers() }}` (hooks/macros.py), which
writes, for each page of the manifest that holds answers, its title as a
heading and an empty slot:

    <div class="all-answers-slot" data-source="opening.md"></div>

After every page is rendered (and checked by hooks/sections.py) on_env fills
each slot with that page's rendered content: the very same HTML, profile
values and placeholders included, not a copy of its source. Ids in the copy
get an `all-` prefix, so an answer's id (its share link) stays unique in the
site; its heading's link points to the answer's own page.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from manifest import Manifest

log = logging.getLogger("mkdocs.hooks.print_sheet")

SLOT = re.compile(r'<div class="all-answers-slot" data-source="([^"]+)"></div>')
H1 = re.compile(r"<h1\b[^>]*>.*?</h1>", re.S)
ID = re.compile(r'\bid="([^"]+)"')
HEADERLINK = re.compile(r'<a class="headerlink" href="#([^"]+)"')
SAME_PAGE_LINK = re.compile(r'href="#([^"]+)"')
PREFIX = "all-"


# -- pure helpers ------------------------------------------------------------

def sheet_markdown(manifest: Manifest) -> str:
    """The Markdown of the macro: per page with answers, a heading and a slot."""
    parts = []
    for page in manifest.pages:
        if not page.answers:
            continue
        stem = page.file.removesuffix(".md")
        parts += [f"## {page.title} {{ #{PREFIX}{stem} }}", "",
                  f'<div class="all-answers-slot" data-source="{page.file}"></div>', ""]
    return "\n".join(parts)


def reuse(content: str, source_url: str) -> str:
    """A page's rendered content made fit to sit inside the sheet: no h1, ids
    prefixed, heading links pointing at the answer on its own page."""
    body = H1.sub("", content, count=1)
    body = HEADERLINK.sub(lambda m: f'<a class="headerlink" href="{source_url}#{m.group(1)}"', body)
    body = SAME_PAGE_LINK.sub(lambda m: f'href="#{PREFIX}{m.group(1)}"', body)
    return ID.sub(lambda m: f'id="{PREFIX}{m.group(1)}"', body)


def fill_slots(content: str, pages: Mapping[str, tuple[str, str]]) -> tuple[str, list[str]]:
    """Replace every slot with its page's content; `pages` maps a source file
    to (its content, its URL relative to the sheet). (new content, problems)."""
    problems: list[str] = []

    def one(m: re.Match) -> str:
        src = m.group(1)
        if src not in pages:
            problems.append(f"all_answers(): page {src!r} of hooks/answers.yml was not built")
            return ""
        return f'<div class="all-answers-page" data-source="{src}">{reuse(*pages[src])}</div>'

    return SLOT.sub(one, content), problems


# -- MkDocs events -------------------------------------------------------------

@event_priority(-50)  # after hooks/sections.py has checked the pages as written
def on_env(env, config: MkDocsConfig, files: Files):
    pages = {f.src_uri: f.page for f in files.documentation_pages() if f.page}
    contents = {src: page.content or "" for src, page in pages.items()}
    problems = []
    for src, page in pages.items():
        if not SLOT.search(contents[src]):
            continue
        sources = {other: (contents[other], get_relative_url(p.url, page.url))
                   for other, p in pages.items() if other != src}
        page.content, found = fill_slots(contents[src], sources)
        problems += [f"{src}: {p}" for p in found]
        log.debug("%s: filled with every answer", src)
    if problems:
        raise PluginError("The answer sheet could not be built:\n  - " + "\n  - ".join(problems))
    return env
