"""Each class of scenario error, through `corridor validate`: exit status 2, the position
(line and column) of the offending key or value, the message and the hint.

Every case is a small mutation of the minimal fixture; the expected position is found in the
mutated text by a needle, so the cases say what they point at."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from game.errors import EXIT_USER_ERROR
from game.scenario import parameters
from game.scenario.parameters import ParameterSpec

from .helpers import minimal_text, position, replace_once, validate_cli

_BLOCK = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): error: (?P<msg>.*?)(?:\n  hint: (?P<hint>.*))?$",
    re.M,
)


@dataclass(frozen=True)
class Case:
    name: str
    edits: tuple[tuple[str, str], ...]  # (old, new) replacements in the minimal fixture
    at: tuple[str, int]  # needle in the mutated text and offset: where the error points
    message: str  # a fragment of the message
    hint: str  # a fragment of the hint


CASES = [
    Case(
        "yaml syntax: tab",
        (("  turns: 5", "\tturns: 5"),),
        ("\tturns", 0),
        "YAML syntax error: a tab character here",
        "replace the tab with spaces",
    ),
    Case(
        "yaml syntax: unquoted colon",
        (
            (
                'title: "Format example: four places south of Idlib"',
                "title: Format example: four places",
            ),
        ),
        ("title: Format example:", 21),
        "mapping values are not allowed",
        "quote a value",
    ),
    Case(
        "yaml syntax: unclosed bracket",
        (("open_exits: [maaret_west]", "open_exits: [maaret_west"),),
        (': "article ¶3: besieged', 0),
        "YAML syntax error",
        "close the list",
    ),
    Case(
        "wrong type",
        (("lat: 35.62", "lat: north"),),
        ("lat: north", 5),
        "`lat` must be a number, not the text 'north'",
        "write a number",
    ),
    Case(
        "quoted number",
        (("population: 3000", 'population: "3000"'),),
        ('"3000"', 0),
        "`population` must be a whole number",
        "remove the quotes",
    ),
    Case(
        "missing key",
        (("    kind: village\n", ""),),
        ("- id: kfar_roummah\n", 2),
        "location lacks `kind`",
        "add `kind:` (one of city, town, village",
    ),
    Case(
        "unknown key",
        (("shelter_capacity: 8000", "shelter_capasity: 8000"),),
        ("shelter_capasity", 0),
        "unknown key `shelter_capasity` in location",
        "did you mean `shelter_capacity`?",
    ),
    Case(
        "unknown section",
        (("\nfigures:", "\nfigure:"),),
        ("figure:", 0),
        "unknown key `figure` in scenario",
        "did you mean `figures`?",
    ),
    Case(
        "duplicate id",
        (("- id: saraqeb\n", "- id: kfar_roummah\n"),),
        ("- id: kfar_roummah\n    name: Saraqeb", 6),
        "duplicate location id `kfar_roummah` (first defined at line 35, column 9)",
        "ids must be unique",
    ),
    Case(
        "duplicate key",
        (("  turns: 5\n", "  turns: 5\n  turns: 6\n"),),
        ("turns: 6", 0),
        "the key `turns` appears twice in this mapping (first at line 8, column 3)",
        "remove or rename",
    ),
    Case(
        "unknown reference",
        (("{location: saraqeb, level", "{location: saraqep, level"),),
        ("saraqep", 0),
        "`saraqep` is not a location id",
        "did you mean `saraqeb`?",
    ),
    Case(
        "road end missing",
        (("to: bab_al_hawa, km: 45", "to: bab_al_howa, km: 45"),),
        ("bab_al_howa", 0),
        "the road's `to` end `bab_al_howa` is not a location id",
        "did you mean `bab_al_hawa`?",
    ),
    Case(
        "road to itself",
        (("to: bab_al_hawa, km: 45", "to: saraqeb, km: 45"),),
        ("to: saraqeb, km: 45", 4),
        "starts and ends at `saraqeb`",
        "joins two different locations",
    ),
    Case(
        "negative population",
        (("population: 3000", "population: -3000"),),
        ("-3000", 0),
        "`population` is -3000, below the minimum 0",
        "a whole number between 0 and 100,000,000",
    ),
    Case(
        "population beyond the cap",
        (("population: 3000", "population: 100000001"),),
        ("100000001", 0),
        "`population` is 100,000,001, above the maximum 100,000,000",
        "no place holds more people",
    ),
    Case(
        "fractional population",
        (("population: 15000", "population: 15000.5"),),
        ("15000.5", 0),
        "`population` must be a whole number, not the number 15000.5",
        "without a decimal part",
    ),
    Case(
        "displaced above population",
        (("displaced: 1000", "displaced: 16000"),),
        ("16000", 0),
        "`displaced` (16,000) is above `population` (15,000)",
        "raise it to at least 16,000",
    ),
    Case(
        "exit not attached",
        (("open_exits: [maaret_west]", "open_exits: [saraqeb_bab_al_hawa]"),),
        ("saraqeb_bab_al_hawa]", 0),
        "road `saraqeb_bab_al_hawa` is not attached to `maaret_al_numan` (it joins `saraqeb` and "
        "`bab_al_hawa`)",
        "`m5_maaret_saraqeb`, `maaret_west`",
    ),
    Case(
        "date before campaign",
        (("date: 2020-01-27", "date: 2020-01-20"),),
        ("2020-01-20", 0),
        "event `us_statement`: 2020-01-20 is before the campaign starts",
        "runs from 2020-01-24 (meta.start_date) to 2020-01-28",
    ),
    Case(
        "date after campaign",
        (("latest: 2020-01-28", "latest: 2020-03-01"),),
        ("2020-03-01", 0),
        "event `saraqeb_threatened`: 2020-03-01 is after the last turn",
        "change meta.start_date or meta.turns",
    ),
    Case(
        "invalid date",
        (("start_date: 2020-01-24", "start_date: 2020-02-30"),),
        ("2020-02-30", 0),
        "2020-02-30 is not a valid date",
        "YYYY-MM-DD",
    ),
    Case(
        "latest before date",
        (
            (
                'date: 2020-01-28\n    source: "article ¶6',
                'date: 2020-01-28\n    latest: 2020-01-26\n    source: "article ¶6',
            ),
        ),
        ("2020-01-26", 0),
        "`latest` (2020-01-26) is before `date` (2020-01-28)",
        "put it after `date`",
    ),
    Case(
        "no date nor after",
        (("    date: 2020-01-27\n", ""),),
        ("id: us_statement", 0),
        "event `us_statement` has neither `date` nor `after`",
        "`after: <event id>`",
    ),
    Case(
        "fact without source",
        (('    source: "assumption: illustrative figures for this example"\n', ""),),
        ("- id: kfar_roummah\n", 2),
        "location lacks `source`",
        "every fact needs `source:`",
    ),
    Case(
        "empty source list",
        (('source: "article ¶9: the next town on the M5 to the north"', "source: []"),),
        ("source: []", 8),
        "`source` is an empty list",
        "every fact needs `source:`",
    ),
    Case(
        "article paragraph too high",
        (("article ¶6:", "article ¶16:"),),
        ('"article ¶16', 0),
        "`article ¶16` is outside its paragraphs 1..15",
        "between 1 and 15",
    ),
    Case(
        "article paragraph zero",
        (("article ¶6:", "article ¶0:"),),
        ('"article ¶0', 0),
        "`article ¶0` is outside its paragraphs 1..15",
        "between 1 and 15",
    ),
    Case(
        "article without paragraph",
        (("article ¶6:", "article:"),),
        ('"article: the village', 0),
        "a citation of the article needs its paragraph",
        "`article ¶N: paraphrase`",
    ),
    Case(
        "page-style citation",
        (("article ¶9: the next town", "article p.9: the next town"),),
        ('"article p.9', 0),
        "malformed source",
        "`article ¶9`",
    ),
    Case(
        "source without colon",
        (('"assumption: the player\'s side"', '"the player side"'),),
        ('"the player side"', 0),
        "malformed source",
        "`assumption: reason`",
    ),
    Case(
        "unlisted source",
        (('"assumption: aid enters', '"unhcr: aid enters'),),
        ('"unhcr: aid', 0),
        "source `unhcr` is not listed in `sources:`",
        "list the document under `sources:`",
    ),
    Case(
        "assumption without reason",
        (('"assumption: the player\'s side"', '"assumption:"'),),
        ('"assumption:"', 0),
        "an assumption needs a reason",
        "say why",
    ),
    Case(
        "article without paragraphs count",
        ((", paragraphs: 15}", "}"),),
        ("{id: article", 0),
        "the `article` source needs `paragraphs`",
        "add `paragraphs: 15`",
    ),
    Case(
        "probability above 1",
        (("probability: 0.5", "probability: 1.5"),),
        ("1.5", 0),
        "`probability` is 1.5, above the maximum 1",
        "between 0 and 1",
    ),
    Case(
        "bombardment above 1",
        (("bombardment: 0.8", "bombardment: 1.2"),),
        ("1.2", 0),
        "`bombardment` is 1.2, above the maximum 1",
        "between 0 and 1",
    ),
    Case(
        "NaN",
        (("lat: 35.62", "lat: .nan"),),
        (".nan", 0),
        "`lat` is .nan, which is not a usable number",
        "between -90 and 90",
    ),
    Case(
        "Infinity",
        (("km: 9,", "km: .inf,"),),
        (".inf", 0),
        "`km` is .inf, which is not a usable number",
        "above 0",
    ),
    Case(
        "huge integer",
        (("population: 3000", "population: 3" + "0" * 5000),),
        ("30000000", 0),
        "has too many digits (5,001)",
        "a whole number of a sensible size",
    ),
    Case(
        "number too large for a float",
        (("lat: 35.62", "lat: 1" + "0" * 400),),
        ("lat: 1000", 5),
        "`lat` is far too large (401 digits)",
        "between -90 and 90",
    ),
    Case(
        "whole number far out of range",
        (("turns: 5", "turns: 1" + "0" * 200),),
        ("turns: 1000", 7),
        "`turns` is 10000000… (201 digits), above the maximum 366",
        "between 1 and 366",
    ),
    Case(
        "unknown enum",
        (("kind: village", "kind: vilage"),),
        ("vilage", 0),
        "`kind` must be one of city, town, village",
        "did you mean `village`?",
    ),
    Case(
        "unknown after",
        (("after: kfar_roummah_taken", "after: kfar_roumah_taken"),),
        ("kfar_roumah_taken", 0),
        "`kfar_roumah_taken` is not a event id",
        "did you mean `kfar_roummah_taken`?",
    ),
    Case(
        "after cycle",
        (
            (
                '    date: 2020-01-28\n    source: "article ¶6',
                '    after: saraqeb_threatened\n    source: "article ¶6',
            ),
        ),
        ("saraqeb_threatened\n    source", 0),
        "events wait for each other in a cycle: `kfar_roummah_taken` → `saraqeb_threatened` → "
        "`kfar_roummah_taken`",
        "must have a `date` instead of `after`",
    ),
    Case(
        "unknown effect",
        (("- threat: {", "- threaten: {"),),
        ("- threaten", 2),
        "unknown effect `threaten`",
        "did you mean `threat`?",
    ),
    Case(
        "effect changing nothing",
        (("- road: {road: maaret_west, status: contested}", "- road: {road: maaret_west}"),),
        ("{road: maaret_west}", 0),
        "this road effect changes nothing",
        "give `status`, `control` or `bombardment`",
    ),
    Case(
        "missing order cost",
        (("    appeal: {days: 3}\n", ""),),
        ("convoy: {funds: 10", 0),
        "`costs` lacks `appeal`",
        "add `appeal`",
    ),
    Case(
        "format version",
        (("format_version: 1", "format_version: 2"),),
        ("2\n  start_date", 0),
        "format_version 2 is not supported",
        "reads format_version 1",
    ),
    Case(
        "no hub",
        (("    hub: true\n", ""),),
        ("- id: maaret_al_numan", 0),
        "no location is a hub",
        "set `hub: true`",
    ),
    Case(
        "bad id",
        (("- id: saraqeb\n", "- id: Saraqeb Town\n"),),
        ("Saraqeb Town", 0),
        "`Saraqeb Town` is not a valid id",
        "e.g. `saraqeb_town`",
    ),
    Case(
        "location and road share an id",
        (("{id: maaret_west,", "{id: kfar_roummah,"),),
        ("{id: kfar_roummah,", 5),
        "`kfar_roummah` is both a road id and a location id",
        "rename the road",
    ),
    Case(
        "python tag",
        (("turns: 5", "turns: !!python/object:os.system 5"),),
        ("!!python", 0),
        "asks for a Python object",
        "remove the tag",
    ),
]


def _blocks(stderr: str) -> list[re.Match[str]]:
    return list(_BLOCK.finditer(stderr))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_error_class(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = minimal_text()
    for old, new in case.edits:
        text = replace_once(text, old, new)
    status, out, err = validate_cli(tmp_path, capsys, text)
    assert status == EXIT_USER_ERROR
    assert out == ""
    line, column = position(text, *case.at)
    matching = [b for b in _blocks(err) if case.message in b["msg"]]
    assert matching, f"no error says {case.message!r}:\n{err}"
    block = matching[0]
    assert block["file"] == str(tmp_path / "broken.yaml")
    assert (int(block["line"]), int(block["col"])) == (line, column), err
    assert block["hint"] and case.hint in block["hint"], err
    assert "Traceback" not in err


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> dict[str, ParameterSpec]:
    """A known parameter registry, independent of the engine's."""
    specs = {
        "leave_rate_max": ParameterSpec(
            "leave_rate_max",
            "fraction/day",
            "share leaving a day",
            required=False,
            minimum=0.0,
            maximum=1.0,
        ),
        "harm_rate": ParameterSpec(
            "harm_rate",
            "fraction/day",
            "share harmed a day",
            required=False,
            minimum=0.0,
            maximum=1.0,
        ),
    }
    monkeypatch.setattr(parameters, "PARAMETERS", specs)
    return specs


PARAMETER_CASES = [
    Case(
        "unknown parameter",
        (("leave_rate_max: {value", "leave_rate_mx: {value"),),
        ("leave_rate_mx", 0),
        "unknown model parameter `leave_rate_mx`",
        "did you mean `leave_rate_max`?",
    ),
    Case(
        "parameter out of range",
        (("{value: 0.3, unit: fraction/day", "{value: 1.3, unit: fraction/day"),),
        ("1.3", 0),
        "parameter `leave_rate_max` is 1.3, outside 0.0..1.0",
        "share leaving a day",
    ),
    Case(
        "parameter unit",
        (("unit: fraction/day", "unit: percent/day"),),
        ("percent/day", 0),
        "is measured in `fraction/day`, not `percent/day`",
        "write `unit: fraction/day`",
    ),
    Case(
        "parameter without unit",
        ((" unit: fraction/day,", ""),),
        ("{value: 0.3", 0),
        "parameter lacks `unit`",
        "add `unit:`",
    ),
    Case(
        "parameter without source",
        ((', source: "assumption: example value"', ""),),
        ("{value: 0.3", 0),
        "parameter lacks `source`",
        "every fact needs `source:`",
    ),
    Case(
        "parameter value not a number",
        (("{value: 0.3,", "{value: high,"),),
        ("value: high", 7),
        "`value` must be a number",
        "write a number",
    ),
]


@pytest.mark.parametrize("case", PARAMETER_CASES, ids=[c.name for c in PARAMETER_CASES])
def test_parameter_errors(
    case: Case, registry: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    test_error_class(case, tmp_path, capsys)


def test_missing_required_parameter(
    registry: dict, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    registry["fatal_share"] = ParameterSpec("fatal_share", "fraction", "share of the harmed killed")
    text = minimal_text()
    status, _, err = validate_cli(tmp_path, capsys, text)
    assert status == EXIT_USER_ERROR
    (block,) = _blocks(err)
    assert "the model lacks parameter `fatal_share`" in block["msg"]
    assert (int(block["line"]), int(block["col"])) == position(text, "leave_rate_max:")
    assert "add `fatal_share: {value: ..., unit: fraction" in block["hint"]


def test_empty_registry_accepts_any_name(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(parameters, "PARAMETERS", {})
    text = replace_once(minimal_text(), "leave_rate_max:", "anything_goes:")
    status, out, _ = validate_cli(tmp_path, capsys, text)
    assert status == 0 and ": ok —" in out


def test_all_errors_reported_in_one_run_in_file_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = minimal_text()
    edits = [CASES[i] for i in (3, 13, 15, 24, 33, 42)]
    for case in edits:
        for old, new in case.edits:
            text = replace_once(text, old, new)
    status, _, err = validate_cli(tmp_path, capsys, text)
    assert status == EXIT_USER_ERROR
    blocks = _blocks(err)
    for case in edits:
        assert any(case.message in b["msg"] for b in blocks), case.name
    lines = [int(b["line"]) for b in blocks]
    assert lines == sorted(lines)
    assert f"invalid — {len(blocks)} errors" in err
