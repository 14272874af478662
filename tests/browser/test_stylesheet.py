"""The one stylesheet the site ships (hooks/handbook/output/stylesheets.py)
holds Material's CSS pruned to the classes and ids the site uses: every
element must look exactly as with Material's whole CSS, on every page and in
every state a reader reaches, at phone size in both colour schemes.

Each case loads the page twice: with the stylesheet the site ships, and with
the same stylesheet made of Material's sheets whole (served in its place);
every element's computed style, with its ::before and ::after, must be the
same."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import material
import pytest

from handbook.output import stylesheets, theme

from .checks import SETTLED_STYLES_JS, open_panel, open_search, type_query
from .pages import page_urls

pytestmark = pytest.mark.browser

TEMPLATES = Path(material.__file__).parent / "templates"

# Every element's computed style (and that of its ::before and ::after),
# hashed, by its place in the document; with `detail`, the styles themselves.
STYLES_JS = """(detail) => {
  const style = (el, pseudo, into) => {
    const s = getComputedStyle(el, pseudo);
    if (pseudo && (s.content === 'none' || s.content === 'normal')) return;  // not drawn
    for (let i = 0; i < s.length; i++) into[(pseudo || '') + s[i]] = s.getPropertyValue(s[i]);
  };
  const hash = text => {
    let h = 2166136261;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return (h >>> 0).toString(16);
  };
  const place = el => {
    const parts = [];
    for (; el; el = el.parentElement) {
      const at = el.parentElement ? [...el.parentElement.children].indexOf(el) : 0;
      const cls = typeof el.className === 'string' && el.className.trim()
        ? '.' + el.className.trim().split(/\\s+/).sort().join('.') : '';
      parts.unshift(el.tagName.toLowerCase() + cls + ':' + at);
    }
    return parts.join(' > ');
  };
  const out = {};
  for (const el of [document.documentElement, ...document.documentElement.querySelectorAll('*')]) {
    const props = {};
    for (const pseudo of [null, '::before', '::after']) style(el, pseudo, props);
    out[place(el)] = detail ? props  // custom properties come in the order the CSS defines them
      : hash(Object.keys(props).sort().map(k => k + ':' + props[k]).join(';'));
  }
  return out;
}"""


def settled(page) -> None:
    page.wait_for_function(SETTLED_STYLES_JS, timeout=10000)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.wait_for_function(SETTLED_STYLES_JS, timeout=10000)


def as_loaded(page) -> None:
    pass


def search_results_shown(page) -> None:
    open_search(page)
    assert type_query(page, "期望薪资")["sections"]
    # the tap left the pointer where the share button appears: its tooltip
    # would be placed while the box still grows (a position that depends on
    # timing); the pointer rests on the results instead
    page.mouse.move(195, 600)


def drawer_open(page) -> None:
    page.locator('label.md-header__button[for="__drawer"]').click()
    page.wait_for_function("() => document.getElementById('__drawer').checked")


def panel_open(page) -> None:
    open_panel(page)


def practice_on(page) -> None:
    page.locator("[data-practice-toggle]").click()
    page.wait_for_function("() => document.querySelector('[data-practice-toggle]').getAttribute('aria-pressed') === 'true'")


# Material hides its toast 2 s after it showed it: on a busy machine that
# could fall before the styles are read. Once shown, it stays shown.
PIN_TOAST_JS = """() => {
  const toast = document.querySelector('.md-dialog');
  let shown = false;
  new MutationObserver(() => {
    if (toast.classList.contains('md-dialog--active')) shown = true;
    else if (shown) toast.classList.add('md-dialog--active');
  }).observe(toast, {attributes: true, attributeFilter: ['class']});
}"""


def toast_shown(page) -> None:
    page.evaluate(PIN_TOAST_JS)
    page.locator(".answer-copy").first.click()
    page.wait_for_function("() => !!document.querySelector('.md-dialog--active')")


def tooltip_shown(page) -> None:
    page.locator("article.md-content__inner h2 a.headerlink").first.hover()
    page.wait_for_function("() => !!document.querySelector('.md-tooltip2--active')")


def scrolled(page) -> None:
    page.mouse.wheel(0, 4000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -300)  # a little up: navigation.top shows its button
    page.wait_for_function("() => !document.querySelector('.md-top').hidden")


# (page, what the reader does, what must still hold once the styles are read)
STATES: list[tuple[str, Callable, str]] = [
    ("", search_results_shown, ".md-search-result__item"),
    ("", drawer_open, "#__drawer:checked"),
    ("", panel_open, "[data-profile-fields][data-built]"),
    ("salary/", practice_on, "html.practice-mode"),
    ("salary/", toast_shown, ".md-dialog--active"),
    ("salary/", tooltip_shown, ".md-tooltip2--active"),
    ("rights/", scrolled, ".md-top:not([hidden])"),
]
SCHEMES = ("light", "dark")


def parts(site: Path) -> tuple[str, list[str], str]:
    """The shipped stylesheet's name, Material's sheets whole, the site's own CSS."""
    [shipped] = site.glob(f"{stylesheets.STEM}.*.css")
    own = "/* --- " + shipped.read_text(encoding="utf-8").split("\n/* --- ", 1)[1]
    material_css = [(TEMPLATES / path).read_text(encoding="utf-8")
                    for path in theme.material_stylesheets(TEMPLATES, palette=True)]
    return shipped.name, material_css, own


def styles(new_context, url: str, scheme: str, act: Callable, holds: str,
           sheet: tuple[str, str] | None = None, detail: bool = False) -> dict[str, str]:
    """Every element's style on `url` after `act`, with the shipped
    stylesheet or, with `sheet` (name, CSS), that CSS in its place."""
    # No service worker: its cached copy would bypass the route (and its
    # "saved offline" notice appear in one load of the two compared)
    context = new_context("phone-390", clipboard=url, color_scheme=scheme, service_workers="block")
    if sheet is not None:
        name, css = sheet
        context.route(f"**/{name}", lambda route: route.fulfill(body=css, content_type="text/css"))
    page = context.new_page()
    page.goto(url)
    settled(page)
    act(page)
    settled(page)
    found = page.evaluate(STYLES_JS, detail)
    assert page.locator(holds).count(), f"{url}: {act.__name__} no longer holds ({holds})"
    context.close()
    return found


def differences(new_context, url: str, scheme: str, act: Callable, holds: str,
                shipped: tuple[str, str] | None, whole: tuple[str, str]) -> list[str]:
    """The elements that look different with `shipped` (None: what the site
    ships) and with `whole`, with the first properties that differ."""
    ours = styles(new_context, url, scheme, act, holds, shipped)
    theirs = styles(new_context, url, scheme, act, holds, whole)
    changed = sorted(k for k in ours.keys() | theirs.keys() if ours.get(k) != theirs.get(k))
    if not changed:
        return []
    ours = styles(new_context, url, scheme, act, holds, shipped, detail=True)
    theirs = styles(new_context, url, scheme, act, holds, whole, detail=True)
    out = []
    for place in changed[:5]:
        a, b = ours.get(place, {}), theirs.get(place, {})
        props = [f"{k}: {b.get(k)!r} (pruned: {a.get(k)!r})" for k in sorted(a.keys() | b.keys())
                 if a.get(k) != b.get(k)][:3]
        out.append(f"{url} [{scheme}, {act.__name__}] {place}: "
                   + (str(props) if place in ours and place in theirs
                      else "only with the " + ("pruned" if place in ours else "whole") + " CSS"))
    return out + ([f"… {len(changed) - 5} more elements"] if len(changed) > 5 else [])


@pytest.fixture(scope="module")
def whole(served) -> tuple[str, str]:
    """The shipped stylesheet's name and its CSS made with Material's sheets whole."""
    name, material_css, own = parts(served.site)
    return name, stylesheets.stylesheet(material_css, own, None)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_looks_the_same_as_with_materials_whole_css(served, new_context, whole, scheme):
    urls = page_urls(served.site) + ["404.html"]
    problems = [p for url in urls
                for p in differences(new_context, served.url + url, scheme, as_loaded, "body", None, whole)]
    assert problems == []


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("url, act, holds", STATES, ids=[s[1].__name__ for s in STATES])
def test_every_state_a_reader_reaches_looks_the_same_as_with_materials_whole_css(served, new_context, whole,
                                                                                scheme, url, act, holds):
    assert differences(new_context, served.url + url, scheme, act, holds, None, whole) == []


def test_the_check_sees_a_rule_the_site_uses_pruned_away(served, new_context, whole):
    # a search result exists only once a search ran: the page as loaded
    # does not show the loss, the search state does
    name, material_css, own = parts(served.site)
    words = stylesheets.shipped_words(served.site) - {"md-search-result__item"}
    lost = (name, stylesheets.stylesheet(material_css, own, words))
    assert differences(new_context, served.url, "light", as_loaded, "body", lost, whole) == []
    problems = differences(new_context, served.url, "light", search_results_shown, ".md-search-result__item",
                           lost, whole)
    assert problems and "md-search-result__item" in problems[0]
