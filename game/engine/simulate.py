"""Headless games: play a scenario from a seed with a policy, and keep the whole record.

Pure apart from the policy (built-in policies are pure too): no I/O. The `simulate` command,
saves and benchmarks build on `run_game`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
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

    @property
    def final_figures(self) -> TurnFigures | None:
        return self.figures[-1] if self.figures else None

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


@dataclass(frozen=True, slots=True)
class PlayedTurn:
    """One turn of a headless game: the orders given, the state after, its events and figures
    (turn 0 is the start: no orders, no events, no figures)."""

    turn: int
    orders: tuple[Order, ...]
    state: State
    events: tuple[Event, ...]
    figures: TurnFigures | None


@dataclass(frozen=True)
class GameOutcome:
    """How a headless game ended, without its history: what `score` reads."""

    scenario: Scenario
    seed: int
    policy: str
    difficulty: str | None
    turns: int
    final: State
    final_figures: TurnFigures | None


def play(
    scenario: Scenario,
    seed: int,
    policy: PolicyArg = "none",
    turns: int | None = None,
    difficulty: str | None = None,
) -> Iterator[PlayedTurn]:
    """Play `turns` turns (default: the scenario's) from `seed` with `policy`, one turn at a
    time: the start first, then each turn. Keeps nothing, so memory stays flat however long
    the game (`run_game` keeps every state)."""
    _, choose = resolve_policy(policy)
    if turns is not None:
        scenario = with_turns(scenario, turns)
    state = new_game(scenario, seed, difficulty)
    yield PlayedTurn(0, (), state, (), None)
    rng = Rng(seed)
    turn = 0
    while not state.game_over:
        orders = tuple(choose(scenario, state))
        state, events = step(scenario, state, orders, rng)
        turn += 1
        yield PlayedTurn(turn, orders, state, tuple(events), turn_figures(scenario, state))


def play_to_end(
    scenario: Scenario,
    seed: int,
    policy: PolicyArg = "none",
    turns: int | None = None,
    difficulty: str | None = None,
    each: Callable[[PlayedTurn], None] | None = None,
) -> GameOutcome:
    """`play` a whole game, handing every turn to `each`; only the end is kept."""
    name, _ = resolve_policy(policy)
    last: PlayedTurn | None = None
    for played in play(scenario, seed, policy, turns, difficulty):
        if each is not None:
            each(played)
        last = played
    assert last is not None  # play always yields the start
    return GameOutcome(
        scenario=with_turns(scenario, turns) if turns is not None else scenario,
        seed=seed,
        policy=name,
        difficulty=difficulty,
        turns=last.turn,
        final=last.state,
        final_figures=last.figures,
    )


def run_game(
    scenario: Scenario,
    seed: int,
    policy: PolicyArg = "none",
    turns: int | None = None,
    difficulty: str | None = None,
) -> GameRecord:
    """Play `turns` turns (default: the scenario's) from `seed` with `policy`, keeping every
    state (`play` keeps none)."""
    name, _ = resolve_policy(policy)
    if turns is not None:
        scenario = with_turns(scenario, turns)
    history = play(scenario, seed, policy, None, difficulty)
    initial = next(history).state
    played = list(history)
    return GameRecord(
        scenario=scenario,
        seed=seed,
        policy=name,
        difficulty=difficulty,
        initial=initial,
        orders=tuple(p.orders for p in played),
        states=tuple(p.state for p in played),
        events=tuple(p.events for p in played),
        figures=tuple(p.figures for p in played if p.figures is not None),
    )
