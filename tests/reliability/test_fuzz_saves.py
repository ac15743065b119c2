"""Fuzzing the save reader, the replay (`GameSession.load`) and `corridor replay --verify`.

The saves helper tests each named kind of bad save once (tests/saves/test_save_reader.py) and
that any changed byte of orders or hashes is caught (tests/saves/test_save_verify.py); here
random and mutated saves go through all three readers. Every case ends in a clear `SaveError`
(file, and a line unless it is about the whole file) or a game that loads, verifies and passes
the conservation audit; a file changed without fixing its checksum is always refused.
"""

from __future__ import annotations

import functools
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from game.app.session import GameSession
from game.errors import SaveError
from game.replay.audit import audit_turn
from game.replay.verify import verify_save
from game.saves import read_save
from tests.reliability import strategies as S
from tests.reliability.conftest import HARD_LIMIT_SECONDS, harness
from tests.reliability.support import (
    assert_clear_save_error,
    real_save,
    record,
    small_scenario,
    time_limit,
)


@functools.cache
def original() -> bytes:
    return real_save(small_scenario(), seed=5, turns=12)


@functools.cache
def original_records() -> tuple[dict[str, Any], ...]:
    return tuple(json.loads(line) for line in original().decode("utf-8").splitlines())


def check_save(data: bytes, harness_name: str, *, must_refuse: bool = False) -> None:
    """Read, load and verify `data` as a save file: clear errors or a sound game."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "fuzz.jsonl"
        path.write_bytes(data)
        with time_limit(HARD_LIMIT_SECONDS):
            outcome = _check(path, data, must_refuse)
    record(harness_name, outcome)


def _check(path: Path, data: bytes, must_refuse: bool) -> str:
    try:
        saved = read_save(path)
    except SaveError as error:
        assert_clear_save_error(error, path, data)
        return "refused by the reader"
    assert not must_refuse, "a save changed without fixing its checksum was read as good"
    try:
        session = GameSession.load(path, autosave=False, saves_dir=path.parent)
    except SaveError as error:
        assert_clear_save_error(error, path, data)
        loaded = False
    else:
        assert session.turn == len(saved.turns)
        assert [r.hash for r in session.history] == [t.hash for t in saved.turns]
        loaded = True
    try:
        result = verify_save(path, checks=(audit_turn,))
    except SaveError as error:
        assert_clear_save_error(error, path, data)
        assert not loaded, f"loads, but verify refuses it: {error.format()}"
        return "refused by verify"
    assert result.problems == (), result.problems  # the audit holds on every replayed turn
    if result.ok:
        assert loaded, "verify passes a save that does not load"
        return "loaded and verified"
    assert result.desync is not None
    return "desync reported"


# --- random bytes and JSON-lines soup --------------------------------------------------------


def _bytes(data: bytes) -> None:
    check_save(data, "saves/random-bytes")


test_save_random_bytes, test_save_random_bytes_long = harness(st.binary(max_size=4096), quick=60)(
    _bytes
)


@st.composite
def json_lines(draw: Any) -> bytes:
    """Lines that look like a save: records of the right kinds with random fields, raw tokens."""
    kinds = ["corridor-save", "scenario", "turn", "end", None]
    lines = []
    for index in range(draw(st.integers(1, 6))):
        if draw(st.integers(0, 4)) == 0:
            lines.append(
                draw(st.lists(st.sampled_from(S.SAVE_RAW_TOKENS), max_size=8).map("".join))
            )
            continue
        record_ = draw(st.dictionaries(S.text_any, S.json_values(), max_size=5))
        base = original_records()[min(index, len(original_records()) - 1)]
        if draw(st.booleans()):
            record_ = {**base, **record_}
        kind = draw(st.sampled_from(kinds))
        if kind is not None:
            record_["kind"] = kind
        lines.append(json.dumps(record_, ensure_ascii=draw(st.booleans())))
    ending = draw(st.sampled_from(["\n", "\n", "\r\n", "\r", ""]))
    return ending.join(lines).encode("utf-8", "surrogatepass") + b"\n" * draw(st.integers(0, 2))


def _json_lines(data: bytes) -> None:
    check_save(data, "saves/json-lines")


test_save_json_lines, test_save_json_lines_long = harness(json_lines(), quick=60)(_json_lines)


# --- structured mutations of a real save ----------------------------------------------------


def _encode_line(record_: Any) -> str:
    """JSON as Corridor writes it; NaN and Infinity written raw, other values as text."""
    try:
        return json.dumps(record_, ensure_ascii=False, allow_nan=False)
    except (ValueError, TypeError):
        return json.dumps(record_, ensure_ascii=False, default=str)


@st.composite
def mutated_save(draw: Any) -> tuple[bytes, bool]:
    """A real save with one to three edits of its records (delete, duplicate or retype a field,
    swap ids, extreme numbers, unicode, control characters, long strings, a hostile embedded
    scenario) or of its lines; with or without the checksums fixed up afterwards.
    Returns (bytes, checksums_fixed)."""
    records: list[Any] = [dict(r) for r in original_records()]
    duplicated: dict[int, str] = {}
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(records) - 1))
        what = draw(st.sampled_from(["record", "record", "scenario", "lines"]))
        if what == "record" and isinstance(records[index], dict):
            tree, notes = draw(S.mutate_tree(records[index]))
            records[index] = tree
            for note in notes:
                if note.startswith("duplicate key "):
                    duplicated[index] = note.removeprefix("duplicate key ").split("/")[0]
        elif what == "scenario":
            records[1] = dict(records[1], text=draw(hostile_scenario_text()))
        else:
            how = draw(st.sampled_from(["drop", "duplicate", "swap"]))
            other = draw(st.integers(0, len(records) - 1))
            if how == "drop" and len(records) > 1:
                del records[index]
            elif how == "duplicate":
                records.insert(other, records[index])
            else:
                records[index], records[other] = records[other], records[index]
            duplicated.clear()
    fixed = draw(st.booleans())
    if fixed and all(isinstance(r, dict) for r in records):
        data = S.recompute_checksums(records)
    else:
        fixed = False
        data = ("".join(_encode_line(r) + "\n" for r in records)).encode("utf-8", "surrogatepass")
    if duplicated:
        data = _duplicate_fields(data, duplicated)
    return data, fixed


def _duplicate_fields(data: bytes, duplicated: dict[int, str]) -> bytes:
    """Write one field of some records twice (JSON objects can, Python dicts cannot)."""
    lines = data.split(b"\n")
    for index, key in duplicated.items():
        if index < len(lines) and lines[index].startswith(b"{"):
            try:
                value = json.loads(lines[index]).get(key)
            except (ValueError, AttributeError):
                continue
            extra = f"{json.dumps(key)}: {_encode_line(value)}, ".encode("utf-8", "surrogatepass")
            lines[index] = b"{" + extra + lines[index][1:]
    return b"\n".join(lines)


@st.composite
def hostile_scenario_text(draw: Any) -> str:
    """A scenario to embed: small.yaml edited, or raw YAML with anchors, aliases and tags."""
    from tests.reliability.support import SMALL

    text = SMALL.read_text(encoding="utf-8")
    choice = draw(st.integers(0, 2))
    if choice == 0:
        return draw(S.raw_yaml_lines()).decode("utf-8", "replace")
    lines = text.split("\n")
    at = draw(st.integers(0, len(lines) - 1))
    token = draw(st.sampled_from(S.YAML_TOKENS))
    if choice == 1:
        lines.insert(at, lines[at] + token)
    else:
        lines[at] = token + lines[at]
    return "\n".join(lines)


def _mutated(case: tuple[bytes, bool]) -> None:
    data, fixed = case
    changed = data != original()
    check_save(data, "saves/real-save-edits", must_refuse=changed and not fixed)


test_save_mutations, test_save_mutations_long = harness(mutated_save(), quick=60)(_mutated)


@st.composite
def damaged_bytes(draw: Any) -> bytes:
    """A real save cut short, with bytes flipped, or with raw tokens inserted (unchecksummed)."""
    data = bytearray(original())
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(data)))
        how = draw(st.sampled_from(["cut", "flip", "insert", "crlf"]))
        if how == "cut":
            del data[at:]
        elif how == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif how == "insert":
            token = draw(st.sampled_from(S.SAVE_RAW_TOKENS))
            data[at:at] = token.encode("utf-8", "surrogatepass")
        else:
            data[:] = bytes(data).replace(b"\n", b"\r\n", draw(st.integers(1, 3)))
    return bytes(data)


def _damaged(data: bytes) -> None:
    check_save(data, "saves/damaged-bytes", must_refuse=data != original())


test_save_damaged_bytes, test_save_damaged_bytes_long = harness(damaged_bytes(), quick=60)(_damaged)


def test_the_unmutated_save_loads_verifies_and_passes_the_audit() -> None:
    """The mutation harnesses start from a good save (so refusals come from the edits)."""
    check_save(original(), "saves/original")
    assert json.loads(original().splitlines()[0])["kind"] == "corridor-save"
    assert len(original_records()) == 12 + 3
