"""What a page needs before its first paint, in real builds: the critical CSS
inline and hashed in the CSP, every stylesheet loaded without blocking, the
site's scripts as one deferred bundle of every listed script, in order."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, build, copy_project, edit
from handbook.output import critical, csp, scripts


def listed_scripts() -> list[str]:
    block = re.search(r"^extra_javascript:\n((?:  .*\n|#.*\n)+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return re.findall(r"^  - path: (\S+)", block.group(1), re.M)


def first_paint_problems(page: BeautifulSoup) -> list[str]:
    """What would hold the first paint or break it under the page's CSP."""
    problems = []
    head = page.head
    inline = head.select("style[data-handbook-critical]")
    text = inline[0].string or "" if len(inline) == 1 else ""
    if len(inline) != 1 or len(text) < 1000 or critical.SLOT in text:
        problems.append(f"no critical CSS inline ({len(inline)} style elements, {len(text)} characters)")
    meta = head.select_one('meta[http-equiv="Content-Security-Policy"]')
    style_src = re.search(r"style-src ([^;]*)", meta["content"] if meta else "")
    if not style_src or csp.script_hash(text) not in style_src.group(1).split():
        problems.append("the critical CSS's sha256 is not in the CSP's style-src")
    if style_src and "unsafe-inline" in style_src.group(1):
        problems.append("style-src allows unsafe-inline")
    for link in head.select('link[rel~="stylesheet"]'):
        if link.find_parent("noscript"):
            continue
        if link.get("media") != "print" or not link.has_attr("data-handbook-stylesheet"):
            problems.append(f"render-blocking stylesheet {link.get('href')}")
    for script in page.select("script[src]"):
        if not script.has_attr("defer") and not script.has_attr("async"):
            problems.append(f"script {script['src']} is not deferred")
    bundles = [s["src"] for s in page.select("script[src]") if "/site." in s["src"]]
    if len(bundles) != 1:
        problems.append(f"{len(bundles)} site script bundles")
    return problems


def test_every_page_paints_from_inline_css_with_nothing_blocking(site):
    pages = {path: page for path, page in site.pages().items() if page.select_one("script#__config")}
    assert len(pages) > 8  # Material's pages (an answer's address is a stub that forwards)
    for path, page in pages.items():
        assert first_paint_problems(page) == [], path
    assert re.search(r"critical CSS: \d+ bytes inline in each page", site.log)


def test_the_first_paint_check_sees_a_missing_hash_a_blocking_sheet_and_a_sync_script(site):
    html = site.text("salary/index.html")
    digest = csp.script_hash(site.page("salary/").select_one("style[data-handbook-critical]").string)
    without_hash = BeautifulSoup(html.replace(digest, ""), "html.parser")
    assert first_paint_problems(without_hash) == ["the critical CSS's sha256 is not in the CSP's style-src"]
    blocking = BeautifulSoup(html.replace('media="print" data-handbook-stylesheet', "", 1), "html.parser")
    assert [p for p in first_paint_problems(blocking) if p.startswith("render-blocking stylesheet")]
    sync = BeautifulSoup(re.sub(r'(<script src="[^"]*/site\.[0-9a-f]+\.js") defer', r"\1", html), "html.parser")
    assert [p for p in first_paint_problems(sync) if p.endswith("is not deferred")]
    empty = BeautifulSoup(re.sub(r"(<style data-handbook-critical>).*?(</style>)", r"\1\2", html, flags=re.S),
                          "html.parser")
    assert "no critical CSS inline (1 style elements, 0 characters)" in first_paint_problems(empty)


def test_the_bundle_holds_every_listed_script_in_order_and_only_it_is_published(site):
    listed = listed_scripts()
    assert listed[0] == scripts.CORE and len(listed) > 2
    [src] = [s["src"] for s in site.page("").select("script[src]") if "/site." in s["src"]]
    name = "assets/javascripts/" + src.rsplit("/", 1)[1]
    assert name == scripts.bundle_name(site.text(name))
    found = scripts.parts(site.text(name))
    assert list(found) == listed
    for path in listed:
        assert found[path].strip().removesuffix(";").strip() == (ROOT / "docs" / path).read_text(encoding="utf-8").strip()
        assert not (site.site / path).exists(), f"{path} is published beside the bundle"
    assert (site.site / "assets/javascripts/severance.js").is_file()  # fetched where a calculator is


def test_the_panels_work_is_its_own_file_named_in_the_panel_and_precached_not_in_the_bundle(site):
    [src] = [s["src"] for s in site.page("").select("script[src]") if "/site." in s["src"]]
    bundled = scripts.parts(site.text("assets/javascripts/" + src.rsplit("/", 1)[1]))
    assert not set(scripts.PANEL) & set(bundled)
    for url in ("", "salary/"):
        panel_src = site.page(url).select_one("#profile-panel")["data-profile-panel-src"]
        name = "assets/javascripts/" + panel_src.rsplit("/", 1)[1]
        assert re.fullmatch(r"assets/javascripts/panel\.[0-9a-f]{8}\.js", name)
        assert (site.site / url).joinpath(panel_src).resolve() == site.site / name
    assert name == scripts.bundle_name(site.text(name), scripts.PANEL_STEM)
    assert list(scripts.parts(site.text(name))) == list(scripts.PANEL)
    for path in scripts.PANEL:
        assert not (site.site / path).exists(), f"{path} is published beside the panel's file"
    assert f'"{name}"' in site.text("sw.js")  # offline: the panel opens without a network


@pytest.mark.parametrize("listed, instead, message", [
    ("  - path: assets/javascripts/share.js\n    defer: true\n",
     "  - path: assets/javascripts/share.js\n  - path: assets/javascripts/gone.js\n    defer: true\n",
     "mkdocs.yml extra_javascript: assets/javascripts/share.js is not `defer: true`; "
     "assets/javascripts/gone.js is not in docs/"),
    ("  - path: assets/javascripts/practice.js\n",  # a script of the panel's work, listed too
     "  - path: assets/javascripts/transfer.js\n    defer: true\n  - path: assets/javascripts/practice.js\n",
     "assets/javascripts/transfer.js is listed in mkdocs.yml extra_javascript (profile.js fetches it)"),
], ids=["not-deferred-or-missing", "panel-script-listed"])
def test_a_script_that_cannot_be_bundled_fails_naming_it(project, listed, instead, message):
    edit(project / "mkdocs.yml", listed, instead)
    result = build(project)
    assert not result.ok
    assert message in result.log


def test_practice_mode_applies_before_the_paint_with_the_core_names(site):
    page = site.page("opening/")
    early = [s.string for s in page.head.select("script:not([src])") if s.string and "practice" in s.string]
    assert early == ['try{if(localStorage.getItem("handbook.practice")==="on")'
                     'document.documentElement.classList.add("practice-mode")}catch(e){}']


def test_a_build_works_out_the_critical_css_while_it_writes_the_pages(tmp_path, monkeypatch):
    # the command line: a fresh process, as an owner builds (the worker is
    # forked only where no other thread runs: not in every test process)
    from handbook.output import critical_worker
    forked = build(copy_project(tmp_path / "forked"), "-v")
    assert forked.ok, forked.log
    assert "inline in each page (worked out in the worker process)" in forked.log, forked.log[-2000:]
    # the same computation in the build's own process gives the same pages
    monkeypatch.setattr(critical_worker, "other_threads", lambda: ["a thread"])
    alone = build(copy_project(tmp_path / "alone"))
    assert alone.ok, alone.log
    assert "inline in each page (worked out in the build process)" in alone.log
    for page in forked.site.rglob("*.html"):
        assert page.read_text(encoding="utf-8") == (alone.site / page.relative_to(forked.site)).read_text(
            encoding="utf-8"), page
