"""MkDocs hook: the navigation comes from the manifest, and the build fails when
a required answer is missing, empty or doubled or lacks a required part (its
依据 list), when a heading has a
position-numbered id, or when a page would publish a leftover placeholder,
raw template syntax or a macros error.

All pages are checked at once (on_env runs after every page is rendered and
before any is written), so one failed build names every problem.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Mapping

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from manifest import PARTS, Answer, Manifest, load_manifest

log = logging.getLogger("mkdocs.hooks.sections")

HEADING = re.compile(r"<h([1-6])\b([^>]*)>(.*?)</h\1>", re.S)
ID_ATTR = re.compile(r'\bid="([^"]*)"')
POSITION_ID = re.compile(r'\bid="(_\d+)"')
TAG = re.compile(r"<[^>]+>")
LIST_ITEM = re.compile(r"<li\b[^>]*>(.*?)</li>", re.S)
# Text a reader must never see: literal code and profile values are exempt.
EXEMPT = re.compile(
    r"<pre\b.*?</pre>|<code\b.*?</code>|<span class=\"pf[^\"]*\" data-profile=\"[^\"]*\">.*?</span>",
    re.S,
)
LEFTOVERS = {
    "placeholder [xxx]": re.compile(r"\[\s*x{2,}\s*\]", re.I),
    "placeholder XX": re.compile(r"(?<![A-Za-z])X{2,}(?![A-Za-z])"),
    "placeholder X万": re.compile(r"(?<![A-Za-z])X万"),
    "template syntax {{": re.compile(r"\{\{"),
    "template syntax {%": re.compile(r"\{%"),
}
# An answer's tools bar (hooks/answer_markup.py) holds controls, not answer
# text; like add_tool, this relies on the bar holding no nested <div>.
TOOLS_BAR = re.compile(r'<div class="answer-tools"[^>]*>.*?</div>', re.S)
# A macros error page is caught even inside code blocks. (A traceback in any
# output file is hooks/publish.py's leak check.)
ERROR_PAGE = re.compile(r"Macro (Syntax|Rendering) Error")


# -- pure helpers ------------------------------------------------------------

def headings(content: str) -> list[tuple[int, str, int, int]]:
    """(level, id, start, end) of every heading in rendered page HTML."""
    found = []
    for m in HEADING.finditer(content):
        ident = ID_ATTR.search(m.group(2))
        found.append((int(m.group(1)), ident.group(1) if ident else "", m.start(), m.end()))
    return found


def visible_text(fragment: str) -> str:
    return html.unescape(TAG.sub(" ", fragment)).strip()


def section_span(content: str, ident: str) -> tuple[int, int, int] | None:
    """(heading start, heading end, section end) of the heading with id
    `ident`: the section runs to the next heading of the same or a higher
    level; None when the heading is absent."""
    marks = headings(content)
    for i, (level, found, start, end) in enumerate(marks):
        if found == ident:
            stop = next((s for lv, _, s, _ in marks[i + 1:] if lv <= level), len(content))
            return start, end, stop
    return None


def section_body(content: str, answer_id: str) -> str | None:
    """Visible text between an answer's heading and the next heading of the
    same or a higher level, without its tools bar; None when the heading is absent."""
    span = section_span(content, answer_id)
    return None if span is None else visible_text(TOOLS_BAR.sub(" ", content[span[1]:span[2]]))


def part_problems(content: str, answer: Answer, label: str) -> list[str]:
    """Required parts (manifest `requires`) missing, misplaced or empty: each
    is a heading with the id `<answer>-<part>` inside the answer, followed by
    a list with at least one non-empty item."""
    problems = []
    outer = section_span(content, answer.id)
    for part in answer.requires:
        ident, name = answer.part_id(part), PARTS[part]
        span = section_span(content, ident)
        if span is None or outer is None or not outer[1] <= span[0] < outer[2]:
            problems.append(f"{label} on {answer.page} has no {name} list: add the heading "
                            f"'### {name} {{ #{ident} }}' inside the answer, followed by a list")
            continue
        items = [visible_text(i) for i in LIST_ITEM.findall(content[span[1]:span[2]])]
        if not any(items):
            problems.append(f"{label} on {answer.page} has an empty {name} list "
                            f"(#{ident}): it needs at least one list item")
    return problems


def answer_problems(pages: Mapping[str, str], manifest: Manifest) -> list[str]:
    """Missing, misplaced, doubled or empty answers."""
    problems = []
    for answer in manifest.answers:
        where = [(src, ident) for src, content in pages.items()
                 for _, ident, _, _ in headings(content) if ident == answer.id]
        label = f"answer '{answer.id}' ({answer.title})"
        if not where:
            problems.append(f"{label} is missing: no heading with id '{answer.id}' on {answer.page}")
            continue
        if len(where) > 1:
            places = ", ".join(src for src, _ in where)
            problems.append(f"{label} appears {len(where)} times ({places}); an id may appear once")
        if answer.page not in {src for src, _ in where}:
            problems.append(f"{label} is on {where[0][0]}, but the manifest places it on {answer.page}")
            continue
        if not section_body(pages[answer.page], answer.id):
            problems.append(f"{label} on {answer.page} has an empty body")
        problems.extend(part_problems(pages[answer.page], answer, label))
    return problems


def page_problems(src: str, content: str) -> list[str]:
    """Position-numbered ids and leftovers on one page."""
    problems = [f"{src}: heading id '{ident}' is position-numbered; give the heading an explicit "
                f"{{ #id }} or words that make a readable id" for ident in POSITION_ID.findall(content)]
    text = visible_text(EXEMPT.sub(" ", content))
    for what, pattern in LEFTOVERS.items():
        m = pattern.search(text)
        if m:
            snippet = text[max(0, m.start() - 15): m.end() + 15].replace("\n", " ")
            problems.append(f"{src}: leftover {what} in “…{snippet}…”")
    if ERROR_PAGE.search(visible_text(content)):
        problems.append(f"{src}: the page holds a macros error page")
    return problems


def site_problems(pages: Mapping[str, str], manifest: Manifest) -> list[str]:
    problems = answer_problems(pages, manifest)
    for src, content in pages.items():
        problems.extend(page_problems(src, content))
    return problems


def nav_from_manifest(manifest: Manifest) -> list[dict[str, str]]:
    return [{"首页": "index.md"}] + [{page.title: page.file} for page in manifest.pages]


# -- MkDocs events -----------------------------------------------------------

def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if config.nav is None:
        config.nav = nav_from_manifest(load_manifest())
    return config


def on_env(env, config: MkDocsConfig, files: Files):
    pages = {f.src_uri: f.page.content or "" for f in files.documentation_pages() if f.page}
    manifest = load_manifest()
    problems = site_problems(pages, manifest)
    if problems:
        raise PluginError(
            f"The handbook check found {len(problems)} problem(s):\n  - " + "\n  - ".join(problems)
        )
    log.debug("all %d answers present", len(manifest.answers))
    return env
