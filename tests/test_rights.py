"""The labour-rights page as built: every answer cites its legal basis, no
inaccurate formulation, the calculator from the profile, the disclaimer, and
the build's refusals (a lost 依据 list, a bad calculator value)."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import build, write
from sections import section_body

LABOUR = ("pressured-resign", "bottom-ranking", "layoff")
# What the issue asks the page to cover, as (law, article) pairs.
REQUIRED_CITATIONS = {
    *(("劳动合同法", n) for n in ("4", "36", "37", "39", "40", "41", "42", "46", "47", "48", "87")),
    ("劳动合同法实施条例", "20"), ("劳动合同法实施条例", "25"),
    ("最高人民法院 指导案例", "18"), ("劳动争议调解仲裁法", "27"),
    ("最高人民法院 劳动争议解释（一）", "44"),
}
ARTICLE = re.compile(r"(?P<law>[^第，、]*?)\s*第(?P<n>\d+)条|(?P<case>[^，、]*?指导案例)(?P<k>\d+)号")


def cited(items: list[str]) -> set[tuple[str, str]]:
    """(law, article) pairs named in the bold lead of each 依据 item; an
    article without a law name belongs to the law named before it."""
    found, law = set(), ""
    for lead in items:
        for m in ARTICLE.finditer(lead):
            if m.group("case"):
                found.add((m.group("case").strip().removesuffix("指导案例").strip() + " 指导案例", m.group("k")))
                continue
            law = m.group("law").strip(" ，、") or law
            found.add((law, m.group("n")))
    return found


def basis_items(soup: BeautifulSoup, answer_id: str) -> list:
    heading = soup.find(id=f"{answer_id}-basis")
    assert heading is not None and heading.name == "h3", answer_id
    return heading.find_next_sibling(["ul", "ol"]).find_all("li", recursive=False)


def unqualified_n_plus_1(soup: BeautifulSoup) -> list[str]:
    """Blocks saying N+1 without tying it to a dismissal under art. 40."""
    blocks = soup.select("article p, article li, article tr")
    return [b.get_text(" ", strip=True) for b in blocks
            if re.search(r"[nN]\s*\+\s*1", b.get_text()) and "第40条" not in b.get_text()]


@pytest.fixture(scope="module")
def rights(site) -> BeautifulSoup:
    return site.page("rights/")


# -- the checks' own negative tests -----------------------------------------

def test_citation_parser_counts_laws_and_articles():
    assert cited(["劳动合同法 第36条、第46条（二）", "劳动合同法实施条例 第25条",
                  "最高人民法院 指导案例18号"]) == {
        ("劳动合同法", "36"), ("劳动合同法", "46"), ("劳动合同法实施条例", "25"),
        ("最高人民法院 指导案例", "18")}
    assert len(cited(["劳动合同法 第37条", "说明文字"])) == 1


def test_n_plus_1_check_flags_a_general_rule():
    soup = BeautifulSoup("<article><p>辞退就给 N+1</p><li>第40条没通知：N+1</li></article>", "html.parser")
    assert unqualified_n_plus_1(soup) == ["辞退就给 N+1"]


# -- the public page ---------------------------------------------------------

@pytest.mark.parametrize("answer_id", LABOUR)
def test_each_answer_cites_at_least_three_articles(rights, answer_id):
    items = basis_items(rights, answer_id)
    leads = [li.find("strong").get_text() for li in items]
    assert len(cited(leads)) >= 3, leads
    for li in items:  # every claim: the article, then a plain summary
        summary = li.get_text().split("：", 1)
        assert len(summary) == 2 and len(summary[1]) >= 10, li.get_text()


def test_page_covers_every_article_the_issue_lists(rights):
    leads = [li.find("strong").get_text() for a in LABOUR for li in basis_items(rights, a)]
    assert REQUIRED_CITATIONS <= cited(leads), REQUIRED_CITATIONS - cited(leads)


def test_basis_lists_sit_inside_their_answers(rights):
    for answer_id in LABOUR:
        body = rights.select_one(f'.answer-body[data-answer="{answer_id}"]')
        assert body.find(id=f"{answer_id}-basis") is not None, answer_id


def test_page_has_no_inaccurate_formulation(rights):
    text = rights.select_one("article").get_text()
    assert "工资补偿" not in text
    assert not re.search(r"n\s*\+\s*1", text)  # the source's lower-case rule of thumb
    assert unqualified_n_plus_1(rights) == []
    assert "指导案例18号" in text and "经济补偿" in text


def test_replies_keep_the_firm_stance(rights):
    replies = {a: rights.select_one(f'.answer-body[data-answer="{a}"]').get_text() for a in LABOUR}
    assert "我不会主动提出离职" in replies["pressured-resign"]
    assert "排名末位不等于不能胜任工作" in replies["bottom-ranking"]
    assert "我不会签任何自愿离职" in replies["layoff"] and "法定程序" in replies["layoff"]


def test_disclaimer_says_what_it_is_and_where_to_ask(rights):
    help_text = section_body(str(rights.select_one("article")), "help")
    assert "不是针对你个人情况的法律意见" in help_text
    assert "12333" in help_text and "劳动人事争议仲裁委员会" in help_text
    assert rights.select_one('a[href="#help"]') is not None


def test_unset_profile_shows_formula_with_placeholders(rights):
    calc = rights.select_one("#comp-calc")
    assert calc.select_one('[data-comp="n"]').get_text() == "〔N〕"
    assert "〔当前月薪〕" in calc.select_one('[data-comp="n-formula"]').get_text()
    assert calc.select_one('[data-comp="error"]').has_attr("hidden")
    assert calc.find_parent("article") is not None


def test_compensation_script_and_style_are_linked(site, rights):
    scripts = [s.get("src", "") for s in rights.select("script[src]")]
    assert any(s.endswith("assets/javascripts/compensation.js") for s in scripts)
    assert (site.site / "assets/javascripts/compensation.js").is_file()


# -- builds with a profile or a broken page ------------------------------------


def test_profile_values_give_the_readers_numbers(project):
    write(project / "profile.local.yml",
          "service_years: 15\nservice_months: 2\nmonthly_salary: 40\nlocal_avg_wage: 10\n")
    result = build(project)
    assert result.ok, result.log
    calc = result.page("rights/").select_one("#comp-calc")
    slot = {el["data-comp"]: el.get_text() for el in calc.select("[data-comp]")}
    assert slot["n-formula"] == "12 个月 × 30,000 元"
    assert (slot["n"], slot["n1"], slot["n2"]) == ("360,000 元", "400,000 元", "720,000 元")
    assert calc["data-service-years"] == "15" and calc["data-local-avg-wage"] == "10"


def test_bad_calculator_value_fails_the_build_naming_the_key(project):
    write(project / "profile.local.yml", "service_months: -2\n")
    result = build(project)
    assert not result.ok
    assert "'service_months'" in result.log and "profile.local.yml" in result.log
    assert "Traceback" not in result.log


def test_text_in_a_calculator_field_fails_the_build_naming_the_key(project):
    write(project / "profile.local.yml", "monthly_salary: 两万\n")
    result = build(project)
    assert not result.ok and "'monthly_salary'" in result.log


def test_build_fails_naming_the_answer_that_lost_its_basis(project):
    page = project / "docs" / "rights.md"
    text = page.read_text(encoding="utf-8")
    start = text.index("### 依据 { #layoff-basis }")
    end = text.index("## 经济补偿怎么算")
    write(page, text[:start] + text[end:])
    result = build(project)
    assert not result.ok
    assert "answer 'layoff'" in result.log and "has no 依据 list" in result.log
    assert "'pressured-resign'" not in result.log and "'bottom-ranking'" not in result.log


def test_build_fails_naming_an_emptied_basis_list(project):
    page = project / "docs" / "rights.md"
    text = page.read_text(encoding="utf-8")
    start = text.index("### 依据 { #bottom-ranking-basis }")
    end = text.index('{{ q("layoff") }}')
    write(page, text[:start] + "### 依据 { #bottom-ranking-basis }\n\n" + text[end:])
    result = build(project)
    assert not result.ok
    assert "answer 'bottom-ranking'" in result.log and "empty 依据 list" in result.log
