"""The manifest (hooks/handbook/data/answers.yml): the share-link contract
and the parser's refusals, each naming the entry."""

import pytest

from conftest import write
from handbook.model import ManifestError, load_manifest, parse_manifest

CONTRACT_IDS = [
    "motivation", "self-intro", "why-leave", "know-company", "career-gap", "career-plan",
    "strengths-weaknesses", "start-date", "other-offers", "overtime", "probation", "non-compete",
    "expected-salary", "salary-quote", "salary-counter", "social-insurance", "background-check",
    "questions-to-ask", "pressured-resign", "bottom-ranking", "layoff",
]


def test_manifest_holds_exactly_the_published_ids_in_order(manifest):
    # The share-link contract: these ids never change once published.
    assert [a.id for a in manifest.answers] == CONTRACT_IDS


def test_every_answer_has_a_chinese_title_and_a_page(manifest):
    for answer in manifest.answers:
        assert answer.page.endswith(".md")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in answer.title), answer


def test_answers_on_a_page_keep_the_manifest_order(manifest):
    assert [a.id for a in manifest.answers_on("salary.md")] == [
        "expected-salary", "salary-quote", "salary-counter", "social-insurance", "background-check"]
    assert manifest.answers_on("index.md") == ()


def test_the_sheet_page_is_last_and_lists_no_answers(manifest):
    assert manifest.sheet is manifest.pages[-1]
    assert manifest.sheet.file == "all.md" and manifest.sheet.title == "全部答案"
    assert manifest.sheet.answers == ()


def test_answer_lookup_names_an_unknown_id(manifest):
    assert manifest.answer("layoff").page == "rights.md"
    assert manifest.find("no-such-answer") is None
    with pytest.raises(KeyError, match="no-such-answer.*known ids: motivation, self-intro"):
        manifest.answer("no-such-answer")


def test_the_answers_where_the_law_speaks_must_carry_their_legal_basis(manifest):
    assert {a.id for a in manifest.answers if "basis" in a.requires} == {
        "pressured-resign", "bottom-ranking", "layoff",
        "career-gap", "overtime", "probation", "non-compete", "social-insurance", "background-check"}
    assert manifest.answer("layoff").part_id("basis") == "layoff-basis"


def good() -> dict:
    return {"pages": [{"file": "a.md", "title": "甲", "answers": [{"id": "one", "title": "一"}]}]}


def test_a_wellformed_manifest_parses():
    parsed = parse_manifest(good())
    answer = parsed.answers[0]
    assert answer.url == "a.md#one" and answer.requires == () and answer.keywords == ()


def test_keywords_are_kept_trimmed():
    data = good()
    data["pages"][0]["answers"][0]["keywords"] = [" 薪资 ", "涨薪"]
    assert parse_manifest(data).answers[0].keywords == ("薪资", "涨薪")


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["pages"][0]["answers"].append({"id": "one", "title": "again"}),
         r"pages\[0\]\.answers\[1\] \(one\): id 'one' is listed twice"),
        (lambda d: d["pages"][0]["answers"][0].update(id="One_1"),
         r"\(One_1\): id 'One_1' must be lowercase ASCII words joined by '-'"),
        (lambda d: d["pages"][0]["answers"][0].update(id="期望"), "must be lowercase ASCII"),
        (lambda d: d["pages"][0]["answers"][0].pop("title"), r"pages\[0\]\.answers\[0\] needs 'id' and 'title'"),
        (lambda d: d["pages"][0].pop("title"), r"pages\[0\] needs 'file' and 'title'"),
        (lambda d: d.pop("pages"), "expected a mapping with a 'pages' list"),
        (lambda d: d["pages"][0]["answers"][0].update(requires=["sources"]), "requires"),
        (lambda d: d["pages"][0]["answers"][0].update(requires="basis"), "requires"),
        (lambda d: d["pages"][0]["answers"][0].update(keywords="薪资"),
         r"\(one\): keywords must be a list of text items"),
        (lambda d: d["pages"][0]["answers"][0].update(keywords=["薪资", 3]), "keywords must be a list of text"),
        (lambda d: d["pages"][0]["answers"][0].update(keywords=["薪资", "  "]),
         r"keywords has an empty item \(position 2\)"),
        (lambda d: d["pages"][0].update(sheet=True), "a sheet page lists no answers"),
        (lambda d: d["pages"][0].update(sheet="yes"), "sheet must be true or false"),
        (lambda d: d["pages"].extend([{"file": "b.md", "title": "乙", "sheet": True},
                                      {"file": "c.md", "title": "丙", "sheet": True}]),
         r"only one page may be the sheet"),
    ],
)
def test_a_malformed_manifest_is_refused_naming_the_entry(mutate, message):
    data = good()
    mutate(data)
    with pytest.raises(ManifestError, match=message):
        parse_manifest(data, source="answers.yml")


def test_every_problem_is_named_at_once():
    data = good()
    data["pages"][0]["answers"] += [{"id": "one", "title": "again"}, {"id": "Bad", "title": "x"}]
    with pytest.raises(ManifestError) as info:
        parse_manifest(data)
    assert "listed twice" in str(info.value) and "'Bad' must be lowercase" in str(info.value)


def test_load_manifest_names_the_file_when_it_is_missing_or_not_yaml(tmp_path):
    with pytest.raises(ManifestError, match=r"answers\.yml: file not found"):
        load_manifest(tmp_path / "answers.yml")
    write(tmp_path / "answers.yml", "pages:\n  - file: a.md\n   title: [unclosed\n")
    with pytest.raises(ManifestError, match=r"answers\.yml: not valid YAML"):
        load_manifest(tmp_path / "answers.yml")
