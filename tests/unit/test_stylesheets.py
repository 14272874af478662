"""The site's own stylesheets ship as one file (hooks/handbook/output/stylesheets.py)."""

import pytest

from handbook.output.stylesheets import bundle, is_local


def test_the_bundle_keeps_the_listed_order_and_names_each_part():
    out = bundle([("a.css", "p { color: red }"), ("b.css", "p { color: blue }\n")])
    assert out.index("/* --- a.css --- */") < out.index("color: red") < out.index("/* --- b.css --- */")
    assert out.rstrip().endswith("p { color: blue }")


@pytest.mark.parametrize("css", ["@import url(x.css);", '@charset "utf-8";'])
def test_a_rule_that_must_start_a_stylesheet_is_refused_naming_the_file(css):
    with pytest.raises(ValueError, match=r"cannot be bundled: \['b.css'\]"):
        bundle([("a.css", "p {}"), ("b.css", css)])


def test_only_files_of_the_site_are_bundled():
    assert is_local("assets/stylesheets/x.css")
    assert not is_local("https://example.com/x.css") and not is_local("//cdn.example/x.css")
