"""How figures, dates and sources read on screen."""

from __future__ import annotations

import datetime as dt

from game.text import format as fmt


def test_counts():
    assert fmt.people(358000) == "358,000"
    assert fmt.people(None) == "—"
    assert fmt.compact(950) == "950"
    assert fmt.compact(12_345) == "12k"
    assert fmt.compact(4_560) == "4.6k"
    assert fmt.compact(1_250_000) == "1.2M"
    assert fmt.delta(1200) == "+1,200"
    assert fmt.delta(-300) == "-300"
    assert fmt.delta(0) == "±0"
    assert fmt.money(480) == "$480k"
    assert fmt.money(1500) == "$1.5M"


def test_dates():
    assert fmt.day(dt.date(2020, 1, 24)) == "Fri 24 Jan 2020"
    assert fmt.short_day(dt.date(2020, 1, 28)) == "28 Jan"


def test_citations():
    assert fmt.citation("article ¶7: a road west kept open") == "article ¶7"
    assert fmt.citation("ocha_hu_08: 358,000 since December") == "ocha_hu_08"
    assert fmt.citation("assumption: test value") == "assumption"
    assert fmt.citation(None) is None
    assert (
        fmt.citations(["article ¶3: x", "article ¶10: y", "article ¶3: z", "ocha: w"])
        == "article ¶3, ¶10; ocha"
    )


def test_spark():
    assert fmt.spark([1]) == ""
    assert fmt.spark([0, 0, 0]) == "▁▁▁"
    assert fmt.spark([0, 7]) == "▁█"
    assert len(fmt.spark(range(20), width=8)) == 8


def test_place_panel_shows_the_bombardment_the_engine_applies():
    """A strike over a standing bombardment is the heavier of the two, never their sum above
    1 (the panel showed 'very heavy (1.60)' for Maaret al-Numan on the second day)."""
    import re

    from game.engine import Rng, new_game, step
    from game.engine.intensity import place_intensity
    from game.engine.network import network
    from game.paths import resolve_scenario
    from game.scenario import load_scenario
    from game.ui.widgets.place_panel import location_markup

    scenario = load_scenario(resolve_scenario("idlib"))
    factor = network(scenario).params.pause_bombardment_factor
    state, rng = new_game(scenario, 1), Rng(1)
    checked = 0
    for _ in range(4):
        state, events = step(scenario, state, (), rng)
        for loc in state.locations:
            text = location_markup(scenario, state, events, loc.id)
            shown = float(re.search(r"Bombardment +[a-z ]+\((\d\.\d\d)\)", text).group(1))
            assert shown == round(place_intensity(loc, factor), 2) <= 1.0
            checked += loc.bombardment + loc.strike > 1
    assert checked  # some place had a strike over its standing bombardment


def test_paired_bars_share_one_scale():
    from game.ui.widgets.paired_sparkline import BARS, bars, buckets

    assert bars([0, 5, 10], 0, 10) == BARS[0] + BARS[4] + BARS[7]
    # the baseline's larger values lower the player's bars: one scale for both rows
    assert bars([5], 0, 20) == BARS[2]
    assert bars([3, 3], 3, 3) == BARS[0] * 2
    assert buckets([1, 9, 2, 2, 8, 1], 3) == [9, 2, 8]
    assert buckets([1, 2], 5) == [1, 2]


def test_trend_text_gives_the_baseline_of_the_same_day():
    from game.ui.widgets.trends import trend_text

    text = trend_text("Harmed", "harmed_estimate", [1, 40], [1, 55, 90])
    assert text == "Harmed: 1 → [b]40[/]; without intervention 55"
    assert trend_text("Needs", "needs_covered_pct", [60.4], [60.4]).startswith("Needs: [b]60%")
