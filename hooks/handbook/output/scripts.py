"""The site's own scripts (`extra_javascript`) ship as one deferred file.

Eight small scripts were eight requests before the reader could use a button
(tests/bench.py: requests, Lighthouse TBT). The files listed in
`extra_javascript` stay separate in docs/ (one per feature, easy to edit);
the built site gets `assets/javascripts/site.<hash>.js`, their concatenation
in the listed order (each introduced by its name), named after a hash of its
content so the service worker may keep it for good, and the pages load only
that, deferred, after Material's bundle. A script another feature adds to
`extra_javascript` joins the bundle by itself. Only files inside docs/ are
bundled (a URL to another host is left as it is); each must be `defer: true`
(the bundle runs deferred: a script that had to run earlier would change
meaning). A script only one page needs is not listed: the listed script of
its feature fetches it there (calculator.js → severance.js). Nor is code
that waits for the reader: the 填写我的信息 panel's work (PANEL: transfer.js
and profile-panel.js) ships as `assets/javascripts/panel.<hash>.js`, which
profile.js fetches when the panel first opens or an import link is opened.

Practice mode must apply before the first paint, before any deferred script:
`early_script` is the one line the page runs inline for it, made from the
storage key and class that docs/assets/javascripts/handbook.js declares
(read by running handbook.js with dukpy, so they are declared once).
"""

from __future__ import annotations

import re
import json
from pathlib import Path

import dukpy
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from .pwa import content_hash
from .stylesheets import is_local

BUNDLE_DIR = "assets/javascripts"
BUNDLE_STEM = "site"
# The 填写我的信息 panel's work, fetched by profile.js on first need (the
# panel opened, an import link): under docs/, in order, as one file
# assets/javascripts/panel.<hash>.js; not in extra_javascript.
PANEL = ("assets/javascripts/transfer.js", "assets/javascripts/profile-panel.js")
PANEL_STEM = "panel"
CORE = "assets/javascripts/handbook.js"  # under docs/: the browser core, first in the bundle


def bundle(parts: list[tuple[str, str]]) -> str:
    """One script from (name, JS) parts, each introduced by its name and
    ended so that the next one cannot continue its last statement."""
    return "".join(f"/* --- {name} --- */\n{js.rstrip()}\n;\n" for name, js in parts)


def bundle_name(content: str, stem: str = BUNDLE_STEM) -> str:
    digest = content_hash(content)
    return f"{BUNDLE_DIR}/{stem}.{digest}.js"


def panel_file(files: Files, config: MkDocsConfig) -> str:
    """Replace the panel's scripts (PANEL) with their bundle, named after
    its content; return its path. Raise ValueError naming a missing one or
    one also listed in extra_javascript (it would run twice)."""
    listed = sorted(set(PANEL) & {str(s) for s in config.extra_javascript})
    missing = [path for path in PANEL if files.get_file_from_path(path) is None]
    if listed or missing:
        raise ValueError("the 填写我的信息 panel's scripts (hooks/handbook/output/scripts.py PANEL): "
                         + "; ".join([f"{p} is listed in mkdocs.yml extra_javascript (profile.js fetches it)"
                                      for p in listed] + [f"{p} is not in docs/" for p in missing]))
    parts = []
    for path in PANEL:
        file = files.get_file_from_path(path)
        parts.append((path, file.content_string))
        files.remove(file)
    content = bundle(parts)
    name = bundle_name(content, PANEL_STEM)
    files.append(File.generated(config, name, content=content))
    return name


def bundle_files(files: Files, config: MkDocsConfig) -> str | None:
    """Replace the local `extra_javascript` files with the bundle; return its
    path (None when nothing is listed); raise ValueError naming what cannot be bundled."""
    scripts = list(config.extra_javascript)
    local = [s for s in scripts if is_local(str(s))]
    if not local:
        return None
    problems = [f"{s} is not `defer: true`" for s in local if not getattr(s, "defer", False)]
    problems += [f"{s} is a module" for s in local if getattr(s, "type", "") == "module"]
    missing = [str(s) for s in local if files.get_file_from_path(str(s)) is None]
    problems += [f"{path} is not in docs/" for path in missing]
    if problems:
        raise ValueError("mkdocs.yml extra_javascript: " + "; ".join(problems)
                         + " (the site's scripts ship as one deferred bundle, hooks/handbook/output/scripts.py)")
    parts = []
    for script in local:
        file = files.get_file_from_path(str(script))
        parts.append((str(script), file.content_string))
        files.remove(file)
    content = bundle(parts)
    name = bundle_name(content)
    files.append(File.generated(config, name, content=content))
    entry = ExtraScriptValue(name)
    entry.defer = True
    config.extra_javascript[:] = [entry] + [s for s in scripts if not is_local(str(s))]
    return name


# handbook.js run on an empty page: its window.handbook holds the key and the class.
CORE_NAMES = """
var nothing = function () {};
var window = {addEventListener: nothing},
    document = {documentElement: {classList: {add: nothing}}, addEventListener: nothing,
                querySelector: function () { return null; }};
%s
;JSON.stringify({key: window.handbook.keys.practice, on: "on", cls: window.handbook.states.practice})
"""


def early_script(core: Path) -> str:
    """The inline script applying practice mode before the first paint."""
    try:
        names = json.loads(dukpy.evaljs(CORE_NAMES % core.read_text(encoding="utf-8")))
    except Exception as exc:  # dukpy raises its own JSRuntimeError
        raise ValueError(f"{core}: cannot read the practice key and class from window.handbook: {exc}") from None
    return ("try{if(localStorage.getItem(%s)===%s)document.documentElement.classList.add(%s)}catch(e){}"
            % (json.dumps(names["key"]), json.dumps(names["on"]), json.dumps(names["cls"])))


PART = re.compile(r"^/\* --- (\S+) --- \*/\n", re.M)


def parts(content: str) -> dict[str, str]:
    """The bundle's scripts by their name (what `bundle` joined)."""
    found = list(PART.finditer(content))
    return {m.group(1): content[m.end():(found[i + 1].start() if i + 1 < len(found) else len(content))]
            for i, m in enumerate(found)}
