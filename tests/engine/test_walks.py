"""Route walks kept across turns (displacement._Walks) are a pure memo: after any turn, every
kept walk equals the walk made afresh on the current road graph, however the front moved and
roads closed since it was made."""

from __future__ import annotations

import pytest

from game.engine import Rng, new_game, step
from game.engine.displacement import _back_from, _forward
from game.engine.network import network
from game.engine.policies import POLICIES
from game.engine.work import Work
from tests.engine.fixtures import make_scenario


def _assert_walks_fresh(scenario, state) -> int:
    walks = network(scenario).walks
    work = Work(scenario, state, Rng(state.seed))
    hostile, closed = walks.hostile, walks.closed
    assert hostile == work.hostile_now()
    assert closed == work.closed_now()
    for i, routes in walks.forward.items():
        assert routes == _forward(work, i, hostile, closed), i
    for k, paths in walks.back.items():
        assert paths == _back_from(work, k, hostile, closed), k
    return len(walks.forward) + len(walks.back)


def _generated(n: int, seed: int):
    from game.commands.generate import base_sections
    from game.scenario import load_scenario_text
    from game.tools.synthetic import generate_yaml

    return load_scenario_text(generate_yaml(n, seed, base_sections()), "generated.yaml")


@pytest.mark.parametrize(
    ("which", "seed", "policy"),
    [("fixture", 1, "none"), ("fixture", 2, "random"), ("generated", 3, "none")],
)
def test_kept_walks_equal_fresh_walks_every_turn(which, seed, policy):
    scenario = make_scenario() if which == "fixture" else _generated(400, seed)
    state = new_game(scenario, seed)
    rng = Rng(seed)
    choose = POLICIES[policy]
    checked = 0
    while not state.game_over:
        state, _ = step(scenario, state, choose(scenario, state), rng)
        checked += _assert_walks_fresh(scenario, state)
    assert checked > 0
