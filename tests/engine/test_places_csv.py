"""`corridor simulate --places-csv`: one row per place per turn whose columns add up, turn by
turn, to the per-turn figures of the same game; and `simulate --help` lists every policy."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from game.cli import main
from game.commands.places_csv import PLACE_COLUMNS
from game.engine.policies import POLICIES
from game.scenario import load_scenario
from tests.scenario.helpers import IDLIB, MINIMAL

SCENARIO = IDLIB if IDLIB.exists() else MINIMAL


def _read(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_places_add_up_to_the_turns_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    places, turns = tmp_path / "places.csv", tmp_path / "turns.csv"
    status = main(
        [
            "simulate",
            str(SCENARIO),
            "--seed",
            "3",
            "--policy",
            "greedy",
            "--turns",
            "12",
            "--places-csv",
            str(places),
            "--csv",
            str(turns),
        ]
    )
    assert status == 0
    rows, figures = _read(places), _read(turns)
    scenario = load_scenario(SCENARIO)
    assert list(rows[0]) == list(PLACE_COLUMNS)
    assert len(rows) == 12 * len(scenario.locations)
    assert [r["place"] for r in rows[: len(scenario.locations)]] == [
        loc.id for loc in scenario.locations
    ]
    trapped_somewhere = 0  # the bundled scenario traps people in some turns: a real check
    for figure in figures:
        mine = [r for r in rows if r["turn"] == figure["turn"]]
        assert {r["date"] for r in mine} == {figure["date"]}
        for column in ("sheltered", "unsheltered", "trapped"):
            assert sum(int(r[column]) for r in mine) == int(figure[column]), column
        # the total also counts people harmed on the roads, who are at no place
        assert sum(int(r["harmed_estimate"]) for r in mine) <= int(figure["harmed_estimate"])
        trapped_somewhere += int(figure["trapped"])
    assert trapped_somewhere > 0 or SCENARIO == MINIMAL
    assert sum(int(r["harmed_estimate"]) for r in rows if r["turn"] == "12") > 0
    capsys.readouterr()


def test_places_csv_to_stdout_with_hxl(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(MINIMAL), "--turns", "2", "--places-csv", "-", "--hxl"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == ",".join(PLACE_COLUMNS)
    assert out[1].split(",")[2] == "#loc+code"
    assert len(out) == 2 + 2 * 4


def test_places_csv_records_one_game(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "p.csv"
    assert main(["simulate", str(MINIMAL), "--runs", "2", "--places-csv", str(target)]) == 2
    assert "--places-csv records one game" in capsys.readouterr().err
    assert not target.exists()


def test_simulate_help_lists_every_policy_in_a_line_or_two(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit) as done:
        main(["simulate", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    listed = out.split("policies (--policy):\n", 1)[1].splitlines()
    names = [
        line.split()[0] for line in listed if line.startswith("  ") and not line.startswith("   ")
    ]
    assert names == list(POLICIES)
    assert all(len(line) <= 80 for line in listed)
    assert "--places-csv FILE" in out
