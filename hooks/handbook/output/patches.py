"""Verified patches of files Material ships: the one place the site changes
Material's own code.

Material is pinned and in maintenance mode; where a bug of its shipped
JavaScript hurts the site, the build fixes it in the file it ships, not in
the content or the tests. A patch is data: Material's file (relative to its
templates folder), the exact code expected in it, the code put in its place
and why. At build time each file is read from the installed Material, every
expected snippet must be found exactly once, and the changed file is shipped
under its own content-hashed name (`search.<8 hex>.min.js`, like Material's:
the service worker serves such names from its cache, so a new content needs a
new name). Material's original and its source map are not shipped (the map
describes the original; the patched copy names no map). Templates reach the
shipped name with `shipped(path)` (overrides/main.html repeats the blocks of
base.html that name these files, verified by theme.py).

When an upgrade of Material no longer holds the expected code, the build
stops naming Material's version, the file, the patch's reason and what to
check: never a silent fallback to the unpatched file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path, PurePosixPath

from .pwa import content_hash

SEARCH_WORKER = "assets/javascripts/workers/search.a7633da7.min.js"
MATERIAL_BUNDLE = "assets/javascripts/bundle.a5f9d56c.min.js"
SOURCE_MAP_COMMENT = re.compile(r"\n?//# sourceMappingURL=\S+\s*$")
HASHED_NAME = re.compile(r"\.[0-9a-f]{8}(?=\.min\.(?:js|css)$)")
MODULE = "hooks/handbook/output/patches.py"


@dataclass(frozen=True)
class Patch:
    file: str          # Material's file, relative to its templates folder
    expected: str      # the exact code replaced; must occur exactly once
    replacement: str   # what the site ships instead
    reason: str        # what the change fixes, and where Material's source is


PATCHES = (
    # src/templates/assets/javascripts/integrations/search/query/segment/index.ts
    # (in the .map beside the worker). segment() splits a run of Han characters
    # greedily into the index's words, but its inner loop stops at
    # j < query.length, so no word ending at the query's last character is ever
    # tried: 期望薪资 searches 期望 only.
    Patch(SEARCH_WORKER,
          expected="for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)",
          replacement="for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)",
          reason="segment() of the search query: try the words that end at the query's "
                 "last character (j <= query.length), so a Chinese query keeps its last word"),
    # The same function then continues only at a known word, and not even
    # there at the last character (q < query.length - 1): an unknown
    # character ends the segmentation and drops the rest (让我主动辞职 is
    # searched unsegmented, as one term that matches nothing). Continue after
    # every word, step over a character that starts none, search a position
    # once; the query unsegmented only when it holds no word of the index.
    Patch(SEARCH_WORKER,
          expected='let i=[0];for(let s=i.length;s>0;){let o=i[--s];for(let u=1;u<n[o];u++)'
                   'n[o+u]>n[o]-u&&(r.add(t.slice(o,o+u)),i[s++]=o+u);let a=o+n[o];'
                   'n[a]&&a<t.length-1&&(i[s++]=a),r.add(t.slice(o,a))}return r.has("")?new Set([t]):r',
          replacement='let i=[0],v=new Set;for(let s=i.length;s>0;){let o=i[--s];if(v.has(o))continue;'
                      'v.add(o);for(let u=1;u<n[o];u++)n[o+u]>n[o]-u&&(r.add(t.slice(o,o+u)),i[s++]=o+u);'
                      'let a=o+(n[o]||1);a<t.length&&(i[s++]=a),n[o]&&r.add(t.slice(o,a))}'
                      'return r.size?r:new Set([t])',
          reason="segment() of the search query: go on after every word and step over an unknown "
                 "character, so no word after it is dropped"),
    # Search.search() in src/templates/assets/javascripts/integrations/search/_/index.ts
    # replaces each run of Han characters by its words joined with "* ":
    # transformSearchQuery then appends "*" to every term, so every word but
    # the last becomes 期望** and is reported missing (the results say
    # 缺少: 期望*, and it counts for nothing in Material's boost of results
    # that hold every term); and the run stays glued to Latin letters next
    # to it (其他offer: one term that matches nothing). Words apart, the run
    # set apart: every word one term, with one wildcard.
    Patch(SEARCH_WORKER,
          expected='s=>[...fe(s,this.index.invertedIndex)].join("* ")',
          replacement='s=>" "+[...fe(s,this.index.invertedIndex)].join(" ")+" "',
          reason="Search.search(): one term per word of a Chinese query, with the wildcard "
                 "transformSearchQuery adds, set apart from Latin letters (其他offer, HR压价)"),
    # setupSearchWorker in src/templates/assets/javascripts/integrations/search/worker/_/index.ts
    # (in the bundle's .map): on http(s) it sends the index to the worker at
    # startup, `merge(of(location.protocol !== "file:"), watchToggle("search"))`;
    # every page then fetched the index (11 KB gz) for a search most visits
    # never make. Wait for the search toggle everywhere, as Material does on
    # file: — the search button, the box focused (mountSearchQuery sets the
    # toggle) and a ?q= link (watchSearchQuery sets it) all set it.
    Patch(MATERIAL_BUNDLE,
          expected='L($(location.protocol!=="file:"),Je("search"))',
          replacement='Je("search")',
          reason="setupSearchWorker(): send the index to the worker on the first search intent "
                 "(the search toggle), not at every page load"),
    # The same function creates the worker at once (watchWorker's default
    # `new Worker(url)`): 12 KB gz of script fetched and started on every
    # page. Hand it a stand-in that starts the worker at its first message
    # (the index, sent on the first search intent) and passes its messages on.
    # The worker's address is relative to the page: resolved now, as Material
    # does, since instant navigation may have moved to another page by then.
    Patch(MATERIAL_BUNDLE,
          expected="function Ei(e,t){let r=Mn(e);",
          replacement=("function Ei(e,t){let r=Mn(e,(u=>{let w,h=new EventTarget;u=new URL(u,location.href).href;"
                       "return{postMessage(d){w||(w=new Worker(u),w.onmessage=x=>h.dispatchEvent(new MessageEvent(\"message\",{data:x.data})));"
                       "w.postMessage(d)},addEventListener:h.addEventListener.bind(h),"
                       "removeEventListener:h.removeEventListener.bind(h)}})(e));"),
          reason="setupSearchWorker(): start the search worker with its first message, "
                 "not at every page load"),
    # mountSearchHiglight in src/templates/assets/javascripts/components/search/highlight/index.ts
    # (feature search.highlight) subscribes to the index at once,
    # combineLatest([index$, location$ with ?h=]): the index was fetched on
    # every page even with the worker waiting. Fetch it only for a ?h= link.
    Patch(MATERIAL_BUNDLE,
          expected='z([t,r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")))])',
          replacement='r.pipe(Q(we()),g(o=>!!o.searchParams.get("h")),b(n=>t.pipe(m(o=>[o,n]))))',
          reason="mountSearchHiglight(): fetch the search index only for a ?h= link"),
    # setupInstantNavigation in src/templates/assets/javascripts/integrations/instant/index.ts
    # (in the bundle's .map) intercepts every link to a page of the site,
    # anchors on the same page included, and fetches a page whenever the
    # location's pathname changes: `location$.pipe(distinctUntilKeyChanged(
    # "pathname"), …)`. location$ is a plain Subject, so the first tap on a
    # jump link after a load passes as a "change": the page fetched again
    # and its whole content swapped under the reader's thumb — the scroll
    # restored against content re-rendered meanwhile, the question landing
    # above the screen. Material 5–8 seeded the comparison with the page's
    # own location (startWith(getLocation()) … skip(1)); seed it again.
    Patch(MATERIAL_BUNDLE,
          expected='let s=t.pipe(ne("pathname"),b(',
          replacement='let s=t.pipe(Q(we()),ne("pathname"),g((a,c)=>c>0),b(',
          reason="setupInstantNavigation(): fetch a page only when the pathname changes from "
                 "the page shown, not on the first tap on an anchor of the same page"),
    # The same function scrolls to an anchor of the same page only once a
    # page was fetched (`document$.pipe(switchMap(() => location$),
    # distinctUntilKeyChanged("hash"))`): it relied on that first refetch.
    # Follow same-page anchors from the start.
    Patch(MATERIAL_BUNDLE,
          expected='s.pipe(b(()=>t),ne("hash"))',
          replacement='s.pipe(Q(document),b(()=>t),ne("hash"))',
          reason="setupInstantNavigation(): scroll to an anchor of the page shown from the first "
                 "tap, without a fetched page"),
)


class PatchError(ValueError):
    """Material's file is gone or no longer holds the code a patch expects."""


@dataclass(frozen=True)
class Shipped:
    source: str    # Material's file, e.g. assets/javascripts/workers/search.a7633da7.min.js
    name: str      # the patched file the site ships instead
    content: str


def shipped_name(source: str, content: str) -> str:
    """Material's name with the hash of the patched content."""
    digest = content_hash(content)
    path = PurePosixPath(source)
    if HASHED_NAME.search(path.name):
        return str(path.with_name(HASHED_NAME.sub("." + digest, path.name)))
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


def apply(text: str, patches: Iterable[Patch]) -> tuple[str, list[Patch]]:
    """`text` with every patch applied, and the patches whose code was not
    found exactly once (the text is then not to be shipped)."""
    failed = []
    for patch in patches:
        if text.count(patch.expected) != 1:
            failed.append(patch)
            continue
        text = text.replace(patch.expected, patch.replacement)
    return SOURCE_MAP_COMMENT.sub("\n", text), failed


def _problem(patch: Patch, found: int | None) -> str:
    release = f"Material {version('mkdocs-material')}"
    if found is None:
        what = f"no longer ships {patch.file}"
    else:
        what = (f"has {found} copies of the code the build patches in {patch.file}" if found
                else f"no longer has the code the build patches in {patch.file}")
    return (f"{release} {what} (expected: {patch.expected!r}; fix: {patch.reason}). Check whether "
            f"this release fixed the bug (then drop the patch) or moved the code (then find it "
            f"in the new file and its source map and update the patch in {MODULE})")


def patch_files(templates: Path, patches: Iterable[Patch] = PATCHES) -> list[Shipped]:
    """Every patched file, from Material's installed templates; raise
    PatchError naming every patch that cannot be applied."""
    by_file: dict[str, list[Patch]] = {}
    for patch in patches:
        by_file.setdefault(patch.file, []).append(patch)
    shipped, problems = [], []
    for source, wanted in by_file.items():
        path = templates / source
        if not path.is_file():
            problems += [_problem(p, None) for p in wanted]
            continue
        original = path.read_text(encoding="utf-8")
        text, failed = apply(original, wanted)
        problems += [_problem(p, original.count(p.expected)) for p in failed]
        if not failed:
            shipped.append(Shipped(source, shipped_name(source, text), text))
    if problems:
        raise PatchError("\n".join(problems))
    return shipped


def names(shipped: Iterable[Shipped]) -> dict[str, str]:
    """Material's file → the file the site ships instead."""
    return {s.source: s.name for s in shipped}
