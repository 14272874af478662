"""Shared fixtures and helpers of the test suite.

    tests/unit/    pure helpers of hooks/handbook/, no build
    tests/build/   real builds of a copy of the project into tmp_path, read
                   with BeautifulSoup
    tests/browser/ the built site served and driven in Chromium (its own
                   conftest.py: browser, served, phone, …); it uses Build,
                   build and copy_project from here

A build runs in this process (load_config + mkdocs.commands.build.build, as
`mkdocs build --strict` does), which takes a fraction of a second. The hooks'
code is imported once, from this repository (hooks/ is put first on sys.path
below); what a build reads from its project — docs/, overrides/, mkdocs.yml,
profile.yml, profile.local.yml, hooks/handbook/data/*.yml — comes from the
copy being built, so a test edits its copy and builds it.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from handbook.build import DATA_DIR  # noqa: E402
from handbook.model import Manifest, load_manifest  # noqa: E402

# What a build needs; profile.local.yml is deliberately not copied: tests
# build the public site unless they write a local profile themselves.
PROJECT_FILES = ("mkdocs.yml", "profile.yml", "docs", "overrides", "hooks")
# Where the answer addresses' stub pages are (hooks/handbook/addresses.py).
STUB_PREFIX = "a/"
# The address the shared public build is made for (mkdocs.yml's default).
SITE_URL = "http://127.0.0.1:8000/"


# -- a build ---------------------------------------------------------------------

@dataclass
class Build:
    returncode: int
    log: str
    site: Path
    error: BaseException | None = None  # the mkdocs Abort of a failed in-process build

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    def page(self, url: str = "") -> BeautifulSoup:
        """A built page by its URL path, e.g. "opening/" (or a file, "404.html")."""
        path = self.site / url if url.endswith(".html") else self.site / url / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def pages(self, stubs: bool = True) -> dict[str, BeautifulSoup]:
        """Every built HTML file by its path relative to the site, e.g. "salary/index.html";
        stubs=False leaves out the answer addresses' stub pages (a/<id>/index.html)."""
        files = {p.relative_to(self.site).as_posix(): p for p in sorted(self.site.rglob("*.html"))}
        return {rel: BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser")
                for rel, p in files.items() if stubs or not rel.startswith(STUB_PREFIX)}

    def text(self, rel: str) -> str:
        """A built file's text, e.g. "robots.txt"."""
        return (self.site / rel).read_text(encoding="utf-8")

    def panel_fields(self) -> dict[str, dict]:
        """The 填写我的信息 panel's fields by key, as the build hands them to the
        browser (the JSON file profile.js builds the inputs from)."""
        dialog = self.page("").select_one("dialog#profile-panel")
        data = json.loads(self.text(dialog["data-profile-fields-src"]))
        return {field["key"]: field for field in data["fields"]}


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace `old` (which must be there) in a file of a project copy."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def answer_block(text: str, answer_id: str) -> str:
    """The `//// answer | <id>` … `////` block of a page's Markdown, both lines included."""
    start = text.index(f"//// answer | {answer_id}\n")
    end = text.index("\n////\n", start) + len("\n////\n")
    return text[start:end]


def url_of(src: str) -> str:
    """The URL of a page built from docs/<src>, e.g. "salary/" ("" for index.md)."""
    stem = src.removesuffix(".md")
    return "" if stem == "index" else stem + "/"


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname:<8}-  {record.getMessage()}")


@contextmanager
def _environ(env: Mapping[str, str | None]) -> Iterator[None]:
    """os.environ with `env` applied (None removes a variable), restored afterwards."""
    def apply(values: Mapping[str, str | None]) -> None:
        for key, value in values.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value

    saved = {key: os.environ.get(key) for key in env}
    try:
        apply(env)
        yield
    finally:
        apply(saved)


def build(project: Path, *args: str, env: Mapping[str, str | None] | None = None,
          strict: bool = True, command: str = "build") -> Build:
    """`mkdocs build --strict` of a project directory into project/site, in this
    process. `env` is applied around it (mkdocs.yml reads `!ENV SITE_URL`);
    `command` is what on_startup hears ("serve" builds as `mkdocs serve` does).
    A build stopped by the handbook (a PluginError), by a strict-mode warning
    or by mkdocs-macros (which exits on a macro error) gives ok False, the
    messages in .log and the Abort / SystemExit in .error; any other
    exception is a bug and propagates. Extra CLI arguments mean the
    command line: see cli_build."""
    if args:
        return cli_build(project, *args, env=env)
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    site = project / "site"
    logger = logging.getLogger("mkdocs")
    capture = _Capture()
    level = logger.level
    saved_path = sys.path[:]  # mkdocs-macros puts the macros module's folder on it
    logger.addHandler(capture)
    logger.setLevel(logging.INFO)
    error: BaseException | None = None
    try:
        with _environ({"NO_MKDOCS_2_WARNING": "1", **(env or {})}):
            config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site), strict=strict)
            config.plugins.on_startup(command=command, dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
    except Abort as exc:
        error = exc
        capture.lines.append(f"Aborted: {exc}")
    except SystemExit as exc:  # mkdocs-macros with on_error_fail exits (code 100) on a macro error
        error = exc
        capture.lines.append(f"Exited: {exc.code}")
    finally:
        logger.removeHandler(capture)
        logger.setLevel(level)
        sys.path[:] = saved_path
    return Build(0 if error is None else 1, "\n".join(capture.lines), site, error)


def cli_build(project: Path, *args: str, env: Mapping[str, str] | None = None) -> Build:
    """`mkdocs build --strict` as a user types it, in a subprocess: for tests
    whose subject is the command line itself."""
    site = project / "site"
    run_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site), *args],
        cwd=project, env=run_env, capture_output=True, text=True, timeout=300,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, site)


# -- Material's installed files ---------------------------------------------------------

def material_templates() -> Path:
    """The templates folder of the installed Material."""
    import material
    return Path(material.__file__).parent / "templates"


def copy_material(root: Path, files: Iterable[str]) -> Path:
    """Material's `files` (relative to its templates folder) copied under
    `root`, as installed: a test changes them as an upgrade would."""
    for rel in files:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(material_templates() / rel, root / rel)
    return root


# -- the search queries of a reader ----------------------------------------------------

SEARCH_QUERIES = ROOT / "tests" / "search" / "queries.yml"


@dataclass(frozen=True)
class SearchQuery:
    query: str
    answer: str   # the answer whose section must be the first result
    kind: str     # word, phrase, colloquial, mixed, question


def search_queries() -> list[SearchQuery]:
    """The realistic queries of tests/search/queries.yml."""
    return [SearchQuery(**row) for row in yaml.safe_load(SEARCH_QUERIES.read_text(encoding="utf-8"))]


# -- fixtures ----------------------------------------------------------------------

@pytest.fixture(scope="session")
def manifest() -> Manifest:
    return load_manifest(ROOT / DATA_DIR / "answers.yml")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the project that a test may edit before building."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """One strict build of the public site for SITE_URL, shared by the read-only tests."""
    result = build(copy_project(tmp_path_factory.mktemp("public") / "project"), env={"SITE_URL": SITE_URL})
    assert result.ok, result.log
    return result


LOCAL_PROFILE = "name: 李雷\nmonthly_salary: 15\nprojects: [智能客服, 质检平台]\n"


@pytest.fixture(scope="session")
def personal(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """One strict build with a personal profile (profile.local.yml = LOCAL_PROFILE)."""
    project = copy_project(tmp_path_factory.mktemp("personal") / "project")
    write(project / "profile.local.yml", LOCAL_PROFILE)
    result = build(project, env={"SITE_URL": SITE_URL})
    assert result.ok, result.log
    return result


# -- hostile profile values (tests/build/test_injection.py and its browser half) ------

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
# List items as long as real ones: the self-introduction lists them, and a
# strict build refuses one shorter than 60 s.
REALISTIC_TAIL = "：负责整体方案设计与工程落地，带来了可量化的业务提升"


def hostile_profile() -> dict[str, object]:
    """A payload in every text field and every list item of the committed
    fields (number fields only take numbers: the profile check refuses
    anything else)."""
    from handbook.profile import load_fields

    values: dict[str, object] = {}
    fields = [(key, spec) for key, spec in load_fields(ROOT / DATA_DIR / "profile_fields.yml").items()
              if spec.type != "number"]  # numbered among themselves: every payload is used
    for i, (key, spec) in enumerate(fields):
        if spec.type == "text":
            values[key] = PAYLOADS[i % len(PAYLOADS)]
        elif spec.type == "list":
            values[key] = [PAYLOADS[(i + n) % len(PAYLOADS)] + REALISTIC_TAIL for n in range(3)]
    return values


def write_hostile(project: Path) -> Path:
    """profile.local.yml of the project := hostile_profile()."""
    import yaml

    write(project / "profile.local.yml", yaml.safe_dump(hostile_profile(), allow_unicode=True))
    return project


# -- the Markdown stage alone (unit tests) ---------------------------------------------

def render_pages(manifest: Manifest, pages: Mapping[str, str], sheet: str | None = None,
                 site_url: str | None = "https://hb.example/", chars_per_minute: float = 220):
    """Render Markdown pages {src: text} with the answer blocks, as the build's
    Markdown stage does (the real templates of overrides/partials/), without
    MkDocs. Returns {src: (html, PageResult)}. `sheet`: src of the 全部答案
    page, whose URL the answers' sheet copies point from."""
    import markdown
    from jinja2 import Environment, FileSystemLoader

    from handbook.answers import AnswersExtension, PageContext
    from handbook.build import TemplateRenderer
    from handbook.settings import Settings

    renderer = TemplateRenderer(Environment(loader=FileSystemLoader(str(ROOT / "overrides"))),
                                Settings("站", "", "站", chars_per_minute), site_url)
    results = []
    extension = AnswersExtension(manifest, renderer, results.append)
    out = {}
    for src, text in pages.items():
        md = markdown.Markdown(extensions=["admonition", "attr_list", "md_in_html", "pymdownx.superfences",
                                           "toc", extension])
        canonical = site_url + url_of(src) if site_url else None
        extension.page = PageContext(src, url_of(src), canonical,
                                     None if sheet is None or src == sheet else url_of(sheet))
        html = md.convert(text)
        out[src] = (html, results[-1])
    return out
