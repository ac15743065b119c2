"""Fixtures of the web tests: a running `corridor serve` with its own saves directory, and a
real headless Chromium (Debian's `chromium` package, driven by Playwright; no browser is
downloaded). The browser tests skip, saying why, only where no Chromium can be found; with
CORRIDOR_CHROMIUM set (as .ci/run does) a Chromium that does not start is a failure."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.web.processes import Served, default_saves_dir, environment, free_port, serving

SEED = 7
ARTIFACTS = Path(os.environ.get("CORRIDOR_TEST_ARTIFACTS", Path(__file__).with_name("artifacts")))

# Flags that let Chromium run here: as root (no sandbox), without a GPU, and without reaching
# for Google's services on a closed network. Playwright adds --headless and a fresh profile.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """CORRIDOR_CHROMIUM, else `chromium` or `chromium-browser` on the PATH."""
    wanted = os.environ.get("CORRIDOR_CHROMIUM")
    if wanted:
        return wanted
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def chromium() -> str:
    path = chromium_path()
    if path is None:
        pytest.skip(
            "no Chromium on this machine: install Debian's package (apt-get install chromium; "
            ".ci/run does it as root) or set CORRIDOR_CHROMIUM to a Chromium binary"
        )
    return path


@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=CHROMIUM_FLAGS
        )
        yield launched
        launched.close()


@dataclass
class Game:
    """A `corridor serve --seed 7` for a player with a home folder of their own: the saves
    go to the game's default saves directory there."""

    served: Served
    saves: Path
    cwd: Path
    env: dict[str, str]


@pytest.fixture
def game_server(tmp_path: Path) -> Iterator[Game]:
    env = environment(tmp_path / "home")
    saves = default_saves_dir(env)
    assert tmp_path in saves.parents  # the test's own, not the machine's
    with serving(["--seed", str(SEED)], tmp_path, env, free_port()) as served:
        yield Game(served, saves, tmp_path, env)


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
