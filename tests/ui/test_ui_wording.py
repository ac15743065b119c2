"""Words that read right (issue 18): every template the UI and the reports fill in agrees in
number with singular, plural and zero values, no `(s)`, and every figure has its unit."""

from __future__ import annotations

import dataclasses

import pytest

from game.engine import Evacuate, ExpandShelter, SendConvoy
from game.scenario.model import Cargo, OrderCost
from game.text import format as fmt
from tests.wording import disagreements


def test_the_checker_catches_what_it_should():
    assert disagreements("fled 1 other places") == ["1 other places"]
    assert disagreements("1 days, 2 truck, 0 turn, 1 people, order(s)") == [
        "2 truck",
        "0 turn",
        "1 days",
        "1 people",
        "order(s)",
    ]
    assert disagreements("1 day, 2 days, 0 days, 1,200 people, 1 person, 2.5 days, a 2-day") == []


@pytest.mark.parametrize(("n", "words"), [(0, "0 days"), (1, "1 day"), (2, "2 days")])
def test_count_agrees(n, words):
    assert fmt.count(n, "day") == words
    assert fmt.count(n, "person", "people").endswith("person" if n == 1 else "people")


@pytest.mark.parametrize("n", [0, 1, 2, 1200])
def test_order_and_cost_templates(mini, n):
    from game.ui.widgets.order_list import cost_words, order_words

    texts = [
        order_words(mini, SendConvoy("bab_al_hawa", "saraqeb", Cargo.FOOD, n)),
        order_words(mini, ExpandShelter("idlib", n)),
        order_words(mini, Evacuate("maaret_al_numan", "maaret_kafr_nabl", n)),
        cost_words(OrderCost(funds=n, trucks=n, leverage=n, days=n)),
    ]
    for text in texts:
        assert not disagreements(text), text


@pytest.mark.parametrize("days", [0, 1, 2])
def test_place_and_road_panels(mini, days):
    from game.engine import new_game
    from game.ui.widgets.place_panel import location_markup, road_markup

    state = new_game(mini, 7)
    places = [dataclasses.replace(ls, pause_days=days, threat_days=days) for ls in state.locations]
    roads = [dataclasses.replace(rs, corridor_days=days) for rs in state.roads]
    state = dataclasses.replace(state, locations=tuple(places), roads=tuple(roads))
    for loc in mini.locations:
        text = location_markup(mini, state, (), loc.id)
        assert not disagreements(text), (loc.id, disagreements(text))
    for road in mini.roads:
        assert not disagreements(road_markup(mini, state, road.id))


@pytest.mark.parametrize("played", [0, 1, 2, 6])
def test_save_list_words(tmp_path, played):
    import datetime as dt

    from game.saves.catalog import SaveInfo
    from game.ui.screens.pick_save import where_it_stands

    info = SaveInfo(
        path=tmp_path / "x.jsonl",
        name="x",
        autosave=False,
        backup=False,
        modified=dt.datetime(2020, 1, 1),
        turn=played,
        turns_total=6,
        date="2020-01-25" if played else None,
    )
    assert not disagreements(where_it_stands(info))


def test_a_played_game_reads_right(mini, tmp_path):
    """Everything the UI and the reports write over a short game with orders: the turn
    report, the figures, the epilogue, the export, the order previews and the road lists."""
    from game.app import campaign
    from game.app.preview import effect_markup
    from game.app.session import GameSession
    from game.engine import LaunchAppeal, NegotiateCorridor, NegotiatePause
    from game.ui.screens.turn_report import figures_markup
    from game.ui.support.road_choices import road_choices

    session = GameSession.new(mini, 7, saves_dir=tmp_path, autosave=False)
    orders = [
        SendConvoy("bab_al_hawa", "saraqeb", Cargo.FOOD, 1),
        ExpandShelter("idlib", 1),
        NegotiatePause("maaret_al_numan"),
        NegotiateCorridor("maaret_kafr_nabl"),
        Evacuate("maaret_al_numan", "maaret_kafr_nabl", 1),
        LaunchAppeal(),
    ]
    texts = []
    while not session.game_over:
        for order in orders:
            texts.append(effect_markup(mini, session.state, order))
            session.queue(order)
        before = session.state
        events = session.end_turn()
        texts.append(figures_markup(mini, before, session.state))
        del events  # the engine's own messages: tests/engine (their wording is the engine's)
        texts += [c.label for c in road_choices(mini, session.state, near="maaret_al_numan")]
    record, base, score = campaign.compare(session)
    noise = campaign.noise(mini, 7, record.turns, None)
    texts += [text for _, text in campaign.epilogue(mini, session.initial_state, session.state)]
    texts.append(
        campaign.report_text(
            mini, 7, record.figures, base.figures, record.initial, session.state, [], noise
        )
    )
    texts.append(campaign.noise_note())
    texts += list(score.lines())
    problems = {d for text in texts for d in disagreements(text)}
    assert not problems, problems


def test_better_and_worse_only_beyond_the_noise():
    from game.app.campaign import MEASURES, verdict

    harmed = next(m for m in MEASURES if m.name == "harmed_estimate")
    assert verdict(harmed, 504_905, 505_076, threshold=900) == "≈ within noise"
    assert verdict(harmed, 504_000, 505_076, threshold=900) == "▲ better"
    assert verdict(harmed, 506_000, 505_076, threshold=900) == "▼ worse"
    assert verdict(harmed, 10, 10, threshold=0) == "= same"


def test_the_noise_is_the_spread_between_seeds(mini):
    from game.app.campaign import MEASURES, noise, value
    from game.engine.simulate import play_to_end

    spread = noise(mini, 7, 6, None, runs=3)
    finals = [play_to_end(mini, 7 + k, "none", 6, None).final_figures for k in (1, 2, 3)]
    for m in MEASURES:
        values = [value(row, m.name) for row in finals]
        assert spread[m.name] == max(values) - min(values)
