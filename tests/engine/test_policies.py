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


def _share(rows) -> float:
    """Harm avoided against the same seeds' baseline, as a share of the baseline's harm."""
    return sum(r.harm_avoided for r in rows) / sum(r.baseline_harmed for r in rows)


def test_levers_avoid_a_real_share_of_the_harm_and_a_mix_does_best(scores):
    """Convoys alone and shelter alone each avoid at least 5% of the baseline's harm; the
    mixed policy avoids more than any single lever; random play avoids less (docs/balance.md,
    issue 19)."""
    share = {name: _share(rows) for name, rows in scores.items()}
    assert share["convoys"] >= 0.05 and share["shelter"] >= 0.05, share
    assert share["greedy"] > max(share["convoys"], share["shelter"], share["diplomacy"]), share
    assert share["random"] < share["greedy"], share
    assert _median(scores["shelter"], "extra_sheltered_per_day") > _median(
        scores["convoys"], "extra_sheltered_per_day"
    )


@pytest.mark.xfail(
    strict=True,
    reason="diplomacy alone (pauses, corridors, evacuations) avoids under 1% of the Idlib "
    "baseline's harm: few people remain where negotiations act (docs/balance.md)",
)
def test_diplomacy_alone_avoids_a_real_share(scores):
    assert _share(scores["diplomacy"]) >= 0.05


def test_the_mixed_policy_keeps_its_means_at_work(scores, idlib):
    """A sensible player: orders on most days, and leverage spent rather than piled up."""
    record = run_game(idlib, 3, "greedy")
    idle = sum(1 for orders in record.orders if not orders)
    assert idle <= 10, idle
    leverage = statistics.fmean(f.leverage for f in record.figures)
    assert leverage < 50, leverage


def test_policy_runs_are_deterministic(idlib):
    a = run_game(idlib, 9, "random", turns=6)
    b = run_game(idlib, 9, "random", turns=6)
    assert a.orders == b.orders and a.hashes() == b.hashes()
