"""Offline and installable (hooks/handbook/output/pwa.py): what the service
worker precaches, its version, the web manifest and the theme colour."""

import json
import re
from pathlib import Path

import material
import pytest

from conftest import write
from handbook.output.pwa import (
    ThemeColorError, build_version, file_url, lunr_files, manifest_json, missing_icons, precache_files,
    phases, precache_size, redirect_files, worker_constants, primary_name, resolve_theme_color, service_worker, theme_color, web_manifest,
)

MATERIAL = Path(material.__file__).parent


@pytest.mark.parametrize(("langs", "expected"), [
    (["en"], set()),
    ([], set()),
    (["zh"], {"min/lunr.stemmer.support.min.js", "min/lunr.zh.min.js"}),
    (["ja", "en"], {"min/lunr.stemmer.support.min.js", "tinyseg.js", "min/lunr.ja.min.js",
                    "min/lunr.multi.min.js"}),
    (["th"], {"min/lunr.stemmer.support.min.js", "wordcut.js", "min/lunr.th.min.js"}),
])
def test_lunr_files_are_what_the_search_worker_imports(langs, expected):
    assert lunr_files(langs) == {"assets/javascripts/lunr/" + f for f in expected}


def fake_site(root: Path) -> Path:
    for rel in ("index.html", "a/index.html", "404.html", "sw.js", "sitemap.xml", "sitemap.xml.gz",
                "_headers", "robots.txt",
                "assets/javascripts/bundle.12345678.min.js", "assets/javascripts/bundle.12345678.min.js.map",
                "assets/javascripts/lunr/min/lunr.de.min.js", "assets/javascripts/lunr/wordcut.js",
                "assets/images/favicon.png", "assets/images/icon-512.png", "assets/images/icon.svg",
                "assets/images/icon-180.png", "search/search_index.json",
                "assets/javascripts/vendor/lib/lib.js", "assets/javascripts/vendor/lib/LICENSE.txt"):
        write(root / rel, rel)
    return root


def test_the_precache_keeps_pages_and_loaded_assets_and_skips_the_rest(tmp_path):
    assert precache_files(fake_site(tmp_path), ["en"]) == [
        "a/index.html", "assets/images/favicon.png", "assets/javascripts/bundle.12345678.min.js",
        "index.html", "search/search_index.json", "sitemap.xml"]
    assert "assets/javascripts/lunr/min/lunr.de.min.js" in precache_files(tmp_path, ["de"])


def test_a_url_the_worker_answers_itself_is_not_precached(tmp_path):
    site = fake_site(tmp_path)
    write(site / "a" / "x" / "index.html", "stub")
    assert redirect_files({"a/x/", "b.txt"}) == {"a/x/index.html", "b.txt"}
    assert "a/x/index.html" in precache_files(site, ["en"])
    assert "a/x/index.html" not in precache_files(site, ["en"], answered=frozenset({"a/x/"}))
    assert "a/index.html" in precache_files(site, ["en"], answered=frozenset({"a/x/"}))


def test_the_worker_knows_where_each_answer_address_leads():
    text = service_worker("// logic\n", "abcdef123456", ["./"], {"a/y/": "s/#y", "a/x/": "答/#x"})
    assert re.search(r"const ADDRESSES = (\{.*?\});", text, re.S).group(1) == '{\n"a/x/": "答/#x",\n"a/y/": "s/#y"\n}'
    assert "const ADDRESSES = {};" in service_worker("// logic\n", "abcdef123456", ["./"])


def test_the_install_holds_every_file_but_the_pages_and_the_home_page():
    paths = ["a/index.html", "assets/app.12345678.js", "index.html", "search/search_index.json", "b/c/index.html"]
    assert phases(paths) == (["assets/app.12345678.js", "index.html", "search/search_index.json"],
                             ["a/index.html", "b/c/index.html"])
    assert phases([]) == ([], [])


def test_the_constants_of_a_written_worker_read_back():
    text = service_worker('const X = "logic";\n', "abcdef123456", ["./", "答/"], {"a/x/": "s/#x"}, ["s/"])
    assert worker_constants(text) == {
        "VERSION": "abcdef123456", "PRECACHE": ["./", "答/"], "LATER": ["s/"], "ADDRESSES": {"a/x/": "s/#x"},
        "FIRST_PAINT": {"style": "data-handbook-critical", "sheet": "data-handbook-stylesheet"}}


def test_a_file_is_precached_under_the_url_a_reader_requests():
    assert file_url("index.html") == "./"
    assert file_url("opening/index.html") == "opening/"
    assert file_url("assets/x.css") == "assets/x.css"


def test_the_version_follows_the_content_of_the_files(tmp_path):
    site = fake_site(tmp_path)
    paths = precache_files(site, ["en"])
    first = build_version(site, paths)
    assert first == build_version(site, paths) and re.fullmatch(r"[0-9a-f]{12}", first)
    write(site / "a" / "index.html", "changed answer")
    assert build_version(site, paths) != first
    raw, gz = precache_size(site, paths)
    assert raw == sum(len((site / p).read_bytes()) for p in paths) and gz > 0


def test_the_worker_starts_with_the_build_constants():
    text = service_worker("// logic\n", "abcdef123456", ["./", "a/", "答/"])
    assert 'const VERSION = "abcdef123456";' in text
    assert json.loads(re.search(r"const PRECACHE = (\[.*?\]);", text, re.S).group(1)) == ["./", "a/", "答/"]
    assert text.endswith("// logic\n")


def test_the_theme_colour_comes_from_materials_palette():
    css = ("[data-md-color-primary=indigo]{--md-primary-fg-color:#4051b5;--x:#000}"
           "[data-md-color-primary=deep-orange]{--md-primary-fg-color:#ff6e42}")
    assert theme_color(css, "indigo") == "#4051b5" and theme_color(css, "deep-orange") == "#ff6e42"
    assert theme_color(css, "nonsense") is None
    assert primary_name([{"primary": "Deep Orange"}]) == "deep-orange"
    assert primary_name({"scheme": "slate"}) == "indigo" and primary_name(None) == "indigo"
    assert resolve_theme_color([{"primary": "indigo"}], [str(MATERIAL / "templates")]) == "#4051b5"


def test_an_unknown_primary_colour_is_named():
    with pytest.raises(ThemeColorError, match="theme.palette primary 'nonsense' is not a colour of Material"):
        resolve_theme_color([{"primary": "nonsense"}], [str(MATERIAL / "templates")])


def test_the_web_manifest_works_under_a_sub_path():
    data = web_manifest("面试问答速查", "面试速查", "d", "#4051b5")
    assert data["start_url"] == data["scope"] == data["id"] == "./" and data["display"] == "standalone"
    assert data["lang"] == "zh-CN" and data["theme_color"] == "#4051b5"
    assert all(not icon["src"].startswith("/") for icon in data["icons"])
    text = manifest_json("面试问答速查", "面试速查", "d", "#4051b5")
    assert "面试速查" in text and json.loads(text) == data  # UTF-8, not \\u escapes


def test_missing_icons_are_named_as_docs_paths():
    present = {"assets/images/icon.svg", "assets/images/icon-192.png", "assets/images/icon-180.png"}
    assert missing_icons(present) == ["docs/assets/images/icon-512.png"]
    assert missing_icons(present | {"assets/images/icon-512.png"}) == []


def test_a_kept_page_drops_its_inline_css_and_links_its_stylesheets(tmp_path):
    from handbook.output.critical import offline_copy

    page = ('<head><style data-handbook-critical>p{color:red}</style>'
            '<link rel="stylesheet" href="a.css" media="print" data-handbook-stylesheet></head><p>x</p>')
    assert offline_copy(page) == '<head><link rel="stylesheet" href="a.css" data-handbook-stylesheet></head><p>x</p>'
    write(tmp_path / "index.html", page)
    raw, _ = precache_size(tmp_path, ["index.html"])
    assert raw == len(offline_copy(page).encode())
    text = service_worker("// logic\n", "abcdef123456", ["./"])
    assert 'const FIRST_PAINT = {"style": "data-handbook-critical", "sheet": "data-handbook-stylesheet"};' in text
