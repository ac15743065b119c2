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
_BOM = "\ufeff"
# What YAML allows in a stream (as PyYAML's reader checks it); anything else is refused up front.
# What YAML allows in a stream (as PyYAML's reader checks it) is accepted, except NEL, LS and PS:
# YAML counts them as line breaks where editors do not, so every later line number would be off.
_REFUSED = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_ODD_BREAKS = {"\x85": "NEXT LINE", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}
# Bidirectional embeddings, overrides and isolates make text display in another order than it
# is stored (a name could read as another); a scenario never needs them, as raw characters or
# as escapes.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
# What a double-quoted scalar's escapes (`"\e"`, `"\x07"`, `"\u009b"`) may not produce: the
# characters refused in the file itself, a carriage return, and the bidirectional controls.
# Tabs and line breaks stay allowed, as in block scalars.
_REFUSED_IN_TEXT = re.compile(
    "[^\x09\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
    "|[\u202a-\u202e\u2066-\u2069]"
)

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

_SYNTAX_HINTS = (
    ("\\t", "indent with spaces: YAML does not allow tab characters here"),
    ("tab character", "indent with spaces: YAML does not allow tab characters here"),
    (
        "mapping values are not allowed",
        "quote a value that contains ': ', or fix this line's indentation",
    ),
    (
        "could not find expected ':'",
        "each entry of a mapping is `key: value`; check for a missing colon or a stray line",
    ),
    ("did not find expected key", "check this line's indentation against the keys above it"),
    ("did not find expected '-' indicator", "items of a list must line up under each other"),
    ("did not find expected ',' or ']'", "close the list with `]`, and separate items with commas"),
    (
        "did not find expected ',' or '}'",
        "close the mapping with `}`, and separate entries with commas",
    ),
    ("found unexpected end of stream", "a quote or bracket is not closed"),
    (
        "found unknown escape character",
        "in double quotes write a backslash as `\\\\`, or use single quotes",
    ),
    ("found duplicate anchor", "give each anchor (`&name`) a different name"),
    (
        "expected alphabetic or numeric character",
        "an anchor or alias name (`&name`, `*name`) is missing",
    ),
    (
        "found character that cannot start any token",
        "quote values that start with `@`, `` ` `` or `%`",
    ),
)


def load_nodes(data: bytes, file: str) -> tuple[Map, list[Diagnostic]]:
    """Decode and compose a scenario file: the root mapping plus any non-fatal diagnostics."""
    if len(data) > MAX_BYTES:
        _fail(
            file,
            f"the file is too large ({len(data):,} bytes; the limit is {MAX_BYTES:,})",
            "a scenario is a few hundred kilobytes; check that this is the right file",
        )
    return compose(decode(data, file), file)


def decode(data: bytes, file: str) -> str:
    """Strict UTF-8 (a leading BOM is dropped); says where the first undecodable byte is."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        _fail(file, "the file is UTF-16, not UTF-8", "save it as UTF-8 (without a byte-order mark)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = _byte_position(data, error.start)
        byte = data[error.start]
        raise ScenarioError(
            [
                Diagnostic(
                    file,
                    f"the file is not valid UTF-8: byte 0x{byte:02X} cannot be decoded",
                    line,
                    column,
                    hint="save the file as UTF-8 (it may be in Latin-1 or Windows-1252)",
                )
            ]
        ) from None
    return text[1:] if text.startswith(_BOM) else text


def compose(text: str, file: str) -> tuple[Map, list[Diagnostic]]:
    """Compose YAML text into nodes (see the module docstring for what is refused)."""
    if text.startswith(_BOM):
        text = text[1:]
    if "\r" in text:  # one line-break style, so that every line number agrees with editors
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = _REFUSED.search(text) or _BIDI.search(text)
    if bad:
        line, column = _char_position(text, bad.start())
        char = bad.group()
        if _BIDI.fullmatch(char):
            message = (
                f"the file contains U+{ord(char):04X}, a bidirectional control, which makes "
                "text display in another order than it is stored"
            )
            hint = "remove it; names in any script display correctly without it"
        elif char in _ODD_BREAKS:
            message = (
                f"the file contains U+{ord(char):04X} ({_ODD_BREAKS[char]}), which YAML reads "
                "as a line break but editors do not"
            )
            hint = "replace it with a plain line break or a space"
        else:
            message = (
                f"the file contains the control character U+{ord(char):04X}, "
                "which YAML does not allow"
            )
            hint = (
                "remove it (it often comes from a copy-paste); write line breaks as plain new lines"
            )
        _fail(file, message, hint, line, column)
    try:
        loader = _Loader(text)
    except yaml.YAMLError as error:  # the pure-Python reader checks characters up front
        _fail(file, f"YAML error: {error}", "check the file's encoding and characters")
    try:
        return _Composer(loader, file, text).document()
    except yaml.MarkedYAMLError as error:
        raise ScenarioError([_syntax_diagnostic(error, file, text)]) from None
    except yaml.YAMLError as error:  # reader errors and others without a mark
        _fail(file, f"YAML error: {error}", "check the file's encoding and characters")
    except RecursionError:  # pure-Python parser fallback only; the C parser caps depth itself
        _fail(file, f"the file nests deeper than {MAX_DEPTH} levels", "flatten the structure")
    finally:
        loader.dispose()
    raise AssertionError("unreachable")


class _Composer:
    """Builds nodes from parser events with an explicit stack, enforcing the limits."""

    def __init__(self, loader: yaml.SafeLoader, file: str, text: str) -> None:
        self.loader = loader
        self.file = file
        self.text = text
        self.last_line = text.count("\n") + 1
        self.diagnostics: list[Diagnostic] = []
        self.anchors: dict[str, Node] = {}
        self.open_anchors: set[str] = set()
        self.expanded = 0
        self.plain: dict[str, str] = {}  # resolved type of plain scalars, by text

    def document(self) -> tuple[Map, list[Diagnostic]]:
        get = self.loader.get_event
        get()  # StreamStart
        start = get()
        if isinstance(start, StreamEndEvent):
            _fail(
                self.file, "the file is empty", "start from the example in docs/scenario-format.md"
            )
        root = self.node()
        get()  # DocumentEnd
        after = get()
        if isinstance(after, DocumentStartEvent):
            _fail(
                self.file,
                "the file holds more than one YAML document",
                "a scenario is one document: remove the `---` line and what follows it, "
                "or split it into two files",
                after.start_mark.line + 1,
                after.start_mark.column + 1,
            )
        if isinstance(root, Scalar) and root.value is None:
            _fail(
                self.file,
                "the document is empty",
                "start from the example in docs/scenario-format.md",
                1,
                1,
            )
        if not isinstance(root, Map):
            _fail(
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
        nodes = 0
        stack: list[list] = []  # frames: [node, pending key or None, anchor, merges]
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
                    if event.style == '"' and _REFUSED_IN_TEXT.search(text):
                        self.escaped_control(event, text)
                    done: Node = Scalar(mark.line + 1, mark.column + 1, text, short, text)
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
                done, _, anchor, merges = stack.pop()
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

    def escaped_control(self, event: yaml.events.ScalarEvent, text: str) -> None:
        """Refuse a quoted string whose escapes make a control character: shown on a terminal,
        it could clear the screen, retitle the window or hide text."""
        char = _REFUSED_IN_TEXT.search(text).group()  # type: ignore[union-attr]
        mark = event.start_mark
        line, column = _within(self.text, mark.line + 1, mark.column + 1)
        _fail(
            self.file,
            f"this string's escapes make the control character U+{ord(char):04X}",
            "remove the escape (such as \\e, \\a, \\x1b or \\u009b); write text, tabs and "
            "line breaks only",
            line,
            column,
        )

    def too_wide(self, event: yaml.events.Event, message: str) -> None:
        """Refuse a file wider than any scenario, at the value that went past the cap."""
        mark = event.start_mark
        line, column = _within(self.text, mark.line + 1, mark.column + 1)
        _fail(
            self.file,
            message + " (a scenario of 6,000 places holds about 320,000 values, its longest "
            "list 10,000 items)",
            "check that this is a scenario file; a scenario lists places, roads and events, "
            "each a mapping of a few keys",
            line,
            column,
        )

    def open(self, event: yaml.events.CollectionStartEvent, kind: type, depth: int) -> list:
        """A new stack frame for a mapping or sequence, within the depth limit."""
        mark = event.start_mark
        if depth >= MAX_DEPTH:
            _fail(
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
        return [new, None, event.anchor, None]

    def scalar(self, event: ScalarEvent) -> Scalar:
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
            line, column = _within(self.text, line, column)
        if short == "str" or short == "merge":
            return Scalar(line, column, text, short, text)
        construct = _SCALAR_TAGS.get(short, False)
        if construct is False:  # an explicit foreign tag, or YAML 1.1's `=` "value" type
            if tag is not None:
                self.refuse_tag(tag, line, column)
            return Scalar(line, column, text, "str", text)
        try:
            value = construct(yaml.ScalarNode(_YAML_TAG + short, text))  # type: ignore[misc]
        except Exception as error:  # whatever the constructor trips on, the text is to blame
            self.diagnostics.append(_bad_scalar(self.file, short, text, error, line, column))
            return Scalar(line, column, INVALID, short, text)
        return Scalar(line, column, value, short, text)

    def alias(self, event: AliasEvent) -> Node:
        mark = event.start_mark
        name = event.anchor
        if name in self.open_anchors:
            _fail(
                self.file,
                f"the alias *{name} refers to a node that contains it",
                "a scenario cannot be recursive; copy the values instead of using the alias",
                mark.line + 1,
                mark.column + 1,
            )
        target = self.anchors.get(name)
        if target is None:
            _fail(
                self.file,
                f"the alias *{name} names no anchor",
                f"define `&{name}` on a value before using `*{name}`",
                mark.line + 1,
                mark.column + 1,
            )
        self.expanded += target.size
        if self.expanded > MAX_ALIAS_EXPANSION:
            _fail(
                self.file,
                f"aliases expand to more than {MAX_ALIAS_EXPANSION:,} values "
                "(an alias expansion bomb?)",
                "use anchors and aliases sparingly, for small repeated blocks",
                mark.line + 1,
                mark.column + 1,
            )
        return target

    def add_entry(self, frame: list, key: Node, value: Node) -> None:
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

    def check_collection_tag(
        self, event: yaml.events.CollectionStartEvent, node: Node, own: str
    ) -> None:
        tag = event.tag
        if tag is None or tag == "!" or tag == _YAML_TAG + own:
            return
        self.refuse_tag(tag, node.line, node.column)

    def refuse_tag(self, tag: str, line: int, column: int) -> None:
        shown = "!!" + tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else tag
        if "python/" in tag:
            message = (
                f"the tag {shown} asks for a Python object; scenario files hold plain data only"
            )
        else:
            message = f"the tag {shown} is not allowed in a scenario file"
        self.diagnostics.append(
            Diagnostic(
                self.file, message, line, column, hint="remove the tag and write the value plainly"
            )
        )


def _short_tag(tag: str) -> str:
    return tag[len(_YAML_TAG) :] if tag.startswith(_YAML_TAG) else tag


def _bad_scalar(
    file: str, tag: str, text: str, error: Exception, line: int, column: int
) -> Diagnostic:
    shown = text if len(text) <= 40 else text[:39] + "…"
    if tag == "int" and "digits" in str(error):
        return Diagnostic(
            file,
            f"the number {shown} has too many digits ({len(text):,})",
            line,
            column,
            hint="write a whole number of a sensible size",
        )
    if tag == "timestamp":
        return Diagnostic(
            file,
            f"{shown} is not a valid date ({error})",
            line,
            column,
            hint="write dates as YYYY-MM-DD with a real month and day, e.g. 2020-01-24",
        )
    return Diagnostic(
        file,
        f"{shown!r} cannot be read as {tag}: {error}",
        line,
        column,
        hint="write the value plainly",
    )


def _syntax_diagnostic(error: yaml.MarkedYAMLError, file: str, text: str) -> Diagnostic:
    mark = error.problem_mark or error.context_mark
    problem = (error.problem or error.context or "unreadable YAML").strip()
    message = f"YAML syntax error: {problem}"
    if error.context and error.context_mark and error.problem:
        cm = error.context_mark
        message += f" ({error.context} started at line {cm.line + 1}, column {cm.column + 1})"
    if "maximum nesting depth" in problem:
        message = f"the file nests deeper than the parser allows ({MAX_DEPTH} levels are enough)"
    hint = next((h for needle, h in _SYNTAX_HINTS if needle in problem), None)
    hint = hint or "check the quoting and indentation around this point"
    if mark is None:
        return Diagnostic(file, message, hint=hint)
    line, column = _within(text, mark.line + 1, mark.column + 1)
    missing = _missing_colon(text, error, line)
    if missing is not None:
        return Diagnostic(file, missing[2], missing[0], missing[1], hint=missing[3])
    return Diagnostic(file, message, line, column, hint=hint)


_FLOW_WITHOUT_COLON = re.compile(r"\s*(- +)?([A-Za-z_][\w-]*) +[\[{]")


def _missing_colon(
    text: str, error: yaml.MarkedYAMLError, line: int
) -> tuple[int, int, str, str] | None:
    """A key without its colon makes the parser fail on the next line (the key's text runs
    on into it); point at the line that lacks the colon instead: (line, column, message, hint)."""
    problem = error.problem or ""
    lines = text.split("\n")
    own = _FLOW_WITHOUT_COLON.match(lines[line - 1]) if 1 <= line <= len(lines) else None
    if own is not None:  # `capture {location: ...}`
        head = own.group(2)
        return (
            line,
            own.start(2) + 1,
            f"YAML syntax error: `{head}` has no colon after it, so the line is not `key: value`",
            f"write `{head}: {lines[line - 1][own.end(2) :].strip()}`",
        )
    if "could not find expected ':'" in problem and error.context_mark is not None:
        at = error.context_mark.line + 1  # where the key without a colon started
    elif "mapping values are not allowed" in problem and 1 < line <= len(lines):
        at = line - 1
        while at > 1 and (not lines[at - 1].strip() or lines[at - 1].lstrip().startswith("#")):
            at -= 1
        indent = _indent(lines[line - 1])
        before = _indent(lines[at - 1])
        # the same level (`id minimal_example`), or a section's header (`meta` above its keys)
        if before > indent or (before < indent and " " in lines[at - 1].strip()):
            return None
    else:
        return None
    if not 1 <= at <= len(lines):
        return None
    body = lines[at - 1]
    stripped = body.strip()
    if stripped.startswith("- "):
        stripped = stripped[2:].lstrip()
    head, _, rest = stripped.partition(" ")
    if not head or ":" in head or not re.fullmatch(r"[A-Za-z_][\w-]*", head):
        return None
    column = body.index(head) + 1
    return (
        at,
        column,
        f"YAML syntax error: `{head}` has no colon after it, so the line is not `key: value`",
        f"write `{head}: {rest.strip()}`" if rest.strip() else f"write `{head}:`",
    )


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _within(text: str, line: int, column: int) -> tuple[int, int]:
    """A position inside the text: the parser puts the end of the stream on a line of its own
    when the last line has no line break; point at the end of the last line instead."""
    last = text.count("\n") + 1
    if line <= last:
        return line, column
    return last, len(text) - (text.rfind("\n") + 1) + 1


def _byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset; \\r\\n, \\r and \\n end lines."""
    head = data[:offset]
    line = head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
    start = max(head.rfind(b"\n"), head.rfind(b"\r")) + 1
    return line, len(head[start:].decode("utf-8", "replace")) + 1


def _char_position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index in text with `\\n` line breaks."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _fail(file: str, message: str, hint: str, line: int | None = None, column: int | None = None):
    raise ScenarioError([Diagnostic(file, message, line, column, hint=hint)])
