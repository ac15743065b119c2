"""Replaying a save through the engine: the scenario it embeds, its orders, and desync reports.

A save never stores states to trust; it stores orders and hashes. Replaying steps the engine
from `new_game` with each turn's orders and compares every state hash with the saved one. The
first difference is a desync, reported like a strategy game's out-of-sync replay: which turn,
and what differs (state paths when a snapshot is saved for that turn, else the turn's figures).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game import __version__
from game.engine import (
    Order,
    Rng,
    new_game,
    order_from_dict,
    order_to_dict,
    state_hash,
    state_to_dict,
    step,
    turn_figures,
)
from game.engine.hashing import canonical_json
from game.errors import Diagnostic, SaveError, ScenarioError
from game.inert import inert
from game.saves.format import (
    DEFAULT_SNAPSHOT_EVERY,
    SaveHeader,
    ScenarioRef,
    TurnLine,
)
from game.scenario.model import Scenario

MAX_DIFFERENCES = 12


def scenario_text_of(scenario: Scenario) -> str:
    """The text of the file `scenario` was loaded from, checked against its `text_hash`, so a
    save embeds exactly what was played."""
    where = scenario.path or "<scenario>"
    if not scenario.path:
        raise SaveError(
            [
                Diagnostic(
                    file=where,
                    message="the scenario has no file to embed in the save",
                    hint="pass scenario_text= to GameSession.new",
                )
            ]
        )
    try:
        data = Path(scenario.path).read_bytes()
    except OSError as error:
        raise SaveError(
            [Diagnostic(file=where, message=f"cannot read the scenario to embed it: {error}")]
        ) from None
    if scenario.text_hash and hashlib.sha256(data).hexdigest() != scenario.text_hash:
        raise SaveError(
            [
                Diagnostic(
                    file=where,
                    message="the scenario file changed on disk since it was loaded",
                    hint="start the game again so that the save records the file as played",
                )
            ]
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise SaveError(
            [Diagnostic(file=where, message="the scenario is not UTF-8 text")]
        ) from None


def with_turns(scenario: Scenario, turns: int) -> Scenario:
    """`scenario` lasting `turns` turns (simulate --turns extends a game past the scenario's)."""
    if scenario.meta.turns == turns:
        return scenario
    meta = dataclasses.replace(scenario.meta, turns=turns)
    return dataclasses.replace(scenario, meta=meta)


EMBEDDED = " [embedded scenario]"


def scenario_from_save(
    header: SaveHeader, text: str, save_path: str, line: int | None = 2
) -> Scenario:
    """The embedded scenario, loaded and validated, with the game's length applied.

    `line` is the save's line holding the scenario text. Problems are reported in the save
    (`FILE:LINE`), then as `FILE [embedded scenario]:LINE:COLUMN`, positions within that text:
    the text that failed is the embedded one, never the file the header's path names."""
    from game.scenario import load_scenario_text

    try:
        scenario = load_scenario_text(text, save_path + EMBEDDED)
    except ScenarioError as error:
        lines = [
            Diagnostic(
                file=save_path,
                line=line,
                message="the scenario embedded in this save does not load in this Corridor; "
                "the positions below are within the embedded scenario's text",
                hint="the save may come from another Corridor version or was edited; load "
                "another save, or start a new game from the scenario file",
                key="text",
            ),
            *error.diagnostics,
        ]
        raise SaveError(lines) from None
    _check_agrees(header, scenario, save_path)
    return with_turns(scenario, header.turns)


def _check_agrees(header: SaveHeader, scenario: Scenario, save_path: str) -> None:
    """The header names the scenario it embeds: its id and title must be the scenario's (the
    Load list shows them without loading the scenario; a save saying otherwise was edited)."""
    for field, recorded, actual in (
        ("id", header.scenario.id, scenario.meta.id),
        ("title", header.scenario.title, scenario.meta.title),
    ):
        if header.migrated_from is not None and field == "title" and recorded == "":
            continue  # an older format recorded no title
        if recorded != actual:
            raise SaveError(
                [
                    Diagnostic(
                        file=save_path,
                        line=1,
                        message=f"the header's scenario {field} {_short(recorded)} is not the "
                        f"embedded scenario's, {_short(actual)}",
                        hint="the file was changed after Corridor wrote it; load another save",
                        key=f"scenario.{field}",
                    )
                ]
            )


def make_header(
    scenario: Scenario,
    scenario_text: str,
    seed: int,
    difficulty: str | None,
    initial_hash: str,
    snapshot_every: int = DEFAULT_SNAPSHOT_EVERY,
    scenario_path: str | None = None,
) -> SaveHeader:
    """The header of a new save; `scenario_path` defaults to where the scenario was loaded."""
    return SaveHeader(
        scenario=ScenarioRef(
            id=scenario.meta.id,
            title=scenario.meta.title,
            path=path_label(scenario_path if scenario_path is not None else scenario.path),
            sha256=hashlib.sha256(scenario_text.encode("utf-8")).hexdigest(),
        ),
        seed=seed,
        difficulty=difficulty,
        turns=scenario.meta.turns,
        initial_hash=initial_hash,
        game_version=__version__,
        snapshot_every=snapshot_every,
    )


MAX_PATH_LABEL = 4096  # what the reader accepts for the header's scenario path


def path_label(path: str | None) -> str | None:
    """The scenario path as a save records it: a label (never opened again), shown inert, so
    that a file name holding control characters or bytes that are not UTF-8 (which cannot be
    written as JSON text) still makes a save this Corridor reads; long paths keep their end."""
    if path is None:
        return None
    label = inert(path)
    if len(label) > MAX_PATH_LABEL:
        label = "..." + label[-(MAX_PATH_LABEL - 3) :]
    return label


def figures_dict(scenario: Scenario, state: Any) -> dict[str, Any]:
    """The turn's figures (the CSV row) as a plain dict."""
    return plain_figures(turn_figures(scenario, state))


def plain_figures(figures: Any) -> dict[str, Any]:
    """A `TurnFigures` as a plain JSON-able dict (dates as ISO strings)."""
    if isinstance(figures, Mapping):
        return dict(figures)
    if dataclasses.is_dataclass(figures):
        return {f.name: _plain(getattr(figures, f.name)) for f in dataclasses.fields(figures)}
    if hasattr(figures, "_asdict"):
        return {k: _plain(v) for k, v in figures._asdict().items()}
    raise TypeError(f"turn_figures returned {type(figures).__name__}")


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "value") and not isinstance(value, (int, float)):
        return value.value
    return value


def turn_line(
    scenario: Scenario,
    turn: int,
    orders: Iterable[Order],
    state: Any,
    snapshot_every: int,
    hash_: str | None = None,
    figures: Any = None,
) -> TurnLine:
    """What the save records of one turn just played (`hash_`, `figures`: if known)."""
    snapshot = state_to_dict(state) if snapshot_every and turn % snapshot_every == 0 else None
    return TurnLine(
        turn=turn,
        orders=tuple(order_to_dict(o) for o in orders),
        hash=hash_ if hash_ is not None else state_hash(state),
        date=state.date.isoformat(),
        figures=plain_figures(figures) if figures is not None else figures_dict(scenario, state),
        snapshot=snapshot,
    )


def orders_of(line: TurnLine, save_path: str) -> tuple[Order, ...]:
    """A saved turn's orders as engine orders; `SaveError` naming the turn if one is invalid."""
    orders = []
    for index, data in enumerate(line.orders):
        try:
            orders.append(order_from_dict(data))
        except (ValueError, TypeError, KeyError) as error:
            raise SaveError(
                [
                    Diagnostic(
                        file=save_path,
                        line=line.line or None,
                        message=f"turn {line.turn}, order {index + 1}: {error}",
                        hint="the save was written by another Corridor version or edited",
                        key=f"orders[{index}]",
                    )
                ]
            ) from None
    return tuple(orders)


def snapshot_hash(snapshot: Mapping[str, Any]) -> str:
    """The state hash a saved snapshot stands for (state_hash hashes the same canonical JSON)."""
    return hashlib.sha256(canonical_json(snapshot).encode()).hexdigest()


# --- desync reports ------------------------------------------------------------------------------


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
                out.append(f"{sub}: saved {_short(saved[key])}, missing after replay")
            elif key not in saved:
                out.append(f"{sub}: not saved, replayed {_short(replayed[key])}")
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
        out.append(f"{path}: saved {_short(saved)}, replayed {_short(replayed)}")
    return out


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def describe_desync(
    scenario: Scenario, line: TurnLine, state: Any, replayed_hash: str, game_version: str
) -> Desync:
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


@dataclass(frozen=True, slots=True)
class Replayed:
    """One replayed turn: what was saved, and the state and events the engine produced."""

    line: TurnLine
    orders: tuple[Order, ...]
    state: Any
    events: tuple[Any, ...]
    hash: str
    snapshot: dict[str, Any]  # the state's canonical dict (`state_to_dict`), hashed as `hash`


def start(header: SaveHeader, scenario: Scenario, save_path: str) -> Any:
    """The starting state, checked against the saved initial hash (`DesyncError` if not)."""
    known = [d.id for d in scenario.difficulties]
    if header.difficulty is not None and header.difficulty not in known:
        raise SaveError(
            [
                Diagnostic(
                    file=save_path,
                    line=1,
                    message=f"the save's difficulty {header.difficulty!r} is not one of the "
                    f"embedded scenario's ({', '.join(known) or 'it has none'})",
                    hint="the save was edited or damaged",
                    key="difficulty",
                )
            ]
        )
    try:
        state = new_game(scenario, header.seed, header.difficulty)
    except Exception as error:  # a crafted save must not end in a traceback
        raise SaveError(
            [
                Diagnostic(
                    file=save_path,
                    line=1,
                    message=f"the game cannot be started again: {type(error).__name__}: {error}",
                    hint="the save was edited or damaged; if not, please report this as a bug",
                )
            ]
        ) from error
    if header.initial_hash is not None:
        replayed = state_hash(state)
        if replayed != header.initial_hash:
            desync = Desync(0, None, header.initial_hash, replayed, (), "hash", header.game_version)
            raise DesyncError(save_path, desync, line=1)
    return state


def replay_turns(
    header: SaveHeader,
    scenario: Scenario,
    state: Any,
    lines: Iterable[TurnLine],
    save_path: str,
) -> Iterator[Replayed]:
    """Step the engine through saved turns, yielding each; `DesyncError` at the first mismatch.
    Holds one state at a time, so memory does not grow with the number of turns."""
    rng = Rng(header.seed)
    for line in lines:
        orders = orders_of(line, save_path)
        try:
            state, events = step(scenario, state, orders, rng)
        except Exception as error:  # a crafted save must not end in a traceback
            raise SaveError(
                [
                    Diagnostic(
                        file=save_path,
                        line=line.line or None,
                        message=f"turn {line.turn} cannot be replayed: the engine failed with "
                        f"{type(error).__name__}: {error}",
                        hint="the save holds orders this Corridor cannot play; if it was not "
                        "edited, please report this as a bug",
                    )
                ]
            ) from error
        snapshot = state_to_dict(state)
        replayed = hashlib.sha256(canonical_json(snapshot).encode()).hexdigest()
        if replayed != line.hash:
            desync = describe_desync(scenario, line, state, replayed, header.game_version)
            raise DesyncError(save_path, desync, line=line.line or None)
        yield Replayed(line, orders, state, tuple(events), replayed, snapshot)
