"""The critical CSS of the first screen (hooks/handbook/output/critical.py):
which rules of the stylesheets a first screen keeps, in which states."""

import threading

import pytest

from handbook.output import critical_worker
from handbook.output.critical import Selection, critical_css, last_compound, matchable
from handbook.output.critical_worker import Ahead
from handbook.output.critical_worker import critical_css as worker_css

PAGE = """<!doctype html><html class="no-js"><head></head>
<body data-md-color-scheme="default">
<header class="md-header"><button class="md-icon">x</button></header>
<div class="md-container"><main class="md-main"><div class="md-main__inner">
<div class="md-content"><article class="md-content__inner md-typeset">
<h1>标题</h1><p>一</p><p>二</p><p>三</p><p>四</p><p>五</p><p>六</p><p>七</p><p>八</p><p>九</p><p>十</p><p>十一</p><p>十二</p><p class="late">十三</p>
</article></div></div></main>
<footer class="md-footer"><p class="foot">页脚</p></footer></div>
<dialog class="panel"><p class="inside">面板</p></dialog><button class="reveal" hidden>显示</button>
</body></html>"""

OTHER = PAGE.replace('<h1>标题</h1>', '<h1>别页</h1><div class="admonition tip"><p>提示</p></div>')


def test_matching_ignores_interactive_states_and_keeps_structure():
    assert matchable(".md-icon:hover::before") == ".md-icon"
    assert matchable("a:focus-visible > span") == "a > span"
    assert matchable("li:first-child:not(.x)") == "li:first-child:not(.x)"
    assert matchable("::selection") == "*"
    assert last_compound(".a > .b .c:not(.d .e)") == ".c:not(.d .e)"
    assert last_compound(".a [data-x='p q']") == "[data-x='p q']"


def test_rules_of_the_first_screen_are_kept_in_their_order_and_the_rest_left_out():
    css = (".md-header{color:red}.md-icon:hover{color:blue}.foot{color:green}.inside{color:pink}"
           ".late{color:gray}.md-typeset h1,.unused{margin:0}.absent .md-icon{top:0}")
    assert critical_css([css], [PAGE]) == (".md-header{color:red}.md-icon:hover{color:blue}.foot{color:green}"
                                           ".md-typeset h1{margin:0}")


def test_every_page_content_counts_and_the_first_page_gives_the_rest():
    css = ".md-header{a:b}.admonition.tip{c:d}.tip p{e:f}"
    assert critical_css([css], [PAGE]) == ".md-header{a:b}"
    assert critical_css([css], [PAGE, OTHER]) == css


def test_both_schemes_practice_mode_and_material_js_class_are_first_paint_states():
    css = ("[data-md-color-scheme=slate]{--bg:#000}body{background:var(--bg)}"
           ".practice-mode .md-typeset p{display:none}.js .md-header{x:y}.no-js .md-header{z:w}"
           "[data-md-color-scheme=other]{q:r}.practice-mode .reveal:not([hidden]){display:inline}"
           ".reveal:not(.reveal){x:y}")
    assert critical_css([css], [PAGE]) == ("[data-md-color-scheme=slate]{--bg:#000}body{background:var(--bg)}"
                                           ".practice-mode .md-typeset p{display:none}"
                                           ".js .md-header{x:y}.no-js .md-header{z:w}"
                                           ".practice-mode .reveal:not([hidden]){display:inline}")


def test_only_used_custom_properties_media_and_keyframes_are_kept():
    css = (":root{--used:1px;--chain:var(--used);--unused:url(data:x);--fade:fade}"
           ".md-header{margin:var(--chain);animation:spin 1s}"
           "@keyframes spin{to{transform:rotate(1turn)}}@keyframes other{to{opacity:0}}"
           "@media screen and (min-width:60em){.md-header{padding:0}.unused{x:y}}"
           "@media print{.md-header{display:none}}@media screen{.unused{x:y}}")
    assert critical_css([css], [PAGE]) == (
        ":root{--used:1px;--chain:var(--used)}.md-header{margin:var(--chain);animation:spin 1s}"
        "@keyframes spin{to{transform:rotate(1turn)}}"
        "@media screen and (min-width:60em){.md-header{padding:0}}")


def test_a_selector_it_cannot_read_is_kept_and_important_survives():
    css = ".md-header:-moz-any(a){x:y}.md-icon{color:red!important}"
    kept = critical_css([css], [PAGE])
    assert ".md-icon{color:red!important}" in kept


def test_elements_of_one_kind_are_tried_once_but_sibling_and_child_selectors_see_all():
    page = PAGE.replace("<p>二</p>", '<p>二</p><p class="x" data-n="1">a</p><p class="x" data-n="2">b</p>')
    css = (".x+.x{a:b}.x:nth-child(4){c:d}.x:first-child{e:f}[data-n=\"2\"]{g:h}.x:empty{i:j}"
           ".x:has(span){k:l}")
    assert critical_css([css], [page]) == '.x+.x{a:b}.x:nth-child(4){c:d}[data-n="2"]{g:h}'


def test_an_edit_of_the_words_reuses_the_last_result_and_markup_does_not():
    css = ".md-header{a:b}.admonition.tip{c:d}"
    first = critical_css([css], [PAGE])
    assert critical_css([css], [PAGE.replace("标题", "新标题")]) is first
    assert critical_css([css], [OTHER]) == css  # new markup: computed again


def test_pages_after_the_first_give_the_same_rules_in_any_order():
    css = ".md-header{a:b}.admonition.tip{c:d}.tip p{e:f}.late{g:h}.x+.x{i:j}"
    third = PAGE.replace("<p>二</p>", '<p>二</p><p class="x">a</p><p class="x">b</p>')
    selection = Selection([css])
    for page, whole in ((third, False), (PAGE, True), (OTHER, False)):
        selection.add_page(page, whole=whole)
    assert selection.css() == critical_css([css], [PAGE, OTHER, third]) == ".md-header{a:b}.admonition.tip{c:d}.tip p{e:f}.x+.x{i:j}"


SHEET = ".md-header{a:b}.admonition.tip{c:d}.tip p{e:f}.foot{g:h}"


@pytest.fixture(autouse=True)
def forkable(monkeypatch):
    """A worker in this test process even when earlier tests left threads
    running (the servers of the browser tests): they hold nothing the
    worker's pure matching needs, and a stuck worker is given up after IDLE."""
    monkeypatch.setattr(critical_worker, "other_threads", lambda: [])


OTHER_THREADS = critical_worker.other_threads


def worked_ahead(pages: list[tuple[str, str, bool]]) -> Ahead:
    ahead = Ahead([SHEET])
    assert ahead.process is not None
    for key, html, first in pages:
        ahead.page(key, html, first)
    return ahead


def test_the_worker_gives_what_the_build_would_compute_itself():
    ahead = worked_ahead([("404.html", OTHER, False), ("index.html", PAGE, True)])
    pages = [("index.html", PAGE), ("404.html", OTHER)]
    assert ahead.result([SHEET], pages) == critical_css([SHEET], [PAGE, OTHER]) == SHEET
    assert ahead.process is None  # ended
    ahead = worked_ahead([("404.html", OTHER, False), ("index.html", PAGE, True)])
    assert worker_css(ahead, [SHEET], pages) == (SHEET, "worker")


def test_the_worker_is_not_taken_for_other_pages_stylesheets_or_first_page():
    changed = OTHER.replace('class="admonition tip"', 'class="admonition"')
    cases = [([SHEET], [("index.html", PAGE), ("404.html", changed)]),   # a page changed after it was sent
             ([SHEET], [("index.html", PAGE)]),                          # one it worked on is not in the site
             ([SHEET + ".x{y:z}"], [("index.html", PAGE), ("404.html", OTHER)]),
             ([SHEET], [("404.html", OTHER), ("index.html", PAGE)])]     # another page counts whole
    for sheets, pages in cases:
        ahead = worked_ahead([("404.html", OTHER, False), ("index.html", PAGE, True)])
        assert ahead.result(sheets, pages) is None
        assert ahead.process is None
    ahead = worked_ahead([("404.html", OTHER, False), ("index.html", PAGE, True)])
    pages = [("index.html", PAGE), ("404.html", changed)]
    assert worker_css(ahead, [SHEET], pages) == (critical_css([SHEET], [PAGE, changed]), "build")
    assert critical_css([SHEET], [PAGE, changed]) == ".md-header{a:b}.foot{g:h}"


def test_a_worker_that_died_leaves_the_work_to_the_build():
    ahead = worked_ahead([("index.html", PAGE, True)])
    ahead.process.kill()
    assert worker_css(ahead, [SHEET], [("index.html", PAGE)]) == (critical_css([SHEET], [PAGE]), "build")
    assert ahead.process is None


def test_a_process_running_another_thread_is_not_forked(monkeypatch):
    monkeypatch.setattr(critical_worker, "other_threads", OTHER_THREADS)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, name="a server")
    thread.start()
    try:
        ahead = Ahead([SHEET])
        assert ahead.process is None
        assert worker_css(ahead, [SHEET], [("index.html", PAGE)]) == (critical_css([SHEET], [PAGE]), "build")
    finally:
        stop.set()
        thread.join()
