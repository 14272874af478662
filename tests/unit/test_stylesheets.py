"""The site ships one stylesheet: Material's pruned, then its own
(hooks/handbook/output/stylesheets.py)."""

import pytest
import tinycss2

from handbook.output import stylesheets
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


def rules(css: str):
    return stylesheets.parse_rules(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True))


def test_a_rule_keeps_only_the_selectors_whose_classes_and_ids_are_all_shipped_words():
    parsed = rules('@charset "UTF-8";.a,.b .c{color:red}#d:not(.e)>[x=".f"]{top:0}'
                   "@media (min-width:1px){.g{left:0}.a{left:1px}}@keyframes k{to{top:0}}")
    assert stylesheets.pruned(parsed, {"a", "d"}) == (
        '.a{color:red}#d:not(.e)>[x=".f"]{top:0}@media (min-width:1px){.a{left:1px}}@keyframes k{to{top:0}}')
    assert stylesheets.pruned(parsed, {"b", "c"}) == ".b .c{color:red}@keyframes k{to{top:0}}"
    assert stylesheets.pruned(parsed, set()) == "@keyframes k{to{top:0}}"
    assert stylesheets.pruned(parsed, None).startswith(".a,.b .c{color:red}#d")


def test_the_stylesheet_starts_with_its_charset_then_materials_then_the_sites_own():
    out = stylesheets.stylesheet(['@charset "UTF-8";.a{top:0}', ".b{top:1px}"], "/* --- x.css --- */\n.z{}", {"a"})
    assert out == '@charset "UTF-8";.a{top:0}\n/* --- x.css --- */\n.z{}'
    assert stylesheets.shipped_name(out) != stylesheets.shipped_name(out + " ")


def test_the_words_are_those_of_the_pages_scripts_and_json_files(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p class="x-y z">', encoding="utf-8")
    (tmp_path / "b.js").write_text('e.classList.add("md-w__v")', encoding="utf-8")
    (tmp_path / "c.json").write_text('{"k": "q"}', encoding="utf-8")
    (tmp_path / "d.css").write_text(".css-only{}", encoding="utf-8")
    words = stylesheets.shipped_words(tmp_path)
    assert {"x-y", "z", "md-w__v", "q"} <= words and "css-only" not in words
