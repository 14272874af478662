"""A network switch for the offline browser tests (tests/test_offline_browser.py,
tests/test_print_sheet.py): cut a served site off, or make it hang."""

from __future__ import annotations

import functools
import threading


class NetworkSwitch:
    """Cuts a SiteServer off: while `cut`, every connection is closed without
    an answer (ERR_EMPTY_RESPONSE), also for the service worker's own fetches,
    which Playwright's set_offline does not reliably reach; while `hanging`,
    connections get no answer at all.

    Its handler also drops a connection idle for IDLE_SECONDS: Chromium keeps
    spare connections open, and SiteServer.stop() joins every handler thread,
    so an idle one would block the test until the browser quits."""

    IDLE_SECONDS = 5

    def __init__(self, server) -> None:
        partial = server.httpd.RequestHandlerClass
        base, directory = partial.func, partial.keywords["directory"]
        switch = self

        class Handler(base):
            timeout = NetworkSwitch.IDLE_SECONDS

            def handle(self) -> None:
                if switch.cut:
                    return
                if switch.hanging:  # a signal that is there but useless: never answers
                    switch.released.wait(60)
                    return
                super().handle()

        server.httpd.RequestHandlerClass = functools.partial(Handler, directory=directory)
        self.cut = False
        self.hanging = False
        self.released = threading.Event()

    def hang(self) -> None:
        self.hanging = True

    def release(self) -> None:
        self.hanging = False
        self.released.set()
