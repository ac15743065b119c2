"""Reading what a player sees, as text: the terminal a browser page was sent (textual-serve's
websocket frames, read by Playwright) and the one a program draws in a pseudo-terminal, both
decoded by pyte, a VT100/xterm emulator."""

from __future__ import annotations

import json
import os
import re
import select
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pyte


class Screen:
    """A pyte screen fed with what a program wrote; `text()` is what it shows."""

    def __init__(self, columns: int = 80, lines: int = 24) -> None:
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)

    def feed(self, data: bytes) -> None:
        self.stream.feed(data)

    def resize(self, columns: int, lines: int) -> None:
        self.screen.resize(lines, columns)

    @property
    def size(self) -> tuple[int, int]:
        return self.screen.columns, self.screen.lines

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.screen.display)

    def background(self, x: int, y: int) -> str:
        return str(self.screen.buffer[y][x].bg)


def wait_for(
    read: Callable[[], str], pattern: str, pause: Callable[[], None], timeout: float = 30.0
) -> re.Match[str]:
    """Poll `read()` until `pattern` (a regular expression) is on it; fail with the screen."""
    deadline = time.monotonic() + timeout
    while True:
        found = re.search(pattern, read())
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"{pattern!r} not on screen after {timeout} s:\n{read()}")
        pause()


def wait_gone(
    read: Callable[[], str], pattern: str, pause: Callable[[], None], timeout: float = 30.0
) -> None:
    """Poll `read()` until `pattern` is no longer on it."""
    deadline = time.monotonic() + timeout
    while re.search(pattern, read()):
        if time.monotonic() > deadline:
            raise AssertionError(f"{pattern!r} still on screen after {timeout} s:\n{read()}")
        pause()


class BrowserScreen(Screen):
    """The terminal of a textual-serve page, rebuilt from the websocket frames the page
    received and the sizes it sent, in the order they passed."""

    def __init__(self, page: Any) -> None:
        super().__init__()
        self.page = page
        self.frames: list[tuple[str, bytes | str]] = []
        page.on("websocket", self._watch)

    def _watch(self, websocket: Any) -> None:
        websocket.on("framereceived", lambda data: self.frames.append(("in", data)))
        websocket.on("framesent", lambda data: self.frames.append(("out", data)))

    def _catch_up(self) -> None:
        frames, self.frames = self.frames, []
        for direction, data in frames:
            if direction == "in" and isinstance(data, bytes):
                self.feed(data)
            elif direction == "out" and isinstance(data, str) and data.startswith('["resize"'):
                size = json.loads(data)[1]
                self.resize(int(size["width"]), int(size["height"]))

    def read(self) -> str:
        self._catch_up()
        return self.text()

    def pause(self) -> None:
        self.page.wait_for_timeout(100)  # Playwright delivers frame events while it waits

    def wait_for(self, pattern: str, timeout: float = 30.0) -> re.Match[str]:
        return wait_for(self.read, pattern, self.pause, timeout)

    def wait_gone(self, pattern: str, timeout: float = 30.0) -> None:
        wait_gone(self.read, pattern, self.pause, timeout)

    def press(self, key: str) -> None:
        """A key as the player types it, into the page's terminal."""
        self.page.keyboard.press(key)


class PtyScreen(Screen):
    """A command run in a pseudo-terminal of a fixed size, as in a terminal window."""

    def __init__(
        self, command: Sequence[str], env: dict[str, str], cwd: Path, columns=120, lines=36
    ) -> None:
        import fcntl
        import struct
        import termios

        super().__init__(columns, lines)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
        env = {**env, "TERM": "xterm-256color", "COLUMNS": str(columns), "LINES": str(lines)}
        self.process = subprocess.Popen(
            list(command),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=cwd,
            start_new_session=True,
        )
        os.close(slave)
        self.master = master

    def read(self) -> str:
        while select.select([self.master], [], [], 0)[0]:
            try:
                data = os.read(self.master, 65536)
            except OSError:  # the program ended and the terminal closed
                break
            if not data:
                break
            self.feed(data)
        return self.text()

    @staticmethod
    def pause() -> None:
        time.sleep(0.1)

    def wait_for(self, pattern: str, timeout: float = 30.0) -> re.Match[str]:
        return wait_for(self.read, pattern, self.pause, timeout)

    def type(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def wait_exit(self, timeout: float = 30.0) -> int:
        deadline = time.monotonic() + timeout
        while self.process.poll() is None:
            self.read()
            if time.monotonic() > deadline:
                raise AssertionError(f"still running after {timeout} s:\n{self.text()}")
            time.sleep(0.1)
        return self.process.returncode

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        os.close(self.master)
