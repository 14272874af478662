"""A network switch for the offline browser tests: cut a served site off,
make it hang, drop the requests of some paths (a weak signal) or hold them
until let go; and the paths it was asked for."""

from __future__ import annotations

import functools
import threading
from contextlib import contextmanager
from typing import Iterator


class NetworkSwitch:
    """Cuts a SiteServer off: while `cut`, every connection is closed without
    an answer (ERR_EMPTY_RESPONSE), also for the service worker's own fetches,
    which Playwright's set_offline does not reliably reach; while `hanging`,
    connections get no answer at all."""

    def __init__(self, server) -> None:
        partial = server.httpd.RequestHandlerClass
        base, directory = partial.func, partial.keywords["directory"]
        switch = self

        class Handler(base):
            def handle(self) -> None:
                if switch.cut:
                    return
                if switch.hanging:  # a signal that is there but useless: never answers
                    switch.released.wait(60)
                    return
                super().handle()

            def send_head(self):
                # also on a connection kept alive from before the switch changed
                if switch.hanging:
                    switch.released.wait(60)
                if switch.cut or switch.hanging:
                    self.close_connection = True
                    return None
                path = self.path.split("?", 1)[0]
                switch.requests.append(path)
                if path in switch.dropped:  # the connection closes without an answer
                    self.close_connection = True
                    return None
                if path in switch.held:  # answered once let go
                    switch.let_go.wait(30)
                return super().send_head()

        server.httpd.RequestHandlerClass = functools.partial(Handler, directory=directory)
        self.cut = False
        self.hanging = False
        self.released = threading.Event()
        self.dropped: set[str] = set()  # paths (e.g. "/salary/") answered with nothing
        self.requests: list[str] = []   # the path of every request answered (or dropped)
        self.held: set[str] = set()     # paths answered only once `let_go` is set
        self.let_go = threading.Event()

    @contextmanager
    def off(self, context=None) -> Iterator[None]:
        """No network while inside: the server answers nothing and, with a
        browser context, the context is offline too (navigator.onLine false)."""
        self.cut = True
        if context is not None:
            context.set_offline(True)
        try:
            yield
        finally:
            self.cut = False
            if context is not None:
                context.set_offline(False)

    @contextmanager
    def hung(self) -> Iterator[None]:
        """Connections accepted but never answered while inside."""
        self.hanging = True
        self.released.clear()
        try:
            yield
        finally:
            self.hanging = False
            self.released.set()
