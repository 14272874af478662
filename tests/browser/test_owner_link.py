"""The owner's terminal link (hooks/handbook/transfer.py) opened in another
browser, in Chromium at phone size: a personal `mkdocs build` prints the
link for the public site's address; opened there in a fresh context (the
phone), the panel asks, then imports the owner's values into that browser
only — every page shows them, the address bar keeps no fragment."""

from __future__ import annotations

import json

import pytest

from conftest import LOCAL_PROFILE, cli_build, copy_project, decode_link, write

pytestmark = pytest.mark.browser

STORAGE = "handbook.profile"


@pytest.fixture(scope="module")
def owner_link(served, tmp_path_factory) -> str:
    """The link a personal build prints for the served public site's address."""
    project = copy_project(tmp_path_factory.mktemp("owner") / "project")
    write(project / "profile.local.yml", LOCAL_PROFILE)
    printed = cli_build(project, env={"SITE_URL": served.url})
    assert printed.ok, printed.log
    links = [line for line in printed.log.split("\n") if line.startswith(served.url + "#")]
    assert len(links) == 1, printed.log
    return links[0]


def open_link(page, url: str, accept: bool) -> list[str]:
    """Open `url`, answering the panel's confirmation; what it asked."""
    asked: list[str] = []
    page.on("dialog", lambda d: (asked.append(d.message), d.accept() if accept else d.dismiss()))
    page.goto(url)
    page.wait_for_selector("[data-profile-open]:not([hidden])", state="attached")
    page.wait_for_function("() => !location.hash")
    return asked


def stored(page) -> dict | None:
    raw = page.evaluate(f"localStorage.getItem({STORAGE!r})")
    return None if raw is None else json.loads(raw)


def test_the_printed_link_imports_the_owners_values_after_asking(served, new_context, owner_link):
    assert decode_link(owner_link)["values"] == {"name": "李雷", "projects": ["智能客服", "质检平台"],
                                                 "monthly_salary": 15}
    page = new_context("phone-390").new_page()
    asked = open_link(page, owner_link, accept=True)
    assert len(asked) == 1 and all(label in asked[0] for label in ("姓名", "代表项目", "当前月薪"))  # asked first
    page.wait_for_function(f"() => localStorage.getItem({STORAGE!r}) !== null")
    assert stored(page) == {"name": "李雷", "projects.0": "智能客服", "projects.1": "质检平台", "monthly_salary": "15"}
    assert page.url == served.url  # the fragment is gone from the address bar
    page.goto(served.url + "opening/")
    assert page.locator('[data-profile="name"]').first.inner_text() == "李雷"
    assert page.locator('[data-profile="projects.1"]').first.inner_text() == "质检平台"
    page.goto(served.url + "salary/")
    assert page.locator('[data-profile="monthly_salary"]').first.inner_text() == "15K"


def test_declining_imports_nothing(served, new_context, owner_link):
    """Control: the same link, the question answered no — the public values stay."""
    page = new_context("phone-390").new_page()
    assert open_link(page, owner_link, accept=False)
    assert stored(page) is None
    page.goto(served.url + "opening/")
    assert page.locator('[data-profile="name"]').first.inner_text() == "〔姓名〕"
