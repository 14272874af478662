"""WebKit plumbing: Debian's WebKitGTK (the engine of Safari and of every
browser on an iPhone) driven by Selenium through WebKitWebDriver, on a
private X display, with a page object that speaks the part of Playwright's
Page API the shared checks (checks.py) use, so one check runs in both
engines.

- The display: the browser needs one. Without $DISPLAY an Xvfb server is
  started for the session (-displayfd picks a free display number), so the
  README's one test command runs everything; under `xvfb-run` it is reused.
- The window: MiniBrowser draws a toolbar that is wider than a phone; a
  private GTK theme (XDG_CONFIG_HOME) shrinks it, and the window is sized so
  that the web view itself is exactly the viewport asked for (390×844).
- No other host: every request to a host but 127.0.0.1 goes to a proxy that
  writes it down and answers 502 (`OffHostProxy`), nothing leaves the machine.
- Page errors: WebKitWebDriver has no init scripts, so the served site gets
  `WATCH_SCRIPT` injected as the first script of each page (`SiteServer`'s
  `inject` option); it writes uncaught errors, rejections, console errors and
  CSP violations to sessionStorage, which `WebKitPage.problems()` reads with
  the server's own log of failed responses and the proxy's log.

Selenium is imported only when WebKit starts, so collecting (or skipping) the
tests does not need it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

WEBKIT_DRIVER = os.environ.get("WEBKIT_DRIVER", "/usr/bin/WebKitWebDriver")
MINIBROWSER = os.environ.get("WEBKIT_BROWSER", "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
WEBKIT_HINT = "install it with: sudo apt-get install webkit2gtk-driver xvfb xauth fonts-noto-cjk"

# MiniBrowser's toolbar, shrunk to nothing wide: a phone-wide web view needs a window that narrow.
GTK_CSS = ("window * { min-width: 0; min-height: 0; padding: 0; margin: 0; font-size: 0.1px;"
           " border-width: 0; }\nimage { -gtk-icon-transform: scale(0.01); }\n")

# Injected into every page served to WebKit, first of its scripts (see SubPathHandler.inject).
WATCH_PATH = "__webkit_watch.js"
WATCH_SCRIPT = r"""(function () {
  var KEY = "__webkit_watch", leaving = false;
  /* Once the reader has left the page (a navigation started), what its
     cancelled requests throw is seen by no one. */
  window.addEventListener("beforeunload", function () { leaving = true; });
  window.addEventListener("pagehide", function () { leaving = true; });
  function note(kind, text) {
    if (leaving) return;
    try {
      var list = JSON.parse(sessionStorage.getItem(KEY) || "[]");
      list.push(kind + " " + text);
      sessionStorage.setItem(KEY, JSON.stringify(list));
    } catch (e) { /* storage refused: nothing to keep it in */ }
  }
  /* "ResizeObserver loop completed with undelivered notifications" is the
     browser telling that a size changed while it delivered sizes (here as
     Material's observers meet the stylesheets applied over the inline CSS):
     no script failed, the rest arrive next frame. The spec reports it as an
     error event without an error object; Chromium's pageerror never shows it. */
  function benign(e) { return !e.error && /^ResizeObserver loop /.test(e.message || ""); }
  window.addEventListener("error", function (e) {
    if (benign(e)) return;
    if (e.target === window || e.target === undefined) note("pageerror", e.message);
    else note("failed", (e.target.src || e.target.href || e.target.tagName));
  }, true);
  window.addEventListener("unhandledrejection", function (e) {
    note("pageerror", "unhandled rejection: " + (e.reason && e.reason.message || e.reason));
  });
  document.addEventListener("securitypolicyviolation", function (e) {
    note("csp", [e.violatedDirective, e.blockedURI, e.sourceFile + ":" + e.lineNumber].join(" "));
  });
  var error = console.error;
  console.error = function () {
    note("console", Array.prototype.join.call(arguments, " "));
    return error.apply(console, arguments);
  };
})();
"""


def webkit_missing_reason() -> str | None:
    """Why the WebKit tests cannot run here, or None when they can."""
    for path, what in ((WEBKIT_DRIVER, "WebKitWebDriver"), (MINIBROWSER, "WebKitGTK's MiniBrowser")):
        if not Path(path).is_file():
            return f"{what} not found at {path}; {WEBKIT_HINT}"
    if not os.environ.get("DISPLAY") and not shutil.which("Xvfb"):
        return f"no $DISPLAY and no Xvfb to make one; {WEBKIT_HINT}"
    try:
        import selenium.webdriver  # noqa: F401
    except ImportError:
        return "Selenium is not installed; run the README's test command"
    return None


# -- a display -------------------------------------------------------------------

@contextmanager
def display() -> Iterator[str]:
    """$DISPLAY if there is one, else a fresh Xvfb server's for the time inside."""
    if os.environ.get("DISPLAY"):
        yield os.environ["DISPLAY"]
        return
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24",
                               "-nolisten", "tcp"], pass_fds=(write,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield ":" + number
    finally:
        server.terminate()
        server.wait(10)


# -- no other host ---------------------------------------------------------------

class OffHostProxy:
    """The browser's HTTP(S) proxy for every host but 127.0.0.1: writes the
    request down (`requests`: "GET http://host/path", "CONNECT host:443") and
    answers 502, so nothing leaves the machine and nothing hangs."""

    def __init__(self) -> None:
        proxy = self
        self.requests: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def handle_one_request(self) -> None:
                self.raw_requestline = self.rfile.readline(65537)
                if not self.raw_requestline or not self.parse_request():
                    self.close_connection = True
                    return
                proxy.requests.append(f"{self.command} {self.path}")
                self.send_error(502, "no other host in tests")
                self.close_connection = True

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# -- the browser -----------------------------------------------------------------

class WebKit:
    """Starts WebKit sessions (one MiniBrowser each) on one display, all
    behind one OffHostProxy."""

    def __init__(self, display_name: str) -> None:
        self.display = display_name
        self.proxy = OffHostProxy()
        self.config = Path(tempfile.mkdtemp(prefix="webkit-gtk-"))
        (self.config / "gtk-3.0").mkdir()
        (self.config / "gtk-3.0" / "gtk.css").write_text(GTK_CSS)

    def new_page(self, viewport: dict | None = None, dark: bool = False) -> "WebKitPage":
        """A fresh browser (its own storage, service workers, clipboard use)
        with its web view at `viewport` (default 390×844); `dark`: the system
        prefers a dark colour scheme."""
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        options = Options()
        options.binary_location = MINIBROWSER
        for arg in ("--automation", f"--proxy={self.proxy.url}", "--ignore-host=127.0.0.1",
                    "--enable-dns-prefetching=false", *(["--dark-mode"] if dark else [])):
            options.add_argument(arg)
        env = dict(os.environ, DISPLAY=self.display, XDG_CONFIG_HOME=str(self.config),
                   LANG="zh_CN.UTF-8", LANGUAGE="zh_CN")
        service = Service(executable_path=WEBKIT_DRIVER, env=env, log_output=subprocess.DEVNULL)
        driver = webdriver.WebKitGTK(options=options, service=service)
        page = WebKitPage(driver, self.proxy)
        page.set_viewport_size(viewport or {"width": 390, "height": 844})
        return page

    def close(self) -> None:
        self.proxy.stop()
        shutil.rmtree(self.config, ignore_errors=True)


@contextmanager
def webkit() -> Iterator[WebKit]:
    with display() as name:
        engine = WebKit(name)
        try:
            yield engine
        finally:
            engine.close()


# -- a page with Playwright's manners ------------------------------------------------

class TimeoutError(AssertionError):  # noqa: A001 - Playwright's name, for the shared checks
    pass


FUNCTION = re.compile(r"^\s*(async\s+)?(function\b|\([^()]*\)\s*=>|[\w$]+\s*=>)")
KEYS = {"End": "END", "Home": "HOME", "Escape": "ESCAPE", "Enter": "ENTER", "Backspace": "BACKSPACE",
        "Tab": "TAB", "ArrowDown": "ARROW_DOWN", "ArrowUp": "ARROW_UP"}


def call_script(expression: str, *, on_element: bool = False) -> str:
    """A WebDriver script body evaluating `expression` the way Playwright's
    evaluate does: a function is called with the argument (and the element
    first, for a locator), anything else is returned as an expression."""
    if FUNCTION.match(expression):
        args = "arguments[0], arguments[1]" if on_element else "arguments[0]"
        return f"return ({expression})({args});"
    return f"return ({expression});"


class WebKitPage:
    """A WebKit session as the shared checks see a page: evaluate,
    wait_for_function, locator, get_by_role, goto, reload, screenshot. Clicks
    and keys are WebDriver input actions: real events and user gestures."""

    engine = "webkit"
    context = None  # no Playwright context: offline_net's switch cuts the server alone

    def __init__(self, driver, proxy: OffHostProxy) -> None:
        self.driver, self.proxy = driver, proxy
        self.viewport = {"width": 0, "height": 0}

    # -- the window
    def set_viewport_size(self, size: dict) -> None:
        """Size the window so that the web view is `size` (CSS px)."""
        self.driver.get("about:blank")
        want = [size["width"], size["height"]]
        self.driver.set_window_size(size["width"], size["height"])
        for _ in range(6):
            try:  # the window manager applies a new size asynchronously
                self.wait_for_function("(w) => innerWidth === w[0] && innerHeight === w[1]", want, 3000)
                break
            except TimeoutError:
                inner = self.evaluate("[innerWidth, innerHeight]")
                window = self.driver.get_window_size()
                self.driver.set_window_size(window["width"] + want[0] - inner[0],
                                            window["height"] + want[1] - inner[1])
        self.viewport = dict(size)
        inner = self.evaluate("[innerWidth, innerHeight]")
        assert inner == [size["width"], size["height"]], f"WebKit's web view is {inner}, not {size}"

    def close(self) -> None:
        self.driver.quit()

    # -- navigation
    @property
    def url(self) -> str:
        return self.driver.current_url

    def goto(self, url: str, timeout: float = 30000, **_) -> None:
        self.driver.set_page_load_timeout(timeout / 1000)
        try:
            self.driver.get(url)
        except Exception as exc:  # noqa: BLE001 - Selenium's timeout, in Playwright's name
            raise TimeoutError(f"goto {url}: {str(exc).splitlines()[0]}") from exc

    def reload(self) -> None:
        self.driver.refresh()

    def wait_for_url(self, pattern, timeout: float = 30000) -> None:
        self.wait_until(lambda: re.search(pattern, self.url), timeout, f"URL {pattern}")

    def wait_for_load_state(self, state: str = "load", **_) -> None:
        self.wait_for_function("document.readyState === 'complete'")

    # -- scripts
    def evaluate(self, expression: str, arg=None):
        return self.driver.execute_script(call_script(expression), arg)

    def wait_until(self, condition, timeout: float, what: str):
        deadline = time.monotonic() + timeout / 1000
        while True:
            value = condition()
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"waited {timeout:.0f} ms for {what}")
            time.sleep(0.05)  # polling a condition, not a pause

    def wait_for_function(self, expression: str, arg=None, timeout: float = 30000):
        return self.wait_until(lambda: self.evaluate(expression, arg), timeout, expression[:80])

    def wait_for_timeout(self, ms: float) -> None:
        time.sleep(ms / 1000)

    # -- elements
    def locator(self, selector: str) -> "Locator":
        return Locator(self, selector)

    def get_by_role(self, role: str, name: str) -> "Locator":
        return Locator(self, f"[data-webkit-role='{role}:{name}']", role=(role, name))

    def screenshot(self, path: str, full_page: bool = False) -> None:
        if full_page:
            # WebDriver shoots the viewport: grow the window to the page's height for the shot
            height = min(self.evaluate("document.documentElement.scrollHeight"), 16000)
            size = self.driver.get_window_size()
            extra = size["height"] - self.viewport["height"]
            self.driver.set_window_size(size["width"], height + extra)
            try:
                self.wait_for_function("(h) => innerHeight >= h", height, 5000)
                # the compositor follows the new size a few frames later: until a shot has it
                shot = self.wait_until(lambda: self._shot_of_height(height), 5000, f"a {height} px tall shot")
                Path(path).write_bytes(shot)
            finally:
                self.driver.set_window_size(size["width"], size["height"])
                self.wait_for_function("(h) => innerHeight === h", self.viewport["height"], 5000)
        else:
            self.driver.save_screenshot(path)

    def _shot_of_height(self, height: int) -> bytes | None:
        self.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))")
        png = self.driver.get_screenshot_as_png()
        return png if int.from_bytes(png[20:24], "big") >= height else None

    # -- the clipboard, as a reader uses it: keys into a text field
    def paste_text(self) -> str:
        """What a reader pasting now would get: Ctrl+V into a fresh text field."""
        return self._with_field("", "v")

    def set_clipboard(self, text: str) -> None:
        """Put `text` on the clipboard the way a reader does: select it, Ctrl+C."""
        self._with_field(text, "c")

    def _with_field(self, text: str, key: str) -> str:
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.by import By
        from selenium.webdriver.common.keys import Keys

        self.evaluate("""(text) => { const f = document.createElement('textarea');
            f.id = '__webkit_clip'; f.value = text;
            f.style.setProperty('position', 'fixed'); f.style.setProperty('top', '0');
            f.style.setProperty('z-index', '99999');
            document.body.append(f); f.focus(); f.select(); }""", text)
        field = self.driver.find_element(By.ID, "__webkit_clip")
        ActionChains(self.driver).key_down(Keys.CONTROL).send_keys(key).key_up(Keys.CONTROL).perform()
        if key == "v":
            self.wait_until(lambda: field.get_property("value") != "" or None, 2000, "a paste")
        value = field.get_property("value")
        self.evaluate("document.getElementById('__webkit_clip').remove()")
        return value

    # -- what went wrong
    def problems(self, server=None) -> list[str]:
        """Errors the injected watch saw on this tab (since the last call),
        failed responses of `server` and requests to other hosts."""
        seen = self.evaluate("""() => { const k = '__webkit_watch';
            const v = JSON.parse(sessionStorage.getItem(k) || '[]'); sessionStorage.removeItem(k); return v; }""")
        failed = [f"{code} {path}" for code, path in (server.failures() if server else [])]
        return seen + failed + [f"outside {r}" for r in self.proxy.requests]


ROLE_JS = """([role, name]) => {
  const implicit = {button: 'button', dialog: 'dialog', link: 'a[href]', textbox: 'input, textarea'};
  const all = [...document.querySelectorAll((implicit[role] || '') + (implicit[role] ? ',' : '') + `[role="${role}"]`)];
  const label = el => (el.getAttribute('aria-label')
    || (el.getAttribute('aria-labelledby') || '').split(' ').map(id => document.getElementById(id)?.textContent || '').join(' ')
    || el.textContent || '').trim();
  document.querySelectorAll('[data-webkit-role]').forEach(el => el.removeAttribute('data-webkit-role'));
  const found = all.filter(el => label(el).toLowerCase().includes(name.toLowerCase()));
  found.forEach(el => el.setAttribute('data-webkit-role', role + ':' + name));
  return found.length;
}"""

LABEL_JS = """(text) => {
  document.querySelectorAll('[data-webkit-label]').forEach(el => el.removeAttribute('data-webkit-label'));
  const label = [...document.querySelectorAll('label[for]')].find(l => l.textContent.includes(text));
  const field = label && document.getElementById(label.getAttribute('for'));
  if (field) field.setAttribute('data-webkit-label', text);
  return !!field;
}"""


class Locator:
    """Elements by CSS selector, found anew on every use (like Playwright's)."""

    def __init__(self, page: WebKitPage, selector: str, index: int | None = None,
                 role: tuple[str, str] | None = None) -> None:
        self.page, self.selector, self.index, self.role = page, selector, index, role

    def _all(self) -> list:
        from selenium.webdriver.common.by import By

        if self.role:
            self.page.evaluate(ROLE_JS, list(self.role))
        return self.page.driver.find_elements(By.CSS_SELECTOR, self.selector)

    def _act(self, action, attempts: int = 3):
        """action(element), found again when the page replaced it meanwhile
        (Material re-renders parts of the page on instant navigation)."""
        from selenium.common.exceptions import StaleElementReferenceException

        for attempt in range(attempts):
            try:
                return action(self._one())
            except StaleElementReferenceException:
                if attempt == attempts - 1:
                    raise

    def _one(self, timeout: float = 5000):
        def found():
            elements = self._all()
            i = self.index or 0
            return elements[i] if len(elements) > i else None
        return self.page.wait_until(found, timeout, self.selector)

    def nth(self, i: int) -> "Locator":
        return Locator(self.page, self.selector, i, self.role)

    @property
    def first(self) -> "Locator":
        return self.nth(0)

    def count(self) -> int:
        return len(self._all())

    def locator(self, selector: str) -> "Locator":
        return Locator(self.page, f"{self.selector} {selector}", role=self.role)

    def get_by_label(self, text: str) -> "Locator":
        assert self.page.evaluate(LABEL_JS, text), f"no field labelled {text!r}"
        return Locator(self.page, f"[data-webkit-label='{text}']")

    def get_by_role(self, role: str, name: str) -> "Locator":
        return self.page.get_by_role(role, name)

    def evaluate(self, expression: str, arg=None):
        return self._act(lambda el: self.page.driver.execute_script(
            call_script(expression, on_element=True), el, arg))

    def is_visible(self) -> bool:
        elements = self._all()
        i = self.index or 0
        return len(elements) > i and self.page.driver.execute_script(
            "const el = arguments[0]; return el.getClientRects().length > 0"
            " && getComputedStyle(el).visibility !== 'hidden';", elements[i])

    def is_hidden(self) -> bool:
        return not self.is_visible()

    def wait_for(self, state: str = "visible", timeout: float = 30000) -> None:
        want = {"visible": self.is_visible, "hidden": self.is_hidden,
                "attached": lambda: self.count() > (self.index or 0)}[state]
        self.page.wait_until(want, timeout, f"{self.selector} {state}")

    def inner_text(self, timeout: float = 5000) -> str:
        return self.evaluate("el => el.innerText")

    def bounding_box(self) -> dict:
        """Playwright's box: the element's place in the viewport, in CSS px."""
        return self.evaluate("el => { const r = el.getBoundingClientRect();"
                             " return {x: r.x, y: r.y, width: r.width, height: r.height}; }")

    def get_attribute(self, name: str):
        return self._act(lambda el: el.get_attribute(name))

    def input_value(self) -> str:
        return self._act(lambda el: el.get_property("value"))

    def scroll_into_view_if_needed(self) -> None:
        self.evaluate("el => el.scrollIntoView({block: 'center'})")

    def click(self, timeout: float = 5000, **_) -> None:
        self.page.wait_until(self.is_visible, timeout, f"{self.selector} visible")
        self.scroll_into_view_if_needed()
        self._act(lambda el: el.click())

    def tap(self, position: dict | None = None, **_) -> None:
        """WebKitGTK has no touch screen: a click, at `position` from the top left."""
        if position is None:
            return self.click()
        from selenium.webdriver.common.action_chains import ActionChains

        element = self._one()
        self.scroll_into_view_if_needed()
        box = element.rect
        ActionChains(self.page.driver).move_to_element_with_offset(
            element, position["x"] - box["width"] / 2, position["y"] - box["height"] / 2).click().perform()

    def fill(self, text: str) -> None:
        """Empty the field, then type `text` key by key (real input events)."""
        self.evaluate("el => { el.focus(); el.value = ''; el.dispatchEvent(new Event('input', {bubbles: true})); }")
        if text:
            self._act(lambda el: el.send_keys(text))

    def press(self, key: str) -> None:
        from selenium.webdriver.common.keys import Keys

        self._act(lambda el: el.send_keys(getattr(Keys, KEYS[key])))

    def press_sequentially(self, text: str, delay: float = 0) -> None:
        """One key at a time, each a real key press and release."""
        for char in text:
            self._act(lambda el: el.send_keys(char))
