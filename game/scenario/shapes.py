"""Shapes of the scenario format: lists, mappings, records with known keys, and one-key
variants. Like the value types in `fields.py`, each checks a node and describes itself as JSON
Schema; a `Record` also builds its model object.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from types import MappingProxyType
from typing import Any

from game.scenario.checker import Checker
from game.scenario.fields import (
    SOURCE_HINT,
    Choice,
    Id,
    Sources,
    Type,
    join_path,
    last_key,
    mismatch,
)
from game.scenario.nodes import INVALID, Map, Node, Scalar, Seq

# A check across the keys of one record: gets the valid values, the node, the checker and the
# path; records its own diagnostics and returns False if the record must not be built.
Rule = Callable[[dict[str, Any], Map, Checker, str], bool]


@dataclass(frozen=True)
class ListOf(Type):
    """A list of items of one type; returns a tuple of the valid ones (or INVALID if any fail)."""

    item: Type
    min_items: int = 0

    @property
    def expects(self) -> str:
        return "a list"

    def doc_type(self) -> str:
        item = self.item
        if isinstance(item, Record):
            return f"list of [{item.name}](#{item.name})"
        if isinstance(item, OneKey):
            return f"list of [{item.name}s](#{item.name}s)"
        return f"list of {item.doc_type()}s"

    def check(self, node: Node, ck: Checker, path: str) -> Any:
        if not isinstance(node, Seq):
            hint = "write one item per line, each starting with `- `"
            if isinstance(node, Scalar) and node.value is None:
                hint = "write `[]` for an empty list, or add items starting with `- `"
            ck.incomplete.update(id_kinds(self.item))
            return mismatch(node, ck, path, "a list", hint)
        if len(node.items) < self.min_items:
            ck.error(
                node,
                f"`{last_key(path)}` needs at least {self.min_items} item(s)",
                "add the missing items",
                path,
            )
            return INVALID
        values = [self.item.check(item, ck, f"{path}[{i}]") for i, item in enumerate(node.items)]
        return INVALID if any(v is INVALID for v in values) else tuple(values)

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            out["minItems"] = self.min_items
        return out


@dataclass(frozen=True)
class MapOf(Type):
    """A mapping whose keys are of one type (a Choice or free names) and values of another.
    `required` keys must all be present; with `name_field` the key is passed to the value record."""

    key: Choice | None
    value: Type
    required: tuple[str, ...] = ()
    min_items: int = 0
    key_enum: type[Enum] | None = None
    pass_name: bool = False  # give the key to the value record as its `name`

    @property
    def expects(self) -> str:
        return "a mapping"

    def doc_type(self) -> str:
        keys = "name" if self.key is None else "/".join(f"`{k}`" for k in self.key.values)
        value = self.value
        shown = f"[{value.name}](#{value.name})" if isinstance(value, Record) else value.doc_type()
        return f"mapping {keys} → {shown}"

    def check(self, node: Node, ck: Checker, path: str) -> Any:
        if not isinstance(node, Map):
            return mismatch(
                node, ck, path, "a mapping", "write one `name: value` per line, indented"
            )
        out: dict[Any, Any] = {}
        ok = True
        suggested: set[str] = set()
        for name, (key_node, value_node) in node.entries.items():
            sub = join_path(path, name)
            if self.key is not None and name not in self.key.values:
                free = [key for key in self.key.values if key not in node.entries]
                close = ck.suggest(name, free) if free else None
                if close:
                    suggested.add(close)  # its message names the missing key
                hint = f"use one of: {', '.join(self.key.values)}"
                ck.error(
                    key_node,
                    f"unknown key `{name}` in `{last_key(path)}`",
                    f"did you mean `{close}`? ({hint})" if close else hint,
                    sub,
                )
                ok = False
                continue
            if self.pass_name and isinstance(self.value, Record):
                value = self.value.check(value_node, ck, sub, extra={"name": name})
            else:
                value = self.value.check(value_node, ck, sub)
            if value is INVALID:
                ok = False
                continue
            out[self.key_enum(name) if self.key_enum else name] = value
        missing = [
            name for name in self.required if name not in node.entries and name not in suggested
        ]
        if missing:
            ck.error(
                node,
                f"`{last_key(path)}` lacks {_list(missing)}",
                f"add {_list(missing)} (each is needed)",
                path,
            )
            ok = False
        if len(node.entries) < self.min_items:
            ck.error(node, f"`{last_key(path)}` is empty", "add at least one entry", path)
            ok = False
        return MappingProxyType(out) if ok else INVALID

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "object"}
        if self.key is not None:
            out["properties"] = {name: self.value.schema() for name in self.key.values}
            out["additionalProperties"] = False
        else:
            out["additionalProperties"] = self.value.schema()
        if self.required:
            out["required"] = list(self.required)
        if self.min_items:
            out["minProperties"] = self.min_items
        return out


def _list(names: Sequence[str]) -> str:
    return ", ".join(f"`{n}`" for n in names)


@dataclass(frozen=True)
class Field:
    """A key of a record: its type, whether it is required, and what it means (for docs)."""

    name: str
    type: Type
    doc: str
    required: bool = True
    attr: str | None = None  # the model attribute, when it differs from the key
    default: Any = None  # what an optional key left out means (None: not set)
    unit: str | None = None  # of a number: people, km, thousand USD, days...

    @property
    def target(self) -> str:
        return self.attr or self.name

    def schema(self) -> dict[str, Any]:
        """This key's JSON Schema: its type, description (with unit) and default."""
        description = self.doc if self.unit is None else f"{self.doc} Unit: {self.unit}."
        meanings = getattr(self.type, "meanings", ())
        if meanings:
            description += " " + " ".join(f"`{word}`: {text}" for word, text in meanings)
        out: dict[str, Any] = {**self.type.schema(), "description": description}
        if self.default is not None:
            out["default"] = json_value(self.default)
        return out


def json_value(value: Any) -> Any:
    """A default as JSON: words of a choice by their value, tuples as lists."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [json_value(item) for item in value]
    return value


@dataclass(frozen=True)
class Record(Type):
    """A mapping with known keys, built into a model object by `build(values)`.
    `rules` run on the valid values (even if other keys failed) for checks across keys."""

    name: str
    doc: str
    fields: tuple[Field, ...]
    build: Callable[..., Any]
    rules: tuple[Rule, ...] = ()
    by_name: Mapping[str, Field] = field(init=False, repr=False, compare=False)
    required: tuple[Field, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})
        object.__setattr__(self, "required", tuple(f for f in self.fields if f.required))

    @property
    def expects(self) -> str:
        return f"a mapping ({self.name})"

    def doc_type(self) -> str:
        return f"mapping ([{self.name}](#{self.name}))"

    def check(self, node: Node, ck: Checker, path: str, extra: dict[str, Any] | None = None) -> Any:
        if not isinstance(node, Map):
            ck.incomplete.update(id_kinds(self))
            keys = ", ".join(f.name for f in self.fields if f.required)
            return mismatch(
                node,
                ck,
                path,
                f"a mapping ({self.name})",
                f"write its keys indented below, one per line: {keys}",
            )
        fields = self.by_name
        values: dict[str, Any] = dict(extra or {})
        ok = True
        entries = node.entries
        suggested: set[str] = set()
        for name, (key_node, value_node) in entries.items():
            spec = fields.get(name)
            sub = join_path(path, name)
            if spec is None:
                close = self.suggest_key(name, entries, ck)
                if close:
                    suggested.add(close)
                allowed = ", ".join(fields)
                hint = (
                    f"did you mean `{close}`?"
                    if close
                    else f"the keys of {self.name} are: {allowed}"
                )
                ck.error(key_node, f"unknown key `{name}` in {self.name}", hint, sub)
                ok = False
                continue
            if isinstance(value_node, Scalar) and value_node.value is None and not spec.required:
                continue  # an optional key left empty means "not set"
            value = spec.type.check(value_node, ck, sub)
            if value is INVALID:
                ok = False
            else:
                values[spec.target] = value
        for spec in self.required:
            if spec.name not in entries:  # present but invalid has been reported already
                ck.incomplete.update(id_kinds(spec.type))
                if spec.name not in suggested:  # else the misspelt key's message says it
                    ck.error(node, f"{self.name} lacks `{spec.name}`", _missing_hint(spec), path)
                ok = False
        for rule in self.rules:
            if not rule(values, node, ck, path):
                ok = False
        if not ok:
            return INVALID
        return self.build(**values)

    def suggest_key(self, name: str, present: Mapping[str, object], ck: Checker) -> str | None:
        """The key a misspelt or unknown key most likely stands for: a common synonym, else
        the closest key of this record that the mapping does not already have."""
        free = [key for key in self.by_name if key not in present]
        synonym = SYNONYMS.get(name.lower())
        if synonym in free:
            return synonym
        return ck.suggest(name, free) if free else None

    def schema(self) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{self.name}"}

    def definition(self) -> dict[str, Any]:
        """This record's JSON Schema (for `$defs`)."""
        out: dict[str, Any] = {
            "type": "object",
            "description": self.doc,
            "properties": {f.name: f.schema() for f in self.fields},
            "additionalProperties": False,
        }
        required = [f.name for f in self.fields if f.required]
        if required:
            out["required"] = required
        return out


# Words authors use for keys of this format (from other tools and plain English) -> the key.
SYNONYMS = {
    "routes": "roads",
    "edges": "roads",
    "links": "roads",
    "places": "locations",
    "towns": "locations",
    "cities": "locations",
    "nodes": "locations",
    "events": "timeline",
    "parameters": "model",
    "params": "model",
    "sides": "factions",
    "actors": "factions",
    "parties": "factions",
    "references": "sources",
    "refs": "sources",
    "capacity": "shelter_capacity",
    "pop": "population",
    "idps": "displaced",
    "length": "km",
    "distance": "km",
    "owner": "control",
    "controller": "control",
    "held_by": "control",
    "latitude": "lat",
    "longitude": "lon",
    "lng": "lon",
    "type": "kind",
    "chance": "probability",
    "odds": "probability",
    "name": "title",
    "start": "start_date",
    "days_per_turn": "turn_days",
}


def id_kinds(kind: Type) -> set[str]:
    """The id kinds a value of this type declares (a list of locations declares `location`)."""
    if isinstance(kind, Id):
        return {kind.kind}
    if isinstance(kind, ListOf):
        return id_kinds(kind.item)
    if isinstance(kind, Record):
        return {f.type.kind for f in kind.fields if isinstance(f.type, Id)}
    return set()


def _missing_hint(spec: Field) -> str:
    if isinstance(spec.type, Sources):
        return SOURCE_HINT
    return f"add `{spec.name}:` ({spec.type.expects}): {spec.doc}"


@dataclass(frozen=True)
class OneKey(Type):
    """A mapping with exactly one key naming the variant (`- capture: {...}`)."""

    name: str
    options: Mapping[str, Record]

    @property
    def expects(self) -> str:
        return "a mapping with one key: " + ", ".join(self.options)

    def check(self, node: Node, ck: Checker, path: str) -> Any:
        if not isinstance(node, Map) or len(node.entries) != 1:
            return mismatch(
                node,
                ck,
                path,
                self.expects,
                f"write e.g. `- {next(iter(self.options))}: {{...}}`, one key per item",
            )
        ((name, (key_node, value_node)),) = node.entries.items()
        record = self.options.get(name)
        if record is None:
            close = ck.suggest(name, self.options)
            hint = f"did you mean `{close}`?" if close else f"use one of: {', '.join(self.options)}"
            ck.error(key_node, f"unknown {self.name} `{name}`", hint, f"{path}.{name}")
            return INVALID
        return record.check(value_node, ck, f"{path}.{name}")

    def schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {name: record.schema() for name, record in self.options.items()},
            "additionalProperties": False,
            "minProperties": 1,
            "maxProperties": 1,
        }
