#!/usr/bin/env python3
"""Benchmarks: the site's speed and weight as figures, with a target beside each.

    .venv/bin/python tests/bench.py            # all parts, writes tests/bench-baseline.json
    .venv/bin/python tests/bench.py --runs 3 --skip lighthouse --output /tmp/bench.json

Parts (see README "性能基准 / Benchmarks"):
  build      median of cold `mkdocs build` runs vs a bare Material build of the
             same Markdown; `mkdocs serve` rebuild latency after editing a page
             and after saving profile.local.yml
  weight     first-load gzip bytes, requests and render-blocking bytes of the
             home page and an answer page, beside the bare Material site of the
             same Markdown (the build part's); search index raw/gzip
  lighthouse mobile scores + FCP/LCP/TBT (npm `lighthouse`, Debian Chromium),
             runs interleaved with the bare Material site; the medians side by
             side, as ratios (the machine's load cancels out)
  china      first paint with every off-loopback host black-holed
  search     last keystroke -> results, six Chinese queries, 4x CPU throttling
             (Chromium throttles the page, not its workers: the search
             worker's time is measured and counted 4x)
  offline    gzip bytes the service worker caches, if there is one: its
             install (the precache, what a first visit stores at once) and
             every file after one visit (the other pages fetched after it)

Everything is served from 127.0.0.1 by a small gzip-capable server below; no
request ever leaves the machine (other hosts get a route that never answers).
Not collected by pytest (no test_ prefix); its helpers are unit-tested in
tests/unit/test_bench.py. The figures never fail the test suite.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import json
import mimetypes
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from functools import partial
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from queue import Empty, Queue
from typing import Callable, Iterable
from urllib.parse import unquote, urljoin, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "hooks"))

from browser._browser import CHROMIUM, CHROMIUM_ARGS, PHONE, chromium_missing_reason  # noqa: E402
from handbook.model import load_manifest  # noqa: E402
from handbook.output import pwa  # noqa: E402
from handbook.output.patches import SEARCH_WORKER  # noqa: E402

CACHE = ROOT / ".cache" / "bench"  # git-ignored: npm's lighthouse lives here
LIGHTHOUSE_SPEC = "lighthouse@12"
DEFAULT_OUTPUT = ROOT / "tests" / "bench-baseline.json"
PARTS = ("build", "weight", "lighthouse", "china", "search", "offline")
# The answer page measured beside the home page, and the page edited under
# `mkdocs serve`: the pages of these answers in hooks/answers.yml.
ANSWER_ID, EDITED_ANSWER_ID = "expected-salary", "motivation"


def page_url(markdown_file: str) -> str:
    """The URL path (relative to the site root) of a page under docs/."""
    stem = markdown_file.removesuffix(".md")
    return "" if stem == "index" else (stem.removesuffix("/index") + "/")


PAGES = {"home": "", "answer": page_url(load_manifest().answer(ANSWER_ID).page)}
# a phrase, a word, a set phrase, a colloquial word, mixed, a short question
SEARCH_QUERIES = ("期望薪资", "离职", "末位淘汰", "找下家", "其他offer", "被裁了怎么办")
CPU_THROTTLING = 4
GZIP_LEVEL = 6  # zlib's default, what nginx/Apache are typically set to
# Hosts a blocked network in mainland China never answers; all other
# off-loopback hosts are black-holed as well, these are only named in the report.
BLACKHOLED_HOSTS = ("fonts.googleapis.com", "fonts.gstatic.com", "cdn.jsdelivr.net",
                    "unpkg.com", "www.googletagmanager.com", "www.google-analytics.com")
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml",
                "application/xml", "application/manifest+json", "text/javascript")
# What a copy of the project for benchmarking leaves out (top-level names).
NOT_COPIED = {".git", ".venv", ".cache", "site", "__pycache__", "node_modules", ".pytest_cache",
              "profile.local.yml"}


class BenchError(Exception):
    """A part could not measure; the message says why and what to do."""


# -- figures and the table -------------------------------------------------------


@dataclass
class Figure:
    part: str
    name: str
    value: float | None
    unit: str = ""
    target: float | None = None
    op: str = "<="  # "<=" or ">="
    note: str = ""

    @property
    def passed(self) -> bool | None:
        """True/False against the target; None when there is no target or no value."""
        if self.target is None or self.value is None:
            return None
        return self.value <= self.target if self.op == "<=" else self.value >= self.target

    def as_dict(self) -> dict:
        return {**asdict(self), "passed": self.passed}


def median(values: Iterable[float]) -> float:
    values = list(values)
    if not values:
        raise ValueError("median of no values")
    return statistics.median(values)


def gzip_size(data: bytes, level: int = GZIP_LEVEL) -> int:
    """Bytes of `data` gzip-compressed (deterministic: mtime 0)."""
    return len(gzip.compress(data, compresslevel=level, mtime=0))


def format_number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    if unit == "B":
        return f"{value / 1024:.1f} KB" if value >= 1024 else f"{int(value)} B"
    text = f"{value:.0f}" if float(value).is_integer() or abs(value) >= 100 else f"{value:.2f}"
    return f"{text} {unit}".rstrip()


def format_target(figure: Figure) -> str:
    if figure.target is None:
        return ""
    return f"{'≤' if figure.op == '<=' else '≥'} {format_number(figure.target, figure.unit)}"


def verdict(figure: Figure) -> str:
    return {True: "pass", False: "FAIL", None: "skip" if figure.value is None and figure.target
            is not None else ""}[figure.passed]


def display_width(text: str) -> int:
    """Terminal columns: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def format_table(figures: list[Figure]) -> str:
    """A plain-text table: part, figure, value, target, pass/FAIL, note."""
    header = ("part", "figure", "value", "target", "result", "note")
    rows = [header] + [(f.part, f.name, format_number(f.value, f.unit), format_target(f),
                        verdict(f), f.note) for f in figures]
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(header) - 1)]
    lines = []
    for n, row in enumerate(rows):
        cells = [pad(cell, widths[i]) for i, cell in enumerate(row[:-1])] + [row[-1]]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def summary(figures: list[Figure]) -> str:
    checked = [f for f in figures if f.passed is not None]
    failed = [f for f in checked if not f.passed]
    skipped = [f for f in figures if f.target is not None and f.value is None]
    return (f"{len(checked) - len(failed)}/{len(checked)} targets met"
            + (f", {len(skipped)} not measured" if skipped else "")
            + (": missed " + ", ".join(f"{f.part}/{f.name}" for f in failed) if failed else ""))


def baseline_problems(result: dict) -> list[str]:
    """What is wrong with a JSON result of this script (empty: well formed)."""
    problems = [f"no {key}" for key in ("environment", "figures") if not result.get(key)]
    for item in result.get("figures") or []:
        try:
            figure = Figure(**{k: v for k, v in item.items() if k != "passed"})
        except TypeError as exc:
            problems.append(f"malformed figure {item!r}: {exc}")
            continue
        if item.get("passed") is not figure.passed:
            problems.append(f"{figure.part}/{figure.name}: 'passed' is {item.get('passed')}, "
                            f"its value and target say {figure.passed}")
    return problems


# -- side by side with bare Material -------------------------------------------------


@dataclass
class Compared:
    """One figure of the handbook beside the same of the bare Material site."""
    page: str
    metric: str
    own: float | None
    bare: float | None
    unit: str = ""

    @property
    def ratio(self) -> float | None:
        if self.own is None or not self.bare:
            return None
        return round(self.own / self.bare, 2)


def format_comparison(rows: list[Compared]) -> str:
    """The table of the README's Benchmarks section: handbook, bare Material, ratio."""
    header = ("page", "figure", "handbook", "bare Material", "ratio")
    cells = [header] + [(r.page, r.metric, format_number(r.own, r.unit), format_number(r.bare, r.unit),
                         "—" if r.ratio is None else f"{r.ratio:.2f}") for r in rows]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(header))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("| " + " | ".join(pad(c, widths[i]) for i, c in enumerate(row)) + " |")
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


LIGHTHOUSE_METRICS = (("first-contentful-paint", "FCP", "s"), ("largest-contentful-paint", "LCP", "s"),
                      ("total-blocking-time", "TBT", "ms"))


def metric_median(reports: list[dict], key: str, unit: str) -> float | None:
    values = [r["audits"][key]["numericValue"] for r in reports
              if r["audits"].get(key, {}).get("numericValue") is not None]
    if not values:
        return None
    return round(median(values) / (1000 if unit == "s" else 1), 3)


def perfect_runs(reports: list[dict]) -> int:
    """Runs that scored 100 in all four categories."""
    return sum(all((r["categories"].get(key) or {}).get("score") == 1 for key, _ in LIGHTHOUSE_CATEGORIES)
               for r in reports)


def lighthouse_compared(page: str, own: list[dict], bare: list[dict]) -> tuple[list[Compared], list[Figure]]:
    """The median FCP/LCP/TBT of both sites, and the targets set on them:
    FCP ≤ 0.9 × bare, LCP ≤ bare, TBT ≤ bare + 50 ms, 100 × 4 in every run."""
    rows = [Compared(page, label, metric_median(own, key, unit), metric_median(bare, key, unit), unit)
            for key, label, unit in LIGHTHOUSE_METRICS]
    fcp, lcp, tbt = rows
    over = None if tbt.own is None or tbt.bare is None else round(tbt.own - tbt.bare, 1)
    runs = f"medians of {len(own)} + {len(bare)} interleaved runs"
    figures = [
        Figure("lighthouse", f"{page} FCP handbook/bare", fcp.ratio, "×", 0.9, note=runs),
        Figure("lighthouse", f"{page} LCP handbook/bare", lcp.ratio, "×", 1.0, note=runs),
        Figure("lighthouse", f"{page} TBT handbook − bare", over, "ms", 50, note=runs),
        Figure("lighthouse", f"{page} runs scoring 100 × 4", perfect_runs(own), "", len(own), ">=",
               note=f"of {len(own)}"),
    ]
    return rows, figures


# -- small pure helpers ------------------------------------------------------------


def accepts_gzip(accept_encoding: str | None) -> bool:
    """Whether an Accept-Encoding header allows gzip (honours q=0)."""
    for item in (accept_encoding or "").split(","):
        name, _, params = item.strip().partition(";")
        if name.strip().lower() not in ("gzip", "*"):
            continue
        q = re.search(r"q\s*=\s*([0-9.]+)", params)
        return not q or float(q.group(1)) > 0
    return False


def is_compressible(content_type: str) -> bool:
    return content_type.split(";")[0].strip().lower().startswith(COMPRESSIBLE)


def is_loopback(url: str) -> bool:
    """Only 127.0.0.0/8 and localhost count as on this machine; data:/blob: URLs never leave it."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome-extension", "chrome"):
        return True
    host = (parts.hostname or "").lower()
    return host == "localhost" or bool(re.fullmatch(r"127(\.\d{1,3}){3}", host))


def yaml_block(text: str, key: str) -> str:
    """The top-level `key:` block of a YAML file, verbatim (to copy a section
    without parsing the !ENV / !!python tags elsewhere in mkdocs.yml)."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if re.match(rf"{re.escape(key)}\s*:", line)), None)
    if start is None:
        raise BenchError(f"mkdocs.yml has no top-level '{key}:' section")
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " \t#-"):
        end += 1
    return "\n".join(lines[start:end]).rstrip() + "\n"


class _HeadParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_head = True
        self.in_noscript = False  # what runs only without JavaScript
        self.blocking: list[str] = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "noscript":
            self.in_noscript = False

    def handle_starttag(self, tag: str, attrs) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "body":
            self.in_head = False
        if tag == "noscript":
            self.in_noscript = True
        if not self.in_head or self.in_noscript:
            return
        rel = a.get("rel", "").lower().split()
        if tag == "link" and "stylesheet" in rel and "alternate" not in rel and "disabled" not in a \
                and a.get("media", "all").strip().lower() in ("", "all", "screen") and a.get("href"):
            self.blocking.append(a["href"])
        if tag == "script" and a.get("src") and "async" not in a and "defer" not in a \
                and a.get("type", "").lower() != "module":
            self.blocking.append(a["src"])


def render_blocking_urls(html: str, base_url: str) -> list[str]:
    """Absolute URLs of the stylesheets and synchronous scripts in <head>:
    the resources a browser must fetch before the first paint."""
    parser = _HeadParser()
    parser.feed(html)
    return [urljoin(base_url, href) for href in parser.blocking]


def site_file(url: str, base_url: str, site: Path) -> Path | None:
    """The built file that serves `url` under `base_url` (directory → index.html)."""
    url, base = urlsplit(url), urlsplit(base_url)
    if (url.scheme, url.netloc) != (base.scheme, base.netloc) or not url.path.startswith(base.path):
        return None
    rel = unquote(url.path[len(base.path):])
    path = site / rel
    if rel == "" or rel.endswith("/"):
        path = path / "index.html"
    try:
        path.resolve().relative_to(site.resolve())
    except ValueError:
        return None
    return path if path.is_file() else None


LIGHTHOUSE_CATEGORIES = (("performance", "performance"), ("accessibility", "accessibility"),
                         ("best-practices", "best practices"), ("seo", "SEO"))


def failing_audits(report: dict, category: str) -> list[str]:
    """Weighted audits of one category that scored below 1, as "id (score)"."""
    audits = report["audits"]
    refs = (report["categories"].get(category) or {}).get("auditRefs", [])
    return [f"{ref['id']} ({audits[ref['id']]['score']})" for ref in refs
            if ref.get("weight") and audits.get(ref["id"], {}).get("score") is not None
            and audits[ref["id"]]["score"] < 1]


def lighthouse_figures(report: dict, page: str) -> list[Figure]:
    """The four scores (failing audits as the note) and FCP/LCP/TBT of one Lighthouse report."""
    figures = []
    for key, label in LIGHTHOUSE_CATEGORIES:
        score = (report["categories"].get(key) or {}).get("score")
        figures.append(Figure("lighthouse", f"{page} {label}",
                              None if score is None else round(score * 100), "", 100, ">=",
                              note=", ".join(failing_audits(report, key))))
    for key, label, target in (("first-contentful-paint", "FCP", 1.0),
                               ("largest-contentful-paint", "LCP", None),
                               ("total-blocking-time", "TBT", None)):
        value = report["audits"].get(key, {}).get("numericValue")
        unit, scale = ("ms", 1) if key == "total-blocking-time" else ("s", 1000)
        figures.append(Figure("lighthouse", f"{page} {label}",
                              None if value is None else round(value / scale, 3), unit, target))
    return figures


def median_run(reports: list[dict]) -> dict:
    """The Lighthouse run to report out of several (Lighthouse's own advice for
    noisy machines): the one closest to the median FCP, then to the median TBT."""
    if not reports:
        raise ValueError("no Lighthouse reports")

    def metric(report: dict, key: str) -> float:
        return report["audits"].get(key, {}).get("numericValue") or 0.0

    fcp = median(metric(r, "first-contentful-paint") for r in reports)
    tbt = median(metric(r, "total-blocking-time") for r in reports)
    return min(reports, key=lambda r: (abs(metric(r, "first-contentful-paint") - fcp),
                                       abs(metric(r, "total-blocking-time") - tbt)))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- the project, copied and built -------------------------------------------------------


def copy_project(dest: Path) -> Path:
    """The repository minus VCS, venv, caches, build output and the private profile."""
    shutil.copytree(ROOT, dest, ignore=lambda d, names: [
        n for n in names if n in NOT_COPIED or n.endswith(".egg-info")
        or (Path(d) == ROOT / "tests" and n == "screenshots")])
    return dest


def mkdocs_env(**extra: str) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra}


def build(project: Path, site: Path, *args: str, env: dict[str, str] | None = None,
          config: str = "mkdocs.yml") -> float:
    """One cold `mkdocs build` in a fresh process; its wall time in seconds."""
    shutil.rmtree(site, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config,
                           "-d", str(site), *args], cwd=project, env=env or mkdocs_env(),
                          capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - start
    if proc.returncode:
        raise BenchError(f"`mkdocs build` of {project} failed:\n{proc.stdout}{proc.stderr}")
    return elapsed


# Run in the project copy: a normal build with one extra plugin registered
# last, after mkdocs-macros and the hooks, that writes each page's final
# Markdown (macros rendered with profile.yml) to argv[1].
RENDER_MARKDOWN = """
import pathlib, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin

out = pathlib.Path(sys.argv[1])

class Dump(BasePlugin):
    def on_page_markdown(self, markdown, page, **kwargs):
        dest = out / page.file.src_uri
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(markdown, encoding="utf-8")
        return markdown

cfg = load_config("mkdocs.yml", site_dir=sys.argv[2])
cfg.plugins["bench-dump-markdown"] = Dump()
cfg.plugins.on_startup(command="build", dirty=False)
try:
    build(cfg)
finally:
    cfg.plugins.on_shutdown()
"""


BLOCK_OPEN = re.compile(r"^(/{3,})\s*(answer|approach|basis)\s*(?:\|\s*(.*?))?\s*$")
BLOCK_CLOSE = re.compile(r"^/{3,}\s*$")


def plain_markdown(markdown: str, titles: dict[str, str]) -> str:
    """The handbook's answer blocks as the Markdown a plain Material site
    would have: the question as a heading, 思路 as a tip box, 依据 as an h3."""
    out: list[str] = []
    stack: list[str] = []
    for line in markdown.split("\n"):
        opened, closed = BLOCK_OPEN.match(line), BLOCK_CLOSE.match(line)
        if opened:
            kind, arg = opened.group(2), (opened.group(3) or "").strip()
            stack.append(kind)
            if kind == "answer":
                out.append(f"## {titles.get(arg, arg)} {{ #{arg} }}")
            elif kind == "approach":
                out.append(f'!!! tip "{arg or "思路"}"')
            else:
                out.append("### 依据")
            continue
        if closed and stack:
            stack.pop()
            out.append("")
            continue
        out.append(("    " + line if line.strip() else line) if stack and stack[-1] == "approach" else line)
    return "\n".join(out)


def bare_project(project: Path, dest: Path) -> Path:
    """The same pages with macros already rendered, under Material's defaults:
    no hooks, no macros, no custom_dir, no extra CSS; the same Markdown
    extensions (the dialect the pages are written in); search with jieba."""
    rendered = dest / "rendered"
    proc = subprocess.run([sys.executable, "-c", RENDER_MARKDOWN, str(rendered),
                           str(dest / "render-site")], cwd=project, env=mkdocs_env(),
                          capture_output=True, text=True, timeout=600)
    if proc.returncode:
        raise BenchError(f"rendering the pages' macros failed:\n{proc.stderr[-3000:]}")
    bare = dest / "bare"
    shutil.copytree(project / "docs", bare / "docs")
    shutil.copytree(rendered, bare / "docs", dirs_exist_ok=True)
    titles = {a.id: a.title for a in load_manifest().answers}
    for page in (bare / "docs").rglob("*.md"):
        page.write_text(plain_markdown(page.read_text("utf-8"), titles), encoding="utf-8")
    leftover = [p.name for p in (bare / "docs").rglob("*.md") if "{{" in p.read_text("utf-8")]
    if leftover:
        raise BenchError(f"macros left unrendered in {leftover}")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (bare / "mkdocs.yml").write_text(
        "site_name: bare\nsite_url: http://127.0.0.1:8000/\n"
        "theme:\n  name: material\n  language: zh\n  font: false\nplugins:\n  - search\n"
        + yaml_block(config, "markdown_extensions"), encoding="utf-8")
    return bare


def part_build(runs: int, tmp: Path) -> list[Figure]:
    project = copy_project(tmp / "build" / "project")
    bare = bare_project(project, tmp / "build")
    log(f"build: {runs} cold builds each of the project and the bare Material site")
    own, plain = [], []
    for i in range(runs):  # interleaved, so both see the same machine load
        own.append(build(project, tmp / "build" / "site-own", "--strict"))
        plain.append(build(bare, tmp / "build" / "site-bare"))
        log(f"build: run {i + 1}: project {own[-1]:.2f} s, bare {plain[-1]:.2f} s")
    ratio = median(own) / median(plain)
    figures = [
        Figure("build", "project build (median)", round(median(own), 3), "s",
               note=f"{runs} cold runs: " + ", ".join(f"{t:.2f}" for t in own)),
        Figure("build", "bare Material build (median)", round(median(plain), 3), "s",
               note="same Markdown, macros pre-rendered, no hooks/macros/overrides"),
        Figure("build", "build ratio project/bare", round(ratio, 2), "×", 1.5),
    ]
    return figures + rebuild_latency(project) + profile_reload_latency(project)


def serve_edits(project: Path, edit: Callable[[int], None], edits: int) -> tuple[list[float], list[float]]:
    """`mkdocs serve` on a free 127.0.0.1 port; `edit(i)` a file `edits` times
    and time until the server logs "Reloading browsers" (the rebuilt page is
    served): (save → reloaded, "Detected file changes" → reloaded) in seconds."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                            cwd=project, env=mkdocs_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, bufsize=1)
    lines: Queue[tuple[float, str]] = Queue()
    threading.Thread(target=lambda: [lines.put((time.perf_counter(), line))
                                     for line in proc.stdout], daemon=True).start()
    transcript: list[str] = []

    def wait_for(text: str, timeout: float) -> float:
        deadline = time.perf_counter() + timeout
        while True:
            try:
                at, line = lines.get(timeout=max(0.0, deadline - time.perf_counter()))
            except Empty:
                raise BenchError(f"`mkdocs serve` never logged {text!r} in {timeout:.0f} s:\n"
                                 + "".join(transcript[-20:])) from None
            transcript.append(line)
            if "ERROR" in line or "Aborted" in line:
                raise BenchError("`mkdocs serve` failed:\n" + "".join(transcript[-20:]))
            if text in line:
                return at

    total, build_only = [], []
    try:
        wait_for("Serving on", 180)
        for i in range(edits):
            time.sleep(1.5 + 0.17 * i)  # settle; vary the phase against the 0.5 s poller
            edit(i)
            edited = time.perf_counter()
            detected = wait_for("Detected file changes", 30)
            done = wait_for("Reloading browsers", 60)
            total.append(done - edited)
            build_only.append(done - detected)
            log(f"build: serve edit {i + 1}: {total[-1]:.2f} s (rebuild {build_only[-1]:.2f} s)")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return total, build_only


def rebuild_latency(project: Path, edits: int = 3) -> list[Figure]:
    """Append a line to one page under `mkdocs serve`."""
    edited_file = load_manifest().answer(EDITED_ANSWER_ID).page
    page = project / "docs" / edited_file

    def edit(i: int) -> None:
        with page.open("a", encoding="utf-8") as f:
            f.write(f"\n<!-- bench edit {i} -->\n")

    total, build_only = serve_edits(project, edit, edits)
    return [
        Figure("build", "serve: edit → reloaded (median)", round(median(total), 3), "s", 1.0,
               note=f"{edits} edits of docs/{edited_file}: " + ", ".join(f"{t:.2f}" for t in total)),
        Figure("build", "serve: rebuild alone (median)", round(median(build_only), 3), "s",
               note="from 'Detected file changes'; the rest is mkdocs' 0.5 s file poller"),
    ]


def profile_reload_latency(project: Path, edits: int = 3) -> list[Figure]:
    """Save profile.local.yml with a new name under `mkdocs serve` (a personal
    profile from the start; removed afterwards)."""
    local = project / "profile.local.yml"
    local.write_text("name: 李雷\n", encoding="utf-8")
    try:
        total, _ = serve_edits(project, lambda i: local.write_text(f"name: 李雷{i}\n", encoding="utf-8"), edits)
    finally:
        local.unlink()
    return [Figure("build", "serve: save profile.local.yml → reloaded (median)", round(median(total), 3), "s",
                   1.0, note=f"{edits} saves: " + ", ".join(f"{t:.2f}" for t in total))]


# -- a gzip-capable static server on 127.0.0.1 ------------------------------------------


@dataclass
class Sent:
    path: str
    status: int
    header_bytes: int
    body_bytes: int
    encoding: str
    content_type: str


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files with on-the-fly gzip when the client accepts it, HTTP/1.1
    keep-alive, directory → index.html, the site's 404.html for misses."""

    protocol_version = "HTTP/1.1"
    sent: list[Sent]  # set on the subclass made per server

    def log_message(self, *args) -> None:
        pass

    def do_HEAD(self) -> None:
        self.respond(head=True)

    def do_GET(self) -> None:
        self.respond(head=False)

    def respond(self, head: bool) -> None:
        url_path = urlsplit(self.path).path
        path = Path(self.translate_path(url_path))
        if path.is_dir():
            if not url_path.endswith("/"):
                return self.reply(301, b"", "text/plain", head, {"Location": url_path + "/"})
            path = path / "index.html"
        if not path.is_file():
            missing = Path(self.directory) / "404.html"
            body = missing.read_bytes() if missing.is_file() else b"not found"
            return self.reply(404, body, "text/html; charset=utf-8", head)
        ctype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        self.reply(200, path.read_bytes(), ctype, head)

    def reply(self, status: int, body: bytes, ctype: str, head: bool,
              extra: dict[str, str] | None = None) -> None:
        headers = {"Content-Type": ctype, **(extra or {})}
        encoding = ""
        if body and is_compressible(ctype) and accepts_gzip(self.headers.get("Accept-Encoding")):
            body, encoding = gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0), "gzip"
            headers.update({"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
        headers["Content-Length"] = str(len(body))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        header_bytes = sum(len(chunk) for chunk in self._headers_buffer)
        # Recorded before anything reaches the client: a client that has read
        # the response must find it in `sent` (it raced the append before).
        self.sent.append(Sent(urlsplit(self.path).path, status, header_bytes + 2,
                              0 if head else len(body), encoding, ctype))
        self.end_headers()
        if not head:
            self.wfile.write(body)


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A browser closing a context mid-response is normal here; report the rest."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class GzipServer:
    """Bound on construction (port known before the site is built for it)."""

    def __init__(self, directory: Path) -> None:
        self.sent: list[Sent] = []
        handler = type("Handler", (GzipHandler,), {"sent": self.sent})
        self.httpd = QuietServer(("127.0.0.1", 0), partial(handler, directory=str(directory)))
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.site = Path(directory)

    def __enter__(self) -> "GzipServer":
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def take(self) -> list[Sent]:
        """Responses sent since the last call."""
        taken, self.sent[:] = list(self.sent), []
        return taken


# -- Chromium via Playwright ----------------------------------------------------------


@dataclass
class Browsing:
    """What one Playwright context saw: every request URL, the off-site ones."""
    requests: list[str] = field(default_factory=list)
    offsite: list[str] = field(default_factory=list)


def phone_context(browser, browsing: Browsing, service_workers: str = "block"):
    """A 390×844 phone context whose off-loopback requests hang forever (never sent)."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  device_scale_factor=2, locale="zh-CN",
                                  service_workers=service_workers)

    def route(route) -> None:
        url = route.request.url
        browsing.requests.append(url)
        if is_loopback(url):
            route.continue_()
        else:  # black hole: never answered, never sent
            browsing.offsite.append(url)

    context.route("**/*", route)
    return context


def open_settled(page, server: "GzipServer", url: str, quiet: float = 1.0,
                 timeout: float = 20.0) -> None:
    """Navigate, then wait until the server has sent nothing for `quiet` seconds
    (the search worker fetches its index after load). Unlike Playwright's
    "networkidle" this ignores black-holed requests, which never finish."""
    page.goto(url, wait_until="commit")
    deadline, seen, last_change = time.monotonic() + timeout, -1, time.monotonic()
    while time.monotonic() < deadline:
        if len(server.sent) != seen:
            seen, last_change = len(server.sent), time.monotonic()
        elif time.monotonic() - last_change >= quiet:
            return
        page.wait_for_timeout(100)


def throttle(context, page, rate: int = CPU_THROTTLING):
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    return cdp


NO_PAINT_MS = 10_000  # a page not painted by then counts as this (and fails)
FCP_JS = """(timeout) => new Promise(resolve => {
  const find = () => performance.getEntriesByName("first-contentful-paint")[0];
  if (find()) return resolve(find().startTime);
  new PerformanceObserver(() => find() && resolve(find().startTime))
    .observe({type: "paint", buffered: true});
  setTimeout(() => resolve(null), timeout);
})"""


def first_load(browser, server: GzipServer, path: str, browsing: Browsing) -> list[Sent]:
    """What the server sent for one first visit of `path` (service worker blocked)."""
    context = phone_context(browser, browsing)
    page = context.new_page()
    server.take()
    open_settled(page, server, server.url + path)
    context.close()
    return server.take()


def part_weight(browser, server: GzipServer, browsing: Browsing, bare: GzipServer | None = None,
                compared: list[Compared] | None = None) -> list[Figure]:
    figures = []
    for label, path in PAGES.items():
        sent = first_load(browser, server, path, browsing)
        if bare is not None and compared is not None:
            plain_visit = first_load(browser, bare, path, browsing)
            compared += [
                Compared(label, "first load", sum(s.header_bytes + s.body_bytes for s in sent),
                         sum(s.header_bytes + s.body_bytes for s in plain_visit), "B"),
                Compared(label, "requests", len(sent), len(plain_visit)),
            ]
        by_path = {s.path: s for s in sent}
        html = site_file(server.url + path, server.url, server.site).read_text(encoding="utf-8")
        blocking = [urlsplit(u).path for u in render_blocking_urls(html, server.url + path)]
        blocking_bytes = sum(by_path[p].body_bytes for p in blocking if p in by_path)
        total = sum(s.header_bytes + s.body_bytes for s in sent)
        plain = [s.path for s in sent if not s.encoding and is_compressible(s.content_type)
                 and s.body_bytes > 1024]
        figures += [
            Figure("weight", f"{label} first load", total, "B", 90 * 1024,
                   note=f"/{path}; gzip bodies + headers"
                        + (f"; uncompressed: {', '.join(plain)}" if plain else "")),
            Figure("weight", f"{label} requests", len(sent), note=", ".join(
                sorted(Path(s.path).name or "/" for s in sent))),
            Figure("weight", f"{label} render-blocking", blocking_bytes, "B",
                   note=f"{len(blocking)} in <head>: " + ", ".join(Path(p).name for p in blocking)),
        ]
    index = server.site / "search" / "search_index.json"
    if index.is_file():
        data = index.read_bytes()
        figures += [Figure("weight", "search index raw", len(data), "B"),
                    Figure("weight", "search index gzip", gzip_size(data), "B")]
    else:
        figures.append(Figure("weight", "search index raw", None, "B", note="no search index"))
    return figures


def part_china(browser, server: GzipServer, browsing: Browsing, loads: int = 3) -> list[Figure]:
    """First contentful paint (median of `loads` fresh loads) while every host but
    127.0.0.1 never answers. No CPU throttling: this checks that nothing off-site
    holds the paint (a held font or CDN script shows as seconds, or no paint)."""
    figures = []
    for label, path in PAGES.items():
        paints = []
        for _ in range(loads):
            context = phone_context(browser, browsing)
            page = context.new_page()
            page.goto(server.url + path, wait_until="commit")
            paint = page.evaluate(FCP_JS, NO_PAINT_MS)  # None: nothing painted in time
            paints.append(NO_PAINT_MS if paint is None else paint)
            context.close()
        figures.append(Figure(
            "china", f"{label} first paint, blocked hosts", round(median(paints) / 1000, 3), "s",
            1.0, note=f"median of {loads}; all non-loopback hosts hang"
                      + (f"; no paint within {NO_PAINT_MS / 1000:.0f} s" if NO_PAINT_MS in paints
                         else "")))
    return figures


NO_RESULTS_MS = 10_000  # SEARCH_JS gives up after this
# Chromium's CPU throttling slows the page's thread only
# ("Emulation.setCPUThrottlingRate: only supported for pages, not workers").
# So the search worker times itself: WORKER_CLOCK_JS is put before the
# worker's code as it is served to the bench's browser, and adds to each
# result (Material's message type 3) the ms from its query (type 2) arriving
# to the result being posted; the figure counts that part CPU_THROTTLING
# times. PAGE_CLOCK_JS, before any script of the page, notes each Worker's
# URL and the last result's worker time.
WORKER_CLOCK_JS = """(() => {
  let start = 0;
  const post = self.postMessage.bind(self);
  self.addEventListener("message", e => { if (e.data && e.data.type === 2) start = performance.now(); });
  self.postMessage = m => post(m && m.type === 3 ? {...m, benchMs: performance.now() - start} : m);
})();
"""
PAGE_CLOCK_JS = """(() => {
  const Original = window.Worker;
  window.__search = {urls: [], worker: null};
  window.Worker = class extends Original {
    constructor(url, options) {
      super(url, options);
      window.__search.urls.push(String(url));
      this.addEventListener("message", e => {
        if (e.data && e.data.type === 3 && window.__search.worker === null) window.__search.worker = e.data.benchMs;
      });
    }
  };
})();"""
SEARCH_JS = """async (query) => {
  const input = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result__list");
  const key = (k) => input.dispatchEvent(new KeyboardEvent("keyup", {key: k, bubbles: true}));
  input.value = ""; input.dispatchEvent(new Event("input", {bubbles: true})); key("Backspace");
  for (let i = 0; i < 100 && list.children.length; i++) await new Promise(r => setTimeout(r, 20));
  input.focus();
  input.value = query;
  input.dispatchEvent(new Event("input", {bubbles: true}));
  window.__search.worker = null;
  const start = performance.now();
  key(query.slice(-1));
  return await new Promise(resolve => {
    const done = () => {
      if (!list.children.length) return;
      observer.disconnect(); clearTimeout(timer);
      requestAnimationFrame(() => {
        const worker = window.__search.worker;
        resolve([performance.now() - start, list.children.length, typeof worker === "number" ? worker : null]);
      });
    };
    const observer = new MutationObserver(done);
    observer.observe(list, {childList: true, subtree: true});
    const timer = setTimeout(() => { observer.disconnect(); resolve([null, 0, null]); }, 10000);
    done();
  });
}"""


def throttled_ms(total: float | None, worker: float | None, rate: int = CPU_THROTTLING) -> float:
    """Keystroke → results as at `rate`× CPU: the page was throttled, the
    worker was not, so its part counts `rate` times (a worker reply not
    seen counts as a miss: NO_RESULTS_MS)."""
    if total is None or worker is None:
        return NO_RESULTS_MS
    return total + (rate - 1) * worker


def part_search(browser, server: GzipServer, browsing: Browsing, repeats: int = 5) -> list[Figure]:
    """Each query `repeats` times (interleaved); per query the median, so one
    scheduling hiccup of the shared machine does not decide the figure."""
    context = phone_context(browser, browsing)
    context.add_init_script(PAGE_CLOCK_JS)
    context.route("**/assets/javascripts/workers/*.js", lambda route: route.fulfill(
        response=(served := route.fetch()), body=WORKER_CLOCK_JS + served.text()))
    page = context.new_page()
    open_settled(page, server, server.url)
    page.locator("label.md-header__button[for='__search']").click()
    page.locator("input.md-search__input").wait_for(state="visible")
    warm = page.evaluate(SEARCH_JS, SEARCH_QUERIES[0])  # waits for the index to be ready
    urls = page.evaluate("window.__search.urls")
    if warm[0] is None:
        context.close()
        raise BenchError("search never showed results for "
                         f"{SEARCH_QUERIES[0]!r} (search worker or index broken?)")
    if not urls or any(u.endswith(Path(SEARCH_WORKER).name) for u in urls):
        context.close()
        raise BenchError(f"the page runs {urls or 'no worker'}, not the site's patched search worker "
                         "(hooks/handbook/output/patches.py)")
    throttle(context, page)
    samples: dict[str, list[float]] = {q: [] for q in SEARCH_QUERIES}
    workers: list[float] = []
    hits: dict[str, int] = {}
    for _ in range(repeats):
        for query in SEARCH_QUERIES:
            elapsed, hits[query], worker = page.evaluate(SEARCH_JS, query)
            samples[query].append(throttled_ms(elapsed, worker))
            if worker is not None:
                workers.append(worker)
    context.close()
    per_query = {q: median(times) for q, times in samples.items()}
    notes = [f"{q} {t:.0f} ms ({hits[q]} hits)" if hits[q] else f"{q} no results"
             for q, t in per_query.items()]
    everything = [t for times in samples.values() for t in times]
    worker_name = urls[0].rsplit("/", 1)[-1]
    return [
        Figure("search", "keystroke → results (worst query)", round(max(per_query.values()), 1),
               "ms", 50, note=f"{CPU_THROTTLING}× CPU (page throttled, worker time × {CPU_THROTTLING}), "
                              f"{worker_name}, median of {repeats} each: " + "; ".join(notes)),
        Figure("search", "keystroke → results (all samples)", round(median(everything), 1), "ms",
               note=f"median of {len(everything)}; max {max(everything):.0f} ms"),
        Figure("search", "search worker per query (unthrottled)",
               round(median(workers), 1) if workers else None, "ms",
               note=f"query received → result posted, in the worker, median of {len(workers)}"),
    ]


SW_JS = """async (wanted) => {
  if (!("serviceWorker" in navigator)) return {error: "no navigator.serviceWorker"};
  const deadline = Date.now() + 5000;
  let regs = [];
  while (Date.now() < deadline && !(regs = await navigator.serviceWorker.getRegistrations()).length)
    await new Promise(r => setTimeout(r, 200));
  if (!regs.length) return {script: null, urls: []};
  const ready = await Promise.race([navigator.serviceWorker.ready,
                                    new Promise(r => setTimeout(() => r(null), 30000))]);
  if (!ready) return {error: "the service worker registered but never activated in 30 s"};
  async function cached() {
    const urls = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
    }
    return urls;
  }
  // every file sw.js lists, the pages after the install included (at most 60 s)
  let urls = await cached();
  for (const end = Date.now() + 60000; Date.now() < end && !wanted.every(u => urls.includes(u));) {
    await new Promise(r => setTimeout(r, 250));
    urls = await cached();
  }
  const bodies = {};  // what is stored, base64 (the worker may keep a page changed)
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const bytes = new Uint8Array(await (await cache.match(request)).arrayBuffer());
      let text = "";
      for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
      bodies[request.url] = btoa(text);
    }
  }
  return {script: ready.active && ready.active.scriptURL, urls, bodies,
          missing: wanted.filter(u => !urls.includes(u))};
}"""
PRECACHE_TARGET = 150 * 1024  # the install: what the first visit stores at once


def offline_figures(bodies: dict[str, bytes], install: set[str], base_url: str, site: Path,
                    script: str, missing: list[str], answered: set[str] = frozenset()) -> list[Figure]:
    """The offline figures from what the worker's cache holds (URL → stored
    bytes): the install (`install`: the URLs of sw.js PRECACHE), every file
    after one visit, and the pages among them (but the answer addresses the
    worker answers itself, `answered`); each file gzipped as a server would
    send it."""
    files, unknown, first, every = set(), [], 0, 0
    for url, body in bodies.items():
        path = site_file(url, base_url, site)
        if path is None:
            unknown.append(url)
            continue
        files.add(path)
        size = gzip_size(body) if is_compressible(mimetypes.guess_type(path.name)[0] or "") else len(body)
        every += size
        first += size if url in install else 0
    pages = set(site.rglob("index.html")) - {site_file(url, base_url, site) for url in answered}
    where = Path(urlsplit(script).path).name
    return [
        Figure("offline", "offline precache", first, "B", PRECACHE_TARGET,
               note=f"{len(install)} files installed at once by {where}"),
        Figure("offline", "offline after one visit: every file", every, "B",
               note=f"{len(files)} files" + (f"; not in the site: {len(unknown)}" if unknown else "")
                    + (f"; never cached: {len(missing)}" if missing else "")),
        Figure("offline", "pages cached", len(pages & files), note=f"of {len(pages)} pages"
               + (f"; {len(answered)} answer addresses answered by the worker" if answered else "")),
    ]


def part_offline(browser, server: GzipServer, browsing: Browsing) -> list[Figure]:
    worker = server.site / pwa.SW_FILE
    lists = pwa.worker_constants(worker.read_text(encoding="utf-8")) if worker.is_file() else {}
    def absolute(urls: list[str]) -> set[str]:
        return {urljoin(server.url, u) for u in urls}

    install = absolute(lists.get("PRECACHE", []))
    context = phone_context(browser, browsing, service_workers="allow")
    page = context.new_page()
    open_settled(page, server, server.url)
    found = page.evaluate(SW_JS, sorted(install | absolute(lists.get("LATER", []))))
    context.close()
    if found.get("error"):
        raise BenchError(found["error"])
    if not found["script"]:
        return [Figure("offline", "offline precache", None, "B", PRECACHE_TARGET,
                       note="no service worker: nothing is cached for offline")]
    bodies = {url: base64.b64decode(body) for url, body in found["bodies"].items()}
    return offline_figures(bodies, install, server.url, server.site, found["script"], found["missing"],
                           absolute(list(lists.get("ADDRESSES", {}))))


# -- Lighthouse ----------------------------------------------------------------------------


def lighthouse_cli() -> Path:
    """npm's lighthouse in .cache/bench, installed there on first use."""
    cli = CACHE / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not shutil.which("node") or not (cli.is_file() or shutil.which("npm")):
        raise BenchError("Lighthouse needs Node.js 18+ and npm (sudo apt-get install nodejs npm)")
    if cli.is_file():
        return cli
    log(f"lighthouse: npm install --prefix {CACHE} {LIGHTHOUSE_SPEC}")
    CACHE.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(["npm", "install", "--prefix", str(CACHE), "--no-audit", "--no-fund",
                           LIGHTHOUSE_SPEC], capture_output=True, text=True, timeout=900)
    if proc.returncode or not cli.is_file():
        raise BenchError(f"npm install {LIGHTHOUSE_SPEC} failed:\n{proc.stderr[-2000:]}")
    return cli


def run_lighthouse(cli: Path, url: str, out: Path) -> dict:
    flags = " ".join(CHROMIUM_ARGS + ["--headless=new"])
    proc = subprocess.run(
        ["node", str(cli), url, "--quiet", "--output=json", f"--output-path={out}",
         "--only-categories=performance,accessibility,best-practices,seo",
         f"--chrome-flags={flags}"],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=300)
    if proc.returncode or not out.is_file():
        raise BenchError(f"lighthouse {url} failed:\n{proc.stderr[-2000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def part_lighthouse(server: GzipServer, details: dict, runs: int, bare: GzipServer | None = None,
                    compared: list[Compared] | None = None) -> list[Figure]:
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        raise BenchError(f"Lighthouse needs Chromium at {CHROMIUM} "
                         "(sudo apt-get install chromium fonts-noto-cjk)")
    cli = lighthouse_cli()
    reports_dir = CACHE / "reports"
    reports_dir.mkdir(parents=True, exist_ok=True)
    figures = []
    for label, path in PAGES.items():
        reports, plain = [], []
        for n in range(runs):  # interleaved with the bare site: both see the same machine load
            log(f"lighthouse: {label} page (mobile preset), run {n + 1}/{runs}")
            reports.append(run_lighthouse(cli, server.url + path,
                                          reports_dir / f"lighthouse-{label}-{n + 1}.json"))
            if bare is not None:
                plain.append(run_lighthouse(cli, bare.url + path,
                                            reports_dir / f"lighthouse-bare-{label}-{n + 1}.json"))
        report = median_run(reports)
        chosen = reports.index(report) + 1
        log(f"lighthouse: {label}: median run is {reports_dir.relative_to(ROOT)}"
            f"/lighthouse-{label}-{chosen}.json")
        details[f"lighthouse {label}"] = {
            "version": report.get("lighthouseVersion"), "url path": "/" + path,
            "runs (performance, FCP s)": [
                (round(r["categories"]["performance"]["score"] * 100),
                 round(r["audits"]["first-contentful-paint"]["numericValue"] / 1000, 3))
                for r in reports]}
        figures += lighthouse_figures(report, label)
        figures[-3].note = f"median of {runs} runs"
        if plain and compared is not None:
            rows, targets = lighthouse_compared(label, reports, plain)
            compared += rows
            figures += targets
            details[f"lighthouse bare {label}"] = {
                "runs (performance, FCP s)": [
                    (round(r["categories"]["performance"]["score"] * 100),
                     round(r["audits"]["first-contentful-paint"]["numericValue"] / 1000, 3)) for r in plain]}
    return figures


# -- running it all -----------------------------------------------------------------------


def measure(name: str, run: Callable[[], list[Figure]], figures: list[Figure],
            skipped: dict[str, str]) -> None:
    """Run one part; a part that cannot run is reported, not fatal."""
    log(f"{name}: start")
    try:
        figures += run()
    except BenchError as exc:
        skipped[name] = str(exc)
        log(f"{name}: SKIPPED: {exc}")
    except Exception:  # a broken part must not hide the others' figures
        skipped[name] = traceback.format_exc(limit=3)
        log(f"{name}: ERROR:\n{skipped[name]}")


BROWSER_PARTS = {"weight": part_weight, "china": part_china, "search": part_search,
                 "offline": part_offline}


def measure_site(web: list[str], tmp: Path, lighthouse_runs: int, figures: list[Figure],
                 skipped: dict[str, str], details: dict, compared: list[Compared]) -> None:
    """Build the site and the bare Material site of the same Markdown, each for
    a gzip server on 127.0.0.1, and run the browser parts (one Chromium) and
    Lighthouse against them."""
    project = copy_project(tmp / "web")
    server = GzipServer(project / "site")
    log(f"building the site for {server.url}")
    try:
        build(project, project / "site", "--strict", env=mkdocs_env(SITE_URL=server.url))
        plain = bare_project(project, tmp / "web-bare")
        bare = GzipServer(plain / "site")
        build(plain, plain / "site", env=mkdocs_env(SITE_URL=bare.url))
    except BenchError as exc:
        skipped.update({name: str(exc) for name in web})
        log(f"the site does not build; not measured: {', '.join(web)}")
        return
    with server, bare:
        in_browser = [p for p in web if p in BROWSER_PARTS]
        reason = chromium_missing_reason() if in_browser else None
        if reason:
            skipped.update({name: reason for name in in_browser})
            log(f"{', '.join(in_browser)}: SKIPPED: {reason}")
        elif in_browser:
            from browser import chromium
            browsing = Browsing()
            with chromium() as browser:
                for name in in_browser:
                    run = partial(BROWSER_PARTS[name], browser, server, browsing)
                    if name == "weight":
                        run = partial(run, bare=bare, compared=compared)
                    measure(name, run, figures, skipped)
            if any(name not in skipped for name in in_browser):
                figures.append(Figure("weight", "off-site requests", len(browsing.offsite), "", 0,
                                      note=", ".join(sorted(set(browsing.offsite)))
                                      or f"of {len(browsing.requests)} requests"))
        if "lighthouse" in web:
            measure("lighthouse", lambda: part_lighthouse(server, details, lighthouse_runs, bare, compared),
                    figures, skipped)


def environment() -> dict:
    def version(cmd: list[str]) -> str | None:
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            return None

    from importlib.metadata import version as pkg
    return {
        "commit": version(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]),
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "python": platform.python_version(), "mkdocs": pkg("mkdocs"),
        "mkdocs-material": pkg("mkdocs-material"), "cpus": os.cpu_count(),
        "load average": [round(x, 2) for x in os.getloadavg()],
        "chromium": version([CHROMIUM, "--version"]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="cold builds of each kind (default 5)")
    parser.add_argument("--lighthouse-runs", type=int, default=3,
                        help="Lighthouse runs per page; the median run is reported (default 3)")
    parser.add_argument("--skip", action="append", default=[], choices=PARTS, help="skip a part")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT,
                        help=f"JSON written here (default {DEFAULT_OUTPUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    parts = [p for p in PARTS if p not in args.skip]
    figures: list[Figure] = []
    skipped: dict[str, str] = {p: "skipped with --skip" for p in args.skip}
    details: dict = {}
    compared: list[Compared] = []
    env = environment()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp_name:
        tmp = Path(tmp_name)
        if "build" in parts:
            measure("build", lambda: part_build(args.runs, tmp), figures, skipped)
        web = [p for p in parts if p != "build"]
        if web:
            measure_site(web, tmp, args.lighthouse_runs, figures, skipped, details, compared)
    figures.sort(key=lambda f: PARTS.index(f.part))
    print(format_table(figures))
    if compared:
        print("\nSide by side with bare Material (same Markdown):\n" + format_comparison(compared))
    for name, reason in skipped.items():
        print(f"\n{name}: not measured: {reason.strip()}")
    print("\n" + summary(figures))
    result = {"environment": env, "figures": [f.as_dict() for f in figures],
              "side by side": [{**asdict(c), "ratio": c.ratio} for c in compared],
              "not measured": skipped, "details": details}
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    log(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
