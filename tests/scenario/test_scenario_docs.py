"""docs/scenario-format.md stays true: its complete example is the minimal fixture (which
loads), it names every key of the format, and its sample error is what the validator says."""

from __future__ import annotations

import re

from game.scenario import load_scenario_text
from game.scenario.spec import RECORDS

from .helpers import REPO, diagnostics, minimal_text, replace_once

DOC = (REPO / "docs" / "scenario-format.md").read_text(encoding="utf-8")


def test_the_complete_example_is_the_minimal_fixture_and_loads() -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", DOC, re.S)
    example = blocks[-1]
    assert example == minimal_text()
    assert load_scenario_text(example, "example").meta.id == "minimal_example"


def test_every_key_of_the_format_is_documented() -> None:
    missing = [
        f"{record.name}.{field.name}"
        for record in RECORDS
        for field in record.fields
        if f"`{field.name}`" not in DOC
    ]
    assert missing == []


def test_the_sample_error_is_the_validators() -> None:
    text = replace_once(minimal_text(), "displaced: 1000", "displaced: 16000")
    (diagnostic,) = diagnostics(text)
    assert f"error: {diagnostic.message} [locations[2].displaced]" in DOC
    assert f"  hint: {diagnostic.hint}" in DOC


def test_the_schema_line_is_shown() -> None:
    assert "# yaml-language-server: $schema=../docs/scenario.schema.json" in DOC


def _shown(value: float) -> str:
    number = int(value) if float(value).is_integer() else value
    return f"{number:,}" if isinstance(number, int) and number >= 100_000 else str(number)


def test_every_upper_bound_is_documented_with_its_key() -> None:
    """Each bounded number of the format appears on a line of the page that names its key, so
    the page cannot fall behind a cap added to or changed in the spec."""
    lines = DOC.splitlines()
    missing = []
    for record in RECORDS:
        for field in record.fields:
            maximum = getattr(field.type, "maximum", None)
            if maximum is None:
                continue
            key = f"`{field.name}`"
            if not any(key in line and _shown(maximum) in line for line in lines):
                missing.append(f"{record.name}.{field.name} ≤ {_shown(maximum)}")
    assert missing == []
