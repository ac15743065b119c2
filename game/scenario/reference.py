"""The reference section of docs/scenario-format.md, generated from the format's own tables:
every key of every record (type, required, default, unit, what it does), what each word of a
choice makes the engine do, and every model parameter.

`corridor schema --docs` rewrites the section between the two markers; a test fails when the
page and the tables differ, so the reference cannot fall behind the validator.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum
from typing import Any

from game.scenario.fields import Choice
from game.scenario.parameters import PARAMETERS, ParameterSpec
from game.scenario.shapes import Field, ListOf, MapOf, Record
from game.scenario.spec import RECORDS, SCENARIO
from game.scenario.spec_timeline import EFFECT

BEGIN = (
    "<!-- reference: generated from game/scenario/spec.py, spec_timeline.py, meanings.py and "
    "parameters.py by `corridor schema --docs`; edit those, not this section -->"
)
END = "<!-- end of the generated reference -->"
GROUPS = ("displacement", "harm", "aid", "diplomacy")


class StaleReference(ValueError):
    """The page has no (or a broken) pair of reference markers."""


def reference_text() -> str:
    """The generated section (markers included), ending with a newline."""
    out = [BEGIN, ""]
    for record in RECORDS:
        out.extend(_record_section(record))
        if record.name == "event":
            out.extend(_effects_intro())
    out.extend(_parameters_section())
    out.append(END)
    return "\n".join(out) + "\n"


def replace_section(page: str, section: str | None = None) -> str:
    """`page` with its reference section replaced by `section` (default: freshly generated)."""
    start, end = page.find(BEGIN), page.find(END)
    if start < 0 or end < start:
        raise StaleReference(
            "the page lacks the reference markers (see game/scenario/reference.py)"
        )
    stop = end + len(END) + (1 if page[end + len(END) : end + len(END) + 1] == "\n" else 0)
    return page[:start] + (section or reference_text()) + page[stop:]


def section_of(page: str) -> str:
    """The reference section as it stands in `page` ('' if it has none)."""
    start, end = page.find(BEGIN), page.find(END)
    if start < 0 or end < start:
        return ""
    return page[start : end + len(END)] + "\n"


# --- records --------------------------------------------------------------------------------


def _record_section(record: Record) -> list[str]:
    where = "" if record is SCENARIO else " " + _where(record)
    out = [f"### {record.name}", "", f"{record.doc}{where}", ""]
    out.append("| key | type | required | default | unit | what it does |")
    out.append("|---|---|---|---|---|---|")
    for field in record.fields:
        out.append(
            f"| `{field.name}` | {field.type.doc_type()} | {'yes' if field.required else 'no'} "
            f"| {_default(field)} | {field.unit or ''} | {_cell(field.doc)} |"
        )
    out.append("")
    for field in record.fields:
        choice = field.type
        if isinstance(choice, Choice) and choice.meanings:
            out.extend(_meanings(record, field, choice))
    return out


def _where(record: Record) -> str:
    """Where a record sits in a file, as a sentence."""
    for parent in RECORDS:
        for field in parent.fields:
            kind = field.type
            inner = kind.item if isinstance(kind, ListOf) else kind
            inner = inner.value if isinstance(inner, MapOf) else inner
            if inner is not record:
                continue
            owner = "" if parent is SCENARIO else f"a {parent.name}'s "
            if isinstance(kind, ListOf):
                return f"Each item of {owner}`{field.name}`."
            if isinstance(kind, MapOf):
                return f"Each entry of {owner}`{field.name}`."
            return f"The `{field.name}` of a {parent.name}." if owner else f"`{field.name}:`."
    for name, option in EFFECT.options.items():
        if option is record:
            return f"An item of an event's `effects`, written `- {name}: {{...}}`."
    return ""


def _default(field: Field) -> str:
    if field.required or field.default is None:
        return ""
    return f"`{_shown(field.default)}`"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, tuple):
        return "[]" if not value else "[" + ", ".join(_shown(v) for v in value) + "]"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _meanings(record: Record, field: Field, choice: Choice) -> list[str]:
    out = [f"Values of `{record.name}.{field.name}`:", "", "| value | what it does |", "|---|---|"]
    out.extend(f"| `{word}` | {_cell(text)} |" for word, text in choice.meanings)
    out.append("")
    return out


def _effects_intro() -> list[str]:
    names = ", ".join(f"`{name}`" for name in EFFECT.options)
    return [
        "### effects",
        "",
        "Each item of an event's `effects` is a mapping with exactly one key naming the effect "
        f"({names}), whose value holds the effect's keys, e.g. "
        "`- capture: {location: saraqeb, faction: government}`. An event's effects apply in "
        "order, on the day it happens.",
        "",
    ]


# --- parameters -----------------------------------------------------------------------------


def _parameters_section() -> list[str]:
    out = [
        "### model parameters",
        "",
        'Each entry of `model:` is `name: {value: ..., unit: ..., source: "..."}`. A parameter '
        "left out takes its default; none is required. A unit other than the one below, or a "
        "value outside its range, is an error.",
        "",
    ]
    for group in GROUPS:
        out.extend(_parameter_table(group, (s for s in PARAMETERS.values() if s.group == group)))
    others = [s for s in PARAMETERS.values() if s.group not in GROUPS]
    if others:
        out.extend(_parameter_table("other", others))
    return out


def _parameter_table(group: str, specs: Iterable[ParameterSpec]) -> list[str]:
    rows = [
        f"| `{s.name}` | {s.unit} | {_number(s.default)} | {_range(s)} | {_cell(s.description)} |"
        for s in specs
    ]
    if not rows:
        return []
    return [
        f"#### {group}",
        "",
        "| parameter | unit | default | range | what it does |",
        "|---|---|---|---|---|",
        *rows,
        "",
    ]


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"`{value:g}`" if not float(value).is_integer() else f"`{int(value)}`"


def _range(spec: ParameterSpec) -> str:
    low, high = spec.minimum, spec.maximum
    if low is None and high is None:
        return "any"
    if high is None:
        return f"≥ {_number(low).strip('`')}"
    if low is None:
        return f"≤ {_number(high).strip('`')}"
    return f"{_number(low).strip('`')}..{_number(high).strip('`')}"
