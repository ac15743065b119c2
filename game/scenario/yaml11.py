"""YAML 1.1's surprises, refused the same way whichever parser PyYAML has.

- **Tabs** are allowed only inside quoted text, block text (`|`, `>`) and comments. PyYAML's C
  parser also takes them as spaces between tokens, its pure-Python parser does not; the rule
  here is the stricter one, so a file is valid or invalid whichever parser is installed.
- **Numbers** are read only in the form the format documents: decimal digits, an optional sign,
  a decimal point and exponent for fractions. YAML 1.1 reads `027` as the octal number 23,
  `0x9C4` and `0b101` in their bases, `2_500` with its `_` dropped and `41:40` in base 60
  (2500); each is refused with the number it would have been and how to write it.
- **Booleans** are `true` and `false`: YAML 1.1 also reads `yes`, `no`, `on` and `off` (any
  case) as booleans, so `status: off` would not be the word "off".
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Any

from game.scenario.yaml_messages import char_position, fail, flow_indicator_message

_BOOLEANS = {"true", "false"}
TAB_MESSAGE = (
    "YAML syntax error: a tab character here: YAML allows tabs only inside quoted text and comments"
)
TAB_HINT = "replace the tab with spaces (indent and separate with spaces only)"
# Text YAML 1.1 leaves as text although it looks like a number in another notation.
_LOOKS_NUMERIC = re.compile(r"[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?")


def surprise(tag: str, text: str, value: object) -> tuple[str, str] | None:
    """(message, hint) when a plain scalar read as `tag` is one of YAML 1.1's surprises."""
    if tag == "bool":
        if text.lower() in _BOOLEANS:
            return None
        word = "true" if value else "false"
        return (
            f"YAML 1.1 reads the unquoted `{text}` as the boolean {word}",
            f'write `{word}` for a yes/no value, or quote the word ("{text}") if it is text',
        )
    if tag == "float":
        if ":" not in text and "_" not in text:
            return None
    elif tag != "int":
        return None
    body = text.lstrip("+-")
    what = _number_form(tag, body)
    if what is None:
        return None
    shown = _plain_number(value)
    return (
        f"`{text}` is {what}, which YAML 1.1 reads as {shown}; numbers in a scenario are "
        "written in plain decimal digits",
        f'write {shown}, or quote it ("{text}") if it is text',
    )


def _number_form(tag: str, body: str) -> str | None:
    """Which YAML 1.1 notation a number read as `tag` is written in, if not plain decimal."""
    if body[:2] in ("0x", "0X"):
        return "a hexadecimal number"
    if body[:2] in ("0b", "0B"):
        return "a binary number"
    if ":" in body:
        return "a base-60 number"
    if tag == "int" and len(body) > 1 and body[0] == "0":
        return "an octal number (a leading 0 means octal)"
    if "_" in body:
        return "a number with `_` between its digits"
    return None


def numeric_text_hint(text: str) -> str | None:
    """For text where a number is expected: why YAML did not read it as a number, and the fix
    (`08` has a leading zero, `1e3` lacks the decimal point YAML 1.1 requires)."""
    bare = text.strip()
    if not _LOOKS_NUMERIC.fullmatch(bare):
        return None
    digits = bare.lstrip("+-")
    if len(digits) > 1 and digits[0] == "0" and digits[1].isdigit():
        fixed = (bare[0] if bare[0] in "+-" else "") + (digits.lstrip("0") or "0")
        return (
            f"`{bare}` has a leading zero, which YAML 1.1 does not read as a number: write {fixed}"
        )
    if "e" in bare.lower():
        try:
            number = float(bare.replace("_", ""))
        except ValueError:
            return None
        return (
            f"YAML 1.1 reads `{bare}` as text (an exponent needs a decimal point and a sign, "
            f"as in 1.0e+3): write {_plain_number(number)}"
        )
    return None


def _plain_number(value: object) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return str(value)


def first_bad_tab(
    text: str, allowed: list[tuple[int, int]], before: int | None = None
) -> tuple[int, int] | None:
    """The 1-based (line, column) of the first tab outside quoted and block text and comments,
    or None. `allowed` holds sorted, non-overlapping (start, end) character offsets where tabs
    are fine; `before` stops the search at that offset."""
    starts = [span[0] for span in allowed]
    position = text.find("\t")
    while position != -1 and (before is None or position < before):
        if not _inside(position, allowed, starts) and not _in_comment(
            text, position, allowed, starts
        ):
            line = text.count("\n", 0, position) + 1
            return line, position - (text.rfind("\n", 0, position) + 1) + 1
        position = text.find("\t", position + 1)
    return None


def _inside(position: int, allowed: list[tuple[int, int]], starts: list[int]) -> bool:
    k = bisect.bisect_right(starts, position) - 1
    return k >= 0 and position < allowed[k][1]


def _in_comment(
    text: str, position: int, allowed: list[tuple[int, int]], starts: list[int]
) -> bool:
    """A `#` at the start of the line or after a space, outside quoted text, comes earlier on
    the line: what follows it is a comment."""
    line_start = text.rfind("\n", 0, position) + 1
    hash_at = text.find("#", line_start, position)
    while hash_at != -1:
        if (hash_at == line_start or text[hash_at - 1] in " \t") and not _inside(
            hash_at, allowed, starts
        ):
            return True
        hash_at = text.find("#", hash_at + 1, position)
    return False


class ParserParity:
    """What PyYAML's C and pure-Python parsers read differently, refused the same way with
    either: tabs outside quoted and block text and comments, `x?y` unquoted in a flow
    collection, and `{key:}`. The composer tells it of the scalars it meets; it keeps the
    places where tabs are allowed only when the file has a tab at all."""

    def __init__(self, text: str, file: str) -> None:
        self.text = text
        self.file = file
        self.tab_spans: list[tuple[int, int]] | None = [] if "\t" in text else None
        # most files have neither a tab nor a `?`: the composer then skips `text_scalar`
        self.needed = self.tab_spans is not None or "?" in text

    def text_scalar(self, event: Any, in_flow: Callable[[], bool]) -> None:
        """A text scalar, quoted or plain."""
        if not event.implicit[0]:
            if self.tab_spans is not None:
                self.tab_span(event)
        elif "?" in event.value and in_flow():
            self.flow_question_mark(event)

    def other_scalar(self, event: Any, plain: bool, in_flow: Callable[[], bool]) -> None:
        """Any scalar the composer reads the slow way (first sight of a plain text, nulls,
        numbers, dates, tagged values)."""
        if not plain:
            if self.tab_spans is not None:
                self.tab_span(event)
            return
        if not event.value and in_flow():
            self.flow_empty_value(event)
        elif "?" in event.value and in_flow():
            self.flow_question_mark(event)

    def flow_question_mark(self, event: Any) -> None:
        """Refuse `x?y` unquoted inside `{...}` or `[...]`: the C parser reads it whole, the
        pure-Python one stops at the `?` (YAML 1.1), so it must be quoted to mean one thing."""
        start = event.start_mark.index
        at = self.text.find("?", start, event.end_mark.index)
        line, column = char_position(self.text, at if at >= 0 else start)
        fail(self.file, *flow_indicator_message("?"), line, column)

    def flow_empty_value(self, event: Any) -> None:
        """Refuse `{key:, ...}` (a colon right after an unquoted key, then `,` `]` or `}`): the
        pure-Python parser reads an empty value, the C parser refuses the colon."""
        at = event.start_mark.index - 1
        text = self.text
        if 0 < at < len(text) - 1 and text[at] == ":" and text[at + 1] in ",]}":
            if text[at - 1] in "'\" \t\n":  # a quoted key, or a value `:` of its own
                return
            line, column = char_position(text, at)
            fail(self.file, *flow_indicator_message(":", text[at + 1]), line, column)

    def tab_span(self, event: Any) -> None:
        """Record where a quoted or block scalar's text lies: tabs are allowed there."""
        start, end = event.start_mark.index, event.end_mark.index
        if event.style in ("|", ">"):  # from the line after the `|` header
            start = self.text.find("\n", start, end) + 1 or end
        assert self.tab_spans is not None
        self.tab_spans.append((start, end))

    def check_tabs(self, before: int | None) -> None:
        """Refuse the first tab outside quoted text, block text and comments (before offset
        `before` if given): the pure-Python parser refuses them, the C parser does not."""
        if self.tab_spans is None:
            return
        found = first_bad_tab(self.text, self.tab_spans, before)
        if found is not None:
            fail(self.file, TAB_MESSAGE, TAB_HINT, *found)
