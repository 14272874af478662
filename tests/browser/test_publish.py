"""The published site in Chromium, served from a sub-path by a plain static
server: every page and asset, the answer controls, search, instant
navigation and the 404 page work, and nothing triggers a
Content-Security-Policy violation or a script error."""

from __future__ import annotations

import pytest

from .checks import Watch, open_search, type_query
from .pages import page_urls

pytestmark = pytest.mark.browser

CONTROLS = ".answer-tools button, .answer-tools a[href], .answer-tools [role=button]"
H1 = "article.md-content__inner h1"


def expected_404(watch) -> None:
    """Forget the 404 page's own status (its response and console line)."""
    watch.failed.clear()
    watch.console[:] = [c for c in watch.console if "status of 404" not in c]


def watched(new_context, base: str, viewport: str = "phone-390", **options):
    page = new_context(viewport, **options).new_page()
    return page, Watch(page, base)


def test_every_page_asset_and_answer_control_works_under_the_sub_path(served_subpath, new_context):
    site = served_subpath
    page, watch = watched(new_context, site.url, clipboard=site.url)
    urls = page_urls(site.site)
    assert len(urls) >= 8
    clicked = 0
    for url in urls:
        response = page.goto(site.url + url)
        page.wait_for_load_state("networkidle")
        assert response.status == 200, url
        assert page.locator(H1).first.is_visible(), url
        sheets = page.evaluate("[...document.styleSheets].map(s => s.href).filter(Boolean)")
        assert sheets and all(s.startswith(site.url) for s in sheets), url
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in (
            "sticky", "fixed"), url  # Material's CSS applied
        for control in page.locator(CONTROLS).all():
            if control.is_visible():
                control.tap()
                clicked += 1
        assert watch.problems() == [], url
    assert clicked >= 2 * 15  # 复制链接 and 复制回答 of every answer, twice for 全部答案


def test_search_finds_chinese_and_opens_the_answer(served_subpath, new_context):
    site = served_subpath
    page, watch = watched(new_context, site.url)
    page.goto(site.url)
    open_search(page)
    type_query(page, "离职")
    first = page.locator(".md-search-result__item a").first
    href = first.get_attribute("href")
    assert href.startswith(site.url), href
    first.click()
    page.wait_for_function("start => location.href !== start", arg=site.url)
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(site.url) and "?h=" in page.url, page.url
    path = href.split("?", 1)[0]
    assert page.url.startswith(path), (page.url, href)
    h1 = site.build.page(path[len(site.url):]).select_one(H1)
    page.wait_for_function(f"t => document.querySelector('{H1}').textContent.startsWith(t)",
                           arg=h1.find(string=True).strip())
    assert watch.problems() == []


def test_instant_navigation_follows_the_nav_without_reloading(served_subpath, new_context):
    site = served_subpath
    page, watch = watched(new_context, site.url, "desktop")
    page.goto(site.url)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__samePage = true")
    links = page.locator("nav.md-nav--primary > ul > li > a.md-nav__link")
    titles = [t.strip() for t in links.all_inner_texts()]
    assert len(titles) >= 7
    for i, title in enumerate(titles[1:], start=1):
        link = links.nth(i)
        href = link.get_attribute("href")
        link.click()
        page.wait_for_function(f"t => document.querySelector('{H1}').textContent.includes(t)", arg=title)
        assert page.url.startswith(site.url) and page.url != site.url, title
        assert page.evaluate("window.__samePage") is True, f"{title}: full reload, not instant"
        assert href.rstrip("/").split("/")[-1] in page.url, (title, href, page.url)
    page.go_back()
    page.wait_for_function(f"t => document.querySelector('{H1}').textContent.includes(t)", arg=titles[-2])
    assert watch.problems() == []


def test_unknown_address_shows_the_chinese_404_with_working_links(served_subpath, new_context):
    site = served_subpath
    page, watch = watched(new_context, site.url)
    response = page.goto(site.url + "no/such/page/")
    page.wait_for_load_state("networkidle")
    assert response.status == 404
    assert page.title().startswith("页面不存在")
    assert page.locator(H1).inner_text() == "页面不存在"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in (
        "sticky", "fixed")
    assert watch.failed == [f"404 {site.url}no/such/page/"]
    expected_404(watch)
    page.get_by_role("link", name="返回首页").click()
    page.wait_for_function(f"t => document.querySelector('{H1}').textContent.startsWith(t)", arg="面试问答速查")
    assert page.url == site.url
    page.goto(site.url + "no/such/page/")
    expected_404(watch)
    page.get_by_role("link", name="搜索问题").click()
    page.wait_for_function("() => document.getElementById('__search').checked")
    assert page.url.startswith(site.url)
    assert watch.problems() == []


def test_control_a_site_built_for_the_root_breaks_under_the_sub_path(project, serve_project, new_context):
    """Control: with site_url not matching the sub-path, the same checks fail
    (the 404 page asks for its assets outside the sub-path)."""
    site = serve_project(project, "/some/sub/path/", env={"SITE_URL": "http://127.0.0.1:1/"})
    page, watch = watched(new_context, site.url)
    page.goto(site.url + "no/such/page/")
    page.wait_for_load_state("networkidle")
    assert watch.outside and [f for f in watch.failed if "/assets/" in f]


def test_no_csp_violation_from_the_theme_search_share_tooltips_and_back_to_top(served_subpath, new_context):
    site = served_subpath
    page, watch = watched(new_context, site.url, "desktop", clipboard=site.url)
    # theme toggle, both ways
    page.goto(site.url + "salary/")
    page.wait_for_load_state("networkidle")
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    before = page.evaluate(scheme)
    for wanted in ("b => {0} !== b", "b => {0} === b"):
        page.locator("form[data-md-component=palette] label:visible").first.click()
        page.wait_for_function(wanted.format(scheme), arg=before)
    # content.tooltips on a permalink, then navigation.top
    page.locator("article.md-content__inner h2 a.headerlink").first.hover()
    page.wait_for_timeout(300)
    page.mouse.move(600, 400)
    page.mouse.wheel(0, 5000)  # to the bottom …
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -300)  # … and a little up: navigation.top shows the button
    page.wait_for_function("() => !document.querySelector('.md-top').hidden")
    page.wait_for_timeout(500)  # the button slides in
    page.locator(".md-top").click()
    page.wait_for_function("() => scrollY < 50")
    # search and a result, then a shared search and its share button
    open_search(page)
    type_query(page, "薪资")
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state("networkidle")
    page.goto(site.url + "?q=薪资")
    share = page.locator("a.md-search__icon[title='分享']")
    share.wait_for(timeout=10000)
    share.click()
    page.wait_for_timeout(300)
    assert watch.problems() == []
