"""The browser tests: the built site served on 127.0.0.1 and read in
Debian's Chromium (Playwright) at phone and desktop sizes, and in WebKitGTK
(Selenium; also marked `webkit`) at 390×844. Every test here is marked
`browser`; without its browser a test skips (locally) or fails (CI=true).

    _browser.py     static server (optional sub-path), Chromium, contexts
    _webkit.py      WebKit: display, off-host proxy, error watch, a page object
                    the shared checks drive like a Playwright page
    offline_net.py  cut a served site off, or make it hang
    checks.py       what the tests measure, each check returning what fails
    pages.py        the manifest's pages and answers
    conftest.py     fixtures: browser, served, served_subpath, phone, …

The plumbing is also importable as `browser._browser` (tests/bench.py uses it).
"""

from ._browser import PHONE, VIEWPORTS, SiteServer, chromium, chromium_missing_reason  # noqa: F401
