"""The critical CSS (output/critical.py) worked out while MkDocs still renders the pages.

MkDocs renders the pages one after another in one process, and working out
the critical CSS after the last one was most of the handbook's own share of
a build (≈0.5 s of 2 s on a 2-core machine). A page's first screen depends
on that page alone, so a second process (forked: what the build imported is there)
parses and matches each page as soon as MkDocs has rendered it, while the
next one renders; the post-build step then waits only for the last page.

Its result is taken only for exactly the pages and stylesheets the built
site holds (compared text for text, the page counted whole the same);
otherwise, without a worker (a process running other threads is not forked,
nor one on macOS or Windows; `mkdocs serve` inlines no critical CSS) or
when it failed, the same computation runs in the build's own process: the
same bytes either way.
"""

from __future__ import annotations

import gc
import multiprocessing
import queue
import sys
import threading
import traceback
from collections.abc import Sequence

from . import critical

IDLE = 60.0  # seconds without a message after which the worker gives up (a build that stopped)
WAIT = 0.5   # how often the build checks that the worker it waits for is still alive


def work(inbox: multiprocessing.Queue, outbox: multiprocessing.Queue, stylesheets: list[str]) -> None:
    """The worker: each page as it comes, the first page (the home page)
    whole, the others' content; while none waits, the selectors compiled
    ahead. On ("end",) the critical CSS and the page whose screen counted
    whole; on ("stop",) nothing."""
    gc.disable()  # its garbage is small and dies with it; a collection would copy the forked memory
    try:
        selection = critical.Selection(stylesheets)
        ahead = iter(list(selection.matches.open))
        whole: str | None = None
        while True:
            try:
                message = inbox.get_nowait()
            except queue.Empty:
                key = next(ahead, None)
                if key is not None:
                    selection.matches.compile(key)
                    continue
                message = inbox.get(timeout=IDLE)
            if message[0] == "stop":
                return
            if message[0] == "end":
                outbox.put(("css", selection.css(), whole))
                return
            _, key, html, first = message
            if selection.add_page(html, whole=first) and first and whole is None:
                whole = key
    except queue.Empty:
        return
    except Exception:  # the build's own run of the same code reports it
        outbox.put(("error", traceback.format_exc(), None))
        drain(inbox)


def drain(inbox: multiprocessing.Queue) -> None:
    """Read what the build still sends, until it ends."""
    try:
        while inbox.get(timeout=IDLE)[0] not in ("end", "stop"):
            pass
    except queue.Empty:
        return


def other_threads() -> list[threading.Thread]:
    """Threads a fork could catch holding a lock: all but this one and the
    feeder threads of an earlier build's queues, which touch nothing else."""
    return [t for t in threading.enumerate()
            if t is not threading.current_thread() and t.name != "QueueFeederThread"]


class Ahead:
    """One build's worker, started with the stylesheets, sent each page as
    MkDocs writes it."""

    def __init__(self, stylesheets: Sequence[str]) -> None:
        self.stylesheets = list(stylesheets)
        self.sent: dict[str, str] = {}
        self.process = None
        if other_threads() or not sys.platform.startswith("linux"):  # macOS: fork is unsafe there
            return
        context = multiprocessing.get_context("fork")
        self.inbox, self.outbox = context.Queue(), context.Queue()
        # A build that stops before its end leaves pages unread: they must not hold this process at exit.
        self.inbox.cancel_join_thread()
        self.process = context.Process(target=work, args=(self.inbox, self.outbox, self.stylesheets),
                                       daemon=True, name="handbook-critical-css")
        gc.freeze()  # the objects so far: the worker's collections leave them (and their pages) alone
        try:
            self.process.start()
        finally:
            gc.unfreeze()

    def page(self, key: str, html: str, first: bool) -> None:
        if self.process is None:
            return
        self.sent[key] = html
        self.inbox.put(("page", key, html, first))

    def result(self, stylesheets: Sequence[str], pages: Sequence[tuple[str, str]]) -> str | None:
        """The worker's critical CSS if it worked on exactly `stylesheets` and
        `pages` ((key, text), the first counted whole), else None."""
        if self.process is None:
            return None
        try:
            if list(stylesheets) != self.stylesheets or dict(pages) != self.sent or not pages:
                return None
            self.inbox.put(("end",))
            answer = self.answer()
            return answer[1] if answer and answer[0] == "css" and answer[2] == pages[0][0] else None
        finally:
            self.stop()

    def answer(self) -> tuple | None:
        """The worker's answer; None when it died or gave none within IDLE
        seconds (a stuck worker never holds the build: it computes itself)."""
        for _ in range(int(IDLE / WAIT)):
            try:
                return self.outbox.get(timeout=WAIT)
            except queue.Empty:
                if not self.process.is_alive():
                    return None
        return None

    def stop(self) -> None:
        """End the worker (it reads what is left to it first)."""
        if self.process is None:
            return
        if self.process.is_alive():
            self.inbox.put(("stop",))
            self.process.join(IDLE)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()
        for q in (self.inbox, self.outbox):
            q.close()
        self.process = None


def critical_css(ahead: Ahead | None, stylesheets: Sequence[str],
                 pages: Sequence[tuple[str, str]]) -> tuple[str, str]:
    """critical.critical_css of the pages' texts, from the worker when it
    worked on exactly these; and where it was worked out ("worker" or "build")."""
    found = ahead.result(stylesheets, pages) if ahead is not None else None
    if found is not None:
        return found, "worker"
    return critical.critical_css(stylesheets, [text for _, text in pages]), "build"
