"""The profile (hooks/handbook/profile.py): validation naming file and key,
merging, escaping, rendering and the 填写我的信息 panel's fields."""

import json

import pytest

from markupsafe import Markup

from conftest import ROOT, write
from handbook.build import DATA_DIR
from handbook.panel import TRANSFER_KEYS, BrowserField, TransferError, browser_fields, fields_json, read_transfer
from handbook.profile import (
    Field, Profile, ProfileError, RenderedProfile, UnknownField, escape_text, load_fields,
    load_profile, merge, render_field, render_profile, validate,
)

FIELDS = {
    "name": Field("name", "姓名", "text"),
    "years": Field("years", "工作年限", "number", unit="年"),
    "projects": Field("projects", "代表项目", "list", count=2),
}


def span(key: str, text: str, unset: bool, unit: str = "") -> Markup:
    """A stand-in for partials/profile-value.html."""
    return Markup(f'<span data-profile="{key}" data-unset="{unset}" data-unit="{unit}">{text}</span>')


# -- the committed files -----------------------------------------------------------

def test_committed_fields_file_loads_and_every_field_has_a_chinese_label():
    fields = load_fields(ROOT / DATA_DIR / "profile_fields.yml")
    assert {"name", "company", "projects", "monthly_salary", "expected_package"} <= fields.keys()
    assert all(any("\u4e00" <= c <= "\u9fff" for c in f.label) for f in fields.values())


def test_committed_profile_is_valid_and_holds_no_personal_identity():
    profile = load_profile(ROOT, load_fields(ROOT / DATA_DIR / "profile_fields.yml"))
    assert [p.name for p in profile.files] == ["profile.yml"]
    for key in ("name", "school", "company", "monthly_salary", "annual_package", "expected_package"):
        assert profile.values[key] in (None, "", []), f"profile.yml must leave {key} unset"


# -- validation ----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"nmae": "x"}, "unknown key 'nmae' (did you mean 'name'?)"),
        ({"salary": 3}, "unknown key 'salary'"),
        ({"projects": "one project"}, "key 'projects' (代表项目) must be a list"),
        ({"years": "five"}, "key 'years' (工作年限) must be a number"),
        ({"years": True}, "must be a number"),
        ({"name": ["a", "b"]}, "key 'name' (姓名) must be a single text value"),
        ({"name": True}, "must be a single text value"),
        ({"projects": [{"a": 1}]}, "must be a list of text items"),
    ],
)
def test_a_bad_value_is_named_with_file_and_key(values, message):
    problems = validate(values, FIELDS, "profile.local.yml")
    assert len(problems) == 1
    assert problems[0].startswith("profile.local.yml: ")
    assert message in problems[0]


def test_an_unknown_key_far_from_every_field_gets_no_guess():
    assert validate({"zzzz": 1}, FIELDS, "p") == ["p: unknown key 'zzzz'"]


def test_good_and_unset_values_pass():
    assert validate({"name": "张三", "years": 4.5, "projects": ["甲", 2]}, FIELDS, "p") == []
    assert validate({"name": None, "years": "", "projects": []}, FIELDS, "p") == []


def test_merge_is_key_by_key_and_local_wins_even_when_empty():
    assert merge({"name": "甲", "years": 3}, {"years": 5}) == {"name": "甲", "years": 5}
    assert merge({"name": "甲"}, {"name": None}) == {"name": None}


# -- loading ---------------------------------------------------------------------------

def test_a_missing_public_profile_says_how_to_restore_it(tmp_path):
    with pytest.raises(ProfileError, match=r"profile\.yml: file not found.*git checkout profile\.yml"):
        load_profile(tmp_path, FIELDS)


def test_local_profile_is_layered_over_the_public_one(tmp_path):
    write(tmp_path / "profile.yml", "name: 示例\nyears: 3\n")
    write(tmp_path / "profile.local.yml", "years: 7\n")
    profile = load_profile(tmp_path, FIELDS)
    assert profile.values == {"name": "示例", "years": 7, "projects": None}
    assert [p.name for p in profile.files] == ["profile.yml", "profile.local.yml"]


def test_problems_of_both_files_are_named_at_once(tmp_path):
    write(tmp_path / "profile.yml", "name: [1, 2]\n")
    write(tmp_path / "profile.local.yml", "salary: 3\n")
    with pytest.raises(ProfileError) as info:
        load_profile(tmp_path, FIELDS)
    assert "profile.yml: key 'name'" in str(info.value)
    assert "profile.local.yml: unknown key 'salary'" in str(info.value)


@pytest.mark.parametrize(("text", "message"), [
    ("- just\n- a list\n", "expected 'key: value' lines, got a list"),
    ("name: [unclosed\n", "not valid YAML"),
])
def test_a_profile_that_is_not_a_mapping_is_named(tmp_path, text, message):
    write(tmp_path / "profile.yml", text)
    with pytest.raises(ProfileError, match=message):
        load_profile(tmp_path, FIELDS)


def test_an_empty_profile_file_sets_nothing(tmp_path):
    write(tmp_path / "profile.yml", "# nothing yet\n")
    assert load_profile(tmp_path, FIELDS).values == {"name": None, "years": None, "projects": None}


def test_a_field_without_label_or_type_is_refused(tmp_path):
    write(tmp_path / "fields.yml", "name: {label: 姓名, type: txt}\n")
    with pytest.raises(ProfileError, match="field 'name' needs a label and a type"):
        load_fields(tmp_path / "fields.yml")


# -- rendering ---------------------------------------------------------------------------

def test_escape_text_neutralises_html_markdown_and_jinja():
    out = escape_text('<img src=x onerror=alert(1)> [a](javascript:x) {{ 7*7 }} {% if %} **b** {: .c }')
    for raw in ("<", ">", "[", "]", "(", "{", "}", "%", "*", "="):
        assert raw not in out
    assert "&#60;img src&#61;x" in out
    assert escape_text("张三 C") == "张三 C"


def test_unset_values_render_as_marked_placeholders():
    assert render_field(FIELDS["name"], None, span) == span("name", "〔姓名〕", True)
    assert render_field(FIELDS["name"], "", span) == span("name", "〔姓名〕", True)
    assert render_field(FIELDS["projects"], [], span) == [
        span("projects.0", "〔代表项目 1〕", True), span("projects.1", "〔代表项目 2〕", True)]


def test_set_values_render_with_their_unit_and_per_item_keys():
    assert render_field(FIELDS["years"], 4.0, span) == span("years", "4年", False, "年")
    assert render_field(FIELDS["years"], 4.5, span) == span("years", "4&#46;5年", False, "年")  # "." as a reference: inert in Markdown
    assert render_field(FIELDS["projects"], ["a", "b", "c"], span)[2] == span("projects.2", "c", False)
    assert render_field(FIELDS["name"], "<b>", span) == span("name", "&#60;b&#62;", False)


def test_an_unknown_field_on_a_page_is_named_with_a_guess():
    rendered = render_profile(Profile({"name": "x"}, (), FIELDS), span)
    assert isinstance(rendered, RenderedProfile) and rendered["name"] == span("name", "x", False)
    with pytest.raises(UnknownField, match="no field 'nmae' .*did you mean me.name.*profile_fields.yml"):
        rendered["nmae"]


# -- the panel -------------------------------------------------------------------------------

PANEL_FIELDS = {
    "name": Field("name", "姓名", "text"),
    "monthly_salary": Field("monthly_salary", "当前月薪", "number", unit="K"),
    "projects": Field("projects", "代表项目", "list", count=3),
}


def panel_of(values: dict) -> list[BrowserField]:
    return browser_fields(Profile({k: values.get(k) for k in PANEL_FIELDS}, (), PANEL_FIELDS))


def test_the_panel_gets_every_field_with_its_slots_and_build_time_values():
    assert panel_of({"monthly_salary": 25.0}) == [
        BrowserField("name", "姓名", "text", "", 1, [""]),
        BrowserField("monthly_salary", "当前月薪", "number", "K", 1, ["25K"]),
        BrowserField("projects", "代表项目", "list", "", 3, ["", "", ""]),
    ]
    assert json.loads(fields_json(Profile({}, (), PANEL_FIELDS)))["fields"][1] == {
        "key": "monthly_salary", "label": "当前月薪", "type": "number", "unit": "K", "slots": 1, "defaults": [""]}


def test_a_longer_list_gets_a_slot_per_item():
    rows = panel_of({"projects": ["甲", "乙", "丙", "丁"], "name": "张三"})
    assert rows[2].slots == 4 and rows[2].defaults == ["甲", "乙", "丙", "丁"]
    assert rows[0].defaults == ["张三"]


def test_the_transfer_format_is_read_whole_or_refused(tmp_path):
    spec = read_transfer(ROOT / DATA_DIR / "transfer.yml")
    assert spec["format"] == "handbook-profile" and spec["fragment_key"] == "profile"
    assert set(spec) == set(TRANSFER_KEYS)
    bad = tmp_path / "transfer.yml"
    bad.write_text("format: x\nversion: one\nmax_link_bytes: 0\n", encoding="utf-8")
    with pytest.raises(TransferError) as error:
        read_transfer(bad)
    assert "'version' must be int" in str(error.value) and "'file_name' must be str" in str(error.value)
    assert "'max_link_bytes' must be positive" in str(error.value)
