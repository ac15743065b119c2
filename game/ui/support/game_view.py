"""What the game's screens read and drive: a `GameView` (a `GameSession`, or a replay's cursor).

The main screen, the order dialog and the end report call only what this protocol lists, so a
replay cursor (read-only) and a live session are interchangeable behind them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from game.engine import Event, Order, State
    from game.errors import CorridorError
    from game.scenario.model import Scenario


class GameView(Protocol):
    """A game as the screens see it: what is shown, and what a player can do to it."""

    scenario: Scenario

    @property
    def seed(self) -> int: ...

    @property
    def initial_state(self) -> State: ...

    @property
    def state(self) -> State: ...

    @property
    def history(self) -> Sequence[Any]:
        """Records of the turns played, each with `.orders`, `.state` and `.events`."""
        ...

    @property
    def queued(self) -> Sequence[Order]: ...

    @property
    def autosave_error(self) -> CorridorError | None:
        """Why the last autosave failed, or None."""
        ...

    def figures(self) -> Sequence[Any]:
        """Per-turn rows (`TurnFigures`, the CSV's columns), turn 1 first."""
        ...

    def baseline_figures(self) -> Sequence[Any]:
        """The no-intervention run's rows (same scenario, seed and preset) for the same turns."""
        ...

    def check(self, order: Order) -> str | None:
        """Why `order` cannot be queued now, or None."""
        ...

    def queue(self, order: Order) -> str | None:
        """Queue `order`; returns the refusal reason instead if refused."""
        ...

    def unqueue(self, index: int) -> Order:
        """Remove and return the queued order at `index`."""
        ...

    def end_turn(self) -> tuple[Event, ...]:
        """Play the turn with the queued orders; returns its events."""
        ...

    def save(self, name: str) -> Path:
        """Save under a plain name in the saves folder; returns the file written."""
        ...
