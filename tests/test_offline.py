"""hooks/offline.py: what the service worker precaches, its version, the web
app manifest and the head tags, checked on the helpers and the built site."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import build
from offline import (
    build_version, file_url, lunr_files, precache_files, precache_size, primary_name,
    service_worker, theme_color, web_manifest,
)


def precache_of(site: Path) -> tuple[str, list[str]]:
    """(VERSION, PRECACHE) as written into the built sw.js."""
    text = (site / "sw.js").read_text(encoding="utf-8")
    version = re.search(r'^const VERSION = "([0-9a-f]{12})";$', text, re.M).group(1)
    urls = json.loads(re.search(r"^const PRECACHE = (\[.*?\]);$", text, re.M | re.S).group(1))
    return version, urls


def page_needs(site: Path) -> dict[str, set[str]]:
    """Per built page, the same-site files it loads: stylesheets, scripts,
    icon, the search worker and index, and the sitemap of instant navigation."""
    from bs4 import BeautifulSoup

    needs = {}
    for html in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        base = html.parent.relative_to(site).as_posix()
        refs = [t["href"] for t in soup.select("link[rel=stylesheet], link[rel=icon]")]
        refs += [t["src"] for t in soup.select("script[src]")]
        config = json.loads(soup.select_one("#__config").get_text())
        refs += [config["search"], config["base"] + "/search/search_index.json",
                 config["base"] + "/sitemap.xml"]
        resolved = set()
        for ref in refs:
            path = (Path(base) / ref).as_posix() if base != "." else ref
            parts: list[str] = []
            for part in path.split("/"):
                if part == "..":
                    parts.pop()
                elif part not in (".", ""):
                    parts.append(part)
            resolved.add("/".join(parts))
        needs[html.relative_to(site).as_posix()] = resolved
    return needs


def built_file(url: str) -> str:
    """The inverse of file_url."""
    if url == "./":
        return "index.html"
    return url + "index.html" if url.endswith("/") else url


def precache_problems(site: Path, urls: list[str]) -> list[str]:
    """Pages or files a page loads that the precache misses, and files it must not hold."""
    problems = []
    cached = set(urls)
    for page, files in page_needs(site).items():
        if page == "404.html":
            continue
        url = file_url(page)
        if url not in cached:
            problems.append(f"page {url} is not precached")
        problems += [f"{url} loads {f}, not precached" for f in sorted(files - cached)]
    problems += [f"{u} should not be precached" for u in urls
                 if u.endswith((".map", ".gz")) or "/lunr/" in u or u == "404.html"]
    problems += [f"{u} is precached but not in the build" for u in urls if not (site / built_file(u)).is_file()]
    return problems


# -- helpers -----------------------------------------------------------------------

@pytest.mark.parametrize(("langs", "expected"), [
    (["en"], set()),
    ([], set()),
    (["zh"], {"min/lunr.stemmer.support.min.js", "min/lunr.zh.min.js"}),
    (["ja", "en"], {"min/lunr.stemmer.support.min.js", "tinyseg.js", "min/lunr.ja.min.js",
                    "min/lunr.multi.min.js"}),
])
def test_lunr_files_mirror_what_the_search_worker_imports(langs, expected):
    assert lunr_files(langs) == {"assets/javascripts/lunr/" + f for f in expected}


def fake_site(root: Path) -> Path:
    for rel in ("index.html", "a/index.html", "404.html", "sw.js", "sitemap.xml", "sitemap.xml.gz",
                "assets/javascripts/bundle.12345678.min.js", "assets/javascripts/bundle.12345678.min.js.map",
                "assets/javascripts/lunr/min/lunr.de.min.js", "assets/javascripts/lunr/wordcut.js",
                "assets/images/favicon.png", "assets/images/icon-512.png", "assets/images/icon.svg",
                "assets/images/icon-180.png", "search/search_index.json"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(rel)
    return root


def test_precache_keeps_pages_and_loaded_assets_and_skips_the_rest(tmp_path):
    paths = precache_files(fake_site(tmp_path), ["en"])
    assert paths == ["a/index.html", "assets/images/favicon.png", "assets/javascripts/bundle.12345678.min.js",
                     "index.html", "search/search_index.json", "sitemap.xml"]
    assert "assets/javascripts/lunr/min/lunr.de.min.js" in precache_files(tmp_path, ["de"])


def test_file_url_is_what_a_reader_requests():
    assert file_url("index.html") == "./"
    assert file_url("opening/index.html") == "opening/"
    assert file_url("assets/x.css") == "assets/x.css"


def test_version_follows_the_content_of_the_files(tmp_path):
    site = fake_site(tmp_path)
    paths = precache_files(site, ["en"])
    first = build_version(site, paths)
    assert first == build_version(site, paths) and re.fullmatch(r"[0-9a-f]{12}", first)
    (site / "a" / "index.html").write_text("changed answer")
    assert build_version(site, paths) != first
    raw, gz = precache_size(site, paths)
    assert raw == sum(len((site / p).read_bytes()) for p in paths) and gz > 0


def test_service_worker_text_starts_with_the_build_constants():
    text = service_worker("// logic\n", "abcdef123456", ["./", "a/"])
    assert 'const VERSION = "abcdef123456";' in text
    assert json.loads(re.search(r"const PRECACHE = (\[.*?\]);", text, re.S).group(1)) == ["./", "a/"]
    assert text.endswith("// logic\n")


def test_theme_color_comes_from_the_palette_css():
    css = ("[data-md-color-primary=indigo]{--md-primary-fg-color:#4051b5;--x:#000}"
           "[data-md-color-primary=deep-orange]{--md-primary-fg-color:#ff6e42}")
    assert theme_color(css, "indigo") == "#4051b5"
    assert theme_color(css, "deep-orange") == "#ff6e42"
    assert theme_color(css, "nonsense") is None
    assert primary_name([{"primary": "Deep Orange"}]) == "deep-orange"
    assert primary_name({"scheme": "slate"}) == "indigo"


def test_web_manifest_is_relative_to_where_it_is_served():
    data = web_manifest("面试问答速查", "面试速查", "d", "#4051b5")
    assert data["start_url"] == "./" and data["scope"] == "./" and data["display"] == "standalone"
    assert all(not icon["src"].startswith("/") for icon in data["icons"])


# -- the built site ------------------------------------------------------------------

def test_worker_precaches_every_page_and_what_pages_load(site):
    version, urls = precache_of(site.site)
    assert precache_problems(site.site, urls) == []
    assert "search/search_index.json" in urls and "./" in urls and "all/" in urls
    assert re.search(rf"sw\.js precaches {len(urls)} files, \d+ bytes \(\d+ gzipped\), version {version}",
                     site.log)


def test_precache_check_fails_on_a_missing_page_asset_or_a_source_map(site):
    _, urls = precache_of(site.site)
    broken = [u for u in urls if u not in ("salary/", "search/search_index.json")
              and not re.search(r"/main\.[0-9a-f]{8}\.min\.css$", u)]
    broken.append("assets/javascripts/bundle.a5f9d56c.min.js.map")
    problems = precache_problems(site.site, broken)
    assert "page salary/ is not precached" in problems
    assert any("search_index.json, not precached" in p for p in problems)
    assert any("main." in p and "not precached" in p for p in problems)
    assert "assets/javascripts/bundle.a5f9d56c.min.js.map should not be precached" in problems


def test_worker_sits_at_the_site_root_and_touches_only_its_own_site(site):
    text = (site.site / "sw.js").read_text(encoding="utf-8")
    assert 'const ROOT = new URL("./", self.location.href).href;' in text
    assert "!request.url.startsWith(ROOT)" in text  # other origins and paths are left alone
    assert "importScripts" not in text and "http" not in text  # no library, no other host


def test_every_page_links_the_manifest_theme_color_and_touch_icon(site):
    data = json.loads((site.site / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert data["name"] == "面试问答速查" and data["short_name"] == "面试速查"
    assert data["theme_color"] == "#4051b5" and data["display"] == "standalone"
    for path, soup in site.pages().items():
        head = soup.head
        manifest = head.select_one("link[rel=manifest]")
        # Relative, so it works under a sub-path (404.html uses the site_url's path instead).
        assert manifest and (path == "404.html" or not manifest["href"].startswith("/")), path
        assert head.select_one("meta[name=theme-color]")["content"] == "#4051b5", path
        assert head.select_one("link[rel=apple-touch-icon]")["href"].endswith("assets/images/icon-180.png")
        scripts = [s["src"] for s in soup.select("script[src]")]
        assert any(s.endswith("assets/javascripts/offline.js") for s in scripts), path
    partial = Path(__file__).parents[1] / "overrides" / "partials" / "offline.html"
    assert "<script" not in partial.read_text(encoding="utf-8")


def test_an_unknown_palette_colour_fails_the_build_naming_the_key(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("primary: indigo", "primary: nonsense", 1),
                      encoding="utf-8")
    result = build(project)
    assert not result.ok
    assert "theme.palette primary 'nonsense' is not a colour of Material's palette" in result.log


def test_a_missing_icon_fails_the_build_naming_the_file(project):
    (project / "docs" / "assets" / "images" / "icon-512.png").unlink()
    result = build(project)
    assert not result.ok
    assert "app icon(s) missing: docs/assets/images/icon-512.png" in result.log
