"""Profile helpers: validation, merging, escaping and rendering (no build)."""

from pathlib import Path

import pytest

from conftest import write

from personal import (
    Field, ProfileError, RenderedProfile, UnknownField, escape_text, load_fields, load_profile,
    merge, render_field, validate,
)

FIELDS = {
    "name": Field("name", "姓名", "text"),
    "years": Field("years", "工作年限", "number", unit="年"),
    "projects": Field("projects", "代表项目", "list", count=2),
}


def test_committed_fields_file_loads_and_every_field_has_a_chinese_label():
    fields = load_fields()
    assert {"name", "company", "projects", "monthly_salary", "expected_package"} <= fields.keys()
    assert all(any("\u4e00" <= c <= "\u9fff" for c in f.label) for f in fields.values())


def test_committed_profile_is_valid_and_holds_no_personal_identity():
    profile = load_profile(Path(__file__).resolve().parents[1])
    for key in ("name", "school", "company", "monthly_salary", "annual_package", "expected_package"):
        assert profile.values[key] in (None, "", []), f"profile.yml must leave {key} unset"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"nmae": "x"}, "unknown key 'nmae' (did you mean 'name'?)"),
        ({"projects": "one project"}, "key 'projects' (代表项目) must be a list"),
        ({"years": "five"}, "key 'years' (工作年限) must be a number"),
        ({"years": True}, "must be a number"),
        ({"name": ["a", "b"]}, "key 'name' (姓名) must be a single text value"),
        ({"projects": [{"a": 1}]}, "must be a list of text items"),
    ],
)
def test_validate_names_file_and_key(values, message):
    problems = validate(values, FIELDS, "profile.local.yml")
    assert len(problems) == 1
    assert problems[0].startswith("profile.local.yml: ")
    assert message in problems[0]


def test_validate_accepts_good_and_unset_values():
    assert validate({"name": "张三", "years": 4.5, "projects": ["甲", 2]}, FIELDS, "p") == []
    assert validate({"name": None, "years": "", "projects": []}, FIELDS, "p") == []


def test_merge_is_key_by_key_and_local_wins():
    assert merge({"name": "甲", "years": 3}, {"years": 5}) == {"name": "甲", "years": 5}
    assert merge({"name": "甲"}, {"name": None}) == {"name": None}


def test_escape_text_neutralises_html_markdown_and_jinja():
    out = escape_text('<img src=x onerror=alert(1)> [a](javascript:x) {{ 7*7 }} {% if %} **b**')
    for raw in ("<", ">", "[", "]", "(", "{{", "{%", "*", "="):
        assert raw not in out
    assert "&#60;img src&#61;x" in out
    assert escape_text("张三 C") == "张三 C"


def test_render_field_marks_unset_values_as_placeholders():
    assert 'class="pf pf-unset"' in render_field(FIELDS["name"], None)
    assert "〔姓名〕" in render_field(FIELDS["name"], "")
    items = render_field(FIELDS["projects"], [])
    assert [("〔代表项目 %d〕" % (i + 1)) in str(x) for i, x in enumerate(items)] == [True, True]


def test_render_field_prints_value_with_unit():
    assert '>4年</span>' in render_field(FIELDS["years"], 4.0)
    assert 'data-profile="years"' in render_field(FIELDS["years"], 4)
    assert 'data-profile="projects.1"' in str(render_field(FIELDS["projects"], ["a", "b"])[1])


def test_rendered_profile_names_an_unknown_field():
    rendered = RenderedProfile({"name": "x"})
    with pytest.raises(UnknownField, match="no field 'nmae' .*did you mean me.name"):
        rendered["nmae"]



def test_load_profile_reports_missing_public_profile(tmp_path):
    with pytest.raises(ProfileError, match=r"profile\.yml: file not found"):
        load_profile(tmp_path, FIELDS)


def test_load_profile_layers_local_over_public(tmp_path):
    write(tmp_path / "profile.yml", "name: 示例\nyears: 3\n")
    write(tmp_path / "profile.local.yml", "years: 7\n")
    profile = load_profile(tmp_path, FIELDS)
    assert profile.values == {"name": "示例", "years": 7, "projects": None}
    assert [p.name for p in profile.files] == ["profile.yml", "profile.local.yml"]


def test_load_profile_collects_problems_of_both_files(tmp_path):
    write(tmp_path / "profile.yml", "name: [1, 2]\n")
    write(tmp_path / "profile.local.yml", "salary: 3\n")
    with pytest.raises(ProfileError) as info:
        load_profile(tmp_path, FIELDS)
    assert "profile.yml: key 'name'" in str(info.value)
    assert "profile.local.yml: unknown key 'salary'" in str(info.value)


def test_load_profile_rejects_a_non_mapping(tmp_path):
    write(tmp_path / "profile.yml", "- just\n- a list\n")
    with pytest.raises(ProfileError, match="expected 'key: value' lines"):
        load_profile(tmp_path, FIELDS)
