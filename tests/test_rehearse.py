"""The rehearse-and-personalise markup in the built site: the 填写我的信息
panel's fields, the header controls, the scripts; and the panel helper."""

from __future__ import annotations

from pathlib import Path

from conftest import build
from personal import Field, Profile, load_fields
from profile_panel import PanelField, panel_fields

SCRIPTS = ("practice-early.js", "practice.js", "profile.js", "copy-answer.js")


# -- the helper ----------------------------------------------------------------

def _profile(values: dict) -> Profile:
    fields = {
        "name": Field("name", "姓名", "text"),
        "monthly_salary": Field("monthly_salary", "当前月薪", "number", unit="K"),
        "projects": Field("projects", "代表项目", "list", count=3),
    }
    return Profile(values={k: values.get(k) for k in fields}, files=(), fields=fields)


def test_panel_fields_one_row_per_span_key_with_defaults():
    rows = panel_fields(_profile({"monthly_salary": 25.0}))
    assert rows == [
        PanelField("name", "姓名", "text", "", ""),
        PanelField("monthly_salary", "当前月薪", "number", "K", "25K"),
        PanelField("projects.0", "代表项目 1", "text", "", ""),
        PanelField("projects.1", "代表项目 2", "text", "", ""),
        PanelField("projects.2", "代表项目 3", "text", "", ""),
    ]


def test_panel_fields_a_longer_list_gets_an_input_per_item():
    rows = panel_fields(_profile({"projects": ["甲", "乙", "丙", "丁"], "name": "张三"}))
    assert [r.key for r in rows if r.key.startswith("projects")] == [f"projects.{i}" for i in range(4)]
    assert rows[0].default == "张三" and rows[-1].default == "丁"


# -- the built site ------------------------------------------------------------

def test_every_page_has_the_named_panel_with_every_field(site):
    fields = load_fields()
    for path, page in site.pages().items():
        if path.startswith("search"):
            continue
        dialog = page.select_one("dialog#profile-panel")
        assert dialog is not None, path
        title = page.find(id=dialog["aria-labelledby"])
        assert title.get_text(strip=True) == "填写我的信息"
        keys = [i["data-profile-input"] for i in dialog.select("input[data-profile-input]")]
        for key, field in fields.items():
            expected = [f"{key}.{n}" for n in range(field.count)] if field.type == "list" else [key]
            assert set(expected) <= set(keys), (path, key)
        for field_input in dialog.select("input[data-profile-input]"):
            label = dialog.select_one(f'label[for="{field_input["id"]}"]')
            assert label is not None and label.get_text(strip=True), field_input["id"]
        salary = dialog.select_one('input[data-profile-input="monthly_salary"]')
        assert salary["data-type"] == "number" and salary["data-unit"] == "K"


def test_controls_are_labelled_and_hidden_until_the_script_runs(site):
    page = site.page("opening/")
    controls = page.select_one("[data-rehearse-controls]")
    assert controls.has_attr("hidden")
    toggle = controls.select_one("[data-practice-toggle]")
    assert toggle["aria-label"] == "练习模式" and toggle["aria-pressed"] == "false"
    assert controls.select_one("[data-profile-open]")["aria-label"] == "填写我的信息"


def test_scripts_are_same_origin_files_and_no_yml_is_published(site):
    for name in SCRIPTS:
        assert (site.site / "assets/javascripts" / name).is_file(), name
    page = site.page("opening/")
    sources = [s.get("src", "") for s in page.select("script[src]")]
    for name in SCRIPTS:
        assert any(src.endswith("assets/javascripts/" + name) for src in sources), name
    assert all(not src.startswith(("http:", "https:", "//")) for src in sources)
    # the panel's own markup has no inline script or handler
    panel = page.select_one("dialog#profile-panel")
    assert not panel.select("script") and not panel.select("[onclick], [oninput], [style]")
    assert not list(site.site.rglob("*.yml")) and not list(site.site.rglob("*.yaml"))


def test_profile_values_are_escaped_in_the_panel(project: Path):
    (project / "profile.local.yml").write_text(
        'name: "\\"><script>alert(1)</script>"\nrole: "A & B"\n', encoding="utf-8")
    result = build(project)
    assert result.ok, result.log
    dialog = result.page("opening/").select_one("dialog#profile-panel")
    assert dialog.select_one('input[data-profile-input="name"]')["placeholder"] == '"><script>alert(1)</script>'
    assert dialog.select_one('input[data-profile-input="role"]')["placeholder"] == "A & B"
    assert not dialog.select("script")


def test_a_tools_bar_alone_does_not_make_an_answer_non_empty():
    """hooks/sections.py's emptiness check ignores the tools bar (speaking time, buttons)."""
    from sections import section_body
    bar = ('<div class="answer-tools" data-answer="a"><span class="speaking-time">说完约 5 秒</span>'
           '<button class="answer-tools__button">复制链接</button></div>')
    empty = f'<h2 id="a">问</h2>{bar}<div class="answer-body" data-answer="a"></div><h2 id="b">乙</h2>'
    assert section_body(empty, "a") == ""
    full = empty.replace('data-answer="a"></div>', 'data-answer="a"><p>答</p></div>')
    assert section_body(full, "a") == "答"
