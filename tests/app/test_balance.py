"""The balance report: outcomes read seed by seed against the same seed's baseline, spreads,
the Markdown of docs/balance.md and the `corridor balance` command."""

from __future__ import annotations

import statistics

import pytest

from game.app.balance import ORDER_KINDS, Spread, harm_by_cause, measure, outcome, render
from game.cli import main
from game.engine.score import score
from game.engine.simulate import run_game
from game.paths import bundled_scenario
from game.scenario import load_scenario

IDLIB = bundled_scenario()


@pytest.fixture(scope="module")
def report():
    return measure(IDLIB, [3, 4], ["shelter", "diplomacy"])


def test_spread_is_mean_sample_sd_and_range():
    s = Spread.of([1.0, 2.0, 6.0])
    assert s.mean == 3.0 and s.low == 1.0 and s.high == 6.0
    assert s.sd == pytest.approx(statistics.stdev([1.0, 2.0, 6.0]))
    assert Spread.of([5.0]).sd == 0.0


def test_baseline_comes_first_and_avoids_nothing(report):
    assert [p.policy for p in report.policies] == ["none", "shelter", "diplomacy"]
    base = report.policy("none")
    assert all(s.harm_avoided == 0 and s.harmed == s.baseline_harmed for s in base.seeds)
    assert base.spread("idle_turns").mean == report.turns


def test_each_seed_is_compared_with_its_own_baseline(report):
    scenario = load_scenario(IDLIB)
    for seed_outcome in report.policy("shelter").seeds:
        played = run_game(scenario, seed_outcome.seed, "shelter")
        base = run_game(scenario, seed_outcome.seed, "none")
        expected = score(played, base)
        assert seed_outcome.harmed == expected.harmed
        assert seed_outcome.baseline_harmed == expected.baseline_harmed
        assert seed_outcome.harm_avoided == expected.harm_avoided
        assert seed_outcome.evacuated == expected.evacuated
        assert seed_outcome.idle_turns == sum(1 for turn in played.orders if not turn)
        given = sum(len(turn) for turn in played.orders)
        assert sum(seed_outcome.orders) == given
        assert sum(dict(seed_outcome.harm_by_cause).values()) == played.final.counters.harmed


def test_harm_by_cause_adds_up_to_the_counter():
    scenario = load_scenario(IDLIB)
    record = run_game(scenario, 2, "greedy", turns=12)
    causes = harm_by_cause(record)
    assert "bombardment" in causes
    assert sum(causes.values()) == record.final.counters.harmed
    again = outcome(record, run_game(scenario, 2, "none", turns=12))
    assert dict(again.harm_by_cause) == causes


def test_workers_give_the_same_report(report):
    assert measure(IDLIB, [3, 4], ["shelter", "diplomacy"], workers=2) == report


def test_markdown_has_a_row_per_policy_and_the_command(report):
    text = render(report, "corridor balance --seeds 2")
    assert "`corridor balance --seeds 2`" in text
    for policy in ("none", "shelter", "diplomacy"):
        assert text.count(f"\n| {policy} |") == 3  # outcomes, play and cause tables
    for kind in ORDER_KINDS:
        assert kind in text
    avoided = report.policy("shelter").spread("harm_avoided")
    assert f"{avoided.mean:,.0f} ± {avoided.sd:,.0f}" in text
    assert "model estimates" in text


def test_command_writes_the_report(tmp_path, capsys):
    out = tmp_path / "balance.md"
    argv = ["balance", "--seeds", "2", "--policies", "shelter", "-o", str(out)]
    assert main(argv) == 0
    text = out.read_text()
    assert text.startswith("# Balance report")
    assert "| shelter |" in text and "| greedy |" not in text
    assert "2 seeds (1..2)" in text


def test_command_refuses_an_unknown_policy(capsys):
    assert main(["balance", "--seeds", "2", "--policies", "cautious"]) == 2
    err = capsys.readouterr().err
    assert "cautious" in err and "greedy" in err
