"""The README's table of answers equals the manifest (the one list of answers)."""

import re

from conftest import ROOT

ROW = re.compile(r"^\| `([a-z0-9-]+)` \| (.+?) \| (.+?) \|$", re.M)


def table(readme: str) -> list[tuple[str, str, str]]:
    return ROW.findall(readme)


def expected(manifest) -> list[tuple[str, str, str]]:
    titles = {p.file: p.title for p in manifest.pages}
    return [(a.id, titles[a.page], a.title) for a in manifest.answers]


def test_the_readme_answer_table_equals_the_manifest(manifest):
    assert table((ROOT / "README.md").read_text(encoding="utf-8")) == expected(manifest)


def test_a_row_missing_or_out_of_order_is_seen(manifest):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if ROW.match(line)]
    assert table(readme.replace(rows[3] + "\n", "")) != expected(manifest)
    assert table(readme.replace(rows[0], "@@").replace(rows[1], rows[0]).replace("@@", rows[1])) != expected(manifest)
