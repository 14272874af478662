"""Canary test: every profile field holds a unique marker in profile.local.yml.

The personal build shows each marker where a page uses the field; a public
build made afterwards into the same site directory (the local profile moved
away, as the README tells) holds none of them in any file, compressed or not.
"""

from __future__ import annotations

import gzip
import re
import uuid
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, build, copy_project, url_of
from handbook.build import DATA_DIR
from handbook.profile import load_fields

FIELDS = load_fields(ROOT / DATA_DIR / "profile_fields.yml")
RUN = uuid.uuid4().hex[:6]
# List items as long as real ones: the self-introduction lists them, and a
# strict build refuses one shorter than 60 s.
REALISTIC_TAIL = "：负责整体方案设计与工程落地，带来了可量化的业务提升"
# Where the calculator on the rights page reads its fields (not shown as text).
CALCULATOR_SOURCES = (ROOT / "hooks/handbook/severance.py", ROOT / "docs/assets/javascripts/severance.js")


def canaries() -> dict[str, object]:
    """A unique marker per field (list fields: one per item), shaped to pass
    the field's type and to survive escaping unchanged (letters and digits)."""
    values: dict[str, object] = {}
    for i, (key, spec) in enumerate(FIELDS.items()):
        if spec.type == "number":
            values[key] = 7_310_000_000 + i * 1_000 + int(RUN[:3], 16)
        elif spec.type == "list":
            values[key] = [f"cnry{RUN}{i:02d}item{n}{REALISTIC_TAIL}" for n in range(3)]
        else:
            values[key] = f"cnry{RUN}{i:02d}"
    return values


def markers(values: dict[str, object]) -> dict[str, list[str]]:
    """The ASCII canary of each value (list items without their tail): what
    the scans look for, also inside the \\u-escaped search index."""
    return {k: [str(x).removesuffix(REALISTIC_TAIL) for x in v] if isinstance(v, list) else [str(v)]
            for k, v in values.items()}


def file_texts(site: Path) -> dict[str, str]:
    """Every file of the site as text; .gz files decompressed."""
    out = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            out[path.relative_to(site).as_posix()] = data.decode("utf-8", errors="replace")
    return out


def text_pages(key: str) -> list[str]:
    """URLs of the pages that show the field as text: {{ me.<key> }}."""
    pattern = re.compile(r"\bme\." + re.escape(key) + r"\b")
    return [url_of(p.name) for p in sorted((ROOT / "docs").glob("*.md"))
            if pattern.search(p.read_text(encoding="utf-8"))]


def read_by_calculator(key: str) -> bool:
    return any(path.is_file() and f'"{key}"' in path.read_text(encoding="utf-8") for path in CALCULATOR_SOURCES)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """(personal build's files, public build, public build's files) of one
    project into the same site directory."""
    project = copy_project(tmp_path_factory.mktemp("canary") / "project")
    local = project / "profile.local.yml"
    local.write_text(yaml.safe_dump(canaries(), allow_unicode=True), encoding="utf-8")
    personal = build(project)
    assert personal.ok, personal.log
    personal_files = file_texts(personal.site)
    local.rename(project.parent / "profile.local.yml.away")
    public = build(project)
    assert public.ok, public.log
    return personal_files, public, file_texts(public.site)


def test_every_field_gets_a_unique_canary():
    values = canaries()
    assert set(values) == set(FIELDS)
    flat = [m for ms in markers(values).values() for m in ms]
    assert len(flat) == len(set(flat))


def test_every_field_is_used_on_some_page_or_by_the_calculator():
    unused = [key for key in FIELDS if not text_pages(key) and not read_by_calculator(key)]
    assert unused == [], f"fields no page uses: {unused}"


def test_the_personal_build_shows_each_canary_where_the_field_is_used(builds):
    files, _, _ = builds
    index = files["search/search_index.json"]
    for key, expected in markers(canaries()).items():
        for url in text_pages(key):
            # the site directory now holds the public build: read the snapshot
            page = BeautifulSoup(files[url + "index.html"], "html.parser")
            shown = [s.get_text().removesuffix(REALISTIC_TAIL)
                     for s in page.select(f'[data-profile="{key}"], [data-profile^="{key}."]')]
            # a page may show one item of a list, never a placeholder
            assert shown and all(text in expected or text == expected[0] + FIELDS[key].unit
                                 for text in shown), (key, url, shown)
        if text_pages(key):
            for marker in expected:
                assert marker in index, (key, marker)  # text on a page is searchable


def test_the_public_build_holds_no_canary_in_any_file(builds):
    _, public, files = builds
    assert {"index.html", "404.html", "search/search_index.json", "sitemap.xml", "sitemap.xml.gz",
            "robots.txt", "_headers", "sw.js", "manifest.webmanifest"} <= set(files)
    all_markers = [m for ms in markers(canaries()).values() for m in ms]
    assert {(name, m) for name, text in files.items() for m in all_markers if m in text} == set()
    assert "Personal profile in use" not in public.log


def test_the_canary_scan_would_find_a_leak(builds):
    """Control: the same scan finds every marker in the personal build's files."""
    files, _, _ = builds
    all_markers = [m for ms in markers(canaries()).values() for m in ms]
    assert [m for m in all_markers if not any(m in text for text in files.values())] == []
