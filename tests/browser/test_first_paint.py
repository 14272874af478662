"""The first screen paints from the inline critical CSS alone exactly as it
looks once every stylesheet arrived (hooks/handbook/output/critical.py):
no flash of unstyled content, at phone and laptop size, in both colour
schemes and in practice mode."""

from __future__ import annotations

import re

import pytest

from .checks import Watch, first_screen_changes

pytestmark = pytest.mark.browser

CASES = [("phone-390", "light", False), ("phone-390", "dark", False), ("phone-390", "light", True),
         ("desktop", "dark", False)]


@pytest.mark.parametrize("viewport, scheme, practice", CASES)
@pytest.mark.parametrize("path", ["", "salary/"])
def test_the_first_screen_does_not_change_when_the_stylesheets_arrive(served, new_context, path,
                                                                     viewport, scheme, practice):
    # no service worker: its notice that the offline copy is complete (offline.js)
    # shows on its own time, whatever the stylesheets do
    context = new_context(viewport, color_scheme=scheme, service_workers="block")
    if practice:
        context.add_init_script("localStorage.setItem('handbook.practice', 'on')")
    name = f"{path.strip('/') or 'home'}-{viewport}-{scheme}{'-practice' if practice else ''}"
    assert first_screen_changes(context, served.url + path, name) == []


def test_the_check_sees_a_first_screen_painted_without_the_critical_css(served, new_context):
    context = new_context("phone-390", service_workers="block")
    url = served.url + "salary/"

    def without_critical(route):
        body = route.fetch().text()
        route.fulfill(content_type="text/html; charset=utf-8",
                      body=re.sub(r"(<style data-handbook-critical>).*?(</style>)", r"\1\2", body, flags=re.S))

    context.route(url, without_critical)
    assert first_screen_changes(context, url, "negative-no-critical")


def test_the_stylesheets_apply_and_nothing_is_refused(served, phone):
    watch = Watch(phone, served.url)
    phone.goto(served.url + "rights/")
    phone.wait_for_function("() => !document.querySelector('style[data-handbook-critical]')")
    assert phone.evaluate("[...document.querySelectorAll('link[data-handbook-stylesheet]')]"
                          ".every(l => l.media === 'all' && l.sheet)")
    assert watch.problems() == []


KEPT_JS = """async (url) => {
  const keys = (await caches.keys()).filter((k) => k.startsWith("handbook-"));
  const found = keys.length ? await (await caches.open(keys[0])).match(url) : null;
  return found ? await found.text() : null;
}"""


def offline_copy_problems(page, url: str) -> list[str]:
    """What is wrong with the offline copy of the page at `url`: it should be
    kept without its inline critical CSS, its stylesheets linked as usual."""
    text = page.evaluate(KEPT_JS, url)
    if text is None:
        return [f"{url} is not in the offline copy"]
    problems = []
    if re.search(r"<style data-handbook-critical>.+?</style>", text, re.S):
        problems.append(f"{url}: the offline copy carries the critical CSS")
    if 'media="print" data-handbook-stylesheet' in text:
        problems.append(f"{url}: the offline copy defers its stylesheets")
    return problems


def test_the_offline_copy_keeps_pages_without_the_inline_css_and_they_paint_styled(served, new_context):
    from .test_offline import first_visit

    context = new_context("phone-390")
    page = context.new_page()
    assert first_visit(page, served) == []
    for path in ("", "rights/"):
        assert offline_copy_problems(page, served.url + path) == []
    with served.switch.off(context):
        page.goto(served.url + "rights/")
        assert page.evaluate("document.querySelector('style[data-handbook-critical]') === null")
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") \
            == "rgb(64, 81, 181)"


def test_the_offline_copy_check_sees_a_page_kept_as_it_came(project, serve_project, new_context):
    from .test_offline import change_worker, first_visit

    change_worker(project, ("async function kept(response) {", "async function kept(response) {\n  return response;"))
    served = serve_project(project)
    page = new_context("phone-390").new_page()
    assert first_visit(page, served) == []
    assert offline_copy_problems(page, served.url + "rights/") == [
        f"{served.url}rights/: the offline copy carries the critical CSS",
        f"{served.url}rights/: the offline copy defers its stylesheets"]
