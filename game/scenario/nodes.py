"""The composed YAML tree: plain values that remember their line and column (1-based).

The loader builds these; the validator reads them so every message can say where it is.
Aliases make the tree a DAG (an alias is the very node its anchor names); `size` is the number
of nodes under a node once aliases are expanded, which the loader caps.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


class _Invalid:
    """The value of a scalar that could not be converted (the loader already said why)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()


class Node:
    """A YAML node with its position (1-based line and column)."""

    __slots__ = ("column", "line", "size")

    def __init__(self, line: int, column: int) -> None:
        self.line = line
        self.column = column
        self.size = 1


class Scalar(Node):
    """A scalar: `value` is the Python value (str, int, float, bool, None, date, datetime or
    INVALID), `tag` its short YAML type name (`str`, `int`, ...), `text` its source text."""

    __slots__ = ("tag", "text", "value")

    def __init__(self, line: int, column: int, value: Any, tag: str, text: str) -> None:
        self.line = line
        self.column = column
        self.size = 1
        self.value = value
        self.tag = tag
        self.text = text

    def __repr__(self) -> str:
        return f"Scalar({self.value!r}@{self.line}:{self.column})"


class Seq(Node):
    """A sequence of nodes."""

    __slots__ = ("items",)

    def __init__(self, line: int, column: int) -> None:
        super().__init__(line, column)
        self.items: list[Node] = []

    def __repr__(self) -> str:
        return f"Seq({len(self.items)}@{self.line}:{self.column})"


class Map(Node):
    """A mapping: key text -> (key node, value node), in file order."""

    __slots__ = ("entries",)

    def __init__(self, line: int, column: int) -> None:
        super().__init__(line, column)
        self.entries: dict[str, tuple[Scalar, Node]] = {}

    def get(self, key: str) -> Node | None:
        """The value node of `key`, or None."""
        entry = self.entries.get(key)
        return entry[1] if entry else None

    def __repr__(self) -> str:
        return f"Map({list(self.entries)}@{self.line}:{self.column})"


def describe(node: Node) -> str:
    """A short phrase naming what a node holds, for messages (`text 'abc'`, `a list`...)."""
    if isinstance(node, Map):
        return "a mapping"
    if isinstance(node, Seq):
        return "a list"
    assert isinstance(node, Scalar)
    value = node.value
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"the boolean {node.text!r}"
    if isinstance(value, int):
        return f"the whole number {_clip(node.text)}"
    if isinstance(value, float):
        return f"the number {_clip(node.text)}"
    if isinstance(value, dt.datetime):
        return f"the date and time {node.text}"
    if isinstance(value, dt.date):
        return f"the date {node.text}"
    return f"the text {_clip(node.text)!r}"


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def to_plain(node: Node) -> Any:
    """The node as plain JSON-like data (dates as ISO strings), e.g. to check against the schema."""
    if isinstance(node, Map):
        return {key: to_plain(value) for key, (_, value) in node.entries.items()}
    if isinstance(node, Seq):
        return [to_plain(item) for item in node.items]
    assert isinstance(node, Scalar)
    if isinstance(node.value, (dt.date, dt.datetime)):
        return node.value.isoformat()
    return node.value
