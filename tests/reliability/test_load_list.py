"""The Load list reads only what it shows, fast whatever the saves directory holds; a format-0
save's embedded scenario goes through the same hardened loader and caps as any scenario.

Before this work, the format-0 migration parsed the embedded scenario with a plain YAML load,
before any cap: a 10 MB save cost 74 s and 1.8 GB each time the Load list opened."""

from __future__ import annotations

import hashlib
import json
import time
import tracemalloc
from pathlib import Path

import pytest

from game.app.session import GameSession
from game.cli import main
from game.errors import SaveError
from game.saves import list_saves, read_save, summarize
from game.saves.reader import read_summary
from tests.reliability.strategies import recompute_checksums
from tests.reliability.support import real_save, small_scenario

FORMAT0 = Path(__file__).parents[1] / "saves" / "fixtures" / "format0.jsonl"


def format0(tmp_path: Path, scenario_yaml: str, name: str = "old.jsonl") -> Path:
    """A format-0 save (the scenario inside its header line) of one turn."""
    header = {
        "format_version": 0,
        "scenario_file": "hostile.yaml",
        "scenario_sha256": hashlib.sha256(
            scenario_yaml.encode("utf-8", "surrogatepass")
        ).hexdigest(),
        "scenario_yaml": scenario_yaml,
        "seed": 1,
        "difficulty": None,
    }
    turn = {"t": 1, "orders": [], "state_hash": "ab" * 16}
    path = tmp_path / name
    path.write_text(json.dumps(header) + "\n" + json.dumps(turn) + "\n", encoding="utf-8")
    return path


META = "meta: {id: hostile, title: hostile, turns: 3}\n"
HOSTILE_SCENARIOS = {
    "10 MB of tiny values": META + "items: [" + "1," * 5_000_000 + "1]\n",
    "720,000 values within the caps": META
    + "".join(f"k{j}: [" + "1," * 60_000 + "1]\n" for j in range(12)),
    "billion laughs": META
    + 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n'
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 10) + "]\n"
        for i in range(8)
    ),
    "nesting 10,000 deep": META + "deep: " + "[" * 10_000 + "]" * 10_000 + "\n",
    "python object tag": META + "x: !!python/object/apply:os.system ['touch /tmp/owned']\n",
    "two documents": META + "---\n" + META,
}


@pytest.fixture
def saves_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "saves"
    session = GameSession.new(small_scenario(), 1, saves_dir=directory, durable=False)
    for _ in range(4):
        session.end_turn()
    session.save("four turns")
    return directory


def timed_list(directory: Path) -> tuple[list, float, int]:
    tracemalloc.start()
    start = time.perf_counter()
    try:
        infos = list_saves(directory)
        return infos, time.perf_counter() - start, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("kind", HOSTILE_SCENARIOS)
def test_the_load_list_never_parses_an_embedded_scenario(saves_dir, monkeypatch, kind):
    format0(saves_dir, HOSTILE_SCENARIOS[kind], "hostile.jsonl")

    def forbidden(*args, **kwargs):
        raise AssertionError("the Load list parsed a scenario")

    monkeypatch.setattr("game.scenario.loader.compose", forbidden)
    monkeypatch.setattr("yaml.load", forbidden)
    monkeypatch.setattr("yaml.compose", forbidden)
    infos, seconds, _ = timed_list(saves_dir)
    names = {info.name: info for info in infos}
    assert {"four turns", "hostile"} <= set(names)
    assert names["four turns"].ok and names["four turns"].turn == 4
    assert seconds < 5, seconds


def test_a_10_mb_hostile_format0_save_leaves_the_load_list_fast(saves_dir):
    format0(saves_dir, HOSTILE_SCENARIOS["10 MB of tiny values"], "hostile.jsonl")
    assert (saves_dir / "hostile.jsonl").stat().st_size > 10_000_000
    infos, seconds, peak = timed_list(saves_dir)
    (hostile,) = [info for info in infos if info.name == "hostile"]
    assert not hostile.ok and "more than the 5,242,880 a scenario may be" in hostile.problem
    assert seconds < 3, seconds  # 74 s before
    assert peak < 80 * 2**20, peak  # 1.8 GB before


@pytest.mark.parametrize("kind", HOSTILE_SCENARIOS)
def test_loading_a_hostile_format0_save_is_refused_by_the_hardened_loader(tmp_path, capsys, kind):
    path = format0(tmp_path, HOSTILE_SCENARIOS[kind])
    start = time.perf_counter()
    with pytest.raises(SaveError) as info:
        GameSession.load(path, autosave=False)
    assert time.perf_counter() - start < 15
    assert info.value.diagnostics[0].line == 1
    assert not Path("/tmp/owned").exists()
    assert main(["replay", "--verify", str(path)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_the_migration_uses_the_scenario_loaders_caps(tmp_path, monkeypatch):
    """Lowering the loader's size cap refuses a format-0 save that was fine: the same caps."""
    from game.scenario import loader

    path = tmp_path / "old.jsonl"
    path.write_bytes(FORMAT0.read_bytes())
    assert read_save(path).header.scenario.id == "saves_fixture"
    monkeypatch.setattr(loader, "MAX_BYTES", 1000)
    with pytest.raises(SaveError, match="more than the 1,000 a scenario may be"):
        read_save(path)


def test_the_listed_format0_save_shows_its_file_and_turns(tmp_path):
    path = tmp_path / "old.jsonl"
    path.write_bytes(FORMAT0.read_bytes())
    info = summarize(path)
    assert info.ok and info.turn == 3 and info.scenario_id == "small"


# --- the list reads only what it shows ------------------------------------------------------------


def test_the_summary_parses_only_the_header_scenario_last_turn_and_end(tmp_path, monkeypatch):
    from game.saves import strict_json

    path = tmp_path / "long.jsonl"
    path.write_bytes(real_save(small_scenario(), turns=40))
    calls = []
    real = strict_json.StrictDecoder.decode

    def counted(self, text):
        calls.append(len(text))
        return real(self, text)

    monkeypatch.setattr(strict_json.StrictDecoder, "decode", counted)
    summary = read_summary(path)
    assert len(calls) == 4, calls
    monkeypatch.undo()
    whole = read_save(path)
    assert summary.turns == len(whole.turns) == 40
    assert summary.date == whole.turns[-1].date
    assert summary.header == whole.header


DAMAGE = [
    "cut at the end",
    "cut mid-file",
    "no end record",
    "a bit flipped",
    "a turn dropped",
    "a turn doubled",
    "two turns swapped",
    "CRLF",
    "data after the end",
    "empty",
    "only the header",
    "header and scenario",
    "a blank line",
    "NUL bytes",
    "another checksum",
]


def damaged(data: bytes, kind: str) -> bytes:
    lines = data.splitlines(keepends=True)
    middle = len(lines) // 2
    if kind == "cut at the end":
        return data[:-10]
    if kind == "cut mid-file":
        return data[: len(data) // 2]
    if kind == "no end record":
        return b"".join(lines[:-1])
    if kind == "a bit flipped":
        flipped = bytearray(data)
        flipped[len(data) // 2] ^= 0x01
        return bytes(flipped)
    if kind == "a turn dropped":
        return b"".join(lines[:middle] + lines[middle + 1 :])
    if kind == "a turn doubled":
        return b"".join([*lines[:middle], lines[middle], *lines[middle:]])
    if kind == "two turns swapped":
        swapped = [lines[middle], lines[middle - 1]]
        return b"".join([*lines[: middle - 1], *swapped, *lines[middle + 1 :]])
    if kind == "CRLF":
        return data.replace(b"\n", b"\r\n")
    if kind == "data after the end":
        return data + lines[2]
    if kind == "empty":
        return b""
    if kind == "only the header":
        return lines[0]
    if kind == "header and scenario":
        return b"".join(lines[:2])
    if kind == "a blank line":
        return b"".join([*lines[:3], b"\n", *lines[3:]])
    if kind == "NUL bytes":
        return data[:100] + b"\x00" * 50 + data[150:]
    assert kind == "another checksum"
    return data[: data.rindex(b'"sha256"')] + b'"sha256": "' + b"0" * 64 + b'"}\n'


@pytest.mark.parametrize("kind", DAMAGE)
def test_any_damage_is_listed_as_a_problem_as_loading_would_find(tmp_path, kind):
    data = damaged(real_save(small_scenario(), turns=12), kind)
    path = tmp_path / "x.jsonl"
    path.write_bytes(data)
    with pytest.raises(SaveError):
        read_save(path)
    info = summarize(path)
    assert not info.ok and info.problem, kind


def test_a_hand_made_file_with_fixed_checksums_lists_but_does_not_load(tmp_path):
    """The one thing the list does not catch, documented: a record changed and the checksum
    made again. Loading refuses it with its line."""
    records = [json.loads(line) for line in real_save(small_scenario(), turns=6).splitlines()]
    records[4]["orders"] = [{"kind": "no such order"}]
    path = tmp_path / "x.jsonl"
    path.write_bytes(recompute_checksums(records))
    assert summarize(path).ok
    with pytest.raises(SaveError) as info:
        GameSession.load(path, autosave=False)
    assert info.value.diagnostics[0].line == 5


def test_the_summary_agrees_with_a_full_read_for_real_saves(tmp_path):
    for turns in (0, 1, 9, 10, 11, 33):
        path = tmp_path / f"t{turns}.jsonl"
        path.write_bytes(real_save(small_scenario(), seed=turns, turns=turns))
        whole = read_save(path)
        summary = read_summary(path)
        assert (summary.turns, summary.header) == (len(whole.turns), whole.header)
        assert summary.date == (whole.turns[-1].date if whole.turns else None)


def test_a_large_save_lists_in_a_fraction_of_a_full_read(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_bytes(real_save(small_scenario(), turns=400))
    start = time.perf_counter()
    read_save(path)
    full = time.perf_counter() - start
    start = time.perf_counter()
    read_summary(path)
    listed = time.perf_counter() - start
    assert listed < full / 3, (listed, full)
