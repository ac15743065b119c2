"""Provenance strings: the three forms, their errors and hints, and the JSON Schema pattern
agreeing with the parser."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.scenario.provenance import (
    SCHEMA_PATTERN,
    Provenance,
    ProvenanceError,
    parse_source,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "article ¶7: the road west stayed open",
            Provenance("article", "article", 7, "the road west stayed open"),
        ),
        ("article¶7: x", Provenance("article", "article", 7, "x")),
        ("article ¶ 12: x", Provenance("article", "article", 12, "x")),
        ("article para 3: x", Provenance("article", "article", 3, "x")),
        ("article para. 3: x", Provenance("article", "article", 3, "x")),
        (
            "ocha_hu_08: 350,000 displaced since 1 December",
            Provenance("record", "ocha_hu_08", None, "350,000 displaced since 1 December"),
        ),
        (
            "ocha_hu_08 ¶4: figures by district",
            Provenance("record", "ocha_hu_08", 4, "figures by district"),
        ),
        (
            "assumption: no census since 2011: estimate",
            Provenance("assumption", None, None, "no census since 2011: estimate"),
        ),
        ("  assumption :  spaced  ", Provenance("assumption", None, None, "spaced")),
        (
            "article ¶99: out of range is checked later",
            Provenance("article", "article", 99, "out of range is checked later"),
        ),
    ],
)
def test_valid_forms(text: str, expected: Provenance) -> None:
    assert parse_source(text) == expected


def test_citation() -> None:
    assert parse_source("article ¶7: x").citation == "article ¶7"
    assert parse_source("ocha_hu_08: x").citation == "ocha_hu_08"
    assert parse_source("ocha_hu_08 ¶2: x").citation == "ocha_hu_08 ¶2"
    assert parse_source("assumption: x").citation == "assumption"


@pytest.mark.parametrize(
    ("text", "message", "hint"),
    [
        ("assumption", "an assumption needs a reason", "`assumption: <reason>`"),
        ("assumption:   ", "an assumption needs a reason", "`assumption: <reason>`"),
        (
            "article: no paragraph",
            "a citation of the article needs its paragraph",
            "`article ¶N: paraphrase`",
        ),
        ("article ¶7:", "has nothing after the colon", "a short paraphrase in your own words"),
        ("article ¶7", "has no colon and no note", "`article ¶7: ...`"),
        ("ocha_hu_08", "has no colon and no note", "`ocha_hu_08: ...`"),
        ("article p.7: x", "malformed source", "`article ¶7`"),
        ("article p 7: x", "malformed source", "`article ¶7`"),
        ("article §7: x", "malformed source", "`article ¶7`"),
        ("OCHA: x", "malformed source", "lower case: `ocha`"),
        ("the article said so", "malformed source", "`assumption: reason`"),
        ("", "malformed source", "`assumption: reason`"),
        ("article ¶1234567: x", "malformed source", "`assumption: reason`"),
    ],
)
def test_invalid_forms_say_how_to_fix(text: str, message: str, hint: str) -> None:
    with pytest.raises(ProvenanceError) as caught:
        parse_source(text)
    assert message in caught.value.message
    assert hint in caught.value.hint
    assert isinstance(caught.value, ValueError)


def test_non_text_is_refused() -> None:
    with pytest.raises(ProvenanceError):
        parse_source(7)  # type: ignore[arg-type]


_SCHEMA = re.compile(SCHEMA_PATTERN)
_PIECES = [
    "article",
    "assumption",
    "ocha_hu_08",
    "OCHA",
    " ",
    "¶",
    "para ",
    "p.",
    ":",
    "7",
    "0",
    "15",
    "x",
    "note",
    "\n",
    "-",
    "§",
]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join))
def test_schema_pattern_agrees_with_the_parser(text: str) -> None:
    try:
        parse_source(text)
        parsed = True
    except ProvenanceError:
        parsed = False
    assert bool(_SCHEMA.search(text)) == parsed, text


def test_assumption_with_a_paragraph_is_refused() -> None:
    with pytest.raises(ProvenanceError) as caught:
        parse_source("assumption ¶3: x")
    assert "no paragraph" in caught.value.message
    assert not _SCHEMA.search("assumption ¶3: x")
