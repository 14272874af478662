"""A personal profile (profile.local.yml) in real builds: it wins key by key,
its values show as typed and never run, and a bad profile stops the build
naming the file and the key."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort

from conftest import build, write


def test_the_local_profile_overrides_the_public_one_key_by_key(personal):
    opening, salary = personal.page("opening/"), personal.page("salary/")
    name = opening.select_one('[data-profile="name"]')
    assert name.get_text() == "李雷" and name["class"] == ["pf"]
    assert [s.get_text() for s in opening.select('[data-profile^="projects."]')] == ["智能客服", "质检平台"]
    assert salary.select_one('[data-profile="monthly_salary"]').get_text() == "15K"
    # keys the local profile leaves alone keep the public value
    assert opening.select_one('[data-profile="role"]').get_text() == "大模型算法工程师"


def test_the_panel_starts_from_the_local_profile(personal):
    fields = personal.panel_fields()
    assert fields["name"]["defaults"] == ["李雷"]
    assert fields["monthly_salary"]["defaults"] == ["15K"]


def test_the_sheet_shows_the_local_values_too(personal):
    sheet = personal.page("all/")
    assert {s.get_text() for s in sheet.select('[data-profile="name"]')} == {"李雷"}


VALUE = "<script>alert(1)</script><img src=x onerror=alert(2)> [点我](javascript:alert(3)) {{ 7*7 }} **粗** {: .x }"


def test_html_markdown_and_jinja_in_a_value_show_as_typed(project):
    write(project / "profile.local.yml", f"name: '{VALUE}'\nrole: \"A & B\"\n")
    result = build(project)
    assert result.ok, result.log
    page = result.page("opening/")
    for span in page.select('[data-profile="name"]'):
        assert span.get_text() == VALUE
        assert not span.find_all(True)  # no element was made from the value
    assert not page.select('article a[href^="javascript:"]') and not page.select("article script")
    fields = result.panel_fields()
    assert fields["name"]["defaults"] == [VALUE] and fields["role"]["defaults"] == ["A & B"]
    assert not page.select_one("dialog#profile-panel").select("script")


def test_a_missing_public_profile_is_a_clear_error(project):
    (project / "profile.yml").unlink()
    result = build(project)
    assert not result.ok and isinstance(result.error, Abort)
    assert f"{project / 'profile.yml'}: file not found" in result.log
    assert "git checkout profile.yml" in result.log


@pytest.mark.parametrize(("local", "expected"), [
    ("projects: 一个项目\n", "profile.local.yml: key 'projects' (代表项目) must be a list"),
    ("years: 五年\n", "profile.local.yml: key 'years' (工作年限) must be a number"),
    ("compnay: 某公司\n", "profile.local.yml: unknown key 'compnay' (did you mean 'company'?)"),
    ("name: [unclosed\n", "profile.local.yml: not valid YAML"),
    ("- 李雷\n", "profile.local.yml: expected 'key: value' lines, got a list"),
])
def test_a_bad_local_profile_is_a_clear_error(project, local, expected):
    write(project / "profile.local.yml", local)
    result = build(project)
    assert not result.ok and isinstance(result.error, Abort)
    assert expected in result.log


def test_a_bad_public_profile_is_named_too(project):
    write(project / "profile.yml", (project / "profile.yml").read_text(encoding="utf-8") + "nmae: x\n")
    result = build(project)
    assert not result.ok
    assert f"{project / 'profile.yml'}: unknown key 'nmae' (did you mean 'name'?)" in result.log


def test_a_profile_value_that_looks_like_a_placeholder_is_not_a_leftover(project):
    write(project / "profile.local.yml", "company: XX科技\n")
    result = build(project)
    assert result.ok, result.log
    assert result.page("opening/").select_one('[data-profile="company"]').get_text() == "XX科技"
