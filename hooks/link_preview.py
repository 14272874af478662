"""MkDocs hook: link previews (overrides/partials/link_preview.html).

Material writes the front matter `description` into
<meta name="description" content="..."> as is, so a `"` or `<` in it would
break the tag. This hook hands the templates the description HTML-escaped
(a Markup string, which `| e` in the partial leaves alone), so every meta
tag shows the text exactly as written.
"""

from __future__ import annotations

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page


def escaped_description(value: object, source: str) -> Markup | None:
    """The description as safe markup; None when absent; an error naming the
    page when it is not text."""
    if value is None or isinstance(value, Markup):
        return value
    if not isinstance(value, str):
        raise PluginError(f"{source}: front matter 'description' must be text, "
                          f"not {type(value).__name__}")
    return escape(value.strip())


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    if "description" in page.meta:
        page.meta["description"] = escaped_description(page.meta["description"], f"docs/{page.file.src_uri}")
    return context
