"""The Lighthouse hook: Material's scripts deferred, the search dialog named."""

import re

import pytest

from conftest import build
from lighthouse import InlineScriptAfterDeferred, defer_scripts, label_search_dialog

CONFIG = '<script id="__config" type="application/json">{"base": "."}</script>'
HEAD = '<html><head><script>__md_scope = 1</script><script src="head.js"></script></head><body>'


def test_scripts_after_materials_config_are_deferred_in_order():
    html = (HEAD + CONFIG + '<script src="bundle.js"></script>'
            '<script src="extra.js"></script><script src="a.js" async></script>'
            '<script type="module" src="m.js"></script></body></html>')
    out = defer_scripts(html)
    assert re.findall(r"<script[^>]*>", out.split(CONFIG)[1]) == [
        '<script src="bundle.js" defer>', '<script src="extra.js" defer>',
        '<script src="a.js" async>', '<script type="module" src="m.js">']
    assert out.split(CONFIG)[0] == HEAD  # <head> scripts and inline scripts untouched
    assert CONFIG in out


def test_pages_without_materials_config_are_left_alone():
    html = HEAD + '<script src="bundle.js"></script></body></html>'
    assert defer_scripts(html) == html


def test_an_inline_script_after_a_deferred_one_is_refused():
    html = HEAD + CONFIG + '<script src="bundle.js"></script><script>document$.subscribe()</script>'
    with pytest.raises(InlineScriptAfterDeferred, match="document"):
        defer_scripts(html)
    json_data = HEAD + CONFIG + '<script src="b.js"></script><script type="application/json">{}</script>'
    assert '<script src="b.js" defer>' in defer_scripts(json_data)


def test_search_dialog_gets_a_name_once():
    html = '<div class="md-search" data-md-component="search" role="dialog">'
    labelled = label_search_dialog(html)
    assert labelled == '<div class="md-search" data-md-component="search" role="dialog" aria-label="搜索">'
    assert label_search_dialog(labelled) == labelled
    assert label_search_dialog("<div>") == "<div>"


def test_built_pages_defer_the_bundle_and_name_the_search_dialog(site):
    for name in ("index.html", "salary/index.html", "404.html"):
        page = site.page(name)
        # every external script after Material's __config (practice-early.js
        # comes before it on purpose: it hides answers before the first paint)
        config = page.find("script", id="__config")
        scripts = [s for s in config.find_all_next("script") if s.get("src")]
        assert scripts and all(s.has_attr("defer") or s.has_attr("async") for s in scripts), name
        assert page.find("div", class_="md-search")["aria-label"] == "搜索", name


def test_an_inline_script_in_the_scripts_block_fails_the_strict_build(project):
    main = project / "overrides" / "main.html"
    main.write_text(main.read_text(encoding="utf-8").replace(
        "{% block scripts %}\n  {{ super() }}",
        "{% block scripts %}\n  {{ super() }}\n  <script>console.log(1)</script>"), encoding="utf-8")
    result = build(project)
    assert not result.ok
    assert "an inline <script> (console.log(1)…) follows Material's scripts" in result.log


def contrast(fg: tuple[float, ...], bg: tuple[float, ...]) -> float:
    """WCAG contrast ratio of two sRGB colours (0-255 channels)."""
    def luminance(rgb):
        c = [v / 255 for v in rgb[:3]]
        c = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_helper_rejects_materials_indigo_accent_on_white():
    old = contrast((0x52, 0x6C, 0xFE), (255, 255, 255))  # the accent colour used before
    assert old == pytest.approx(4.25, abs=0.02) and old < 4.5
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)


COLOURS = """(scheme) => {
  document.body.setAttribute("data-md-color-scheme", scheme);
  const rgb = (el, prop) => getComputedStyle(el)[prop].match(/[\\d.]+/g).slice(0, 3).map(Number);
  const unset = document.querySelector(".pf-unset");
  return [rgb(unset, "color"), rgb(document.body, "backgroundColor")];
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_unset_profile_values_are_readable_in_both_schemes(served, phone, scheme):
    phone.goto(served.url + "salary/")
    fg, bg = phone.evaluate(COLOURS, scheme)
    assert contrast(fg, bg) >= 4.5, (scheme, fg, bg)


def navigate_keeps_window(phone, url: str) -> bool:
    """Open the home page, follow the first answer link: True when Material's
    instant navigation swapped the page (same window), False on a full reload."""
    phone.goto(url)
    phone.wait_for_load_state("load")
    phone.evaluate("window.__bench_marker = 1")
    start = phone.evaluate("location.pathname")
    phone.locator(".md-content li a[href*='/#']").first.click()  # an answer on another page
    phone.wait_for_function(f"location.pathname !== {start!r} && location.hash.length > 1")
    phone.wait_for_load_state("load")
    return phone.evaluate("window.__bench_marker === 1")


def test_deferred_bundle_still_runs_instant_navigation_and_search(served, phone):
    assert navigate_keeps_window(phone, served.url)
    phone.locator("label.md-header__button[for='__search']").click()
    phone.locator("input.md-search__input").fill("离职")
    phone.locator("input.md-search__input").dispatch_event("keyup")
    # results rendered = the bundle and its search worker run (visibility is not the point)
    phone.locator(".md-search-result__item").first.wait_for(state="attached", timeout=15_000)


def test_without_the_bundle_navigation_is_a_full_reload(served, phone):
    phone.route("**/bundle.*.min.js", lambda route: route.abort())
    assert not navigate_keeps_window(phone, served.url)
