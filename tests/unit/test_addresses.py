"""An address per answer (hooks/handbook/addresses.py): the published ids
against the manifest, the gist a preview shows, where each stub leads."""

import pytest

from handbook.addresses import (AddressError, Published, answer_address, gist, parse_published, problems,
                                stub_url, stubs)
from handbook.model import Record, parse_manifest

MANIFEST = parse_manifest({"pages": [
    {"file": "a.md", "title": "页一", "answers": [{"id": "one", "title": "问一"}, {"id": "two", "title": "问二"}]},
]})


def record(answer_id: str, spoken: str = "答。", approach: tuple[str, ...] = ()) -> Record:
    return Record(answer=MANIFEST.answer(answer_id), page="a.md", url="a/", spoken=spoken, approach=approach)


def test_the_address_of_an_answer_is_its_stub_under_the_site():
    assert stub_url("one") == "a/one/"
    assert answer_address("https://me.example/hb/", "one") == "https://me.example/hb/a/one/"
    assert answer_address("https://me.example/hb", "one") == "https://me.example/hb/a/one/"
    assert answer_address(None, "one") is None and answer_address("", "one") is None


def test_published_and_manifest_agree():
    assert problems(Published(("one", "two"), {}), MANIFEST, "p.yml") == []
    assert problems(Published(("one", "two", "old"), {"old": "a.md"}), MANIFEST, "p.yml") == []
    assert problems(Published(("one", "two", "old"), {"old": "two"}), MANIFEST, "p.yml") == []


@pytest.mark.parametrize("published, expected", [
    (Published(("one",), {}), "answer 'two' is not published yet"),
    (Published(("one", "two", "old"), {}), "answer 'old' was published but is no longer in answers.yml"),
    (Published(("one", "two"), {"two": "a.md"}), "'two' is retired but still an answer"),
    (Published(("one", "two", "old"), {"old": "b.md"}), "retired 'old' opens 'b.md', which is neither"),
])
def test_each_disagreement_is_named(published, expected):
    found = problems(published, MANIFEST, "p.yml")
    assert any(p.startswith("p.yml: ") and expected in p for p in found), found


@pytest.mark.parametrize("data, expected", [
    ([], "expected a mapping with an 'ids' list"),
    ({"ids": ["one", 2]}, "'ids' must be a list of answer ids"),
    ({"ids": ["one", "one"]}, "id(s) listed twice: one"),
    ({"ids": ["one"], "retired": ["x"]}, "'retired' must map an old id"),
])
def test_a_malformed_file_is_named(data, expected):
    with pytest.raises(AddressError, match="^p.yml: " + expected.replace("(", r"\(").replace(")", r"\)")):
        parse_published(data, "p.yml")


def test_the_gist_is_the_approach_or_the_first_sentences_that_fit():
    assert gist(record("one", "说的话。", ("思路  一\n二",))) == "思路 一 二"
    assert gist(record("one", "说的话。")) == "说的话。"
    long = "第一句话说得比较长一些。" * 5 + "第六句。" + "尾" * 60
    assert gist(record("one", long)) == "第一句话说得比较长一些。" * 5 + "第六句。"
    assert gist(record("one", "无标点" * 50)) == ("无标点" * 50)[:89] + "…"


def test_every_published_id_gets_a_stub_leading_to_its_answer_or_replacement():
    records = {"one": record("one", approach=("思路一",)), "two": record("two")}
    found = {s.id: s for s in stubs(Published(("one", "two", "x", "y"), {"x": "two", "y": "a.md"}),
                                    MANIFEST, records, {"a.md": "a/"}, "站的描述")}
    assert (found["one"].title, found["one"].description, found["one"].redirect) == ("问一", "思路一", "../../a/#one")
    assert found["one"].file == "a/one/index.html"
    assert (found["x"].title, found["x"].redirect) == ("问二", "../../a/#two")
    assert (found["y"].title, found["y"].description, found["y"].redirect) == ("页一", "站的描述", "../../a/")
