"""How figures, dates and sources read on screen."""

from __future__ import annotations

import datetime as dt

from game.ui import format as fmt


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
    assert fmt.citations(["article ¶3: x", "article ¶10: y", "article ¶3: z", "ocha: w"]) == \
        "article ¶3, ¶10; ocha"


def test_spark():
    assert fmt.spark([1]) == ""
    assert fmt.spark([0, 0, 0]) == "▁▁▁"
    assert fmt.spark([0, 7]) == "▁█"
    assert len(fmt.spark(range(20), width=8)) == 8
