"""The site's own stylesheets ship as one file (hooks/stylesheet_bundle.py)."""

import re

import pytest

from conftest import ROOT, build
from stylesheet_bundle import BUNDLE, bundle, is_local


def own_stylesheets() -> list[str]:
    """The extra_css entries of mkdocs.yml."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = re.search(r"^extra_css:\n((?:  - .*\n)+)", text, re.M).group(1)
    return re.findall(r"^  - (\S+)", block, re.M)


def test_bundle_keeps_the_listed_order_and_names_each_part():
    out = bundle([("a.css", "p { color: red }"), ("b.css", "p { color: blue }\n")])
    assert out.index("/* --- a.css --- */") < out.index("color: red") < out.index("/* --- b.css --- */")
    assert out.rstrip().endswith("p { color: blue }")


def test_bundle_refuses_an_import_it_would_break():
    with pytest.raises(ValueError, match="b.css"):
        bundle([("a.css", "p {}"), ("b.css", "@import url(x.css);")])


def test_only_files_of_the_site_are_bundled():
    assert is_local("assets/stylesheets/x.css")
    assert not is_local("https://example.com/x.css") and not is_local("//cdn.example/x.css")


def test_pages_link_one_own_stylesheet_holding_every_listed_file(site):
    listed = own_stylesheets()
    assert len(listed) > 1
    links = [link["href"] for link in site.page("salary/").select('head link[rel="stylesheet"]')]
    own = [href for href in links if "/main." not in href and "/palette." not in href]
    assert own == ["../" + BUNDLE]
    css = (site.site / BUNDLE).read_text(encoding="utf-8")
    for path in listed:
        assert f"/* --- {path} --- */" in css
        assert not (site.site / path).exists(), f"{path} is published beside the bundle"
        assert (ROOT / "docs" / path).read_text(encoding="utf-8").strip() in css


def test_a_listed_stylesheet_missing_from_docs_fails_the_build(project):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - assets/stylesheets/handbook.css\n",
        "  - assets/stylesheets/handbook.css\n  - assets/stylesheets/gone.css\n"), encoding="utf-8")
    result = build(project)
    assert not result.ok
    assert "extra_css lists files that are not in docs/: assets/stylesheets/gone.css" in result.log
