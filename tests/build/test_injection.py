"""Hostile profile values in every field render as inert text in the built
HTML (the browser half of this check runs with the browser tests)."""

from __future__ import annotations

import pytest

from conftest import PAYLOADS, REALISTIC_TAIL, ROOT, build, copy_project, edit, hostile_profile, write_hostile
from handbook.build import DATA_DIR
from handbook.profile import load_fields

FIELDS = load_fields(ROOT / DATA_DIR / "profile_fields.yml")


def expected_texts(key: str) -> list[str]:
    value = hostile_profile()[key]
    return value if isinstance(value, list) else [value]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    result = build(write_hostile(copy_project(tmp_path_factory.mktemp("hostile") / "project")))
    assert result.ok, result.log
    return result


def test_every_text_and_list_field_holds_a_payload():
    assert set(hostile_profile()) == {k for k, s in FIELDS.items() if s.type != "number"}
    used = {p.removesuffix(REALISTIC_TAIL)
            for v in hostile_profile().values() for p in (v if isinstance(v, list) else [v])}
    assert used == set(PAYLOADS)


def test_every_value_shows_exactly_as_typed(hostile):
    seen = set()
    for name, soup in hostile.pages().items():
        for span in soup.select("span.pf[data-profile]"):
            key = span["data-profile"].split(".")[0]
            if FIELDS[key].type == "number":
                continue
            assert not span.find_all(True), (name, key)  # no element made from the value
            assert span.get_text() in expected_texts(key), (name, key, span.get_text())
            seen.add(key)
    shown_as_text = {k for k in hostile_profile() if f"me.{k}" in "".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))}
    assert seen == shown_as_text


def test_the_panel_holds_every_value_as_data_only(hostile):
    fields = hostile.panel_fields()
    for key, value in hostile_profile().items():
        first = value[0] if isinstance(value, list) else value
        assert fields[key]["defaults"][0] == first, key  # JSON text: profile.js puts it in a placeholder
    dialog = hostile.page("").select_one("dialog#profile-panel")
    assert not dialog.select("script, img, svg[onload], a, b")


def test_no_markup_comes_alive(hostile):
    for name, soup in hostile.pages().items():
        article = soup.select_one("article") or soup
        assert not article.find_all("script"), name
        assert not article.select("span.pf *"), name
        assert not article.select('a[href^="javascript:"]'), name
        handlers = [el.name for el in soup.find_all(True) if any(a.startswith("on") for a in el.attrs)]
        assert handlers == [], name
        assert "jinja-if" not in article.get_text().replace("{% if true %}jinja-if{% endif %}", ""), name


def test_jinja_in_a_value_is_not_evaluated(hostile):
    texts = [s.get_text() for soup in hostile.pages().values() for s in soup.select("span.pf")]
    assert "{{ 7*7 }}" in texts and "49" not in texts


def test_control_markup_written_into_a_page_does_come_alive(project):
    """Control: the same checks see markup that a page itself writes."""
    edit(project / "docs" / "ask.md", "# 反问面试官\n", '# 反问面试官\n\n<b class="probe">b</b>\n')
    result = build(project)
    assert result.ok, result.log
    assert result.page("ask/").select("article b.probe")
