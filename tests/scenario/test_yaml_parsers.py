"""A scenario file is valid or invalid, with the same messages, whichever YAML parser PyYAML
has (its C parser or its pure-Python one); YAML 1.1's surprises are refused with the fix."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.errors import ScenarioError
from game.scenario import load_scenario_text, loader

from .helpers import IDLIB, diagnostics, minimal_text, position, replace_once
from .test_scenario_errors import CASES

PARSERS = {"c": getattr(yaml, "CSafeLoader", None), "pure": yaml.SafeLoader}
needs_c = pytest.mark.skipif(PARSERS["c"] is None, reason="PyYAML without its C parser")


def outcome(text: str, parser: str) -> list[str]:
    """What loading `text` with one parser gives: ["ok"] or its diagnostics, formatted."""
    saved = loader._Loader
    loader._Loader = PARSERS[parser]  # type: ignore[assignment]
    try:
        load_scenario_text(text, "t.yaml")
    except ScenarioError as error:
        return [d.format() for d in error.diagnostics]
    finally:
        loader._Loader = saved
    return ["ok"]


@pytest.fixture(params=["c", "pure"])
def parser(request: pytest.FixtureRequest) -> Iterator[str]:
    if PARSERS[request.param] is None:
        pytest.skip("PyYAML without its C parser")
    saved = loader._Loader
    loader._Loader = PARSERS[request.param]  # type: ignore[assignment]
    yield request.param
    loader._Loader = saved


@needs_c
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_error_class_reads_the_same_with_both_parsers(case) -> None:
    text = minimal_text()
    for old, new in case.edits:
        text = replace_once(text, old, new)
    assert outcome(text, "c") == outcome(text, "pure")


@needs_c
@pytest.mark.parametrize(
    "text",
    [
        "a: {b:\t1}\n",
        "a:\t1\n",
        "a: 1\t# comment\n",
        "a: 1 # a\tcomment\n",
        "a: 'x\ty'\n",
        'a: "x\ty"\n',
        "a: x\ty\n",
        "a: [1,\t2]\n",
        "\ta: 1\n",
        "a:\n\t- 1\n",
        "a: |\n  x\ty\n",
        "a: |\t\n  x\n",
        "a: 'x'\t\n",
        "a\t: 1\n",
        "# a\tcomment\na: 1\n",
    ],
)
def test_tabs_read_the_same_with_both_parsers(text: str) -> None:
    assert outcome(text, "c") == outcome(text, "pure")


def test_a_tab_in_a_flow_mapping_is_refused_with_the_right_hint(parser: str) -> None:
    """Valid for the C parser alone before; the hint said "indent with spaces" although the
    tab was between a key and its value."""
    text = replace_once(minimal_text(), "{id: article, title", "{id:\tarticle, title")
    (found,) = diagnostics(text)
    assert (found.line, found.column) == position(text, "\tarticle")
    assert "tabs only inside quoted text and comments" in found.message
    assert found.hint == "replace the tab with spaces (indent and separate with spaces only)"


def test_tabs_in_quoted_text_and_comments_are_fine(parser: str) -> None:
    text = replace_once(
        minimal_text(), 'title: "Format example:', '# a\tcomment\n  title: "Format\texample:'
    )
    assert load_scenario_text(text, "t.yaml").meta.title.startswith("Format\texample")


_EDITS = st.sampled_from(list("\t :-#'\"{}[],\n0?&*!|>%@`y\\"))


@needs_c
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(st.lists(st.tuples(st.floats(0, 1), _EDITS, st.booleans()), min_size=1, max_size=3))
def test_mutated_files_read_the_same_with_both_parsers(
    edits: list[tuple[float, str, bool]],
) -> None:
    """Valid with one parser if and only if valid with the other (the messages agree too,
    except in rare broken files where the parsers stop at different points)."""
    text = minimal_text()
    for where, char, delete in edits:
        at = int(where * (len(text) - 1))
        text = text[:at] + text[at + 1 :] if delete else text[:at] + char + text[at:]
    assert (outcome(text, "c") == ["ok"]) == (outcome(text, "pure") == ["ok"])


@needs_c
@pytest.mark.skipif(not IDLIB.exists(), reason="no bundled scenario")
def test_the_bundled_scenario_reads_the_same_with_both_parsers() -> None:
    text = IDLIB.read_text(encoding="utf-8")
    assert outcome(text, "c") == outcome(text, "pure") == ["ok"]


# --- YAML 1.1 surprises ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "needle", "message", "hint"),
    [
        ("km: 9,", "km: 027,", "027", "`027` is an octal number", "write 23"),
        ("funds: 500", "funds: 0x1F4", "0x1F4", "`0x1F4` is a hexadecimal number", "write 500"),
        ("funds: 500", "funds: 0b111110100", "0b1", "is a binary number", "write 500"),
        ("population: 3000", "population: 3_000", "3_000", "with `_` between its", "write 3000"),
        ("population: 3000", "population: 50:00", "50:00", "a base-60 number", "write 3000"),
        ("lat: 35.62", "lat: 35.6_2", "35.6_2", "with `_` between its", "write 35.62"),
        (
            "hub: true",
            "hub: yes",
            "yes",
            "reads the unquoted `yes` as the boolean true",
            "write `true`",
        ),
        ("hub: true", "hub: On", "On", "the boolean true", "write `true`"),
        (
            'status: open, source: "article ¶7',
            'status: off, source: "article ¶7',
            "off,",
            "the boolean false",
            'quote the word ("off")',
        ),
    ],
)
def test_yaml_11_surprises_are_refused_with_the_fix(
    parser: str, old: str, new: str, needle: str, message: str, hint: str
) -> None:
    text = replace_once(minimal_text(), old, new)
    (found,) = diagnostics(text)
    assert message in found.message and hint in (found.hint or ""), found.format()
    assert (found.line, found.column) == position(text, needle)
    assert found.key is not None  # the walk adds where it is


@pytest.mark.parametrize(
    ("old", "new", "hint"),
    [
        (
            "km: 9,",
            "km: 09,",
            "`09` has a leading zero, which YAML 1.1 does not read as a number: write 9",
        ),
        ("population: 3000", "population: 3e3", "write 3000"),
        ("population: 3000", 'population: "3000"', "remove the quotes around the number"),
    ],
)
def test_text_where_a_number_belongs_says_why(old: str, new: str, hint: str) -> None:
    (found,) = diagnostics(replace_once(minimal_text(), old, new))
    assert hint in (found.hint or ""), found.format()


@pytest.mark.parametrize(
    ("old", "new", "hint"),
    [
        (
            "name: Kfar Roummah",
            "name: 2020-01-24",
            'YAML reads 2020-01-24 as a date: write it in quotes, "2020-01-24"',
        ),
        ("highway: M5", "highway: 5.10", 'YAML reads 5.10 as a number: write it in quotes, "5.10"'),
        (
            "name: Kfar Roummah",
            "name: 1200",
            'YAML reads 1200 as a number: write it in quotes, "1200"',
        ),
    ],
)
def test_a_value_yaml_reads_as_a_date_or_number_where_text_belongs(
    old: str, new: str, hint: str
) -> None:
    (found,) = diagnostics(replace_once(minimal_text(), old, new))
    assert found.hint == hint, found.format()


def test_plain_decimal_numbers_still_read(parser: str) -> None:
    text = replace_once(minimal_text(), "km: 9,", "km: 9.0,")
    text = replace_once(text, "lat: 35.62", "lat: +35.620")
    scenario = load_scenario_text(text, "t.yaml")
    assert scenario.road_by_id["maaret_west"].km == 9.0
    assert scenario.location_by_id["kfar_roummah"].lat == 35.62
