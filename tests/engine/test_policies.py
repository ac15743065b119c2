"""Built-in policies and the score against the no-intervention baseline."""

from __future__ import annotations

import statistics

import pytest

from game.engine.policies import POLICIES
from game.engine.score import score, score_game
from game.engine.simulate import run_game
from game.paths import bundled_scenario


@pytest.fixture(scope="module")
def idlib():
    from game.scenario import load_scenario

    return load_scenario(bundled_scenario("idlib"))


@pytest.mark.parametrize("name", sorted(POLICIES))
def test_policies_give_only_orders_the_engine_accepts(scenario, name):
    record = run_game(scenario, 5, name)
    refused = [e.message for evs in record.events for e in evs if e.kind == "refused"]
    assert refused == []
    if name == "none":
        assert all(orders == () for orders in record.orders)


def test_none_is_the_baseline(scenario):
    record = run_game(scenario, 2, "none")
    s = score_game(record)
    assert s.helped == 0 and s.extra_sheltered == 0 and s.harm_avoided == 0


@pytest.fixture(scope="module")
def scores(idlib):
    seeds = range(1, 6)
    bases = {seed: run_game(idlib, seed, "none") for seed in seeds}
    out = {}
    for name in POLICIES:
        rows = []
        for seed in seeds:
            rows.append(score(run_game(idlib, seed, name), bases[seed]))
        out[name] = rows
    return out


def _median(rows, attr):
    return statistics.median(getattr(r, attr) for r in rows)


def test_greedy_clearly_beats_doing_nothing(scores):
    greedy = scores["greedy"]
    assert _median(greedy, "needs_met_per_day") > 10000
    assert _median(greedy, "extra_sheltered_per_day") > 1000
    assert _median(greedy, "reached_per_day") > 10000
    assert all(r.sheltered >= r.baseline_sheltered for r in greedy)


def test_random_does_not_beat_greedy(scores):
    assert _median(scores["random"], "helped") < _median(scores["greedy"], "helped")


def test_three_strategies_are_viable_and_none_dominates_widely(scores):
    helped = {name: _median(scores[name], "helped") for name in ("convoys", "shelter", "diplomacy")}
    assert all(value > 0 for value in helped.values()), helped
    assert max(helped.values()) < 2 * min(helped.values()), helped
    assert _median(scores["shelter"], "extra_sheltered_per_day") > _median(
        scores["convoys"], "extra_sheltered_per_day"
    )


def test_policy_runs_are_deterministic(idlib):
    a = run_game(idlib, 9, "random", turns=6)
    b = run_game(idlib, 9, "random", turns=6)
    assert a.orders == b.orders and a.hashes() == b.hashes()
