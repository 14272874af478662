"""The site works offline after the first visit and installs as an app.

- `manifest.webmanifest` (name, short name, theme colour of the palette,
  icons, start_url/scope "./" so it works under a sub-path), a generated file;
- the template globals of overrides/partials/offline.html;
- `sw.js` at the site root, written after the pages are final: sw.js of this
  folder preceded by this build's VERSION (a hash of the offline copy's
  files), PRECACHE (what the worker's install stores at once: every file that
  is not a page — the scripts, stylesheets, search worker and index, manifest,
  icon — and the home page), LATER (every other page, fetched one at a time
  once the worker is active and the page idle: see phases) and ADDRESSES
  (each answer address a/<id>/ → where its stub page redirects: the worker
  answers those itself, so the stubs are not cached).

The browser side is docs/assets/javascripts/offline.js (registration, banner).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import critical

SW_FILE = "sw.js"
MANIFEST_FILE = "manifest.webmanifest"
ICON_DIR = "assets/images"
# Committed icons: (file, sizes, type). The SVG is the source of the PNGs.
ICONS = (
    ("icon.svg", "any", "image/svg+xml"),
    ("icon-192.png", "192x192", "image/png"),
    ("icon-512.png", "512x512", "image/png"),
)
APPLE_TOUCH_ICON = "icon-180.png"
# What a chat app's link preview shows (og:image): a PNG of at least
# PREVIEW_MIN_PX square, one of the app icons.
PREVIEW_IMAGE = "icon-512.png"
PREVIEW_SIZE = 512   # its width and height, as the preview's og:image:width/height say
PREVIEW_MIN_PX = 300
BACKGROUND = "#ffffff"

# Never precached: source maps, the compressed sitemap, this worker, the app
# icons (only fetched when the app is installed), the 404 page (offline, a
# reader only follows the site's own links), the vendored libraries with their
# licences (each loaded by the one feature that uses it, e.g. the QR code of
# 发到手机: the worker keeps it when that first fetches it) and Material's
# search language files except those the search worker loads (see lunr_files).
SKIP = (
    re.compile(r"^assets/javascripts/vendor/"),
    re.compile(r"^404\.html$"),
    re.compile(r"\.map$"),
    re.compile(r"(^|/)sitemap\.xml\.gz$"),
    re.compile(r"^(_headers|robots\.txt)$"),  # for hosts and crawlers, never fetched by a reader
    re.compile(rf"^{re.escape(SW_FILE)}$"),
    re.compile(rf"^{re.escape(ICON_DIR)}/({'|'.join(re.escape(f) for f, _, _ in ICONS)}"
               rf"|{re.escape(APPLE_TOUCH_ICON)})$"),
)
LUNR_DIR = "assets/javascripts/lunr/"
PALETTE_CSS = "assets/stylesheets/palette.*.min.css"
HOME = "index.html"


# -- pure helpers ------------------------------------------------------------


def content_hash(content: str) -> str:
    """The 8 hex digits a content-hashed file's name carries (Material's
    bundle.<8 hex>.min.js, the site's site.<8 hex>.js/.css): sw.js serves
    names with them cache first (HASHED), so a new content needs new digits."""
    return hashlib.sha256(content.encode("utf-8")).hexdigest()[:8]

def lunr_files(langs: list[str]) -> set[str]:
    """The lunr files Material's search worker imports for `langs`
    (mirrors its setupSearchLanguages)."""
    files: set[str] = set()
    for lang in langs:
        if lang == "ja":
            files.add(LUNR_DIR + "tinyseg.js")
        elif lang in ("hi", "th"):
            files.add(LUNR_DIR + "wordcut.js")
        if lang != "en":
            files.add(f"{LUNR_DIR}min/lunr.{lang}.min.js")
    if len(langs) > 1:
        files.add(LUNR_DIR + "min/lunr.multi.min.js")
    if files:
        files.add(LUNR_DIR + "min/lunr.stemmer.support.min.js")
    return files


def search_langs(site_dir: Path) -> list[str]:
    """Languages of the built search index; [] when the site has no search."""
    index = site_dir / "search" / "search_index.json"
    if not index.is_file():
        return []
    return list(json.loads(index.read_text(encoding="utf-8")).get("config", {}).get("lang", []))


def precache_files(site_dir: Path, langs: list[str], keep: frozenset[str] = frozenset(),
                   answered: frozenset[str] = frozenset()) -> list[str]:
    """Paths (relative, POSIX) of the built files a reader needs offline;
    `keep` overrides SKIP (the favicon, an app icon every page asks for);
    `answered`: URLs the worker answers itself (see redirect_files)."""
    needed_lunr = lunr_files(langs)
    left_out = redirect_files(answered)
    paths = []
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(site_dir).as_posix()
        if rel in left_out or (rel not in keep and any(rule.search(rel) for rule in SKIP)):
            continue
        if rel.startswith(LUNR_DIR) and rel not in needed_lunr:
            continue
        paths.append(rel)
    return paths


def phases(paths: list[str]) -> tuple[list[str], list[str]]:
    """(install, later) of the offline copy's files: what any page needs to
    render and search (every file that is not a page) and the home page,
    then the other pages."""
    later = [p for p in paths if p.endswith(".html") and p != HOME]
    return [p for p in paths if p not in later], later


def file_url(rel: str) -> str:
    """The URL (relative to the site root) a reader requests for a file:
    `x/index.html` is fetched as `x/`, the home page as `./`."""
    p = PurePosixPath(rel)
    if p.name != "index.html":
        return rel
    parent = p.parent.as_posix()
    return "./" if parent == "." else parent + "/"


def redirect_files(urls: frozenset[str] | set[str]) -> set[str]:
    """The built files behind URLs the worker answers with a redirect (an
    answer address "a/x/" is the file "a/x/index.html"): never precached."""
    return {url + "index.html" if url.endswith("/") else url for url in urls}


def build_version(site_dir: Path, paths: list[str]) -> str:
    """12 hex digits of a hash over the precached files' paths and bytes."""
    digest = hashlib.sha256()
    for rel in paths:
        digest.update(rel.encode() + b"\0")
        digest.update(hashlib.sha256((site_dir / rel).read_bytes()).digest())
    return digest.hexdigest()[:12]


def precache_size(site_dir: Path, paths: list[str]) -> tuple[int, int]:
    """(raw bytes, gzip bytes) of the precache as kept (pages without their
    inline critical CSS, see sw.js), each file gzipped alone."""
    raw = gz = 0
    for rel in paths:
        data = (site_dir / rel).read_bytes()
        if rel.endswith(".html"):
            data = critical.offline_copy(data.decode("utf-8")).encode("utf-8")
        raw += len(data)
        gz += len(gzip.compress(data, compresslevel=6, mtime=0))
    return raw, gz


def service_worker(source: str, version: str, urls: list[str], redirects: Mapping[str, str] | None = None,
                   later: list[str] | None = None) -> str:
    """The worker's text: build constants, then the hand-written logic.
    `urls`: installed at once; `later`: fetched after; `redirects`: URL → the
    URL it redirects to; all relative to the site root."""
    header = (
        "// Generated by hooks/handbook/output/pwa.py from hooks/handbook/output/sw.js: edit those, not this file.\n"
        f"const VERSION = {json.dumps(version)};\n"
        f"const PRECACHE = {json.dumps(urls, ensure_ascii=False, indent=0)};\n"
        f"const LATER = {json.dumps(later or [], ensure_ascii=False, indent=0)};\n"
        f"const ADDRESSES = {json.dumps(dict(sorted((redirects or {}).items())), ensure_ascii=False, indent=0)};\n"
        # the marks of partials/first-paint.html (output/critical.py)
        f"const FIRST_PAINT = {json.dumps({'style': critical.STYLE_MARK, 'sheet': critical.SHEET_MARK})};\n\n"
    )
    return header + source


def worker_constants(text: str) -> dict[str, object]:
    """The build constants at the top of a written sw.js (see service_worker), by name."""
    header = text.split("\n\n", 1)[0]  # the logic after it has constants of its own
    return {m.group(1): json.loads(m.group(2))
            for m in re.finditer(r"^const ([A-Z_]+) = (.*?);$", header, re.M | re.S)}


def theme_color(palette_css: str, primary: str) -> str | None:
    """Material's primary colour `primary` as defined in its palette CSS."""
    m = re.search(
        rf"\[data-md-color-primary={re.escape(primary)}\]\{{[^}}]*?--md-primary-fg-color:(#[0-9a-fA-F]{{3,8}})",
        palette_css,
    )
    return m.group(1) if m else None


def primary_name(palette: object) -> str:
    """The primary colour name of the first (default) palette; Material's default is indigo."""
    first = palette[0] if isinstance(palette, list) and palette else palette
    if isinstance(first, dict) and first.get("primary"):
        return str(first["primary"]).replace(" ", "-").lower()
    return "indigo"


def web_manifest(name: str, short_name: str, description: str, color: str) -> dict:
    return {
        "name": name,
        "short_name": short_name,
        "description": description,
        "lang": "zh-CN",
        "id": "./",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": color,
        "background_color": BACKGROUND,
        "icons": [{"src": f"{ICON_DIR}/{f}", "sizes": s, "type": t, "purpose": "any"} for f, s, t in ICONS],
    }


class ThemeColorError(ValueError):
    """The palette's primary colour is not one of Material's."""


def resolve_theme_color(palette: object, theme_dirs: list[str]) -> str:
    primary = primary_name(palette)
    for theme_dir in theme_dirs:
        for css in sorted(Path(theme_dir).glob(PALETTE_CSS)):
            color = theme_color(css.read_text(encoding="utf-8"), primary)
            if color:
                return color
    raise ThemeColorError(
        f"mkdocs.yml theme.palette primary {primary!r} is not a colour of Material's palette; "
        "use one of Material's primary colour names (e.g. indigo)"
    )


def missing_icons(present: set[str]) -> list[str]:
    """The app icons (paths under docs/) the site lacks."""
    wanted = [f for f, _, _ in ICONS] + [APPLE_TOUCH_ICON]
    return [f"docs/{ICON_DIR}/{f}" for f in wanted if f"{ICON_DIR}/{f}" not in present]


def png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) of PNG bytes, None when they are not a PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def preview_image_problem(data: bytes | None, where: str) -> str | None:
    """Why the file at `where` cannot be the link preview's og:image."""
    size = png_size(data) if data is not None else None
    if data is None:
        return f"{where}: link preview image missing"
    if size is None:
        return f"{where}: the link preview image must be a PNG"
    if min(size) < PREVIEW_MIN_PX:
        return f"{where}: the link preview image is {size[0]}x{size[1]} px; chat apps need at least {PREVIEW_MIN_PX} px"
    if size != (PREVIEW_SIZE, PREVIEW_SIZE):
        return f"{where}: the link preview image is {size[0]}x{size[1]} px, not {PREVIEW_SIZE}x{PREVIEW_SIZE} as declared"
    return None


def manifest_json(name: str, short_name: str, description: str, color: str) -> str:
    return json.dumps(web_manifest(name, short_name, description, color), ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class Size:
    files: int
    raw: int
    gzipped: int  # each file gzipped alone, as kept (see precache_size)


@dataclass(frozen=True)
class Precache:
    install: Size  # what the worker's install stores at once (PRECACHE)
    every: Size    # the whole offline copy after one visit: the install and LATER
    version: str


def write_service_worker(site_dir: Path, source: str, keep: frozenset[str] = frozenset(),
                         redirects: Mapping[str, str] | None = None) -> Precache:
    """Write sw.js (`source`: the worker's logic) for the site as it stands;
    call it after every other writer. `redirects`: the answer addresses
    (URL → target, relative to the site root), answered by the worker."""
    redirects = dict(redirects or {})
    paths = precache_files(site_dir, search_langs(site_dir), keep, frozenset(redirects))
    install, later = phases(paths)
    version = build_version(site_dir, paths)
    (site_dir / SW_FILE).write_text(service_worker(source, version, [file_url(p) for p in install], redirects,
                                                   [file_url(p) for p in later]), encoding="utf-8")
    first, rest = precache_size(site_dir, install), precache_size(site_dir, later)
    return Precache(Size(len(install), *first), Size(len(paths), first[0] + rest[0], first[1] + rest[1]), version)
