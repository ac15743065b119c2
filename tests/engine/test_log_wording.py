"""The engine's log and refusal texts read right (issue 18): counts agree with their nouns for
zero, one and many, and "fallen" is said of nothing: a place is "taken", and the log says
when."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from game.engine import events as ev
from game.engine import new_game
from game.engine.orders import _afford
from game.engine.simulate import run_game
from game.scenario import load_scenario
from game.scenario.model import OrderCost
from tests.engine.fixtures import make_scenario
from tests.wording import disagreements

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("n", "words"), [(0, "0 trucks"), (1, "1 truck"), (2, "2 trucks")])
def test_counts_agree(n, words):
    assert ev.count(n, "truck") == words
    assert ev.verb(n, "is", "are") == ("is" if n == 1 else "are")
    assert ev.people(n) == ("1 person" if n == 1 else f"{n} people")


def test_days_ago():
    assert [ev.days_ago(d) for d in (0, 1, 2)] == ["today", "yesterday", "2 days ago"]


@pytest.mark.parametrize("have", [0, 1, 2])
def test_refusals_name_their_units(have):
    scenario = make_scenario()
    state = new_game(scenario, 1)
    state = dataclasses.replace(
        state,
        resources=dataclasses.replace(state.resources, funds=have, trucks=have, leverage=have),
    )
    funds = _afford(scenario, state, OrderCost(funds=120))
    trucks = _afford(scenario, state, OrderCost(trucks=5))
    leverage = _afford(scenario, state, OrderCost(leverage=10))
    assert funds == f"not enough funds: it needs 120 thousand USD and you have {have} thousand USD"
    assert trucks is not None and f"{ev.count(have, 'truck')} " in trucks
    assert leverage == f"not enough leverage: it needs 10 leverage and you hold {have}"
    for text in (funds, trucks, leverage):
        assert not disagreements(text), text


@pytest.mark.parametrize(
    "path", [ROOT / "scenarios" / "idlib.yaml", ROOT / "tests" / "ui" / "fixtures" / "mini.yaml"]
)
def test_every_log_line_of_many_games_reads_right(path):
    """Every message and cause the engine logs over games with every built-in policy."""
    scenario = load_scenario(path)
    problems: dict[str, str] = {}
    for policy in ("none", "greedy", "diplomacy", "random", "convoys", "shelter"):
        for seed in (1, 2):
            record = run_game(scenario, seed, policy)
            for event in (e for turn in record.events for e in turn):
                for text in (event.message, event.cause):
                    for problem in disagreements(text):
                        problems[problem] = text
                    if "fallen" in text or "fell " in text:
                        problems["fallen"] = text
    assert not problems, problems
