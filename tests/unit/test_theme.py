"""The Material templates overrides/ repeats (hooks/handbook/output/theme.py):
unchanged in the installed release, and a change is named with file and version."""

from importlib.metadata import version
from pathlib import Path


from conftest import copy_material, material_templates, write
from handbook.output.theme import COPIES, changed, copied_text

TEMPLATES = material_templates()


def fake_templates(root: Path) -> Path:
    """Material's copied files, as installed."""
    return copy_material(root, {c.source for c in COPIES})


def test_the_installed_material_matches_the_copies():
    assert changed(TEMPLATES) == []


def test_the_scripts_block_alone_is_compared_in_base_html(tmp_path):
    templates = fake_templates(tmp_path)
    base = templates / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("<head>", "<head>\n<!-- changed -->", 1),
                    encoding="utf-8")
    assert changed(templates) == []  # outside the copied block
    assert copied_text(templates, COPIES[0]).startswith("{% block scripts %}")


def test_a_changed_material_file_is_named_with_the_release(tmp_path):
    templates = fake_templates(tmp_path)
    search = templates / "partials" / "search.html"
    write(search, search.read_text(encoding="utf-8") + "<!-- upstream change -->\n")
    problems = changed(templates)
    assert len(problems) == 1
    assert problems[0].startswith(f"Material {version('mkdocs-material')} changed partials/search.html, "
                                  "which overrides/partials/search.html repeats")
    assert "put the new digest" in problems[0] and "hooks/handbook/output/theme.py" in problems[0]


def test_a_changed_scripts_block_is_named(tmp_path):
    templates = fake_templates(tmp_path)
    base = templates / "base.html"
    write(base, base.read_text(encoding="utf-8").replace("{% block scripts %}",
                                                         "{% block scripts %}\n  <script>x()</script>", 1))
    problems = changed(templates)
    assert len(problems) == 1 and "changed the scripts block of base.html, which overrides/main.html" in problems[0]


def test_the_stylesheets_of_materials_styles_block_are_read_from_it(tmp_path):
    from handbook.output.theme import material_stylesheets

    sheets = material_stylesheets(TEMPLATES, palette=True)
    assert [s.split(".")[0] for s in sheets] == ["assets/stylesheets/main", "assets/stylesheets/palette"]
    assert all((TEMPLATES / s).is_file() for s in sheets)
    assert material_stylesheets(TEMPLATES, palette=False) == sheets[:1]
    templates = fake_templates(tmp_path)
    base = templates / "base.html"
    write(base, base.read_text(encoding="utf-8").replace("main.57a0d79d.min.css", "main.0000ffff.min.css"))
    assert material_stylesheets(templates, palette=False) == ["assets/stylesheets/main.0000ffff.min.css"]
    assert any("changed the styles block of base.html" in p for p in changed(templates))


def test_a_changed_config_block_is_named(tmp_path):
    # overrides/main.html repeats it to name the patched search worker
    templates = fake_templates(tmp_path)
    base = templates / "base.html"
    write(base, base.read_text(encoding="utf-8").replace('"base": base_url,', '"base": base_url, "x": 1,', 1))
    problems = changed(templates)
    assert len(problems) == 1 and "changed the config block of base.html, which overrides/main.html" in problems[0]
