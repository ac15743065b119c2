"""`corridor serve` as a command: bad input is a message and exit 2 before anything listens,
the page answers within 20 s of start, and Ctrl+C stops the server and every tab's game."""

from __future__ import annotations

import asyncio
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp
import pytest

from game.commands.serve import banner, page_address
from game.web.address import check_listen_address, is_loopback
from game.web.server import tab_command
from tests.web.processes import (
    child_pids,
    corridor_command,
    environment,
    free_port,
    page_text,
    serving,
)

STARTUP_LIMIT = 20.0  # seconds from `corridor serve` to its port answering with the page


def serve(*args: str, cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*corridor_command(), "serve", *args],
        cwd=cwd,
        env=environment(cwd / "home"),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def assert_message(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result
    assert "Traceback" not in result.stderr + result.stdout
    for word in words:
        assert word in result.stderr


def test_port_in_use(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = serve("--port", str(port), cwd=tmp_path)
    assert_message(result, f"127.0.0.1:{port}: error: the port is already in use", "--port")


@pytest.mark.parametrize(
    ("host", "words"),
    [
        ("no-such-host.invalid", ["--host no-such-host.invalid: error: not an address"]),
        ("999.1.2.3", ["--host 999.1.2.3: error"]),
        ("192.0.2.1", ["192.0.2.1:", "does not belong to this machine"]),  # TEST-NET-1
    ],
)
def test_bad_host(tmp_path: Path, host: str, words: list[str]) -> None:
    assert_message(serve("--host", host, "--port", str(free_port()), cwd=tmp_path), *words)


def test_bad_port_is_a_usage_error(tmp_path: Path) -> None:
    result = serve("--port", "70000", cwd=tmp_path)
    assert result.returncode == 2 and "--port must be from 1 to 65,535, got 70000" in result.stderr


def test_scenario_that_does_not_validate_is_reported_before_the_server_starts(
    tmp_path: Path,
) -> None:
    from game.paths import bundled_scenario

    lines = bundled_scenario().read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if "population: 2500" in line)
    lines[number] = lines[number].replace("2500", "-2500")
    broken = tmp_path / "broken.yaml"
    broken.write_text("".join(lines), encoding="utf-8")
    port = free_port()
    started = time.monotonic()
    result = serve(str(broken), "--port", str(port), cwd=tmp_path)
    assert_message(result, f"{broken}:{number + 1}:", "population")
    assert "served at" not in result.stdout
    assert time.monotonic() - started < 30
    assert page_text(f"http://127.0.0.1:{port}/", timeout=0.5) is None


def test_unknown_bundled_scenario(tmp_path: Path) -> None:
    result = serve("no_such_scenario", "--port", str(free_port()), cwd=tmp_path)
    assert_message(result, "neither a file nor a bundled scenario", "idlib")


def test_help_says_what_another_host_exposes() -> None:
    result = subprocess.run(
        [*corridor_command(), "serve", "--help"], capture_output=True, text=True, timeout=60
    )
    text = " ".join(result.stdout.split())
    assert "default: 127.0.0.1, this computer only" in text
    assert "anyone who can reach this machine" in text and "no password" in text


def test_addresses() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.1")
    assert page_address("0.0.0.0", 8000) == "http://127.0.0.1:8000/"
    assert page_address("::1", 8001) == "http://[::1]:8001/"
    assert "anyone who can reach" in banner("0.0.0.0", 8000, "T", Path("s"))
    assert "anyone who can reach" not in banner("127.0.0.1", 8000, "T", Path("s"))
    check_listen_address("127.0.0.1", free_port())  # a free port passes


def test_tab_command_quotes_paths() -> None:
    command = tab_command(Path("/a dir/it's.yaml"), 7, "/saves here")
    assert shlex.split(command) == [
        "exec",
        sys.executable,
        "-m",
        "game.web.tab",
        "/a dir/it's.yaml",
        "--seed",
        "7",
        "--saves-dir",
        "/saves here",
    ]


async def _open_tabs(url: str, count: int) -> tuple[aiohttp.ClientSession, list]:
    """`count` tabs as a browser opens them (the websocket), each once its game has drawn,
    then read on as a browser does (which also answers the server's closing handshake)."""
    session = aiohttp.ClientSession()
    readers = []
    for _ in range(count):
        websocket = await session.ws_connect(url.replace("http", "ws") + "ws?width=100&height=30")
        drawn = 0
        while drawn < 2000:
            message = await asyncio.wait_for(websocket.receive(), timeout=60)
            if message.type == aiohttp.WSMsgType.BINARY:
                drawn += len(message.data)
        readers.append(asyncio.create_task(_read_on(websocket)))
    return session, readers


async def _read_on(websocket: aiohttp.ClientWebSocketResponse[bool]) -> None:
    async for _message in websocket:
        pass


@pytest.mark.parametrize("where", ["terminal", "server"])
async def test_ctrl_c_stops_the_server_and_every_tab(tmp_path: Path, where: str) -> None:
    """Ctrl+C in the server's terminal (SIGINT to its process group), or SIGINT to the server
    alone: it exits 0 without a traceback, and no tab's game process is left."""
    env = environment(tmp_path / "home")
    with serving([], tmp_path, env, free_port()) as served:
        assert served.seconds_to_page < STARTUP_LIMIT, served.seconds_to_page
        session, readers = await _open_tabs(served.url, 2)
        try:
            games = {pid for pid in child_pids(served.process.pid) if _is_tab(pid)}
            assert len(games) == 2, games
            stopping = time.monotonic()
            code, output = await asyncio.to_thread(served.stop, signal.SIGINT, where == "terminal")
            seconds_to_stop = time.monotonic() - stopping
        finally:
            for reader in readers:
                reader.cancel()
            await session.close()
    assert code == 0, output
    assert "Traceback" not in output and "server stopped" in output, output
    # 2-4 s here; 23 s when the server left its tabs to aiohttp's shutdown timeout
    assert seconds_to_stop < 15, f"stopping took {seconds_to_stop:.1f} s:\n{output}"
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in games) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    assert not [pid for pid in games if _alive(pid)], "a tab's game outlived the server"


def _is_tab(pid: int) -> bool:
    try:
        return b"game.web.tab" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"
