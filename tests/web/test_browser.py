"""`corridor serve` played in a real headless Chromium: the page, the title screen, a new game,
a day ended with `n`, the browser's key alternatives, a screenshot at two sizes; and a game
started in the browser, saved, continued with `corridor load` in a terminal and verified."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from tests.web.conftest import SEED, Game
from tests.web.processes import corridor_command
from tests.web.screens import BrowserScreen, PtyScreen

pytestmark = pytest.mark.browser

HEADER = r"(\w{3} \d{1,2} \w{3} \d{4}) · turn (\d+)/(\d+)"


def open_game(browser: Any, game: Game, width: int, height: int) -> tuple[Any, BrowserScreen]:
    """A new tab at `width`x`height` on the served game, at its title screen, keys going to
    the page's terminal (as after a click into it)."""
    page = browser.new_page(viewport={"width": width, "height": height})
    screen = BrowserScreen(page)
    page.goto(game.served.url)
    screen.wait_for(r"New game")
    page.locator(".xterm-helper-textarea").focus()  # where xterm.js takes the keyboard
    return page, screen


def start_and_end_a_day(screen: BrowserScreen) -> tuple[str, str]:
    """From the title: a new game (`n`), then `n` ends the first day; back on the map after the
    turn report. Returns the dates shown before and after."""
    screen.press("n")
    first = screen.wait_for(HEADER)
    assert first.group(2) == "1"
    screen.press("n")
    screen.wait_for(r"what changed and why")
    screen.press("Enter")
    second = screen.wait_for(r"· turn 2/\d+")
    after = re.search(HEADER, screen.read())
    assert second and after
    return first.group(1), after.group(1)


def named_saves(saves: Path) -> set[Path]:
    """The saves made under a name (not the autosaves)."""
    return {path for path in saves.glob("*.jsonl") if not path.name.startswith("autosave-")}


def test_a_day_in_the_browser(browser: Any, game_server: Game, artifacts: Path) -> None:
    started = time.monotonic()
    page, screen = open_game(browser, game_server, 1280, 720)
    title = screen.read()
    assert "Idlib 2020" in title and "Continue" in title
    seconds_to_title = time.monotonic() - started

    before, after = start_and_end_a_day(screen)
    assert (before, after) == ("Fri 24 Jan 2020", "Sat 25 Jan 2020")
    assert "Maaret al-Numan" in screen.read()
    screen.wait_for(r"\n n End turn[^\n]*$")  # the key bar, on the last line
    page.screenshot(path=str(artifacts / "browser-1280x720.png"))
    assert seconds_to_title < 20, f"title screen after {seconds_to_title:.1f} s"
    page.close()


def test_small_browser_window(browser: Any, game_server: Game, artifacts: Path) -> None:
    """1024x640 pixels: the whole indicator line, the map, the panel and the key bar fit."""
    page, screen = open_game(browser, game_server, 1024, 640)
    screen.press("n")
    screen.wait_for(HEADER + r"[^\n]* leverage \d+")  # the whole first line, to its last figure
    screen.wait_for(r"\n n End turn[^\n]* \? Help$")  # the whole key bar, on the last line
    text = screen.read()
    columns, lines = screen.size
    assert columns >= 80 and lines >= 24, (columns, lines)  # what the game is laid out for
    assert "Maaret al-Numan" in text and "Place" in text and "Trends" in text
    page.screenshot(path=str(artifacts / "browser-1024x640.png"))
    page.close()


def test_browser_key_alternatives(browser: Any, game_server: Game) -> None:
    """Keys a browser keeps for itself (ctrl+t, ctrl+p, ctrl+s) have others that reach the
    game: `f2` switches the theme, `:` opens the command palette, `S` saves."""
    page, screen = open_game(browser, game_server, 1280, 720)
    screen.press("n")
    screen.wait_for(HEADER)
    dark = screen.background(0, 0)
    screen.press("F2")
    screen.wait_for(HEADER)
    deadline = time.monotonic() + 10
    while screen.background(0, 0) == dark and time.monotonic() < deadline:
        screen.pause()
        screen.read()
    assert screen.background(0, 0) != dark, "f2 did not switch the theme"

    screen.press(":")
    screen.wait_for(r"Search for commands")
    # Escape then a key at once would read as alt+key: wait for each dialog to close
    screen.press("Escape")
    screen.wait_gone(r"Search for commands")
    screen.press("S")
    screen.wait_for(r"Save the game as")
    screen.press("Escape")
    screen.wait_gone(r"Save the game as")
    page.close()


def test_browser_game_continues_in_terminal(browser: Any, game_server: Game) -> None:
    """Started and saved in the browser, loaded with `corridor load` in a terminal, a day more
    there, saved with ctrl+s, and `corridor replay FILE --verify` checks every turn."""
    page, screen = open_game(browser, game_server, 1280, 720)
    start_and_end_a_day(screen)
    screen.press("S")
    screen.wait_for(r"Save the game as")
    screen.press("Enter")
    screen.wait_for(r"Saved to")
    page.close()
    (browser_save,) = named_saves(game_server.saves)

    terminal = PtyScreen(
        [*corridor_command(), "load", str(browser_save)], game_server.env, game_server.cwd
    )
    try:
        terminal.wait_for(r"Sat 25 Jan 2020 · turn 2/30")
        terminal.type(b"n")
        terminal.wait_for(r"what changed and why")
        terminal.type(b"\r")
        terminal.wait_for(r"Sun 26 Jan 2020 · turn 3/30")
        terminal.type(b"\x13")  # ctrl+s, which a terminal passes on
        terminal.wait_for(r"Save the game as")
        terminal.type(b"\r")
        terminal.wait_for(r"Saved to")
        terminal.type(b"q")
        terminal.wait_for(r"Leave the game\?")
        terminal.type(b"y")
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()

    (terminal_save,) = named_saves(game_server.saves) - {browser_save}
    verified = subprocess.run(
        [*corridor_command(), "replay", str(terminal_save), "--verify"],
        env=game_server.env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert verified.returncode == 0, verified.stderr
    assert "OK: 2 turns replayed, every state hash matches" in verified.stdout
    assert f"seed {SEED}" in verified.stdout

    from game.saves.reader import read_save

    in_browser, in_terminal = read_save(browser_save), read_save(terminal_save)
    assert in_terminal.turns[0].hash == in_browser.turns[0].hash  # the same first day
    assert in_terminal.header.seed == in_browser.header.seed == SEED
