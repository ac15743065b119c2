"""Saves of headless games (`corridor simulate --save FILE`), so that batch runs can be replayed.

Builds the same file a `GameSession` would have autosaved after the game's last turn, from the
engine's `GameRecord` (`game.engine.simulate.run_game`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from game.engine import state_hash
from game.replay.recording import make_header, scenario_text_of, turn_line
from game.saves.format import DEFAULT_SNAPSHOT_EVERY, SaveBuilder
from game.saves.output import write_output


class HeadlessSave:
    """The save of a headless game built turn by turn as it is played, so that no state is
    kept (`corridor simulate --save`): the same file a `GameSession` would have autosaved."""

    def __init__(
        self,
        scenario: Any,
        seed: int,
        difficulty: str | None,
        initial: Any,
        *,
        scenario_text: str | None = None,
        snapshot_every: int = DEFAULT_SNAPSHOT_EVERY,
        snapshot_budget: int | None = None,
    ) -> None:
        self.scenario = scenario
        text = scenario_text if scenario_text is not None else scenario_text_of(scenario)
        header = make_header(scenario, text, seed, difficulty, state_hash(initial), snapshot_every)
        self._builder = SaveBuilder(header, text, snapshot_budget=snapshot_budget)

    def add(self, orders: Any, state: Any, figures: Any = None) -> None:
        """Record the next turn: its orders and the state they led to."""
        builder = self._builder
        turn = builder.turns + 1
        # the interval may be fewer than asked once the snapshot budget is reached
        builder.add_turn(
            turn_line(self.scenario, turn, orders, state, builder.snapshot_every, figures=figures)
        )

    def to_bytes(self, where: str = "the save") -> bytes:
        return self._builder.to_bytes(where)


def record_to_bytes(
    record: Any,
    *,
    scenario_text: str | None = None,
    snapshot_every: int = DEFAULT_SNAPSHOT_EVERY,
    snapshot_budget: int | None = None,
    where: str = "the save",
) -> bytes:
    """The save file of a played `GameRecord` (its scenario's file is embedded); snapshots
    within the save format's budget (see `SaveBuilder`)."""
    save = HeadlessSave(
        record.scenario,
        record.seed,
        record.difficulty,
        record.initial,
        scenario_text=scenario_text,
        snapshot_every=snapshot_every,
        snapshot_budget=snapshot_budget,
    )
    figures = getattr(record, "figures", None) or (None,) * len(record.states)
    for orders, state, turn_figures in zip(record.orders, record.states, figures, strict=True):
        save.add(orders, state, turn_figures)
    return save.to_bytes(where)


def write_record(
    record: Any,
    path: Path | str,
    *,
    scenario_text: str | None = None,
    snapshot_every: int = DEFAULT_SNAPSHOT_EVERY,
    snapshot_budget: int | None = None,
    durable: bool = True,
) -> Path:
    """Write the save of a played `GameRecord` to `path` (`game.saves.output`: atomically, or
    into a device); returns the path."""
    path = Path(path)
    data = record_to_bytes(
        record,
        scenario_text=scenario_text,
        snapshot_every=snapshot_every,
        snapshot_budget=snapshot_budget,
        where=str(path),
    )
    write_output(path, data, durable=durable)
    return path
