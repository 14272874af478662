"""The answer mark-up hook: helpers on fragments, and the built pages."""

import pytest
from mkdocs.exceptions import PluginError

from answer_markup import add_tool, wrap_answers

HTML = '<h1 id="t">页</h1><p>导语</p><h2 id="a">问甲</h2><p>答甲</p><h3 id="s">细节</h3><p>x</p>' \
       '<h2 id="other">别的</h2><p>y</p><h2 id="b">问乙</h2><p>答乙</p>'


def test_wrap_answers_wraps_each_answer_up_to_the_next_h2():
    out = wrap_answers(HTML, {"a", "b"})
    assert '<div class="answer-tools" data-answer="a"></div><div class="answer-body" data-answer="a">' \
           '<p>答甲</p><h3 id="s">细节</h3><p>x</p></div><h2 id="other">' in out
    assert out.endswith('<div class="answer-body" data-answer="b"><p>答乙</p></div>')
    assert 'data-answer="other"' not in out


def test_wrap_answers_leaves_pages_without_answers_alone():
    assert wrap_answers(HTML, set()) == HTML


def test_add_tool_appends_inside_the_right_bar():
    out = add_tool(wrap_answers(HTML, {"a", "b"}), "b", "<button>复制</button>")
    assert '<div class="answer-tools" data-answer="b"><button>复制</button></div>' in out
    assert '<div class="answer-tools" data-answer="a"></div>' in out
    assert add_tool(HTML, "absent", "<i></i>") == HTML  # reported by hooks/sections.py


def test_add_tool_refuses_an_answer_without_its_bar():
    with pytest.raises(PluginError, match="answer 'a' has no tools bar: list hooks/answer_markup.py"):
        add_tool(HTML, "a", "<i></i>")


def test_every_built_answer_has_a_tools_bar_and_a_body(site, manifest):
    for answer in manifest.answers:
        page = site.page(answer.page.removesuffix(".md") + "/")
        heading = page.find(id=answer.id)
        tools = heading.find_next_sibling()
        assert tools.get("class") == ["answer-tools"] and tools["data-answer"] == answer.id
        body = tools.find_next_sibling()
        assert body.get("class") == ["answer-body"] and body.get_text(strip=True)
