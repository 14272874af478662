"""What the browser tests measure, as small functions over a Playwright page.
Each returns the offending items (empty = pass), so a test can show what
failed and a negative test can prove the check can fail.
"""

from __future__ import annotations

import io
import time
from pathlib import Path
from urllib.parse import urlsplit

from handbook.output import critical

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


# The page as a reader sees it once it has settled: every stylesheet applied
# (the inline critical CSS gone: hooks/handbook/output/critical.py) and no
# colour transition or animation still running (Material fades colours in).
SETTLED_STYLES_JS = ("() => !document.querySelector('style[" + critical.STYLE_MARK + "]')"
                     " && (!document.getAnimations"
                     " || document.getAnimations().every(a => a.playState !== 'running'))")


def contrast(page, selector: str) -> list[dict]:
    page.wait_for_function(SETTLED_STYLES_JS, timeout=10000)
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
    # the inputs are built from the fields' JSON when the panel first opens (profile.js)
    page.wait_for_function("() => !!document.querySelector('[data-profile-fields][data-built]')", timeout=10000)
    return panel


def profile_values(page, key: str) -> list[str]:
    """The text of every span that shows the profile field `key`."""
    return page.evaluate("(k) => [...document.querySelectorAll(`span.pf[data-profile='${k}']`)]"
                         ".map(e => e.textContent)", key)


def profile_ready(page, url: str) -> None:
    """Load a page and wait until the features have run on it."""
    page.goto(url)
    page.wait_for_function("() => !!document.querySelector('[data-profile-open]:not([hidden])')",
                           timeout=10000)


def profile_problems(page, site_url: str) -> list[str]:
    """填写我的信息 as a reader uses it: 姓名 and 当前月薪 typed in the panel
    replace their placeholders at once, stay after a reload (localStorage)
    and on another page, with the field's unit; 清除我的信息 brings the
    placeholders back. Returns what failed."""
    problems: list[str] = []

    def expect(step: str, key: str, shown: str) -> None:
        values = profile_values(page, key)  # every place the page uses the field
        if not values or set(values) != {shown}:
            problems.append(f"{step}: {key} shows {values}, not {shown!r} everywhere")

    profile_ready(page, site_url + "opening/")
    expect("before", "name", "〔姓名〕")
    panel = open_panel(page)  # a panel that does not open fails here, loudly
    panel.get_by_label("姓名").fill("李雷")
    panel.get_by_label("当前月薪").fill("25")
    expect("typed", "name", "李雷")
    panel.get_by_role("button", name="完成").click()
    page.reload()
    page.wait_for_function("() => !!document.querySelector('[data-profile-open]:not([hidden])')", timeout=10000)
    expect("after a reload", "name", "李雷")
    profile_ready(page, site_url + "salary/")
    expect("on another page", "monthly_salary", "25K")
    expect("on another page", "annual_package", "〔当前年薪总包〕")  # a field left alone
    open_panel(page).get_by_role("button", name="清除我的信息").click()
    expect("cleared", "monthly_salary", "〔当前月薪〕")
    if page.evaluate("localStorage.getItem('handbook.profile')") is not None:
        problems.append("cleared: the values are still stored")
    return problems


CALCULATOR_JS = """() => Object.fromEntries([...document.querySelectorAll('#comp-calc [data-comp]')]
  .map(e => [e.dataset.comp, e.textContent]))"""


def calculator_problems(page, site_url: str) -> list[str]:
    """The severance calculator follows 填写我的信息: 3 years 7 months at 20K
    → N 80,000, N+1 100,000, 2N 160,000 yuan, at once and after a reload;
    cleared, the placeholders again. Returns what failed."""
    problems: list[str] = []
    amounts = ("n", "n1", "n2")

    def expect(step: str, values: tuple[str, ...]) -> None:
        try:
            page.wait_for_function("(v) => { const s = (" + CALCULATOR_JS + ")();"
                                   " return v.every((x, i) => s[['n', 'n1', 'n2'][i]] === x); }",
                                   arg=list(values), timeout=5000)
        except Exception:  # noqa: BLE001 - reported below
            slots = page.evaluate(CALCULATOR_JS)
            problems.append(f"{step}: {[slots.get(a) for a in amounts]}, not {list(values)}")

    profile_ready(page, site_url + "rights/")
    page.wait_for_function("() => window.handbookSeverance !== undefined", timeout=10000)
    public = tuple(page.evaluate(CALCULATOR_JS).get(a) for a in amounts)
    if public[0] != "〔N〕":
        problems.append(f"public build: N shows {public[0]!r}, not the placeholder")
    panel = open_panel(page)
    panel.get_by_label("在本单位工作整年数").fill("3")
    panel.get_by_label("在本单位工作零头月数").fill("7")
    panel.get_by_label("当前月薪").fill("20")
    panel.get_by_role("button", name="完成").click()
    expect("typed", ("80,000 元", "100,000 元", "160,000 元"))
    page.reload()
    expect("after a reload", ("80,000 元", "100,000 元", "160,000 元"))
    open_panel(page).get_by_role("button", name="清除我的信息").click()
    expect("cleared", public)
    return problems


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
# What the toast says when the browser refused a copy (docs/assets/javascripts/handbook.js).
COPY_REFUSED = "未能复制：浏览器拒绝了剪贴板操作，请长按选中文字后手动复制"
# On WebKit's clipboard before a copy: a reader's earlier copy (WebKit lets
# no script empty it outside a tap).
EARLIER = "〔之前复制的文字〕"


def is_webkit(page) -> bool:
    return getattr(page, "engine", "chromium") == "webkit"


def reset_clipboard(page) -> None:
    """Chromium: empty the clipboard; WebKit: a reader's earlier copy, by keys."""
    if is_webkit(page):
        page.set_clipboard(EARLIER)
    else:
        page.evaluate("navigator.clipboard.writeText('')")


def clipboard_text(page) -> str:
    """What a reader pasting now gets ("" if nothing was copied since
    reset_clipboard). WebKit: Ctrl+V into a text field, as a person pastes."""
    if is_webkit(page):
        text = page.paste_text()
        return "" if text == EARLIER else text
    return page.evaluate("navigator.clipboard.readText()")


def copy_with(page, button, gesture: bool = True) -> tuple[str, str]:
    """Tap (phone) or click a copy button the way a reader does; return the
    clipboard's text and the confirmation the page shows (Material's toast).
    gesture=False: a script's click, which the browser does not count as the
    reader's (WebKit refuses to copy on it)."""
    page.evaluate("""() => { const t = document.querySelector('.md-dialog .md-typeset');
                             if (t) t.textContent = ''; }""")
    reset_clipboard(page)
    if gesture:
        press(page, button)
    else:
        button.evaluate("el => setTimeout(() => el.click(), 0)")
    try:
        page.wait_for_function(
            """() => { const d = document.querySelector('.md-dialog');
                       return d && d.classList.contains('md-dialog--active')
                              && d.textContent.trim() !== ''; }""", timeout=3000)
        toast = page.locator(TOAST).inner_text().strip()
    except Exception:  # noqa: BLE001 - no confirmation: reported as ""
        toast = ""
    return clipboard_text(page), toast


# -- iOS: what Safari on an iPhone needs of the CSS ------------------------------------

# The fields iOS types into (a file input opens a picker, a checkbox toggles).
FORM_FIELDS_JS = """(min) => [...document.querySelectorAll('input, select, textarea')]
  .filter(el => el.tagName !== 'INPUT' || ['text', 'search', 'email', 'number', 'tel', 'url', 'password',
    'date', 'datetime-local', 'month', 'time', 'week'].includes(el.type))
  .map(el => [el, parseFloat(getComputedStyle(el).fontSize)])
  .filter(([el, size]) => size < min)
  .map(([el, size]) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '.' + el.className) + ' ' + size + 'px')"""


def small_form_fields(page, minimum: float = 16) -> list[str]:
    """Text fields, text areas and selects set below `minimum` px, shown or
    not (iOS zooms the whole page into such a field smaller than 16 px when it
    is focused)."""
    return page.evaluate(FORM_FIELDS_JS, minimum)


# Bars pinned to the bottom of the screen: fixed or sticky, placed by `bottom`
# and not stretched from the top (an overlay or a drawer is not a bar). One
# is clear of the home indicator when a rule matching it moves its `bottom`
# or pads it by env(safe-area-inset-bottom). Read from the CSSOM: as the
# engine parsed the site's stylesheets (a declaration it dropped counts as
# missing).
BOTTOM_BARS_JS = """() => {
  function rules(list, out) {
    for (const rule of list) {
      if (rule instanceof CSSStyleRule) out.push(rule);
      else if (rule.cssRules) rules(rule.cssRules, out);
    }
    return out;
  }
  const all = [];
  for (const sheet of document.styleSheets) {
    try { rules(sheet.cssRules, all); } catch (e) { /* another origin: none here */ }
  }
  const matching = el => all.filter(rule => { try { return el.matches(rule.selectorText); } catch (e) { return false; } });
  const set = (found, prop) => found.some(r => { const v = r.style.getPropertyValue(prop); return v && v !== 'auto'; });
  const clear = found => found.some(r => ['bottom', 'padding-bottom', 'margin-bottom', 'inset', 'inset-block-end']
    .some(p => r.style.getPropertyValue(p).includes('safe-area-inset-bottom')));
  return [...document.querySelectorAll('body *')].filter(el => {
    const position = getComputedStyle(el).position;
    if (position !== 'fixed' && position !== 'sticky') return false;
    const found = matching(el);
    return set(found, 'bottom') && !set(found, 'top') && !clear(found);
  }).map(el => el.tagName.toLowerCase() + '.' + [...el.classList].join('.'));
}"""


def bottom_bars_without_safe_area(page) -> list[str]:
    """Bars pinned to the screen's bottom that ignore env(safe-area-inset-bottom)."""
    return page.evaluate(BOTTOM_BARS_JS)


def text_size_adjust(page) -> str | None:
    """text-size-adjust of the root as the cascade of the site's stylesheets
    leaves it: the last rule matching <html> that sets it (CSSOM, in source
    order). None where the engine drops the property (desktop WebKitGTK: it
    is an iOS feature). Not the computed value: desktop Chromium computes
    `none` as 100%."""
    return page.evaluate("""() => {
      let value = null;
      const walk = list => { for (const rule of list) {
        if (rule instanceof CSSStyleRule) {
          if (!document.documentElement.matches(rule.selectorText)) continue;
          const v = rule.style.getPropertyValue('text-size-adjust') || rule.style.getPropertyValue('-webkit-text-size-adjust');
          if (v) value = v;
        } else if (rule.cssRules && (!rule.media || matchMedia(rule.media.mediaText).matches)) walk(rule.cssRules);
      } };
      for (const sheet of document.styleSheets) { try { walk(sheet.cssRules); } catch (e) {} }
      return value;
    }""")


HEADER_JS = """() => {
  const inner = document.querySelector('.md-header__inner');
  const width = document.documentElement.clientWidth;
  const shown = el => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden'
                      && getComputedStyle(el).display !== 'none';
  const items = [...inner.querySelectorAll(':scope > *, .rehearse-controls > *')]
    .filter(el => shown(el) && !el.classList.contains('rehearse-controls') && !el.matches('.md-search'))
    .map(el => ({name: el.className.split(' ')[0] + (el.getAttribute('for') ? '[' + el.getAttribute('for') + ']' : '')
                       + (el.getAttribute('aria-label') ? '[' + el.getAttribute('aria-label') + ']' : ''),
                 r: el.getBoundingClientRect()}));
  const out = [];
  for (const a of items) {
    if (a.r.left < -0.5 || a.r.right > width + 0.5) out.push(a.name + ' outside the screen: ' + Math.round(a.r.left) + '..' + Math.round(a.r.right));
    if (a.r.height > 0 && a.r.width < 1) out.push(a.name + ' squeezed to nothing');
  }
  for (let i = 0; i < items.length; i++) for (let j = i + 1; j < items.length; j++) {
    const a = items[i].r, b = items[j].r;
    const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    if (overlap > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5)
      out.push(items[i].name + ' overlaps ' + items[j].name + ' by ' + Math.round(overlap) + ' px');
  }
  const title = inner.querySelector('.md-header__title');
  // at least three characters of 面试问答速查 and the ellipsis (0.9rem = 18 px each)
  if (title && title.getBoundingClientRect().width < 64) out.push('title squeezed to ' + Math.round(title.getBoundingClientRect().width) + ' px');
  const header = document.querySelector('.md-header').getBoundingClientRect();
  if (header.height > 64) out.push('header wraps: ' + Math.round(header.height) + ' px tall');
  return out;
}"""


def header_problems(page) -> list[str]:
    """The header's title and buttons: each on the screen, none on top of
    another, the title at least 64 px (Material's own gaps leave it 44 px at
    320 px: "面…"), the bar one line high."""
    return page.evaluate(HEADER_JS)




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
        page.wait_for_function(SETTLED_STYLES_JS)
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
