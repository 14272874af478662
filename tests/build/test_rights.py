"""The labour-rights page as built: every answer cites its legal basis inside
the answer, no inaccurate formulation, the disclaimer; and the build's
refusals of a lost or emptied 依据 list. (The severance calculator on this
page is tested with its own module.)"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import answer_block, build, edit

LABOUR = ("pressured-resign", "bottom-ranking", "layoff")
# What the page must cover, as (law, article) pairs.
REQUIRED_CITATIONS = {
    *(("劳动合同法", n) for n in ("4", "36", "37", "39", "40", "41", "42", "46", "47", "48", "87")),
    ("劳动合同法实施条例", "20"), ("劳动合同法实施条例", "25"),
    ("最高人民法院 指导案例", "18"), ("劳动争议调解仲裁法", "27"),
    ("最高人民法院 劳动争议解释（一）", "44"),
}
ARTICLE = re.compile(r"(?P<law>[^第，、]*?)\s*第(?P<n>\d+)条|(?P<case>[^，、]*?指导案例)(?P<k>\d+)号")


def cited(leads: list[str]) -> set[tuple[str, str]]:
    """(law, article) pairs named in the bold lead of each 依据 item; an
    article without a law name belongs to the law named before it."""
    found, law = set(), ""
    for lead in leads:
        for m in ARTICLE.finditer(lead):
            if m.group("case"):
                found.add((m.group("case").strip().removesuffix("指导案例").strip() + " 指导案例", m.group("k")))
                continue
            law = m.group("law").strip(" ，、") or law
            found.add((law, m.group("n")))
    return found


def basis_items(soup: BeautifulSoup, answer_id: str) -> list:
    part = soup.select_one(f'.answer[data-answer="{answer_id}"] > .answer-body > .answer-part[data-part="basis"]')
    assert part is not None and part.h3["id"] == f"{answer_id}-basis", answer_id
    return part.select(":scope > ul > li")


def leads(soup: BeautifulSoup) -> list[str]:
    return [li.find("strong").get_text() for a in LABOUR for li in basis_items(soup, a)]


def unqualified_n_plus_1(soup: BeautifulSoup) -> list[str]:
    """Blocks saying N+1 without tying it to a dismissal under art. 40."""
    return [b.get_text(" ", strip=True) for b in soup.select("article p, article li, article tr")
            if re.search(r"[nN]\s*\+\s*1", b.get_text()) and "第40条" not in b.get_text()]


@pytest.fixture(scope="module")
def rights(site) -> BeautifulSoup:
    return site.page("rights/")


@pytest.mark.parametrize("answer_id", LABOUR)
def test_each_answer_cites_at_least_three_articles_each_with_a_summary(rights, answer_id):
    items = basis_items(rights, answer_id)
    assert len(cited([li.find("strong").get_text() for li in items])) >= 3
    for li in items:  # every claim: the article, then a plain summary
        summary = li.get_text().split("：", 1)
        assert len(summary) == 2 and len(summary[1]) >= 10, li.get_text()


def test_the_page_covers_every_required_article(rights):
    assert REQUIRED_CITATIONS <= cited(leads(rights)), REQUIRED_CITATIONS - cited(leads(rights))


def test_the_coverage_check_sees_a_missing_citation(rights):
    soup = BeautifulSoup(str(rights), "html.parser")
    for li in soup.select(".answer-part li"):
        if "第27条" in li.get_text():
            li.decompose()
    assert REQUIRED_CITATIONS - cited(leads(soup)) == {("劳动争议调解仲裁法", "27")}


def test_the_page_has_no_inaccurate_formulation(rights):
    text = rights.select_one("article").get_text()
    assert "工资补偿" not in text
    assert not re.search(r"n\s*\+\s*1", text)  # the source's lower-case rule of thumb
    assert unqualified_n_plus_1(rights) == []
    assert "指导案例18号" in text and "经济补偿" in text
    wrong = BeautifulSoup("<article><p>辞退就给 N+1</p><li>第40条没通知：N+1</li></article>", "html.parser")
    assert unqualified_n_plus_1(wrong) == ["辞退就给 N+1"]


def test_the_replies_keep_a_firm_stance(rights):
    replies = {a: rights.select_one(f'.answer[data-answer="{a}"] > .answer-body').get_text() for a in LABOUR}
    assert "我不会主动提出离职" in replies["pressured-resign"]
    assert "排名末位不等于不能胜任工作" in replies["bottom-ranking"]
    assert "我不会签任何自愿离职" in replies["layoff"] and "法定程序" in replies["layoff"]


def test_the_disclaimer_says_what_it_is_and_where_to_ask(rights):
    heading = rights.find(id="help")
    text = " ".join(el.get_text() for el in heading.find_next_siblings())
    assert "不是针对你个人情况的法律意见" in text
    assert "12333" in text and "劳动人事争议仲裁委员会" in text
    assert rights.select_one('article a[href="#help"]') is not None


def test_the_basis_lists_link_the_compensation_section(rights):
    assert rights.find(id="compensation") is not None
    assert len(rights.select('.answer-part a[href="#compensation"]')) == 2


def test_a_lost_basis_fails_naming_only_that_answer(project):
    page = project / "docs" / "rights.md"
    block = answer_block(page.read_text(encoding="utf-8"), "layoff")
    basis = block[block.index("/// basis\n"): block.index("\n///\n", block.index("/// basis\n")) + 5]
    edit(page, basis, "")
    result = build(project)
    assert not result.ok
    assert "answer 'layoff' (被通知裁员时怎么说) on rights.md has no 依据 list: add a '/// basis' block" in result.log
    assert "'pressured-resign'" not in result.log and "'bottom-ranking'" not in result.log


def test_an_emptied_basis_list_fails_naming_the_answer(project):
    page = project / "docs" / "rights.md"
    block = answer_block(page.read_text(encoding="utf-8"), "bottom-ranking")
    start = block.index("/// basis\n") + len("/// basis\n")
    emptied = block[:start] + "依据见下文。\n" + block[block.index("\n///\n", start) + 1:]
    edit(page, block, emptied)
    result = build(project)
    assert not result.ok
    assert "answer 'bottom-ranking' (以末位淘汰为由辞退时怎么说) on rights.md has an empty 依据 list " \
           "(#bottom-ranking-basis)" in result.log


# -- the severance calculator as built (its rules: tests/unit/test_severance.py) --

def calculator_texts(soup: BeautifulSoup) -> dict[str, str]:
    box = soup.select_one("#comp-calc[data-calculator]")
    assert box is not None, "no calculator on the rights page"
    return {el["data-comp"]: el.get_text(strip=True) for el in box.select("[data-comp]")}


def test_the_public_calculator_shows_the_formula_with_placeholders(site):
    texts = calculator_texts(site.page("rights/"))
    assert texts["n"] == "〔N〕" and texts["n2"] == "〔2N〕"
    assert "〔在本单位工作整年数〕" in texts["input"]


def test_the_calculator_pays_the_owners_figures(project):
    (project / "profile.local.yml").write_text(
        "service_years: 3\nservice_months: 7\nmonthly_salary: 15\n", encoding="utf-8")
    result = build(project)
    assert result.ok, result.log
    texts = calculator_texts(result.page("rights/"))
    assert texts["n"] == "60,000 元"       # 3 years 7 months: 4 months of 15,000
    assert texts["n1"] == "75,000 元"
    assert texts["n2"] == "120,000 元"
    box = result.page("rights/").select_one("#comp-calc")
    assert box["data-monthly-salary"] == "15" and box["data-service-years"] == "3"


def test_a_bad_calculator_value_stops_the_build_naming_file_and_key(project):
    (project / "profile.local.yml").write_text("service_years: 2.5\n", encoding="utf-8")
    result = build(project)
    assert not result.ok
    assert f"{project / 'profile.local.yml'}: profile key 'service_years' (在本单位工作整年数)" in result.log
    assert "Traceback" not in result.log


def test_a_good_value_does_not_stop_the_build(project):
    (project / "profile.local.yml").write_text("service_years: 2\n", encoding="utf-8")
    assert build(project).ok


def test_the_build_runs_the_projects_own_rules(project):
    """The page is built with the severance.js the browser gets: the
    project's, not a copy elsewhere."""
    rules = project / "docs" / "assets" / "javascripts" / "severance.js"
    rules.write_text(rules.read_text(encoding="utf-8").replace(
        "out.n = yuan(r.n);", 'out.n = "本项目的规则 " + yuan(r.n);'), encoding="utf-8")
    (project / "profile.local.yml").write_text("service_years: 1\nmonthly_salary: 10\n", encoding="utf-8")
    result = build(project)
    assert result.ok, result.log
    assert calculator_texts(result.page("rights/"))["n"] == "本项目的规则 10,000 元"
