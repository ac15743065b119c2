"""Headless games: play a scenario from a seed with a policy, and keep the whole record.

Pure apart from the policy (built-in policies are pure too): no I/O. The `simulate` command,
saves and benchmarks build on `run_game`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from game.engine.events import Event
from game.engine.hashing import state_hash
from game.engine.orders import Order
from game.engine.outcomes import TurnFigures, turn_figures
from game.engine.policies import POLICIES
from game.engine.rng import Rng
from game.engine.state import State
from game.engine.turn import new_game, step
from game.scenario.model import Scenario

PolicyArg = str | Callable[[Scenario, State], list[Order]]


@dataclass(frozen=True)
class GameRecord:
    """A played game: the state before the first turn, then per turn the orders given, the
    state after and its events and figures (index k is turn k + 1)."""

    scenario: Scenario
    seed: int
    policy: str
    difficulty: str | None
    initial: State
    orders: tuple[tuple[Order, ...], ...]
    states: tuple[State, ...]
    events: tuple[tuple[Event, ...], ...]
    figures: tuple[TurnFigures, ...]

    @property
    def final(self) -> State:
        return self.states[-1] if self.states else self.initial

    @property
    def turns(self) -> int:
        return len(self.states)

    def hashes(self) -> list[str]:
        """`state_hash` after every turn (computed on demand: it costs a snapshot each)."""
        return [state_hash(s) for s in self.states]


def with_turns(scenario: Scenario, turns: int) -> Scenario:
    """`scenario` lasting `turns` turns (a longer game plays on past the scenario's end)."""
    if scenario.meta.turns == turns:
        return scenario
    return dataclasses.replace(scenario, meta=dataclasses.replace(scenario.meta, turns=turns))


def resolve_policy(policy: PolicyArg) -> tuple[str, Callable[[Scenario, State], list[Order]]]:
    """A policy name (KeyError with the known names) or a callable."""
    if callable(policy):
        return getattr(policy, "__name__", "custom"), policy
    try:
        return policy, POLICIES[policy]
    except KeyError:
        raise KeyError(f"unknown policy {policy!r} (known: {', '.join(POLICIES)})") from None


def run_game(
    scenario: Scenario,
    seed: int,
    policy: PolicyArg = "none",
    turns: int | None = None,
    difficulty: str | None = None,
) -> GameRecord:
    """Play `turns` turns (default: the scenario's) from `seed` with `policy`."""
    name, choose = resolve_policy(policy)
    if turns is not None:
        scenario = with_turns(scenario, turns)
    state = new_game(scenario, seed, difficulty)
    initial = state
    rng = Rng(seed)
    orders_log: list[tuple[Order, ...]] = []
    states: list[State] = []
    events: list[tuple[Event, ...]] = []
    figures: list[TurnFigures] = []
    while not state.game_over:
        orders = tuple(choose(scenario, state))
        state, evs = step(scenario, state, orders, rng)
        orders_log.append(orders)
        states.append(state)
        events.append(evs)
        figures.append(turn_figures(scenario, state))
    return GameRecord(
        scenario=scenario,
        seed=seed,
        policy=name,
        difficulty=difficulty,
        initial=initial,
        orders=tuple(orders_log),
        states=tuple(states),
        events=tuple(events),
        figures=tuple(figures),
    )
