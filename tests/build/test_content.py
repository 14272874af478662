"""The answers' content as a reader gets it (issue 13): the new answers of
2026 interviews, each with its 思路, a reference answer with profile values
and the law's articles, reachable from every place an answer is listed; the
rewritten answers say one thing at a time; and a filled profile reads as
natural Chinese (no 行业行业 once a value is filled in)."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import build, copy_project, edit, url_of, write

# id → (page, articles its 依据 list must name, words its reply must hold)
NEW_ANSWERS = {
    "career-gap": ("opening.md", ("劳动合同法 第50条", "劳动合同法实施条例 第24条", "第26条（一）"),
                   ("业务调整", "这段时间")),
    "overtime": ("offer.md", ("劳动法 第41条", "劳动法 第44条", "劳动合同法 第31条", "典型案例"),
                 ("加班", "996", "调休")),
    "probation": ("offer.md", ("劳动合同法 第19条", "劳动合同法 第20条", "第39条（一）", "劳动合同法 第83条"),
                  ("试用期", "转正")),
    "non-compete": ("offer.md", ("劳动合同法 第23条", "劳动合同法 第24条", "劳动争议解释（二）第13条",
                                 "劳动争议解释（一）第36条"),
                    ("保密协议", "竞业限制", "归属", "行权")),
    "social-insurance": ("salary.md", ("社会保险法 第58条", "住房公积金管理条例 第16条",
                                       "劳动争议解释（二）第19条", "指导案例183号"),
                         ("缴费基数", "缴存比例", "年终奖")),
    "background-check": ("salary.md", ("劳动合同法 第8条", "第39条（五）", "个人信息保护法 第13条"),
                         ("背调", "流水", "个税")),
}
ARTICLE = re.compile(r"第\d+条|指导案例\d+号|典型案例")


def answer(soup: BeautifulSoup, answer_id: str):
    return soup.select_one(f'.answer[data-answer="{answer_id}"]')


def said(element) -> str:
    """An answer's body without its 思路 box and 依据 list."""
    body = BeautifulSoup(str(element.select_one(":scope > .answer-body")), "html.parser")
    for part in body.select(".answer-approach, .answer-part"):
        part.decompose()
    return body.get_text()


def problems_of(soup: BeautifulSoup, answer_id: str) -> list[str]:
    """What a new answer lacks on its built page."""
    _, articles, words = NEW_ANSWERS[answer_id]
    found = answer(soup, answer_id)
    if found is None:
        return ["missing"]
    out = []
    if found.select_one(".answer-approach") is None:
        out.append("no 思路")
    text = said(found)
    if len(re.findall(r"[\u4e00-\u9fff]", text)) < 80:
        out.append("no reference answer")
    out += [f"reply lacks {w}" for w in words if w not in text]
    basis = found.select(f'.answer-part[data-part="basis"] > ul > li')
    leads = " ".join(li.find("strong").get_text() for li in basis if li.find("strong"))
    out += [f"basis lacks {a}" for a in articles if a not in leads]
    out += [f"basis item without an article: {li.get_text()[:20]}" for li in basis
            if not li.find("strong") or not ARTICLE.search(li.find("strong").get_text())]
    return out


@pytest.mark.parametrize("answer_id", NEW_ANSWERS)
def test_each_new_answer_has_its_approach_reply_and_cited_basis(site, manifest, answer_id):
    page = NEW_ANSWERS[answer_id][0]
    assert manifest.answer(answer_id).page == page
    assert manifest.answer(answer_id).requires == ("basis",)
    assert problems_of(site.page(url_of(page)), answer_id) == []


def test_the_content_check_sees_a_missing_part(site):
    soup = BeautifulSoup(str(site.page("offer/")), "html.parser")
    found = answer(soup, "probation")
    found.select_one(".answer-approach").decompose()
    found.select_one('.answer-part[data-part="basis"] li').decompose()  # 第19条
    assert problems_of(soup, "probation") == ["no 思路", "basis lacks 劳动合同法 第19条"]
    answer(soup, "overtime").decompose()
    assert problems_of(soup, "overtime") == ["missing"]


def test_the_new_answers_take_the_profile_values_as_macros(site):
    background = answer(site.page("salary/"), "background-check")
    assert {s["data-profile"] for s in background.select("[data-profile]")} >= {"monthly_salary", "salary_months"}
    gap = answer(site.page("opening/"), "career-gap")
    assert {s["data-profile"] for s in gap.select("[data-profile]")} >= {"company", "role", "domain"}


def test_the_new_answers_join_every_list_of_answers(site, manifest):
    home = site.page("")
    index = json.loads(site.text("search/search_index.json"))
    locations = {d["location"]: d["title"].replace("\u200b", "") for d in index["docs"]}
    sheet = site.page("all/")
    nav = [a.get_text(strip=True) for a in home.select("nav.md-nav--primary a")]
    for answer_id, (page, _, _) in NEW_ANSWERS.items():
        entry = manifest.answer(answer_id)
        url = f"{url_of(page)}#{answer_id}"
        assert home.select_one(f'article a[href="{url}"]').get_text() == entry.title, answer_id
        assert locations.get(url) == entry.title, answer_id  # search
        assert answer(sheet, answer_id) is not None, answer_id  # 全部答案
        assert entry.keywords, answer_id
        page_title = next(p.title for p in manifest.pages if p.file == page)
        assert page_title in nav, answer_id
        # the page's own 本页问题 list and the speaking time
        own = site.page(url_of(page))
        assert own.select_one(f'.answer-jump a[href="#{answer_id}"]') is not None, answer_id
        assert answer(own, answer_id).select_one(".speaking-time") is not None, answer_id


def test_salary_answers_give_one_number(site):
    salary = site.page("salary/")
    for answer_id in ("expected-salary", "salary-quote", "salary-counter"):
        spoken = said(answer(salary, answer_id))
        asked = [s["data-profile"] for s in answer(salary, answer_id).select(".answer-body [data-profile]")
                 if not s.find_parent(class_="answer-approach")]
        assert "expected_raise" not in asked and asked.count("expected_package") == 1, answer_id
        assert "或者年薪总包" not in spoken


def test_the_career_plan_is_about_a_minute_and_stays_with_the_company(site):
    plan = answer(site.page("planning/"), "career-plan")
    text = said(plan)
    for flight in ("CTO", "创始人", "总监", "首席"):
        assert flight not in text, flight
    assert "贵司" in text
    assert 45 <= int(plan.select_one(".speaking-time")["data-seconds"]) <= 80


def test_the_weakness_is_real_with_concrete_steps(site):
    text = said(answer(site.page("planning/"), "strengths-weaknesses"))
    assert "完美" not in text
    assert "一是" in text and "二是" in text


def test_the_home_page_says_where_to_fill_in_and_the_sheet_tells_the_truth_about_print(site):
    how = site.page("").find(id="how-to-use").find_next("ul").get_text()
    assert "〔姓名〕" in how and "填写我的信息" in how
    intro = site.page("all/").select_one(".all-answers-intro").get_text()
    assert "思路" in intro and "只印回答" not in intro


# -- a filled profile reads naturally ---------------------------------------------------

FILLED = {
    "name": "王芳", "school": "浙江大学", "company": "网易", "role": "算法工程师", "domain": "推荐系统",
    "years": 6, "past_roles": "腾讯 高级工程师、字节跳动 技术专家",
    "projects": ["游戏内推荐系统：负责召回和排序模型的设计与上线，点击率提升 12%",
                 "智能客服：负责意图识别与多轮对话，人工转接率下降 30%",
                 "广告投放平台：负责出价模型，投放成本下降 15%"],
    "achievement": "把推荐模型的推理成本降低了 40%", "specialty": "推荐算法和大模型应用",
    "monthly_salary": 35, "salary_months": 16, "service_years": 3, "annual_package": 60,
    "bonus": "3 个月", "stock": "公司期权", "benefits": "餐补、交通补贴", "social_insurance": "按实际工资全额缴纳",
    "expected_raise": "20%", "expected_package": 72, "offer_count": 2,
    "target_company": "米哈游", "target_industry": "游戏", "target_business": "游戏研发与发行",
    "target_feature": "画面精美、全球同步发行", "target_market": "北美市场", "target_team": "支付团队",
}
# What a filled-in value must never run into.
BROKEN = ("行业行业", "领域领域", "市场的市场", "团队业务团队", "团队团队", "成果等成果", "技术专家工作")


def broken_phrases(pages: dict[str, BeautifulSoup]) -> list[tuple[str, str]]:
    return [(name, phrase) for name, soup in pages.items() for phrase in BROKEN
            if soup.select_one("article") is not None and phrase in soup.select_one("article").get_text()]


@pytest.fixture(scope="module")
def filled(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("filled") / "project")
    write(project / "profile.local.yml", yaml.safe_dump(FILLED, allow_unicode=True))
    result = build(project)
    assert result.ok, result.log
    return result


def test_a_filled_profile_renders_no_broken_phrase(filled):
    pages = filled.pages()
    assert broken_phrases(pages) == []
    text = pages["opening/index.html"].select_one("article").get_text()
    assert "在游戏这个领域处于头部地位" in text and "产品在北美市场表现很好" in text
    assert "先后担任过腾讯 高级工程师、字节跳动 技术专家" in text
    assert "公司支付团队和研发团队的规模" in pages["ask/index.html"].select_one("article").get_text()
    assert "最有代表性的成果是把推荐模型的推理成本降低了 40%" in pages["salary/index.html"].get_text()


def test_a_value_written_with_its_own_suffix_reads_naturally_too(project):
    write(project / "profile.local.yml", yaml.safe_dump(
        {**FILLED, "target_industry": "游戏行业", "target_market": "Steam 平台", "target_team": "支付业务团队"},
        allow_unicode=True))
    result = build(project)
    assert result.ok, result.log
    assert broken_phrases(result.pages()) == []
    assert "在游戏行业这个领域处于头部地位" in result.page("opening/").get_text()


def test_the_phrase_check_finds_the_old_wording(project):
    """Negative: the wording before issue 13, with the same values, breaks."""
    docs = project / "docs"
    edit(docs / "opening.md", "在{{ me.target_industry }}这个领域处于头部地位，产品在{{ me.target_market }}表现很好",
         "在{{ me.target_industry }}行业中处于头部地位，在{{ me.target_market }}的市场表现很好")
    edit(docs / "opening.md", "先后担任过{{ me.past_roles }}，现在是{{ me.company }}的{{ me.role }}",
         "先后在{{ me.past_roles }}工作，目前任职于{{ me.company }}，担任{{ me.role }}")
    edit(docs / "ask.md", "公司{{ me.target_team }}和研发团队", "公司{{ me.target_team }}业务团队和研发团队")
    edit(docs / "salary.md", "最有代表性的成果是{{ me.achievement }}，个人也擅长",
         "取得了{{ me.achievement }}等成果，个人也擅长")
    write(project / "profile.local.yml", yaml.safe_dump(
        {**FILLED, "target_industry": "游戏行业", "achievement": "多项核心成果"}, allow_unicode=True))
    result = build(project)
    assert result.ok, result.log
    assert {phrase for _, phrase in broken_phrases(result.pages())} == {
        "行业行业", "市场的市场", "团队业务团队", "成果等成果", "技术专家工作"}
