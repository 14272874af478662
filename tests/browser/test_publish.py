"""The published site in Chromium, served from a sub-path by a plain static
server: every page and asset, search, instant navigation and the 404 page
work, and nothing triggers a Content-Security-Policy violation."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import PHONE, SiteServer
from conftest import build, copy_project, serve_build

PREFIX = "/some/sub/path/"
DESKTOP = {"width": 1280, "height": 800}
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e => window.__violations.push(
  [e.violatedDirective, e.blockedURI, e.sourceFile + ":" + e.lineNumber].join(" ")));
"""


class Watch:
    """Everything a page does that a reader would notice went wrong."""

    def __init__(self, page, base: str) -> None:
        self.page, self.base = page, base
        self.failed: list[str] = []    # responses >= 400 and failed requests (404 page itself aside)
        self.outside: list[str] = []   # requests outside the served sub-path
        self.console: list[str] = []   # console errors and CSP reports
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))
        page.on("requestfailed", lambda r: self.failed.append(f"failed {r.url}"))
        page.on("request", lambda r: r.url.startswith(("http:", "https:")) and
                not r.url.startswith(base) and self.outside.append(r.url))
        page.on("console", lambda m: (m.type == "error" or "Content Security Policy" in m.text)
                and self.console.append(m.text))
        page.on("pageerror", lambda e: self.console.append(f"pageerror {e}"))

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__violations || []")


def new_page(browser, base: str, viewport=PHONE, **kw):
    context = browser.new_context(viewport=viewport, locale="zh-CN", **kw)
    context.add_init_script(WATCH)
    page = context.new_page()
    return context, page, Watch(page, base)


def page_urls(site_dir: Path) -> list[str]:
    """Every page of the site, at any depth, except the search index folder."""
    urls = {p.parent.relative_to(site_dir).as_posix() + "/" for p in site_dir.rglob("index.html")}
    return sorted(("" if u == "./" else u) for u in urls if not u.startswith("search/"))


@pytest.fixture(scope="module")
def subpath(tmp_path_factory):
    site, server = serve_build(copy_project(tmp_path_factory.mktemp("subpath") / "project"), PREFIX)
    assert site.url.endswith(PREFIX)
    yield site
    server.stop()


# -- pages and assets ----------------------------------------------------------------

def test_every_page_and_asset_loads_under_the_sub_path(subpath, browser):
    context, page, watch = new_page(browser, subpath.url)
    try:
        for url in page_urls(subpath.build.site):
            response = page.goto(subpath.url + url)
            page.wait_for_load_state("networkidle")
            assert response.status == 200, url
            assert page.locator("article.md-content__inner h1").first.is_visible(), url
            sheets = page.evaluate("[...document.styleSheets].map(s => s.href).filter(Boolean)")
            assert sheets and all(s.startswith(subpath.url) for s in sheets), url
            assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in (
                "sticky", "fixed"), url  # Material's CSS applied
        assert watch.failed == [] and watch.outside == [] and watch.console == []
        assert watch.violations() == []
    finally:
        context.close()


def test_search_finds_chinese_and_opens_the_answer(subpath, browser):
    context, page, watch = new_page(browser, subpath.url)
    try:
        page.goto(subpath.url)
        page.locator("label[for=__search]").first.click()
        box = page.locator("input.md-search__input")
        box.fill("离职")
        box.press("End")  # Material reacts to keyup
        first = page.locator(".md-search-result__item a").first
        first.wait_for(timeout=10000)
        href = first.get_attribute("href")
        assert href.startswith(subpath.url), href
        first.click()
        page.wait_for_function("start => location.href !== start", arg=subpath.url)
        page.wait_for_load_state("networkidle")
        assert page.url.startswith(subpath.url) and "?h=" in page.url, page.url
        path = href.split("?", 1)[0]
        assert page.url.startswith(path), (page.url, href)
        h1 = subpath.build.page(path[len(subpath.url):]).select_one("article.md-content__inner h1")
        page.wait_for_function("t => document.querySelector('article.md-content__inner h1')"
                               ".textContent.startsWith(t)", arg=h1.find(string=True).strip())
        assert watch.failed == [] and watch.outside == [] and watch.violations() == []
    finally:
        context.close()


def test_instant_navigation_follows_the_nav_without_reloading(subpath, browser):
    context, page, watch = new_page(browser, subpath.url, viewport=DESKTOP)
    try:
        page.goto(subpath.url)
        page.wait_for_load_state("networkidle")
        page.evaluate("window.__samePage = true")
        links = page.locator("nav.md-nav--primary > ul > li > a.md-nav__link")
        titles = [t.strip() for t in links.all_inner_texts()]
        assert len(titles) >= 7
        for i, title in enumerate(titles[1:], start=1):
            link = page.locator("nav.md-nav--primary > ul > li > a.md-nav__link").nth(i)
            href = link.get_attribute("href")
            link.click()
            page.wait_for_function("t => document.querySelector('article.md-content__inner h1')"
                                   ".textContent.includes(t)", arg=title)
            assert page.url.startswith(subpath.url) and page.url != subpath.url, title
            assert page.evaluate("window.__samePage") is True, f"{title}: full reload, not instant"
            assert href.rstrip("/").split("/")[-1] in page.url, (title, href, page.url)
        page.go_back()
        page.wait_for_function("t => document.querySelector('article.md-content__inner h1')"
                               ".textContent.includes(t)", arg=titles[-2])
        assert watch.failed == [] and watch.outside == [] and watch.violations() == []
    finally:
        context.close()


# -- the 404 page -----------------------------------------------------------------------

def test_unknown_address_shows_the_chinese_404_with_working_links(subpath, browser):
    context, page, watch = new_page(browser, subpath.url)
    try:
        response = page.goto(subpath.url + "no/such/page/")
        page.wait_for_load_state("networkidle")
        assert response.status == 404
        assert page.title().startswith("页面不存在")
        assert page.locator("article.md-content__inner h1").inner_text() == "页面不存在"
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in (
            "sticky", "fixed")
        assert [f for f in watch.failed if not f.endswith("/no/such/page/")] == []
        assert watch.outside == [] and watch.violations() == []
        page.get_by_role("link", name="返回首页").click()
        page.wait_for_function("t => document.querySelector('article.md-content__inner h1')"
                               ".textContent.startsWith(t)", arg="面试问答速查")
        assert page.url == subpath.url
        page.goto(subpath.url + "no/such/page/")
        page.get_by_role("link", name="搜索问题").click()
        page.wait_for_function("() => document.getElementById('__search').checked")
        assert page.url.startswith(subpath.url)
        assert watch.violations() == []
    finally:
        context.close()


def test_control_a_site_built_for_the_root_breaks_under_the_sub_path(tmp_path, browser):
    """Control: with SITE_URL not matching the sub-path, the same checks fail
    (the 404 page asks for its assets outside the sub-path)."""
    project = copy_project(tmp_path / "project")
    server = SiteServer(project / "site", PREFIX)
    root_url = server.url[: -len(PREFIX)] + "/"
    result = build(project, env={"SITE_URL": root_url})
    assert result.ok, result.log
    server.start()
    context, page, watch = new_page(browser, server.url)
    try:
        page.goto(server.url + "no/such/page/")
        page.wait_for_load_state("networkidle")
        assert watch.outside and [f for f in watch.failed if "/assets/" in f]
    finally:
        context.close()
        server.stop()


# -- CSP over pages and controls -------------------------------------------------------

CONTROLS = ".answer-tools button, .answer-tools a[href], .answer-tools [role=button]"


def test_no_csp_violation_across_pages_search_theme_and_answer_controls(subpath, browser):
    context, page, watch = new_page(browser, subpath.url, has_touch=True, is_mobile=True,
                                    permissions=["clipboard-read", "clipboard-write"])
    clicked = 0
    try:
        for url in page_urls(subpath.build.site):
            page.goto(subpath.url + url)
            page.wait_for_load_state("networkidle")
            for control in page.locator(CONTROLS).all():
                if control.is_visible():
                    control.click()
                    clicked += 1
                    page.wait_for_timeout(100)
                    if not page.url.startswith(subpath.url + url):
                        page.goto(subpath.url + url)
            assert watch.violations() == [], url
        # theme toggle, both ways
        page.goto(subpath.url)
        scheme = "document.body.getAttribute('data-md-color-scheme')"
        before = page.evaluate(scheme)
        page.locator("form[data-md-component=palette] label:visible").first.click()
        page.wait_for_function(f"b => {scheme} !== b", arg=before)
        page.locator("form[data-md-component=palette] label:visible").first.click()
        page.wait_for_function(f"b => {scheme} === b", arg=before)
        # search, including the share button and a result
        page.locator("label[for=__search]").first.click()
        box = page.locator("input.md-search__input")
        box.fill("薪资")
        box.press("End")
        page.locator(".md-search-result__item").first.wait_for(timeout=10000)
        page.locator(".md-search-result__item a").first.click()
        page.wait_for_load_state("networkidle")
        # the search share button copies a link to the query
        page.goto(subpath.url + "?q=薪资")
        share = page.locator("a.md-search__icon[title='分享']")
        share.wait_for(timeout=10000)
        share.click()
        page.wait_for_load_state("networkidle")
        assert watch.violations() == []
        assert [c for c in watch.console if "Content Security Policy" in c] == []
        assert watch.console == []
    finally:
        context.close()
    print(f"answer controls clicked: {clicked}")


def test_no_csp_violation_from_tooltips_and_back_to_top_on_desktop(subpath, browser):
    context, page, watch = new_page(browser, subpath.url, viewport=DESKTOP)
    try:
        page.goto(subpath.url + "salary/")
        page.wait_for_load_state("networkidle")
        page.locator("article.md-content__inner h2 a.headerlink").first.hover()  # content.tooltips
        page.wait_for_timeout(300)
        page.mouse.move(600, 400)
        page.mouse.wheel(0, 5000)  # to the bottom …
        page.wait_for_timeout(300)
        page.mouse.wheel(0, -300)  # … and a little up: navigation.top shows the button
        page.wait_for_function("() => !document.querySelector('.md-top').hidden")
        page.wait_for_timeout(500)  # the button slides in
        page.locator(".md-top").click()
        page.wait_for_function("() => scrollY < 50")
        assert watch.violations() == [] and watch.console == []
    finally:
        context.close()
