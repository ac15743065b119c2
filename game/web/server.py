"""The web server of `corridor serve`: textual-serve's `Server`, which starts one game process
per browser tab (a shell command run under Textual's web driver) and relays the tab's terminal
over a websocket, with what Corridor needs on top: its own page (templates/), a plain
start-up message, page addresses taken from the request (so that a page opened from another
machine connects back to the address it was loaded from), and every tab stopped when the
server stops."""

from __future__ import annotations

import asyncio
import logging
import shlex
import sys
from pathlib import Path

from aiohttp import web
from textual_serve.server import Server

TEMPLATES = Path(__file__).with_name("templates")  # the page: see templates/app_index.html
STOP_TABS_TIMEOUT = 10.0  # seconds a tab's game gets to quit when the server stops


def tab_command(scenario: Path, seed: int | None, saves_dir: str | None) -> str:
    """The shell command textual-serve runs for each tab: this Python, `game.web.tab`; `exec`,
    so that the game itself (not a shell) reads the tab's input and receives signals."""
    words = ["exec", sys.executable, "-m", "game.web.tab", str(scenario)]
    if seed is not None:
        words += ["--seed", str(seed)]
    if saves_dir is not None:
        words += ["--saves-dir", saves_dir]
    return shlex.join(words)


class CorridorServer(Server):
    """Serves the game; `serve()` returns when the server is stopped (Ctrl+C or SIGTERM)."""

    def __init__(self, command: str, host: str, port: int, *, banner: str) -> None:
        super().__init__(command, host=host, port=port, title="Corridor", templates_path=TEMPLATES)
        self.banner = banner
        self._tabs: set[asyncio.Task[object]] = set()

    def initialize_logging(self) -> None:
        super().initialize_logging()
        # textual-serve logs every request; the console keeps warnings and errors (a tab's game
        # that fails to start, say) for the person running the server.
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    async def on_startup(self, app: web.Application) -> None:
        print(self.banner, flush=True)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        # textual-serve writes absolute addresses into the page (scripts, the websocket) from
        # `public_url`; the address the browser used is the one that reaches this server. The
        # page is rendered without awaiting anything in between, so requests do not mix.
        self.public_url = f"{request.scheme}://{request.host}"
        return await super().handle_index(request)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab: textual-serve starts its game process and relays it until the tab closes."""
        task = asyncio.current_task()
        if task is not None:
            self._tabs.add(task)
        try:
            return await super().handle_websocket(request)
        finally:
            if task is not None:
                self._tabs.discard(task)

    async def on_shutdown(self, app: web.Application) -> None:
        """Stop every tab: each relay, cancelled, tells its game to quit and waits for it."""
        tabs = list(self._tabs)
        for task in tabs:
            task.cancel()
        if tabs:
            await asyncio.wait(tabs, timeout=STOP_TABS_TIMEOUT)
