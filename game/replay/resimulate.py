"""Replaying a save through the engine: the scenario it embeds, its orders, each turn's hash.

A save never stores states to trust; it stores orders and hashes. Replaying steps the engine
from `new_game` with each turn's orders and compares every state hash with the saved one. The
first difference is a desync (`game.replay.desync` says what differs). What a save records of
a game being played is in `game.replay.recording`.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from game.engine import Order, Rng, new_game, order_from_dict, state_hash, state_to_dict, step
from game.engine.hashing import canonical_json
from game.errors import Diagnostic, SaveError, ScenarioError
from game.replay.desync import Desync, DesyncError, describe_desync, short
from game.saves.format import SaveHeader, TurnLine
from game.scenario.model import Scenario


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
                        message=f"the header's scenario {field} {short(recorded)} is not the "
                        f"embedded scenario's, {short(actual)}",
                        hint="the file was changed after Corridor wrote it; load another save",
                        key=f"scenario.{field}",
                    )
                ]
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
