"""What Safari on an iPhone needs of the CSS, checked in both engines where a
desktop browser can show it: text fields and selects at 16 px or more (iOS
zooms the page into a smaller field), every bar pinned to the bottom clear
of env(safe-area-inset-bottom) (the home indicator), text-size-adjust 100%
(Material's `none` stops Safari's text-size setting; WebKitGTK does not
implement the property, so Chromium computes it), and the header at 320 px.
One check, two drivers: each test runs in Chromium and in WebKit."""

from __future__ import annotations

import pytest

from .checks import bottom_bars_without_safe_area, header_problems, horizontal_overflow, small_form_fields
from .checks import open_panel, text_size_adjust
from .pages import PAGES, name

pytestmark = pytest.mark.browser

ENGINES = ["chromium", pytest.param("webkit", marks=pytest.mark.webkit)]
# text-size-adjust as each engine computes it (WebKitGTK: not implemented)
SIZE_ADJUST = {"chromium": "100%", "webkit": None}


@pytest.fixture(params=ENGINES)
def reader(request):
    """(engine, a phone page at 390×844, the served site's URL)."""
    if request.param == "chromium":
        yield "chromium", request.getfixturevalue("phone"), request.getfixturevalue("served").url
        return
    page, site = request.getfixturevalue("webkit_phone"), request.getfixturevalue("webkit_served")
    page.set_viewport_size({"width": 390, "height": 844})
    yield "webkit", page, site.url
    page.set_viewport_size({"width": 390, "height": 844})


def narrow(engine: str, page, width: int = 320) -> None:
    page.set_viewport_size({"width": width, "height": 640})


def test_fields_bottom_bars_and_text_size_are_ready_for_ios(reader):
    engine, page, url = reader
    problems = {}
    for path in PAGES:
        page.goto(url + path)
        found = small_form_fields(page) + bottom_bars_without_safe_area(page)
        if text_size_adjust(page) != SIZE_ADJUST[engine]:
            found.append(f"text-size-adjust {text_size_adjust(page)}")
        if found:
            problems[name(path)] = found
    # the panel's fields, shown
    open_panel(page)
    assert small_form_fields(page) == []
    assert problems == {}


def test_the_header_fits_a_320px_phone(reader):
    engine, page, url = reader
    narrow(engine, page)
    problems = {}
    for path in ("", "salary/", "all/"):
        page.goto(url + path)
        found = header_problems(page) + horizontal_overflow(page)
        if found:
            problems[name(path)] = found
    assert problems == {}


def test_the_ios_checks_see_a_small_field_a_bar_under_the_home_indicator_and_a_crowded_header(reader):
    engine, page, url = reader
    narrow(engine, page)
    page.goto(url + "salary/")
    assert header_problems(page) == [] and small_form_fields(page) == []
    # CSSOM, not a <style> element: the site's CSP blocks inline styles
    page.evaluate("""() => {
      const select = document.createElement('select'); select.id = 'tiny';
      select.style.setProperty('font-size', '12px'); document.body.append(select);
      const bar = document.createElement('div'); bar.className = 'bottom-bar';
      bar.style.cssText = 'position: fixed; bottom: 0'; document.body.append(bar);
      document.querySelector('.md-header__title').style.setProperty('margin-left', '4rem');
      // the site's own text-size-adjust rule gone: Material's `none` is back
      for (const sheet of document.styleSheets) for (const rule of sheet.cssRules)
        if (rule.selectorText === 'html' && rule.style.getPropertyValue('text-size-adjust') === '100%') {
          rule.style.removeProperty('text-size-adjust'); rule.style.removeProperty('-webkit-text-size-adjust'); }
    }""")
    assert "select#tiny 12px" in small_form_fields(page)
    assert any("overlaps" in p or "outside" in p or "squeezed" in p for p in header_problems(page))
    if engine == "chromium":
        assert text_size_adjust(page) == "none"
    # the site's rule that lifts Material's toast above the home indicator, gone
    page.goto(url + "salary/")
    assert bottom_bars_without_safe_area(page) == []
    page.evaluate("""() => { for (const sheet of document.styleSheets) for (const rule of sheet.cssRules)
      if (rule.selectorText === '.md-dialog' && rule.style.bottom.includes('safe-area'))
        rule.style.removeProperty('bottom'); }""")
    bars = bottom_bars_without_safe_area(page)
    assert "div.md-dialog" in bars, bars
