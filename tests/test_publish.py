"""The private-profile guard (hooks/publish.py): gh-deploy refuses, a personal
build is marked noindex, and no build leaks YAML, tracebacks or machine paths."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import build, write
from publish import (NOINDEX, add_noindex, leaks, machine_paths, refusal, robots_txt)

LOCAL = "name: 李雷\nmonthly_salary: 15\n"



def all_text_files(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8", errors="replace")
            for p in sorted(site.rglob("*")) if p.is_file() and p.suffix != ".gz"
            and p.suffix not in {".png", ".ico", ".woff", ".woff2"}}


# -- gh-deploy ---------------------------------------------------------------------

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull,
           "GIT_TERMINAL_PROMPT": "0"}


def git(repo: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def git_repo_with_bogus_remote(project: Path) -> Path:
    """The project as a git repository whose remote is a path that does not exist
    (a push can only fail, and never leaves the machine)."""
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "mkdocs.yml", "profile.yml", "docs", "overrides", "hooks")
    git(project, "commit", "-q", "-m", "site")
    git(project, "remote", "add", "origin", str(project.parent / "no-such-remote.git"))
    return project


def gh_deploy(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "--no-history"],
        cwd=project, capture_output=True, text=True, timeout=300,
        env={**os.environ, **GIT_ENV, "NO_MKDOCS_2_WARNING": "1"},
    )


def refs(repo: Path) -> str:
    return git(repo, "for-each-ref", "--format=%(refname) %(objectname)")


def test_gh_deploy_refuses_with_a_local_profile_and_pushes_nothing(project):
    repo = git_repo_with_bogus_remote(project)
    write(repo / "profile.local.yml", LOCAL)
    before = refs(repo)
    result = gh_deploy(repo)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Refusing to deploy" in log and "profile.local.yml is present" in log
    assert ".github/workflows/pages.yml" in log and "mv profile.local.yml" in log
    assert "Traceback" not in log
    assert refs(repo) == before  # no gh-pages branch, no commit
    assert git(repo, "branch", "--list", "gh-pages") == ""
    assert not (repo / "site").exists()  # refused before building


def test_gh_deploy_without_a_local_profile_gets_as_far_as_pushing(project):
    """Control: the same repository without the file builds and commits gh-pages
    (the push to the bogus remote then fails), so the test above can fail."""
    repo = git_repo_with_bogus_remote(project)
    result = gh_deploy(repo)
    assert "Refusing to deploy" not in result.stdout + result.stderr
    assert git(repo, "branch", "--list", "gh-pages").strip() == "gh-pages"
    assert (repo / "site" / "index.html").is_file()


def test_refusal_names_the_file_and_both_ways_to_publish(tmp_path):
    text = refusal(tmp_path / "profile.local.yml")
    assert str(tmp_path / "profile.local.yml") in text
    assert "pages.yml" in text and "mkdocs gh-deploy" in text and "Nothing was built or pushed" in text


# -- personal vs public build --------------------------------------------------------

@pytest.fixture(scope="module")
def personal(tmp_path_factory):
    from conftest import copy_project
    project = copy_project(tmp_path_factory.mktemp("personal") / "project")
    write(project / "profile.local.yml", LOCAL)
    result = build(project)
    assert result.ok, result.log
    return result


def test_personal_build_says_so_in_the_log(personal, site):
    assert "Personal profile in use: profile.local.yml" in personal.log
    assert "do not publish this build" in personal.log
    assert "Personal profile in use" not in site.log


def test_personal_build_marks_every_page_noindex(personal):
    pages = sorted(personal.site.rglob("*.html"))
    assert "404.html" in {p.name for p in pages}
    for path in pages:
        soup = personal.page(path.relative_to(personal.site).as_posix())
        robots = soup.select('head meta[name="robots"]')
        assert [m["content"] for m in robots] == ["noindex"], path


def test_personal_build_robots_txt_disallows_all(personal):
    text = (personal.site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *\nDisallow: /\n" in text
    assert "X-Robots-Tag: noindex" in (personal.site / "_headers").read_text(encoding="utf-8")


def test_public_build_is_indexable(site):
    for path in sorted(site.site.rglob("*.html")):
        assert NOINDEX not in path.read_text(encoding="utf-8"), path
    robots = (site.site / "robots.txt").read_text(encoding="utf-8")
    assert "Disallow: /" not in robots and "Allow: /" in robots
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in robots
    assert "X-Robots-Tag" not in (site.site / "_headers").read_text(encoding="utf-8")


def test_public_build_holds_only_committed_values(site):
    text = "\n".join(all_text_files(site.site).values())
    assert "李雷" not in text
    name = site.page("opening/").select_one('[data-profile="name"]')
    assert "pf-unset" in name["class"]


# -- leaks ------------------------------------------------------------------------

@pytest.mark.parametrize("which", ["site", "personal"])
def test_built_site_leaks_no_yaml_traceback_or_machine_path(request, which):
    result = request.getfixturevalue(which)
    project = result.site.parent
    forbidden = machine_paths(project, project / "docs") + [str(Path.home()) + "/", "/tmp/"]
    files = all_text_files(result.site)
    assert "search/search_index.json" in files and "sitemap.xml" in files
    assert not [n for n in files if n.endswith((".yml", ".yaml"))]
    for name, text in files.items():
        assert "Traceback" not in text, name
        assert not [p for p in forbidden if p in text], name


def test_a_page_holding_the_project_path_fails_the_build(project):
    page = project / "docs" / "ask.md"
    write(page, page.read_text(encoding="utf-8") + f"\n构建目录：{project}\n")
    result = build(project)
    assert not result.ok
    assert "would leak" in result.log and "ask/index.html: holds the build machine's path" in result.log
    assert "search/search_index.json: holds the build machine's path" in result.log


def test_a_yaml_file_in_docs_fails_the_build(project):
    write(project / "docs" / "data.yml", "name: 李雷\n")
    result = build(project)
    assert not result.ok
    assert "data.yml: a YAML file would be published" in result.log


def test_leaks_finds_each_kind(tmp_path):
    write(tmp_path / "a.html", "<p>/home/someone/project/docs</p>")
    write(tmp_path / "b.json", '{"x": "Traceback (most recent call last)"}')
    write(tmp_path / "c.yaml", "k: v")
    write(tmp_path / "d.html", "<p>clean</p>")
    problems = leaks(tmp_path, ["/home/someone/project"])
    assert problems == ["a.html: holds the build machine's path '/home/someone/project'",
                        "b.json: holds a Python traceback",
                        "c.yaml: a YAML file would be published (keep data files out of docs/)"]


def test_machine_paths_skip_short_paths(tmp_path):
    assert machine_paths(Path("/"), Path("/tmp")) == []
    assert str(tmp_path.resolve()) in machine_paths(tmp_path)


def test_add_noindex_goes_first_in_head_once():
    html = '<html><head lang="zh"><meta charset="utf-8"></head><body></body></html>'
    once = add_noindex(html)
    assert once.startswith('<html><head lang="zh">' + NOINDEX)
    assert add_noindex(once) == once
    assert add_noindex("<p>no head</p>") == "<p>no head</p>"


def test_robots_txt():
    assert robots_txt(True, "https://x.example/a/") == (
        "# Personal build: not for publishing.\nUser-agent: *\nDisallow: /\n")
    assert robots_txt(False, "https://x.example/a/") == (
        "User-agent: *\nAllow: /\nSitemap: https://x.example/a/sitemap.xml\n")
    assert robots_txt(False, None) == "User-agent: *\nAllow: /\n"
