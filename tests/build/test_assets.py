"""The site's own assets in real builds: the stylesheets ship as one bundle,
and the Material templates overrides/ repeats are checked at every build."""

from __future__ import annotations

import re
from importlib.metadata import version

from mkdocs.exceptions import Abort

from conftest import ROOT, build, edit
from handbook.output import theme
from handbook.output.stylesheets import BUNDLE


def own_stylesheets() -> list[str]:
    """The extra_css entries of mkdocs.yml."""
    block = re.search(r"^extra_css:\n((?:  - .*\n)+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return re.findall(r"^  - (\S+)", block.group(1), re.M)


def test_pages_load_one_own_stylesheet_holding_every_listed_file_in_order(site):
    listed = own_stylesheets()
    assert len(listed) > 1
    for url in ("", "salary/", "404.html"):
        links = [link["href"] for link in site.page(url).select('head link[rel="stylesheet"][data-handbook-stylesheet]')]
        own = [href for href in links if "/main." not in href and "/palette." not in href]
        assert len(own) == 1 and own[0].endswith(BUNDLE), (url, links)
    css = site.text(BUNDLE)
    positions = [css.index(f"/* --- {path} --- */") for path in listed]
    assert positions == sorted(positions)
    for path in listed:
        assert not (site.site / path).exists(), f"{path} is published beside the bundle"
        assert (ROOT / "docs" / path).read_text(encoding="utf-8").strip() in css


def test_a_listed_stylesheet_missing_from_docs_fails_naming_it(project):
    edit(project / "mkdocs.yml", "  - assets/stylesheets/handbook.css\n",
         "  - assets/stylesheets/handbook.css\n  - assets/stylesheets/gone.css\n")
    result = build(project)
    assert not result.ok
    assert "mkdocs.yml extra_css lists files that are not in docs/: assets/stylesheets/gone.css" in result.log


def test_a_stylesheet_that_cannot_be_bundled_fails_naming_it(project):
    css = project / "docs" / "assets" / "stylesheets" / "share.css"
    css.write_text('@import url("x.css");\n' + css.read_text(encoding="utf-8"), encoding="utf-8")
    result = build(project)
    assert not result.ok
    assert "cannot be bundled: ['assets/stylesheets/share.css']" in result.log


def test_a_material_upgrade_that_changed_a_copied_template_stops_the_build(project, monkeypatch):
    original = theme.copied_text
    monkeypatch.setattr(theme, "copied_text", lambda templates, copy: original(templates, copy)
                        + ("<!-- upstream change -->" if copy.source == "partials/search.html" else ""))
    result = build(project)
    assert not result.ok and isinstance(result.error, Abort)
    assert (f"Material {version('mkdocs-material')} changed partials/search.html, which "
            "overrides/partials/search.html repeats") in result.log
    assert "base.html" not in result.log
    assert not (result.site / "index.html").exists()  # stopped before any page
