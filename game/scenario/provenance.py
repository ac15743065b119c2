"""Provenance strings: where a scenario fact comes from.

Three forms (the note after the colon is required in each):

- `article ¶7: short paraphrase`: a paragraph of the seed article (`para 7` is an ASCII
  spelling of `¶7`);
- `ocha_hu_08: note`: a public record listed under `sources:` by its id, optionally with a
  paragraph (`ocha_hu_08 ¶3: note`);
- `assumption: reason`: a game assumption and why it was made.

`parse_source` checks the form only; the validator checks the ids and paragraph ranges against
the scenario's `sources:`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

ARTICLE = "article"
ASSUMPTION = "assumption"
MAX_PARAGRAPH_DIGITS = 6

_HEAD = re.compile(r"([a-z][a-z0-9_]*)(?:\s*(?:¶\s*|para\.?\s+)([0-9]{1,6}))?")
_PAGE_LIKE = re.compile(r"([a-z][a-z0-9_]*)\s*(?:p\.?|§|#|paragraph|par\.?|para)\s*([0-9]+)", re.I)

# The same grammar as an ECMA-262 pattern for the JSON Schema (editors check it as you type).
SCHEMA_PATTERN = (
    r"^(?!\s*article\s*:)(?!\s*assumption\s*(¶\s*|para\.?\s+)[0-9]{1,6}\s*:)\s*"
    r"(assumption|[a-z][a-z0-9_]*(\s*(¶\s*|para\.?\s+)[0-9]{1,6})?)\s*:\s*\S[\s\S]*$"
)

Kind = Literal["article", "record", "assumption"]

FORMS_HINT = (
    "write `article ¶N: paraphrase`, `<source id>: note` (an id listed under `sources:`) "
    "or `assumption: reason`"
)


class ProvenanceError(ValueError):
    """A source string that does not follow one of the three forms."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Provenance:
    """A parsed source string. `ref` is the source id (None for an assumption)."""

    kind: Kind
    ref: str | None
    paragraph: int | None
    note: str

    @property
    def citation(self) -> str:
        """A short citation for the log: `article ¶7`, `ocha_hu_08`, or `assumption`."""
        if self.kind == "assumption":
            return ASSUMPTION
        if self.paragraph is not None:
            return f"{self.ref} ¶{self.paragraph}"
        return str(self.ref)


def parse_source(text: str) -> Provenance:
    """Parse one source string; raises `ProvenanceError` (a ValueError) with a hint."""
    if not isinstance(text, str):
        raise ProvenanceError("a source must be text", FORMS_HINT)
    head, colon, note = text.partition(":")
    head = head.strip()
    note = note.strip()
    if not colon:
        return _without_colon(head)
    if head == ASSUMPTION:
        if not note:
            raise ProvenanceError(
                "an assumption needs a reason",
                "say why the value was assumed: `assumption: <reason>`",
            )
        return Provenance("assumption", None, None, note)
    match = _HEAD.fullmatch(head)
    if match is None:
        raise ProvenanceError(f"malformed source {_short(text)!r}", _head_hint(head))
    ref, digits = match.group(1), match.group(2)
    if ref == ASSUMPTION:
        raise ProvenanceError(
            "an assumption cites no paragraph", "write `assumption: <reason>` without `¶N`"
        )
    paragraph = int(digits) if digits else None
    if not note:
        what = "a short paraphrase in your own words" if ref == ARTICLE else "a note"
        raise ProvenanceError(
            f"source {_short(text)!r} has nothing after the colon",
            f"add {what} after the colon: `{head}: ...`",
        )
    if ref == ARTICLE:
        if paragraph is None:
            raise ProvenanceError(
                "a citation of the article needs its paragraph",
                "write `article ¶N: paraphrase` with N the paragraph number",
            )
        return Provenance("article", ARTICLE, paragraph, note)
    return Provenance("record", ref, paragraph, note)


def _without_colon(head: str) -> Provenance:
    if head == ASSUMPTION:
        raise ProvenanceError(
            "an assumption needs a reason", "say why the value was assumed: `assumption: <reason>`"
        )
    if _HEAD.fullmatch(head):
        raise ProvenanceError(
            f"source {_short(head)!r} has no colon and no note",
            f"add a colon and a short note in your own words: `{head}: ...`",
        )
    raise ProvenanceError(f"malformed source {_short(head)!r}", FORMS_HINT)


def _head_hint(head: str) -> str:
    page = _PAGE_LIKE.fullmatch(head)
    if page:
        return f"cite a paragraph as `{page.group(1).lower()} ¶{page.group(2)}` (or `para N`)"
    if head.lower() != head and _HEAD.fullmatch(head.lower()):
        return f"source ids are lower case: `{head.lower()}`"
    return FORMS_HINT


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
