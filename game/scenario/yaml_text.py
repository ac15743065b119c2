"""From a scenario file's bytes to text the YAML parser may read: strict UTF-8, one line-break
style, and no character that would mislead a reader (control characters, YAML's extra line
breaks, bidirectional controls). Each refusal says where the character is and what to do."""

from __future__ import annotations

import re

from game.errors import Diagnostic, ScenarioError
from game.scenario.yaml_messages import byte_position, char_position, fail

BOM = "\ufeff"
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
REFUSED_IN_TEXT = re.compile(
    "[^\x09\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
    "|[\u202a-\u202e\u2066-\u2069]"
)


def source_lines(data: bytes) -> list[str]:
    """The lines of a file that loaded, as the loader counted them (for messages that look at
    how a value was written, e.g. whether it was quoted)."""
    text = data.decode("utf-8", "replace").removeprefix(BOM)
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def decode(data: bytes, file: str) -> str:
    """Strict UTF-8 (a leading BOM is dropped); says where the first undecodable byte is."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        fail(file, "the file is UTF-16, not UTF-8", "save it as UTF-8 (without a byte-order mark)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line, column = byte_position(data, error.start)
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
    return text[1:] if text.startswith(BOM) else text


def check_characters(text: str, file: str) -> None:
    """Refuse the first character a scenario may not hold (see the module docstring)."""
    bad = _REFUSED.search(text) or _BIDI.search(text)
    if bad:
        line, column = char_position(text, bad.start())
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
        fail(file, message, hint, line, column)
