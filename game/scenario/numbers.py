"""Number types of the scenario format: whole numbers and numbers within bounds, each checking
a node (saying what is wrong and how to fix it) and describing itself for people and as JSON
Schema, like the other value types in `fields.py`."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from game.scenario.checker import Checker
from game.scenario.fields import Type, last_key, mismatch, scalar_value
from game.scenario.nodes import INVALID, Node, Scalar
from game.scenario.yaml11 import numeric_text_hint


def _quoted_number(node: Node, ck: Checker) -> bool:
    if not (isinstance(node, Scalar) and isinstance(node.value, str)) or not ck.quoted(node):
        return False
    try:
        float(node.value.replace("_", ""))
    except ValueError:
        return False
    return True


def _number_hint(node: Node, ck: Checker, usual: str) -> str:
    """Why text is not a number: quotes, or a notation YAML 1.1 leaves as text (`08`, `1e3`)."""
    if _quoted_number(node, ck):
        return "remove the quotes around the number"
    if isinstance(node, Scalar) and isinstance(node.value, str):
        return numeric_text_hint(node.value) or usual
    return usual


def _bounds(minimum: float | None, maximum: float | None, what: str) -> str:
    if minimum is not None and maximum is not None:
        return f"{what} between {_num(minimum)} and {_num(maximum)}"
    if minimum is not None:
        return f"{what} ≥ {_num(minimum)}"
    if maximum is not None:
        return f"{what} ≤ {_num(maximum)}"
    return what


def _doc_bounds(what: str, minimum: float | None, maximum: float | None) -> str:
    """`whole number, 0..100` for the reference tables."""
    low = "" if minimum is None else _num(minimum).replace("-", "−")
    high = "" if maximum is None else _num(maximum)
    if minimum is None and maximum is None:
        return what
    if maximum is None:
        return f"{what} ≥ {low}"
    if minimum is None:
        return f"{what} ≤ {high}"
    return f"{what}, {low}..{high}"


def _num(value: float) -> str:
    if isinstance(value, int):
        text = str(value)
        if len(text) > 20:
            return f"{text[:8]}… ({len(text)} digits)"
        return text if abs(value) < 100_000 else f"{value:,}"
    return str(int(value)) if value.is_integer() else str(value)


def _check_range(
    value: float,
    node: Node,
    ck: Checker,
    path: str,
    minimum: float | None,
    maximum: float | None,
    what: str,
    why_maximum: str | None = None,
) -> bool:
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        below = minimum is not None and value < minimum
        side = "below the minimum" if below else "above the maximum"
        limit = minimum if below else maximum
        hint = f"use {_bounds(minimum, maximum, what)}"
        if not below and why_maximum:
            hint += f" ({why_maximum})"
        ck.error(
            node,
            f"`{last_key(path)}` is {_num(value)}, {side} {_num(limit)}",  # type: ignore[arg-type]
            hint,
            path,
        )
        return False
    return True


@dataclass(frozen=True)
class Integer(Type):
    """A whole number within optional bounds (booleans are not numbers)."""

    minimum: int | None = None
    maximum: int | None = None
    why_maximum: str | None = None  # said in the hint when a value is above the maximum

    @property
    def expects(self) -> str:
        return _bounds(self.minimum, self.maximum, "a whole number")

    def doc_type(self) -> str:
        return _doc_bounds("whole number", self.minimum, self.maximum)

    def check(self, node: Node, ck: Checker, path: str) -> Any:
        value = scalar_value(node)
        if value is INVALID and isinstance(node, Scalar):
            return ck.reported_by_loader(node, path)
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and math.isfinite(value):
                hint = f"write a whole number without a decimal part, e.g. {round(value)}"
            else:
                hint = _number_hint(node, ck, "write a whole number, e.g. 12000 (digits only)")
            return mismatch(node, ck, path, "a whole number", hint)
        if not _check_range(
            value, node, ck, path, self.minimum, self.maximum, "a whole number", self.why_maximum
        ):
            return INVALID
        return value

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "integer"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out


@dataclass(frozen=True)
class Number(Type):
    """A finite number (int or float) within optional bounds; returned as float."""

    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False

    @property
    def expects(self) -> str:
        if self.exclusive_minimum and self.minimum is not None:
            top = f" and at most {_num(self.maximum)}" if self.maximum is not None else ""
            return f"a number above {_num(self.minimum)}{top}"
        return _bounds(self.minimum, self.maximum, "a number")

    def doc_type(self) -> str:
        if self.exclusive_minimum and self.minimum is not None:
            top = f", at most {_num(self.maximum)}" if self.maximum is not None else ""
            return f"number > {_num(self.minimum)}{top}"
        return _doc_bounds("number", self.minimum, self.maximum)

    def check(self, node: Node, ck: Checker, path: str) -> Any:
        value = scalar_value(node)
        if value is INVALID and isinstance(node, Scalar):
            return ck.reported_by_loader(node, path)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            hint = _number_hint(node, ck, "write a number such as 0.5 or 12")
            return mismatch(node, ck, path, "a number", hint)
        if isinstance(node, Scalar) and isinstance(value, float) and not math.isfinite(value):
            ck.error(
                node,
                f"`{last_key(path)}` is {node.text}, which is not a usable number",
                f"use {self.expects}",
                path,
            )
            return INVALID
        try:
            number = float(value)
        except OverflowError:
            ck.error(
                node,
                f"`{last_key(path)}` is far too large ({len(str(value))} digits)",
                f"use {self.expects}",
                path,
            )
            return INVALID
        if self.exclusive_minimum and self.minimum is not None and number <= self.minimum:
            ck.error(
                node,
                f"`{last_key(path)}` is {_num(number)}; it must be above {_num(self.minimum)}",
                f"use {self.expects}",
                path,
            )
            return INVALID
        if not _check_range(number, node, ck, path, self.minimum, self.maximum, "a number"):
            return INVALID
        return number

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "number"}
        if self.minimum is not None:
            out["exclusiveMinimum" if self.exclusive_minimum else "minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out
