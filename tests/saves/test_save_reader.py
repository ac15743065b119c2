"""The save reader: a good file reads back exactly; each kind of bad file is a clear SaveError."""

from __future__ import annotations

import json

import pytest

from game.app.session import GameSession
from game.errors import SaveError
from game.saves.format import MAX_SAVE_BYTES
from game.saves.reader import SaveReader, read_save
from tests.saves.helpers import SCENARIO_TEXT, fake_hash, fake_save, write


def _lines(data: bytes) -> list[dict]:
    return [json.loads(line) for line in data.decode().splitlines()]


def _rebuild(records: list[dict]) -> bytes:
    """Records back to bytes, keeping the original checksum (so edits show as tampering)."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def _error(path) -> SaveError:
    with pytest.raises(SaveError) as info:
        read_save(path)
    return info.value


def test_round_trip_reads_back_every_field(tmp_path):
    path = write(tmp_path, fake_save(5, orders_per_turn=2))
    data = read_save(path)
    assert data.header.seed == 7
    assert data.header.scenario.id == "tiny"
    assert data.scenario_text == SCENARIO_TEXT
    assert [t.turn for t in data.turns] == [1, 2, 3, 4, 5]
    assert [t.hash for t in data.turns] == [fake_hash(n) for n in range(1, 6)]
    assert data.turns[0].orders == ({"kind": "appeal"}, {"kind": "appeal"})
    assert data.turns[2].figures == {"sheltered": 300, "needs_covered_pct": 12.5}
    assert data.turns[0].line == 3


def test_file_is_human_readable_utf8_lines(tmp_path):
    data = fake_save(2)
    text = data.decode("utf-8")
    assert "Maarat ¶" in text  # not \u escapes
    assert text.count("\n") == 5  # header, scenario, two turns, end


def test_zero_turn_save_reads(tmp_path):
    assert read_save(write(tmp_path, fake_save(0))).turns == ()


@pytest.mark.parametrize("cut", [1, 10, 200, -1, -30])
def test_truncated_mid_line_names_the_line(tmp_path, cut):
    data = fake_save(3)
    path = write(tmp_path, data[:cut])
    error = _error(path)
    diag = error.diagnostics[0]
    assert diag.file == str(path)
    assert "cut off" in diag.message or "ends before" in diag.message
    assert diag.line is not None
    assert "autosave" in diag.hint


def test_truncated_at_a_line_boundary_is_caught(tmp_path):
    data = fake_save(3)
    kept = b"".join(data.splitlines(keepends=True)[:-2])  # drop turn 3 and the end record
    error = _error(write(tmp_path, kept))
    assert "ends before its end record (after turn 2)" in error.diagnostics[0].message


def test_changed_byte_in_orders_fails_checksum(tmp_path):
    records = _lines(fake_save(3))
    records[3]["orders"] = [{"kind": "apPeal"}]
    error = _error(write(tmp_path, _rebuild(records)))
    assert "checksum" in error.diagnostics[0].message
    assert error.diagnostics[0].line == 6


def test_changed_hash_fails_checksum(tmp_path):
    records = _lines(fake_save(3))
    records[2]["hash"] = fake_hash(99)
    assert "checksum" in _error(write(tmp_path, _rebuild(records))).diagnostics[0].message


def test_end_count_mismatch(tmp_path):
    records = _lines(fake_save(3))
    records[-1]["turns"] = 4
    assert "counts 4 turns" in _error(write(tmp_path, _rebuild(records))).diagnostics[0].message


def test_newer_format_version_says_made_by(tmp_path):
    records = _lines(fake_save(1))
    records[0]["format_version"] = 7
    records[0]["game_version"] = "9.0.0"
    diag = _error(write(tmp_path, _rebuild(records))).diagnostics[0]
    assert "made by save format version 7 (Corridor 9.0.0)" in diag.message
    assert "up to 1" in diag.message
    assert diag.hint == "update Corridor to load this save"
    assert diag.line == 1 and diag.column is not None


def test_version_without_migration_says_made_by(tmp_path, monkeypatch):
    from game.saves import migrate

    monkeypatch.setattr(migrate, "MIGRATIONS", {})
    from game.saves import reader

    monkeypatch.setattr(reader, "MIGRATIONS", {})
    records = _lines(fake_save(1))
    records[0]["format_version"] = 0
    diag = _error(write(tmp_path, _rebuild(records))).diagnostics[0]
    assert "made by save format version 0; this is version 1" in diag.message


def test_unknown_field_named_with_column(tmp_path):
    data = fake_save(2)
    lines = data.decode().splitlines(keepends=True)
    lines[2] = lines[2].replace('"kind": "turn"', '"kind": "turn", "cheat": 1')
    diag = _error(write(tmp_path, "".join(lines).encode())).diagnostics[0]
    assert "unknown field 'cheat' in the turn record" in diag.message
    assert diag.line == 3
    assert diag.column == lines[2].index('"cheat"') + 1


def test_unknown_header_field(tmp_path):
    records = _lines(fake_save(1))
    records[0]["extra"] = True
    diag = _error(write(tmp_path, _rebuild(records))).diagnostics[0]
    assert "unknown field 'extra' in the save header" in diag.message and diag.line == 1


def test_non_utf8_reports_line_and_column(tmp_path):
    data = bytearray(fake_save(2))
    lines = bytes(data).split(b"\n")
    at = lines[2].index(b"appeal")
    lines[2] = lines[2][:at] + b"\xff" + lines[2][at + 1 :]
    diag = _error(write(tmp_path, b"\n".join(lines))).diagnostics[0]
    assert diag.message == "is not UTF-8 text"
    assert (diag.line, diag.column) == (3, at + 1)


def test_huge_file_refused_before_reading(tmp_path):
    path = tmp_path / "huge.jsonl"
    with open(path, "wb") as f:
        f.truncate(MAX_SAVE_BYTES + 1)
    assert "MiB a save may be" in _error(path).diagnostics[0].message


def test_embedded_scenario_hash_mismatch(tmp_path):
    records = _lines(fake_save(1))
    records[1]["text"] = SCENARIO_TEXT + "# edited\n"
    diag = _error(write(tmp_path, _rebuild(records))).diagnostics[0]
    assert "embedded scenario does not match" in diag.message
    assert diag.line == 2


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is empty"),
        (b"hello\n", "not valid JSON"),
        (b"[1, 2]\n", "must be a JSON object"),
        (b'{"a": 1}\n', "not a Corridor save"),
        (b'{"format_version": "1"}\n', "format_version must be a whole number"),
        (b'{"format_version": 1, "format_version": 1}\n', "appears twice"),
        (b'{"format_version": NaN}\n', "NaN is not a number"),
        (b'{"format_version": 1e999}\n', "out of range"),
        (b'{"format_version": ' + b"9" * 5000 + b"}\n", "5000 digits"),
        (b"[" * 60_000 + b"\n", "nests values too deeply"),
        (b"[" * 100_000 + b"\n", "longer than a save header may be"),
        (b"\xef\xbb\xbf" + b'{"a": 1}\n', "byte-order mark"),
        (b'{"format_version": 1}\r\n', "CRLF"),
        (b"\n", "empty line"),
    ],
)
def test_hostile_content_gives_clear_error(tmp_path, content, expected):
    path = write(tmp_path, content)
    error = _error(path)
    assert expected in error.format()
    assert str(path) in error.format()


def _escaped(records: list[dict]) -> bytes:
    """Records as JSON with every non-ASCII character escaped (as another program might write
    them), the end record's checksum recomputed so that only the content is in question."""
    import hashlib

    lines = [json.dumps(r) + "\n" for r in records[:-1]]
    digest = hashlib.sha256("".join(lines).encode()).hexdigest()
    end = dict(records[-1], sha256=digest)
    return ("".join(lines) + json.dumps(end) + "\n").encode()


@pytest.mark.parametrize(
    ("where", "line"),
    [("scenario text", 2), ("game_version", 1), ("order", 3), ("figure name", 4)],
)
def test_escaped_lone_surrogates_are_refused_with_line_and_column(tmp_path, where, line):
    records = _lines(fake_save(2))
    if where == "scenario text":
        records[1]["text"] = SCENARIO_TEXT + "# \ud800\n"
    elif where == "game_version":
        records[0]["game_version"] = "0.1\udfff"
    elif where == "order":
        records[2]["orders"] = [{"kind": "appeal\udbff"}]
    else:
        records[3]["figures"] = {"\udc00sheltered": 1}
    data = _escaped(records)
    path = write(tmp_path, data)
    for attempt in (lambda: read_save(path), lambda: GameSession.load(path, autosave=False)):
        with pytest.raises(SaveError) as info:
            attempt()
        diag = info.value.diagnostics[0]
        assert diag.file == str(path) and diag.line == line
        text = data.splitlines()[line - 1].decode()
        assert text[diag.column - 1 : diag.column + 1] == "\\u"
        assert "surrogate" in diag.message and diag.hint


def test_escaped_surrogate_pairs_and_backslashes_are_plain_text(tmp_path):
    records = _lines(fake_save(1))
    records[0]["game_version"] = "0.1 \U0001f600 \\ud800"  # a pair, and a backslash + "ud800"
    data = _escaped(records)
    assert b"\\ud83d\\ude00" in data and b"\\\\ud800" in data
    assert read_save(write(tmp_path, data)).header.game_version == "0.1 \U0001f600 \\ud800"


def test_wrong_types_are_named(tmp_path):
    records = _lines(fake_save(2))
    records[0]["seed"] = -1
    diag = _error(write(tmp_path, _rebuild(records))).diagnostics[0]
    assert diag.key == "seed" and "whole number" in diag.message


def test_turns_out_of_order(tmp_path):
    records = _lines(fake_save(3))
    records[2], records[3] = records[3], records[2]
    assert "turn must be 1" in _error(write(tmp_path, _rebuild(records))).diagnostics[0].message


def test_data_after_end_record(tmp_path):
    data = fake_save(1) + b'{"kind": "turn"}\n'
    assert "after its end record" in _error(write(tmp_path, data)).diagnostics[0].message


def test_a_directory_or_missing_file(tmp_path):
    assert "no such save file" in _error(tmp_path / "nope.jsonl").format()
    assert "not a regular file" in _error(tmp_path).format()


def test_streaming_reader_yields_before_reading_everything(tmp_path):
    path = write(tmp_path, fake_save(50))
    with SaveReader(path) as reader:
        first = next(reader.turns())
        assert first.turn == 1
        assert reader._file.tell() < path.stat().st_size


def _bad_saves(tmp_path) -> dict[str, bytes]:
    good = fake_save(3)
    records = _lines(good)
    newer = [dict(r) for r in records]
    newer[0]["format_version"] = 2
    unknown = [dict(r) for r in records]
    unknown[2]["cheat"] = True
    mismatch = [dict(r) for r in records]
    mismatch[1]["text"] = SCENARIO_TEXT + "# moved\n"
    tampered = [dict(r) for r in records]
    tampered[3]["hash"] = fake_hash(42)
    return {
        "truncated": good[:-25],
        "tampered": _rebuild(tampered),
        "wrong version": _rebuild(newer),
        "unknown field": _rebuild(unknown),
        "non-utf8": good.replace(b"appeal", b"app\xe9al", 1),
        "scenario hash": _rebuild(mismatch),
        "not json": b"\x00\x01\x02 binary\n",
        "lone surrogate": good.replace(b"appeal", b"appeal\\ud800", 1),
    }


@pytest.mark.parametrize(
    "case",
    [
        "truncated",
        "tampered",
        "wrong version",
        "unknown field",
        "non-utf8",
        "scenario hash",
        "not json",
        "lone surrogate",
    ],
)
@pytest.mark.parametrize("command", [["replay", "--verify"], ["replay"], ["load"]])
def test_cli_exits_2_with_a_message_for_each_bad_save(tmp_path, capsys, case, command):
    from game.cli import main

    path = write(tmp_path, _bad_saves(tmp_path)[case])
    assert main([*command, str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(str(path)) and "error:" in err and "hint:" in err
    assert "Traceback" not in err


def test_huge_save_exits_2(tmp_path, capsys):
    from game.cli import main

    path = tmp_path / "huge.jsonl"
    with open(path, "wb") as f:
        f.truncate(MAX_SAVE_BYTES + 10)
    assert main(["replay", "--verify", str(path)]) == 2
    assert "MiB a save may be" in capsys.readouterr().err


# --- caps on one line, by record --------------------------------------------------------------


def _unparsed(monkeypatch, longer_than: int = 10_000) -> None:
    """Make parsing a long line fail the test: its refusal must come before the JSON decoder."""
    from game.saves.strict_json import StrictDecoder

    real = StrictDecoder.decode

    def decode(self, text: str):
        if len(text) > longer_than:
            raise AssertionError("an over-long line was parsed")
        return real(self, text)

    monkeypatch.setattr(StrictDecoder, "decode", decode)


def test_an_overlong_header_line_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    keys = b"".join(b'"k%d": 0, ' % i for i in range(300_000))  # 4 MB
    path = write(tmp_path, b'{"kind": "corridor-save", ' + keys + b'"format_version": 1}\n')
    _unparsed(monkeypatch)
    diag = _error(path).diagnostics[0]
    assert diag.line == 1 and "longer than a save header may be (65,536 bytes)" in diag.message


def test_the_longest_header_the_fields_allow_is_under_the_cap(tmp_path):
    """Every header field at its longest, in the character JSON escapes most (an astral one,
    one character written as a surrogate pair of escapes: 12 bytes; control characters are
    refused), still fits: the cap can only refuse headers the reader would refuse anyway."""
    from game.saves.format import MAX_HEADER_LINE, encode_record, header_record

    records = _lines(fake_save(1))
    worst = "\U0001f600"
    header = records[0]
    header["game_version"] = worst * 64
    header["difficulty"] = worst * 100
    header["scenario"] = dict(header["scenario"], id=worst * 400, title=worst * 400)
    header["scenario"]["path"] = worst * 4096
    line = (json.dumps(header) + "\n").encode()
    assert MAX_HEADER_LINE * 0.9 < len(line) < MAX_HEADER_LINE
    data = read_save(write(tmp_path, _escaped(records)))
    assert data.header.scenario.path == worst * 4096
    assert len(encode_record(header_record(data.header))) < MAX_HEADER_LINE


def test_scenario_line_cap_holds_the_largest_scenario_the_loader_reads():
    """Line 2 may hold twice the scenario loader's size cap (JSON escaping) plus 64 KiB."""
    from game.saves.format import SCENARIO_LINE_SLACK, SaveLimits
    from game.scenario import loader

    assert SaveLimits().scenario_line == 2 * loader.DEFAULT_MAX_BYTES + SCENARIO_LINE_SLACK


def test_scenario_line_cap_is_a_limit_of_the_reader(tmp_path, monkeypatch):
    from game.saves.format import SaveLimits

    text = SCENARIO_TEXT + "#" + "\\n" * 60_000 + "\n"  # 120,000 escaped characters
    path = write(tmp_path, fake_save(1, text=text))
    with monkeypatch.context() as patched:
        _unparsed(patched)
        with pytest.raises(SaveError) as info:
            read_save(path, limits=SaveLimits(scenario_line=84_000))
    diag = info.value.diagnostics[0]
    assert diag.line == 2
    assert "longer than the embedded scenario may be (84,000 bytes)" in diag.message
    assert read_save(path, limits=SaveLimits(scenario_line=200_000)).scenario_text == text
    assert read_save(path).scenario_text == text  # the default holds any scenario


def test_turn_line_cap_grows_with_the_embedded_scenario(tmp_path, monkeypatch):
    """A turn line may be MIN_TURN_LINE_CAP, or 8 bytes per character of the embedded scenario
    if more (snapshots grow with the number of places)."""
    from game.saves.format import SaveLimits

    limits = SaveLimits(turn_line_min=4000)
    records = _lines(fake_save(2))
    records[3]["figures"] = {f"f{i}": i for i in range(600)}  # turn 2: about 6,900 bytes
    path = write(tmp_path, _escaped(records))
    with monkeypatch.context() as patched:
        _unparsed(patched, longer_than=4000)
        with pytest.raises(SaveError) as info:
            read_save(path, limits=limits)
    diag = info.value.diagnostics[0]
    assert diag.line == 4 and "longer than a turn record of this game may be (4,000 bytes)" in (
        diag.message
    )
    assert len(read_save(path).turns) == 2  # under the default limits
    long_scenario = SCENARIO_TEXT + "#" + "x" * 1000 + "\n"  # 8 x its length > the line
    records = _lines(fake_save(2, text=long_scenario))
    records[3]["figures"] = {f"f{i}": i for i in range(600)}
    assert len(read_save(write(tmp_path, _escaped(records), "ok.jsonl"), limits=limits).turns) == 2


def test_the_file_size_cap_is_a_limit_of_the_reader(tmp_path):
    from game.saves.format import SaveLimits

    path = write(tmp_path, fake_save(3))
    size = path.stat().st_size
    with pytest.raises(SaveError) as info:
        read_save(path, limits=SaveLimits(file_bytes=size - 1))
    assert "MiB a save may be" in info.value.diagnostics[0].message
    assert len(read_save(path, limits=SaveLimits(file_bytes=size)).turns) == 3
