"""Strict JSON for saves: json's own decoder with the save format's rules added through its
public hooks. No key twice in an object, no NaN or infinity, no number longer than
`MAX_NUMBER_DIGITS` characters, no escaped half of a UTF-16 surrogate pair; a refusal says the
1-based column where the refused value starts."""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_NUMBER_DIGITS = 40
HINT_SURROGATE = (
    "Corridor never writes one: the file was edited or made by another program; load another save"
)

# JSON can write a UTF-16 surrogate as an escape (\ud800); alone it is no character, and the
# string it decodes to cannot be encoded (hashed, saved again, printed). A pair is one character.
_SURROGATE_HINT = re.compile(r"\\u[dD][89a-fA-F]")
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|.)", re.S)
# A line's text as the decoder meets it: a string (a key when a colon follows), a brace, or a
# bare word (a number, NaN, Infinity, true, false, null); brackets and commas are skipped.
_TOKEN = re.compile(
    r'(?P<string>"(?:[^"\\]|\\.)*")(?P<colon>\s*:)?|(?P<brace>[{}])|(?P<word>[-+.\w]+)'
)


class JsonRefused(ValueError):
    """Valid JSON that a save may not hold, with the column where the refused value starts."""

    def __init__(self, message: str, column: int | None, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.column = column
        self.hint = hint


class _Refusal(Exception):
    """Raised by a hook: the `index`-th number, or the `index`-th object to close (where `key`
    comes twice), of the text being decoded breaks a rule."""

    def __init__(self, message: str, kind: str, index: int, key: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.index = index
        self.key = key


class StrictDecoder:
    """Decodes one line at a time (not shared between threads: it counts what it reads)."""

    def __init__(self) -> None:
        self._numbers = 0  # numbers read so far in the current text, NaN and Infinity included
        self._objects = 0  # objects closed so far
        self._decoder = json.JSONDecoder(
            object_pairs_hook=self._object,
            parse_int=self._int,
            parse_float=self._float,
            parse_constant=self._constant,
        )

    def decode(self, text: str) -> Any:
        """The value of `text`: `json.JSONDecodeError` if it is not JSON, `JsonRefused` if it
        breaks a rule, `RecursionError` if it nests too deeply."""
        self._numbers = self._objects = 0
        try:
            value = self._decoder.decode(text)
        except _Refusal as refusal:
            raise JsonRefused(refusal.message, _refused_column(text, refusal)) from None
        if _SURROGATE_HINT.search(text):
            column = _lone_surrogate(text)
            if column is not None:
                raise JsonRefused(
                    f"holds the escape {text[column - 1 : column + 5]}, half of a UTF-16 "
                    "surrogate pair, which is not a character",
                    column,
                    HINT_SURROGATE,
                )
        return value

    def _object(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        self._objects += 1
        result = dict(pairs)
        if len(result) != len(pairs):
            seen: set[str] = set()
            for key, _ in pairs:
                if key in seen:
                    message = f"the key {key!r} appears twice in one record"
                    raise _Refusal(message, "object", self._objects, key)
                seen.add(key)
        return result

    def _int(self, text: str) -> int:
        self._numbers += 1
        if len(text) > MAX_NUMBER_DIGITS:
            message = f"a number with {len(text)} digits is too long for a save"
            raise _Refusal(message, "number", self._numbers)
        return int(text)

    def _float(self, text: str) -> float:
        self._numbers += 1
        if len(text) > MAX_NUMBER_DIGITS * 2:
            message = f"a number written with {len(text)} characters is too long for a save"
            raise _Refusal(message, "number", self._numbers)
        value = float(text)
        if not math.isfinite(value):
            raise _Refusal(
                f"{text} is out of range for a number in a save", "number", self._numbers
            )
        return value

    def _constant(self, name: str) -> Any:
        self._numbers += 1
        raise _Refusal(f"{name} is not a number a save may hold", "number", self._numbers)


def _refused_column(text: str, refusal: _Refusal) -> int | None:
    """The 1-based column of the value a hook refused. The decoder meets numbers and closes
    objects in the order of the text, so reading the text's tokens in that order finds the
    `index`-th number, or the `index`-th object to close and the second of its `key`s."""
    numbers = objects = 0
    open_objects: list[list[tuple[str, int]]] = []  # per open object, its keys and columns
    for token in _TOKEN.finditer(text):
        if token["brace"] == "{":
            open_objects.append([])
        elif token["brace"] == "}":
            objects += 1
            keys = open_objects.pop() if open_objects else []
            if refusal.kind == "object" and objects == refusal.index:
                columns = [column for key, column in keys if key == refusal.key]
                return columns[1] if len(columns) > 1 else token.start() + 1
        elif token["colon"] and open_objects:
            open_objects[-1].append((json.loads(token["string"]), token.start() + 1))
        elif token["word"] and token["word"][0] not in "tfn":  # not true, false or null
            numbers += 1
            if refusal.kind == "number" and numbers == refusal.index:
                return token.start() + 1
    return None


def _lone_surrogate(text: str) -> int | None:
    """The 1-based column of the first escaped surrogate in `text` (a line of valid JSON) that
    is not half of a high-low pair, or None. Escapes are read left to right, so an escaped
    backslash before `u` is never taken for the start of one."""
    pending: re.Match[str] | None = None  # a high surrogate waiting for its low half
    for match in _ESCAPE.finditer(text):
        code = int(match.group(1), 16) if match.group(1) else -1
        if pending is not None:
            if 0xDC00 <= code <= 0xDFFF and match.start() == pending.end():
                pending = None
                continue
            return pending.start() + 1
        if 0xD800 <= code <= 0xDBFF:
            pending = match
        elif 0xDC00 <= code <= 0xDFFF:
            return match.start() + 1
    return pending.start() + 1 if pending is not None else None
