"""A checker for the game's words: a count and its noun that disagree (`1 days`, `2 truck`,
`fled 1 other places`), and every `(s)`. Used by the UI's and the engine's wording tests."""

from __future__ import annotations

import re

NOUNS = "day|truck|turn|place|order|road|convoy|person|locality|seed|run"
PLURALS = "days|trucks|turns|places|orders|roads|convoys|people|seeds|runs"
BETWEEN = r"(?:(?:other|more|shelter|free|contested) )?"  # `1 other place`, `2 shelter places`
SINGULAR_AFTER_MANY = re.compile(
    rf"(?<![\d.,])(?:0|[2-9]|\d{{2,}}|\d{{1,3}}(?:,\d{{3}})+) {BETWEEN}(?:{NOUNS})\b(?![-\w])"
)
PLURAL_AFTER_ONE = re.compile(rf"(?<![\d.,])1 {BETWEEN}(?:{PLURALS})\b")


def disagreements(text: str) -> list[str]:
    """The places in `text` where a count and its noun disagree, and every `(s)`."""
    found = [m.group(0) for m in SINGULAR_AFTER_MANY.finditer(text)]
    found += [m.group(0) for m in PLURAL_AFTER_ONE.finditer(text)]
    found += re.findall(r"\w+\(s\)", text)
    return found
