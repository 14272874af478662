"""The benchmark script's pure helpers and its gzip server (fast: no build,
no browser, no Lighthouse). The figures themselves never fail the suite."""

import gzip
import json
import urllib.request

import pytest

import bench
from bench import (BenchError, Figure, GzipServer, accepts_gzip, baseline_problems, format_table,
                   gzip_size, is_loopback, lighthouse_figures, median, render_blocking_urls,
                   site_file, summary, yaml_block)
from conftest import ROOT


def test_median_of_odd_and_even_counts():
    assert median([3, 1, 2]) == 2
    assert median([4, 1, 3, 2]) == 2.5
    with pytest.raises(ValueError):
        median([])


def test_gzip_size_is_deterministic_and_compresses_text_only():
    text = ("面试问答速查 " * 500).encode()
    assert gzip_size(text) == gzip_size(text) < len(text) / 10
    assert gzip_size(text) == len(gzip.compress(text, 6, mtime=0))
    noise = bytes(range(256)) * 4
    assert gzip_size(noise) > len(noise) / 10


@pytest.mark.parametrize("value, op, target, expected", [
    (1.2, "<=", 1.5, True), (1.6, "<=", 1.5, False), (1.5, "<=", 1.5, True),
    (100, ">=", 100, True), (99, ">=", 100, False),
    (None, "<=", 1.0, None), (3.0, "<=", None, None),
])
def test_figure_passes_against_its_target(value, op, target, expected):
    assert Figure("p", "n", value, "s", target, op).passed is expected


def test_table_shows_value_target_and_verdict_in_aligned_columns():
    figures = [Figure("build", "构建比", 1.2, "×", 1.5),
               Figure("weight", "home first load", 100 * 1024, "B", 90 * 1024),
               Figure("offline", "offline precache", None, "B", 150 * 1024, note="no sw"),
               Figure("build", "bare", 0.9, "s")]
    lines = format_table(figures).splitlines()
    assert lines[0].split() == ["part", "figure", "value", "target", "result", "note"]
    assert "1.20 ×" in lines[2] and "≤ 1.50 ×" in lines[2] and "pass" in lines[2]
    assert "100.0 KB" in lines[3] and "≤ 90.0 KB" in lines[3] and "FAIL" in lines[3]
    assert "—" in lines[4] and "skip" in lines[4] and lines[4].endswith("no sw")
    assert "pass" not in lines[5] and "FAIL" not in lines[5]
    # the value column starts at the same terminal column on every row (CJK = 2 columns)
    starts = {bench.display_width(line[:line.index(v)]) for line, v in
              zip(lines[2:], ("1.20", "100.0", "—", "0.90"))}
    assert len(starts) == 1
    assert summary(figures) == "1/2 targets met, 1 not measured: missed weight/home first load"


@pytest.mark.parametrize("header, expected", [
    ("gzip, deflate, br", True), ("br;q=1.0, gzip;q=0.8", True), ("*", True),
    ("gzip;q=0", False), ("br", False), ("", False), (None, False), ("x-gzip-not", False),
])
def test_accepts_gzip_honours_q_values(header, expected):
    assert accepts_gzip(header) is expected


@pytest.mark.parametrize("url, expected", [
    ("http://127.0.0.1:8000/", True), ("http://127.9.9.9/x", True), ("http://localhost/", True),
    ("data:image/svg+xml,<svg/>", True),
    ("https://fonts.googleapis.com/css", False), ("http://10.0.0.1/", False),
    ("http://127.0.0.1.evil.example/", False), ("http://192.168.1.1/", False),
])
def test_only_loopback_counts_as_on_this_machine(url, expected):
    assert is_loopback(url) is expected


def test_yaml_block_copies_the_markdown_extensions_of_mkdocs_yml():
    block = yaml_block((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), "markdown_extensions")
    assert block.startswith("markdown_extensions:\n") and "pymdownx.superfences" in block
    assert "slugify: !!python/object/apply:pymdownx.slugs.slugify" in block
    assert "extra_css" not in block and "hooks" not in block
    with pytest.raises(BenchError, match="no top-level 'nav:'"):
        yaml_block("site_name: x\n  nav: indented\n", "nav")


def test_render_blocking_urls_are_head_stylesheets_and_sync_scripts():
    html = """<html><head>
      <link rel="stylesheet" href="assets/main.css">
      <link rel="stylesheet" href="print.css" media="print">
      <link rel="preload" href="font.woff2" as="font">
      <script src="sync.js"></script><script src="d.js" defer></script>
      <script src="a.js" async></script><script type="module" src="m.js"></script>
      <script>inline()</script><noscript><link rel="stylesheet" href="nojs.css"></noscript>
      <link rel="stylesheet" href="after.css">
    </head><body><link rel="stylesheet" href="late.css"><script src="body.js"></script></body></html>"""
    assert render_blocking_urls(html, "http://127.0.0.1:1/sub/") == [
        "http://127.0.0.1:1/sub/assets/main.css", "http://127.0.0.1:1/sub/sync.js",
        "http://127.0.0.1:1/sub/after.css"]
    assert render_blocking_urls("<html><head></head><body></body></html>", "http://x/") == []


def test_site_file_maps_urls_to_built_files(tmp_path):
    (tmp_path / "salary").mkdir()
    (tmp_path / "salary" / "index.html").write_text("x")
    (tmp_path / "index.html").write_text("x")
    base = "http://127.0.0.1:5/"
    assert site_file(base, base, tmp_path) == tmp_path / "index.html"
    assert site_file(base + "salary/", base, tmp_path) == tmp_path / "salary" / "index.html"
    assert site_file(base + "salary/index.html?v=1", base, tmp_path) == tmp_path / "salary" / "index.html"
    assert site_file(base + "missing.js", base, tmp_path) is None
    assert site_file("http://127.0.0.1:6/salary/", base, tmp_path) is None
    assert site_file(base + "../etc/passwd", base, tmp_path) is None


def lighthouse_report(perf=1.0, a11y=0.96):
    refs = [{"id": "first-contentful-paint", "weight": 10}, {"id": "diagnostics", "weight": 0}]
    return {
        "categories": {
            "performance": {"score": perf, "auditRefs": refs},
            "accessibility": {"score": a11y, "auditRefs": [{"id": "color-contrast", "weight": 7}]},
            "best-practices": {"score": 1.0, "auditRefs": []},
            "seo": {"score": None, "auditRefs": []},
        },
        "audits": {"first-contentful-paint": {"score": 0.97, "numericValue": 1065.4},
                   "diagnostics": {"score": 0.5}, "color-contrast": {"score": 0},
                   "largest-contentful-paint": {"score": 1, "numericValue": 1200},
                   "total-blocking-time": {"score": 1, "numericValue": 33.2}},
    }


def test_lighthouse_figures_scores_timings_and_failing_audits():
    figures = {f.name: f for f in lighthouse_figures(lighthouse_report(), "home")}
    assert figures["home performance"].value == 100 and figures["home performance"].passed
    assert figures["home performance"].note == "first-contentful-paint (0.97)"  # weight 0 ignored
    assert figures["home accessibility"].value == 96 and figures["home accessibility"].passed is False
    assert figures["home accessibility"].note == "color-contrast (0)"
    assert figures["home SEO"].value is None and figures["home SEO"].passed is None
    assert figures["home FCP"].value == 1.065 and figures["home FCP"].passed is False
    assert figures["home TBT"].value == 33.2 and figures["home TBT"].unit == "ms"


def fetch(url, encoding=None):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_gzip_server_compresses_when_the_client_accepts_it(tmp_path):
    text = "body { color: red; }\n" * 200
    (tmp_path / "a.css").write_text(text)
    (tmp_path / "index.html").write_text("<h1>首页</h1>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<h1>没有</h1>", encoding="utf-8")
    (tmp_path / "img.png").write_bytes(b"\x89PNG" + bytes(2000))
    with GzipServer(tmp_path) as server:
        status, headers, body = fetch(server.url + "a.css", "gzip, br")
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body).decode() == text and len(body) == gzip_size(text.encode())
        status, headers, body = fetch(server.url + "a.css", "gzip;q=0")
        assert "Content-Encoding" not in headers and body.decode() == text
        _, headers, _ = fetch(server.url + "img.png", "gzip")
        assert "Content-Encoding" not in headers
        status, _, body = fetch(server.url)
        assert status == 200 and "首页" in body.decode()
        status, _, body = fetch(server.url + "nope/")
        assert status == 404 and "没有" in body.decode()
        sent = server.take()
        assert [s.path for s in sent] == ["/a.css", "/a.css", "/img.png", "/", "/nope/"]
        assert sent[0].encoding == "gzip" and sent[0].body_bytes == gzip_size(text.encode())
        assert sent[1].encoding == "" and sent[1].body_bytes == len(text)
        assert server.take() == []


def figure_dict(**changes):
    return {**Figure("build", "ratio", 1.2, "×", 1.5).as_dict(), **changes}


def test_baseline_problems_names_what_is_missing():
    good = {"environment": {"commit": "abc"}, "figures": [figure_dict()], "not measured": {}}
    assert baseline_problems(good) == []
    assert baseline_problems({"figures": []}) == ["no environment", "no figures"]
    bad = {**good, "figures": [figure_dict(passed=False, value=1.2)]}
    assert baseline_problems(bad) == ["build/ratio: 'passed' is False, its value and target say True"]


def test_committed_baseline_is_a_well_formed_run_of_every_part():
    result = json.loads((ROOT / "tests" / "bench-baseline.json").read_text(encoding="utf-8"))
    assert baseline_problems(result) == []
    measured = {f["part"] for f in result["figures"]} | set(result["not measured"])
    assert measured == set(bench.PARTS)


def test_readme_documents_the_benchmark_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## 性能基准 / Benchmarks", 1)[1].split("\n## ", 1)[0]
    assert ".venv/bin/python tests/bench.py" in section
    assert "tests/bench-baseline.json" in section


def run(fcp, tbt, tag):
    return {"tag": tag, "audits": {"first-contentful-paint": {"numericValue": fcp},
                                   "total-blocking-time": {"numericValue": tbt}}}


def test_median_run_is_the_run_closest_to_the_median_fcp_then_tbt():
    assert bench.median_run([run(1500, 90, "slow"), run(1000, 40, "mid"), run(900, 30, "fast")])["tag"] == "mid"
    assert bench.median_run([run(1000, 300, "a"), run(1000, 50, "b"), run(1000, 60, "c")])["tag"] == "c"
    assert bench.median_run([run(1000, 0, "only")])["tag"] == "only"
    with pytest.raises(ValueError):
        bench.median_run([])


@pytest.mark.parametrize("markdown, url", [
    ("index.md", ""), ("salary.md", "salary/"), ("guide/index.md", "guide/"), ("a/b.md", "a/b/"),
])
def test_page_url_follows_mkdocs_directory_urls(markdown, url):
    assert bench.page_url(markdown) == url


def test_measured_pages_come_from_the_manifest(manifest):
    assert bench.PAGES["answer"] == bench.page_url(manifest.answer(bench.ANSWER_ID).page) != ""
    assert (ROOT / "docs" / manifest.answer(bench.EDITED_ANSWER_ID).page).is_file()


def test_plain_markdown_turns_answer_blocks_into_what_plain_material_reads():
    source = ("# 谈薪\n\n//// answer | expected-salary\n\n/// approach | 报价公式\n准确数字\n///\n\n"
              "回答正文\n\n/// basis\n- 第47条\n///\n\n////\n")
    plain = bench.plain_markdown(source, {"expected-salary": "你的期望薪资是多少？"})
    assert "## 你的期望薪资是多少？ { #expected-salary }" in plain
    assert '!!! tip "报价公式"\n    准确数字' in plain
    assert "### 依据\n- 第47条" in plain
    assert "///" not in plain and "回答正文" in plain


def test_plain_markdown_leaves_other_markdown_alone():
    source = "# 标题\n\n正文 // 注释\n\n- 列表\n"
    assert bench.plain_markdown(source, {}) == source


def lh(fcp, lcp, tbt, scores=(1, 1, 1, 1)):
    keys = [key for key, _ in bench.LIGHTHOUSE_CATEGORIES]
    return {"categories": {k: {"score": s} for k, s in zip(keys, scores)},
            "audits": {"first-contentful-paint": {"numericValue": fcp},
                       "largest-contentful-paint": {"numericValue": lcp},
                       "total-blocking-time": {"numericValue": tbt}}}


def test_side_by_side_compares_medians_and_sets_the_targets_on_them():
    own = [lh(800, 900, 40), lh(820, 950, 60), lh(900, 1000, 10, (1, 0.98, 1, 1))]
    bare = [lh(1300, 1400, 20), lh(1310, 1390, 30), lh(1290, 1380, 0)]
    rows, figures = bench.lighthouse_compared("home", own, bare)
    assert [(r.metric, r.own, r.bare, r.ratio) for r in rows] == [
        ("FCP", 0.82, 1.3, 0.63), ("LCP", 0.95, 1.39, 0.68), ("TBT", 40, 20, 2.0)]
    by_name = {f.name: f for f in figures}
    assert by_name["home FCP handbook/bare"].value == 0.63 and by_name["home FCP handbook/bare"].passed
    assert by_name["home LCP handbook/bare"].passed
    assert by_name["home TBT handbook − bare"].value == 20 and by_name["home TBT handbook − bare"].passed
    assert by_name["home runs scoring 100 × 4"].value == 2 and by_name["home runs scoring 100 × 4"].passed is False


def test_side_by_side_fails_a_slower_handbook():
    rows, figures = bench.lighthouse_compared("answer", [lh(1250, 1500, 120)], [lh(1300, 1400, 20)])
    assert [f.passed for f in figures] == [False, False, False, True]


def test_the_comparison_table_prints_handbook_bare_and_ratio():
    table = bench.format_comparison([bench.Compared("home", "FCP", 0.82, 1.3, "s"),
                                     bench.Compared("home", "first load", 80 * 1024, 100 * 1024, "B"),
                                     bench.Compared("answer", "requests", 9, 12),
                                     bench.Compared("answer", "TBT", None, 30, "ms")])
    lines = table.splitlines()
    assert [c.strip() for c in lines[0].strip("|").split("|")] == ["page", "figure", "handbook", "bare Material", "ratio"]
    assert [c.strip() for c in lines[2].strip("|").split("|")] == ["home", "FCP", "0.82 s", "1.30 s", "0.63"]
    assert [c.strip() for c in lines[3].strip("|").split("|")] == ["home", "first load", "80.0 KB", "100.0 KB", "0.80"]
    assert [c.strip() for c in lines[4].strip("|").split("|")] == ["answer", "requests", "9", "12", "0.75"]
    assert [c.strip() for c in lines[5].strip("|").split("|")] == ["answer", "TBT", "—", "30 ms", "—"]


def test_the_search_figure_counts_the_unthrottled_worker_at_the_throttling_rate():
    # Chromium throttles the page, not its workers: the worker's ms count 4 times
    assert bench.throttled_ms(30.0, 2.0) == 36.0
    assert bench.throttled_ms(30.0, 2.0, rate=1) == 30.0
    # no result, or no worker reply seen: a miss, never a fast sample
    assert bench.throttled_ms(None, 2.0) == bench.NO_RESULTS_MS
    assert bench.throttled_ms(30.0, None) == bench.NO_RESULTS_MS


def test_readme_shows_the_committed_side_by_side_table():
    result = json.loads((ROOT / "tests" / "bench-baseline.json").read_text(encoding="utf-8"))
    rows = [bench.Compared(**{k: v for k, v in row.items() if k != "ratio"}) for row in result["side by side"]]
    assert {(r.page, r.metric) for r in rows} == {(page, metric) for page in bench.PAGES for metric in
                                                 ("first load", "requests", "FCP", "LCP", "TBT")}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## 性能基准 / Benchmarks", 1)[1].split("\n## ", 1)[0]
    assert bench.format_comparison(rows) in section
    rows[0].own = (rows[0].own or 1) * 2  # a table of other figures is not the one shown
    assert bench.format_comparison(rows) not in section


def test_the_offline_figures_split_the_install_from_every_file(tmp_path):
    base = "http://127.0.0.1:1/sub/"
    for rel, text in {"index.html": "home", "a/index.html": "page a", "b/index.html": "page b",
                      "x.css": "p{}" * 50, "a/x/index.html": "stub"}.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    bodies = {base: b"home", base + "x.css": b"p{}" * 50, base + "a/": b"page a",
              "http://127.0.0.1:1/elsewhere": b"?"}
    install = {base, base + "x.css"}
    first, every, pages = bench.offline_figures(bodies, install, base, tmp_path, base + "sw.js", [base + "b/"],
                                                {base + "a/x/"})
    assert (first.name, first.value, first.target) == ("offline precache", bench.gzip_size(b"home")
                                                       + bench.gzip_size(b"p{}" * 50), 150 * 1024)
    assert first.note == "2 files installed at once by sw.js"
    assert (every.name, every.target) == ("offline after one visit: every file", None)
    assert every.value == first.value + bench.gzip_size(b"page a")
    assert every.note == "3 files; not in the site: 1; never cached: 1"
    assert (pages.value, pages.note) == (2, "of 3 pages; 1 answer addresses answered by the worker")
