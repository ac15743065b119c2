"""Helpers for the scenario tests: the minimal fixture, mutations of it, and running
`corridor validate` in-process."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.errors import Diagnostic, ScenarioError
from game.scenario import load_scenario_text

FIXTURES = Path(__file__).parent / "fixtures"
MINIMAL = FIXTURES / "minimal.yaml"
REPO = Path(__file__).resolve().parents[2]
IDLIB = REPO / "scenarios" / "idlib.yaml"


def minimal_text() -> str:
    return MINIMAL.read_text(encoding="utf-8")


def replace_once(text: str, old: str, new: str) -> str:
    """`text` with the single occurrence of `old` replaced (fails loudly if not exactly one)."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def position(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """1-based line and column of the (single) occurrence of `needle`, plus `offset` chars."""
    assert text.count(needle) == 1, f"{needle!r} occurs {text.count(needle)} times"
    index = text.index(needle) + offset
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def diagnostics(text: str, name: str = "t.yaml") -> tuple[Diagnostic, ...]:
    """The diagnostics loading `text` raises (fails if it loads)."""
    with pytest.raises(ScenarioError) as caught:
        load_scenario_text(text, name)
    return caught.value.diagnostics


def validate_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> tuple[int, str, str]:
    """Write `text` and run `corridor validate` on it: (status, stdout, stderr)."""
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    status = main(["validate", str(path)])
    out, err = capsys.readouterr()
    return status, out, err
