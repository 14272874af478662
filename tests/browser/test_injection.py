"""Hostile profile values in every text and list field (profile.local.yml)
render as inert text in Chromium: no dialog, no script error, no CSP
violation on any page, also through search, whose snippets hold them too."""

from __future__ import annotations

import pytest
import yaml

from .checks import Watch, open_search, type_query
from .pages import FIELDS, page_urls

pytestmark = pytest.mark.browser

PAYLOADS = [
    '<script>alert("script")</script>',
    '<img src=x onerror=alert("onerror")>',
    '[点我](javascript:alert("mdlink"))',
    '<a href="javascript:alert(\'href\')">链接</a>',
    "{{ 7*7 }}",
    "{% if true %}jinja-if{% endif %}",
    '<svg onload=alert("svg")></svg>',
    '**粗体** _斜体_ `代码` <b>b</b>',
    '{: onclick="alert(\'attr\')" } "引号" \'单引号\' &amp; &lt;',
    "<!-- comment --> ]]> </span></div><p>",
]
# list items as long as real ones: the self-introduction lists them and a
# strict build refuses an answer too short to say
REALISTIC_TAIL = "：负责整体方案设计与工程落地，带来了可量化的业务提升"


def hostile_profile() -> dict[str, object]:
    """A payload in every text field and every list item (number fields only
    take numbers: the profile check refuses anything else)."""
    values: dict[str, object] = {}
    for i, (key, spec) in enumerate(FIELDS.items()):
        if spec.type == "text":
            values[key] = PAYLOADS[i % len(PAYLOADS)]
        elif spec.type == "list":
            values[key] = [PAYLOADS[(i + n) % len(PAYLOADS)] + REALISTIC_TAIL for n in range(3)]
    return values


@pytest.fixture(scope="module")
def hostile_served(new_project, serve_project):
    project = new_project("hostile")
    (project / "profile.local.yml").write_text(yaml.safe_dump(hostile_profile(), allow_unicode=True),
                                                encoding="utf-8")
    return serve_project(project)


def test_no_payload_runs_in_chromium(hostile_served, new_context):
    site = hostile_served
    page = new_context().new_page()
    watch = Watch(page, site.url)
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for url in page_urls(site.site):
        page.goto(site.url + url)
        page.wait_for_load_state("networkidle")
        for span in page.locator("span.pf:not(.pf-unset)").all():
            if span.is_visible():
                span.tap(force=True, timeout=2000)
        assert page.locator("article span.pf *").count() == 0, url  # nothing inside a value is an element
        assert watch.problems() == [], url
    # search renders snippets of the index, where the payloads are too
    page.goto(site.url)
    open_search(page)
    found = {word: type_query(page, word)["sections"] for word in ("onerror", "链接", "点我", "粗体")}
    assert all(found.values()), found
    assert page.locator(".md-search-result script, .md-search-result img").count() == 0
    assert watch.problems() == [] and dialogs == []

