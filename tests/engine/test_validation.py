"""The baseline's curve against the public record (docs/validation.md): prints, for each
reported figure, the median of 20 no-intervention games beside it with the ratio, and where
people went and came from; checks the calibration date and that every figure is compared."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.engine import public_record as pr
from tests.engine import validation


@pytest.fixture(scope="module")
def records():
    from game.paths import bundled_scenario
    from game.scenario import load_scenario

    return validation.baselines(load_scenario(bundled_scenario("idlib")))


def test_prints_the_curve_against_the_record(records, capsys):
    table = validation.markdown(records)
    with capsys.disabled():
        print("\n\nIdlib baseline against the public record (docs/validation.md):\n" + table)
    start = records[0].scenario.meta.start_date
    for figure in pr.DISPLACED + pr.LOCALITIES:
        if figure.date >= start:
            assert f"{figure.value:,}" in table
    for share in pr.DESTINATIONS + pr.ORIGINS:
        assert share.label in table


def test_the_article_date_holds(records):
    # article ¶14: about 358,000 displaced since December; ¶10: more than 23 places taken
    [line] = [
        x
        for x in validation.curve(records, "displaced_since_december", pr.DISPLACED)
        if x.figure.source == "article ¶14"
    ]
    assert line.verdict == "agrees", line.ratio
    [taken] = [x for x in validation.curve(records, "localities_taken", pr.LOCALITIES)][:1]
    assert taken.date == dt.date(2020, 1, 28) and taken.median > 23


def test_every_cited_document_has_a_date_and_an_address():
    for figure in pr.DISPLACED + pr.LOCALITIES:
        assert figure.source.startswith("article ¶") or pr.document(figure.source), figure
    for share in pr.DESTINATIONS + pr.ORIGINS:
        assert pr.document(share.source), share
    for doc in pr.DOCUMENTS:
        assert doc.url and doc.date and doc.publisher, doc


def test_shares_are_of_places_in_the_scenario(records):
    ids = {loc.id for loc in records[0].scenario.locations}
    for share in pr.DESTINATIONS + pr.ORIGINS:
        missing = {p for p in share.places if p not in ids}
        assert not missing, (share.label, missing)
