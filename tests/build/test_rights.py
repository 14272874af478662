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
    *(("劳动合同法", n) for n in ("4", "36", "37", "38", "39", "40", "41", "42", "43", "46", "47", "48", "87")),
    ("劳动合同法实施条例", "20"), ("劳动合同法实施条例", "25"),
    ("最高人民法院 指导案例", "18"), ("劳动争议调解仲裁法", "27"),
    *(("最高人民法院 劳动争议解释（一）", n) for n in ("44", "47", "50")),
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


def reply(soup: BeautifulSoup, answer_id: str) -> str:
    """The answer's body without its 思路 box and 依据 list: what is said."""
    body = BeautifulSoup(str(soup.select_one(f'.answer[data-answer="{answer_id}"] > .answer-body')), "html.parser")
    for part in body.select(".answer-approach, .answer-part"):
        part.decompose()
    return body.get_text()


def layoff_routes(soup: BeautifulSoup) -> set[str]:
    """The routes out of a job the layoff answer's 依据 list names in its leads."""
    leads = " ".join(li.find("strong").get_text() for li in basis_items(soup, "layoff"))
    routes = {"第40条（三）": "40(3)", "第41条": "41", "第42条": "42", "第43条": "43", "第38条": "38",
              "第36条": "36", "劳动争议解释（一）第47条": "union-47"}
    return {name for text, name in routes.items() if text in leads}


def test_the_layoff_reply_holds_for_every_route(rights):
    assert layoff_routes(rights) == {"40(3)", "41", "42", "43", "38", "36", "union-47"}
    said = reply(rights, "layoff")
    # the reply asks about each route, the union and the floor of a negotiation
    for words in ("协商调岗或者变更合同", "向工会或者全体职工说明", "通知工会", "法定的经济补偿是底线",
                  "这不是裁员，是岗位优化", "照常上班"):
        assert words in said, words
    basis = " ".join(li.get_text() for li in basis_items(rights, "layoff"))
    assert "6 个月内重新招人" in basis and "优先招用" in basis  # 第41条: rehire priority
    assert "起诉前补正" in basis  # 劳动争议解释（一）第47条
    # negative: the old reply, which only held for a mass layoff, misses the routes
    old = BeautifulSoup(str(rights), "html.parser")
    for li in basis_items(old, "layoff"):
        if any(t in li.find("strong").get_text() for t in ("第40条", "第43条", "第38条")):
            li.decompose()
    assert layoff_routes(old) == {"41", "42", "36"}


def test_the_bottom_ranking_reply_leads_with_its_strongest_points(rights):
    points = [li.get_text() for li in
              rights.select('.answer[data-answer="bottom-ranking"] > .answer-body > ol > li')]
    assert len(points) == 3
    assert "指导案例18号" in points[0] and "培训或者调整岗位" in points[1]
    assert "公示或者告知" in points[2]  # the procedural question comes last
    items = [li.get_text() for li in basis_items(rights, "bottom-ranking")]
    assert items[0].startswith("最高人民法院 指导案例18号") and items[1].startswith("劳动合同法 第40条（二）")
    assert any("实施条例 第25条" in i and "主流理解" in i for i in items)  # a reading, not the text
    assert any("劳动争议解释（一）第50条" in i for i in items)


def test_the_page_says_what_to_do_meanwhile(rights):
    tip = next(box for box in rights.select("article .admonition.tip")
               if "做好这几件事" in box.select_one(".admonition-title").get_text())
    text = tip.get_text()
    for words in ("照常上班", "录音", "工资条", "绩效考核结果", "离职证明"):
        assert words in text, words
    # every claim of the tip names its article
    assert re.findall(r"第\d+条", text) == ["第39条", "第106条", "第50条", "第24条"]


def test_the_replies_speak_to_the_other_side_as_nin(rights):
    for answer_id in LABOUR:
        said = reply(rights, answer_id)
        answer = said.split("可以这样回答", 1)[1]  # what the worker says, not the HR line before it
        assert "你" not in answer, answer_id
    assert "谢谢您直接告诉我" in reply(rights, "pressured-resign")


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


# The calculator's cases as built (their rules in detail: tests/unit/test_severance.py).
BUILT_CASES = {
    # the figures: 15K × 16 薪, 3 full years
    "16 薪": ("service_years: 3\nmonthly_salary: 15\nsalary_months: 16\n",
             "60,000 元", "120,000 元", "月工资 = 月薪 15,000 元 × 16 薪 ÷ 12 = 20,000 元。"),
    "bonus": ("service_years: 2\nmonthly_salary: 15\nsalary_months: 16\nannual_bonus: 30\nmonthly_allowance: 1\n",
              "47,000 元", "94,000 元", "月工资 =（月薪 15,000 元 × 16 薪 + 薪数之外的年奖金 30,000 元）÷ 12"
              " + 每月津贴补贴 1,000 元 = 23,500 元。"),
    "under 12 months": ("service_months: 8\nannual_package: 24\n",
                        "20,000 元", "40,000 元", "月工资 = 年薪总包 24 万元 ÷ 12 = 20,000 元（没填月薪，用年薪总包；"
                        "总包里的股票、期权一般不算工资，有的话请改填月薪和薪数）。"),
    "caps": ("service_years: 15\nmonthly_salary: 30\nsalary_months: 14\nlocal_avg_wage: 10\n",
             "360,000 元", "720,000 元", "月工资 = 月薪 30,000 元 × 14 薪 ÷ 12 = 35,000 元。"),
    "minimum wage": ("service_years: 2\nmonthly_salary: 1.8\nsalary_months: 12\nlocal_min_wage: 2.42\n",
                     "4,840 元", "9,680 元", "月工资 = 月薪 1,800 元 × 12 薪 ÷ 12 = 1,800 元，"
                     "低于当地月最低工资标准，按最低工资 2,420 元算。"),
}


@pytest.mark.parametrize("case", BUILT_CASES)
def test_the_built_calculator_counts_the_wage_as_the_law_does(project, case):
    profile, n, two_n, base = BUILT_CASES[case]
    (project / "profile.local.yml").write_text(profile, encoding="utf-8")
    result = build(project)
    assert result.ok, result.log
    texts = calculator_texts(result.page("rights/"))
    assert (texts["n"], texts["n2"], texts["base"]) == (n, two_n, base)
    if case == "under 12 months":
        assert texts["note"].startswith("在本单位不满 12 个月：法律按实际工作月数的平均工资算")
    if case == "caps":
        assert texts["n-formula"] == "12 个月 × 30,000 元"
        assert texts["cap"].startswith("月工资高于当地月平均工资的 3 倍")
    # the page states the rule beside the numbers
    rule = result.page("rights/").find(id="compensation").find_next("ul").get_text()
    assert "实施条例第27条" in rule and "奖金、津贴和补贴" in rule and "最低工资标准" in rule


def test_the_built_calculator_asks_for_the_local_average_when_the_cap_may_bind(project):
    local = project / "profile.local.yml"
    local.write_text("service_years: 3\nmonthly_salary: 15\nsalary_months: 16\n", encoding="utf-8")
    result = build(project)
    assert result.ok, result.log
    assert calculator_texts(result.page("rights/"))["cap"].startswith("请填上“当地上年度职工月平均工资”")
    # negative: 12K × 12 薪 gets the quiet note instead
    local.write_text("service_years: 3\nmonthly_salary: 12\nsalary_months: 12\n", encoding="utf-8")
    result = build(project)
    assert result.ok, result.log
    assert calculator_texts(result.page("rights/"))["cap"].startswith("未填当地月平均工资")
