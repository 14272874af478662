"""Shared fixtures: a copy of the project in tmp_path, a strict build of it,
and parsed pages of the built site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from manifest import Manifest, load_manifest  # noqa: E402

# What a build needs; profile.local.yml is deliberately not copied: tests
# build the public site unless they write a local profile themselves.
PROJECT_FILES = ("mkdocs.yml", "profile.yml", "docs", "overrides", "hooks")


@dataclass
class Build:
    returncode: int
    log: str
    site: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def page(self, url: str = "") -> BeautifulSoup:
        """A built page by its URL path, e.g. "opening/"."""
        path = self.site / url / "index.html" if not url.endswith(".html") else self.site / url
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def pages(self) -> dict[str, BeautifulSoup]:
        return {
            str(p.relative_to(self.site)): BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
            for p in sorted(self.site.rglob("*.html"))
        }


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


def build(project: Path, *args: str, env: dict[str, str] | None = None) -> Build:
    """`mkdocs build --strict` of a project directory, as a user runs it."""
    site = project / "site"
    run_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site), *args],
        cwd=project, env=run_env, capture_output=True, text=True, timeout=300,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, site)


@pytest.fixture(scope="session")
def manifest() -> Manifest:
    return load_manifest()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the project that a test may edit before building."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """One strict build of the public site, shared by the read-only tests."""
    result = build(copy_project(tmp_path_factory.mktemp("public") / "project"))
    assert result.ok, result.log
    return result


# -- browser tests -----------------------------------------------------------
# Built with site_url equal to where the site is served (navigation.instant
# needs it), served on 127.0.0.1 with port 0, driven in Debian's Chromium.

from browser import PHONE, SiteServer, chromium, chromium_missing_reason  # noqa: E402


@dataclass
class ServedSite:
    build: Build
    url: str  # ends with "/"; includes the sub-path, if any


def serve_build(project: Path, prefix: str = "/", env: dict[str, str] | None = None):
    """Build `project` for `http://127.0.0.1:<port><prefix>` and serve it.
    Returns (ServedSite, SiteServer); the caller stops the server."""
    server = SiteServer(project / "site", prefix)
    result = build(project, env={"SITE_URL": server.url, **(env or {})})
    assert result.ok, result.log
    server.start()
    return ServedSite(result, server.url), server


@pytest.fixture(scope="session")
def browser():
    """Chromium, or a skip (locally) / a failure (CI=true) saying how to get it."""
    reason = chromium_missing_reason()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    with chromium() as instance:
        yield instance


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> ServedSite:
    """The public site built for and served at http://127.0.0.1:<port>/."""
    site, server = serve_build(copy_project(tmp_path_factory.mktemp("served") / "project"))
    yield site
    server.stop()


@pytest.fixture
def phone(browser):
    """A fresh 390×844 touch page; closes its context afterwards."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  device_scale_factor=2, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()
