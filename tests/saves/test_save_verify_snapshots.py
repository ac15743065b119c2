"""Verify checks each saved snapshot against its turn's hash. The writer puts a snapshot last in
its line as canonical JSON, the text the hash is taken over, so verify compares the line's end
with the replayed state's text instead of encoding the snapshot again; any other layout (older
files) is encoded again, and a snapshot that is not the state is reported either way."""

from __future__ import annotations

import hashlib
import json

import pytest

from game.engine.hashing import canonical_json
from game.replay import verify as verify_module
from game.saves.format import SNAPSHOT_KEY, encode_record, end_record
from game.replay.verify import verify_save
from game.app.session import GameSession
from tests.saves.conftest import candidate_orders, play


@pytest.fixture(scope="module")
def saved(small_scenario, tmp_path_factory):
    directory = tmp_path_factory.mktemp("snapverify")
    session = play(
        GameSession.new(small_scenario, 8, autosave=False, snapshot_every=3),
        [[i * 5, i + 1] for i in range(14)],
        candidate_orders(small_scenario),
    )
    return session.save_to(directory / "game.jsonl")


def _lines(path) -> list[bytes]:
    return path.read_bytes().splitlines(keepends=True)[:-1]  # without the end record


def _write(path, lines: list[bytes]) -> None:
    """A file with these lines and a valid end record (a checksum recomputed, as a careful
    forger or a buggy writer would)."""
    body = b"".join(lines)
    turns = sum(1 for line in lines if line.startswith(b'{"kind": "turn"'))
    end = encode_record(end_record(turns, hashlib.sha256(body).hexdigest()))
    path.write_bytes(body + end)


def _snapshot_lines(lines):
    return [i for i, line in enumerate(lines) if b'"snapshot"' in line]


def test_snapshots_are_written_last_as_canonical_json(saved):
    lines = _lines(saved)
    assert len(_snapshot_lines(lines)) == 14 // 3
    for i in _snapshot_lines(lines):
        record = json.loads(lines[i])
        assert list(record)[-1] == "snapshot"
        text = canonical_json(record["snapshot"])
        assert lines[i].endswith(f"{SNAPSHOT_KEY}{text}}}\n".encode())
        assert hashlib.sha256(text.encode()).hexdigest() == record["hash"]


def test_a_snapshot_in_canonical_form_is_not_encoded_again(saved, monkeypatch):
    def never(snapshot):
        raise AssertionError("the snapshot was encoded again")

    monkeypatch.setattr(verify_module, "snapshot_hash", never)
    assert verify_save(saved).ok


def test_a_snapshot_in_another_layout_is_still_checked(saved, tmp_path, monkeypatch):
    """Files written before snapshots were canonical (keys in the state's order, spaces)."""
    lines = _lines(saved)
    for i in _snapshot_lines(lines):
        lines[i] = encode_record(json.loads(lines[i]))
    old = tmp_path / "old.jsonl"
    _write(old, lines)
    calls = []
    real = verify_module.snapshot_hash
    monkeypatch.setattr(verify_module, "snapshot_hash", lambda s: calls.append(1) or real(s))
    assert verify_save(old).ok
    assert len(calls) == len(_snapshot_lines(lines))


@pytest.mark.parametrize(
    "change",
    [
        ('"seed":', '"seed":8,', '"seed":9,'),  # another value
        ('"event_odds":', '"event_odds":1.0', '"event_odds":1'),  # same value, another type
    ],
)
def test_a_snapshot_that_is_not_its_state_is_reported(saved, tmp_path, change):
    lines = _lines(saved)
    i = _snapshot_lines(lines)[0]
    key, before, after = change
    text = lines[i].decode()
    assert before in text, (key, text[-300:])
    lines[i] = text.replace(before, after, 1).encode()
    bad = tmp_path / "bad.jsonl"
    _write(bad, lines)
    result = verify_save(bad)
    assert not result.ok and result.desync is not None
    assert result.desync.compared == "snapshot"
    assert result.desync.turn == json.loads(lines[i])["turn"]


def test_a_line_ending_in_the_right_snapshot_with_another_one_before_it_is_refused(saved, tmp_path):
    """Only a line that reads as a record is compared; a key twice is refused first (exit 2),
    so the end of a line cannot stand in for a different snapshot earlier in it."""
    from game.errors import SaveError

    lines = _lines(saved)
    i = _snapshot_lines(lines)[0]
    text = lines[i].decode()
    head = text[: text.index(SNAPSHOT_KEY)]
    lines[i] = (
        head.replace('"orders"', '"snapshot": {}, "orders"', 1) + text[len(head) :]
    ).encode()
    bad = tmp_path / "twice.jsonl"
    _write(bad, lines)
    with pytest.raises(SaveError) as caught:
        verify_save(bad)
    assert "appears twice" in caught.value.diagnostics[0].message


# --- snapshots left unparsed while verifying --------------------------------------------------


def _outcome(path, defer: bool, monkeypatch):
    """What verify says of `path`, reading snapshots deferred or in full from the start."""
    from game.errors import SaveError
    from game.saves import reader as reader_module

    class Reader(reader_module.SaveReader):
        def __init__(self, *args, **kwargs):
            kwargs["defer_snapshots"] = defer
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(verify_module, "SaveReader", Reader)
    try:
        result = verify_save(path)
    except SaveError as error:
        return ("error", [(d.line, d.column, d.message) for d in error.diagnostics])
    finally:
        monkeypatch.undo()
    desync = result.desync
    return ("result", result.turns_verified, result.problems, desync and desync.lines())


def test_verify_does_not_parse_the_snapshots_the_writer_wrote(saved, monkeypatch):
    from game.saves import reader as reader_module

    real = reader_module.SaveReader._parse

    def parse(self, text, number):
        assert SNAPSHOT_KEY not in text, f"line {number}'s snapshot was parsed"
        return real(self, text, number)

    monkeypatch.setattr(reader_module.SaveReader, "_parse", parse)
    assert verify_save(saved).ok


@pytest.mark.parametrize(
    "damage",
    [
        lambda s: s.replace('"seed":8,', '"seed":8,,', 1),  # not JSON
        lambda s: s.replace('"seed":8,', '"seed":8,"seed":8,', 1),  # a key twice
        lambda s: s.replace('"seed":8,', '"seed":' + "9" * 50 + ",", 1),  # a number too long
        lambda s: s.replace('"seed":8,', '"seed":NaN,', 1),
        lambda s: s.replace('"seed":8,', '"seed":"\\ud800",', 1),  # half a surrogate pair
        lambda s: s[: s.index(SNAPSHOT_KEY)] + SNAPSHOT_KEY + "[1, 2]}\n",  # not an object
        lambda s: s.replace('"kind": "turn"', '"kind": "turn", "snapshot": 1', 1),
        lambda s: s.replace('"seed":8,', '"seed":9,', 1),  # reads, but is not the state
    ],
)
@pytest.mark.parametrize("desync", [None, "same turn", "earlier turn"])
def test_a_damaged_snapshot_is_reported_as_when_read_in_full(
    saved, tmp_path, monkeypatch, damage, desync
):
    """The same outcome (error and position, or desync report) whether verify defers the
    snapshot or reads it in full, also when the turn itself desyncs, or an earlier one."""
    lines = _lines(saved)
    first, i = _snapshot_lines(lines)[:2]
    lines[i] = damage(lines[i].decode()).encode()
    if desync is not None:  # a wrong hash at this turn or an earlier one
        j = i if desync == "same turn" else first
        lines[j] = lines[j].replace(b'"hash": "', b'"hash": "00', 1)
    bad = tmp_path / "bad.jsonl"
    _write(bad, lines)
    deferred = _outcome(bad, True, monkeypatch)
    assert deferred == _outcome(bad, False, monkeypatch)
    assert deferred[0] == "error" or deferred[-1] is not None  # every damage is reported
