"""The manifest parser: the contract ids and its own validation."""

import pytest

from manifest import ManifestError, parse_manifest

CONTRACT_IDS = [
    "motivation", "self-intro", "why-leave", "know-company", "career-plan",
    "strengths-weaknesses", "start-date", "other-offers", "expected-salary",
    "questions-to-ask", "salary-quote", "salary-counter", "pressured-resign",
    "bottom-ranking", "layoff",
]


def test_manifest_holds_exactly_the_published_ids(manifest):
    # The share-link contract: these ids never change once published.
    assert sorted(a.id for a in manifest.answers) == sorted(CONTRACT_IDS)


def test_every_answer_has_a_chinese_title_and_a_page(manifest):
    for answer in manifest.answers:
        assert answer.page.endswith(".md")
        assert any("\u4e00" <= ch <= "\u9fff" for ch in answer.title), answer


def test_answers_on_a_page_keep_the_manifest_order(manifest):
    assert [a.id for a in manifest.answers_on("salary.md")] == [
        "expected-salary", "salary-quote", "salary-counter"]
    assert manifest.answers_on("index.md") == ()


def test_answer_lookup_names_unknown_id(manifest):
    assert manifest.answer("layoff").page == "rights.md"
    with pytest.raises(KeyError, match="no-such-answer"):
        manifest.answer("no-such-answer")


def good() -> dict:
    return {"pages": [{"file": "a.md", "title": "甲", "answers": [{"id": "one", "title": "一"}]}]}


def test_parse_accepts_a_wellformed_manifest():
    parsed = parse_manifest(good())
    assert parsed.answers[0].url == "a.md#one"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d["pages"][0]["answers"].append({"id": "one", "title": "again"}), "listed twice"),
        (lambda d: d["pages"][0]["answers"][0].update(id="One_1"), "lowercase ASCII"),
        (lambda d: d["pages"][0].pop("title"), "needs 'file' and 'title'"),
        (lambda d: d.pop("pages"), "'pages' list"),
        (lambda d: d["pages"][0]["answers"][0].update(requires=["sources"]), "requires"),
        (lambda d: d["pages"][0]["answers"][0].update(requires="basis"), "requires"),
    ],
)
def test_parse_rejects_malformed_manifest(mutate, message):
    data = good()
    mutate(data)
    with pytest.raises(ManifestError, match=message):
        parse_manifest(data)


def test_requires_names_the_parts_an_answer_must_hold(manifest):
    data = good()
    data["pages"][0]["answers"][0]["requires"] = ["basis"]
    answer = parse_manifest(data).answers[0]
    assert answer.requires == ("basis",) and answer.part_id("basis") == "one-basis"
    assert parse_manifest(good()).answers[0].requires == ()
    # the labour-rights answers must each carry their legal basis
    assert {a.id for a in manifest.answers if "basis" in a.requires} == {
        "pressured-resign", "bottom-ranking", "layoff"}
