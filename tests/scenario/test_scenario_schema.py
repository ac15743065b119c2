"""The JSON Schema: a valid draft 2020-12 schema, committed up to date, accepting the bundled
and example scenarios and refusing what the validator refuses at the level of shapes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from game.cli import main
from game.errors import EXIT_USER_ERROR
from game.scenario.loader import load_nodes
from game.scenario.nodes import to_plain
from game.scenario.schema import scenario_schema, schema_text

from .helpers import IDLIB, MINIMAL, REPO, minimal_text, replace_once

COMMITTED = REPO / "docs" / "scenario.schema.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = scenario_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def plain(text: str) -> Any:
    root, _ = load_nodes(text.encode(), "s.yaml")
    return to_plain(root)


def test_schema_is_draft_2020_12() -> None:
    schema = scenario_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_committed_schema_is_up_to_date() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "docs/scenario.schema.json is stale: run `corridor schema -o docs/scenario.schema.json`"
    )


def test_minimal_fixture_validates(validator: jsonschema.Draft202012Validator) -> None:
    assert list(validator.iter_errors(plain(minimal_text()))) == []


@pytest.mark.skipif(not IDLIB.exists(), reason="scenarios/idlib.yaml not written yet")
def test_idlib_validates(validator: jsonschema.Draft202012Validator) -> None:
    errors = [e.message for e in validator.iter_errors(plain(IDLIB.read_text(encoding="utf-8")))]
    assert errors == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("shelter_capacity: 8000", "shelter_capasity: 8000"),
        ("population: 3000", "population: -3000"),
        ("population: 15000", "population: 15000.5"),
        ("bombardment: 0.8", "bombardment: 1.2"),
        ("kind: village", "kind: vilage"),
        ("probability: 0.5", "probability: 1.5"),
        ('    source: "assumption: illustrative figures for this example"\n', ""),
        ("article ¶9: the next town", "article p.9: the next town"),
        ('"assumption: the player\'s side"', '"assumption:"'),
        ("- threat: {", "- threaten: {"),
        ("    appeal: {days: 3}\n", ""),
        ("- id: saraqeb\n", "- id: Saraqeb Town\n"),
        ("start_date: 2020-01-24", "start_date: 24/01/2020"),
        ("lat: 35.62", "lat: 135.62"),
        ("{N: government,", "{NE: government,"),
    ],
)
def test_schema_refuses_shape_errors(
    validator: jsonschema.Draft202012Validator, old: str, new: str
) -> None:
    assert list(validator.iter_errors(plain(replace_once(minimal_text(), old, new))))


def test_editor_schema_lines_point_at_the_committed_schema() -> None:
    for scenario in (MINIMAL, IDLIB):
        if not scenario.exists():
            continue
        first = scenario.read_text(encoding="utf-8").splitlines()[0]
        prefix = "# yaml-language-server: $schema="
        assert first.startswith(prefix), scenario
        assert (scenario.parent / first[len(prefix) :]).resolve() == COMMITTED.resolve()


def test_corridor_schema_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    out = capsys.readouterr().out
    assert out == schema_text()
    assert json.loads(out)["title"] == "Corridor scenario"


def test_corridor_schema_writes_atomically(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "scenario.schema.json"
    target.write_text("old", encoding="utf-8")
    assert main(["schema", "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == schema_text()
    assert [p.name for p in tmp_path.iterdir()] == ["scenario.schema.json"]  # no temp file left
    assert str(target) in capsys.readouterr().err


def test_corridor_schema_into_a_missing_directory_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["schema", "-o", str(tmp_path / "no" / "such" / "dir.json")])
    err = capsys.readouterr().err
    assert status == EXIT_USER_ERROR
    assert "does not exist" in err and "hint: create it first" in err


def test_corridor_schema_onto_a_directory_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "-o", str(tmp_path)]) == EXIT_USER_ERROR
    assert "is a directory" in capsys.readouterr().err
