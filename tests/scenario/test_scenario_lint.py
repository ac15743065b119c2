"""Likely mistakes get warnings (file:line:col, exit 0), what the engine cannot honour is an
error: each case is a small edit of the minimal fixture, which itself has no warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.errors import Diagnostic
from game.scenario import load_scenario_text
from game.scenario.load import load_scenario_bytes

from .helpers import IDLIB, diagnostics, minimal_text, position, replace_once

ISOLATED = """  - id: qmenas
    name: Qmenas
    kind: village
    lat: 35.85
    lon: 36.70
    population: 2000
    displaced: 0
    shelter_capacity: 0
    control: opposition
    source: "assumption: a village off the road network, for the test"
roads:
"""


def warnings_of(text: str) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    load_scenario_bytes(text.encode(), "t.yaml", warnings=found)
    return found


def edited(*edits: tuple[str, str]) -> str:
    text = minimal_text()
    for old, new in edits:
        text = replace_once(text, old, new)
    return text


def test_the_minimal_fixture_has_no_warning() -> None:
    assert warnings_of(minimal_text()) == []


KFAR_ROAD = "km: 9,\n     control: opposition, status: "
BAB_ROAD = "km: 45,\n     control: opposition, status: "
KFAR_SOURCE = '    control: opposition\n    source: "assumption: illustrative'

# (name, edits, a fragment of the message, where it points: a needle and the text before it)
CASES = [
    (
        "a populated place without a road",
        (("roads:\n", ISOLATED),),
        "has 2,000 people but no road",
        ("- id: qmenas", "- id: "),
    ),
    (
        "every road closed for good",
        (
            (KFAR_ROAD + "open", KFAR_ROAD + "closed"),
            ("maaret_west, status: contested}", "maaret_west, status: closed}"),
        ),
        "every road out of `kfar_roummah` is closed for the whole campaign",
        ("- id: kfar_roummah\n", "- id: "),
    ),
    (
        "encircled without an exit",
        (("open_exits: [maaret_west]", "open_exits: []"),),
        "`maaret_al_numan` is encircled with no open exit",
        ("open_exits: []", "open_exits: "),
    ),
    (
        "an unreachable crossing",
        ((BAB_ROAD + "open", BAB_ROAD + "closed"),),
        "crossing `bab_al_hawa` cannot be reached",
        ("- id: bab_al_hawa", "- id: "),
    ),
    (
        "no attacker",
        (("role: attacker", "role: defender"),),
        "no faction has `role: attacker`",
        ("factions:\n  - {", "factions:\n  "),
    ),
    (
        "a defender's capture makes nothing fall",
        (("role: attacker", "role: defender"),),
        "takes `kfar_roummah`, which no attacker holds",
        ("faction: government}\n      - road", "faction: "),
    ),
    (
        "a place held by the humanitarian faction",
        ((KFAR_SOURCE, KFAR_SOURCE.replace("opposition", "aid")),),
        "is held by the humanitarian faction `aid`",
        ("control: aid", "control: "),
    ),
    (
        "a hub held by an attacker",
        (("    control: opposition\n    hub: true", "    control: government\n    hub: true"),),
        "hub `bab_al_hawa` is held by an attacker",
        ("hub: true", "hub: "),
    ),
    (
        "an event that can never happen",
        (
            (
                "    date: 2020-01-27\n    source",
                "    date: 2020-01-27\n    probability: 0\n    source",
            ),
        ),
        "event `us_statement` can never happen",
        ("- id: us_statement", "- id: "),
    ),
    (
        "a reported event the model decides",
        (("    probability: 0.5\n", "    probability: 0.5\n    basis: reported\n"),),
        "`saraqeb_threatened` is shown as reported",
        ("basis: reported", "basis: "),
    ),
    (
        "a camp without places",
        (("    kind: village\n", "    kind: camp\n"),),
        "camp `kfar_roummah` has no shelter places",
        ("shelter_capacity: 0\n" + KFAR_SOURCE, "shelter_capacity: "),
    ),
    (
        "a camp full at the start",
        (
            ("    kind: town\n", "    kind: camp\n"),
            (
                "displaced: 1000\n    shelter_capacity: 2000",
                "displaced: 2500\n    shelter_capacity: 2000",
            ),
        ),
        "camp `saraqeb` is full at the start (2,500 displaced people for 2,000 places)",
        ("shelter_capacity: 2000", "shelter_capacity: "),
    ),
    (
        "far too little shelter",
        (
            ("shelter_capacity: 8000", "shelter_capacity: 5000"),
            ("shelter_capacity: 2000", "shelter_capacity: 1000"),
        ),
        "0 free shelter places in all for 38,000 people",
        ("locations:\n  - id", "locations:\n  "),
    ),
]


@pytest.mark.parametrize(("name", "edits", "message", "where"), CASES, ids=[c[0] for c in CASES])
def test_likely_mistakes_are_warned_about(
    name: str, edits: tuple[tuple[str, str], ...], message: str, where: tuple[str, str]
) -> None:
    text = edited(*edits)
    found = [w for w in warnings_of(text) if message in w.message]
    assert found, [w.format() for w in warnings_of(text)]
    warning = found[0]
    assert warning.severity == "warning" and warning.hint and warning.key
    assert (warning.line, warning.column) == position(text, where[0], len(where[1]))
    assert load_scenario_text(text, "t.yaml")  # still a valid scenario


def test_a_humanitarian_capture_is_refused() -> None:
    text = edited(
        (
            "- capture: {location: kfar_roummah, faction: government}",
            "- capture: {location: kfar_roummah, faction: aid}",
        )
    )
    (found,) = diagnostics(text)
    assert found.severity == "error"
    assert "humanitarian faction: it cannot capture `kfar_roummah`" in found.message
    assert found.key == "timeline[0].effects[0].capture.faction"
    assert (found.line, found.column) == position(text, "faction: aid}", 9)


def _run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, *flags: str
) -> tuple[int, str, str]:
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    status = main(["validate", *flags, str(path)])
    out, err = capsys.readouterr()
    return status, out, err


def test_validate_prints_warnings_and_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = edited(("    kind: village\n", "    kind: camp\n"))
    status, out, err = _run(tmp_path, capsys, text)
    line, column = position(
        text,
        'shelter_capacity: 0\n    control: opposition\n    source: "assumption: illustrative',
        18,
    )
    assert status == 0
    assert f"s.yaml:{line}:{column}: warning: camp `kfar_roummah` has no shelter places" in err
    assert "\n  hint: " in err
    assert out.strip().endswith("43,000 people, 1 warning")


def test_validate_strict_exits_1_on_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        _run(tmp_path, capsys, edited(("    kind: village\n", "    kind: camp\n")), "--strict")[0]
        == 1
    )
    assert _run(tmp_path, capsys, minimal_text(), "--strict")[0] == 0


@pytest.mark.skipif(not IDLIB.exists(), reason="no bundled scenario")
def test_the_bundled_scenario_is_valid_whatever_it_warns() -> None:
    assert main(["validate", str(IDLIB)]) == 0
