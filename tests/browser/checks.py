"""What the browser tests measure, as small functions over a Playwright page.
Each returns the offending items (empty = pass), so a test can show what
failed and a negative test can prove the check can fail.
"""

from __future__ import annotations

import io
import time
from pathlib import Path
from urllib.parse import urlsplit

# git-ignored; a person looks at them
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"

# -- layout --------------------------------------------------------------------

OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')].filter(el => {
    if (!el.getClientRects().length) return false;
    // Material's search backdrop: a circle scaled past the screen on purpose
    if (el.classList.contains('md-search__overlay')) return false;
    const r = el.getBoundingClientRect();
    if (r.right <= width + 1 || r.width === 0) return false;
    // clipped by a scrolling or hidden-overflow ancestor: not page overflow
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden' || o === 'clip') return false;
    }
    return true;
  });
  return {
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: width,
    wide: wide.slice(0, 5).map(el => el.tagName.toLowerCase() + '.' + el.className + ' right=' + Math.round(el.getBoundingClientRect().right)),
  };
}"""


def horizontal_overflow(page) -> list[str]:
    """Elements sticking out to the right, or a page wider than the viewport."""
    m = page.evaluate(OVERFLOW_JS)
    problems = list(m["wide"])
    if m["scrollWidth"] > m["clientWidth"]:
        problems.append(f"page scrolls sideways: {m['scrollWidth']} > {m['clientWidth']} px")
    return problems


SMALL_TEXT_JS = """(min) => {
  const out = [];
  const walker = document.createTreeWalker(document.querySelector('.md-content'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el.getClientRects().length) continue;
    if (el.closest('code, pre, kbd, svg, .headerlink, .share-qr__url')) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < min) out.push(size + 'px: ' + node.textContent.trim().slice(0, 20));
  }
  return out;
}"""


def small_body_text(page, minimum: float = 16) -> list[str]:
    """Visible text of the page's content set smaller than `minimum` px."""
    return page.evaluate(SMALL_TEXT_JS, minimum)


# The site's own controls a reader taps: header buttons, search overlay
# controls, the page's jump list, the answer tools, permalinks, footer links.
CONTROLS = (".md-header__button, .md-search__icon, .md-top, .md-footer__link, "
            ".md-typeset .headerlink, .answer-tools__button, .answer-jump__link")

TAP_JS = """([selector, min]) => [...document.querySelectorAll(selector)]
  .filter(el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden'
                && parseFloat(getComputedStyle(el).opacity) > 0)
  .map(el => ({name: el.className + (el.getAttribute('for') ? '[for=' + el.getAttribute('for') + ']' : ''),
               w: el.getBoundingClientRect().width, h: el.getBoundingClientRect().height}))
  .filter(t => t.w < min - 0.5 || t.h < min - 0.5)
  .map(t => t.name + ' ' + Math.round(t.w) + 'x' + Math.round(t.h))"""


def small_tap_targets(page, selector: str = CONTROLS, minimum: float = 44) -> list[str]:
    """Visible controls smaller than `minimum` px in either direction."""
    return page.evaluate(TAP_JS, [selector, minimum])


def scroll_settled(page, timeout_ms: int = 3000) -> None:
    """Wait until the page has stopped scrolling (smooth scrolling included):
    the same scroll position over five animation frames."""
    page.evaluate("""(timeout) => new Promise(done => {
      let last = -1, same = 0; const end = performance.now() + timeout;
      (function frame() {
        same = scrollY === last ? same + 1 : 0; last = scrollY;
        if (same >= 5 || performance.now() > end) done(); else requestAnimationFrame(frame);
      })();
    })""", timeout_ms)


def header_bottom(page) -> float:
    return page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")


def heading_visible_below_header(page, ident: str) -> tuple[bool, str]:
    """Is the heading with `ident` fully in the viewport and not under the header?"""
    box = page.evaluate(
        """(id) => { const r = document.getElementById(id).getBoundingClientRect();
                     return {top: r.top, bottom: r.bottom, vh: innerHeight}; }""", ident)
    bottom = header_bottom(page)
    ok = box["top"] >= bottom - 1 and box["bottom"] <= box["vh"]
    return ok, f"#{ident} top={box['top']:.0f} bottom={box['bottom']:.0f}, header bottom={bottom:.0f}, viewport={box['vh']}"


# -- colour contrast -------------------------------------------------------------

CONTRAST_JS = """(selector) => {
  function parse(c) {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  }
  function blend(fg, bg) {
    const a = fg[3];
    return [0, 1, 2].map(i => fg[i] * a + bg[i] * (1 - a)).concat([1]);
  }
  function background(el) {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) layers.push(c);
      if (c && c[3] >= 1) break;
    }
    let bg = [255, 255, 255, 1];
    for (const layer of layers.reverse()) bg = blend(layer, bg);
    return bg;
  }
  function lum(c) {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  }
  function ratio(a, b) {
    const x = lum(a), y = lum(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  }
  return [...document.querySelectorAll(selector)]
    .filter(el => el.getClientRects().length && el.textContent.trim())
    .map(el => {
      const style = getComputedStyle(el);
      const bg = background(el);
      const fg = blend(parse(style.color), bg);
      const size = parseFloat(style.fontSize);
      const bold = parseInt(style.fontWeight, 10) >= 700;
      // the text around a link: its nearest block ancestor
      let block = el.parentElement;
      while (block && getComputedStyle(block).display === 'inline') block = block.parentElement;
      const around = block ? blend(parse(getComputedStyle(block).color), bg) : fg;
      return {
        text: el.textContent.trim().slice(0, 20),
        ratio: ratio(fg, bg),
        vsText: ratio(fg, around),
        large: size >= 24 || (bold && size >= 18.66),
        underlined: style.textDecorationLine.includes('underline'),
      };
    });
}"""


def contrast(page, selector: str) -> list[dict]:
    return page.evaluate(CONTRAST_JS, selector)


def low_contrast(page, selector: str) -> list[str]:
    """Text under WCAG AA: 4.5:1, or 3:1 for large text."""
    return [f"{c['text']!r} {c['ratio']:.2f}:1" for c in contrast(page, selector)
            if c["ratio"] < (3 if c["large"] else 4.5)]


def indistinct_links(page, selector: str = ".md-content p a, .md-content li a") -> list[str]:
    """Links in text neither underlined nor 3:1 against the text around them."""
    return [f"{c['text']!r} {c['vsText']:.2f}:1 vs text" for c in contrast(page, selector)
            if not c["underlined"] and c["vsText"] < 3]


# -- headings --------------------------------------------------------------------

def heading_skips(page) -> list[str]:
    """Headings that skip a level (h2 → h4) or a page not starting at h1."""
    levels = page.evaluate(
        "[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].filter(h => h.getClientRects().length)"
        ".map(h => [+h.tagName[1], h.textContent.trim().slice(0, 20)])")
    problems, previous = [], 0
    for level, text in levels:
        if level > previous + 1:
            problems.append(f"h{level} {text!r} after h{previous}")
        previous = level
    return problems


# -- search ----------------------------------------------------------------------

RESULTS_JS = """() => {
  const meta = document.querySelector('.md-search-result__meta');
  const links = [...document.querySelectorAll('.md-search-result__list a.md-search-result__link')];
  const id = a => decodeURIComponent(new URL(a.href).hash.slice(1));
  // a folded result sits in a closed <details> (Chromium may still give it boxes)
  const shown = links.filter(a => id(a) && a.getClientRects().length && !a.closest('details:not([open])'));
  return {
    meta: meta ? meta.textContent.trim() : '',
    sections: links.map(id).filter(Boolean),
    first: shown.length ? id(shown[0]) : null,
  };
}"""


def search_results(page, timeout: float = 10) -> dict:
    """The result list once it has stopped changing: the meta line, the
    section ids (answer or heading fragments) in the order shown, collapsed
    "more on this page" results included, and `first`: the first section a
    reader sees (page title rows and folded results do not count)."""
    deadline = time.monotonic() + timeout
    last, same = None, 0
    while time.monotonic() < deadline:
        now = page.evaluate(RESULTS_JS)
        same = same + 1 if now == last else 0
        last = now
        if same >= 3 and (now["sections"] or "没有找到" in now["meta"]):
            return now
        page.wait_for_timeout(100)
    return last or {"meta": "", "sections": [], "first": None}


def open_search(page) -> None:
    """Open the search overlay the way the page offers it (phone: header icon)."""
    button = page.locator('label.md-header__button[for="__search"]')
    if button.is_visible():
        button.click()
    else:
        page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").wait_for(state="visible")


def type_query(page, query: str) -> dict:
    """Clear the box, type `query` key by key like a person, end with a key
    release (Material reacts to keyup; an IME commits Chinese without one),
    and return the settled results."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")
    page.wait_for_function("() => !document.querySelector('.md-search-result__list li')")
    box.press_sequentially(query, delay=25)
    box.press("End")
    return search_results(page)


# -- 填写我的信息 -------------------------------------------------------------------

def open_panel(page):
    """Open the panel from its header button; the dialog's locator."""
    page.get_by_role("button", name="填写我的信息").click()
    panel = page.get_by_role("dialog", name="填写我的信息")
    panel.wait_for()
    return panel


# -- requests --------------------------------------------------------------------

def is_own(url: str, site_url: str) -> bool:
    """Same scheme, host and port as the site (data: and blob: are local)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    own = urlsplit(site_url)
    return (parts.scheme, parts.hostname, parts.port) == (own.scheme, own.hostname, own.port)


def black_hole_off_site(context, site_url: str, log: list[str]) -> None:
    """Route every off-site request into a handler that never answers (the
    connection hangs like a blocked host); nothing leaves the machine."""

    def hang(route) -> None:
        log.append(route.request.url)  # never fulfilled, continued or aborted

    def route_all(route) -> None:
        if is_own(route.request.url, site_url):
            route.continue_()
        else:
            hang(route)

    context.route("**/*", route_all)


def first_paint_ms(page, wait_ms: float = 0) -> dict:
    """first-paint and first-contentful-paint of the current document, in ms
    from navigation start; waits up to `wait_ms` for the first paint entry
    (the load event can come before the first frame)."""
    if wait_ms:
        try:
            page.wait_for_function("() => performance.getEntriesByType('paint').length > 0", timeout=wait_ms)
        except Exception:  # no paint within the wait: report none
            return {}
    return page.evaluate(
        "Object.fromEntries(performance.getEntriesByType('paint').map(e => [e.name, e.startTime]))")


# -- a page's own troubles ----------------------------------------------------------

WATCH_JS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", e => window.__violations.push(
  [e.violatedDirective, e.blockedURI, e.sourceFile + ":" + e.lineNumber].join(" ")));
"""


class Watch:
    """Everything a page does that a reader would notice went wrong: uncaught
    script errors, console errors, failed responses, requests outside `base`
    and Content-Security-Policy violations (the listener is an init script of
    the page's context, so it is there before any of the page's scripts)."""

    def __init__(self, page, base: str) -> None:
        self.page, self.base = page, base
        self.errors: list[str] = []    # uncaught exceptions (pageerror)
        self.console: list[str] = []   # console errors, CSP reports included
        self.failed: list[str] = []    # responses >= 400 and requests that failed
        self.outside: list[str] = []   # http(s) requests outside `base`
        page.context.add_init_script(WATCH_JS)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: (m.type == "error" or "Content Security Policy" in m.text)
                and self.console.append(m.text))
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))
        page.on("requestfailed", self._failed)
        page.on("request", lambda r: r.url.startswith(("http:", "https:"))
                and not r.url.startswith(base) and self.outside.append(r.url))

    def _failed(self, request) -> None:
        # net::ERR_ABORTED: the browser dropped the request itself because the
        # page moved on (a navigation while the favicon was loading). A file
        # that is missing still shows as its 404 response.
        if request.failure != "net::ERR_ABORTED":
            self.failed.append(f"failed {request.url} ({request.failure})")

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__violations || []")

    def problems(self) -> list[str]:
        """Errors, console errors, failures, requests elsewhere, CSP violations."""
        return ([f"pageerror {e}" for e in self.errors] + [f"console {c}" for c in self.console]
                + self.failed + [f"outside {u}" for u in self.outside]
                + [f"csp {v}" for v in self.violations()])


# -- practice mode ---------------------------------------------------------------

# An answer is found by structure, as practice.js finds it: the element with
# data-answer, its question (the h2 child) and its body. Not by the .answer
# class: a broken answer must still be looked at.
ANSWERS_JS = """() => [...document.querySelectorAll('[data-answer]')]
  .filter(a => a.querySelector(':scope > h2') && a.querySelector(':scope > .answer-body'))
  .length"""

BODY_SHOWN_JS = """(i) => {
  const answer = [...document.querySelectorAll('[data-answer]')]
    .filter(a => a.querySelector(':scope > h2') && a.querySelector(':scope > .answer-body'))[i];
  const body = answer.querySelector(':scope > .answer-body');
  return body.getClientRects().length > 0 && getComputedStyle(body).visibility !== 'hidden';
}"""


def answer_count(page) -> int:
    return page.evaluate(ANSWERS_JS)


def body_shown(page, i: int) -> bool:
    return page.evaluate(BODY_SHOWN_JS, i)


def practice_problems(page) -> list[str]:
    """With practice mode on: every answer's body is hidden; tapping its
    question shows that body (and no other), tapping again hides it."""
    problems = []
    count = answer_count(page)
    questions = page.locator("[data-answer] > h2")
    for i in range(count):
        question = questions.nth(i)
        title = question.inner_text().replace("¶", "").strip()
        if body_shown(page, i):
            problems.append(f"{title}: shown before its question is tapped")
            continue
        question.scroll_into_view_if_needed()
        # the question's first characters: not the permalink at its end
        question.tap(position={"x": 8, "y": 8})
        if not body_shown(page, i):
            problems.append(f"{title}: tapping the question does not show the answer")
            continue
        others = [j for j in range(count) if j != i and body_shown(page, j)]
        if others:
            problems.append(f"{title}: tapping it shows other answers too ({others})")
        question.tap(position={"x": 8, "y": 8})
        if body_shown(page, i):
            problems.append(f"{title}: tapping the question again does not hide the answer")
    return problems


# -- clipboard -----------------------------------------------------------------------

def touch(page) -> bool:
    """Is the page on a touch screen (a phone context)?"""
    return page.evaluate("'ontouchstart' in window")


def press(page, locator) -> None:
    """Tap on a touch screen, click elsewhere."""
    locator.tap() if touch(page) else locator.click()


TOAST = ".md-dialog"


def copy_with(page, button) -> tuple[str, str]:
    """Tap (phone) or click a copy button the way a reader does; return the
    clipboard's text and the confirmation Material shows (its toast)."""
    page.evaluate("""() => { const t = document.querySelector('.md-dialog .md-typeset');
                             if (t) t.textContent = ''; return navigator.clipboard.writeText(''); }""")
    press(page, button)
    try:
        page.wait_for_function(
            """() => { const d = document.querySelector('.md-dialog');
                       return d && d.classList.contains('md-dialog--active')
                              && d.textContent.trim() !== ''; }""", timeout=3000)
        toast = page.locator(TOAST).inner_text().strip()
    except Exception:  # noqa: BLE001 - no confirmation: reported as ""
        toast = ""
    return page.evaluate("navigator.clipboard.readText()"), toast


# -- the first paint ------------------------------------------------------------------

SETTLED_JS = """() => new Promise(resolve => {
  const ready = () => document.documentElement.classList.contains("js")
    && !document.querySelector("[data-rehearse-controls][hidden]");
  const wait = () => ready() ? requestAnimationFrame(() => requestAnimationFrame(resolve)) : setTimeout(wait, 50);
  wait();
})"""


def first_screen(context, url: str, held: bool) -> bytes:
    """A screenshot of the first screen of `url` once the scripts ran: with
    the page's stylesheets `held` (never answered: what the reader sees from
    the inline critical CSS alone), or with every stylesheet applied (the
    inline copy removed)."""
    page = context.new_page()
    pending = []
    if held:
        page.route("**/*.css", lambda route: pending.append(route))
        page.goto(url, wait_until="domcontentloaded")
    else:
        page.goto(url)
        page.wait_for_function("() => !document.querySelector('style[data-handbook-critical]')")
    page.evaluate(SETTLED_JS)
    shot = page.screenshot(animations="disabled", caret="hide")
    for route in pending:
        route.abort()
    page.close()
    return shot


def changed_pixels(a: bytes, b: bytes, tolerance: int = 16) -> int:
    """Pixels of two PNG screenshots that differ by more than `tolerance` in
    some channel (smaller differences are the antialiasing of a rounded
    corner drawn on another layer, invisible)."""
    from PIL import Image, ImageChops

    first, second = (Image.open(io.BytesIO(data)).convert("RGB") for data in (a, b))
    if first.size != second.size:
        return first.size[0] * first.size[1]
    difference = ImageChops.difference(first, second).convert("L")
    return sum(1 for value in difference.get_flattened_data() if value > tolerance)


def first_screen_changes(context, url: str, name: str) -> list[str]:
    """What changes on the first screen when the stylesheets arrive after the
    critical CSS (a flash of unstyled or restyled content); both screenshots
    go to tests/screenshots/ when they differ."""
    early, final = first_screen(context, url, held=True), first_screen(context, url, held=False)
    changed = changed_pixels(early, final)
    if not changed:
        return []
    SCREENSHOTS.mkdir(exist_ok=True)
    (SCREENSHOTS / f"first-paint-{name}-critical.png").write_bytes(early)
    (SCREENSHOTS / f"first-paint-{name}-final.png").write_bytes(final)
    return [f"{url}: {changed} pixels of the first screen change when the stylesheets arrive "
            f"(tests/screenshots/first-paint-{name}-*.png)"]
