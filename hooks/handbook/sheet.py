"""The 全部答案 page: every answer of every page, to read in one go or print
on a few A4 sheets (docs/assets/stylesheets/print.css).

docs/all.md calls `{{ all_answers() }}`; the pipeline renders that page after
every other page, so each answer's record is there: per page of the
manifest, its title as a heading and its answers as their records' copies
(the answer as its page shows it, profile values and placeholders included,
without ids, links pointing where they pointed on the page).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from .model import Manifest, Page, Record


def sheet_markdown(manifest: Manifest, records: Mapping[str, Record],
                   render_page: Callable[[Page, Sequence[Record]], str]) -> str:
    """The Markdown of the macro: per page with answers, a heading and its answers.
    An answer without a record is left out: the site check reports it."""
    parts = []
    for page in manifest.pages:
        if not page.answers:
            continue
        stem = page.file.removesuffix(".md")
        parts += [f"## {page.title} {{ #all-{stem} }}", "",
                  render_page(page, [records[a.id] for a in page.answers if a.id in records]).strip(), ""]
    return "\n".join(parts)
