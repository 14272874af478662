"""Lighthouse findings checked in Chromium: unset profile values readable in
both schemes; the deferred bundle still runs instant navigation and search.
(The deferred scripts and the named search dialog in the built HTML:
tests/build/test_site.py.)"""

import pytest

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
