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
