"""MkDocs hook: a jump list of the page's answers under its title.

On a phone Material's table of contents hides in the drawer; this list puts
every answer of the page one tap away, at the top of the page. It is built
from the manifest (hooks/answers.yml) for the answers whose heading is on the
page, in the page's order, and kept out of the search index.
"""

from __future__ import annotations

import html
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from manifest import Answer, load_manifest

H1_END = re.compile(r"</h1>")
LABEL = "本页问题"


def jump_list(answers: list[Answer]) -> str:
    """The <nav> of links to `answers`; empty for no answers."""
    if not answers:
        return ""
    items = "".join(
        f'<li><a class="answer-jump__link" href="#{html.escape(a.id)}">{html.escape(a.title)}</a></li>'
        for a in answers
    )
    return (f'<nav class="answer-jump" aria-label="{LABEL}" data-search-exclude>'
            f'<p class="answer-jump__title">{LABEL}</p><ol>{items}</ol></nav>')


def answers_on_page(content: str, answers: list[Answer]) -> list[Answer]:
    """The answers whose heading is in `content`, in the page's order."""
    found = [(content.find(f'id="{a.id}"'), a) for a in answers]
    return [a for at, a in sorted(found, key=lambda pair: pair[0]) if at >= 0]


def insert_jump_list(content: str, answers: list[Answer]) -> str:
    """Put the jump list right after the page's h1 (at the top without one)."""
    nav = jump_list(answers_on_page(content, answers))
    if not nav:
        return content
    end = H1_END.search(content)
    at = end.end() if end else 0
    return content[:at] + nav + content[at:]


def on_page_content(html_: str, page: Page, config: MkDocsConfig, files) -> str:
    return insert_jump_list(html_, list(load_manifest().answers_on(page.file.src_uri)))
