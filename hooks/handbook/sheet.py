"""The 全部答案 page: every page's answers on one page, to read in one go or
print on a few A4 sheets (docs/assets/stylesheets/print.css).

docs/all.md calls `{{ all_answers() }}`; the pipeline renders that page after
every other page, so each page's result is there: per page of the manifest
with answers, its title as a heading and its content as the Markdown stage
copied it (answers with their tools bars, profile values and placeholders,
the page's own notes and calculator; without ids, links pointing where they
pointed on the page).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from .answers import PageResult
from .model import Manifest, Page


def sheet_markdown(manifest: Manifest, results: Mapping[str, PageResult],
                   render_page: Callable[[Page, str], str]) -> str:
    """The Markdown of the macro: per page with answers, a heading and its
    content. A page without a result is left out: the site check reports
    its answers as missing."""
    parts = []
    for page in manifest.pages:
        if not page.answers or page.file not in results:
            continue
        stem = page.file.removesuffix(".md")
        parts += [f"## {page.title} {{ #all-{stem} }}", "",
                  render_page(page, results[page.file].sheet_html).strip(), ""]
    return "\n".join(parts)
