"""Offline and installable, in the built site: sw.js precaches every page and
what the pages load, answers every answer address itself (its stub is not
precached), the web manifest and head tags, and the refusals (an unknown
palette colour, a missing icon)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build
from handbook.output import pwa


def constants(site: Path) -> dict:
    """The build constants of the built sw.js (VERSION, PRECACHE, LATER, ADDRESSES)."""
    return pwa.worker_constants((site / "sw.js").read_text(encoding="utf-8"))


def precache_of(site: Path) -> tuple[str, list[str]]:
    """(VERSION, every URL of the offline copy: PRECACHE then LATER)."""
    found = constants(site)
    assert re.fullmatch(r"[0-9a-f]{12}", found["VERSION"])
    return found["VERSION"], found["PRECACHE"] + found["LATER"]


def addresses_of(site: Path) -> dict[str, str]:
    """ADDRESSES as written into the built sw.js: answer address → target."""
    return constants(site)["ADDRESSES"]


def resolve(base: str, ref: str) -> str:
    """`ref` of a page in the folder `base` ("." for the root), relative to the site root."""
    parts: list[str] = []
    for part in ((Path(base) / ref).as_posix() if base != "." else ref).split("/"):
        if part == "..":
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts) + ("/" if ref.endswith("/") and parts else "")


def stub_targets(site: Path) -> dict[str, str]:
    """Every stub page of the build (an answer address): its URL → where its
    meta refresh leads, fragment kept, relative to the site root."""
    found = {}
    for html in sorted(site.rglob("index.html")):
        refresh = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one(
            'meta[http-equiv="refresh"]')
        if refresh is not None:
            base = html.parent.relative_to(site).as_posix()
            found[base + "/"] = resolve(base, refresh["content"].split("url=", 1)[1])
    return found


def address_problems(site: Path, addresses: dict[str, str], urls: list[str]) -> list[str]:
    """Answer addresses the worker does not answer as their stub would, and stubs it precaches."""
    stubs = stub_targets(site)
    problems = [f"{url} is missing from ADDRESSES" for url in stubs if url not in addresses]
    problems += [f"{url} redirects to {addresses[url]}, its stub to {target}" for url, target in stubs.items()
                 if url in addresses and addresses[url] != target]
    problems += [f"{url} is in ADDRESSES but no stub of the build" for url in addresses if url not in stubs]
    return problems + [f"stub {url} is precached" for url in stubs if url in urls]


def page_needs(site: Path) -> dict[str, set[str]]:
    """Per built page, the same-site files it loads: stylesheets, scripts,
    icon, the search worker and index, and the sitemap of instant navigation."""
    needs = {}
    for html in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        base = html.parent.relative_to(site).as_posix()
        refs = [t["href"] for t in soup.select("link[rel=stylesheet], link[rel=icon]")]
        refs += [t["src"] for t in soup.select("script[src]")]
        config = soup.select_one("#__config")
        if config is None:  # an answer address's stub: answered by the worker (address_problems)
            continue
        config = json.loads(config.get_text())
        refs += [config["search"], config["base"] + "/search/search_index.json", config["base"] + "/sitemap.xml"]
        needs[html.relative_to(site).as_posix()] = {resolve(base, ref) for ref in refs}
    return needs


def built_file(url: str) -> str:
    if url == "./":
        return "index.html"
    return url + "index.html" if url.endswith("/") else url


def precache_problems(site: Path, urls: list[str], install: list[str] | None = None) -> list[str]:
    """Pages that the offline copy `urls` misses, files a page loads that its
    install part (`install`, default all of `urls`) misses, and files it must not hold."""
    problems = []
    cached, first = set(urls), set(urls if install is None else install)
    for page, files in page_needs(site).items():
        if page == "404.html":
            continue
        url = pwa.file_url(page)
        if url not in cached:
            problems.append(f"page {url} is not precached")
        problems += [f"{url} loads {f}, not installed at once" for f in sorted(files - first)
                     if not f.endswith("/")]
    problems += [f"{u} is fetched after the install, not a page" for u in cached - first
                 if not built_file(u).endswith(".html")]
    if "./" not in first:
        problems.append("the home page is not installed at once")
    problems += [f"{u} should not be precached" for u in urls
                 if u.endswith((".map", ".gz")) or "/lunr/" in u or "/vendor/" in u  # vendor: kept on first use
                 or u in ("404.html", "_headers", "robots.txt")]
    problems += [f"{u} is precached but not in the build" for u in urls if not (site / built_file(u)).is_file()]
    return problems


def test_the_worker_installs_what_pages_load_and_then_every_other_page(site):
    version, urls = precache_of(site.site)
    found = constants(site.site)
    assert precache_problems(site.site, urls, found["PRECACHE"]) == []
    # severance.js is fetched by calculator.js on the rights page only: cached all the same
    assert {"./", "search/search_index.json", "manifest.webmanifest",
            "assets/javascripts/severance.js"} <= set(found["PRECACHE"])
    assert {"all/", "salary/"} <= set(found["LATER"]) and "./" not in found["LATER"]
    assert re.search(rf"sw\.js precaches {len(found['PRECACHE'])} files, \d+ bytes \(\d+ gzipped\); "
                     rf"after one visit every file: {len(urls)} files, \d+ bytes \(\d+ gzipped\), "
                     rf"version {version}", site.log)


def test_the_install_check_sees_a_loaded_file_or_the_home_page_left_for_later(site):
    found = constants(site.site)
    css = next(u for u in found["PRECACHE"] if u.endswith(".css"))
    install = [u for u in found["PRECACHE"] if u not in (css, "./")]
    problems = precache_problems(site.site, install + found["LATER"] + [css, "./"], install)
    assert f"salary/ loads {css}, not installed at once" in problems
    assert f"{css} is fetched after the install, not a page" in problems
    assert "the home page is not installed at once" in problems


def test_the_worker_answers_every_answer_address_as_its_stub_and_precaches_no_stub(site):
    _, urls = precache_of(site.site)
    addresses = addresses_of(site.site)
    assert address_problems(site.site, addresses, urls) == []
    assert len(addresses) >= 20 and addresses["a/layoff/"] == "rights/#layoff"
    assert not any(u.startswith("a/") for u in urls)


def test_the_address_check_sees_a_missing_or_wrong_address_and_a_precached_stub(site):
    _, urls = precache_of(site.site)
    addresses = addresses_of(site.site)
    del addresses["a/layoff/"]
    addresses["a/overtime/"] = "offer/"
    assert address_problems(site.site, addresses, urls + ["a/motivation/"]) == [
        "a/layoff/ is missing from ADDRESSES", "a/overtime/ redirects to offer/, its stub to offer/#overtime",
        "stub a/motivation/ is precached"]


def test_the_precache_check_sees_a_page_the_worker_leaves_out(project, monkeypatch):
    monkeypatch.setattr(pwa, "SKIP", pwa.SKIP + (re.compile(r"^salary/index\.html$"),))
    result = build(project)
    assert result.ok, result.log
    _, urls = precache_of(result.site)
    assert "salary/" not in urls
    assert "page salary/ is not precached" in precache_problems(result.site, urls)
    qr = "assets/javascripts/vendor/qrcode-generator/qrcode.js"
    assert f"{qr} should not be precached" in precache_problems(result.site, urls + [qr])


def test_the_worker_sits_at_the_site_root_and_touches_only_its_own_site(site):
    text = site.text("sw.js")
    assert text.startswith("// Generated by hooks/handbook/output/pwa.py")
    assert text.endswith((ROOT / "hooks/handbook/output/sw.js").read_text(encoding="utf-8"))
    assert 'const ROOT = new URL("./", self.location.href).href;' in text
    assert "!request.url.startsWith(ROOT)" in text  # other origins and paths are left alone
    assert "importScripts" not in text and "http" not in text.split("\n", 1)[1]  # no library, no other host


def test_the_worker_version_changes_with_a_page(project, site):
    (project / "docs" / "ask.md").write_text((project / "docs" / "ask.md").read_text(encoding="utf-8")
                                             + "\n补一句。\n", encoding="utf-8")
    result = build(project, env={"SITE_URL": "http://127.0.0.1:8000/"})
    assert result.ok, result.log
    assert precache_of(result.site)[0] != precache_of(site.site)[0]
    assert precache_of(result.site)[1] == precache_of(site.site)[1]


def test_every_page_links_the_manifest_theme_colour_and_touch_icon(site):
    data = json.loads(site.text("manifest.webmanifest"))
    assert data["name"] == "面试问答速查" and data["short_name"] == "面试速查"
    assert data["theme_color"] == "#4051b5" and data["display"] == "standalone"
    for icon in data["icons"]:
        assert (site.site / icon["src"]).is_file(), icon
    for path, soup in site.pages(stubs=False).items():
        head = soup.head
        manifest = head.select_one("link[rel=manifest]")
        # relative, so it works under a sub-path (404.html uses the site_url's path instead)
        assert manifest and (path == "404.html" or not manifest["href"].startswith("/")), path
        assert head.select_one("meta[name=theme-color]")["content"] == "#4051b5", path
        assert head.select_one("link[rel=apple-touch-icon]")["href"].endswith("assets/images/icon-180.png")
        bundles = [s["src"] for s in soup.select("script[src][defer]") if "/site." in s["src"]]
        assert len(bundles) == 1, path  # offline.js registers the worker from the site's bundle
        assert "/* --- assets/javascripts/offline.js --- */" in site.text(
            "assets/javascripts/" + bundles[0].rsplit("/", 1)[1]), path
    assert "<script" not in (ROOT / "overrides/partials/offline.html").read_text(encoding="utf-8")


def test_the_theme_colour_follows_the_palette(project):
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text(encoding="utf-8")
                                        .replace("primary: indigo", "primary: deep orange", 1), encoding="utf-8")
    result = build(project)
    assert result.ok, result.log
    assert json.loads(result.text("manifest.webmanifest"))["theme_color"] == "#ff6e42"
    assert result.page().select_one("meta[name=theme-color]")["content"] == "#ff6e42"


def test_an_unknown_palette_colour_fails_naming_the_key(project):
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text(encoding="utf-8")
                                        .replace("primary: indigo", "primary: nonsense", 1), encoding="utf-8")
    result = build(project)
    assert not result.ok
    assert "mkdocs.yml theme.palette primary 'nonsense' is not a colour of Material's palette" in result.log


@pytest.mark.parametrize("icon", ["icon-512.png", "icon-180.png"])
def test_a_missing_icon_fails_naming_the_file(project, icon):
    (project / "docs" / "assets" / "images" / icon).unlink()
    result = build(project)
    assert not result.ok
    assert f"offline: app icon(s) missing: docs/assets/images/{icon}" in result.log
