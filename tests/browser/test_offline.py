"""Offline after the first visit, in Chromium at phone size, once the site
says its offline copy is complete (the install, then the other pages one at
a time, waiting while the reader's own requests are answered; a weak signal
loses nothing and the next visit goes on): pages by links
(instant navigation) and by typed URLs, an answer's address, Chinese search, the offline notice,
a new deployment showing once online; at the root and under a sub-path. A
hanging network falls back to the offline copy within seconds; the worker
keeps nothing of another origin. And the web app manifest with its icons.
Every check has a run that must fail (a worker changed in sw.js)."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from handbook.output import pwa

from ._browser import SiteServer
from .checks import heading_visible_below_header, scroll_settled, type_query
from .pages import MANIFEST, url_of

pytestmark = pytest.mark.browser

BANNER = "离线模式 · 内容为上次更新"
READY = "已保存离线副本，没有网络也能阅读"
CHANGED = "这是重新部署后的新回答文字"
SW_SOURCE = Path("hooks/handbook/output/sw.js")


def change_worker(project: Path, *replacements: tuple[str, str]) -> None:
    source = project / SW_SOURCE
    text = source.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    source.write_text(text, encoding="utf-8")


def wait_for_offline_copy(page, timeout_ms: int = 30000) -> None:
    """The service worker controls the page and the site tells the reader
    that its offline copy is complete (offline.js: only once the worker kept
    every file)."""
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=timeout_ms)
    page.wait_for_function("t => document.querySelector('.offline-banner')?.textContent === t",
                           arg=READY, timeout=timeout_ms)


def h1(page) -> str:
    return page.locator("article h1").first.inner_text(timeout=2000).replace("¶", "").strip()


def shows_title(page, title: str, wait_ms: int = 8000) -> bool:
    """The page's heading becomes `title` (instant navigation may swap the
    content just after the URL changes)."""
    try:
        page.wait_for_function(
            "t => { const h = document.querySelector('article h1');"
            " return h && h.textContent.replace('¶', '').trim() === t; }", arg=title, timeout=wait_ms)
        return True
    except Exception:  # noqa: BLE001 - the caller reports what it saw
        return False


def not_cached(page, site: Path, url: str) -> list[str]:
    """The URLs of the offline copy (sw.js PRECACHE and LATER) that the worker's cache lacks."""
    lists = pwa.worker_constants((site / "sw.js").read_text(encoding="utf-8"))
    wanted = [url + u if u != "./" else url for u in lists["PRECACHE"] + lists["LATER"]]
    return page.evaluate("""async (wanted) => {
        const keys = (await caches.keys()).filter((k) => k.startsWith("handbook-"));
        if (keys.length !== 1) return ["caches: " + keys.join(", ")];
        const cache = await caches.open(keys[0]);
        const missing = [];
        for (const u of wanted) if (!(await cache.match(u))) missing.push(u);
        return missing;
    }""", wanted)


def sw_version(site: Path) -> str:
    return pwa.worker_constants((site / "sw.js").read_text(encoding="utf-8"))["VERSION"]


def first_visit(page, served, timeout_ms: int = 30000) -> list[str]:
    """Open the home page online once: the worker takes control, caches every
    file sw.js lists and the site says the offline copy is complete. Returns
    what failed."""
    page.goto(served.url)
    try:
        wait_for_offline_copy(page, timeout_ms)
    except Exception as exc:  # noqa: BLE001 - reported as a problem
        return [f"the site never said its offline copy is complete: {str(exc).splitlines()[0]}"]
    missing = not_cached(page, served.site, served.url)
    return [f"not in the offline copy: {', '.join(missing)}"] if missing else []


def offline_problems(page, served, wait_ms: int = 8000, visit_ms: int = 30000) -> list[str]:
    """After the first visit, with the network cut: read pages via links and
    typed URLs and search in Chinese. Returns what failed."""
    problems = first_visit(page, served, visit_ms)
    if page.evaluate("navigator.serviceWorker.controller === null"):
        return problems + ["no service worker took control"]
    with served.switch.off(page.context):
        problems += offline_reading(page, served.url, wait_ms)
    return problems


def offline_reading(page, url: str, wait_ms: int = 8000) -> list[str]:
    """Each step waits up to `wait_ms` for what it expects."""
    problems: list[str] = []
    titles = {url_of(p): p.title for p in MANIFEST.pages}
    # Three pages by tapping links: instant navigation fetches them.
    page.evaluate("window.__sameDocument = true")
    steps = [("article a[href$='planning/#career-plan']", "planning/"),
             ("a.md-footer__link--next", "offer/"),
             ("a.md-footer__link--next", "salary/")]
    for selector, expected in steps:
        try:
            page.locator(selector).first.click(timeout=wait_ms)
            page.wait_for_url(re.compile(re.escape(url + expected)), timeout=wait_ms)
            if not shows_title(page, titles[expected], wait_ms):
                problems.append(f"link to {expected}: heading {h1(page)!r}")
        except Exception as exc:  # noqa: BLE001
            problems.append(f"link to {expected} failed offline: {str(exc).splitlines()[0]}")
    if not page.evaluate("window.__sameDocument === true"):
        problems.append("links reloaded the page instead of instant navigation")

    # An answer's address (a chat's link): the worker answers it, as its stub would.
    try:
        page.goto(url + "a/other-offers/", timeout=wait_ms)
        page.wait_for_url(re.compile(re.escape(url + "offer/#other-offers") + "$"), timeout=wait_ms)
        scroll_settled(page)
        ok, where = heading_visible_below_header(page, "other-offers")
        if not ok:
            problems.append(f"address a/other-offers/ landed off the answer: {where}")
    except Exception as exc:  # noqa: BLE001
        problems.append(f"address a/other-offers/ failed offline: {str(exc).splitlines()[0]}")

    # Three pages by typed URL.
    for path in ("ask/", "rights/", "opening/"):
        try:
            page.goto(url + path, timeout=wait_ms)
            if not shows_title(page, titles[path], wait_ms):
                problems.append(f"typed {path}: heading {h1(page)!r}")
        except Exception as exc:  # noqa: BLE001
            problems.append(f"typed {path} failed offline: {str(exc).splitlines()[0]}")

    # A Chinese search.
    try:
        page.locator("label.md-header__button[for='__search']").click(timeout=wait_ms)
        box = page.locator("input.md-search__input")
        box.press_sequentially("末位淘汰", delay=20)
        box.press("End")  # Material's search reacts to keyup
        page.locator(".md-search-result__item").first.wait_for(timeout=wait_ms)
        found = re.sub(r"[\s\u200b]", "", page.locator(".md-search-result__list").inner_text())
        if "末位淘汰" not in found:
            problems.append("search for 末位淘汰 found nothing about it")
        # the site's patched worker from the cache: Material's own finds nothing for it
        first = type_query(page, "其他offer")["first"]
        if first != "other-offers":
            problems.append(f"search for 其他offer offline: {first} first, not other-offers")
    except Exception as exc:  # noqa: BLE001
        problems.append(f"search failed offline: {str(exc).splitlines()[0]}")
    return problems


def test_every_page_and_search_work_offline_and_a_new_deployment_shows_once_online(
        project, serve_project, new_context):
    served = serve_project(project)
    context = new_context()
    page = context.new_page()
    assert first_visit(page, served) == []
    with served.switch.off(context):
        problems = offline_reading(page, served.url)
        assert problems == [], "\n".join(problems)
        banner = page.locator(".offline-banner")
        assert banner.inner_text() == BANNER
        assert banner.get_attribute("aria-live") == "polite"
        assert banner.is_visible()

        # A new deployment with a changed answer, built while offline.
        old = sw_version(served.site)
        page_md = project / "docs" / "opening.md"
        page_md.write_text(page_md.read_text(encoding="utf-8").replace(
            "时间控制在 1～2 分钟", CHANGED + "，时间控制在 1～2 分钟"), encoding="utf-8")
        new = sw_version(served.rebuild().site)
        assert new != old
        # Still offline: the last copy, not the new text.
        page.reload()
        assert CHANGED not in page.locator("article").inner_text()

    page.reload()
    assert CHANGED in page.locator("article").inner_text()
    page.wait_for_function("() => document.querySelector('.offline-banner').textContent === ''")
    assert not banner.is_visible()
    # The new worker replaces the old one and deletes the old cache.
    page.wait_for_function(
        f"() => caches.keys().then(k => k.length === 1 && k[0] === 'handbook-{new}')", timeout=30000)


def test_every_page_and_search_work_offline_under_a_sub_path(served_subpath, new_context):
    problems = offline_problems(new_context().new_page(), served_subpath)
    assert problems == [], "\n".join(problems)


def test_offline_check_fails_when_the_worker_caches_nothing(project, serve_project, new_context):
    change_worker(project, ("const CACHE = CACHE_PREFIX + VERSION;",
                            "const CACHE = CACHE_PREFIX + VERSION;\nPRECACHE.length = 0;\nLATER.length = 0;"))
    served = serve_project(project)
    problems = offline_problems(new_context().new_page(), served, wait_ms=1500)
    assert any(p.startswith("not in the offline copy") for p in problems), problems
    assert any("planning/" in p for p in problems), problems
    assert any("typed ask/" in p for p in problems), problems
    assert any("address a/other-offers/" in p for p in problems), problems
    assert any("search" in p for p in problems), problems


def test_offline_check_fails_when_the_rest_of_the_copy_never_comes(project, serve_project, new_context):
    # the install runs, the pages after it never: the site must not say it is ready
    change_worker(project, ("if (!event.data || event.data.type !== OFFLINE_MESSAGE) {", "if (true) {"))
    served = serve_project(project)
    problems = offline_problems(new_context().new_page(), served, wait_ms=1500, visit_ms=8000)
    assert any(p.startswith("the site never said its offline copy is complete") for p in problems), problems
    assert any("typed ask/" in p for p in problems), problems


# -- a weak signal: the rest of the copy fails, then goes on --------------------------------

def wait_for(condition, seconds: float = 30) -> bool:
    """Poll `condition` (a server-side fact) until true or `seconds` passed."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def weak_signal_problems(served, context) -> list[str]:
    """First visit while the server drops one page of LATER (salary/): what
    the install stored must stay, offline the home page and the search work;
    the next visit with a signal completes the copy without fetching again a
    page it holds. Returns what failed."""
    lists = pwa.worker_constants((served.site / "sw.js").read_text(encoding="utf-8"))
    prefix, dropped = served.server.prefix, "salary/"
    earlier = [u for u in lists["LATER"] if u != dropped]
    served.switch.dropped.add(prefix + dropped)
    page = context.new_page()
    page.goto(served.url)
    if not wait_for(lambda: prefix + dropped in served.switch.requests):
        return [f"the worker never asked for {dropped}"]
    problems = []
    try:  # the run has stopped at the dropped page
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=10000)
    except Exception:  # noqa: BLE001 - reported
        problems.append("no service worker took control")
    missing = not_cached(page, served.site, served.url) if not problems else []
    problems += [f"lost from the install: {u}" for u in missing
                 if u[len(served.url):] in lists["PRECACHE"] or u == served.url]
    if page.locator(".offline-banner").inner_text() == READY:
        problems.append("the site said the offline copy is complete with salary/ missing")
    with served.switch.off(context):
        try:
            page.goto(served.url, timeout=5000)
            first = type_query(page, "其他offer")["first"]
            if first != "other-offers":
                problems.append(f"offline search after the failure: {first} first, not other-offers")
        except Exception as exc:  # noqa: BLE001
            problems.append(f"home page or search offline after the failure: {str(exc).splitlines()[0]}")
    served.switch.dropped.clear()
    page.reload()  # the next visit, with a signal
    try:
        wait_for_offline_copy(page, 15000)
    except Exception:  # noqa: BLE001 - reported
        problems.append("the next visit did not complete the offline copy")
    problems += [f"not in the offline copy after the next visit: {u}"
                 for u in not_cached(page, served.site, served.url)]
    asked = served.switch.requests
    problems += [f"{u} fetched {asked.count(prefix + u)} times" for u in earlier if asked.count(prefix + u) != 1]
    return problems


def test_a_weak_signal_keeps_the_install_and_the_next_visit_completes_the_copy(project, serve_project,
                                                                              new_context):
    assert weak_signal_problems(serve_project(project), new_context()) == []


def test_the_weak_signal_check_sees_a_copy_fetched_again_or_all_or_nothing(project, serve_project, new_context):
    change_worker(project, ("if (await cache.match(url)) {", "if (false) {"))
    problems = weak_signal_problems(serve_project(project), new_context())
    assert problems and all(p.endswith("fetched 2 times") for p in problems), problems
    # one install of every page, all or nothing: a dropped page loses everything
    change_worker(project, ("PRECACHE.map(async", "PRECACHE.concat(LATER).map(async"),
                  ("if (false) {", "if (await cache.match(url)) {"))
    problems = weak_signal_problems(serve_project(project), new_context())
    assert "no service worker took control" in problems, problems
    assert any(p.startswith("home page or search offline after the failure") for p in problems), problems


def fetched_while_the_reader_waits(served, context, held: str = "assets/javascripts/vendor/qrcode-generator/LICENSE.txt",
                                   seconds: float = 5) -> list[str]:
    """The pages of LATER the worker fetched while a request of the reader
    (for `held`, which the server holds) was under way: after a first visit
    whose pages after the install all failed, the page, idle, asks the worker
    to go on while its own request waits (for at most `seconds`)."""
    lists = pwa.worker_constants((served.site / "sw.js").read_text(encoding="utf-8"))
    prefix, later = served.server.prefix, [served.server.prefix + u for u in lists["LATER"]]
    served.switch.dropped.update(later)
    page = context.new_page()
    page.goto(served.url)
    assert wait_for(lambda: later[0] in served.switch.requests), "the rest of the copy never started"
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    served.switch.dropped.clear()
    served.switch.held.add(prefix + held)
    page.evaluate("url => { window.__held = fetch(url); }", served.url + held)
    assert wait_for(lambda: prefix + held in served.switch.requests), "the reader's request never arrived"
    start = len(served.switch.requests)
    page.evaluate("t => navigator.serviceWorker.controller.postMessage({type: t})", "handbook:offline")
    wait_for(lambda: any(r in later for r in served.switch.requests[start:]), seconds)
    during = [r for r in served.switch.requests[start:] if r in later]
    served.switch.let_go.set()
    page.evaluate("() => window.__held.then((r) => r.status)")
    wait_for_offline_copy(page, 15000)  # once the reader's request is answered, the copy goes on
    return during


def test_the_rest_of_the_copy_waits_while_the_reader_waits(project, serve_project, new_context):
    assert fetched_while_the_reader_waits(serve_project(project), new_context()) == []


def test_the_waiting_check_sees_a_worker_that_fetches_meanwhile(project, serve_project, new_context):
    change_worker(project, ("    await quiet();\n", ""))
    assert fetched_while_the_reader_waits(serve_project(project), new_context())


def test_offline_banner_shows_only_while_offline(served, phone):
    phone.goto(served.url)
    banner = phone.locator(".offline-banner")
    assert banner.count() == 1 and not banner.is_visible()
    phone.context.set_offline(True)
    phone.wait_for_function("() => document.querySelector('.offline-banner').textContent !== ''")
    assert banner.inner_text() == BANNER and banner.is_visible()
    assert banner.get_attribute("role") == "status"
    phone.context.set_offline(False)
    phone.wait_for_function("() => document.querySelector('.offline-banner').textContent === ''")
    assert not banner.is_visible()


# -- installable -----------------------------------------------------------------

def manifest_problems(page, url: str, path: str = "") -> list[str]:
    """The web app manifest the page `path` of the site at `url` links to:
    required members, start_url at the site's root, loadable icons."""
    page.goto(url + path)
    href = page.evaluate("document.querySelector('link[rel=manifest]')?.href")
    if not href:
        return ["no <link rel=manifest>"]
    response = page.request.get(href)
    if response.status != 200:
        return [f"manifest {href}: HTTP {response.status}"]
    data = json.loads(response.text())
    problems = [f"manifest lacks {key}" for key in ("name", "short_name", "start_url", "display", "icons")
                if not data.get(key)]
    if data.get("display") not in ("standalone", "fullscreen", "minimal-ui"):
        problems.append(f"display {data.get('display')!r} does not open as an app")
    start = page.evaluate("([s, m]) => new URL(s, m).href", [data.get("start_url", ""), href])
    if start != url:
        problems.append(f"start_url {start} is not the site's home page {url}")
    sizes = set()
    for icon in data.get("icons", []):
        src = page.evaluate("([s, m]) => new URL(s, m).href", [icon["src"], href])
        status = page.request.get(src).status
        if status != 200:
            problems.append(f"icon {src}: HTTP {status}")
            continue
        width = page.evaluate(
            """src => new Promise(ok => { const i = new Image(); i.onload = () => ok(i.naturalWidth);
                 i.onerror = () => ok(0); i.src = src; })""", src)
        if not width:
            problems.append(f"icon {src} does not decode as an image")
        sizes.add(icon.get("sizes"))
    if not {"192x192", "512x512"} <= sizes:
        problems.append(f"icons need 192x192 and 512x512 PNGs, got {sorted(sizes)}")
    touch = page.evaluate("document.querySelector('link[rel=apple-touch-icon]')?.href")
    if not touch or page.request.get(touch).status != 200:
        problems.append(f"apple-touch-icon {touch} does not load")
    return problems


@pytest.mark.parametrize("where", ["root", "sub-path"])
def test_manifest_is_valid_and_its_icons_load(served, served_subpath, phone, where):
    site = served if where == "root" else served_subpath
    assert manifest_problems(phone, site.url) == []
    assert manifest_problems(phone, site.url, "salary/") == []


def test_manifest_check_fails_on_an_unreachable_or_broken_icon(project, serve_project, phone):
    served = serve_project(project)
    (served.site / "assets" / "images" / "icon-512.png").unlink()
    (served.site / "assets" / "images" / "icon.svg").write_text("not an image")
    problems = manifest_problems(phone, served.url)
    assert any("icon-512.png: HTTP 404" in p for p in problems), problems
    assert any("icon.svg does not decode" in p for p in problems), problems


# -- a signal that is there but never answers ----------------------------------------

def slow_network_seconds(served, context) -> tuple[float | None, str]:
    """Seconds until a typed page shows while the server never answers (None:
    not within 9 s), and the offline notice's text then."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = context.new_page()
    page.goto(served.url)
    wait_for_offline_copy(page)
    with served.switch.hung():
        start = time.monotonic()
        try:
            page.goto(served.url + "rights/", timeout=9000)
        except PlaywrightTimeout:  # too slow: reported as None (any other error fails)
            return None, ""
        seconds = time.monotonic() - start
        page.wait_for_function("() => document.querySelector('.offline-banner')?.textContent !== ''",
                               timeout=5000)
        return seconds, page.locator(".offline-banner").inner_text()


def test_a_hanging_network_falls_back_to_the_offline_copy_within_seconds(project, serve_project, new_context):
    seconds, banner = slow_network_seconds(serve_project(project), new_context())
    assert seconds is not None and seconds < 8, seconds  # the worker waits 3 s for the network
    assert banner == BANNER  # navigator.onLine is true, yet the copy is marked as such


def test_slow_network_check_fails_when_the_worker_waits_for_the_network(project, serve_project, new_context):
    change_worker(project, ("const NETWORK_TIMEOUT_MS = 3000;", "const NETWORK_TIMEOUT_MS = 60000;"))
    seconds, _ = slow_network_seconds(serve_project(project), new_context())
    assert seconds is None


# -- nothing of another origin ---------------------------------------------------------

def cached_urls_after_foreign_fetches(served, browser, tmp_path: Path) -> list[str]:
    """Fetch a file of another origin (another loopback port) and a path outside
    the site from a controlled page; every cached URL."""
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    (other_dir / "x.txt").write_text("another site")
    other = SiteServer(other_dir).start()
    # The site's CSP (connect-src 'self') would stop these fetches before the
    # worker sees them; bypass it to test the worker's own guards.
    context = browser.new_context(bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(served.url)
        wait_for_offline_copy(page)
        outside = served.url.replace(served.server.prefix, "/outside.txt")
        page.evaluate("""async ([other, outside]) => {
            await fetch(other + "x.txt", { mode: "no-cors" });
            await fetch(other + "x.txt", { mode: "cors" }).catch(() => null);
            await fetch(outside).catch(() => null);
        }""", [other.url, outside])
        return page.evaluate("""async () => {
            const all = [];
            for (const key of await caches.keys()) {
              const cache = await caches.open(key);
              all.push(...(await cache.keys()).map((r) => r.url));
            }
            return all;
        }""")
    finally:
        context.close()
        other.stop()


def test_the_worker_caches_nothing_of_another_origin_or_outside_the_site(served_subpath, browser, tmp_path):
    urls = cached_urls_after_foreign_fetches(served_subpath, browser, tmp_path)
    assert urls and all(u.startswith(served_subpath.url) for u in urls), \
        [u for u in urls if not u.startswith(served_subpath.url)]


def test_foreign_cache_check_fails_for_a_worker_that_caches_everything(project, serve_project, browser,
                                                                       tmp_path):
    # Without the origin guard and the "basic response" rule.
    change_worker(project, ('request.method !== "GET" || !request.url.startsWith(ROOT)', 'request.method !== "GET"'),
                  ('response.ok && response.type === "basic"', "true"))
    served = serve_project(project, "/some/sub/path/")
    urls = cached_urls_after_foreign_fetches(served, browser, tmp_path)
    assert any(not u.startswith(served.url) for u in urls), urls
