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
    (1, "none"): "3baf5292cca1cc639c0ce4ee",
    (2, "none"): "962cf96de398435fbce2cb6a",
    (3, "greedy"): "3e49f32140d3a99c41c7d348",
    (4, "random"): "e62ac92eca52f6543f2a849b",
    (5, "diplomacy"): "6c1c951d1c1f36f8b28cb711",
    (6, "shelter"): "dc85c74dd897cbb55a7946da",
}

IDLIB_TEXT_HASH = "2f0b6a289627390b1ab5326bcdb1fd6aaf23a710a771d1111918e9725c210499"
IDLIB_GAMES = {
    (1, "none"): "ee147d82be9993d8157ee5da",
    (2, "greedy"): "6f18bb48366904d1a64e72d8",
    (3, "random"): "7f0a65ab10bc0bfe26bcef5c",
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
