"""Read a scenario file's bytes into a tree of positioned nodes, safely.

Hostile input is refused before or while parsing, never by running out of memory or stack:
a size cap on the bytes, strict UTF-8 (a BOM is accepted), no control characters, one document
whose top level is a mapping, a nesting limit, a cap on alias expansion ("billion laughs"), and no
tags beyond YAML's plain types (no `!!python/...`). The tree is built from the parser's events
with an explicit stack, so depth never reaches Python's recursion limit. PyYAML's C parser is used
when present.

Fatal problems raise `ScenarioError`; problems that leave the tree usable (a duplicate key, an
invalid date, a refused tag) are returned as diagnostics so the validator can report them with
its own, all in one run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from game.errors import Diagnostic, ScenarioError
from game.scenario.nodes import INVALID, Map, Node, Scalar, Seq
from game.scenario.yaml11 import TAB_HINT, TAB_MESSAGE, ParserParity, surprise
from game.scenario.yaml_messages import (
    bad_scalar,
    fail,
    refused_tag,
    syntax_diagnostic,
    within,
)
from game.scenario.yaml_text import BOM, REFUSED_IN_TEXT, check_characters, decode

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
MAX_ALIAS_EXPANSION = 100_000
# Width caps, checked while composing so that a file of millions of tiny values is refused
# early, in bounded time and memory. At the default size cap: values (YAML nodes) in the whole
# file, about twice what a generated scenario of 5 MiB holds (one of 6,000 places, 3.5 MB, has
# 316,000); items of one list or mapping, one per 80 bytes, the shortest a road record can be.
# Both grow in proportion when MAX_BYTES is raised (benchmarks load 20,000-place files).
DEFAULT_MAX_BYTES = MAX_BYTES
MAX_NODES = 750_000
MAX_ITEMS = 65_536


def width_caps() -> tuple[int, int]:
    """(values in the file, items in one list or mapping) under the current size cap."""
    scale = max(1.0, MAX_BYTES / DEFAULT_MAX_BYTES)
    return int(MAX_NODES * scale), int(MAX_ITEMS * scale)


_Loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_YAML_TAG = "tag:yaml.org,2002:"
# Plain decimal numbers, which YAML 1.1 reads exactly as Python does (no `_`, octal `0`-prefix,
# base 60, `.inf`): read directly, without the constructor (`_Composer.node`).
_DECIMAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})")
_DECIMAL_FLOAT = re.compile(r"[-+]?[0-9]{1,20}\.[0-9]{0,20}(?:[eE][-+]?[0-9]{1,3})?")

_SCALAR_TAGS: dict[str, Callable[[yaml.ScalarNode], object] | None] = {
    "str": None,
    "null": _CONSTRUCTOR.construct_yaml_null,
    "bool": _CONSTRUCTOR.construct_yaml_bool,
    "int": _CONSTRUCTOR.construct_yaml_int,
    "float": _CONSTRUCTOR.construct_yaml_float,
    "timestamp": _CONSTRUCTOR.construct_yaml_timestamp,
}


def load_nodes(data: bytes, file: str) -> tuple[Map, list[Diagnostic]]:
    """Decode and compose a scenario file: the root mapping plus any non-fatal diagnostics."""
    if len(data) > MAX_BYTES:
        fail(
            file,
            f"the file is too large ({len(data):,} bytes; the limit is {MAX_BYTES:,})",
            "a scenario is a few hundred kilobytes; check that this is the right file",
        )
    return compose(decode(data, file), file)


def compose(text: str, file: str) -> tuple[Map, list[Diagnostic]]:
    """Compose YAML text into nodes (see the module docstring for what is refused)."""
    if text.startswith(BOM):
        text = text[1:]
    if "\r" in text:  # one line-break style, so that every line number agrees with editors
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_characters(text, file)
    try:
        loader = _Loader(text)
    except yaml.YAMLError as error:  # the pure-Python reader checks characters up front
        fail(file, f"YAML error: {error}", "check the file's encoding and characters")
    composer = _Composer(loader, file, text)
    try:
        return composer.document()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if mark is not None and "\t" in text:  # a tab where the parsers disagree, or at fault
            composer.parity.check_tabs(mark.index)
            if text[mark.index : mark.index + 1] == "\t" or "tab" in (error.problem or ""):
                line, column = within(text, mark.line + 1, mark.column + 1)
                fail(file, TAB_MESSAGE, TAB_HINT, line, column)
        raise ScenarioError([syntax_diagnostic(error, file, text, MAX_DEPTH)]) from None
    except yaml.YAMLError as error:  # reader errors and others without a mark
        fail(file, f"YAML error: {error}", "check the file's encoding and characters")
    except RecursionError:  # pure-Python parser fallback only; the C parser caps depth itself
        fail(file, f"the file nests deeper than {MAX_DEPTH} levels", "flatten the structure")
    finally:
        loader.dispose()
    raise AssertionError("unreachable")


class _Composer:
    """Builds nodes from parser events with an explicit stack, enforcing the limits."""

    def __init__(self, loader: Any, file: str, text: str) -> None:
        self.loader = loader  # PyYAML's C or pure-Python loader (its methods are untyped)
        self.file = file
        self.text = text
        self.last_line = text.count("\n") + 1
        self.diagnostics: list[Diagnostic] = []
        self.anchors: dict[str, Node] = {}
        self.open_anchors: set[str] = set()
        self.expanded = 0
        self.plain: dict[str, str] = {}  # resolved type of plain scalars, by text
        # where tabs may be (quoted and block text), kept only if the file has a tab at all
        self.parity = ParserParity(text, file)
        self.stack: list[list[Any]] = []  # open collections: [node, key, anchor, merges, flow?]

    def document(self) -> tuple[Map, list[Diagnostic]]:
        get = self.loader.get_event
        get()  # StreamStart
        start = get()
        if isinstance(start, StreamEndEvent):
            fail(
                self.file, "the file is empty", "start from the example in docs/scenario-format.md"
            )
        root = self.node()
        self.parity.check_tabs(None)
        get()  # DocumentEnd
        after = get()
        if isinstance(after, DocumentStartEvent):
            second: Any = after.start_mark  # the parser always sets its marks
            fail(
                self.file,
                "the file holds more than one YAML document",
                "a scenario is one document: remove the `---` line and what follows it, "
                "or split it into two files",
                second.line + 1,
                second.column + 1,
            )
        if isinstance(root, Scalar) and root.value is None:
            fail(
                self.file,
                "the document is empty",
                "start from the example in docs/scenario-format.md",
                1,
                1,
            )
        if not isinstance(root, Map):
            fail(
                self.file,
                "the top level of a scenario must be a mapping of sections",
                "start with `meta:` at the beginning of a line, then `sources:`, `factions:`, ...",
                root.line,
                root.column,
            )
        return root, self.diagnostics

    def node(self) -> Node:
        """Consume the events of one node (and everything under it)."""
        get = self.loader.get_event
        scalar = self.scalar
        plain = self.plain
        max_nodes, max_items = width_caps()
        decimal_int, decimal_float = _DECIMAL_INT.fullmatch, _DECIMAL_FLOAT.fullmatch
        parity = self.parity if self.parity.needed else None
        nodes = 0
        stack = self.stack  # frames: [node, pending key or None, anchor, merges, flow style]
        while True:
            event = get()
            kind = type(event)
            if kind is not MappingEndEvent and kind is not SequenceEndEvent:
                nodes += 1
                if nodes > max_nodes:
                    self.too_wide(event, f"the file holds more than {max_nodes:,} values")
            if kind is ScalarEvent:
                text = event.value
                short = "str" if event.tag is None and not event.implicit[0] else None
                if short is None and event.tag is None:
                    short = plain.get(text)
                # The common cases, inlined: text, and plain decimal numbers (read by YAML 1.1
                # exactly as by Python: no `_`, `0` prefix, base 60 or `.inf` to construct).
                if short == "str":
                    mark = event.start_mark
                    if event.style == '"' and REFUSED_IN_TEXT.search(text):
                        self.escaped_control(event, text)
                    done: Node = Scalar(mark.line + 1, mark.column + 1, text, short, text)
                    if parity is not None:
                        parity.text_scalar(event, self.in_flow)
                elif short == "int" and decimal_int(text):
                    mark = event.start_mark
                    done = Scalar(mark.line + 1, mark.column + 1, int(text), short, text)
                elif short == "float" and decimal_float(text):
                    mark = event.start_mark
                    done = Scalar(mark.line + 1, mark.column + 1, float(text), short, text)
                else:
                    done = scalar(event)
                if event.anchor is not None:
                    self.anchors[event.anchor] = done
            elif kind is AliasEvent:
                done = self.alias(event)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                stack.append(self.open(event, kind, len(stack)))
                continue
            else:  # MappingEndEvent / SequenceEndEvent
                done, _, anchor, merges, _ = stack.pop()
                if merges:
                    self.merge(done, merges)  # type: ignore[arg-type]
                if anchor is not None:
                    self.open_anchors.discard(anchor)
                    self.anchors[anchor] = done
            if not stack:
                return done
            frame = stack[-1]
            parent = frame[0]
            parent.size += done.size
            if type(parent) is Seq:
                items = parent.items
                items.append(done)
                if len(items) > max_items:
                    self.too_wide(event, f"this list holds more than {max_items:,} items")
            elif frame[1] is None:
                frame[1] = done
            else:
                key = frame[1]
                frame[1] = None
                entries = parent.entries
                if type(key) is Scalar and key.tag == "str" and key.value not in entries:
                    entries[key.value] = (key, done)
                    if len(entries) > max_items:
                        self.too_wide(event, f"this mapping holds more than {max_items:,} keys")
                else:
                    self.add_entry(frame, key, done)

    def escaped_control(self, event: Any, text: str) -> None:
        """Refuse a quoted string whose escapes make a control character: shown on a terminal,
        it could clear the screen, retitle the window or hide text."""
        char = REFUSED_IN_TEXT.search(text).group()  # type: ignore[union-attr]
        mark = event.start_mark
        line, column = within(self.text, mark.line + 1, mark.column + 1)
        fail(
            self.file,
            f"this string's escapes make the control character U+{ord(char):04X}",
            "remove the escape (such as \\e, \\a, \\x1b or \\u009b); write text, tabs and "
            "line breaks only",
            line,
            column,
        )

    def too_wide(self, event: Any, message: str) -> None:
        """Refuse a file wider than any scenario, at the value that went past the cap."""
        mark = event.start_mark
        line, column = within(self.text, mark.line + 1, mark.column + 1)
        fail(
            self.file,
            message + " (a scenario of 6,000 places holds about 320,000 values, its longest "
            "list 10,000 items)",
            "check that this is a scenario file; a scenario lists places, roads and events, "
            "each a mapping of a few keys",
            line,
            column,
        )

    def open(self, event: Any, kind: type, depth: int) -> list[Any]:
        """A new stack frame for a mapping or sequence, within the depth limit."""
        mark = event.start_mark
        if depth >= MAX_DEPTH:
            fail(
                self.file,
                f"the file nests deeper than {MAX_DEPTH} levels",
                "a scenario needs only a few levels; check the indentation",
                mark.line + 1,
                mark.column + 1,
            )
        is_map = kind is MappingStartEvent
        new: Node = (Map if is_map else Seq)(mark.line + 1, mark.column + 1)
        if event.tag is not None:
            self.check_collection_tag(event, new, "map" if is_map else "seq")
        if event.anchor is not None:
            self.open_anchors.add(event.anchor)
        return [new, None, event.anchor, None, event.flow_style]

    def scalar(self, event: Any) -> Scalar:
        mark = event.start_mark
        text = event.value
        tag = event.tag
        if tag is None:
            if event.implicit[0]:  # plain: its type depends on its text alone
                short = self.plain.get(text)
                if short is None:
                    full = self.loader.resolve(yaml.ScalarNode, text, (True, False))
                    short = self.plain[text] = _short_tag(full)
            else:
                short = "str"
        elif tag == "!":
            short = "str"
        else:
            short = _short_tag(tag)
        line, column = mark.line + 1, mark.column + 1
        if line > self.last_line:  # an empty value at the very end
            line, column = within(self.text, line, column)
        plain = tag is None and event.implicit[0]
        if self.parity.needed or (plain and not text):
            self.parity.other_scalar(event, plain, self.in_flow)
        if short == "str" or short == "merge":
            return Scalar(line, column, text, short, text)
        construct = _SCALAR_TAGS.get(short)
        if construct is None:  # an explicit foreign tag, or YAML 1.1's `=` "value" type
            if tag is not None:
                self.refuse_tag(tag, line, column)
            return Scalar(line, column, text, "str", text)
        try:
            value = construct(yaml.ScalarNode(_YAML_TAG + short, text))
        except Exception as error:  # whatever the constructor trips on, the text is to blame
            self.diagnostics.append(bad_scalar(self.file, short, text, error, line, column))
            return Scalar(line, column, INVALID, short, text)
        found = surprise(short, text, value) if plain else None
        if found is not None:
            self.diagnostics.append(Diagnostic(self.file, found[0], line, column, hint=found[1]))
            return Scalar(line, column, INVALID, short, text)
        return Scalar(line, column, value, short, text)

    def in_flow(self) -> bool:
        """True inside a `{...}` or `[...]`."""
        return any(frame[4] for frame in self.stack)

    def alias(self, event: Any) -> Node:
        mark = event.start_mark
        name = event.anchor
        if name in self.open_anchors:
            fail(
                self.file,
                f"the alias *{name} refers to a node that contains it",
                "a scenario cannot be recursive; copy the values instead of using the alias",
                mark.line + 1,
                mark.column + 1,
            )
        target = self.anchors.get(name)
        if target is None:
            fail(
                self.file,
                f"the alias *{name} names no anchor",
                f"define `&{name}` on a value before using `*{name}`",
                mark.line + 1,
                mark.column + 1,
            )
        self.expanded += target.size
        if self.expanded > MAX_ALIAS_EXPANSION:
            fail(
                self.file,
                f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} values "
                "(an alias expansion bomb?)",
                "use anchors and aliases sparingly, for small repeated blocks",
                mark.line + 1,
                mark.column + 1,
            )
        return target

    def add_entry(self, frame: list[Any], key: Node, value: Node) -> None:
        parent: Map = frame[0]
        if not isinstance(key, Scalar):
            self.diagnostics.append(
                Diagnostic(
                    self.file,
                    "a key must be plain text, not a list or mapping",
                    key.line,
                    key.column,
                    hint="write `name: value`; remove the `?` or the brackets around the key",
                )
            )
            return
        if key.tag == "merge":
            frame[3] = (frame[3] or []) + [(key, value)]
            return
        name = key.value if isinstance(key.value, str) else key.text
        previous = parent.entries.get(name)
        if previous is not None:
            first = previous[0]
            self.diagnostics.append(
                Diagnostic(
                    self.file,
                    f"the key `{name}` appears twice in this mapping "
                    f"(first at line {first.line}, column {first.column})",
                    key.line,
                    key.column,
                    hint="remove or rename one of them (YAML would keep only the last)",
                )
            )
        parent.entries[name] = (key, value)

    def merge(self, node: Map, merges: list[tuple[Scalar, Node]]) -> None:
        """`<<: *base` (or a list of aliases): copy keys the mapping does not set itself."""
        merged: dict[str, tuple[Scalar, Node]] = {}
        for key, value in merges:
            sources = value.items if isinstance(value, Seq) else [value]
            for source in sources:
                if not isinstance(source, Map):
                    self.diagnostics.append(
                        Diagnostic(
                            self.file,
                            "`<<` merges only mappings",
                            key.line,
                            key.column,
                            hint="write `<<: *anchor` where the anchor names a mapping",
                        )
                    )
                    continue
                for name, entry in source.entries.items():
                    merged.setdefault(name, entry)
        for name, entry in node.entries.items():
            merged[name] = entry
        node.entries = merged

    def check_collection_tag(self, event: Any, node: Node, own: str) -> None:
        tag = event.tag
        if tag is None or tag == "!" or tag == _YAML_TAG + own:
            return
        self.refuse_tag(tag, node.line, node.column)

    def refuse_tag(self, tag: str, line: int, column: int) -> None:
        shown = "!!" + _short_tag(tag) if tag.startswith(_YAML_TAG) else tag
        self.diagnostics.append(refused_tag(self.file, shown, line, column))


def _short_tag(tag: str) -> str:
    return tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else tag
