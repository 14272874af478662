"""Injection tests: hostile profile values in every field render as inert text,
in the built HTML and in Chromium (no dialog, no CSP violation, also through
search); a page can still show literal {{ }}."""

from __future__ import annotations


import pytest
import yaml

from conftest import build, copy_project, serve_build
from personal import load_fields

FIELDS = load_fields()
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


REALISTIC_TAIL = "：负责整体方案设计与工程落地，带来了可量化的业务提升"


def hostile_profile() -> dict[str, object]:
    """A payload in every text field and every list item (number fields only
    take numbers: the profile check refuses anything else)."""
    values: dict[str, object] = {}
    for i, (key, spec) in enumerate(FIELDS.items()):
        if spec.type == "text":
            values[key] = PAYLOADS[i % len(PAYLOADS)]
        elif spec.type == "list":
            # items as long as real ones: the self-introduction lists them and
            # a strict build refuses one shorter than 60 s (hooks/speaking.py)
            values[key] = [PAYLOADS[(i + n) % len(PAYLOADS)] + REALISTIC_TAIL for n in range(3)]
    return values


def expected_texts(key: str) -> list[str]:
    value = hostile_profile()[key]
    return value if isinstance(value, list) else [value]


def write_hostile(project):
    (project / "profile.local.yml").write_text(
        yaml.safe_dump(hostile_profile(), allow_unicode=True), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    project = write_hostile(copy_project(tmp_path_factory.mktemp("hostile") / "project"))
    result = build(project)
    assert result.ok, result.log
    return result


def test_every_text_and_list_field_holds_a_payload():
    keys = {k for k, s in FIELDS.items() if s.type != "number"}
    assert set(hostile_profile()) == keys
    used = {p.removesuffix(REALISTIC_TAIL)
            for v in hostile_profile().values() for p in (v if isinstance(v, list) else [v])}
    assert used == set(PAYLOADS)


def test_every_value_shows_exactly_as_typed(hostile):
    seen = set()
    for name, soup in hostile.pages().items():
        for span in soup.select("span.pf[data-profile]"):
            key = span["data-profile"].split(".")[0]
            if FIELDS[key].type == "number":
                continue
            assert not span.find_all(True), (name, key)  # no element made from the value
            assert span.get_text() in expected_texts(key), (name, key, span.get_text())
            seen.add(key)
    assert seen == set(hostile_profile())


def test_no_markup_comes_alive(hostile):
    for name, soup in hostile.pages().items():
        article = soup.select_one("article") or soup
        assert not article.find_all("script"), name
        assert not article.select("span.pf *"), name  # nothing inside a value is an element
        assert not article.select('a[href^="javascript:"]'), name
        handlers = [el.name for el in soup.find_all(True) if any(a.startswith("on") for a in el.attrs)]
        assert handlers == [], name
        text = article.get_text()
        assert "jinja-if" not in text.replace("{% if true %}jinja-if{% endif %}", ""), name


def test_jinja_in_a_value_is_not_evaluated(hostile):
    texts = [s.get_text() for soup in hostile.pages().values() for s in soup.select("span.pf")]
    assert "{{ 7*7 }}" in texts and "49" not in texts


def test_control_unescaped_markup_would_be_caught(project):
    """Control: the same checks fail on markup written into a page itself."""
    page = project / "docs" / "ask.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<b class="probe">b</b>\n', encoding="utf-8")
    result = build(project)
    assert result.ok, result.log
    assert result.page("ask/").select("article b.probe")


# -- literal {{ }} on a page -----------------------------------------------------

def test_a_page_can_show_literal_template_syntax(project):
    page = project / "docs" / "ask.md"
    page.write_text(page.read_text(encoding="utf-8")
                    + "\n写法：`{% raw %}{{ me.name }}{% endraw %}` 和 `{% raw %}{% if %}{% endraw %}`\n",
                    encoding="utf-8")
    result = build(project)
    assert result.ok, result.log
    codes = [c.get_text() for c in result.page("ask/").select("article code")]
    assert "{{ me.name }}" in codes and "{% if %}" in codes


def test_without_raw_the_code_span_is_rendered_not_shown(project):
    page = project / "docs" / "ask.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n写法：`{{ me.name }}`\n", encoding="utf-8")
    result = build(project)
    assert result.ok, result.log
    codes = [c.get_text() for c in result.page("ask/").select("article code")]
    assert "{{ me.name }}" not in codes


# -- in the browser ----------------------------------------------------------------

WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
  e => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
"""


@pytest.fixture(scope="module")
def hostile_served(tmp_path_factory):
    project = write_hostile(copy_project(tmp_path_factory.mktemp("hostile-served") / "project"))
    site, server = serve_build(project)
    yield site
    server.stop()


def test_no_payload_runs_in_chromium(hostile_served, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    context.add_init_script(WATCH)
    page = context.new_page()
    dialogs, errors = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        site_dir = hostile_served.build.site
        urls = sorted({"" if p.parent == site_dir else p.parent.relative_to(site_dir).as_posix() + "/"
                       for p in site_dir.rglob("index.html")} - {"search/"})
        for url in urls:
            page.goto(hostile_served.url + url)
            page.wait_for_load_state("networkidle")
            for span in page.locator("span.pf:not(.pf-unset)").all():
                span.click(force=True, timeout=2000) if span.is_visible() else None
            assert page.evaluate("window.__violations") == [], url
        # search renders snippets of the index, where the payloads are too
        page.goto(hostile_served.url)
        page.locator("label[for=__search]").first.click()
        box = page.locator("input.md-search__input")
        found = {}
        for word in ("onerror", "链接", "点我", "粗体"):
            box.fill(word)
            box.press("End")
            page.wait_for_timeout(800)
            found[word] = page.locator(".md-search-result__item").count()
            assert page.evaluate("window.__violations") == [], word
        assert all(found.values()), found
        assert page.locator(".md-search-result script, .md-search-result img").count() == 0
    finally:
        context.close()
    assert dialogs == [] and errors == []


def test_control_an_inline_script_would_be_seen(hostile_served, browser):
    """Control: a script that does run is reported by the same listeners."""
    context = browser.new_context()
    context.add_init_script(WATCH)
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(hostile_served.url)
        page.evaluate("setTimeout(() => alert('probe'), 0)")
        page.wait_for_timeout(200)
        page.evaluate("""() => { const s = document.createElement('script');
                         s.textContent = 'window.__ran = 1'; document.body.append(s); }""")
        page.wait_for_timeout(200)
        assert dialogs == ["probe"]
        assert page.evaluate("window.__ran") is None  # blocked by the page's CSP …
        assert any(v.startswith("script-src") for v in page.evaluate("window.__violations"))  # … and seen
    finally:
        context.close()
