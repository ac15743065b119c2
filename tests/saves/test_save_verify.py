"""`corridor replay --verify`: 0 when every hash matches, 1 on a desync, 2 on a bad file."""

from __future__ import annotations

import json
import subprocess
import sys
import tracemalloc
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.app.session import GameSession
from game.cli import main
from game.replay.resimulate import with_turns
from game.replay.verify import verify_save
from game.saves import read_save
from game.saves.format import encode_save
from tests.saves.conftest import candidate_orders, play


@pytest.fixture(scope="module")
def saved_game(small_scenario, tmp_path_factory):
    directory = tmp_path_factory.mktemp("verify")
    candidates = candidate_orders(small_scenario)
    choices = [[i * 7, i * 13 + 1, i * 3 + 2] for i in range(15)]
    session = play(
        GameSession.new(small_scenario, 21, saves_dir=directory, autosave=False),
        choices,
        candidates,
    )
    assert any(record.orders for record in session.history)
    path = session.save_to(directory / "game.jsonl")
    return path, path.read_bytes()


def _verify(path, capsys) -> tuple[int, str, str]:
    code = main(["replay", "--verify", str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def test_verify_ok_prints_one_line(saved_game, capsys):
    path, _ = saved_game
    code, out, err = _verify(path, capsys)
    assert code == 0, err
    assert out.count("\n") == 1
    assert "OK: 15 turns replayed, every state hash matches" in out
    assert "seed 21" in out


def _rewrite(source, target, turn, **changes):
    data = read_save(source)
    turns = [replace(t, **changes) if t.turn == turn else t for t in data.turns]
    target.write_bytes(encode_save(data.header, data.scenario_text, turns))


def test_verify_desync_names_the_first_turn(saved_game, tmp_path, capsys):
    path, _ = saved_game
    bad = tmp_path / "bad.jsonl"
    _rewrite(path, bad, 7, hash="0" * 64)
    code, _out, err = _verify(bad, capsys)
    assert code == 1
    assert "FAILED after 6 matching turns" in err
    assert "desync at turn 7" in err
    assert "the saved figures of this turn agree with the replay" in err


def test_verify_desync_lists_differences_from_a_snapshot(saved_game, tmp_path, capsys):
    path, _ = saved_game
    bad = tmp_path / "bad.jsonl"
    _rewrite(
        path,
        bad,
        10,
        orders=({"kind": "appeal"}, {"kind": "shelter", "location": "idlib", "places": 500}),
    )
    code, _, err = _verify(bad, capsys)
    assert code == 1
    assert "desync at turn 10" in err
    assert "from the saved snapshot" in err
    assert "resources" in err


def test_verify_initial_state_mismatch(saved_game, tmp_path, capsys):
    path, _ = saved_game
    data = read_save(path)
    header = replace(data.header, initial_hash="1" * 64)
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(encode_save(header, data.scenario_text, data.turns))
    code, _, err = _verify(bad, capsys)
    assert code == 1 and "desync at the starting state (turn 0)" in err


def test_verify_snapshot_that_disagrees_with_its_hash(saved_game, tmp_path, capsys):
    path, _ = saved_game
    data = read_save(path)
    snapshot = dict(data.turns[9].snapshot)
    snapshot["next_convoy_id"] = snapshot["next_convoy_id"] + 1
    bad = tmp_path / "bad.jsonl"
    _rewrite(path, bad, 10, snapshot=snapshot)
    code, _, err = _verify(bad, capsys)
    assert code == 1 and "turn 10" in err and "next_convoy_id" in err


def test_verify_bad_file_exits_2_without_traceback(saved_game, tmp_path):
    _, data = saved_game
    bad = tmp_path / "cut.jsonl"
    bad.write_bytes(data[: len(data) // 2])
    result = subprocess.run(
        [sys.executable, "-m", "game", "replay", "--verify", str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert str(bad) in result.stderr and "cut off" in result.stderr


def _editable_spans(data: bytes) -> list[tuple[int, int]]:
    """Byte ranges of every turn's orders list and hash value."""
    spans, offset = [], 0
    for raw in data.splitlines(keepends=True):
        record = json.loads(raw)
        if record.get("kind") == "turn":
            text = raw.decode()
            start = text.index('"orders": ') + len('"orders": ')
            end = text.index(', "hash": ')
            spans.append((offset + len(text[:start].encode()), offset + len(text[:end].encode())))
            h = text.index(record["hash"])
            spans.append((offset + h, offset + h + len(record["hash"])))
        offset += len(raw)
    return spans


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pick=st.integers(min_value=0), new=st.integers(min_value=0, max_value=255))
def test_verify_catches_any_changed_byte_in_orders_or_hashes(saved_game, tmp_path, pick, new):
    _path, data = saved_game
    positions = [p for a, b in _editable_spans(data) for p in range(a, b)]
    at = positions[pick % len(positions)]
    if data[at] == new:
        new = (new + 1) % 256
    bad = tmp_path / "flipped.jsonl"
    bad.write_bytes(data[:at] + bytes([new]) + data[at + 1 :])
    code = main(["replay", "--verify", str(bad)])
    assert code in (1, 2)


def test_verify_memory_does_not_grow_with_turns(small_scenario, tmp_path):
    scenario = with_turns(small_scenario, 2000)
    peaks = {}
    for turns in (40, 320):
        session = GameSession.new(scenario, 4, saves_dir=tmp_path, autosave=False)
        for _ in range(turns):
            session.end_turn()
        path = session.save_to(tmp_path / f"{turns}.jsonl")
        del session
        tracemalloc.start()
        result = verify_save(path)
        peaks[turns] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert result.ok and result.turns_verified == turns
    # 8x the turns: the peak may not grow beyond a small constant (one line, one state)
    assert peaks[320] < peaks[40] * 1.3 + 100_000, peaks


def test_per_turn_checks_report_problems(saved_game):
    path, _ = saved_game
    seen = []

    def population_must_not_change(scenario, before, after, events):
        seen.append(after.turn)
        return ["a made-up problem"] if after.turn == 4 else []

    result = verify_save(path, checks=[population_must_not_change])
    assert not result.ok and result.desync is None
    assert result.problems == ("turn 4: a made-up problem",)
    assert len(seen) == 15
    assert "turn 4: a made-up problem" in result.summary()
    clean = verify_save(path, checks=[lambda *args: []])
    assert clean.ok and "clean" in clean.summary()
