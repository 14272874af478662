"""The built site as a reader gets it, and the build's refusals of bad input."""

from __future__ import annotations

import re

import pytest

from conftest import build, write
from manifest import load_manifest
from sections import section_body



def answer_url(answer) -> str:
    return answer.page.removesuffix(".md") + "/"


# -- the public site ---------------------------------------------------------

def test_every_answer_exists_once_with_a_body(site, manifest):
    pages = site.pages()
    for answer in manifest.answers:
        holders = [p for p, soup in pages.items() if soup.find(id=answer.id) and "search" not in p]
        assert holders == [answer_url(answer) + "index.html"], answer.id
        heading = pages[holders[0]].find(id=answer.id)
        assert heading.name == "h2"
        assert answer.title in heading.get_text()
        html = str(pages[holders[0]].select_one("article"))
        assert len(section_body(html, answer.id)) > 20, answer.id


def test_no_heading_has_a_position_numbered_id(site):
    for path, soup in site.pages().items():
        ids = [h.get("id", "") for h in soup.select("h1, h2, h3, h4, h5, h6")]
        assert not [i for i in ids if re.fullmatch(r"_\d+", i)], path


def test_why_leave_reuses_the_motivation_answer(site):
    article = str(site.page("opening/").select_one("article"))
    assert section_body(article, "why-leave").endswith(section_body(article, "motivation"))


def test_home_page_links_every_answer(site, manifest):
    links = {a["href"] for a in site.page().select("article a[href]")}
    for answer in manifest.answers:
        assert f"{answer_url(answer)}#{answer.id}" in links, answer.id


def test_nav_follows_the_manifest(site, manifest):
    nav = [a.get_text(strip=True) for a in site.page().select("nav.md-nav--primary > ul > li > a")]
    assert nav == ["首页"] + [p.title for p in manifest.pages]


def test_source_typos_are_fixed(site):
    text = " ".join(s.get_text() for s in site.pages().values())
    for typo in ("ofr", "offr", "规侧", "你先做一下我介绍", "工资补偿"):
        assert typo not in text
    assert "请先做一下自我介绍" in text and "规则" in text


def test_unset_profile_values_show_as_marked_placeholders(site):
    name = site.page("opening/").select_one('[data-profile="name"]')
    assert name.get_text() == "〔姓名〕" and "pf-unset" in name["class"]


def test_site_references_no_other_host(site):
    pattern = re.compile(r"""(?:src|href)=["'](?:https?:)?//(?!127\.0\.0\.1[:/])([^"'/]+)""")
    offenders = set()
    for path in site.site.rglob("*"):
        if path.suffix in {".html", ".css", ".js"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            offenders |= {(path.name, host) for host in pattern.findall(text)}
            if path.suffix == ".css":
                offenders |= {(path.name, u) for u in re.findall(r"url\(['\"]?(?:https?:)?//([^)'\"]+)", text)}
            if path.suffix == ".html":
                assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text
    assert not offenders


def test_site_holds_no_profile_or_yaml_file(site):
    assert not [p for p in site.site.rglob("*") if p.suffix in {".yml", ".yaml"}]


def test_html_lang_is_chinese(site):
    assert site.page().html["lang"].startswith("zh")


# -- personal profile ----------------------------------------------------------

def test_local_profile_overrides_the_public_one_key_by_key(project):
    write(project / "profile.local.yml", "name: 李雷\nmonthly_salary: 15\nprojects: [智能客服, 质检平台]\n")
    result = build(project)
    assert result.ok, result.log
    opening, salary = result.page("opening/"), result.page("salary/")
    assert opening.select_one('[data-profile="name"]').get_text() == "李雷"
    assert [li.get_text() for li in opening.select('[data-profile^="projects."]')] == ["智能客服", "质检平台"]
    assert salary.select_one('[data-profile="monthly_salary"]').get_text() == "15K"
    # keys the local profile leaves alone keep the public value
    assert opening.select_one('[data-profile="role"]').get_text() == "大模型算法工程师"


def test_html_and_template_syntax_in_a_value_is_shown_as_text(project):
    value = "<script>alert(1)</script><img src=x onerror=alert(2)> [点我](javascript:alert(3)) {{ 7*7 }}"
    write(project / "profile.local.yml", f"name: '{value}'\n")
    result = build(project)
    assert result.ok, result.log
    page = result.page("opening/")
    span = page.select_one('[data-profile="name"]')
    assert span.get_text() == value
    assert not span.find_all(True)  # no element was created from the value
    assert not page.select('article a[href^="javascript:"]')
    assert "49" not in span.get_text()


# -- refusals --------------------------------------------------------------------

@pytest.mark.parametrize("answer", load_manifest().answers, ids=lambda a: a.id)
def test_removing_an_answer_heading_fails_naming_its_id(project, answer):
    page = project / "docs" / answer.page
    text = page.read_text(encoding="utf-8")
    assert f'{{{{ q("{answer.id}") }}}}' in text
    write(page, text.replace(f'{{{{ q("{answer.id}") }}}}', ""))
    result = build(project)
    assert not result.ok
    assert f"answer '{answer.id}'" in result.log and "is missing" in result.log


def test_emptying_an_answer_fails_naming_it(project):
    page = project / "docs" / "ask.md"
    text = page.read_text(encoding="utf-8")
    write(page, text[: text.index('{{ q("questions-to-ask") }}')] + '{{ q("questions-to-ask") }}\n')
    result = build(project)
    assert not result.ok
    assert "answer 'questions-to-ask'" in result.log and "empty body" in result.log


def test_every_problem_is_reported_in_one_build(project):
    page = project / "docs" / "salary.md"
    text = page.read_text(encoding="utf-8")
    text = text.replace('{{ q("salary-quote") }}', "").replace('{{ q("salary-counter") }}', "## ？？")
    write(page, text + "\n公司的主要业务是XX产品。\n")
    result = build(project)
    assert not result.ok
    for expected in ("'salary-quote'", "'salary-counter'", "position-numbered", "placeholder XX"):
        assert expected in result.log


def test_undefined_variable_fails_naming_it_and_the_page(project):
    page = project / "docs" / "ask.md"
    write(page, page.read_text(encoding="utf-8") + "\n{{ me.nmae }}\n")
    result = build(project)
    assert not result.ok
    assert "ask.md" in result.log and "no field 'nmae'" in result.log


def test_jinja_syntax_error_fails_the_build(project):
    page = project / "docs" / "ask.md"
    write(page, page.read_text(encoding="utf-8") + "\n{% if %}\n")
    result = build(project)
    assert not result.ok
    assert "Macro Syntax Error" in result.log and "ask.md" in result.log
    assert not (result.site / "ask" / "index.html").exists()  # no error page published


def test_missing_profile_is_a_clear_error(project):
    (project / "profile.yml").unlink()
    result = build(project)
    assert not result.ok
    assert "profile.yml: file not found" in result.log
    assert "Traceback" not in result.log


@pytest.mark.parametrize(
    ("local", "expected"),
    [
        ("projects: 一个项目\n", "profile.local.yml: key 'projects' (代表项目) must be a list"),
        ("years: 五年\n", "profile.local.yml: key 'years' (工作年限) must be a number"),
        ("compnay: 某公司\n", "profile.local.yml: unknown key 'compnay' (did you mean 'company'?)"),
        ("name: [unclosed\n", "profile.local.yml: not valid YAML"),
    ],
)
def test_bad_local_profile_is_a_clear_error(project, local, expected):
    write(project / "profile.local.yml", local)
    result = build(project)
    assert not result.ok
    assert expected in result.log
    assert "Traceback" not in result.log
