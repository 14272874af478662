"""The one MkDocs hook of 面试问答速查: thin glue over handbook.build.

Every stage lives in hooks/handbook/; the order of the post-build writers
(the search index, robots.txt, CSP, sw.js) and of the privacy scan after them
is in HandbookBuild.write_outputs, not in event priorities. MkDocs runs the
hooks after the plugins of an event, so Material's search plugin has written
search/search_index.json before on_post_build completes it.
"""

from __future__ import annotations

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from handbook import build


def on_startup(*, command: str, dirty: bool) -> None:
    build.note_command(command)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    build.for_config(config).configure()
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    return build.for_config(config).files(files)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    build.for_config(config).begin_page(page)
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    build.for_config(config).page_rendered(page)
    return html


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    handbook = build.for_config(config)
    handbook.check()
    handbook.template_globals(env)
    return env


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    return build.for_config(config).page_context(context, page)


def on_post_build(*, config: MkDocsConfig) -> None:
    build.for_config(config).write_outputs()
