"""Hostile and broken files are refused with one clear diagnostic, in bounded memory, with
both the C parser and PyYAML's pure-Python fallback: size, encoding, emptiness, alias bombs,
deep nesting, Python tags, control characters, several documents."""

from __future__ import annotations

import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from game.errors import ScenarioError
from game.scenario import load_scenario, load_scenario_bytes, loader

from .helpers import minimal_text


@pytest.fixture(params=["c", "python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run the test with the C parser (when present) and with the pure-Python one."""
    if request.param == "c":
        if not yaml.__with_libyaml__:
            pytest.skip("PyYAML built without libyaml")
        monkeypatch.setattr(loader, "_Loader", yaml.CSafeLoader)
    else:
        monkeypatch.setattr(loader, "_Loader", yaml.SafeLoader)
    yield request.param


def refuse(data: bytes) -> tuple[str, int | None, int | None, str]:
    """Load bytes that must be refused with exactly one diagnostic: (message, line, col, hint)."""
    with pytest.raises(ScenarioError) as caught:
        load_scenario_bytes(data, "hostile.yaml")
    (diagnostic,) = caught.value.diagnostics
    assert diagnostic.file == "hostile.yaml"
    assert diagnostic.hint
    return diagnostic.message, diagnostic.line, diagnostic.column, diagnostic.hint


def peak_memory(data: bytes) -> int:
    """Peak bytes allocated while refusing `data`."""
    tracemalloc.start()
    try:
        with pytest.raises(ScenarioError):
            load_scenario_bytes(data, "hostile.yaml")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def billion_laughs(levels: int = 9) -> bytes:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels + 1):
        refs = ", ".join([f"*a{i - 1}"] * 10)
        lines.append(f"a{i}: &a{i} [{refs}]")
    return ("\n".join(lines) + "\n").encode()


def test_billion_laughs_is_refused_in_bounded_memory(parser: str) -> None:
    message, line, _, hint = refuse(billion_laughs())
    assert "aliases expand to more than 100,000 values" in message
    assert line is not None and line <= 7  # stopped early, long before the last level
    assert "sparingly" in hint
    assert peak_memory(billion_laughs()) < 5_000_000


def test_one_big_anchor_referenced_many_times_is_refused(parser: str) -> None:
    items = ", ".join(["1"] * 20_000)
    refs = "\n".join(f"r{i}: *big" for i in range(10))
    message, _, _, _ = refuse(f"big: &big [{items}]\n{refs}\n".encode())
    assert "aliases expand" in message


def test_small_aliases_and_merge_keys_are_fine(parser: str) -> None:
    text = minimal_text().replace(
        "    convoy: {funds: 10, trucks: 5}\n    shelter: {funds: 50, days: 2}",
        "    convoy: &convoy {funds: 10, trucks: 5}\n"
        "    shelter: {<<: *convoy, trucks: 0, days: 2}",
    )
    scenario = load_scenario_bytes(text.encode(), "aliases.yaml")
    shelter = scenario.player.costs["shelter"]
    assert (shelter.funds, shelter.trucks, shelter.days) == (10, 0, 2)


def test_recursive_alias_is_refused(parser: str) -> None:
    message, line, column, _ = refuse(b"meta: &m\n  self: *m\n")
    assert "refers to a node that contains it" in message
    assert (line, column) == (2, 9)


def test_undefined_alias_is_refused(parser: str) -> None:
    message, line, column, hint = refuse(b"meta:\n  a: *nowhere\n")
    assert "names no anchor" in message or "undefined alias" in message
    assert (line, column) == (2, 6)
    assert "&nowhere" in hint or "anchor" in hint


@pytest.mark.parametrize(
    "shape",
    [
        "[" * 10_000 + "]" * 10_000,
        "- " * 10_000 + "x",
        "".join(f"{' ' * i}k:\n" for i in range(1_500)),
        "{a: " * 10_000 + "1" + "}" * 10_000,
    ],
    ids=["flow lists", "block lists", "block mappings", "flow mappings"],
)
def test_deep_nesting_is_refused_without_recursion(parser: str, shape: str) -> None:
    message, line, column, hint = refuse(f"{shape}\n".encode())
    assert "nests deeper than" in message
    assert line is not None and column is not None
    assert "indentation" in hint or "flatten" in hint or "quoting" in hint
    assert "RecursionError" not in message


def test_nesting_within_the_limit_is_read(parser: str) -> None:
    # 60 levels is unusual but legal: the file is refused for its content, not its depth.
    with pytest.raises(ScenarioError) as caught:
        load_scenario_bytes(("meta:\n  deep: " + "[" * 60 + "]" * 60 + "\n").encode(), "d.yaml")
    messages = [d.message for d in caught.value.diagnostics]
    assert "unknown key `deep` in meta" in messages
    assert not any("nests deeper" in m for m in messages)


def test_file_over_the_size_cap_is_refused_before_decoding(tmp_path: Path) -> None:
    big = b"meta:\n  title: " + b"x" * (6 * 1024 * 1024) + b"\n"
    message, *_ = refuse(big)
    assert "too large" in message and "5,242,880" in message
    path = tmp_path / "big.yaml"
    path.write_bytes(big)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert "too large" in caught.value.diagnostics[0].message
    assert peak_memory(big) < 1_000_000  # only a length check on the bytes already in memory


def test_python_tags_are_refused_and_never_run(parser: str, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    payload = (
        "meta: !!python/object/apply:builtins.exec\n"
        f"  - \"open({str(marker)!r}, 'w').write('x')\"\n"
    )
    with pytest.raises(ScenarioError) as caught:
        load_scenario_bytes(payload.encode(), "hostile.yaml")
    (tag,) = [d for d in caught.value.diagnostics if "asks for a Python object" in d.message]
    assert (tag.line, tag.column) == (1, 7)
    assert not marker.exists()


@pytest.mark.parametrize("tag", ["!!binary", "!!set", "!custom", "!!omap"])
def test_other_tags_are_refused(parser: str, tag: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_bytes(f"meta: {tag} x\n".encode(), "t.yaml")
    assert any("is not allowed in a scenario file" in d.message for d in caught.value.diagnostics)


def test_non_utf8_bytes_say_where(parser: str) -> None:
    message, line, column, hint = refuse(b"meta:\n  title: Caf\xe9 du port\n")
    assert message == "the file is not valid UTF-8: byte 0xE9 cannot be decoded"
    assert (line, column) == (2, 13)
    assert "UTF-8" in hint


def test_non_utf8_position_after_multibyte_and_crlf() -> None:
    _, line, column, _ = refuse(
        "a: é\r\nb: ü \xff".encode("utf-8", "surrogateescape")[:-2] + b"\xff"
    )
    assert (line, column) == (2, 6)


def test_utf16_is_named() -> None:
    message, *_ = refuse("meta: {}\n".encode("utf-16"))
    assert "UTF-16" in message


def test_bom_is_accepted_and_hashed() -> None:
    data = b"\xef\xbb\xbf" + minimal_text().encode()
    scenario = load_scenario_bytes(data, "bom.yaml")
    assert scenario.meta.id == "minimal_example"
    import hashlib

    assert scenario.text_hash == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "the file is empty"),
        (b"# nothing but a comment\n\n", "the file is empty"),
        (b"---\n", "the document is empty"),
        (b"~\n", "the document is empty"),
        (b"- meta\n- sources\n", "the top level of a scenario must be a mapping of sections"),
        (b"just some words\n", "the top level of a scenario must be a mapping of sections"),
    ],
    ids=["empty", "comment only", "empty document", "null", "list", "text"],
)
def test_empty_and_non_mapping_files(parser: str, data: bytes, expected: str) -> None:
    message, *_ = refuse(data)
    assert message == expected


def test_several_documents_are_refused(parser: str) -> None:
    message, line, column, hint = refuse(b"meta: {}\n---\nmeta: {}\n")
    assert "more than one YAML document" in message
    assert (line, column) == (2, 1)
    assert "`---`" in hint


def test_control_characters_are_refused_with_position(parser: str) -> None:
    message, line, column, _ = refuse(b"meta:\n  title: a\x07b\n")
    assert "U+0007" in message
    assert (line, column) == (2, 11)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path / "nope.yaml")
    assert caught.value.diagnostics[0].message == "no such file"
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path)
    assert "directory" in caught.value.diagnostics[0].message


def test_text_with_lone_surrogates_is_refused() -> None:
    from game.scenario import load_scenario_text

    with pytest.raises(ScenarioError) as caught:
        load_scenario_text("meta:\n  title: \udc80\n", "s.yaml")
    assert "UTF-8" in caught.value.diagnostics[0].message


@pytest.mark.parametrize(
    ("char", "name"),
    [("\x85", "NEXT LINE"), ("\u2028", "LINE SEPARATOR"), ("\u2029", "PARAGRAPH SEPARATOR")],
)
def test_unusual_line_breaks_are_refused(parser: str, char: str, name: str) -> None:
    # YAML counts these as line breaks and editors do not: every later line number would differ.
    message, line, column, hint = refuse(f"meta:\n  title: a{char}b\n".encode())
    assert f"({name})" in message
    assert (line, column) == (2, 11)
    assert "plain line break" in hint


@pytest.mark.parametrize(
    ("data", "where"),
    [(b"[", (1, 2)), (b'"abc', (1, 5)), (b"meta:\n  a: [1,", (2, 9)), (b"a: 'x\n", (2, 1))],
)
def test_errors_at_the_end_point_inside_the_file(
    parser: str, data: bytes, where: tuple[int, int]
) -> None:
    _, line, column, _ = refuse(data)
    assert (line, column) == where


@pytest.mark.parametrize("tag", ["!!int", "!!float", "!!bool", "!!timestamp", "!!null"])
def test_explicit_tags_on_empty_values(parser: str, tag: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario_bytes(f"meta: {tag}\n".encode(), "t.yaml")
    assert all(d.hint for d in caught.value.diagnostics)


# --- wide files: caps on values and on the items of one list or mapping ----------------------


@pytest.fixture
def small_caps(monkeypatch: pytest.MonkeyPatch) -> int:
    """An item cap of 2,000 (the mechanism is the same at any size; this keeps tests fast)."""
    monkeypatch.setattr(loader, "MAX_ITEMS", 2000)
    return 2000


@pytest.mark.parametrize("style", ["flow", "block"])
def test_a_list_over_the_item_cap_is_refused_at_the_item(
    parser: str, style: str, small_caps: int
) -> None:
    cap = small_caps
    if style == "flow":
        data = b"meta: [" + b"0, " * cap + b"1]\n"
        where = (1, 8 + 3 * cap)
    else:
        data = b"meta:\n" + b"  - 0\n" * cap + b"  - 1\n"
        where = (cap + 2, 5)
    message, line, column, hint = refuse(data)
    assert f"this list holds more than {cap:,} items" in message
    assert (line, column) == where
    assert "scenario file" in hint


def test_a_mapping_over_the_item_cap_is_refused(parser: str, small_caps: int) -> None:
    data = b"meta: {" + b"".join(b"k%d: 0, " % i for i in range(small_caps + 1)) + b"}\n"
    message, line, _, _ = refuse(data)
    assert f"this mapping holds more than {small_caps:,} keys" in message and line == 1


def test_lists_at_the_item_cap_compose(parser: str, small_caps: int) -> None:
    """The cap itself is allowed: the file composes (and fails validation, not the cap)."""
    text = "meta: [" + "0, " * (small_caps - 1) + "0]\n"
    root, _ = loader.compose(text, "wide.yaml")
    assert len(root.entries["meta"][1].items) == small_caps


def test_a_list_over_the_real_item_cap_is_refused_in_bounded_memory() -> None:
    cap = loader.MAX_ITEMS
    data = b"meta: [" + b"0, " * cap + b"1]\n"
    message, line, column, _ = refuse(data)
    assert f"this list holds more than {cap:,} items" in message
    assert (line, column) == (1, 8 + 3 * cap)
    assert peak_memory(data) < 16 * 2**20


def test_a_file_over_the_value_cap_is_refused_at_the_value(
    parser: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many lists, each within the item cap, still meet the cap on values in the whole file."""
    monkeypatch.setattr(loader, "MAX_NODES", 1000)
    row = "[" + ", ".join(["0"] * 99) + "]"
    data = ("meta:\n" + "".join(f"  - {row}\n" for _ in range(20))).encode()
    message, line, column, _ = refuse(data)
    assert "the file holds more than 1,000 values" in message
    # value 1,001: after the root mapping, `meta` and its list (3), nine rows of 100 (903),
    # the tenth row's list (904) and its items 0..95 (1,000), item 96 of row 10 (line 11)
    assert (line, column) == (11, 6 + 3 * 96)


def test_the_caps_grow_with_a_raised_size_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    """Benchmarks load 20,000-place files by raising MAX_BYTES; the width caps follow it."""
    assert loader.width_caps() == (loader.MAX_NODES, loader.MAX_ITEMS)
    monkeypatch.setattr(loader, "MAX_BYTES", loader.DEFAULT_MAX_BYTES * 3)
    assert loader.width_caps() == (loader.MAX_NODES * 3, loader.MAX_ITEMS * 3)
    monkeypatch.setattr(loader, "MAX_BYTES", loader.DEFAULT_MAX_BYTES // 2)
    assert loader.width_caps() == (loader.MAX_NODES, loader.MAX_ITEMS)


def test_a_generated_country_is_well_within_the_caps() -> None:
    """The largest scenario we make, 6,000 places, uses under half the value cap and a sixth of
    the item cap (measured: 316,000 values, 9,861 roads)."""
    from game.commands.generate import base_sections
    from game.scenario.nodes import Map, Seq
    from game.tools.synthetic import generate_yaml

    root, _ = loader.compose(generate_yaml(6000, 1, base_sections()), "s6000.yaml")
    nodes, widest, stack = 0, 0, [root]
    while stack:
        node = stack.pop()
        nodes += 1
        if isinstance(node, Seq):
            widest = max(widest, len(node.items))
            stack.extend(node.items)
        elif isinstance(node, Map):
            widest = max(widest, len(node.entries))
            for key, value in node.entries.values():
                stack.extend((key, value))
    assert nodes < loader.MAX_NODES / 2
    assert widest < loader.MAX_ITEMS / 6
