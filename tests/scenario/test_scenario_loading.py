"""Loading a valid scenario: the model objects built, hashes and paths, and positions that
stay true whatever the line endings, byte-order mark or non-ASCII text."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.errors import ScenarioError
from game.scenario import load_scenario, load_scenario_bytes, load_scenario_text
from game.scenario.loader import load_nodes
from game.scenario.model import (
    Capture,
    Direction,
    EventKind,
    LocationKind,
    RoadChange,
    RoadStatus,
    Scenario,
    Threat,
)
from game.scenario.nodes import Map, describe, to_plain

from .helpers import MINIMAL, diagnostics, minimal_text, position, replace_once


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(MINIMAL)


def test_minimal_builds_the_model(scenario: Scenario) -> None:
    assert scenario.meta.start_date == dt.date(2020, 1, 24)
    assert scenario.meta.end_date == dt.date(2020, 1, 28)
    assert scenario.meta.turn_days == 1
    assert [loc.id for loc in scenario.locations] == [
        "maaret_al_numan",
        "kfar_roummah",
        "saraqeb",
        "bab_al_hawa",
    ]
    maaret = scenario.location_by_id["maaret_al_numan"]
    assert maaret.kind is LocationKind.CITY
    assert (maaret.population, maaret.displaced, maaret.bombardment) == (20000, 2000, 0.8)
    assert maaret.encirclement is not None
    assert maaret.encirclement.approaches[Direction.W] == "opposition"
    assert maaret.encirclement.open_exits == ("maaret_west",)
    assert len(maaret.source) == 2
    assert scenario.location_by_id["bab_al_hawa"].hub is True
    assert scenario.location_by_id["saraqeb"].localities == 1


def test_roads_map_from_and_to_onto_a_and_b(scenario: Scenario) -> None:
    road = scenario.road_by_id["m5_maaret_saraqeb"]
    assert (road.a, road.b, road.km, road.highway) == ("maaret_al_numan", "saraqeb", 25.0, "M5")
    assert road.status is RoadStatus.CONTESTED
    assert [r.id for r in scenario.roads_at("maaret_al_numan")] == [
        "m5_maaret_saraqeb",
        "maaret_west",
    ]


def test_timeline_effects_and_defaults(scenario: Scenario) -> None:
    taken, statement, threatened = scenario.timeline
    assert taken.kind is EventKind.CAPTURE and taken.probability == 1.0
    assert taken.effects == (
        Capture("kfar_roummah", "government"),
        RoadChange("maaret_west", status=RoadStatus.CONTESTED),
    )
    assert statement.effects[0].leverage == 10
    assert threatened.date is None and threatened.after == "kfar_roummah_taken"
    assert threatened.latest == dt.date(2020, 1, 28)
    assert threatened.effects == (Threat("saraqeb", 0.6, 2),)


def test_player_costs_model_figures_difficulties(scenario: Scenario) -> None:
    assert set(scenario.player.costs) == {
        "convoy",
        "shelter",
        "pause",
        "corridor",
        "evacuate",
        "appeal",
    }
    assert scenario.player.costs["appeal"].days == 3
    assert scenario.player.costs["appeal"].funds == 0
    assert scenario.param("leave_rate_max") == 0.3
    assert scenario.model["leave_rate_max"].unit == "fraction/day"
    assert scenario.figures["displaced_since_december"].value == 358000
    (standard,) = scenario.difficulties
    assert (standard.resources, standard.event_odds) == (1.0, 1.0)


def test_path_and_hash(tmp_path: Path) -> None:
    data = MINIMAL.read_bytes()
    scenario = load_scenario(str(MINIMAL))
    assert scenario.path == str(MINIMAL)
    assert scenario.text_hash == hashlib.sha256(data).hexdigest()
    from_text = load_scenario_text(data.decode("utf-8"), "embedded")
    assert from_text.text_hash == scenario.text_hash
    assert from_text.path is None
    assert from_text.meta == scenario.meta


def test_line_endings_do_not_move_positions() -> None:
    broken = replace_once(minimal_text(), "population: 3000", "population: -3000")
    lf = diagnostics(broken)
    lines = broken.split("\n")
    crlf = diagnostics("\r\n".join(lines))
    cr = diagnostics("\r".join(lines))
    mixed = diagnostics("".join(line + ("\r\n", "\n", "\r")[i % 3] for i, line in enumerate(lines)))
    expected = position(broken, "-3000")
    for found in (lf, crlf, cr, mixed):
        (diagnostic,) = found
        assert (diagnostic.line, diagnostic.column) == expected


def test_columns_count_characters_not_bytes() -> None:
    text = replace_once(
        minimal_text(),
        "name: Government forces, role: attacker",
        "name: Forces gouvernementales é ü, role: attackr",
    )
    (diagnostic,) = diagnostics(text)
    assert (diagnostic.line, diagnostic.column) == position(text, "attackr")


def test_quoted_dates_and_empty_optional_keys() -> None:
    text = replace_once(minimal_text(), "start_date: 2020-01-24", 'start_date: "2020-01-24"')
    text = replace_once(text, "    hub: true\n", "    hub: true\n    notes:\n")
    scenario = load_scenario_text(text)
    assert scenario.meta.start_date == dt.date(2020, 1, 24)
    assert scenario.location_by_id["bab_al_hawa"].notes is None


def test_date_with_time_is_refused() -> None:
    text = replace_once(minimal_text(), "start_date: 2020-01-24", "start_date: 2020-01-24 10:00:00")
    (diagnostic,) = diagnostics(text)
    assert "must be a date" in diagnostic.message
    assert "drop the time: `2020-01-24`" in (diagnostic.hint or "")


def test_duplicate_keys_keep_both_positions() -> None:
    text = replace_once(minimal_text(), "  turns: 5\n", "  turns: 5\n  turns: 6\n")
    (diagnostic,) = diagnostics(text)
    first = position(text, "turns: 5")
    assert f"first at line {first[0]}, column {first[1]}" in diagnostic.message


def test_non_text_keys_are_reported() -> None:
    text = replace_once(minimal_text(), "  turns: 5\n", "  turns: 5\n  ? [a, b]\n  : x\n")
    messages = [d.message for d in diagnostics(text)]
    assert "a key must be plain text, not a list or mapping" in messages


def test_nodes_keep_positions_and_convert_to_plain_data() -> None:
    root, found = load_nodes(MINIMAL.read_bytes(), "m.yaml")
    assert found == []
    meta = root.get("meta")
    assert isinstance(meta, Map)
    start = meta.get("start_date")
    assert start is not None
    assert (start.line, start.column) == position(minimal_text(), "2020-01-24\n", 0)
    plain = to_plain(root)
    assert plain["meta"]["start_date"] == "2020-01-24"
    assert plain["locations"][0]["encirclement"]["approaches"]["N"] == "government"
    assert describe(start) == "the date 2020-01-24"


def test_scenario_error_is_a_corridor_error() -> None:
    from game.errors import CorridorError

    with pytest.raises(CorridorError):
        load_scenario_bytes(b"", "e.yaml")
    assert issubclass(ScenarioError, CorridorError)


_NUMBER_TEXTS = st.one_of(
    st.integers(-(10**25), 10**25).map(str),
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.floats(-1e7, 1e7).map(lambda x: f"{x:.3f}"),
    st.from_regex(r"[-+]?[0-9_]{1,6}(\.[0-9_]{0,4})?([eE][-+]?[0-9]{1,3})?", fullmatch=True),
    st.sampled_from(["0", "-0", "+1", "00", "010", "0x1f", "0o17", "1_000", "1:30", "1.", ".5"]),
    st.sampled_from(["-0.0", "1.0e+400", "1e5", "1.5e3", ".inf", "-.Inf", ".nan", "~", "null"]),
)


@settings(max_examples=300, deadline=None)
@given(_NUMBER_TEXTS)
def test_plain_numbers_read_as_yaml_reads_them(text: str) -> None:
    """The loader reads plain decimal numbers without PyYAML's constructor (a fast path); the
    value and its type are still exactly what YAML 1.1 (`yaml.safe_load`) makes of the text.
    YAML 1.1's other notations (`010` octal, `0x1f`, `1_000`, `1:30`) are refused instead, with
    a message; plain decimal numbers never are."""
    import math
    import re

    import yaml

    from game.scenario.nodes import INVALID

    expected = yaml.safe_load(f"v: {text}\n")["v"]
    root, found = load_nodes(f"v: {text}\n".encode(), "n.yaml")
    got = root.entries["v"][1].value
    decimal = re.fullmatch(r"[-+]?(?:0|[1-9][0-9]*|[0-9]*\.[0-9]*(?:[eE][-+][0-9]+)?)", text)
    if got is INVALID and not isinstance(expected, str):
        assert not decimal, text
        assert len(found) == 1 and "plain decimal digits" in found[0].message
        return
    assert type(got) is type(expected)
    if isinstance(expected, float) and math.isnan(expected):
        assert math.isnan(got)
    else:
        assert got == expected and repr(got) == repr(expected)
