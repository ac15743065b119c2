"""The error messages an author reads: every problem with its key path, one mistake one error
(no cascade), suggestions that fit, and a missing colon shown on its own line."""

from __future__ import annotations

import pytest

from .helpers import diagnostics, minimal_text, position, replace_once


def _one(old: str, new: str):
    text = replace_once(minimal_text(), old, new)
    found = diagnostics(text)
    assert len(found) == 1, [d.format() for d in found]
    return text, found[0]


def test_an_invalid_date_names_its_key() -> None:
    text, found = _one("start_date: 2020-01-24", "start_date: 2020-02-30")
    assert "not a valid date" in found.message
    assert found.key == "meta.start_date"
    assert (found.line, found.column) == position(text, "2020-02-30")


def test_an_invalid_date_in_a_list_names_its_index() -> None:
    _, found = _one("date: 2020-01-27\n", "date: 2020-13-01\n")
    assert found.key == "timeline[1].date"


def test_an_id_collision_names_both_key_paths() -> None:
    text, found = _one("- {id: saraqeb_bab_al_hawa,", "- {id: saraqeb,")
    assert found.key == "roads[2].id"
    assert "locations[2].id" in found.message
    assert (found.line, found.column) == position(text, "{id: saraqeb,", 5)


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("  - id: saraqeb\n", "  - id: Saraqeb\n", "locations[2].id"),
        ("  - id: kfar_roummah\n", "  - id: kfar roummah\n", "locations[1].id"),
        ("  - {id: opposition,", "  - {id: Opposition,", "factions[1].id"),
        ("  - id: kfar_roummah_taken\n", "  - id: kfar-roummah-taken\n", "timeline[0].id"),
    ],
)
def test_one_bad_id_is_one_error(old: str, new: str, key: str) -> None:
    """References written with the id as the hint fixes it are not reported as well."""
    _, found = _one(old, new)
    assert found.key == key and "is not a valid id" in found.message


def test_a_record_without_its_id_is_one_error() -> None:
    _, found = _one("  - id: kfar_roummah\n    name: Kfar Roummah\n", "  - name: Kfar Roummah\n")
    assert found.message == "location lacks `id`"


def test_a_section_that_is_not_a_list_is_one_error() -> None:
    text = replace_once(
        minimal_text(),
        "roads:\n  - {id: m5_maaret_saraqeb,",
        "roads: 3\nxroads:\n  - {id: m5_maaret_saraqeb,",
    )
    found = diagnostics(text)
    assert [d.key for d in found] == ["roads", "xroads"]


def test_routes_is_taken_for_roads_in_one_error() -> None:
    text, found = _one("roads:\n", "routes:\n")
    assert found.message == "unknown key `routes` in scenario"
    assert found.hint == "did you mean `roads`?"
    assert (found.line, found.column) == position(text, "routes:")


def test_no_suggestion_of_a_key_that_is_already_there() -> None:
    text = replace_once(minimal_text(), "roads:\n", "sourcez: []\nroads:\n")
    (found,) = diagnostics(text)
    assert "`sources`" not in (found.hint or "")


def test_a_misspelt_required_key_is_one_error() -> None:
    _, found = _one("    appeal: {days: 3}\n", "    apeal: {days: 3}\n")
    assert "did you mean `appeal`?" in (found.hint or "")


@pytest.mark.parametrize(
    ("old", "new", "needle", "fix"),
    [
        (
            "  id: minimal_example\n",
            "  id minimal_example\n",
            "id minimal_example",
            "id: minimal_example",
        ),
        ("    kind: village\n", "    kind village\n", "kind village", "kind: village"),
        ("  turns: 5\n", "  turns 5\n", "turns 5", "turns: 5"),
        ("  trucks: 20\n", "  trucks 20\n", "trucks 20", "trucks: 20"),
        ("meta:\n", "meta\n", "meta\n", "meta:"),
        ("factions:\n", "factions\n", "factions\n", "factions:"),
        (
            "      - capture: {location: kfar_roummah,",
            "      - capture {location: kfar_roummah,",
            "capture {",
            "capture: {location: kfar_roummah, faction: government}",
        ),
    ],
)
def test_a_missing_colon_is_shown_on_its_line(old: str, new: str, needle: str, fix: str) -> None:
    text, found = _one(old, new)
    assert "has no colon after it" in found.message
    assert (found.line, found.column) == position(text, needle)
    assert found.hint == f"write `{fix}`"
