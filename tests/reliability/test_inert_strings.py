"""Strings from files are shown inert: a save's header strings holding control characters are
refused when read, the scenario loader refuses the control characters YAML escapes would make,
file names are shown escaped on the command line and in the Load list, and a header that
disagrees with the scenario it embeds does not verify."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from game.cli import main
from game.errors import SaveError, ScenarioError
from game.inert import inert
from game.replay.verify import verify_save
from game.saves import list_saves, read_save
from game.scenario import load_scenario_text
from tests.reliability.strategies import recompute_checksums
from tests.reliability.support import IDLIB, real_save, small_scenario

# What a terminal must never receive from a file: C0 and C1 controls (ESC starts a sequence
# that can clear the screen or retitle the window, 0x9b is a one-byte CSI), DEL, line and
# paragraph separators, bidirectional controls (text shown in another order than stored).
DANGEROUS = [
    "\x1b[2J",
    "\x1b]0;owned\x07",
    "\x07",
    "\x00",
    "\r",
    "\n",
    "\t",
    "\x08",
    "\x7f",
    "\x9b31m",
    "\x85",
    "\u2028",
    "\u2029",
    "\u202e",
    "\u202a",
    "\u2066",
    "\u2069",
]
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

HEADER_STRINGS = {
    "game_version": lambda header, text: header.__setitem__("game_version", f"0.1{text}"),
    "scenario id": lambda header, text: header["scenario"].__setitem__("id", f"x{text}"),
    "scenario title": lambda header, text: header["scenario"].__setitem__("title", f"T{text}"),
    "scenario path": lambda header, text: header["scenario"].__setitem__("path", f"/a{text}"),
    "difficulty": lambda header, text: header.__setitem__("difficulty", f"hard{text}"),
}


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [json.loads(line) for line in real_save(small_scenario(), turns=3).splitlines()]


def edited(records: list[dict], tmp_path: Path, edit, name: str = "edited.jsonl") -> Path:
    copy = json.loads(json.dumps(records))
    edit(copy[0])
    path = tmp_path / name
    path.write_bytes(recompute_checksums(copy))
    return path


def no_raw_controls(text: str) -> None:
    bad = RAW_CONTROL.search(text)
    assert bad is None, f"raw U+{ord(bad.group()):04X} in {text!r}"


@pytest.mark.parametrize("field", HEADER_STRINGS)
@pytest.mark.parametrize("text", DANGEROUS)
def test_a_header_string_with_a_control_character_is_refused_everywhere(
    records, tmp_path, capsys, field, text
):
    path = edited(records, tmp_path, lambda header: HEADER_STRINGS[field](header, text))
    with pytest.raises(SaveError) as info:
        read_save(path)
    message = info.value.format()
    assert "control character" in message and info.value.diagnostics[0].line == 1
    no_raw_controls(message)
    for argv in (["replay", "--verify", str(path)], ["load", str(path)]):
        assert main(argv) == 2
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        no_raw_controls(captured.out + captured.err)
    (listed,) = [info for info in list_saves(tmp_path) if info.name == "edited"]
    assert not listed.ok
    no_raw_controls(listed.problem or "")


@pytest.mark.parametrize(
    "field, value",
    [("id", "another_scenario"), ("title", "Another title"), ("id", ""), ("title", "")],
)
def test_a_header_that_names_another_scenario_does_not_verify(
    records, tmp_path, capsys, field, value
):
    path = edited(records, tmp_path, lambda header: header["scenario"].__setitem__(field, value))
    assert read_save(path).header.scenario.__getattribute__(field) == value  # reads...
    with pytest.raises(SaveError, match=f"scenario {field}"):
        verify_save(path)  # ... but does not verify
    assert main(["replay", "--verify", str(path)]) == 2
    assert f"header's scenario {field}" in capsys.readouterr().err
    assert main(["load", str(path)]) == 2
    assert f"header's scenario {field}" in capsys.readouterr().err


def test_a_header_difficulty_the_scenario_lacks_does_not_verify(records, tmp_path, capsys):
    path = edited(records, tmp_path, lambda header: header.__setitem__("difficulty", "nope"))
    assert main(["replay", "--verify", str(path)]) == 2
    assert "difficulty 'nope'" in capsys.readouterr().err


def test_the_unedited_save_verifies(records, tmp_path):
    path = edited(records, tmp_path, lambda header: None)
    assert verify_save(path).ok


# --- the scenario loader --------------------------------------------------------------------------

ESCAPES = ["\\e", "\\a", "\\x1b", "\\x00", "\\r", "\\b", "\\x7f", "\\u009b", "\\N", "\\L", "\\P"]
ESCAPES += ["\\u202e", "\\u2066", "\\U0000202e", "\\x85", "\\x9f", "\\v", "\\f", "\\0"]


def idlib_with(old: str, new: str) -> str:
    text = IDLIB.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


TITLE = 'title: "Idlib 2020: Maaret al-Numan and the road north"'


@pytest.mark.parametrize("escape", ESCAPES)
def test_escapes_making_control_characters_are_refused_at_their_place(escape):
    text = idlib_with(TITLE, f'title: "Idlib{escape}2020"')
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, "s.yaml")
    (diagnostic,) = info.value.diagnostics
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "Idlib" + escape in row)
    assert diagnostic.line == line and diagnostic.column is not None
    assert "control character" in diagnostic.message
    no_raw_controls(info.value.format())


@pytest.mark.parametrize("escape", ESCAPES[:6])
def test_escaped_controls_are_refused_in_keys_and_place_names_too(escape):
    with pytest.raises(ScenarioError, match="control character"):
        load_scenario_text(idlib_with("\nmeta:", f'\n"x{escape}": 1\nmeta:'), "s.yaml")
    with pytest.raises(ScenarioError, match="control character"):
        load_scenario_text(
            idlib_with("name: Russian air force", f'name: "Russian{escape}air force"'), "s.yaml"
        )


@pytest.mark.parametrize("char", ["\u202e", "\u202d", "\u2067", "\u2068"])
def test_raw_bidirectional_controls_are_refused(char):
    with pytest.raises(ScenarioError, match="bidirectional"):
        load_scenario_text(idlib_with(TITLE, f'title: "Idlib {char}2020"'), "s.yaml")


@pytest.mark.parametrize(
    "value",
    [
        '"tab\\there"',
        '"two\\nlines"',
        '"Arabic \u0625\u062f\u0644\u0628"',
        '"\\u00e9t\\u00e9"',
        '"emoji \\U0001F600"',
        "'single \\e stays text'",
        '"zero\\u200dwidth joiner"',
    ],
)
def test_ordinary_text_and_escapes_still_load(value):
    assert load_scenario_text(idlib_with(TITLE, f"title: {value}"), "s.yaml").meta.title


def test_a_save_embedding_a_scenario_with_escaped_controls_is_refused(records, tmp_path):
    copy = json.loads(json.dumps(records))
    copy[1]["text"] = copy[1]["text"].replace("title:", 'title: "\\e[2J"\nx_title:', 1)
    path = tmp_path / "s.jsonl"
    path.write_bytes(recompute_checksums(copy))
    with pytest.raises(SaveError, match="control character") as info:
        verify_save(path)
    no_raw_controls(info.value.format())


# --- names shown inert ----------------------------------------------------------------------------

HOSTILE_NAMES = [
    "\x1b[2Jwiped",
    "bell\x07",
    "title\x1b]0;owned\x07",
    "rtl\u202elmx.jsonl",
    "x\x9b1m",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_file_names_are_escaped_in_cli_messages(tmp_path, capsys, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    Path(name + ".yaml").write_text("meta: [\n", encoding="utf-8")
    Path(name + ".jsonl").write_bytes(b"garbage\n")
    for argv in (
        ["validate", name + ".yaml"],
        ["replay", "--verify", name + ".jsonl"],
        ["load", name + ".jsonl"],
        ["schema", "-o", name + "/x"],
        ["simulate", name + ".yaml"],
    ):
        main(argv)
        captured = capsys.readouterr()
        no_raw_controls(captured.out + captured.err)
        assert inert(name) in captured.err or "\\" in captured.err, (argv, captured.err)


def test_good_files_with_hostile_names_are_reported_inert(tmp_path, capsys, monkeypatch, records):
    monkeypatch.chdir(tmp_path)
    name = "\x1b[2Jok"
    Path(name + ".yaml").write_bytes(IDLIB.read_bytes())
    Path(name + ".jsonl").write_bytes(recompute_checksums(records))
    assert main(["validate", name + ".yaml"]) == 0
    assert main(["replay", "--verify", name + ".jsonl"]) == 0
    assert main(["schema", "-o", name + ".json"]) == 0
    captured = capsys.readouterr()
    no_raw_controls(captured.out + captured.err)
    assert captured.out.count("\\x1b[2Jok") == 2


def test_inert_escapes_exactly_the_unprintable():
    assert (
        inert("Saraqib, é, \u0625\u062f\u0644\u0628, 😀")
        == "Saraqib, é, \u0625\u062f\u0644\u0628, 😀"
    )
    assert (
        inert("a\x1b[2Jb\x07\u202e\ud800\U000e0001") == "a\\x1b[2Jb\\x07\\u202e\\ud800\\U000e0001"
    )
    assert inert("one\ntwo", keep_newlines=True) == "one\ntwo"
    assert inert("one\ntwo") == "one\\x0atwo"


async def test_the_load_list_shows_hostile_names_inert_and_not_as_markup(tmp_path, records):
    from textual.app import App

    from game.ui.screens.pick_save import PickSaveScreen

    good = recompute_checksums(records)
    (tmp_path / "\x1b[2Jwiped.jsonl").write_bytes(good)
    (tmp_path / "[bold red]markup.jsonl").write_bytes(good)  # file names cannot hold "/"
    (tmp_path / "[link=https:x]click.jsonl").write_bytes(good)
    (tmp_path / "turn[2J.jsonl").write_bytes(good)  # crashed the list: MarkupError
    (tmp_path / "broken\x07.jsonl").write_bytes(b"\x1b[2J\n")

    class Host(App):
        def on_mount(self) -> None:
            self.push_screen(PickSaveScreen(tmp_path, "Load"))

    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        from textual.widgets import OptionList

        options = app.screen.query_one(OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        text = " ".join(shown)
        no_raw_controls(text)
        assert "\\x1b[2Jwiped" in text and "[bold red]markup" in text
        assert "[link=https:x]click" in text and "broken\\x07" in text and "turn[2J" in text


# --- the game's screens: names are text, never markup -------------------------------------------

MARKUP_TRAPS = {
    "Maaret al-Numan": "Maaret [1",  # an unclosed bracket: MarkupError, the game crashed
    "Kfar Roummah": "Kfar [A] Roummah",  # read as a style named A and dropped from the text
    "Kafr Nabl": "[$accent]Kafr Nabl",  # read as a theme variable
    "Saraqeb": "Saraqeb\\\\",  # a trailing backslash escaped the next tag
    "Ariha": "[@click=app.quit]Ariha",  # an action link
    "Government forces": "Gov [2J forces",
}


def test_markup_escape_shows_any_text_exactly():
    from textual.content import Content

    from game.inert import markup_escape

    for text in [*MARKUP_TRAPS.values(), "[", "]", "\\", "\\[", "[[x]]", "[/]", "a\\[b"]:
        for template in ("[b]{}[/]", "{}  [dim]m[/]", "x{}y"):
            shown = Content.from_markup(template.format(markup_escape(text))).plain
            plain = template.replace("[b]", "").replace("[/]", "").replace("[dim]", "")
            assert shown.replace("\u200b", "") == plain.format(text), (text, template, shown)


async def test_the_game_shows_names_full_of_markup_as_text(tmp_path):
    from game.ui.app import CorridorApp
    from tests.ui.conftest import FIXTURE, flat

    text = FIXTURE.read_text(encoding="utf-8")
    for old, new in MARKUP_TRAPS.items():
        assert old in text
        text = text.replace(f"name: {old}", f"name: '{new}'").replace(
            f'name: "{old}"', f"name: '{new}'"
        )
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(text, encoding="utf-8")
    app = CorridorApp(scenario_path=hostile, seed=7, saves_dir=tmp_path / "s", autosave=False)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        seen = []
        for typed, name in (
            ("Maaret", "Maaret [1"),
            ("Kfar", "Kfar [A] Roummah"),
            ("Kafr", "[$accent]Kafr Nabl"),
            ("Sara", "Saraqeb\\"),
            ("Ariha", "[@click=app.quit]Ariha"),
        ):
            await pilot.press("g", *typed, "enter")  # select it: the place panel shows it
            await pilot.pause()
            seen.append(name in flat(app))
        for _ in range(3):
            await pilot.press("n")  # end turns: the log names places and factions
            await pilot.pause()
        assert app.is_running
        assert all(seen), seen


# --- what Corridor writes, Corridor reads --------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [b"\x1b[2Jgame.yaml", b"caf\xe9-latin1.yaml", b"bell\x07\xff.yaml", b"rtl\xe2\x80\xae.yaml"],
)
def test_a_save_of_a_scenario_with_a_hostile_file_name_reads_back(tmp_path, capsys, name):
    """The header records the scenario's path as a label: shown inert, so a name holding
    control characters or bytes that are not UTF-8 (a traceback before: lone surrogates cannot
    be written as JSON text) still makes a save that verifies."""
    import os

    from tests.reliability.support import SMALL

    scenario = os.fsdecode(os.path.join(os.fsencode(tmp_path), name))
    Path(scenario).write_bytes(SMALL.read_bytes())
    target = tmp_path / "game.jsonl"
    assert main(["simulate", scenario, "--turns", "2", "--save", str(target)]) == 0
    assert main(["replay", "--verify", str(target)]) == 0
    assert read_save(target).header.scenario.path == inert(scenario)
    captured = capsys.readouterr()
    no_raw_controls(captured.out + captured.err)


def test_a_title_longer_than_a_save_header_holds_is_refused_by_the_loader(tmp_path, capsys):
    """A 500-character title loaded, and every save of the game was refused on reading:
    the autosave the game wrote could not be continued."""
    long = idlib_with(TITLE, 'title: "' + "T" * 201 + '"')
    with pytest.raises(ScenarioError, match="more than 200"):
        load_scenario_text(long, "s.yaml")
    path = tmp_path / "s.yaml"
    path.write_text(idlib_with(TITLE, 'title: "' + "T" * 200 + '"'), encoding="utf-8")
    target = tmp_path / "game.jsonl"
    assert main(["simulate", str(path), "--turns", "1", "--save", str(target)]) == 0
    assert main(["replay", "--verify", str(target)]) == 0
    capsys.readouterr()
