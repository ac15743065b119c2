"""`corridor simulate`: CSV columns and HXL row, summaries across seeds, workers, errors."""

from __future__ import annotations

import csv
import io

import pytest

from game.cli import main
from game.engine import CSV_COLUMNS
from game.engine.outcomes import HXL_TAGS


def _csv(text):
    return list(csv.reader(io.StringIO(text)))


def test_csv_starts_with_the_issue_columns(tmp_path):
    out = tmp_path / "run.csv"
    assert main(["simulate", "--seed", "3", "--turns", "4", "--csv", str(out)]) == 0
    rows = _csv(out.read_text())
    assert tuple(rows[0][: len(CSV_COLUMNS)]) == CSV_COLUMNS
    assert [r[0] for r in rows[1:]] == ["1", "2", "3", "4"]
    assert rows[1][1] == "2020-01-24" and rows[4][1] == "2020-01-27"


def test_hxl_row_follows_the_header(capsys):
    assert main(["simulate", "--turns", "2", "--csv", "-", "--hxl"]) == 0
    captured = capsys.readouterr()
    rows = _csv(captured.out)
    assert rows[1][:2] == ["#indicator+turn", "#date"]
    assert rows[1][3] == HXL_TAGS["displaced_since_december"] == "#affected+idps+total"
    assert all(tag.startswith("#") for tag in rows[1])
    assert len(rows) == 4
    assert "policy none" in captured.err  # the summary goes to stderr when the CSV is stdout


def test_single_run_with_a_policy_prints_the_score(capsys):
    assert main(["simulate", "--turns", "6", "--policy", "greedy"]) == 0
    out = capsys.readouterr().out
    assert "no-intervention baseline" in out
    assert "model estimate" in out


def test_runs_summary_has_median_and_range_and_workers_agree(capsys, tmp_path):
    one = tmp_path / "one.csv"
    two = tmp_path / "two.csv"
    assert (
        main(["simulate", "--turns", "5", "--runs", "4", "--policy", "greedy", "--csv", str(one)])
        == 0
    )
    summary = capsys.readouterr().out
    assert "4 runs" in summary and "median" in summary and "10%" in summary
    assert "needs_met_per_day" in summary
    assert (
        main(
            [
                "simulate",
                "--turns",
                "5",
                "--runs",
                "4",
                "--policy",
                "greedy",
                "--workers",
                "2",
                "--csv",
                str(two),
            ]
        )
        == 0
    )
    assert one.read_text() == two.read_text()
    rows = _csv(one.read_text())
    assert rows[0][-2:] == ["seed", "policy"]
    assert {r[-2] for r in rows[1:]} == {"1", "2", "3", "4"}


@pytest.mark.parametrize(
    "argv, words",
    [
        (["simulate", "--policy", "magic"], "unknown policy"),
        (["simulate", "--difficulty", "impossible"], "unknown difficulty"),
        (["simulate", "no_such_scenario_file.yaml"], "no_such_scenario_file"),
    ],
)
def test_bad_input_is_a_clear_error(capsys, argv, words):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_difficulty_changes_resources(capsys):
    assert main(["simulate", "--turns", "1", "--difficulty", "hard", "--csv", "-"]) == 0
    hard = _csv(capsys.readouterr().out)
    assert main(["simulate", "--turns", "1", "--csv", "-"]) == 0
    standard = _csv(capsys.readouterr().out)
    funds = hard[0].index("funds")
    assert int(hard[1][funds]) < int(standard[1][funds])


def test_save_writes_a_replayable_game(tmp_path, capsys):
    target = tmp_path / "sim.jsonl"
    assert main(["simulate", "--turns", "3", "--policy", "greedy", "--save", str(target)]) == 0
    assert target.exists()
    assert main(["replay", "--verify", str(target)]) == 0
    assert "every state hash matches" in capsys.readouterr().out
