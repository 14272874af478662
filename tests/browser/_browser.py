"""Browser-test plumbing: a static server on 127.0.0.1 (port 0, optional
sub-path), Debian's Chromium driven by Playwright, and browser contexts at
the sizes the handbook is read at.

Playwright is imported only when Chromium starts, so collecting the tests
(or skipping them without Chromium) does not need it.
"""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
    # Belt and braces: no host name but the loopback one resolves, so a page
    # can never reach the network (tests route off-site requests themselves).
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]
INSTALL_HINT = "install it with: sudo apt-get install chromium fonts-noto-cjk"
PHONE = {"width": 390, "height": 844}
VIEWPORTS = {"phone-360": {"width": 360, "height": 740}, "phone-390": PHONE,
             "desktop": {"width": 1280, "height": 800}}
PHONES = ("phone-360", "phone-390")


def chromium_missing_reason() -> str | None:
    """Why browser tests cannot run here, or None when they can."""
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM}; {INSTALL_HINT}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python Playwright is not installed; run the README's test command"
    return None


class SubPathHandler(SimpleHTTPRequestHandler):
    """Serves `directory` under `prefix` (e.g. "/some/sub/path/"); 404 elsewhere,
    with the site's own 404.html like a static host. A connection idle for
    `timeout` seconds is dropped (Chromium keeps spare ones open)."""

    prefix = "/"
    timeout = 5
    inject: tuple[str, str] | None = None  # (file name, script): served and put first in each page

    def log_message(self, *args) -> None:  # keep test output clean
        pass

    def log_request(self, code="-", size="-") -> None:
        if str(code).isdigit() and int(code) >= 400:
            self.server.failures.append((int(code), self.path))

    def send_head(self):
        if self.inject is None:
            return super().send_head()
        name, script = self.inject
        clean = self.path.split("?", 1)[0].split("#", 1)[0]
        if clean == self.prefix + name:
            return self._send_bytes(script.encode(), "text/javascript")
        path = Path(self.translate_path(self.path))
        page = path / "index.html" if path.is_dir() and clean.endswith("/") else path
        if page.suffix != ".html" or not page.is_file():
            return super().send_head()
        html = page.read_text(encoding="utf-8")
        tag = f'<script src="{self.prefix}{name}"></script>'
        csp = re.search(r'<meta http-equiv="Content-Security-Policy"[^>]*>', html)
        at = csp.end() if csp else html.index("<head>") + len("<head>")
        return self._send_bytes((html[:at] + tag + html[at:]).encode(), "text/html; charset=utf-8")

    def _send_bytes(self, body: bytes, content_type: str):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(self.prefix) and clean + "/" != self.prefix:
            return str(Path(self.directory) / "\0outside")
        return super().translate_path("/" + clean[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # stop() never waits for a connection Chromium keeps open

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.failures: list[tuple[int, str]] = []  # (status, path) of every answer >= 400


class SiteServer:
    """Bound at construction (so the port is known before the site is built
    with a matching site_url), serving after start()."""

    def __init__(self, directory: Path, prefix: str = "/", inject: tuple[str, str] | None = None) -> None:
        prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        handler = type("Handler", (SubPathHandler,), {"prefix": prefix, "inject": inject})
        self.directory = Path(directory)
        self.httpd = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
        self.prefix = prefix
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{prefix}"
        self.thread: threading.Thread | None = None

    def start(self) -> "SiteServer":
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    def failures(self) -> list[tuple[int, str]]:
        """(status, path) of the answers >= 400 since the last call."""
        failures, self.httpd.failures[:] = list(self.httpd.failures), []
        return failures

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def context_options(viewport: str = "phone-390", **extra) -> dict:
    """new_context() options of a reader at `viewport` (a key of VIEWPORTS):
    phones are touch devices at device scale 2; Chinese locale."""
    mobile = viewport.startswith("phone")
    return {"viewport": VIEWPORTS[viewport], "is_mobile": mobile, "has_touch": mobile,
            "device_scale_factor": 2 if mobile else 1, "locale": "zh-CN", **extra}


def origin(url: str) -> str:
    """scheme://host:port of `url`."""
    return "/".join(url.split("/")[:3])


@contextmanager
def chromium() -> Iterator[object]:
    """A Playwright Browser on Debian's Chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def bundle_with(context, site: Path, script: str, replacement: str = "") -> None:
    """Serve the site's script bundle (hooks/handbook/output/scripts.py) to
    `context` with one of its scripts (e.g. "assets/javascripts/share.js")
    replaced by `replacement` (left out by default): a feature's script that
    fails to arrive, or a stand-in for it."""
    from handbook.output import scripts

    [path] = site.glob(f"{scripts.BUNDLE_DIR}/{scripts.BUNDLE_STEM}.*.js")
    found = scripts.parts(path.read_text(encoding="utf-8"))
    assert script in found, f"{script} is not in the bundle: {sorted(found)}"
    found[script] = replacement
    body = scripts.bundle(list(found.items()))
    context.route(f"**/{scripts.BUNDLE_DIR}/{path.name}",
                  lambda route: route.fulfill(content_type="text/javascript", body=body))
