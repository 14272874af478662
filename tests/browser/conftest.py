"""Fixtures of the browser tests, independent of the root tests/conftest.py
but for its build helpers: one Chromium and one served build of the site per
session (at the root and under a sub-path), a fresh browser context per test;
for WebKit one engine and one served build (with the error watch) per
session, one WebKit session per test module.

Every site is built with site_url equal to where it is served (instant
navigation and the share links need it), on 127.0.0.1 with port 0.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

# tests/conftest.py, loaded by pytest as "conftest" (tests/ is on sys.path): its build helpers.
from conftest import Build, build, copy_project

from ._browser import SiteServer, chromium, chromium_missing_reason, context_options, origin
from ._webkit import WATCH_PATH, WATCH_SCRIPT, WebKitPage, webkit_missing_reason
from ._webkit import webkit as webkit_engine
from .offline_net import NetworkSwitch

SUB_PATH = "/some/sub/path/"


@dataclass
class ServedSite:
    project: Path
    build: Build
    server: SiteServer
    switch: NetworkSwitch  # cuts the server off (offline tests)

    @property
    def url(self) -> str:
        """Where the site is served; ends with "/", includes the sub-path."""
        return self.server.url

    @property
    def site(self) -> Path:
        return self.build.site

    def rebuild(self) -> Build:
        """Build the (changed) project again for the same address: a new deployment."""
        result = build(self.project, env={"SITE_URL": self.url})
        assert result.ok, result.log
        self.build = result
        return result


def serve(project: Path, prefix: str = "/", env: dict[str, str] | None = None,
          inject: tuple[str, str] | None = None) -> ServedSite:
    """Build `project` for http://127.0.0.1:<port><prefix> and serve it
    (with `inject`, a script first in every page: see _webkit.py)."""
    server = SiteServer(project / "site", prefix, inject)
    result = build(project, env={"SITE_URL": server.url, **(env or {})})
    assert result.ok, result.log
    switch = NetworkSwitch(server)
    server.start()
    return ServedSite(project, result, server, switch)


# -- marker --------------------------------------------------------------------

def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    unmarked = sorted({str(item.path.relative_to(here)) for item in items
                       if item.path.is_relative_to(here) and item.get_closest_marker("browser") is None})
    if unmarked:
        raise pytest.UsageError("tests/browser: add `pytestmark = pytest.mark.browser` to "
                                + ", ".join(unmarked))


# -- Chromium --------------------------------------------------------------------

def require(reason: str | None) -> None:
    """A browser that is missing: a skip locally, a failure in CI (CI=true)."""
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """Chromium, or a skip (locally) / a failure (CI=true) saying how to get it."""
    require(chromium_missing_reason())
    with chromium() as instance:
        yield instance


@pytest.fixture
def new_context(browser) -> Iterator[Callable[..., object]]:
    """new_context(viewport="phone-390", clipboard=None, **options): a fresh
    context of a reader at that size (see _browser.context_options); with
    clipboard=<site URL> it may read and write the clipboard there. Every
    context is closed after the test."""
    contexts = []

    def make(viewport: str = "phone-390", clipboard: str | None = None, **options):
        context = browser.new_context(**context_options(viewport, **options))
        if clipboard:
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin(clipboard))
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def phone(new_context):
    """A fresh 390×844 touch page."""
    return new_context("phone-390").new_page()


# -- WebKit ----------------------------------------------------------------------

@pytest.fixture(scope="session")
def webkit():
    """WebKit (_webkit.WebKit: new_page(viewport, dark)), or a skip (locally) /
    a failure (CI=true) saying how to get it."""
    require(webkit_missing_reason())
    with webkit_engine() as engine:
        yield engine


@pytest.fixture(scope="session")
def webkit_served(webkit, tmp_path_factory) -> Iterator[ServedSite]:
    """The public site served at http://127.0.0.1:<port>/ for WebKit, each
    page with the error watch first (_webkit.WATCH_SCRIPT); read-only."""
    site = serve(copy_project(tmp_path_factory.mktemp("webkit") / "project"),
                 inject=(WATCH_PATH, WATCH_SCRIPT))
    yield site
    site.server.stop()


@pytest.fixture(scope="module")
def webkit_phone(webkit, webkit_served) -> Iterator[WebKitPage]:
    """One WebKit session at 390×844 for a whole test module (light scheme)."""
    page = webkit.new_page()
    page.goto(webkit_served.url)
    page.problems(webkit_served.server)  # a clean start
    yield page
    page.close()


# -- served sites ---------------------------------------------------------------

@pytest.fixture(scope="session")
def serve_project(browser) -> Iterator[Callable[..., ServedSite]]:
    """serve_project(project, prefix="/", env=None): build and serve a project
    (a test's own changed copy); stopped at the end of the session. Asks for
    the browser first: without Chromium nothing is built."""
    sites: list[ServedSite] = []

    def make(project: Path, prefix: str = "/", env: dict[str, str] | None = None) -> ServedSite:
        sites.append(serve(project, prefix, env))
        return sites[-1]

    yield make
    for site in sites:
        site.server.stop()


@pytest.fixture(scope="session")
def served(serve_project, tmp_path_factory) -> ServedSite:
    """The public site served at http://127.0.0.1:<port>/; read-only."""
    return serve_project(copy_project(tmp_path_factory.mktemp("served") / "project"))


@pytest.fixture(scope="session")
def served_subpath(serve_project, tmp_path_factory) -> ServedSite:
    """The public site served at http://127.0.0.1:<port>/some/sub/path/; read-only."""
    site = serve_project(copy_project(tmp_path_factory.mktemp("subpath") / "project"), SUB_PATH)
    assert site.url.endswith(SUB_PATH)
    return site


@pytest.fixture(scope="session")
def new_project(tmp_path_factory) -> Callable[[str], Path]:
    """new_project(name): a fresh copy of the project to change and serve (for
    fixtures wider than one test)."""
    return lambda name: copy_project(tmp_path_factory.mktemp(name) / "project")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the project that a test may change before serving it."""
    return copy_project(tmp_path / "project")
