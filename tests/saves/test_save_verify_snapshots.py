"""Verify checks each saved snapshot against the replayed state: a snapshot is read like the
rest of its line and compared with the state's canonical dict, value for value and type for
type, whatever its layout; a damaged one is an error with its line and column."""

from __future__ import annotations

import hashlib
import json

import pytest

from game.app.session import GameSession
from game.engine.hashing import canonical_json
from game.errors import SaveError
from game.replay.verify import verify_save
from game.saves.format import encode_record, end_record
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
    turns = sum(1 for line in lines if b'"kind": "turn"' in line)
    end = encode_record(end_record(turns, hashlib.sha256(body).hexdigest()))
    path.write_bytes(body + end)


def _snapshot_lines(lines):
    return [i for i, line in enumerate(lines) if b'"snapshot"' in line]


def test_each_snapshot_hashes_as_its_turn(saved):
    lines = _lines(saved)
    assert len(_snapshot_lines(lines)) == 14 // 3
    for i in _snapshot_lines(lines):
        record = json.loads(lines[i])
        text = canonical_json(record["snapshot"])
        assert hashlib.sha256(text.encode()).hexdigest() == record["hash"]


def _relaid(line: bytes) -> bytes:
    """The same record with the snapshot first, its keys reversed, spaces after separators."""

    def reverse(value):
        if isinstance(value, dict):
            return {key: reverse(value[key]) for key in reversed(list(value))}
        if isinstance(value, list):
            return [reverse(item) for item in value]
        return value

    record = json.loads(line)
    snapshot = reverse(record.pop("snapshot"))
    return encode_record({"snapshot": snapshot, **record})


def test_a_snapshot_in_another_layout_verifies(saved, tmp_path):
    lines = _lines(saved)
    for i in _snapshot_lines(lines):
        lines[i] = _relaid(lines[i])
    assert not lines[_snapshot_lines(lines)[0]].startswith(b'{"kind"')
    relaid = tmp_path / "relaid.jsonl"
    _write(relaid, lines)
    assert verify_save(relaid).ok


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ('"seed":8,', '"seed":9,'),  # another value
        ('"event_odds":1.0', '"event_odds":1'),  # same value, another type
        ('"event_odds":1.0', '"event_odds":true'),  # true == 1 in Python, not in a state
        ('"id":', '"id ":'),  # a field renamed
    ],
)
def test_a_snapshot_that_is_not_its_state_is_reported(saved, tmp_path, before, after):
    lines = _lines(saved)
    i = _snapshot_lines(lines)[0]
    text = lines[i].decode()
    assert before in text, (before, text[-300:])
    lines[i] = text.replace(before, after, 1).encode()
    bad = tmp_path / "bad.jsonl"
    _write(bad, lines)
    result = verify_save(bad)
    assert not result.ok and result.desync is not None
    assert result.desync.compared == "snapshot" and result.desync.differences
    assert result.desync.turn == json.loads(lines[i])["turn"]


def test_the_same_numbers_written_otherwise_are_the_same_state(saved, tmp_path):
    lines = _lines(saved)
    i = _snapshot_lines(lines)[0]
    text = lines[i].decode()
    assert '"event_odds":1.0' in text
    lines[i] = text.replace('"event_odds":1.0', '"event_odds":1.00e0', 1).encode()
    same = tmp_path / "same.jsonl"
    _write(same, lines)
    assert verify_save(same).ok


_DAMAGES = {
    "not JSON": (lambda s: s.replace('"seed":8,', '"seed":8,,', 1), "not valid JSON", ","),
    "a key twice": (
        lambda s: s.replace('"seed":8,', '"seed":8,"seed":8,', 1),
        "appears twice",
        '"seed":8,}',
    ),
    "a number too long": (
        lambda s: s.replace('"seed":8,', '"seed":' + "9" * 50 + ",", 1),
        "50 digits",
        "9" * 50,
    ),
    "NaN": (lambda s: s.replace('"seed":8,', '"seed":NaN,', 1), "NaN is not", "NaN"),
    "half a surrogate pair": (
        lambda s: s.replace('"seed":8,', '"seed":"\\ud800",', 1),
        "surrogate",
        "\\ud800",
    ),
    "not an object": (
        lambda s: s[: s.index('"snapshot":')] + '"snapshot": [1, 2]}\n',
        "snapshot must be a state object",
        '"snapshot"',
    ),
    "a second snapshot": (
        lambda s: s.replace('"kind": "turn"', '"kind": "turn", "snapshot": 1', 1),
        "appears twice",
        None,
    ),
}


@pytest.mark.parametrize("damage", sorted(_DAMAGES))
@pytest.mark.parametrize("earlier_desync", [False, True])
def test_a_damaged_snapshot_line_is_an_error_at_its_line_and_column(
    saved, tmp_path, damage, earlier_desync
):
    """Also after a desync at an earlier turn: the rest of the file must still read."""
    change, message, at = _DAMAGES[damage]
    lines = _lines(saved)
    first, i = _snapshot_lines(lines)[:2]
    lines[i] = change(lines[i].decode()).encode()
    if earlier_desync:
        lines[first] = lines[first].replace(b'"hash": "', b'"hash": "00', 1)
    bad = tmp_path / "bad.jsonl"
    _write(bad, lines)
    with pytest.raises(SaveError) as caught:
        verify_save(bad)
    diag = caught.value.diagnostics[0]
    assert message in diag.message and diag.line == i + 1 and diag.column is not None
    if at is not None:
        assert lines[i].decode()[diag.column - 1 :].startswith(at.replace("}", "")), damage
