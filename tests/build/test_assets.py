"""The site's own assets in real builds: one stylesheet (Material's CSS
pruned to what the site uses, then the site's own files), and the Material
templates overrides/ repeats are checked at every build."""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import material
from mkdocs.exceptions import Abort

from conftest import ROOT, build, edit
from handbook.output import stylesheets, theme

TEMPLATES = Path(material.__file__).parent / "templates"
ONE_STYLESHEET = re.compile(r"assets/stylesheets/site\.[0-9a-f]{8}\.css")


def own_stylesheets() -> list[str]:
    """The extra_css entries of mkdocs.yml."""
    block = re.search(r"^extra_css:\n((?:  - .*\n)+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return re.findall(r"^  - (\S+)", block.group(1), re.M)


def linked_stylesheets(site, url: str) -> list[str]:
    return [link["href"] for link in site.page(url).select('head link[rel="stylesheet"][data-handbook-stylesheet]')]


def shipped_stylesheet(site) -> str:
    [path] = site.site.glob("assets/stylesheets/*.css")
    return path.relative_to(site.site).as_posix()


def test_pages_load_one_stylesheet_named_after_its_content_holding_every_listed_file_in_order(site):
    listed = own_stylesheets()
    assert len(listed) > 1
    name = shipped_stylesheet(site)
    assert ONE_STYLESHEET.fullmatch(name), name
    css = site.text(name)
    assert name == stylesheets.shipped_name(css)
    for url in ("", "salary/", "404.html"):
        links = linked_stylesheets(site, url)
        assert len(links) == 1 and links[0].endswith(name), (url, links)
    positions = [css.index(f"/* --- {path} --- */") for path in listed]
    assert positions == sorted(positions)
    for path in listed:
        assert not (site.site / path).exists(), f"{path} is published beside the bundle"
        assert (ROOT / "docs" / path).read_text(encoding="utf-8").strip() in css
    assert stylesheets.SLOT not in "".join(p.read_text(encoding="utf-8") for p in site.site.rglob("*.html"))


def test_materials_stylesheets_are_in_it_pruned_and_not_shipped_themselves(site):
    css = site.text(shipped_stylesheet(site))
    material_css = theme.material_stylesheets(TEMPLATES, palette=True)
    assert [Path(p).name.split(".")[0] for p in material_css] == ["main", "palette"]
    for path in material_css:
        assert not (site.site / path).exists() and not (site.site / (path + ".map")).exists(), path
        assert path not in site.text("sw.js")
    material = css[:css.index("\n/* --- ")]
    assert ".md-header{" in material and "[data-md-color-primary=indigo]{" in material
    # features the site does not use: content tabs, cookie consent, feedback, emoji
    for unused in (".tabbed-set", ".md-consent", ".md-feedback", ".twemoji"):
        assert unused not in material, unused
    whole = len(stylesheets.stylesheet([(TEMPLATES / p).read_text(encoding="utf-8") for p in material_css], "", None))
    assert len(material) < 0.8 * whole


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
