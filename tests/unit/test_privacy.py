"""Never publish the private profile (hooks/handbook/output/privacy.py): the
gh-deploy refusal, robots.txt, and the leak scan's findings."""

from pathlib import Path

from conftest import write
from handbook.output.privacy import header_lines, leaks, machine_paths, refusal, robots_txt


def test_the_refusal_names_the_file_and_both_ways_to_publish(tmp_path):
    text = refusal(tmp_path / "profile.local.yml")
    assert f"Refusing to deploy: {tmp_path / 'profile.local.yml'} is present" in text
    assert ".github/workflows/pages.yml" in text and "mv profile.local.yml ~/profile.local.yml" in text
    assert "run 'mkdocs gh-deploy'" in text and text.endswith("Nothing was built or pushed.")


def test_robots_txt_disallows_a_personal_build_and_names_the_sitemap_otherwise():
    assert robots_txt(True, "https://x.example/a/") == (
        "# Personal build: not for publishing.\nUser-agent: *\nDisallow: /\n")
    assert robots_txt(False, "https://x.example/a/") == (
        "User-agent: *\nAllow: /\nSitemap: https://x.example/a/sitemap.xml\n")
    assert robots_txt(False, None) == "User-agent: *\nAllow: /\n"


def test_a_personal_build_adds_a_noindex_header():
    assert header_lines(True) == ["X-Robots-Tag: noindex"] and header_lines(False) == []


def test_the_scan_finds_each_kind_of_leak_naming_the_file(tmp_path):
    write(tmp_path / "a.html", "<p>/home/someone/project/docs</p>")
    write(tmp_path / "b.json", '{"x": "Traceback (most recent call last)"}')
    write(tmp_path / "c.yaml", "k: v")
    write(tmp_path / "d" / "e.yml", "k: v")
    write(tmp_path / "_headers", "  X-Path: /home/someone/project\n")
    write(tmp_path / "manifest.webmanifest", '{"description": "/home/someone/project"}')
    write(tmp_path / "clean.html", "<p>clean</p>")
    write(tmp_path / "image.png", "/home/someone/project")  # not text: not read
    assert leaks(tmp_path, ["/home/someone/project"]) == [
        "_headers: holds the build machine's path '/home/someone/project'",
        "a.html: holds the build machine's path '/home/someone/project'",
        "b.json: holds a Python traceback",
        "c.yaml: a YAML file would be published (keep data files out of docs/)",
        "d/e.yml: a YAML file would be published (keep data files out of docs/)",
        "manifest.webmanifest: holds the build machine's path '/home/someone/project'",
    ]


def test_a_clean_site_has_no_leak(tmp_path):
    write(tmp_path / "index.html", "<p>面试问答速查 /tmp 与 / 都是普通文字</p>")
    assert leaks(tmp_path, machine_paths(tmp_path / "project")) == []


def test_machine_paths_are_given_and_resolved_and_skip_short_ones(tmp_path):
    assert machine_paths(Path("/"), Path("/tmp")) == []
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    found = machine_paths(tmp_path / "link")
    assert str(tmp_path / "link") in found and str((tmp_path / "real").resolve()) in found
