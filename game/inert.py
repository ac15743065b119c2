"""Text from files and command lines shown inert: no character of it can drive a terminal.

A save's header, a scenario's title or a file name may hold control characters (an escape
sequence can clear the screen, retitle the window, or hide text), bidirectional overrides that
make text read differently than it is stored, or lone surrogates that cannot be printed at all.
`inert` writes every character that is not printable as a visible escape (`\\x1b`, `\\u202e`),
the way Python's `repr` does, and leaves everything else, accents and Arabic script included,
as it is.
"""

from __future__ import annotations


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def inert(text: str, *, keep_newlines: bool = False) -> str:
    """`text` with every unprintable character escaped (newlines kept if asked)."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char.isprintable() or (keep_newlines and char == "\n"):
            out.append(char)
        else:
            out.append(_escape(char))
    return "".join(out)


def markup_escape(text: str) -> str:
    """`text` for Textual markup, shown exactly as it is (and inert): every `[` escaped.
    `textual.markup.escape` escapes only what looks like a tag, which leaves the parser to
    crash on an unclosed `[` (`x [1`, `a[2J`: MarkupError) or to take `[A]` and `[$accent]`
    for styles and drop them from the text."""
    safe = inert(text, keep_newlines=True).replace("[", "\\[")
    if safe.endswith("\\"):
        safe += "\u200b"  # a backslash just before the next tag would escape it
    return safe
