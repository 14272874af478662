"""The first screen paints from CSS inlined in each page; the rest loads after.

Every stylesheet linked in <head> holds the first paint until it arrived: on
a phone's first visit that is Material's main.css, its palette and site.css,
30 KB gzipped (tests/bench.py: render-blocking bytes, Lighthouse FCP). The
pages instead carry the *critical* CSS inline, in the slot that
overrides/partials/first-paint.html leaves for it, and load the stylesheets
without blocking (media="print" until loaded; the same partial's script
applies them all at once and then removes the inline copy, so the cascade
is exactly the stylesheets' own again).

The critical CSS is a subset of those stylesheets, rule by rule in their own
order: the rules whose selectors match an element of the first screen of
some page (the home page whole, of the others their content; content after
the first blocks and the inside of closed dialogs left out), in each state
the first paint can show (both colour schemes, practice mode, Material's
`js` class, the controls the scripts unhide), with hover/focus and other
interactive states counted as matching; the custom properties those rules
use and nothing else. The marks below are those of
overrides/partials/first-paint.html; sw.js gets them from output/pwa.py. One copy for every page (one hash in the CSP; instant
navigation keeps the head of the first page).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import tinycss2

if TYPE_CHECKING:
    import soupsieve
    from bs4 import BeautifulSoup

# bs4 and soupsieve (0.07 s to import) are imported where the screens are
# parsed and matched: in the worker that does it while the pages render
# (output/critical_worker.py), the build's own process never needs them.

SLOT = "handbook-critical-css-slot"  # what partials/first-paint.html writes until the CSS is known
STYLE_MARK = "data-handbook-critical"    # on that <style> element
SHEET_MARK = "data-handbook-stylesheet"  # on each stylesheet link it loads without blocking
INLINE_STYLE = re.compile(rf"<style {STYLE_MARK}>.*?</style>", re.S)
DEFERRED_SHEET = f'media="print" {SHEET_MARK}'


def offline_copy(html: str) -> str:
    """A page as the service worker keeps it (output/sw.js, `kept`): without
    the inline critical CSS, its stylesheets linked as usual (they are in
    the same cache: the page paints from them at once)."""
    return INLINE_STYLE.sub("", html, count=1).replace(DEFERRED_SHEET, SHEET_MARK)


# What the first screen never shows: the content of closed dialogs,
# templates and noscript (the element stays; markup with `hidden` counts:
# a script may show it before the stylesheets arrive), and a page's content
# after its first blocks (below the first screen on a phone or a laptop;
# left out). The footer stays: a short page, or one in practice mode, shows it.
FIRST_BLOCKS = 12
HIDDEN = ("dialog", "template", "noscript")
CONTENT_INNER = ".md-content__inner"  # its children after FIRST_BLOCKS are left out


@dataclass(frozen=True)
class State:
    """A state the first paint can show: classes on <html>, attributes on
    <body>, attributes of the elements a selector finds."""
    html_classes: tuple[str, ...] = ()
    body: tuple[tuple[str, str], ...] = ()
    elements: tuple[tuple[str, str, str], ...] = ()  # (selector, attribute, value)
    unhidden: bool = False  # every `hidden` attribute gone (the scripts show their controls)


# Besides the page as written: Material puts `js` on <html> when its bundle
# runs, the early script `practice-mode` (practice.js presses its button and
# shows the reveal buttons), the site's scripts unhide their controls; the
# dark scheme is `slate` on <body>.
STATES = (State(), State(("js", "practice-mode"), (("data-md-color-scheme", "slate"),),
                         (("[data-practice-toggle]", "aria-pressed", "true"),), unhidden=True))

# Pseudo-classes that describe structure (kept when matching); every other
# pseudo-class or pseudo-element (:hover, :focus, ::before, …) is dropped, so
# a rule for an element's state or generated content counts as that element's.
STRUCTURAL = {"root", "first-child", "last-child", "only-child", "first-of-type", "last-of-type",
              "only-of-type", "empty", "not", "is", "where", "has", "nth-child", "nth-of-type",
              "nth-last-child", "nth-last-of-type", "lang", "dir"}
PSEUDO = re.compile(r"::?([-a-zA-Z]+)(\((?:[^()]|\([^()]*\))*\))?")
CLASS_OR_ID = re.compile(r"([.#])(-?[_a-zA-Z][-_a-zA-Z0-9]*)")
NEGATION = re.compile(r":(?:not|is|where|has)\((?:[^()]|\([^()]*\))*\)")
ATTRIBUTE = re.compile(r"\[\s*([-_a-zA-Z][-_a-zA-Z0-9]*)")  # the attributes selectors name
VAR = re.compile(r"var\(\s*(--[-_a-zA-Z0-9]+)")


CONTENT = ".md-content"  # what differs between pages; the rest is the same on every page


def first_screen(html: str, whole: bool) -> BeautifulSoup | None:
    """A page's first screen (in the state the page is written in), None for
    markup without <html> or <body>; not `whole`: only its content (the
    rest repeats the first page's)."""
    from bs4 import BeautifulSoup

    tree = BeautifulSoup(html, "html.parser")
    if tree.html is None or tree.body is None:
        return None
    # `.md-content__inner > :nth-child(n+13)`, without soupsieve counting the siblings of every element
    below = [child for inner in tree.select(CONTENT_INNER)
             for child in inner.find_all(True, recursive=False)[FIRST_BLOCKS:]]
    for child in below:
        child.decompose()
    for hidden in tree.select(", ".join(HIDDEN)):
        hidden.clear()
    content = tree.select_one(CONTENT)
    if not whole and content is not None:
        keep = {id(content)} | {id(parent) for parent in content.parents}
        for parent in [content, *content.parents]:
            if parent.name is None or parent.parent is None:
                continue
            for sibling in parent.parent.find_all(True, recursive=False):
                if id(sibling) not in keep:
                    sibling.clear()
    return tree


def state_changes(tree: BeautifulSoup, state: State) -> list[tuple]:
    """The (element, attribute, value) changes `state` makes to `tree` (None: removed)."""
    elements = [(el, name, value) for selector, name, value in state.elements for el in tree.select(selector)]
    if state.unhidden:
        elements += [(el, "hidden", None) for el in tree.find_all(hidden=True)]
    return elements


def put_state(tree: BeautifulSoup, state: State, elements: list[tuple]) -> tuple:
    """Give the tree `state` (`elements`: its state_changes); return what restores it."""
    saved = (tree.html.get("class"), {name: tree.body.get(name) for name, _ in state.body},
             [(el, name, el.get(name)) for el, name, _ in elements])
    for el, name, value in elements:
        if value is None:
            el.attrs.pop(name, None)
        else:
            el[name] = value
    if state.html_classes:
        tree.html["class"] = [c for c in tree.html.get("class", []) if c != "no-js"] + list(state.html_classes)
    for name, value in state.body:
        tree.body[name] = value
    return saved


def restore(tree: BeautifulSoup, saved: tuple) -> None:
    classes, body, elements = saved
    for el, name, value in elements:
        if value is None:
            el.attrs.pop(name, None)
        else:
            el[name] = value
    if classes is None:
        tree.html.attrs.pop("class", None)
    else:
        tree.html["class"] = classes
    for name, value in body.items():
        if value is None:
            tree.body.attrs.pop(name, None)
        else:
            tree.body[name] = value


def matchable(selector: str) -> str:
    """`selector` with its interactive pseudo-classes and pseudo-elements removed."""
    def drop(m: re.Match) -> str:
        return m.group(0) if m.group(1).lower() in STRUCTURAL else ""
    text = PSEUDO.sub(drop, selector).strip()
    text = re.sub(r"\s*[>+~]\s*$", "", text).strip()
    return text or "*"


COMPOUND_END = re.compile(r"[\s>+~]+(?![^()]*\))(?![^\[]*\])")
TAG = re.compile(r"^[a-zA-Z][-a-zA-Z0-9]*")


def last_compound(selector: str) -> str:
    """The part of `selector` that the matched element itself must satisfy."""
    return COMPOUND_END.split(selector.strip())[-1]


# Selectors that look at more than an element and its ancestors (its
# children, its siblings, its place among them): tried on every element,
# not on one of each kind.
WIDE = re.compile(r":(?:has|empty|nth-|first-|last-|only-)|[~+]")
ALWAYS_SEEN = ("lang", "dir")  # what :lang() and :dir() read


def signatures(tree: BeautifulSoup, attributes: set[str]) -> dict[int, tuple]:
    """Each element's kind: what a selector without WIDE parts can tell of it
    (name, classes, id, the attributes some selector names, its parent's kind)."""
    kinds: dict[int, tuple] = {}
    for el in tree.find_all(True):
        kinds[id(el)] = (
            kinds.get(id(el.parent)), el.name, tuple(el.get("class", [])), el.get("id"),
            tuple(sorted((k, str(v)) for k, v in el.attrs.items() if k in attributes or k in ALWAYS_SEEN)))
    return kinds


class Screen:
    """One first screen as the matcher tries it: the elements that can be a
    selector's subject, by class, id, tag or `*` (`index`: one of each kind
    not seen on an earlier screen; `every`: all), the classes and ids it has,
    and the changes each further state makes to it."""

    def __init__(self, tree: BeautifulSoup, states: Sequence[State], attributes: set[str],
                 seen: set[tuple]) -> None:
        from soupsieve.css_match import CSSMatch

        self.css_match = CSSMatch
        self.tree = tree
        self.index: dict[str, list] = {}
        self.every: dict[str, list] = {}
        kinds = signatures(tree, attributes)
        for el in tree.find_all(True):
            keys = ["*", el.name] + ["." + c for c in el.get("class", [])]
            if el.get("id"):
                keys.append("#" + el["id"])
            first = kinds[id(el)] not in seen
            seen.add(kinds[id(el)])
            for key in keys:
                self.every.setdefault(key, []).append(el)
                if first:
                    self.index.setdefault(key, []).append(el)
        self.names = {k for k in self.every if k[0] in ".#"}
        self.changes = [state_changes(tree, state) for state in states[1:]]

    def any_match(self, compiled: soupsieve.SoupSieve, candidates: Sequence) -> bool:
        """Whether `compiled` matches one of `candidates` (elements of this
        screen), with one soupsieve matcher for the screen (as SoupSieve.filter
        shares one per document), not a new one for each element: the same
        answer (the tree does not change meanwhile), without walking up to the
        root every time. Only :scope and & name the element a match starts from."""
        if not candidates:
            return False
        if ":scope" in compiled.pattern or "&" in compiled.pattern:
            return any(compiled.match(el) for el in candidates)
        matcher = self.css_match(compiled.selectors, self.tree, compiled.namespaces, compiled.flags)
        return any(matcher.match(el) for el in candidates)


class Matcher:
    """Whether a selector matches an element of any first screen, in any of
    `states`. The screens come one at a time (`add`: a page is matched as soon
    as it is rendered, see output/critical_worker.py), each tried at once for
    the selectors `keys` not matched yet. Only the elements that can be the
    subject (by the class, id or tag of the selector's last compound) are
    tried, one of each kind (see `signatures`; every one for a WIDE selector),
    and the other states only for a selector that names something a state
    changes. A selector naming a class or id that no screen has matches
    nothing; one soupsieve cannot read matches (kept, never lost)."""

    def __init__(self, keys: Iterable[str] = (), states: Sequence[State] = STATES,
                 attributes: set[str] = frozenset()) -> None:
        self.states = states
        self.attributes = set(attributes)
        self.screens: list[Screen] = []
        self.seen: set[tuple] = set()
        self.state_names = {"." + c for s in states for c in s.html_classes}
        self.names = set(self.state_names)
        self.state_words = {w for s in states for w in s.html_classes + tuple(n for n, _ in s.body)
                            + tuple(n for _, n, _ in s.elements) + (("hidden",) if s.unhidden else ())}
        self.open = list(dict.fromkeys(keys))  # asked of every screen as it comes, until matched
        self.keys = set(self.open)
        self.matched: set[str] = set()
        self.untried: dict[str, list[Screen]] = {}  # screens lacking a class or id a key names
        self.compiled: dict[str, soupsieve.SoupSieve | None] = {}
        self.cache: dict[str, bool] = {}

    def add(self, tree: BeautifulSoup) -> None:
        screen = Screen(tree, self.states, self.attributes, self.seen)
        self.screens.append(screen)
        self.names |= screen.names
        self.cache.clear()
        names = screen.names | self.state_names
        still = []
        for key in self.open:
            if not required(key) <= names:
                self.untried.setdefault(key, []).append(screen)
                still.append(key)
            elif self.tried(key, screen):
                self.matched.add(key)
            else:
                still.append(key)
        self.open = still

    def __call__(self, selector: str) -> bool:
        key = matchable(selector)
        if key not in self.cache:
            self.cache[key] = self._matches(key)
        return self.cache[key]

    def _matches(self, key: str) -> bool:
        if not required(key) <= self.names:
            return False
        if key in self.matched:
            return True
        screens = self.untried.get(key, ()) if key in self.keys else self.screens
        return self.compile(key) is None or any(self.tried(key, screen) for screen in screens)

    def compile(self, key: str) -> soupsieve.SoupSieve | None:
        if key not in self.compiled:
            import soupsieve

            try:
                self.compiled[key] = soupsieve.compile(key)
            except Exception:  # a selector soupsieve cannot read: kept, never lost
                self.compiled[key] = None
        return self.compiled[key]

    def tried(self, key: str, screen: Screen) -> bool:
        """Whether `key` matches an element of `screen` in one of the states."""
        compiled = self.compile(key)
        if compiled is None:
            return True
        subject = NEGATION.sub("", last_compound(key))
        keys = [kind + name for kind, name in CLASS_OR_ID.findall(subject)]
        tag = TAG.match(subject)
        elements = screen.every if WIDE.search(key) else screen.index
        candidates = elements.get(keys[0] if keys else (tag.group(0).lower() if tag else "*"), ())
        if screen.any_match(compiled, candidates):
            return True
        if not any(word in key for word in self.state_words):
            return False
        for n, state in enumerate(self.states[1:]):
            saved = put_state(screen.tree, state, screen.changes[n])
            try:
                if screen.any_match(compiled, candidates):
                    return True
            finally:
                restore(screen.tree, saved)
        return False


def required(selector: str) -> set[str]:
    """The classes and ids an element or its relatives must have for `selector` to match."""
    return {kind + name for kind, name in CLASS_OR_ID.findall(NEGATION.sub("", selector))}


def split_selectors(prelude: list) -> list[str]:
    """A rule's selector list, split at its top-level commas."""
    parts, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            parts.append(current)
            current = []
        else:
            current.append(token)
    parts.append(current)
    return [tinycss2.serialize(p).strip() for p in parts if tinycss2.serialize(p).strip()]


@dataclass
class Kept:
    selectors: str | None          # None for an at-rule's own line
    declarations: list             # tinycss2 Declarations (qualified rules)
    at: str = ""                   # "@media …" for a group
    children: list["Kept"] | None = None


def select_rules(rules: list, matches: Matcher) -> list[Kept]:
    kept: list[Kept] = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in split_selectors(rule.prelude) if matches(s)]
            if selectors:
                declarations = [d for d in tinycss2.parse_blocks_contents(
                    rule.content, skip_whitespace=True, skip_comments=True) if d.type == "declaration"]
                kept.append(Kept(",".join(selectors), declarations))
        elif rule.type == "at-rule" and rule.content is not None:
            keyword = rule.lower_at_keyword
            prelude = tinycss2.serialize(rule.prelude).strip()
            if keyword in ("media", "supports") and not is_print_only(keyword, prelude):
                inner = select_rules(tinycss2.parse_rule_list(rule.content, skip_whitespace=True,
                                                              skip_comments=True), matches)
                if inner:
                    kept.append(Kept(None, [], f"@{keyword} {prelude}", inner))
            elif keyword == "keyframes":
                kept.append(Kept(None, [], f"@keyframes {prelude}", [Kept(tinycss2.serialize(rule.content), [])]))
    return kept


def is_print_only(keyword: str, prelude: str) -> bool:
    return keyword == "media" and re.fullmatch(r"\s*print\s*", prelude) is not None


def walk(kept: list[Kept]) -> Iterable[Kept]:
    for item in kept:
        yield item
        if item.children:
            yield from walk(item.children)


def used_properties(kept: list[Kept]) -> set[str]:
    """The custom properties the kept declarations use, directly or through others."""
    defined: dict[str, list[str]] = {}
    used: set[str] = set()
    for item in walk(kept):
        for d in item.declarations:
            value = tinycss2.serialize(d.value)
            if d.name.startswith("--"):
                defined.setdefault(d.name, []).append(value)
            else:
                used |= set(VAR.findall(value))
    todo = list(used)
    while todo:
        for value in defined.get(todo.pop(), []):
            for name in VAR.findall(value):
                if name not in used:
                    used.add(name)
                    todo.append(name)
    return used


def used_animations(kept: list[Kept]) -> set[str]:
    names = set()
    for item in walk(kept):
        for d in item.declarations:
            if d.lower_name in ("animation", "animation-name"):
                names |= {t.value for t in d.value if t.type == "ident"}
    return names


def serialize(kept: list[Kept], properties: set[str], animations: set[str]) -> str:
    out = []
    for item in kept:
        if item.at.startswith("@keyframes"):
            if item.at.split(None, 1)[1] in animations:
                out.append(f"{item.at}{{{item.children[0].selectors}}}")
        elif item.children is not None:
            inner = serialize(item.children, properties, animations)
            if inner:
                out.append(f"{item.at}{{{inner}}}")
        else:
            body = ";".join(
                f"{d.name}:{tinycss2.serialize(d.value).strip()}{'!important' if d.important else ''}"
                for d in item.declarations if not d.name.startswith("--") or d.name in properties)
            if body:
                out.append(f"{item.selectors}{{{body}}}")
    return "".join(out)


TEXT = re.compile(r">[^<]+<")  # a text, whatever it says (only :empty reads it)
_known: dict[str, str] = {}  # inputs' digest → critical CSS, for `mkdocs serve`'s rebuilds


def critical_css(stylesheets: Sequence[str], pages: Iterable[str]) -> str:
    """The rules of `stylesheets` (in order) the first screen of `pages` needs.
    The result depends on the stylesheets and the pages' markup, not on their
    text: an edit of a page's words under `mkdocs serve` reuses the last one."""
    pages = list(pages)
    digest = hashlib.sha256("\0".join([*stylesheets, *(TEXT.sub(">t<", p) for p in pages)]).encode()).hexdigest()
    if digest not in _known:
        _known.clear()
        _known[digest] = _critical_css(stylesheets, pages)
    return _known[digest]


def _critical_css(stylesheets: Sequence[str], pages: list[str]) -> str:
    selection = Selection(stylesheets)
    for html in pages:
        selection.add_page(html)
    return selection.css()


class Selection:
    """The critical CSS of `stylesheets`, the pages added one at a time (in
    their order: the first one's screen counts whole). The same rules, in the
    same order, whatever the pages' order after the first."""

    def __init__(self, stylesheets: Sequence[str]) -> None:
        self.rules = [tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
                      for css in stylesheets]
        attributes = {name.lower() for css in stylesheets for name in ATTRIBUTE.findall(css)}
        self.matches = Matcher([matchable(s) for rules in self.rules for s in selectors(rules)],
                               attributes=attributes)

    def add_page(self, html: str, whole: bool | None = None) -> bool:
        """Add a page's first screen (`whole`: its whole screen, by default
        for the first page that has one); False for markup without one."""
        tree = first_screen(html, whole=not self.matches.screens if whole is None else whole)
        if tree is not None:
            self.matches.add(tree)
        return tree is not None

    def css(self) -> str:
        kept = []
        for rules in self.rules:
            kept += select_rules(rules, self.matches)
        return serialize(kept, used_properties(kept), used_animations(kept))


def selectors(rules: list) -> Iterable[str]:
    """Every selector select_rules asks about, in its order."""
    for rule in rules:
        if rule.type == "qualified-rule":
            yield from split_selectors(rule.prelude)
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports") \
                and not is_print_only(rule.lower_at_keyword, tinycss2.serialize(rule.prelude).strip()):
            yield from selectors(tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True))
