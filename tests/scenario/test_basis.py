"""Reported or projected: one rule (`event_basis`), an author's explicit `basis`, and the log
and the epilogue agreeing with it."""

from __future__ import annotations

import datetime as dt

import pytest

from game.app.campaign import epilogue
from game.engine.rng import Rng
from game.engine.turn import new_game, step
from game.scenario import load_scenario, load_scenario_text
from game.scenario.basis import Basis, default_basis, event_basis, event_citation
from game.scenario.model import EventKind, Scenario, TimelineEvent

from .helpers import IDLIB, diagnostics, minimal_text, replace_once

ARTICLE = "article ¶6: taken"
RECORD = "ocha_fu_01: reported"
ASSUMED = "assumption: a projection"


def event(**changes: object) -> TimelineEvent:
    values: dict = {
        "id": "e",
        "kind": EventKind.CAPTURE,
        "title": "t",
        "source": (ARTICLE,),
        "date": dt.date(2020, 1, 25),
    }
    values.update(changes)
    return TimelineEvent(**values)


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, Basis.REPORTED),
        ({"source": (RECORD,)}, Basis.REPORTED),  # a listed public record counts like the article
        ({"source": (ASSUMED, ARTICLE)}, Basis.REPORTED),
        ({"source": (ASSUMED,)}, Basis.PROJECTED),
        ({"probability": 0.5}, Basis.PROJECTED),
        ({"probability": 0.99, "latest": dt.date(2020, 1, 26)}, Basis.PROJECTED),
        ({"after": "other"}, Basis.PROJECTED),
    ],
)
def test_the_default_rule(changes: dict, expected: Basis) -> None:
    assert default_basis(event(**changes)) is expected
    assert event_basis(event(**changes)) is expected


@pytest.mark.parametrize("basis", list(Basis))
def test_an_authors_basis_wins(basis: Basis) -> None:
    assert event_basis(event(basis=basis)) is basis
    assert event_basis(event(basis=basis, probability=0.3, source=(ASSUMED,))) is basis


def test_basis_is_read_from_the_file() -> None:
    text = replace_once(
        minimal_text(),
        "    kind: capture\n",
        "    kind: capture\n    basis: projected\n",
    )
    scenario = load_scenario_text(text, "t.yaml")
    taken = next(e for e in scenario.timeline if e.id == "kfar_roummah_taken")
    assert taken.basis is Basis.PROJECTED
    assert event_basis(taken) is Basis.PROJECTED


def test_an_unknown_basis_is_refused_with_the_choices() -> None:
    text = replace_once(
        minimal_text(), "    kind: capture\n", "    kind: capture\n    basis: reportd\n"
    )
    (found,) = diagnostics(text)
    assert found.key == "timeline[0].basis"
    assert "did you mean `reported`?" in (found.hint or "")


def _play(scenario: Scenario, seed: int = 1) -> tuple[list, object, object]:
    state = new_game(scenario, seed)
    first = state
    rng = Rng(seed)
    logged = []
    while not state.game_over:
        state, events = step(scenario, state, (), rng)
        logged.extend(events)
    return logged, first, state


def _titles(scenario: Scenario) -> dict[str, TimelineEvent]:
    return {e.title: e for e in scenario.timeline}


def _check_log(scenario: Scenario, logged: list) -> int:
    by_title = _titles(scenario)
    checked = 0
    for line in logged:
        if line.cause not in ("timeline", "projection"):
            continue
        title = line.message.removesuffix(" (model projection)")
        projected = line.message.endswith("(model projection)")
        assert projected == (event_basis(by_title[title]) is Basis.PROJECTED), line.message
        checked += 1
    return checked


@pytest.mark.skipif(not IDLIB.exists(), reason="no bundled scenario")
def test_the_log_follows_the_rule_on_the_bundled_scenario() -> None:
    scenario = load_scenario(IDLIB)
    logged, _, _ = _play(scenario)
    assert _check_log(scenario, logged) >= 15


def test_the_log_follows_an_authors_basis() -> None:
    text = replace_once(
        minimal_text(), "    kind: statement\n", "    kind: statement\n    basis: projected\n"
    )
    scenario = load_scenario_text(text, "t.yaml")
    logged, _, _ = _play(scenario)
    messages = [line.message for line in logged]
    assert "A US statement calls for a cease-fire and access for aid (model projection)" in messages
    assert _check_log(scenario, logged) >= 2


def _epilogue_line(text: str, place: str) -> str:
    scenario = load_scenario_text(text, "t.yaml")
    _, first, last = _play(scenario)
    lines = dict(epilogue(scenario, first, last))  # type: ignore[arg-type]
    return lines[place]


def test_the_epilogue_calls_a_reported_capture_reported() -> None:
    line = _epilogue_line(minimal_text(), "Kfar Roummah")
    assert "as reported (article ¶6)" in line


def test_the_epilogue_calls_a_projected_capture_a_projection_with_its_basis() -> None:
    """Issue 12's framing bug: a capture cited to the article but only projected (here by the
    author's `basis`, in the bundled scenario by its probability) is not "as reported"."""
    text = replace_once(
        minimal_text(), "    kind: capture\n", "    kind: capture\n    basis: projected\n"
    )
    line = _epilogue_line(text, "Kfar Roummah")
    assert "as reported" not in line
    assert "a projection of the model (its basis: article ¶6), not a reported event" in line


def test_a_probable_capture_citing_the_article_is_a_projection_in_the_epilogue() -> None:
    text = replace_once(
        minimal_text(),
        "    date: 2020-01-28\n    source",
        "    date: 2020-01-28\n    probability: 0.9\n    latest: 2020-01-28\n    source",
    )
    line = _epilogue_line(text, "Kfar Roummah")
    assert "as reported" not in line and "projection of the model" in line


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        ((ARTICLE,), "article ¶6"),
        ((RECORD, ARTICLE), "article ¶6"),  # the article's paragraph first, as the log did
        ((ASSUMED, RECORD), "ocha_fu_01"),  # a record-cited report is cited too
        ((ASSUMED,), None),
    ],
)
def test_the_citation_a_log_line_ends_with(sources: tuple[str, ...], expected: str | None) -> None:
    assert event_citation(event(source=sources)) == expected


@pytest.mark.skipif(not IDLIB.exists(), reason="no bundled scenario")
def test_the_citation_agrees_with_the_log_on_the_bundled_scenario() -> None:
    scenario = load_scenario(IDLIB)
    logged, _, _ = _play(scenario)
    by_title = _titles(scenario)
    for line in logged:
        if line.cause in ("timeline", "projection"):
            event = by_title[line.message.removesuffix(" (model projection)")]
            if event_citation(event) is None or event_citation(event).startswith("article"):
                assert line.citation == event_citation(event)
