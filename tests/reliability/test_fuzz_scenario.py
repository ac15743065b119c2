"""Fuzzing the scenario loader beyond the scenario helper's harness
(tests/scenario/test_scenario_fuzz.py: uniformly random bytes, character edits of idlib.yaml).

Here: well-formed YAML documents of random shape, raw YAML with anchors, aliases, merges, tags
and directives, byte-level corruption of idlib.yaml (invalid UTF-8, stray line endings), and
structured edits of its parsed tree (delete, duplicate or retype a key, swap ids, extreme
numbers, unicode, control characters, very long strings). Every case ends in a clear
`ScenarioError` with file and line, or in a valid `Scenario` that the engine can play and the
conservation audit accepts. Quick profile in the normal run; `python -m pytest -m fuzz` for
the long one.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from game.engine import Rng, new_game, step
from game.errors import ScenarioError
from game.replay.audit import audit_start, audit_turn
from game.scenario import load_scenario_bytes
from game.scenario.model import Scenario
from tests.reliability import strategies as S
from tests.reliability.conftest import HARD_LIMIT_SECONDS, harness
from tests.reliability.support import assert_clear_scenario_error, record, time_limit

NAME = "fuzz.yaml"
PLAY_TURNS = 3


def check_scenario(data: bytes, harness_name: str) -> None:
    """Load `data`: a clear error, or a scenario the engine plays and the audit accepts."""
    with time_limit(HARD_LIMIT_SECONDS):
        try:
            scenario = load_scenario_bytes(data, NAME)
        except ScenarioError as error:
            assert_clear_scenario_error(error, NAME, data)
            record(harness_name, "refused")
            return
        assert isinstance(scenario, Scenario)
        outcome = play(scenario)
    record(harness_name, outcome)


def play(scenario: Scenario) -> str:
    """A validated scenario is the engine's contract: it must start, step and conserve people."""
    state = new_game(scenario, 1)
    assert audit_start(scenario, state) == []
    rng = Rng(1)
    for _ in range(PLAY_TURNS):
        if state.game_over:
            break
        after, events = step(scenario, state, (), rng)
        assert audit_turn(scenario, state, after, events) == []
        state = after
    return "valid"


# --- random YAML documents ------------------------------------------------------------------


def _document(tree: Any) -> None:
    check_scenario(S.dump(tree), "scenario/yaml-documents")


test_yaml_documents, test_yaml_documents_long = harness(S.documents(), quick=60)(_document)


def _shaped(tree: Any) -> None:
    check_scenario(S.dump(tree), "scenario/scenario-shaped")


test_scenario_shaped_documents, test_scenario_shaped_documents_long = harness(
    S.scenario_shaped(), quick=40
)(_shaped)


# --- raw YAML text ------------------------------------------------------------------------------


def _raw(data: bytes) -> None:
    check_scenario(data, "scenario/raw-yaml")


test_raw_yaml_tokens, test_raw_yaml_tokens_long = harness(S.raw_yaml(), quick=80)(_raw)


def _raw_lines(data: bytes) -> None:
    check_scenario(data, "scenario/raw-yaml-lines")


test_raw_yaml_lines, test_raw_yaml_lines_long = harness(S.raw_yaml_lines(), quick=80)(_raw_lines)


# --- byte-level corruption of idlib.yaml ------------------------------------------------------

BAD_BYTES = [
    b"\xff", b"\xfe\xff", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xc0\xaf",
    b"\x00", b"\r", b"\r\n", b"\n\r", b"\t", b"\xef\xbb\xbf", b"\x1b", b"\x7f", b"\xc2\x85",
]  # fmt: skip


@st.composite
def corrupted_idlib(draw: Any) -> bytes:
    data = bytearray(S.idlib_text().encode("utf-8"))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        how = draw(st.sampled_from(["insert", "overwrite", "flip", "cut"]))
        if how == "insert":
            data[at:at] = draw(st.sampled_from(BAD_BYTES) | st.binary(min_size=1, max_size=4))
        elif how == "overwrite":
            chunk = draw(st.sampled_from(BAD_BYTES))
            data[at : at + len(chunk)] = chunk
        elif how == "flip" and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
        else:
            del data[at : at + draw(st.integers(1, 64))]
    return bytes(data)


def _corrupted(data: bytes) -> None:
    check_scenario(data, "scenario/idlib-bytes")


test_idlib_byte_corruption, test_idlib_byte_corruption_long = harness(corrupted_idlib(), quick=30)(
    _corrupted
)


# --- structured edits of idlib.yaml's tree ----------------------------------------------------


@st.composite
def mutated_idlib(draw: Any) -> bytes:
    tree = S.idlib_tree()
    dumper = _dumper()
    duplicate_section = None
    duplicate_keys = []
    for _ in range(draw(st.integers(1, 3))):
        tree, notes = draw(S.mutate_tree(tree))
        for note in notes:
            if note.startswith("duplicate key "):
                path = note.removeprefix("duplicate key ").split("/")
                if len(path) == 1:
                    duplicate_section = path[0]
                else:
                    duplicate_keys.append(path[-1])
    data = dumper.dump(tree, duplicate=duplicate_section)
    for key in duplicate_keys:
        data = S.duplicate_key_in_text(data, key)
    return data


_DUMPER: list[S.SectionDumper] = []


def _dumper() -> S.SectionDumper:
    if not _DUMPER:
        _DUMPER.append(S.SectionDumper(S.idlib_tree()))
    return _DUMPER[0]


def _mutated(data: bytes) -> None:
    check_scenario(data, "scenario/idlib-tree-edits")


test_idlib_tree_edits, test_idlib_tree_edits_long = harness(mutated_idlib(), quick=40)(_mutated)


def test_unmutated_idlib_round_trips_through_the_dumper() -> None:
    """The mutation harness starts from a valid file: idlib.yaml dumped again still loads, so
    refusals in the harness come from the edits, not from the dumping."""
    data = _dumper().dump(S.idlib_tree())
    scenario = load_scenario_bytes(data, NAME)
    play(scenario)
