"""From profile.local.yml to the phone, in real builds: `mkdocs build` with a
personal profile prints the import link for the public address (its fragment
decodes to exactly the profile's values) and its QR code, on request writes
the import file outside site/; a public build prints nothing; and site/
holds neither the link nor, beyond the pages themselves, any personal value."""

from __future__ import annotations

import base64
import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import (LOCAL_PROFILE, ROOT, build, cli_build, copy_project, edit, terminal_code_lines,
                      transfer_spec, write)
from conftest import decode_link as decode
from conftest import scan_terminal_code as scanned
from handbook import panel
from test_privacy_build import text_files

pytestmark = pytest.mark.cli

PUBLIC_ADDRESS = "https://owner.example/handbook/"
LINK = re.compile(rf"^{re.escape(PUBLIC_ADDRESS)}#\S+$", re.M)
# The owner's values as the format types them (text, number, list of text).
EXPECTED = {"name": "李雷", "projects": ["智能客服", "质检平台"], "monthly_salary": 15}
SPEC = transfer_spec()


@pytest.fixture(scope="module")
def personal_cli(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("owner") / "project")
    write(project / "profile.local.yml", LOCAL_PROFILE)
    result = cli_build(project, env={"SITE_URL": PUBLIC_ADDRESS})
    assert result.ok, result.log
    return result


def test_a_personal_build_prints_the_link_with_exactly_the_profiles_values(personal_cli):
    assert yaml.safe_load(LOCAL_PROFILE) == EXPECTED  # the values written, as typed
    links = LINK.findall(personal_cli.log)
    assert len(links) == 1
    assert decode(links[0]) == {"format": SPEC["format"], "version": SPEC["version"], "values": EXPECTED}


def test_one_line_says_what_it_carries_and_that_it_stays_out_of_site(personal_cli):
    line = next(line for line in personal_cli.log.split("\n") if line.startswith("To your phone:"))
    assert "carry the 3 values of profile.local.yml (姓名、代表项目、当前月薪)" in line and PUBLIC_ADDRESS in line
    assert "never written into site/" in line
    assert "WARNING" not in personal_cli.log  # --strict passed: nothing was a warning


def test_the_printed_code_scans_as_the_printed_link(personal_cli):
    assert scanned(terminal_code_lines(personal_cli.log)) == LINK.findall(personal_cli.log)


def test_a_public_build_prints_no_link_and_no_code(project):
    result = cli_build(project, env={"SITE_URL": PUBLIC_ADDRESS, "CI": "true", "EXPORT_PROFILE": "1"})
    assert result.ok, result.log
    assert "#profile=" not in result.log and "To your phone" not in result.log
    assert not terminal_code_lines(result.log) and not (project / "private").exists()


def test_mkdocs_build_quiet_prints_no_link(project):
    write(project / "profile.local.yml", LOCAL_PROFILE)
    result = cli_build(project, "-q", env={"SITE_URL": PUBLIC_ADDRESS})
    assert result.ok and "#profile=" not in result.log and not terminal_code_lines(result.log)


def test_on_request_the_import_file_is_written_git_ignored_outside_site(project):
    write(project / "profile.local.yml", LOCAL_PROFILE)
    result = cli_build(project, env={"SITE_URL": PUBLIC_ADDRESS, "EXPORT_PROFILE": "1"})
    assert result.ok, result.log
    path = project / "private" / SPEC["file_name"]
    assert f"Import file: {path}" in result.log
    assert json.loads(path.read_text(encoding="utf-8")) == decode(LINK.findall(result.log)[0])
    assert not list(result.site.rglob(SPEC["file_name"]))
    ignored = subprocess.run(["git", "-C", str(ROOT), "check-ignore", "-q", f"private/{SPEC['file_name']}"])
    assert ignored.returncode == 0  # the repository's .gitignore keeps it out of commits


# -- the leak scan -----------------------------------------------------------------------------

PERSONAL_VALUES = ("李雷", "智能客服", "质检平台")
# The pages and what they show, from the same values: the search index and
# the panel's fields (a build-time value is an input's placeholder).
PAGES_TEXT = re.compile(rf"(\.html|^search/search_index\.json|^{re.escape(panel.FIELDS_ASSET)})$")


def test_a_personal_build_holds_its_values_in_the_pages_only_and_never_the_link(personal_cli):
    files = text_files(personal_cli.site)
    fragment = LINK.findall(personal_cli.log)[0].split("#", 1)[1]
    assert [n for n in files if PAGES_TEXT.search(n) and "李雷" in files[n]]  # control: the pages show them
    for name, text in files.items():
        assert fragment not in text, name
        if not PAGES_TEXT.search(name):
            assert not [v for v in PERSONAL_VALUES if v in text], name


def test_a_public_build_holds_no_personal_value(site):
    for name, text in text_files(site.site).items():
        assert not [v for v in PERSONAL_VALUES if v in text], name


def test_a_page_holding_the_owners_link_stops_the_build(project):
    write(project / "profile.local.yml", LOCAL_PROFILE)
    fragment = SPEC["fragment_key"] + "=" + base64.urlsafe_b64encode(json.dumps(
        {"format": SPEC["format"], "version": SPEC["version"], "values": EXPECTED},
        ensure_ascii=False, separators=(",", ":")).encode("utf-8")).rstrip(b"=").decode("ascii")
    edit(project / "docs" / "ask.md", "# 反问面试官\n", f"# 反问面试官\n\n[导入](#{fragment})\n")
    result = build(project)
    assert not result.ok
    assert "ask/index.html: holds the owner's import link" in result.log


def test_an_import_file_in_docs_stops_a_public_build(project):
    write(project / "docs" / SPEC["file_name"], json.dumps({"format": SPEC["format"], "values": {}}))
    result = build(project)
    assert not result.ok
    assert f"{SPEC['file_name']}: an import file of someone's values would be published" in result.log
