"""MkDocs hook: mark up every required answer so features can find it.

After each manifest answer's <h2 id="ID"> the page gets

    <div class="answer-tools" data-answer="ID"></div>   controls of the answer
    <div class="answer-body" data-answer="ID"> … </div>   everything up to the next h1/h2

Feature hooks add their controls with `add_tool`; scripts find answers with
`.answer-body[data-answer]`. Runs before the other hooks (listed first).
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from manifest import load_manifest

H2_OPEN = re.compile(r'<h2\b[^>]*\bid="([^"]+)"[^>]*>.*?</h2>', re.S)
NEXT_SECTION = re.compile(r"<h[12]\b")


def wrap_answers(content: str, answer_ids: set[str]) -> str:
    """Insert the tools bar and wrap the body of every answer in `answer_ids`."""
    out, pos = [], 0
    for m in H2_OPEN.finditer(content):
        if m.group(1) not in answer_ids or m.start() < pos:
            continue
        nxt = NEXT_SECTION.search(content, m.end())
        stop = nxt.start() if nxt else len(content)
        ident = m.group(1)
        out += [content[pos:m.end()],
                f'<div class="answer-tools" data-answer="{ident}"></div>',
                f'<div class="answer-body" data-answer="{ident}">',
                content[m.end():stop], "</div>"]
        pos = stop
    out.append(content[pos:])
    return "".join(out)


def add_tool(content: str, answer_id: str, fragment: str) -> str:
    """Append an HTML fragment to one answer's tools bar.

    An absent answer is left to hooks/sections.py, which reports every missing
    answer at once; an answer present without its bar means a feature hook
    runs before this one."""
    marker = f'<div class="answer-tools" data-answer="{answer_id}">'
    at = content.find(marker)
    if at < 0:
        if f'id="{answer_id}"' in content:
            raise PluginError(f"answer '{answer_id}' has no tools bar: list hooks/answer_markup.py "
                              "before the hooks that add tools (hooks: in mkdocs.yml)")
        return content
    end = content.find("</div>", at)
    return content[:end] + fragment + content[end:]


def on_page_content(html: str, page: Page, config: MkDocsConfig, files) -> str:
    ids = {a.id for a in load_manifest().answers_on(page.file.src_uri)}
    if not ids:
        return html
    return wrap_answers(html, ids)
