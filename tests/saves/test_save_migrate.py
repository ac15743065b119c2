"""Saves of format 0 are upgraded on reading; the result replays like a format-1 save."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.app.session import GameSession
from game.cli import main
from game.errors import SaveError
from game.saves import read_save
from game.saves.format import FORMAT_VERSION
from tests.saves.conftest import candidate_orders, play

FORMAT0 = Path(__file__).parent / "fixtures" / "format0.jsonl"


def test_static_format0_fixture_reads_as_version1():
    data = read_save(FORMAT0)
    assert data.header.migrated_from == 0
    assert data.header.format_version == FORMAT_VERSION
    assert data.header.scenario.id == "saves_fixture"
    assert data.header.turns == 40  # from the embedded scenario's meta
    assert data.header.initial_hash is None
    assert [t.turn for t in data.turns] == [1, 2, 3]
    assert data.turns[0].orders == ({"kind": "appeal"},)
    assert data.turns[0].line == 2 and data.turns[0].date is None


def _as_format0(session: GameSession) -> str:
    """The session's game written the way format 0 wrote it."""
    from hashlib import sha256

    lines = [
        {
            "format_version": 0,
            "scenario_file": session.scenario_path,
            "scenario_sha256": sha256(session.scenario_text.encode()).hexdigest(),
            "scenario_yaml": session.scenario_text,
            "seed": session.seed,
            "difficulty": session.difficulty,
        }
    ]
    from game.engine import order_to_dict

    for record in session.history:
        lines.append(
            {
                "t": record.turn,
                "orders": [order_to_dict(o) for o in record.orders],
                "state_hash": record.hash,
            }
        )
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines)


def test_format0_game_loads_replays_and_resaves_as_version1(small_scenario, tmp_path, capsys):
    candidates = candidate_orders(small_scenario)
    session = play(
        GameSession.new(small_scenario, 9, saves_dir=tmp_path, autosave=False),
        [[1, 2], [3], [], [4, 50]],
        candidates,
    )
    old = tmp_path / "old.jsonl"
    old.write_text(_as_format0(session), encoding="utf-8")
    loaded = GameSession.load(old, autosave=False)
    assert [r.hash for r in loaded.history] == [r.hash for r in session.history]
    assert loaded.to_bytes() == session.to_bytes()  # re-saved, it is a format-1 file
    assert main(["replay", "--verify", str(old)]) == 0
    assert "upgraded from format 0" in capsys.readouterr().out


def test_format0_desync_is_still_detected(small_scenario, tmp_path):
    session = play(
        GameSession.new(small_scenario, 9, saves_dir=tmp_path, autosave=False), [[], []], [None]
    )
    text = _as_format0(session).replace(session.history[1].hash, "ab" * 32)
    old = tmp_path / "old.jsonl"
    old.write_text(text, encoding="utf-8")
    with pytest.raises(SaveError, match="desync at turn 2"):
        GameSession.load(old, autosave=False)


def test_bad_format0_line_says_it_cannot_be_upgraded(tmp_path):
    lines = FORMAT0.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = '{"t": 2, "orders": [], "hash": "00"}\n'
    bad = tmp_path / "bad.jsonl"
    bad.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(SaveError) as info:
        read_save(bad)
    diag = info.value.diagnostics[0]
    assert "cannot be upgraded from format 0" in diag.message and diag.line == 3


def test_format0_header_with_unknown_field(tmp_path):
    lines = FORMAT0.read_text(encoding="utf-8").splitlines(keepends=True)
    header = json.loads(lines[0])
    header["extra"] = 1
    lines[0] = json.dumps(header) + "\n"
    bad = tmp_path / "bad.jsonl"
    bad.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(SaveError, match="unknown fields"):
        read_save(bad)


def test_format0_embedded_scenario_error_points_at_line_1(tmp_path):
    """Format 0 keeps the scenario in its header: a failure to load it names line 1."""
    from hashlib import sha256

    lines = FORMAT0.read_text(encoding="utf-8").splitlines(keepends=True)
    header = json.loads(lines[0])
    header["scenario_yaml"] = "meta: [\n"
    header["scenario_sha256"] = sha256(b"meta: [\n").hexdigest()
    lines[0] = json.dumps(header) + "\n"
    bad = tmp_path / "bad.jsonl"
    bad.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(SaveError) as info:
        GameSession.load(bad, autosave=False)
    first, *rest = info.value.diagnostics
    assert (first.file, first.line) == (str(bad), 1)
    assert rest and all(d.file == f"{bad} [embedded scenario]" for d in rest)


def test_format0_header_holding_a_large_scenario_is_read(tmp_path):
    """Format 0 keeps the scenario in its header line, so that line may exceed the 64 KiB a
    format-1 header may be."""
    from hashlib import sha256

    from game.saves.format import MAX_HEADER_LINE

    lines = FORMAT0.read_text(encoding="utf-8").splitlines(keepends=True)
    header = json.loads(lines[0])
    header["scenario_yaml"] += "# " + "padding " * 20_000 + "\n"
    header["scenario_sha256"] = sha256(header["scenario_yaml"].encode()).hexdigest()
    lines[0] = json.dumps(header) + "\n"
    assert len(lines[0]) > 2 * MAX_HEADER_LINE
    path = tmp_path / "big0.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    data = read_save(path)
    assert data.header.migrated_from == 0 and data.scenario_text == header["scenario_yaml"]
    assert [t.turn for t in data.turns] == [1, 2, 3]
