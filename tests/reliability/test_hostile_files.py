"""Hostile files, one test each: refused clearly (file, line where there is one, what is wrong),
within a second, in bounded memory, for scenario files and for save files.

Already covered by the owners, not repeated here: for scenarios (tests/scenario/
test_scenario_hostile.py) billion laughs, flow and block nesting 10,000 deep, Python tags, a
6 MB file, UTF-16, the UTF-8 BOM, control characters; for saves (tests/saves/
test_save_reader.py) NaN, 1e999, 5,000 digits, nesting 100,000 deep, the UTF-8 BOM, CRLF and a
file one byte over the cap. This file adds the time and memory bounds, the 100 MB files,
NaN/Infinity and 10,000-digit numbers where the format expects numbers, mixed line endings,
UTF-16 saves, and hostile scenarios embedded in saves with valid checksums (the route by which a
shared save reaches the YAML parser).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from game.app.session import GameSession
from game.cli import main
from game.errors import SaveError, ScenarioError
from game.replay.verify import verify_save
from game.saves import read_save
from game.saves.format import MAX_SAVE_BYTES
from game.scenario import load_scenario, load_scenario_bytes
from game.scenario.loader import MAX_BYTES
from tests.reliability.strategies import recompute_checksums
from tests.reliability.support import (
    IDLIB,
    REPO,
    assert_clear_save_error,
    assert_clear_scenario_error,
    cost_of,
    real_save,
    small_scenario,
)

MINIMAL = REPO / "tests" / "scenario" / "fixtures" / "minimal.yaml"
SECOND = 1.0
SMALL_PEAK = 16 * 2**20  # bytes a refusal may allocate (tracemalloc peak)


def minimal() -> str:
    return MINIMAL.read_text(encoding="utf-8")


def refuse_scenario(data: bytes, name: str = "hostile.yaml") -> ScenarioError:
    """`data` must be refused clearly, within a second, in bounded memory."""
    with pytest.raises(ScenarioError) as caught:
        load_scenario_bytes(data, name)
    assert_clear_scenario_error(caught.value, name, data)
    cost = cost_of(lambda: load_scenario_bytes(data, name), SECOND, (ScenarioError,))
    assert cost.seconds < SECOND, f"took {cost.seconds:.2f} s"
    assert cost.peak_bytes < max(SMALL_PEAK, 4 * len(data)), f"peak {cost.peak_bytes:,} bytes"
    return caught.value


def at(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the single occurrence of `needle` in `text`."""
    assert text.count(needle) == 1, needle
    index = text.index(needle)
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def diagnostic_at(error: ScenarioError, line: int):
    found = [d for d in error.diagnostics if d.line == line]
    assert found, f"no diagnostic on line {line}: {error.format()}"
    return found[0]


# --- 100 MB files ------------------------------------------------------------------------------


def _sparse(path: Path, size: int, head: bytes = b"") -> Path:
    with open(path, "wb") as handle:
        handle.write(head)
        handle.truncate(size)  # a hole: no time or disk spent writing 100 MB
    return path


def test_100mb_scenario_file_is_refused_on_size_without_reading_it_all(tmp_path):
    path = _sparse(tmp_path / "huge.yaml", 100 * 10**6, b"meta:\n  id: huge\n")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert_clear_scenario_error(caught.value, str(path), b"")
    cost = cost_of(lambda: load_scenario(path), SECOND, (ScenarioError,))
    assert "too large" in caught.value.diagnostics[0].message
    assert cost.seconds < SECOND
    assert cost.peak_bytes < MAX_BYTES + SMALL_PEAK  # at most the cap was read, not 100 MB


def test_100mb_save_file_is_refused_on_size_without_reading_it(tmp_path):
    path = _sparse(tmp_path / "huge.jsonl", 100 * 10**6, b'{"kind": "corridor-save"}\n')
    with pytest.raises(SaveError) as caught:
        read_save(path)
    assert_clear_save_error(caught.value, path, None)
    cost = cost_of(lambda: read_save(path), SECOND, (SaveError,))
    assert "MiB a save may be" in caught.value.diagnostics[0].message
    assert cost.seconds < SECOND and cost.peak_bytes < SMALL_PEAK


def test_100mb_save_is_refused_by_verify_and_the_cli(tmp_path, capsys):
    path = _sparse(tmp_path / "huge.jsonl", 100 * 10**6)
    with pytest.raises(SaveError):
        verify_save(path)
    assert main(["replay", "--verify", str(path)]) == 2
    assert "Traceback" not in capsys.readouterr().err


# --- alias bombs ---------------------------------------------------------------------------------


def merge_bomb(levels: int = 8) -> bytes:
    """A "billion laughs" made of merge keys: each level merges the one below ten times."""
    lines = ["a0: &a0 {" + ", ".join(f"k{i}: lol" for i in range(10)) + "}"]
    for level in range(1, levels + 1):
        items = ", ".join(f"x{i}: {{<<: *a{level - 1}}}" for i in range(10))
        lines.append(f"a{level}: &a{level} {{{items}}}")
    return ("\n".join(lines) + "\n").encode()


def test_merge_key_bomb_is_refused():
    error = refuse_scenario(merge_bomb())
    assert "aliases expand" in error.diagnostics[0].message


def test_many_aliases_to_one_small_anchor_are_counted():
    data = b"meta: &m {id: x}\nsources: [" + b", ".join([b"*m"] * 150_000) + b"]\n"
    error = refuse_scenario(data)
    assert "aliases expand" in error.diagnostics[0].message


# --- NaN, Infinity and 10,000-digit numbers where the format expects numbers ------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("population: 20000", "population: .nan"),
        ("population: 20000", "population: .inf"),
        ("lat: 35.64", "lat: .NaN"),
        ("lon: 36.67", "lon: -.inf"),
        ("bombardment: 0.8", "bombardment: .nan"),
        ("km: 25", "km: .inf"),
        ("probability: 0.5", "probability: .nan"),
        ("funds: 500", "funds: -.Inf"),
        ("value: 0.3", "value: .nan"),
        ("value: 358000", "value: .inf"),
    ],
)
def test_scenario_nan_and_infinity_are_refused_at_their_position(old, new):
    text = minimal().replace(old, new, 1)
    line, _ = (
        at(text, new) if text.count(new) == 1 else (text[: text.index(new)].count("\n") + 1, 0)
    )
    error = refuse_scenario(text.encode())
    diagnostic = diagnostic_at(error, line)
    assert diagnostic.column is not None and diagnostic.hint


@pytest.mark.parametrize(
    ("old", "digits"),
    [
        ("population: 20000", "9" * 10_000),
        ("km: 25", "1" + "0" * 9_999),
        ("lat: 35.64", "3" * 10_000),
    ],
)
def test_scenario_10000_digit_numbers_are_refused_at_their_position(old, digits):
    key = old.split(":")[0]
    new = f"{key}: {digits}"
    text = minimal().replace(old, new, 1)
    line = text[: text.index(new)].count("\n") + 1
    error = refuse_scenario(text.encode())
    diagnostic = diagnostic_at(error, line)
    assert len(diagnostic.message) < 400, "the message must not echo 10,000 digits"


def save_records() -> list[dict]:
    return [json.loads(line) for line in real_save(small_scenario(), turns=3).splitlines()]


def refuse_save(tmp_path: Path, data: bytes) -> SaveError:
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(data)
    load = lambda: GameSession.load(path, autosave=False, saves_dir=tmp_path)  # noqa: E731
    with pytest.raises(SaveError) as caught:
        load()
    assert_clear_save_error(caught.value, path, data)
    cost = cost_of(load, SECOND, (SaveError,))
    assert cost.seconds < SECOND, f"took {cost.seconds:.2f} s"
    assert cost.peak_bytes < max(SMALL_PEAK, 4 * len(data)), f"peak {cost.peak_bytes:,} bytes"
    return caught.value


def _raw_value(data: bytes, key: str, raw: str) -> bytes:
    """Replace the first `"key": <number>` with a raw token JSON itself cannot write."""
    text = data.decode()
    text, count = re.subn(rf'"{key}": -?[0-9.]+', f'"{key}": {raw}', text, count=1)
    assert count == 1, key
    return text.encode()


@pytest.mark.parametrize("key", ["seed", "turns", "trucks", "needs_covered_pct"])
@pytest.mark.parametrize("raw", ["NaN", "Infinity", "-Infinity", "9" * 10_000])
def test_save_nan_infinity_and_huge_numbers_are_refused_on_their_line(tmp_path, key, raw):
    original = recompute_checksums(save_records())
    data = _raw_value(original, key, raw)
    line = data[: data.index(raw.encode())].count(b"\n") + 1
    error = refuse_save(tmp_path, data)
    assert error.diagnostics[0].line == line
    assert len(error.format()) < 2000, "the message must not echo the number"


# --- line endings and byte-order marks ---------------------------------------------------------


def test_scenario_with_mixed_line_endings_loads_like_the_original():
    text = minimal()
    lines = text.split("\n")
    endings = ["\r\n", "\r", "\n"]
    mixed = "".join(line + endings[i % 3] for i, line in enumerate(lines[:-1])) + lines[-1]
    original = load_scenario_bytes(text.encode(), "a.yaml")
    again = load_scenario_bytes(mixed.encode(), "b.yaml")
    assert again.locations == original.locations
    assert again.roads == original.roads and again.timeline == original.timeline


@pytest.mark.parametrize("ending", ["\r\n", "\r", "mixed"])
def test_scenario_error_after_mixed_line_endings_names_the_right_line(ending):
    text = minimal().replace("population: 3000", "population: -3", 1)
    line, column = at(text, "-3\n")
    lines = text.split("\n")
    if ending == "mixed":
        pieces = ["\r\n", "\r", "\n"]
        data = "".join(ln + pieces[i % 3] for i, ln in enumerate(lines[:-1])) + lines[-1]
    else:
        data = ending.join(lines)
    error = refuse_scenario(data.encode())
    diagnostic = diagnostic_at(error, line)
    assert diagnostic.column == column


def test_save_with_mixed_line_endings_is_refused_on_the_first_crlf_line(tmp_path):
    data = recompute_checksums(save_records())
    lines = data.split(b"\n")
    data = lines[0] + b"\n" + lines[1] + b"\r\n" + b"\r".join(lines[2:])
    error = refuse_save(tmp_path, data)
    assert error.diagnostics[0].line == 2
    assert "CRLF" in error.diagnostics[0].message


def test_save_with_lone_carriage_returns_is_refused_on_line_1(tmp_path):
    data = recompute_checksums(save_records()).replace(b"\n", b"\r")
    error = refuse_save(tmp_path, data + b"\n")
    assert error.diagnostics[0].line == 1


def test_scenario_utf8_bom_is_accepted_from_a_file(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + minimal().encode())
    assert load_scenario(path).meta.id == "minimal_example"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_scenario_utf16_and_utf32_files_are_refused(tmp_path, codec):
    data = ("\ufeff" if codec == "utf-16-be" else "") + minimal()
    data = data.encode(codec)
    error = refuse_scenario(data)
    assert "UTF" in error.diagnostics[0].message


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_save_utf16_file_is_refused_on_line_1(tmp_path, codec):
    text = recompute_checksums(save_records()).decode()
    data = (("\ufeff" if codec == "utf-16-be" else "") + text).encode(codec)
    error = refuse_save(tmp_path, data)
    assert error.diagnostics[0].line == 1


# --- hostile scenarios embedded in saves (checksums valid) ------------------------------------


def _billion_laughs() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


EMBEDDED = {
    "billion laughs": _billion_laughs(),
    "merge bomb": merge_bomb().decode(),
    "flow nesting 10,000": "meta: " + "[" * 10_000 + "]" * 10_000 + "\n",
    "block nesting 10,000": "meta:\n  " + "- " * 10_000 + "x\n",
    "python tag": "meta: !!python/object/apply:os.system ['touch /tmp/corridor-pwned']\n",
    "nan population": minimal().replace("population: 20000", "population: .nan", 1),
    "10,000 digits": minimal().replace("population: 20000", "population: " + "9" * 10_000, 1),
    "over the size cap": "meta:\n  title: " + "x" * (MAX_BYTES + 10) + "\n",
}


@pytest.mark.parametrize("name", list(EMBEDDED))
def test_hostile_scenario_embedded_in_a_save_is_refused(tmp_path, name):
    records = save_records()
    records[1]["text"] = EMBEDDED[name]
    data = recompute_checksums(records)
    error = refuse_save(tmp_path, data)
    assert "embedded" in error.diagnostics[0].message
    assert len(error.diagnostics) >= 2, "the scenario's own diagnostic must follow"
    assert not Path("/tmp/corridor-pwned").exists()


def test_embedded_scenario_error_points_at_the_save_line(tmp_path):
    records = save_records()
    records[1]["text"] = "meta: [\n"
    error = refuse_save(tmp_path, recompute_checksums(records))
    assert error.diagnostics[0].line == 2
    assert all(str(tmp_path) in d.file for d in error.diagnostics)


@pytest.mark.parametrize("fixed", [True, False], ids=["checksums fixed", "tampered"])
def test_save_with_an_escaped_lone_surrogate_is_refused(tmp_path, fixed):
    records = save_records()
    records[1]["text"] = "\ud800" + records[1]["text"]
    if fixed:
        data = recompute_checksums(records)
    else:
        data = "".join(json.dumps(r) + "\n" for r in records).encode()
    refuse_save(tmp_path, data)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    population: 2500\n", f"    population: {2**62}\n"),
        ("  funds: ", "  funds: 1" + "0" * 400 + "0"),
    ],
    ids=["population 2**62", "funds 10**400"],
)
def test_scenario_numbers_beyond_exact_floats_are_refused(old, new):
    text = IDLIB.read_text(encoding="utf-8").replace(old, new, 1)
    key = new.split(":")[0].strip()
    error = refuse_scenario(text.encode())
    assert any(key in (d.key or d.message) for d in error.diagnostics)


# --- wide files within the size caps -------------------------------------------------------------


def test_scenario_of_a_million_tiny_nodes_is_refused_quickly():
    data = b"meta: [" + b"0," * 200_000 + b"0]\n"  # 0.4 MB: ~1 s and ~40 MB today
    refuse_scenario(data)


def test_save_with_a_huge_header_line_is_refused_quickly(tmp_path):
    keys = b"".join(b'"k%d": 0, ' % i for i in range(250_000))  # 3.4 MB: ~1 s, ~40 MB today
    data = b'{"kind": "corridor-save", ' + keys + b'"format_version": 1}\n'
    refuse_save(tmp_path, data)


# --- the CLI never shows a traceback for any of them -------------------------------------------


def test_cli_validate_and_verify_exit_2_on_hostile_files(tmp_path, capsys):
    scenarios = {
        "bomb.yaml": merge_bomb(),
        "nan.yaml": minimal().replace("population: 20000", "population: .nan", 1).encode(),
        "utf16.yaml": minimal().encode("utf-16"),
    }
    for name, data in scenarios.items():
        (tmp_path / name).write_bytes(data)
        assert main(["validate", str(tmp_path / name)]) == 2, name
    records = save_records()
    records[1]["text"] = _billion_laughs()
    (tmp_path / "bomb.jsonl").write_bytes(recompute_checksums(records))
    assert main(["replay", "--verify", str(tmp_path / "bomb.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "aliases expand" in err
    assert MAX_SAVE_BYTES < 100 * 10**6  # the 100 MB tests above are over the cap
