"""`mkdocs serve` as the owner runs it, in a subprocess on a free port: every
input of the output is watched (hooks/handbook/build.py HandbookBuild.watched)
and a save shows on the served page without a restart — profile.local.yml
(also created and deleted while serving), profile.yml, the data files, the
templates of overrides/ and the code of hooks/handbook/ — with no rebuild loop."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from handbook.output import critical

from conftest import decode_link, edit, write

pytestmark = pytest.mark.cli

PUBLIC_ADDRESS = "https://owner.example/handbook/"
WAIT = 90  # seconds a change may take to show on a machine shared with other builds


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Serve:
    """`mkdocs serve` of a project, its log collected line by line."""

    def __init__(self, project: Path, log_file: Path | None = None) -> None:
        port = free_port()
        self.url = f"http://127.0.0.1:{port}/handbook/"  # the mount path of the public address
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": PUBLIC_ADDRESS},
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8", bufsize=1)
        self.lines: list[str] = []
        self.log_file = log_file
        threading.Thread(target=self.read, daemon=True).start()
        self.wait(lambda: any("Serving on" in line for line in self.lines), "the first build")

    def read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line)
            if self.log_file:  # like `mkdocs serve 2>&1 | tee serve.log`
                with self.log_file.open("a", encoding="utf-8") as f:
                    f.write(line)

    @property
    def log(self) -> str:
        return "".join(self.lines)

    def links(self) -> list[str]:
        """The import links printed so far."""
        return [line.strip() for line in self.lines if line.startswith(PUBLIC_ADDRESS + "#")]

    def count(self, text: str) -> int:
        return sum(text in line for line in self.lines)

    def page(self, path: str = "") -> BeautifulSoup:
        with urllib.request.urlopen(self.url + path, timeout=30) as response:
            return BeautifulSoup(response.read().decode("utf-8"), "html.parser")

    def wait(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + WAIT
        while not condition():
            if self.proc.poll() is not None:
                raise AssertionError(f"mkdocs serve exited while waiting for {what}:\n{self.log}")
            if time.monotonic() > deadline:
                raise AssertionError(f"no {what} within {WAIT} s:\n{self.log[-4000:]}")
            time.sleep(0.2)

    def wait_for_page(self, path: str, condition: Callable[[BeautifulSoup], bool], what: str) -> None:
        def shows() -> bool:
            try:
                return condition(self.page(path))
            except urllib.error.URLError:  # mid-rebuild
                return False
        self.wait(shows, what)

    def settled_builds(self, quiet: float = 4.0) -> int:
        """The number of builds once the log has been still for `quiet` seconds
        (mkdocs polls every 0.5 s: a rebuild loop never goes quiet that long)."""
        seen, deadline = -1, time.monotonic() + WAIT
        while seen != len(self.lines):
            if time.monotonic() > deadline:
                raise AssertionError(f"still building after {WAIT} s (a rebuild loop?):\n{self.log[-4000:]}")
            seen = len(self.lines)
            time.sleep(quiet)
        return self.count("Building documentation...")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture
def serve(project):
    servers: list[Serve] = []

    def start(log_file: Path | None = None) -> Serve:
        servers.append(Serve(project, log_file))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


def name(page: BeautifulSoup) -> str:
    return page.select_one('[data-profile="name"]').get_text()


def noindex(page: BeautifulSoup) -> bool:
    return bool(page.select('meta[name="robots"][content="noindex"]'))


def test_creating_saving_and_deleting_the_local_profile_shows_at_once(project, serve):
    server = serve(log_file=project / "serve.log")  # a file beside the profiles, written by every build
    local = project / "profile.local.yml"
    assert name(server.page("opening/")) == "〔姓名〕" and not noindex(server.page("opening/"))
    assert "'hooks'" in server.log and "'overrides'" in server.log  # "Watching paths…"
    # the local preview links its stylesheets plainly: no critical CSS to rebuild on every save
    home = server.page()
    assert home.find("style", attrs={critical.STYLE_MARK: True}) is None
    assert [link.get("media") for link in home.select("head link[rel=stylesheet]")] == [None]

    write(local, "name: 李雷\n")  # created while serving: personal
    server.wait_for_page("opening/", lambda p: name(p) == "李雷" and noindex(p), "personal page after creating it")
    server.wait(lambda: len(server.links()) == 1, "the printed import link")
    assert decode_link(server.links()[0])["values"] == {"name": "李雷"}  # for the public address, not serve's

    write(local, "name: 韩梅梅\nmonthly_salary: 18\n")  # saved: the new values
    server.wait_for_page("opening/", lambda p: name(p) == "韩梅梅", "the saved name")
    assert server.page("salary/").select_one('[data-profile="monthly_salary"]').get_text() == "18K"
    server.wait(lambda: len(server.links()) == 2, "the link of the saved values")
    assert decode_link(server.links()[1])["values"] == {"name": "韩梅梅", "monthly_salary": 18}

    local.unlink()  # deleted while serving: public again
    server.wait_for_page("opening/", lambda p: name(p) == "〔姓名〕" and not noindex(p), "public page after deleting")
    assert server.settled_builds() == 4  # the first build and one per change: no loop
    assert "Watching profile.yml and profile.local.yml beside mkdocs.yml" in server.log
    assert "WARNING" not in server.log and "Traceback" not in server.log


def test_the_public_profile_data_files_templates_and_code_are_watched_too(project, serve):
    server = serve()
    changes = [
        ("profile.yml", lambda: edit(project / "profile.yml", "name:\n", "name: 示例姓名\n"),
         "opening/", lambda p: name(p) == "示例姓名"),
        ("answers.yml", lambda: edit(project / "hooks/handbook/data/answers.yml",
                                     "title: 你为什么考虑看新的机会？", "title: 为什么在看新机会？"),
         "opening/", lambda p: p.select_one("h2#motivation").get_text(strip=True).startswith("为什么在看新机会？")),
        ("a partial of overrides/", lambda: edit(project / "overrides/partials/profile-value.html",
                                                 'data-profile="{{ key | e }}"',
                                                 'data-profile="{{ key | e }}" data-watched'),
         "opening/", lambda p: p.select_one('[data-profile="name"][data-watched]') is not None),
        ("the code of hooks/handbook/", lambda: edit(project / "hooks/handbook/profile.py",
                                                     'return f"〔{label}〕"', 'return f"〔待填：{label}〕"'),
         "opening/", lambda p: p.select_one('[data-profile="school"]').get_text() == "〔待填：毕业院校〕"),
    ]
    for what, change, path, shows in changes:
        change()
        server.wait_for_page(path, shows, f"the change of {what} on the page")
    assert "hooks/handbook/ changed: its code was imported again" in server.log
    assert "hooks/pipeline.py changed" not in server.log

    with (project / "hooks/pipeline.py").open("a", encoding="utf-8") as f:
        f.write("\n# edited\n")  # the one file a rebuild cannot run: it says so
    server.wait(lambda: "hooks/pipeline.py changed: MkDocs loads a hook once, restart 'mkdocs serve'"
                in server.log, "the note that the hook itself needs a restart")
    assert server.settled_builds() == 2 + len(changes)
    assert "Traceback" not in server.log
