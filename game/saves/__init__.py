"""Saves and replays: the JSON Lines format, strict reading, atomic writing, the saves directory.

Replaying (which needs the engine) lives in `game.replay.resimulate` and `game.replay.verify`,
and the stateful game shell in `game.app.session`; this package's top level imports no engine
code.
"""

from game.saves.atomic import write_atomic
from game.saves.catalog import (
    SaveInfo,
    latest_autosave,
    list_saves,
    previous_autosave,
    summarize,
)
from game.saves.format import (
    FORMAT_VERSION,
    SaveBuilder,
    SaveData,
    SaveHeader,
    ScenarioRef,
    TurnLine,
    encode_save,
)
from game.saves.names import autosave_paths, ensure_saves_dir, resolve_saves_dir, save_path
from game.saves.reader import SaveReader, read_save

__all__ = [
    "FORMAT_VERSION",
    "SaveBuilder",
    "SaveData",
    "SaveHeader",
    "SaveInfo",
    "SaveReader",
    "ScenarioRef",
    "TurnLine",
    "autosave_paths",
    "encode_save",
    "ensure_saves_dir",
    "latest_autosave",
    "list_saves",
    "previous_autosave",
    "read_save",
    "resolve_saves_dir",
    "save_path",
    "summarize",
    "write_atomic",
]
