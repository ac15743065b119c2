"""Running the real `corridor` command for the web tests: `corridor serve` in the background
(with the time until its port answers with the game's page) and free ports to serve on."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PAGE_MARK = "data-session-websocket-url"  # in textual-serve's page, beside the websocket's URL


def corridor_command() -> list[str]:
    """The installed `corridor` script beside this Python, else `python -m game`."""
    script = Path(sys.executable).with_name("corridor")
    return [str(script)] if script.exists() else [sys.executable, "-m", "game"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment(home: Path) -> dict[str, str]:
    """The environment of every command a test runs: a player whose home folder is `home`,
    with nothing set that would choose the saves directory (so the game's default applies)."""
    env = dict(os.environ)
    env["HOME"] = str(home)
    for name in ("CORRIDOR_SAVES", "XDG_DATA_HOME", "TEXTUAL"):
        env.pop(name, None)
    return env


def default_saves_dir(env: dict[str, str]) -> Path:
    """Where the game puts saves in `env`, as `game.paths` says (asked in a process of its own,
    as the server, its tabs and the terminal game each ask)."""
    answer = subprocess.run(
        [sys.executable, "-c", "from game.paths import saves_dir; print(saves_dir())"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return Path(answer.stdout.strip())


def page_text(url: str, timeout: float = 2.0) -> str | None:
    """The page at `url`, or None while nothing answers there."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return str(response.read().decode("utf-8", "replace"))
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


@dataclass
class Served:
    """A running `corridor serve`."""

    process: subprocess.Popen[str]
    url: str
    seconds_to_page: float  # from starting the command to the port answering with the page

    def stop(
        self, sig: int = signal.SIGINT, group: bool = True, timeout: float = 30.0
    ) -> tuple[int, str]:
        """Send `sig` to the server's process group, as Ctrl+C in its terminal does (or to the
        server alone); returns the exit status and everything it printed."""
        if self.process.poll() is None:
            if group:
                os.killpg(self.process.pid, sig)
            else:
                self.process.send_signal(sig)
        output, _ = self.process.communicate(timeout=timeout)
        return self.process.returncode, output


@contextmanager
def serving(
    args: Sequence[str], cwd: Path, env: dict[str, str], port: int, wait: float = 60.0
) -> Iterator[Served]:
    """`corridor serve --port PORT ARGS` in its own process group, once its page answers."""
    started = time.monotonic()
    process = subprocess.Popen(
        [*corridor_command(), "serve", "--port", str(port), *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    served = Served(process, url, 0.0)
    try:
        while True:
            text = page_text(url)
            if text is not None and PAGE_MARK in text:
                served.seconds_to_page = time.monotonic() - started
                break
            if process.poll() is not None:
                output = process.stdout.read() if process.stdout else ""
                raise AssertionError(f"corridor serve exited {process.returncode}:\n{output}")
            if time.monotonic() - started > wait:
                raise AssertionError(f"corridor serve did not answer on {url} in {wait} s")
            time.sleep(0.05)
        yield served
    finally:
        if process.poll() is None:
            served.stop()


def child_pids(pid: int) -> set[int]:
    """Every process below `pid` (Linux /proc)."""
    found: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                if child not in found:
                    found.add(child)
                    todo.append(child)
    return found
