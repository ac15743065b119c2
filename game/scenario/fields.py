"""Value types of the scenario format (text, ids, numbers, dates, words, sources): each checks
a node (reporting what is wrong and how to fix it) and describes itself as JSON Schema, so the
validator and the schema cannot drift. Lists, mappings and records are in `shapes.py`.

`check` returns the converted Python value, or `INVALID` after recording a diagnostic.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

from game.scenario.checker import Checker, Ref
from game.scenario.nodes import INVALID, Node, Scalar, Seq, describe
from game.scenario.provenance import SCHEMA_PATTERN, ProvenanceError, parse_source

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
_ID = re.compile(ID_PATTERN)
MAX_ID_LENGTH = 64

SOURCE_HINT = (
    "every fact needs `source:`: `article ¶N: paraphrase`, `<source id>: note` "
    "or `assumption: reason` (a list of these is fine too)"
)


def join_path(path: str, key: str) -> str:
    """The key path of `key` inside `path` (`locations[2]` + `lat` -> `locations[2].lat`)."""
    return f"{path}.{key}" if path else key


def last_key(path: str) -> str:
    """The last key of a key path, to name the value in a message."""
    return path.rsplit(".", 1)[-1]


def mismatch(node: Node, ck: Checker, path: str, expects: str, hint: str) -> Any:
    """Report a value of the wrong type; returns INVALID."""
    ck.error(node, f"`{last_key(path)}` must be {expects}, not {describe(node)}", hint, path)
    return INVALID


def scalar_value(node: Node) -> Any:
    return node.value if isinstance(node, Scalar) else INVALID


def _text_hint(node: Node, ck: Checker) -> str:
    """How to write as text a value YAML read as something else (`1.10`, `2020-01-24`)."""
    if not isinstance(node, Scalar) or node.value is None or ck.quoted(node):
        return 'put it in quotes: `"..."`'
    value = node.value
    if isinstance(value, bool):
        what = "a boolean"
    elif isinstance(value, dt.date):
        what = "a date"
    else:
        what = "a number"
    return f'YAML reads {node.text} as {what}: write it in quotes, "{node.text}"'


class Type:
    """A value type: check a node, describe itself for people and as JSON Schema."""

    @property
    def expects(self) -> str:
        return "a value"

    def check(self, node: Node, ck: Checker, path: str) -> Any:
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def doc_type(self) -> str:
        """The type as the reference tables name it (`text`, `whole number, 0..100`)."""
        return self.expects


@dataclass(frozen=True)
class Text(Type):
    """Non-blank text, at most `max_length` characters when given."""

    max_length: int | None = None

    @property
    def expects(self) -> str:
        return "text"

    def doc_type(self) -> str:
        return "text"

    def check(self, node: Node, ck: Checker, path: str) -> Any:
        value = scalar_value(node)
        if value is INVALID and isinstance(node, Scalar):
            return ck.reported_by_loader(node, path)
        if not isinstance(value, str):
            return mismatch(node, ck, path, "text", _text_hint(node, ck))
        if not value.strip():
            ck.error(node, f"`{last_key(path)}` is blank", "write some text", path)
            return INVALID
        if self.max_length is not None and len(value) > self.max_length:
            ck.error(
                node,
                f"`{last_key(path)}` is {len(value):,} characters long, more than "
                f"{self.max_length:,}",
                "shorten it",
                path,
            )
            return INVALID
        return value

    def schema(self) -> dict[str, Any]:
        if self.max_length is not None:
            return {"type": "string", "minLength": 1, "maxLength": self.max_length}
        return {"type": "string", "minLength": 1}


@dataclass(frozen=True)
class Id(Type):
    """A new id of `kind` (snake_case); registered so duplicates and references can be found."""

    kind: str

    @property
    def expects(self) -> str:
        return "a snake_case id"

    def doc_type(self) -> str:
        return "id"

    def check(self, node: Node, ck: Checker, path: str) -> Any:
        value = _check_id(node, ck, path)
        if value is not INVALID:
            ck.declare(self.kind, value, node, path, self.kind)  # type: ignore[arg-type]
        elif isinstance(node, Scalar) and isinstance(node.value, str):
            # references written with the id as it will be once fixed are not errors too
            ck.shadow_ids.setdefault(self.kind, set()).update(
                {node.value, node.value.strip().lower(), fixed_id(node.value)}
            )
        else:
            ck.incomplete.add(self.kind)
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID_LENGTH}


@dataclass(frozen=True)
class LocalId(Type):
    """An id that names something within its record only (a dilemma's options): checked like
    an id, not registered; the record's rule checks that it is unique there."""

    @property
    def expects(self) -> str:
        return "a snake_case id"

    def check(self, node: Node, ck: Checker, path: str) -> Any:
        return _check_id(node, ck, path)

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID_LENGTH}


@dataclass(frozen=True)
class IdRef(Type):
    """A reference to the id of one of `kinds`; resolved after the whole file is read."""

    kinds: tuple[str, ...]

    @property
    def expects(self) -> str:
        return f"the id of a {' or '.join(self.kinds)}"

    def doc_type(self) -> str:
        return " or ".join(self.kinds) + " id"

    def check(self, node: Node, ck: Checker, path: str) -> Any:
        value = _check_id(node, ck, path)
        if value is not INVALID:
            ck.refs.append(Ref(self.kinds, value, node, path))  # type: ignore[arg-type]
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID_LENGTH}


def _check_id(node: Node, ck: Checker, path: str) -> Any:
    value = scalar_value(node)
    if value is INVALID and isinstance(node, Scalar):
        return ck.reported_by_loader(node, path)
    if not isinstance(value, str):
        return mismatch(node, ck, path, "an id", "ids are snake_case text such as `saraqeb`")
    if len(value) > MAX_ID_LENGTH or not _ID.match(value):
        ck.error(
            node,
            f"`{_clip(value)}` is not a valid id",
            "ids are lower-case letters, digits and underscores, starting with a letter, at most "
            f"{MAX_ID_LENGTH} characters: e.g. `{fixed_id(value)}`",
            path,
        )
        return INVALID
    return value


def fixed_id(value: str) -> str:
    """The valid id closest to `value` (`Saraqeb Town` -> `saraqeb_town`), for hints."""
    fixed = re.sub(r"[^a-z0-9_]+", "_", value.strip().lower()).strip("_") or "an_id"
    if not fixed[0].isalpha():
        fixed = "x_" + fixed
    return fixed[:MAX_ID_LENGTH]


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Boolean(Type):
    """true or false."""

    @property
    def expects(self) -> str:
        return "true or false"

    def doc_type(self) -> str:
        return "`true` \\| `false`"

    def check(self, node: Node, ck: Checker, path: str) -> Any:
        value = scalar_value(node)
        if value is INVALID and isinstance(node, Scalar):
            return ck.reported_by_loader(node, path)
        if not isinstance(value, bool):
            return mismatch(node, ck, path, "true or false", "write `true` or `false` (no quotes)")
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


@dataclass(frozen=True)
class Date(Type):
    """A calendar date, YYYY-MM-DD (quoted or not)."""

    @property
    def expects(self) -> str:
        return "a date (YYYY-MM-DD)"

    def doc_type(self) -> str:
        return "date"

    def check(self, node: Node, ck: Checker, path: str) -> Any:
        value = scalar_value(node)
        if value is INVALID and isinstance(node, Scalar):
            return ck.reported_by_loader(node, path)
        if isinstance(value, dt.datetime):
            return mismatch(
                node, ck, path, "a date", f"drop the time: `{value.date().isoformat()}`"
            )
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and len(value) == 10:
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        return mismatch(node, ck, path, "a date", "write dates as YYYY-MM-DD, e.g. 2020-01-24")

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


@dataclass(frozen=True)
class Choice(Type):
    """One of a fixed set of words; with an Enum class, returns its member."""

    values: tuple[str, ...]
    enum: type[Enum] | None = None
    # what each word makes the engine do, for the reference (words left out change nothing)
    meanings: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, enum: type[Enum], meanings: tuple[tuple[str, str], ...] = ()) -> Choice:
        return cls(tuple(member.value for member in enum), enum, meanings)

    @property
    def expects(self) -> str:
        return "one of " + ", ".join(self.values)

    def doc_type(self) -> str:
        return " \\| ".join(f"`{value}`" for value in self.values)

    def check(self, node: Node, ck: Checker, path: str) -> Any:
        value = scalar_value(node)
        if value is INVALID and isinstance(node, Scalar):
            return ck.reported_by_loader(node, path)
        if not isinstance(value, str) or value not in self.values:
            hint = f"use one of: {', '.join(self.values)}"
            if isinstance(value, str):
                close = ck.suggest(value, self.values)
                if close:
                    hint = f"did you mean `{close}`? ({hint})"
            return mismatch(node, ck, path, self.expects, hint)
        return self.enum(value) if self.enum else value

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.values)}


@dataclass(frozen=True)
class Sources(Type):
    """Provenance: one source string or a non-empty list of them (see provenance.py)."""

    @property
    def expects(self) -> str:
        return "a source string or a list of them"

    def doc_type(self) -> str:
        return "[provenance](#provenance)"

    def check(self, node: Node, ck: Checker, path: str) -> Any:
        if isinstance(node, Seq):
            if not node.items:
                ck.error(node, "`source` is an empty list", SOURCE_HINT, path)
                return INVALID
            items = [self.one(item, ck, f"{path}[{i}]") for i, item in enumerate(node.items)]
            return INVALID if INVALID in items else tuple(items)
        one = self.one(node, ck, path)
        return INVALID if one is INVALID else (one,)

    def one(self, node: Node, ck: Checker, path: str) -> Any:
        value = scalar_value(node)
        if value is INVALID and isinstance(node, Scalar):
            return ck.reported_by_loader(node, path)
        if not isinstance(value, str):
            return mismatch(node, ck, path, "a source string", SOURCE_HINT)
        try:
            provenance = parse_source(value)
        except ProvenanceError as error:
            ck.error(node, error.message, error.hint, path)
            return INVALID
        ck.citations.append((provenance, node, path))  # type: ignore[arg-type]
        return value

    def schema(self) -> dict[str, Any]:
        return {"$ref": "#/$defs/provenance"}

    @staticmethod
    def definition() -> dict[str, Any]:
        one = {"type": "string", "pattern": SCHEMA_PATTERN}
        return {
            "description": "Provenance: `article ¶N: paraphrase`, `<source id>: note` or "
            "`assumption: reason`; or a list of these.",
            "oneOf": [one, {"type": "array", "items": one, "minItems": 1}],
        }
