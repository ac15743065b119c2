"""The reference section of docs/scenario-format.md is generated from the format's tables and
kept up to date; every key, value and parameter the validator knows is in it."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.scenario.fields import Choice
from game.scenario.parameters import PARAMETERS
from game.scenario.reference import (
    BEGIN,
    END,
    StaleReference,
    reference_text,
    replace_section,
    section_of,
)
from game.scenario.spec import RECORDS

from .helpers import REPO

PAGE = REPO / "docs" / "scenario-format.md"


def test_the_committed_reference_is_up_to_date() -> None:
    assert section_of(PAGE.read_text(encoding="utf-8")) == reference_text(), (
        "docs/scenario-format.md's reference is stale: run `corridor schema --docs`"
    )


def test_every_key_value_and_parameter_is_in_the_reference() -> None:
    text = reference_text()
    for record in RECORDS:
        assert f"### {record.name}\n" in text
        for field in record.fields:
            assert f"| `{field.name}` |" in text, f"{record.name}.{field.name}"
            if isinstance(field.type, Choice):
                for word, _ in field.type.meanings:
                    assert f"| `{word}` |" in text
    for name, spec in PARAMETERS.items():
        line = next(line for line in text.splitlines() if line.startswith(f"| `{name}` |"))
        assert spec.unit in line and spec.description[:30] in line


def test_defaults_in_the_reference_are_the_tables() -> None:
    text = reference_text()
    hub = next(line for line in text.splitlines() if line.startswith("| `hub` |"))
    assert "| no | `false` |" in hub
    leave = next(line for line in text.splitlines() if line.startswith("| `leave_rate_max` |"))
    assert f"| `{PARAMETERS['leave_rate_max'].default:g}` |" in leave


def test_replacing_keeps_the_rest_of_the_page() -> None:
    page = f"intro\n\n{BEGIN}\nold\n{END}\n\nafter\n"
    updated = replace_section(page)
    assert updated.startswith("intro\n\n" + BEGIN) and updated.endswith(END + "\n\nafter\n")
    assert replace_section(updated) == updated
    with pytest.raises(StaleReference):
        replace_section("no markers here")


def test_corridor_schema_docs_rewrites_the_section(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "format.md"
    page.write_text(f"# Format\n\n{BEGIN}\nstale\n{END}\n", encoding="utf-8")
    assert main(["schema", "--docs", str(page)]) == 0
    assert section_of(page.read_text(encoding="utf-8")) == reference_text()
    assert main(["schema", "--docs", str(page)]) == 0
    assert "up to date" in capsys.readouterr().err


def test_corridor_schema_docs_without_markers_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "format.md"
    page.write_text("# nothing\n", encoding="utf-8")
    assert main(["schema", "--docs", str(page)]) == 2
    assert "lacks the reference markers" in capsys.readouterr().err


def _section(title: str) -> str:
    page = PAGE.read_text(encoding="utf-8")
    start = page.index(f"## {title}\n")
    return page[start : page.index("\n## ", start + 1)]


@pytest.mark.parametrize("title", ["The threat rule", "Turns", "Reported or projected"])
def test_the_rules_name_only_real_parameters_and_keys(title: str) -> None:
    """The hand-written rules name parameters and keys; each name must exist."""
    import re

    keys = {field.name for record in RECORDS for field in record.fields}
    words = {"role: attacker", "basis: reported", "basis: projected", "meta.turn_days"}
    named = set(re.findall(r"`([a-z_.: ]+)`", _section(title))) - words
    unknown = {w for w in named if "_" in w and w not in PARAMETERS and w not in keys}
    assert unknown == set()
