"""The README's promises that can drift from the code."""

import re

from conftest import ROOT


def readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_answer_table_equals_the_manifest(manifest):
    rows = re.findall(r"^\| `([a-z-]+)` \| (.+?) \| (.+?) \|$", readme(), re.M)
    titles = {p.file: p.title for p in manifest.pages}
    assert rows == [(a.id, titles[a.page], a.title) for a in manifest.answers]


def test_ci_runs_the_readme_test_command():
    command = re.search(r"# 2\. Run the whole test suite\n(.+)\n", readme()).group(1)
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
