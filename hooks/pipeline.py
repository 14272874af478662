"""The one MkDocs hook of 面试问答速查: thin glue over handbook.build.

Every stage lives in hooks/handbook/; the order of the post-build writers
(the search index, robots.txt, CSP, sw.js) and of the privacy scan after them
is in HandbookBuild.write_outputs, not in event priorities. MkDocs runs the
hooks after the plugins of an event, so Material's search plugin has written
search/search_index.json before on_post_build completes it (on_config alone
runs first, see below).

Under `mkdocs serve` it also watches every input of the output
(HandbookBuild.watched), and imports hooks/handbook/ again on the rebuild
after one of its files changed: MkDocs loads this module once per process,
so without that a rebuild would run the old code.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys
from pathlib import Path
from typing import Callable

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from handbook import build

log = logging.getLogger("mkdocs.plugins.handbook")
PACKAGE = Path(build.__file__).parent  # hooks/handbook, where it was imported from


def code_versions() -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in sorted(PACKAGE.rglob("*.py"))}


_command: str | None = None
_imported = code_versions()
_this_version = Path(__file__).stat().st_mtime_ns


def follow_code_changes() -> None:
    """Under `mkdocs serve`: drop every handbook module and import it again
    when a file of hooks/handbook/ changed since it was imported; say so when
    this file changed, which only a restart runs."""
    global build, _imported, _this_version
    if Path(__file__).stat().st_mtime_ns != _this_version:
        _this_version = Path(__file__).stat().st_mtime_ns
        log.warning("hooks/pipeline.py changed: MkDocs loads a hook once, restart 'mkdocs serve' to run it")
    now = code_versions()
    if now == _imported:
        return
    for name in [n for n in sys.modules if n == PACKAGE.name or n.startswith(PACKAGE.name + ".")]:
        del sys.modules[name]
    sys.path.insert(0, str(PACKAGE.parent))
    try:
        build = importlib.import_module(f"{PACKAGE.name}.build")
    finally:
        sys.path.remove(str(PACKAGE.parent))
    _imported = now
    build.note_command(_command)
    log.info("hooks/handbook/ changed: its code was imported again")


def on_startup(*, command: str, dirty: bool) -> None:
    global _command
    _command = command
    build.note_command(command)


@event_priority(100)  # before mkdocs-macros' on_config imports hooks/macros.py (which uses handbook.build)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if _command == "serve":
        follow_code_changes()
    build.for_config(config).configure()
    return config


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable) -> LiveReloadServer:
    sys.dont_write_bytecode = True  # a re-import writes no .pyc into the watched hooks/
    handbook = build.for_config(config)
    for folder in handbook.watched():
        server.watch(str(folder))
    folder, names = handbook.watched_files()
    watch_names(server, folder, names)
    log.info("Watching %s beside mkdocs.yml for changes (also when created or deleted)", " and ".join(names))
    return server


def watch_names(server: LiveReloadServer, folder: Path, names: tuple[str, ...]) -> None:
    """Rebuild when a file of one of `names` directly in `folder` is created,
    changed, moved or deleted, and on nothing else there. MkDocs' own watch()
    takes a whole folder; this asks for a rebuild the way its callback does
    (mkdocs 1.6 LiveReloadServer), or watches the whole folder without it."""
    if not hasattr(server, "_rebuild_cond") or not hasattr(server, "_want_rebuild"):
        server.watch(str(folder), recursive=False)
        return

    def rebuild(event: FileSystemEvent) -> None:
        paths = (event.src_path, getattr(event, "dest_path", "") or "")
        if event.is_directory or not any(os.path.basename(p) in names for p in paths):
            return
        with server._rebuild_cond:
            server._want_rebuild = True
            server._rebuild_cond.notify_all()

    handler = FileSystemEventHandler()
    handler.on_any_event = rebuild
    server.observer.schedule(handler, str(folder), recursive=False)


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    return build.for_config(config).files(files)


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    build.for_config(config).begin_page(page)
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    build.for_config(config).page_rendered(page)
    return html


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    build.for_config(config).page_written(Path(page.file.abs_dest_path), output)
    return output


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    build.for_config(config).page_written(Path(config.site_dir) / template_name, output_content)
    return output_content


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    handbook = build.for_config(config)
    handbook.check()
    handbook.template_globals(env)
    return env


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    return build.for_config(config).page_context(context, page)


def on_post_build(*, config: MkDocsConfig) -> None:
    build.for_config(config).write_outputs()


def on_build_error(*, error: Exception) -> None:
    build.stop_workers()
