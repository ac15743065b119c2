"""Where bundled scenarios and saves live, for installed and source checkouts alike."""

from __future__ import annotations

import os
import re
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_SCENARIO = "idlib"
SAVES_ENV = "CORRIDOR_SAVES"
APP_NAME = "corridor"
_BUNDLED_NAME = re.compile(r"[A-Za-z0-9_-]+")


def scenarios_dir() -> Path:
    """The bundled scenarios: `game/scenarios/` in a wheel, `scenarios/` in a source checkout."""
    packaged = _PACKAGE_DIR / "scenarios"
    if packaged.is_dir():
        return packaged
    return _PACKAGE_DIR.parent / "scenarios"


def bundled_scenario(name: str = DEFAULT_SCENARIO) -> Path:
    """Path of a bundled scenario by name (`idlib` -> .../idlib.yaml)."""
    return scenarios_dir() / f"{name}.yaml"


def resolve_scenario(arg: str | None) -> Path:
    """A scenario argument: None for the default, a bundled name, or a file path.

    Only a plain name (letters, digits, `_`, `-`) is looked up among the bundled scenarios;
    anything with a separator or `..` is taken as the path it spells, so a name cannot reach
    outside the scenarios directory.
    """
    if arg is None:
        return bundled_scenario()
    path = Path(arg)
    if path.suffix in (".yaml", ".yml") or path.exists() or not _BUNDLED_NAME.fullmatch(arg):
        return path
    return bundled_scenario(arg)


def default_saves_dir() -> Path:
    """The per-user saves folder (platformdirs: `~/.local/share/corridor/saves` on Linux,
    `~/Library/Application Support/corridor/saves` on macOS, `%LOCALAPPDATA%\\corridor\\saves`
    on Windows), so that a game finds its saves from whatever folder it is started in."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "saves"


def saves_dir(arg: str | None = None) -> Path:
    """The saves directory: `--saves-dir`, else $CORRIDOR_SAVES, else the per-user folder."""
    if arg:
        return Path(arg)
    env = os.environ.get(SAVES_ENV)
    return Path(env) if env else default_saves_dir()


def shown_path(path: Path) -> str:
    """A path as the title screen and `--help` show it: the home folder as `~`."""
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except ValueError:
        return str(path)
