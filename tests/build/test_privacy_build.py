"""Never publish the private profile by accident, in real builds: a personal
build is marked noindex and says so; the public build holds only committed
values; and the leak scan, run after every writer of the output, stops a
build whose output holds a YAML file or a path of the build machine, naming
the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import build, edit, write
from handbook.output import csp, privacy, pwa
from handbook.output.privacy import machine_paths


def text_files(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8", errors="replace")
            for p in sorted(site.rglob("*")) if p.is_file() and p.suffix not in {".gz", ".png", ".ico"}}


# -- personal vs public ------------------------------------------------------------------

def test_a_personal_build_says_so_in_the_log(personal, site):
    assert "Personal profile in use: profile.local.yml" in personal.log
    assert "do not publish this build ('mkdocs gh-deploy' refuses)" in personal.log
    assert "Personal profile in use" not in site.log


def test_a_personal_build_marks_every_page_noindex(personal):
    pages = personal.pages()
    assert "404.html" in pages
    for path, soup in pages.items():
        assert [m["content"] for m in soup.select('head meta[name="robots"]')] == ["noindex"], path


def test_a_personal_build_asks_crawlers_to_stay_away(personal):
    assert personal.text("robots.txt") == "# Personal build: not for publishing.\nUser-agent: *\nDisallow: /\n"
    assert "\n  X-Robots-Tag: noindex\n" in personal.text("_headers")


def test_the_public_build_is_indexable(site):
    for path, soup in site.pages().items():
        assert not soup.select('meta[name="robots"]'), path
    assert site.text("robots.txt") == "User-agent: *\nAllow: /\nSitemap: http://127.0.0.1:8000/sitemap.xml\n"
    assert "X-Robots-Tag" not in site.text("_headers")


def test_the_public_build_holds_only_committed_values(site):
    assert "李雷" not in "\n".join(text_files(site.site).values())
    assert "pf-unset" in site.page("opening/").select_one('[data-profile="name"]')["class"]


@pytest.mark.parametrize("which", ["site", "personal"])
def test_a_built_site_holds_no_yaml_traceback_or_machine_path(request, which):
    result = request.getfixturevalue(which)
    project = result.site.parent
    forbidden = machine_paths(project, project / "docs") + [str(Path.home()) + "/"]
    files = text_files(result.site)
    assert {"search/search_index.json", "sitemap.xml", "_headers", "sw.js", "robots.txt"} <= set(files)
    assert not [n for n in files if n.endswith((".yml", ".yaml"))]
    for name, text in files.items():
        assert "Traceback" not in text, name
        assert not [p for p in forbidden if p in text], name


# -- the leak scan over every writer ----------------------------------------------------------

def leaked(result, project: Path, name: str) -> bool:
    return f"{name}: holds the build machine's path '{project}'" in result.log


def assert_stopped_naming(result, project: Path, name: str) -> None:
    assert not result.ok
    assert "The built site would leak" in result.log, result.log
    assert leaked(result, project, name), result.log


def test_a_path_in_a_page_fails_naming_the_page(project):
    edit(project / "docs" / "ask.md", "# 反问面试官\n", f"# 反问面试官\n\n构建目录：{project}\n")
    result = build(project)
    assert_stopped_naming(result, project, "ask/index.html")
    assert leaked(result, project, "search/search_index.json")
    assert not leaked(result, project, "salary/index.html")


def test_a_path_in_the_site_description_fails_naming_the_pages_showing_it(project):
    # every page but 404.html has a description of its own (front matter)
    edit(project / "mkdocs.yml", "site_description: ", f"site_description: {project} ")
    result = build(project)
    for name in ("404.html", "manifest.webmanifest"):
        assert_stopped_naming(result, project, name)
    assert not leaked(result, project, "index.html")


def test_a_path_in_a_profile_value_fails_naming_the_pages(project):
    write(project / "profile.local.yml", f"company: {project}\n")
    result = build(project)
    assert_stopped_naming(result, project, "opening/index.html")  # shown as character references
    assert leaked(result, project, "all/index.html")
    assert leaked(result, project, "assets/javascripts/profile-fields.json")  # the panel's placeholder


def test_a_path_in_the_web_manifest_fails_naming_it(project, monkeypatch):
    original = pwa.manifest_json
    monkeypatch.setattr(pwa, "manifest_json", lambda name, short, description, color: original(
        name, short, f"{description} {project}", color))
    result = build(project)
    assert_stopped_naming(result, project, "manifest.webmanifest")
    assert not leaked(result, project, "index.html")


def test_a_path_in_robots_txt_fails_naming_it(project, monkeypatch):
    original = privacy.robots_txt
    monkeypatch.setattr(privacy, "robots_txt", lambda personal, url: original(personal, url) + f"# {project}\n")
    assert_stopped_naming(build(project), project, "robots.txt")


def test_a_path_in_the_headers_file_fails_naming_it(project, monkeypatch):
    original = csp.headers_file
    monkeypatch.setattr(csp, "headers_file", lambda lines: original(lines + [f"X-Built-In: {project}"]))
    assert_stopped_naming(build(project), project, "_headers")


def test_a_path_in_the_service_worker_fails_naming_it(project, monkeypatch):
    original = pwa.service_worker
    monkeypatch.setattr(pwa, "service_worker",
                        lambda *args: original(*args) + f"// {project}\n")
    assert_stopped_naming(build(project), project, "sw.js")


def test_the_scan_runs_after_every_writer(project, monkeypatch):
    order = []

    def recording(module, name, label):
        original = getattr(module, name)

        def wrapper(*args, **kwargs):
            order.append(label)
            return original(*args, **kwargs)
        monkeypatch.setattr(module, name, wrapper)

    recording(pwa, "manifest_json", "manifest.webmanifest")
    recording(privacy, "robots_txt", "robots.txt")
    recording(csp, "headers_file", "_headers")
    recording(pwa, "service_worker", "sw.js")
    recording(privacy, "leaks", "scan")
    result = build(project)
    assert result.ok, result.log
    assert order == ["manifest.webmanifest", "robots.txt", "_headers", "sw.js", "scan"]


def test_a_yaml_file_in_docs_fails_the_build(project):
    write(project / "docs" / "data.yml", "name: 李雷\n")
    result = build(project)
    assert not result.ok
    assert "data.yml: a YAML file would be published (keep data files out of docs/)" in result.log


def test_a_clean_build_names_no_leak(site):
    assert "would leak" not in site.log
    assert json.loads(site.text("manifest.webmanifest"))["description"].startswith("面试前几分钟")
