"""The site's script bundle and the practice-mode line before the first paint
(hooks/handbook/output/scripts.py)."""

import re

import dukpy
import pytest

from conftest import ROOT, write
from handbook.output.scripts import bundle, bundle_name, early_script, parts


def test_the_bundle_keeps_each_script_whole_in_order_and_separated():
    content = bundle([("a.js", "var a = 1\n"), ("b.js", "(function () { window.b = a + 1 })()")])
    assert parts(content) == {"a.js": "var a = 1\n;\n", "b.js": "(function () { window.b = a + 1 })()\n;\n"}
    assert content.index("a.js") < content.index("b.js")
    # a script ending without a semicolon does not swallow the next one's "(…)"
    assert dukpy.evaljs(bundle([("x.js", "var window = {}, f = function () { return 1 }"),
                                ("y.js", "(function () { window.y = 2 })()")]) + "window.y") == 2


def test_the_bundle_name_follows_its_content():
    assert re.fullmatch(r"assets/javascripts/site\.[0-9a-f]{8}\.js", bundle_name("x"))
    assert bundle_name("x") == bundle_name("x") != bundle_name("y")


def test_the_early_line_uses_the_names_handbook_js_declares(tmp_path):
    line = early_script(ROOT / "docs" / "assets" / "javascripts" / "handbook.js")
    assert line == ('try{if(localStorage.getItem("handbook.practice")==="on")'
                    'document.documentElement.classList.add("practice-mode")}catch(e){}')
    core = (ROOT / "docs" / "assets" / "javascripts" / "handbook.js").read_text(encoding="utf-8")
    changed = tmp_path / "handbook.js"
    write(changed, core.replace('practice: "handbook.practice"', 'practice: "other.key"')
          .replace('practice: "practice-mode"', 'practice: "drill"'))
    assert early_script(changed) == ('try{if(localStorage.getItem("other.key")==="on")'
                                     'document.documentElement.classList.add("drill")}catch(e){}')


def test_a_core_without_the_names_is_named(tmp_path):
    broken = tmp_path / "handbook.js"
    write(broken, "window.handbook = {};")
    with pytest.raises(ValueError, match="handbook.js: cannot read the practice key and class"):
        early_script(broken)
