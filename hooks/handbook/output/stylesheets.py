"""The site ships one stylesheet: Material's, pruned to what the site uses,
then the site's own (`extra_css`).

Every stylesheet is its own request on a phone's slow link, and Material's
main.css (137 KB, 22.7 KB gzipped) styles features the site never shows
(blog, tabs, consent, feedback, source facts, keys, emoji, …). The files
listed in `extra_css` stay separate in docs/ (one per feature, easy to
edit); the built site gets one file, `assets/stylesheets/site.<hash>.css`:

1. Material's stylesheets (main, then palette) with every rule kept only
   for the selectors of its list whose classes and ids (outside :not(),
   :is(), :where(), :has() and attribute values) all occur as words in what
   the site ships: every built page and every script (Material's bundle,
   the search worker, the site's scripts, those loaded later) and the
   search index. A class a script adds is a word of that script; a rule no
   page and no script can ever match is dropped. At-rules other than
   @media/@supports (@keyframes, @font-face, …) are kept whole.
2. The site's own stylesheets, their concatenation in the listed order,
   each introduced by its name (never pruned).

The pages can only know the file's name once every page is written (the
words are the pages'): templates link `SLOT_PATH`, after the build
`write` writes the file under its content-hashed name (the service worker
may keep it for good) and `name_in_pages` puts the name into every page
(with the critical CSS, in one pass: build.py). Material's
originals and their source maps are not shipped. The pages load the file
without blocking the first paint (overrides/partials/first-paint.html,
output/critical.py). Only files inside docs/ are bundled: a URL to another
host is left as it is.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import tinycss2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from .critical import CLASS_OR_ID, NEGATION, split_selectors
from .pwa import content_hash

STEM = "assets/stylesheets/site"
SLOT = "handbook-stylesheet-slot"  # in the name templates link until the content is known
SLOT_PATH = f"{STEM}.{SLOT}.css"
WORDS_FROM = (".html", ".js", ".json")  # what the site ships that names classes and ids
WORD = re.compile(r"[-_a-zA-Z0-9]+")
ATTRIBUTE_SELECTOR = re.compile(r"\[[^\]]*\]")  # values there are no class or id
CHARSET = '@charset "UTF-8";'


def is_local(path: str) -> bool:
    return "://" not in path and not path.startswith("//")


def bundle(parts: Sequence[tuple[str, str]]) -> str:
    """One stylesheet from (name, CSS) parts, each introduced by its name."""
    problems = [name for name, css in parts if "@import" in css or "@charset" in css]
    if problems:
        raise ValueError(f"@import/@charset must start a stylesheet and cannot be bundled: {problems}")
    return "\n".join(f"/* --- {name} --- */\n{css.rstrip()}\n" for name, css in parts)


def bundle_files(files: Files, config: MkDocsConfig) -> str:
    """Take the local `extra_css` files out of the site and return their
    bundle ("" when none is listed); `extra_css` keeps only other hosts'
    URLs. Raise ValueError naming what cannot be bundled."""
    local = [str(entry) for entry in config.extra_css if is_local(str(entry))]
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
    config.extra_css[:] = [e for e in config.extra_css if not is_local(str(e))]
    return bundle(parts) if parts else ""


def take_material(files: Files, sheets: Sequence[str]) -> list[str]:
    """Material's stylesheets `sheets` (in order) taken out of the site with
    their source maps; their CSS. Raise ValueError naming a missing one."""
    found = []
    for path in sheets:
        file = files.get_file_from_path(path)
        if file is None:
            raise ValueError(f"Material's stylesheet {path} is not among the theme's files")
        found.append(file.content_string)
        for name in (path, path + ".map"):
            if (gone := files.get_file_from_path(name)) is not None:
                files.remove(gone)
    return found


# -- pruning -------------------------------------------------------------------

@dataclass(frozen=True)
class Rule:
    """A top-level piece of a stylesheet, parsed once: a style rule (its
    selectors, each with the names it requires), a group (@media/@supports
    around rules) or anything else, kept whole."""
    text: str                                             # the whole piece, serialized
    selectors: tuple[tuple[str, frozenset[str]], ...] = ()  # style rule: (selector, names)
    body: str = ""                                        # style rule: the declarations; group: "@media …"
    children: tuple["Rule", ...] | None = None            # group: its rules


def required(selector: str) -> frozenset[str]:
    """The classes and ids an element must carry for `selector` to match."""
    outside = NEGATION.sub("", ATTRIBUTE_SELECTOR.sub("", selector))
    return frozenset(name for _, name in CLASS_OR_ID.findall(outside))


def parse_rules(nodes: Iterable) -> tuple[Rule, ...]:
    rules = []
    for node in nodes:
        if node.type == "qualified-rule":
            selectors = tuple((s, required(s)) for s in split_selectors(node.prelude))
            rules.append(Rule(node.serialize(), selectors, tinycss2.serialize(node.content)))
        elif (node.type == "at-rule" and node.content is not None
              and node.lower_at_keyword in ("media", "supports")):
            head = f"@{node.lower_at_keyword} {tinycss2.serialize(node.prelude).strip()}"
            inner = tinycss2.parse_rule_list(node.content, skip_whitespace=True, skip_comments=True)
            rules.append(Rule(node.serialize(), body=head, children=parse_rules(inner)))
        elif node.type == "at-rule" and node.lower_at_keyword == "charset":
            continue  # the shipped file starts with its own
        elif node.type != "error":
            rules.append(Rule(node.serialize()))
    return tuple(rules)


_parsed: dict[str, tuple[Rule, ...]] = {}  # CSS digest → rules: Material's sheets, parsed once a process


def parsed(css: str) -> tuple[Rule, ...]:
    digest = hashlib.sha256(css.encode("utf-8")).hexdigest()
    if digest not in _parsed:
        _parsed[digest] = parse_rules(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True))
    return _parsed[digest]


def pruned(rules: Sequence[Rule], words: set[str] | None) -> str:
    """The rules as CSS, each style rule with only the selectors whose
    names are all in `words` (every rule when `words` is None)."""
    out = []
    for rule in rules:
        if rule.children is not None:
            inner = pruned(rule.children, words)
            if inner:
                out.append(f"{rule.body}{{{inner}}}")
        elif not rule.selectors or words is None:
            out.append(rule.text)
        else:
            kept = [s for s, names in rule.selectors if names <= words]
            if len(kept) == len(rule.selectors):
                out.append(rule.text)
            elif kept:
                out.append(f"{','.join(kept)}{{{rule.body}}}")
    return "".join(out)


def shipped_words(site_dir: Path) -> set[str]:
    """Every word of the built pages, scripts and JSON files."""
    words: set[str] = set()
    for path in site_dir.rglob("*"):
        if path.suffix in WORDS_FROM and path.is_file():
            words.update(WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    return words


def stylesheet(material: Sequence[str], own: str, words: set[str] | None) -> str:
    """The one stylesheet: Material's sheets pruned to `words` (whole when
    None), then the site's own bundle."""
    material_css = "".join(pruned(parsed(css), words) for css in material)
    return f"{CHARSET}{material_css}\n{own}"


def shipped_name(content: str) -> str:
    digest = content_hash(content)
    return f"{STEM}.{digest}.css"


def write(site_dir: Path, material: Sequence[str], own: str) -> str:
    """Write the one stylesheet for the built site (pruned to the words of
    the pages as MkDocs wrote them); return its path. The pages name it once
    `name_in_pages` ran."""
    content = stylesheet(material, own, shipped_words(site_dir))
    name = shipped_name(content)
    (site_dir / name).parent.mkdir(parents=True, exist_ok=True)
    (site_dir / name).write_text(content, encoding="utf-8")
    return name


def name_in_pages(text: str, name: str) -> str:
    """A page's text with the stylesheet's name in place of SLOT_PATH's."""
    return text.replace(Path(SLOT_PATH).name, Path(name).name)
