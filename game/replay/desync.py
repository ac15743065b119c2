"""Desync reports: the first turn whose replayed state differs from the saved one, and what
differs, like a strategy game's out-of-sync replay (state paths when a snapshot is saved for that
turn, else the turn's figures).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from game import __version__
from game.engine import state_to_dict
from game.errors import Diagnostic, SaveError
from game.replay.recording import figures_dict
from game.saves.format import TurnLine
from game.scenario.model import Scenario

MAX_DIFFERENCES = 12


@dataclass(frozen=True, slots=True)
class Desync:
    """The first turn whose replayed state differs from the saved one, and how."""

    turn: int
    date: str | None
    saved_hash: str
    replayed_hash: str
    differences: tuple[str, ...]
    compared: str  # "snapshot", "figures", or "hash" (what the differences were found from)
    game_version: str

    def lines(self) -> list[str]:
        where = f"turn {self.turn}" + (f" ({self.date})" if self.date else "")
        if self.turn == 0:
            where = "the starting state (turn 0)"
        out = [
            f"desync at {where}: the replayed state hash {self.replayed_hash[:12]} differs "
            f"from the saved {self.saved_hash[:12]}"
        ]
        if self.differences:
            out.append(f"what differs (from the saved {self.compared}):")
            out.extend(f"  {d}" for d in self.differences)
        elif self.compared == "figures":
            out.append(
                "the saved figures of this turn agree with the replay: the difference is in "
                "state detail that only a snapshot would show, or in the saved hash itself"
            )
        else:
            out.append("no snapshot or figures are saved for this turn to say what differs")
        if self.game_version != __version__:
            out.append(
                f"the save was made by Corridor {self.game_version}; this is {__version__}: "
                "the rules may have changed between the two"
            )
        return out


def _label(item: Any, index: int) -> str:
    label = item.get("id") if isinstance(item, Mapping) else None
    return label if isinstance(label, str) else str(index)


def diff_values(
    saved: Any, replayed: Any, path: str = "", out: list[str] | None = None
) -> list[str]:
    """Paths where two JSON values differ, `path: saved X, replayed Y`, at most a dozen."""
    out = [] if out is None else out
    if len(out) >= MAX_DIFFERENCES:
        return out
    if isinstance(saved, Mapping) and isinstance(replayed, Mapping):
        # in the replayed state's order (the engine's field order), whatever the file's order
        for key in list(replayed) + [k for k in saved if k not in replayed]:
            sub = f"{path}.{key}" if path else str(key)
            if key not in replayed:
                out.append(f"{sub}: saved {short(saved[key])}, missing after replay")
            elif key not in saved:
                out.append(f"{sub}: not saved, replayed {short(replayed[key])}")
            else:
                diff_values(saved[key], replayed[key], sub, out)
            if len(out) >= MAX_DIFFERENCES:
                break
        return out
    if isinstance(saved, list) and isinstance(replayed, list) and len(saved) == len(replayed):
        for index, (a, b) in enumerate(zip(saved, replayed, strict=True)):
            diff_values(a, b, f"{path}[{_label(a, index)}]", out)
            if len(out) >= MAX_DIFFERENCES:
                break
        return out
    if type(saved) is not type(replayed) or (
        repr(saved) != repr(replayed) if type(saved) is float else saved != replayed
    ):  # by type and, for floats, by repr: -0.0 is not 0.0 (they hash differently)
        out.append(f"{path}: saved {short(saved)}, replayed {short(replayed)}")
    return out


def short(value: Any) -> str:
    """A value as the reports show it: its repr, cut to 60 characters."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def describe_desync(
    scenario: Scenario, line: TurnLine, state: Any, replayed_hash: str, game_version: str
) -> Desync:
    """What differs between the saved turn `line` and the replayed `state`: from the saved
    snapshot if there is one, else from the saved figures."""
    if line.snapshot is not None:
        differences, compared = diff_values(line.snapshot, state_to_dict(state)), "snapshot"
    elif line.figures is not None:
        differences, compared = diff_values(line.figures, figures_dict(scenario, state)), "figures"
    else:
        differences, compared = [], "hash"
    return Desync(
        turn=line.turn,
        date=line.date,
        saved_hash=line.hash,
        replayed_hash=replayed_hash,
        differences=tuple(differences),
        compared=compared,
        game_version=game_version,
    )


class DesyncError(SaveError):
    """Loading a save whose replay does not reproduce its hashes."""

    def __init__(self, path: str, desync: Desync, line: int | None = None) -> None:
        self.desync = desync
        text = desync.lines()
        super().__init__(
            [
                Diagnostic(
                    file=path,
                    line=line,
                    message="\n  ".join(text),
                    hint="the save cannot be continued exactly; `corridor replay --verify FILE` "
                    "shows the same report",
                )
            ]
        )
