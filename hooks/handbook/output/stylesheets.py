"""The site's own stylesheets (`extra_css`) ship as one file.

Every stylesheet in <head> blocks the first paint, and each is its own request
on a phone's slow link: seven small files cost more than their bytes
(tests/bench.py: render-blocking requests, Lighthouse FCP). The files listed in
`extra_css` stay separate in docs/ (one per feature, easy to edit); the built
site gets `assets/stylesheets/site.css`, their concatenation in the listed
order, and the page loads only that, after Material's stylesheets and
without blocking the first paint (overrides/partials/first-paint.html,
output/critical.py). Only files inside docs/ are bundled: a URL
to another host is left as it is.
"""

from __future__ import annotations

from collections.abc import Sequence

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

BUNDLE = "assets/stylesheets/site.css"


def is_local(path: str) -> bool:
    return "://" not in path and not path.startswith("//")


def bundle(parts: Sequence[tuple[str, str]]) -> str:
    """One stylesheet from (name, CSS) parts, each introduced by its name."""
    problems = [name for name, css in parts if "@import" in css or "@charset" in css]
    if problems:
        raise ValueError(f"@import/@charset must start a stylesheet and cannot be bundled: {problems}")
    return "\n".join(f"/* --- {name} --- */\n{css.rstrip()}\n" for name, css in parts)


def bundle_files(files: Files, config: MkDocsConfig) -> str | None:
    """Replace the local `extra_css` files with the bundle and return its path
    (None when nothing is listed); `extra_css` keeps only other hosts' URLs
    (the bundle is linked by partials/first-paint.html). Raise ValueError
    naming what cannot be bundled."""
    local = [str(entry) for entry in config.extra_css if is_local(str(entry))]
    if not local:
        return None
    parts, missing = [], []
    for path in local:
        file = files.get_file_from_path(path)
        if file is None:
            missing.append(path)
            continue
        parts.append((path, file.content_string))
        files.remove(file)
    if missing:
        raise ValueError(f"mkdocs.yml extra_css lists files that are not in docs/: {', '.join(missing)}")
    files.append(File.generated(config, BUNDLE, content=bundle(parts)))
    config.extra_css[:] = [e for e in config.extra_css if not is_local(str(e))]
    return BUNDLE
