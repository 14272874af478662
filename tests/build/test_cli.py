"""The mkdocs command line itself, in a subprocess: `mkdocs build --strict`
as a user types it, and `mkdocs gh-deploy` refusing to publish a personal
profile (before anything is built or pushed)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import LOCAL_PROFILE, cli_build, write

pytestmark = pytest.mark.cli

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull,
           "GIT_TERMINAL_PROMPT": "0"}


def test_mkdocs_build_strict_builds_the_public_site(project):
    result = cli_build(project)
    assert result.ok, result.log
    assert (result.site / "index.html").is_file() and (result.site / "sw.js").is_file()
    assert "Traceback" not in result.log and "WARNING" not in result.log


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def git_repo_with_bogus_remote(project: Path) -> Path:
    """The project as a git repository whose remote is a path that does not
    exist (a push can only fail, and never leaves the machine)."""
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "mkdocs.yml", "profile.yml", "docs", "overrides", "hooks")
    git(project, "commit", "-q", "-m", "site")
    git(project, "remote", "add", "origin", str(project.parent / "no-such-remote.git"))
    return project


def gh_deploy(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "gh-deploy", "--no-history"],
                          cwd=project, capture_output=True, text=True, timeout=300,
                          env={**os.environ, **GIT_ENV, "NO_MKDOCS_2_WARNING": "1"})


def refs(repo: Path) -> str:
    return git(repo, "for-each-ref", "--format=%(refname) %(objectname)")


def test_gh_deploy_refuses_with_a_local_profile_and_pushes_nothing(project):
    repo = git_repo_with_bogus_remote(project)
    write(repo / "profile.local.yml", LOCAL_PROFILE)
    before = refs(repo)
    result = gh_deploy(repo)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"Refusing to deploy: {repo / 'profile.local.yml'} is present" in log
    assert ".github/workflows/pages.yml" in log and "mv profile.local.yml" in log
    assert "Traceback" not in log
    assert refs(repo) == before  # no gh-pages branch, no commit
    assert not (repo / "site").exists()  # refused before building


def test_gh_deploy_without_a_local_profile_gets_as_far_as_pushing(project):
    """Control: the same repository without the file builds and commits
    gh-pages (the push to the bogus remote then fails)."""
    repo = git_repo_with_bogus_remote(project)
    result = gh_deploy(repo)
    assert "Refusing to deploy" not in result.stdout + result.stderr
    assert git(repo, "branch", "--list", "gh-pages").strip() == "gh-pages"
    assert (repo / "site" / "index.html").is_file()
