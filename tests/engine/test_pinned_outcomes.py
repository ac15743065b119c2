"""Pinned outcomes: the exact states and events of a few games, so that a change meant only to
make the engine faster cannot change a result unnoticed.

The digest is computed here (every field of every state and event, floats by `repr`), not by
`game.engine.hashing`, so a change of the save format does not disturb it. A deliberate change
of the model changes these digests: re-pin them with `python -m tests.engine.test_pinned_outcomes`
and say why in the commit.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import hashlib
from collections.abc import Mapping
from typing import Any

import pytest

from game.engine import Rng, new_game, step
from game.engine.policies import POLICIES
from tests.engine.fixtures import make_scenario


def _plain(value: Any) -> Any:
    """A canonical plain form of engine values (dataclasses and named tuples by field)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [[f.name, _plain(getattr(value, f.name))] for f in dataclasses.fields(value)]
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return [[str(k), _plain(v)] for k, v in value.items()]
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, float):
        return f"f{value!r}"
    if isinstance(value, (dt.date, str, int, bool)) or value is None:
        return repr(value)
    raise TypeError(f"no canonical form for {type(value).__name__}")


def game_digest(scenario: Any, seed: int, policy: str, turns: int | None = None) -> str:
    """sha256 (first 24 hex digits) over every state and every turn's orders and events."""
    choose = POLICIES[policy]
    state = new_game(scenario, seed)
    rng = Rng(seed)
    digest = hashlib.sha256(repr(_plain(state)).encode())
    played = 0
    while not state.game_over and (turns is None or played < turns):
        orders = tuple(choose(scenario, state))
        state, events = step(scenario, state, orders, rng)
        played += 1
        digest.update(repr((_plain(orders), _plain(state), _plain(events))).encode())
    return digest.hexdigest()[:24]


FIXTURE_GAMES = {
    (1, "none"): "2a5e16a74c8a1cf30c4ecddb",
    (2, "none"): "491d6371ba229c5eabf0cb34",
    (3, "greedy"): "985c4ca0cb595a64d30d37af",
    (4, "random"): "0925bc6a3f567f9175afa3d1",
    (5, "diplomacy"): "4ea199f7c43daabe96beeecc",
    (6, "shelter"): "8bc66f48ce22438b24ce2011",
}

IDLIB_TEXT_HASH = "74f2f6af9979f672fdf1ce38131c2425a4dbc2f3c0704ec9673295e00b4a86d1"
IDLIB_GAMES = {
    (1, "none"): "95c03e8c1128cff3ca52164c",
    (2, "greedy"): "24c9ee4c0587ebc59d47e052",
    (3, "random"): "d8a451946402483050cc44fc",
}


@pytest.mark.parametrize(("seed", "policy"), sorted(FIXTURE_GAMES))
def test_fixture_scenario_outcomes_are_pinned(seed, policy):
    assert game_digest(make_scenario(), seed, policy) == FIXTURE_GAMES[seed, policy]


@pytest.fixture(scope="module")
def idlib():
    from game.paths import bundled_scenario
    from game.scenario import load_scenario

    scenario = load_scenario(bundled_scenario("idlib"))
    if scenario.text_hash != IDLIB_TEXT_HASH:
        pytest.skip(
            "scenarios/idlib.yaml changed since these outcomes were pinned: re-pin them "
            "(python -m tests.engine.test_pinned_outcomes)"
        )
    return scenario


@pytest.mark.parametrize(("seed", "policy"), sorted(IDLIB_GAMES))
def test_idlib_outcomes_are_pinned(idlib, seed, policy):
    assert game_digest(idlib, seed, policy) == IDLIB_GAMES[seed, policy]


if __name__ == "__main__":  # print the values to pin
    from game.paths import bundled_scenario
    from game.scenario import load_scenario

    print("FIXTURE_GAMES = {")
    for seed, policy in sorted(FIXTURE_GAMES):
        print(f'    ({seed}, "{policy}"): "{game_digest(make_scenario(), seed, policy)}",')
    print("}")
    scenario = load_scenario(bundled_scenario("idlib"))
    print(f'IDLIB_TEXT_HASH = "{scenario.text_hash}"')
    print("IDLIB_GAMES = {")
    for seed, policy in sorted(IDLIB_GAMES):
        print(f'    ({seed}, "{policy}"): "{game_digest(scenario, seed, policy)}",')
    print("}")
