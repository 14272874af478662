"""The site check and the macros in real builds: a page written wrongly stops
the strict build, the message naming the page, the answer or the key."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import Abort

from conftest import answer_block, build, edit, write
from handbook.build import DATA_DIR


def docs(project, name: str):
    return project / "docs" / name


@pytest.fixture(scope="module")
def answers(manifest):
    return manifest.answers


def test_the_public_project_passes(site):
    assert "The handbook check found" not in site.log


@pytest.mark.parametrize("answer_id", [
    "motivation", "self-intro", "why-leave", "know-company", "career-plan", "strengths-weaknesses",
    "start-date", "other-offers", "expected-salary", "salary-quote", "salary-counter", "questions-to-ask",
    "pressured-resign", "bottom-ranking", "layoff",
])
def test_removing_an_answer_fails_naming_it_and_its_page(project, manifest, answer_id):
    answer = manifest.answer(answer_id)
    page = docs(project, answer.page)
    edit(page, answer_block(page.read_text(encoding="utf-8"), answer_id), "")
    result = build(project)
    assert not result.ok and isinstance(result.error, Abort)
    assert (f"answer '{answer_id}' ({answer.title}) is missing: "
            f"write '/// answer | {answer_id}' … '///' on {answer.page}") in result.log


def mutations():
    """(page, old, new, message the build log must hold)."""
    ask = "//// answer | questions-to-ask"
    return {
        "answer twice": ("offer.md", "# 到岗与 offer\n", "# 到岗与 offer\n\n//// answer | start-date\n又一遍。\n////\n",
                         "answer 'start-date' (你最快多久可以到岗？) appears 2 times (offer.md, offer.md)"),
        "unknown id": ("ask.md", ask, "//// answer | questions-to-asc",
                       "ask.md: '/// answer | questions-to-asc': no answer with this id in the manifest"),
        "approach outside an answer": ("ask.md", "# 反问面试官\n", "# 反问面试官\n\n/// approach\n先想。\n///\n",
                                       "ask.md: '/// approach' is outside every answer"),
        "basis outside an answer": ("ask.md", "# 反问面试官\n", "# 反问面试官\n\n/// basis\n- 第1条\n///\n",
                                    "ask.md: '/// basis' is outside every answer"),
        "leftover XX": ("ask.md", "规模大概是怎样的？", "规模大概是XX人？",
                        "ask.md: leftover placeholder XX in “…"),
        "leftover [xxx]": ("ask.md", "规模大概是怎样的？", "规模大概是 [xxx]？",
                           "ask.md: leftover placeholder [xxx] in “…"),
        "leftover {{": ("ask.md", "规模大概是怎样的？", "规模大概是 {% raw %}{{ me.team_size }}{% endraw %}？",
                        "ask.md: leftover template syntax {{ in “…"),
        "position-numbered id": ("ask.md", "# 反问面试官\n", "# 反问面试官\n\n## ？？\n\n正文。\n",
                                 "ask.md: heading id '_1' is position-numbered"),
        "empty body": ("ask.md", None, None, "answer 'questions-to-ask' (你还有什么想问我的吗？) on ask.md has an empty body"),
    }


@pytest.mark.parametrize("case", list(mutations()))
def test_a_page_written_wrongly_fails_naming_the_problem(project, case):
    page, old, new, message = mutations()[case]
    if case == "empty body":  # the answer keeps only its approach box
        text = docs(project, page).read_text(encoding="utf-8")
        block = answer_block(text, "questions-to-ask")
        old, new = block, block[: block.index("///\n\n") + 4] + "\n////\n"
    edit(docs(project, page), old, new)
    result = build(project)
    assert not result.ok
    assert "The handbook check found" in result.log and message in result.log, result.log


def test_an_answer_on_the_wrong_page_fails_naming_both_pages(project):
    text = docs(project, "ask.md").read_text(encoding="utf-8")
    block = answer_block(text, "questions-to-ask")
    edit(docs(project, "ask.md"), block, "")
    write(docs(project, "offer.md"), docs(project, "offer.md").read_text(encoding="utf-8") + "\n" + block)
    result = build(project)
    assert not result.ok
    assert "answer 'questions-to-ask' (你还有什么想问我的吗？) is on offer.md, but the manifest places it on ask.md" \
        in result.log


def test_every_problem_is_reported_in_one_build(project):
    page = docs(project, "salary.md")
    text = page.read_text(encoding="utf-8")
    text = text.replace(answer_block(text, "salary-quote"), "").replace(answer_block(text, "salary-counter"), "## ？？\n")
    write(page, text + "\n公司的主要业务是XX产品。\n")
    result = build(project)
    assert not result.ok
    assert "The handbook check found 4 problem(s)" in result.log
    for expected in ("'salary-quote'", "'salary-counter'", "position-numbered", "placeholder XX"):
        assert expected in result.log


def test_a_literal_template_syntax_in_code_is_fine(project):
    edit(docs(project, "ask.md"), "规模大概是怎样的？",
         "规模大概是怎样的？写法：`{% raw %}{{ me.name }}{% endraw %}` 和 `{% raw %}{% if %}{% endraw %}`")
    result = build(project)
    assert result.ok, result.log
    codes = [c.get_text() for c in result.page("ask/").select("article code")]
    assert "{{ me.name }}" in codes and "{% if %}" in codes


def test_an_undefined_profile_field_fails_naming_it_and_the_page(project):
    edit(docs(project, "ask.md"), "规模大概是怎样的？", "规模大概是{{ me.nmae }}？")
    result = build(project)
    assert not result.ok
    assert "ask.md" in result.log and "no field 'nmae' (did you mean me.name?)" in result.log


def test_a_jinja_syntax_error_fails_and_publishes_no_error_page(project):
    edit(docs(project, "ask.md"), "规模大概是怎样的？", "规模大概是{% if %}？")
    result = build(project)
    assert not result.ok
    assert "ask.md" in result.log and "Macro Syntax Error" in result.log
    assert not (result.site / "ask" / "index.html").exists()


def test_a_missing_sheet_page_fails_naming_it(project):
    docs(project, "all.md").unlink()
    result = build(project)
    assert not result.ok
    assert "the 全部答案 page docs/all.md of the manifest is missing" in result.log


@pytest.mark.parametrize(("old", "new", "message"), [
    ("keywords: [裁员, ", "keywords: 裁员\n        unused: [",
     "pages[5].answers[2] (layoff): keywords must be a list of text items"),
    ("keywords: [裁员, ", "keywords: [' ', 裁员, ", "pages[5].answers[2] (layoff): keywords has an empty item (position 1)"),
    ("keywords: [裁员, ", "keywords: [裁员, 裁员, ", "pages[5].answers[2] (layoff): keywords lists '裁员' twice"),
    ("keywords: [劝退, ", "keywords: [裁员, 劝退, ",
     "keyword '裁员' is listed by answers pressured-resign and layoff: keep it in one of them"),
    ("      - id: layoff\n", "      - id: Layoff\n", "id 'Layoff' must be lowercase ASCII words joined by '-'"),
    ("      - id: start-date\n", "      - id: motivation\n", "id 'motivation' is listed twice"),
    ("pages:\n", "pages:\n  - file: [unclosed\n", "not valid YAML"),
])
def test_a_bad_manifest_fails_naming_the_entry(project, old, new, message):
    manifest_file = project / DATA_DIR / "answers.yml"
    edit(manifest_file, old, new)
    result = build(project)
    assert not result.ok
    assert str(manifest_file) in result.log and message in result.log, result.log
