"""Hypothesis strategies for hostile input: YAML-ish documents, raw YAML text with anchors and
tags, and structured mutations of real files (idlib.yaml, real saves).

The scenario helper's own fuzz test (tests/scenario/test_scenario_fuzz.py) covers uniformly
random bytes and character-level edits of idlib.yaml's text; these strategies aim at what that
does not reach: well-formed YAML of the wrong shape, YAML features (anchors, aliases, merges,
tags, directives), and edits of the parsed tree (delete, duplicate or retype a key, swap ids,
extreme numbers, unicode, control characters, very long strings).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
from typing import Any

import yaml
from hypothesis import strategies as st

from tests.reliability.support import IDLIB

_Dumper = getattr(yaml, "CSafeDumper", None) or yaml.SafeDumper
_Loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


@functools.cache
def idlib_text() -> str:
    return IDLIB.read_text(encoding="utf-8")


@functools.cache
def idlib_tree() -> dict[str, Any]:
    return yaml.load(idlib_text(), Loader=_Loader)


def _keys_and_ids(tree: Any, keys: set[str], ids: set[str]) -> None:
    if isinstance(tree, dict):
        for key, value in tree.items():
            keys.add(str(key))
            if key == "id" and isinstance(value, str):
                ids.add(value)
            _keys_and_ids(value, keys, ids)
    elif isinstance(tree, list):
        for item in tree:
            _keys_and_ids(item, keys, ids)


@functools.cache
def known_keys_and_ids() -> tuple[tuple[str, ...], tuple[str, ...]]:
    keys: set[str] = set()
    ids: set[str] = set()
    _keys_and_ids(idlib_tree(), keys, ids)
    return tuple(sorted(keys)), tuple(sorted(ids))


# --- scalars ---------------------------------------------------------------------------------

CONTROL = [chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 127, 0x85, 0x2028, 0xFEFF)]
UNICODE_SAMPLES = [
    "معرة النعمان",  # right-to-left
    "e\u0301\u0301\u0301",  # stacked combining marks
    "\U0001f600\u200d\U0001f4a5",  # emoji with a joiner
    "\u202etxt.exe",  # right-to-left override
    "ǅ\u00a0\u3000",  # titlecase digraph, no-break and ideographic spaces
    "𝔪𝔢𝔱𝔞",  # mathematical letters (NFKC folds them to "meta")
    "Ⅻ",
]
EXTREME_INTS = [0, -1, 1, 2**31, 2**63 - 1, 2**63, -(2**63), 2**64, 10**40, -(10**40), 10**400]
EXTREME_FLOATS = [0.0, -0.0, 1e-320, 5e-324, 1e308, -1e308, math.inf, -math.inf, math.nan, 0.1]

text_any = st.text(max_size=30)
text_nasty = st.one_of(
    st.sampled_from(UNICODE_SAMPLES),
    st.lists(st.sampled_from(CONTROL), min_size=1, max_size=3).map("".join),
    st.builds(lambda n, c: c * n, st.integers(1_000, 100_000), st.sampled_from("aé¶ ")),
)


def scalars(ids: tuple[str, ...] = ()) -> st.SearchStrategy[Any]:
    """Any plain YAML scalar, with a bias to extremes and to the scenario's own ids."""
    parts = [
        st.none(),
        st.booleans(),
        st.integers(),
        st.sampled_from(EXTREME_INTS),
        st.floats(),
        st.sampled_from(EXTREME_FLOATS),
        text_any,
        text_nasty,
        st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
        st.sampled_from(["article ¶3: x", "article ¶99: x", "assumption: y", "nobody: z"]),
    ]
    if ids:
        parts.append(st.sampled_from(ids))
    return st.one_of(parts)


def documents() -> st.SearchStrategy[Any]:
    """YAML-ish trees: nested lists and mappings of scalars, keys biased to the format's own."""
    keys, ids = known_keys_and_ids()
    key = st.one_of(st.sampled_from(keys), text_any)
    return st.recursive(
        scalars(ids),
        lambda children: st.one_of(
            st.lists(children, max_size=5),
            st.dictionaries(key, children, max_size=6),
        ),
        max_leaves=40,
    )


def scenario_shaped() -> st.SearchStrategy[dict[str, Any]]:
    """A top-level mapping with the scenario's section names, so the validator goes deep."""
    sections = list(idlib_tree())
    return st.dictionaries(
        st.sampled_from([*sections, "extra", "Meta"]), documents(), min_size=1, max_size=12
    )


def dump(tree: Any) -> bytes:
    """YAML text of `tree` (unicode kept, control characters escaped by the dumper)."""
    return yaml.dump(tree, Dumper=_Dumper, sort_keys=False, allow_unicode=True).encode("utf-8")


# --- raw YAML text -----------------------------------------------------------------------------

YAML_TOKENS = [
    "&a ", "&b ", "*a", "*b", "<<: *a", "<<: [*a, *b]", "? ", ": ", "- ", ", ",
    "[", "]", "{", "}", "'", '"', "|", "|-", ">", ">+", "#", "\\", "%",
    "!!python/object/apply:os.system ", "!!python/name:os.system ", "!!python/tuple ",
    "!!str ", "!!int ", "!!float ", "!!bool ", "!!null ", "!!binary ", "!!set ", "!!omap ",
    "!!timestamp ", "!!merge ", "!custom ", "! ", "!<tag:yaml.org,2002:str> ",
    "---\n", "...\n", "--- !!map\n", "%YAML 1.1\n", "%YAML 2.0\n", "%TAG !e! tag:e.com,2000:\n",
    "\t", "\n", "\r\n", "\r", "  ", "    ",
    "meta", "id", "locations", "roads", "population", "source",
    ".nan", ".NaN", ".inf", "-.Inf", "0x1F", "0o17", "0b101", "1_000", "190:20:30",
    "2020-01-24", "2020-02-30", "2020-01-24T10:00:00Z", "1e999", "1e-999", "9" * 400,
    "~", "null", "yes", "No", "on", "OFF", "=", "<<",
    "\u00a0", "\ufeff", "\x85", "\u2028", "é", "\U0001f600", "\x00", "\x07", "\x1b[31m",
]  # fmt: skip


def raw_yaml() -> st.SearchStrategy[bytes]:
    """Token soup: YAML's syntax, tags and directives in random order."""
    piece = st.one_of(st.sampled_from(YAML_TOKENS), st.text(max_size=6))
    return st.lists(piece, max_size=80).map(lambda ps: "".join(ps).encode("utf-8", "replace"))


@st.composite
def raw_yaml_lines(draw: Any) -> bytes:
    """Line-structured YAML (`indent key: value`, list items) with anchors, aliases, merges
    and tags sprinkled in, so most documents parse and the composer's limits are exercised."""
    keys, ids = known_keys_and_ids()
    anchors: list[str] = []
    lines = []
    for _ in range(draw(st.integers(1, 30))):
        indent = " " * draw(st.sampled_from([0, 0, 2, 4, 6, 3]))
        head = draw(st.sampled_from(["key", "key", "item", "merge"]))
        value = draw(
            st.one_of(
                st.sampled_from(YAML_TOKENS),
                st.sampled_from(ids),
                st.integers().map(str),
                st.floats().map(repr),
                st.just(""),
            )
        )
        if anchors and draw(st.booleans()):
            value = "*" + draw(st.sampled_from(anchors))
        elif draw(st.integers(0, 4)) == 0:
            name = f"x{len(anchors)}"
            anchors.append(name)
            value = f"&{name} {value}"
        if draw(st.integers(0, 5)) == 0:
            value = draw(st.sampled_from(["!!str ", "!!int ", "!!python/object:os.system ",
                                          "!!float ", "!foo "])) + value  # fmt: skip
        if head == "key":
            lines.append(f"{indent}{draw(st.sampled_from(keys))}: {value}")
        elif head == "item":
            lines.append(f"{indent}- {value}")
        elif anchors:
            lines.append(f"{indent}<<: *{draw(st.sampled_from(anchors))}")
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return ending.join(lines).encode("utf-8", "replace")


# --- structured mutations of a tree ------------------------------------------------------------

OPERATIONS = ("delete", "duplicate", "retype", "swap_ids", "extreme", "unicode", "control", "long")


def _children(node: Any) -> list[Any]:
    if isinstance(node, dict):
        return list(node)
    if isinstance(node, list):
        return list(range(len(node)))
    return []


@st.composite
def tree_paths(draw: Any, tree: Any) -> tuple[Any, ...]:
    """A random path from the root to some node (containers are descended into often)."""
    path: list[Any] = []
    node = tree
    while True:
        children = _children(node)
        if not children or (path and draw(st.integers(0, 3)) == 0):
            return tuple(path)
        child = draw(st.sampled_from(children))
        path.append(child)
        node = node[child]


def _copy_along(tree: Any, path: tuple[Any, ...]) -> tuple[Any, Any]:
    """A copy of `tree` in which the containers along `path` (but nothing else) are new, and the
    parent container of the path's last step in that copy."""
    root = _shallow(tree)
    parent = root
    for step in path[:-1]:
        parent[step] = _shallow(parent[step])
        parent = parent[step]
    return root, parent


def _shallow(node: Any) -> Any:
    if isinstance(node, dict):
        return dict(node)
    if isinstance(node, list):
        return list(node)
    return node


def _get(tree: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        tree = tree[step]
    return tree


def _all_id_paths(tree: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = []
    if isinstance(tree, dict):
        for key, value in tree.items():
            if key == "id" and isinstance(value, str):
                found.append((*prefix, key))
            found.extend(_all_id_paths(value, (*prefix, key)))
    elif isinstance(tree, list):
        for index, item in enumerate(tree):
            found.extend(_all_id_paths(item, (*prefix, index)))
    return found


@st.composite
def mutate_tree(draw: Any, tree: Any) -> tuple[Any, list[str]]:
    """One structured edit of `tree` (copy-on-write): returns the new tree and a description."""
    _, ids = known_keys_and_ids()
    op = draw(st.sampled_from(OPERATIONS))
    spots = _all_id_paths(tree) if op == "swap_ids" else []
    if op == "swap_ids" and not spots:
        op = "retype"
    if op == "swap_ids":
        a, b = draw(st.sampled_from(spots)), draw(st.sampled_from(spots))
        va, vb = _get(tree, a), _get(tree, b)
        tree, parent = _copy_along(tree, a)
        parent[a[-1]] = vb
        tree, parent = _copy_along(tree, b)
        parent[b[-1]] = va
        return tree, [f"swap ids {va!r} and {vb!r}"]
    path = draw(tree_paths(tree))
    if not path:
        return tree, ["no-op"]
    new, parent = _copy_along(tree, path)
    last = path[-1]
    shown = "/".join(map(str, path))
    if op == "delete":
        del parent[last]
    elif op == "duplicate":
        if isinstance(parent, list):
            parent.insert(last, parent[last])  # a repeated item: duplicate ids
        else:
            # a mapping cannot hold a key twice; the text edit is done on the dump
            return new, [f"duplicate key {shown}"]
    elif op == "retype":
        parent[last] = draw(documents())
    elif op == "extreme":
        parent[last] = draw(st.sampled_from(EXTREME_INTS + EXTREME_FLOATS))
    elif op == "unicode":
        parent[last] = draw(st.sampled_from(UNICODE_SAMPLES + list(ids)))
    elif op == "control":
        value = parent[last]
        text = value if isinstance(value, str) else str(value)
        at = draw(st.integers(0, len(text)))
        parent[last] = text[:at] + draw(st.sampled_from(CONTROL)) + text[at:]
    else:  # long
        parent[last] = draw(st.sampled_from(["a", "¶", " ", "ab "])) * draw(
            st.integers(1_000, 200_000)
        )
    return new, [f"{op} {shown}"]


class SectionDumper:
    """Dumps a scenario tree section by section, re-dumping only the sections a mutation
    touched (dumping all of idlib.yaml for every case would dominate the fuzzing time)."""

    def __init__(self, tree: dict[str, Any]) -> None:
        self.tree = tree
        self.cache = {key: dump({key: value}) for key, value in tree.items()}

    def dump(self, tree: Any, duplicate: str | None = None) -> bytes:
        if not isinstance(tree, dict):
            return dump(tree)
        parts = []
        for key, value in tree.items():
            if key in self.tree and self.tree[key] is value:
                part = self.cache[key]
            else:
                part = dump({key: value})
            parts.append(part)
            if key == duplicate:
                parts.append(part)  # the whole section twice: a duplicate top-level key
        return b"".join(parts)


def duplicate_key_in_text(data: bytes, key: str) -> bytes:
    """Repeat the first line that sets `key` (a duplicate key at the same indentation)."""
    lines = data.split(b"\n")
    pattern = re.compile(rb"^\s*(- )?" + re.escape(key.encode("utf-8", "replace")) + rb":")
    for index, line in enumerate(lines):
        if pattern.match(line):
            copy = re.sub(rb"^(\s*)- ", rb"\1  ", line)
            lines.insert(index + 1, copy)
            break
    return b"\n".join(lines)


# --- saves -----------------------------------------------------------------------------------


def json_values() -> st.SearchStrategy[Any]:
    """JSON-able values with extremes (JSON has no NaN: those go in as raw text below)."""
    leaf = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.sampled_from([v for v in EXTREME_INTS if abs(v) < 10**500]),
        st.floats(allow_nan=False, allow_infinity=False),
        text_any,
        text_nasty,
        st.sampled_from(["appeal", "convoy", "turn", "end", "scenario", "corridor-save"]),
    )
    return st.recursive(
        leaf,
        lambda children: st.one_of(
            st.lists(children, max_size=4), st.dictionaries(text_any, children, max_size=4)
        ),
        max_leaves=20,
    )


SAVE_RAW_TOKENS = [
    "NaN", "Infinity", "-Infinity", "1e999", "9" * 5000, "\x00", "\t", "\r", "\r\n", "\ufeff",
    '"', "\\", "\\u0000", "\\ud800", "{", "}", "[", "]", ",", ":", "null", "true", "\n",
]  # fmt: skip


def recompute_checksums(records: list[dict[str, Any]]) -> bytes:
    """Re-encode records as a save whose end record's count and checksum (and the header's
    scenario hash) agree with the content again, so edits reach the checks behind them."""
    import hashlib

    from game.saves.format import encode_record, text_sha256

    records = [dict(r) for r in records]
    if (
        len(records) > 1
        and isinstance(records[1], dict)
        and isinstance(records[1].get("text"), str)
    ):
        header = records[0]
        if isinstance(header.get("scenario"), dict):
            text = records[1]["text"]
            try:
                digest = text_sha256(text)
            except UnicodeEncodeError:  # lone surrogates: hash what a lenient writer would
                digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
            header["scenario"] = dict(header["scenario"], sha256=digest)
    body = records[:-1] if records and records[-1].get("kind") == "end" else records
    chunks = []
    for record in body:
        try:
            chunks.append(encode_record(record))
        except (ValueError, TypeError):
            chunks.append((json.dumps(record, default=str) + "\n").encode())  # \u escapes
    digest = hashlib.sha256(b"".join(chunks)).hexdigest()
    turns = sum(1 for r in body if r.get("kind") == "turn")
    chunks.append(encode_record({"kind": "end", "turns": turns, "sha256": digest}))
    return b"".join(chunks)
