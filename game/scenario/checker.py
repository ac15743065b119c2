"""The state of one validation run: diagnostics found so far and the facts gathered for the
cross-checks that run once the whole file has been read (ids, references, citations...)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field

from game.errors import Diagnostic
from game.scenario.nodes import Node, Scalar
from game.scenario.provenance import Provenance

# Did-you-mean compares a word with every candidate; cap the comparisons of a whole run so that
# thousands of broken references against thousands of ids cost well under a second more (the
# first problems get suggestions, later ones a plain hint).
SUGGESTION_BUDGET = 50_000


@dataclass(slots=True)
class Ref:
    """A reference to an id of some kind, checked once every id is known."""

    kinds: tuple[str, ...]
    value: str
    node: Scalar
    path: str


@dataclass(slots=True)
class Checker:
    """Collects diagnostics and the registries the cross-checks read."""

    file: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    ids: dict[str, dict[str, Scalar]] = field(default_factory=dict)  # kind -> id -> where
    refs: list[Ref] = field(default_factory=list)
    citations: list[tuple[Provenance, Scalar, str]] = field(default_factory=list)
    source_paragraphs: dict[str, int | None] = field(default_factory=dict)
    road_ends: dict[str, tuple[str, str]] = field(default_factory=dict)
    exits: list[tuple[str, str, Scalar, str]] = field(default_factory=list)  # location, road, where
    dates: list[tuple[dt.date, Node, str, str]] = field(
        default_factory=list
    )  # date, where, key, event
    after: dict[str, tuple[str, Scalar, str]] = field(
        default_factory=dict
    )  # event -> (after, where)
    campaign: tuple[dt.date, dt.date] | None = None  # first and last turn's dates
    hubs: int = 0
    comparisons_left: int = SUGGESTION_BUDGET

    def error(
        self, node: Node | None, message: str, hint: str | None = None, key: str | None = None
    ) -> None:
        """Record one problem at `node` (or at the file if None)."""
        line = node.line if node is not None else None
        column = node.column if node is not None else None
        self.diagnostics.append(Diagnostic(self.file, message, line, column, hint, key))

    def declare(self, kind: str, value: str, node: Scalar, path: str, what: str) -> None:
        """Register an id; a second use of the same id is an error pointing at both places."""
        seen = self.ids.setdefault(kind, {})
        first = seen.get(value)
        if first is not None:
            self.error(
                node,
                f"duplicate {what} id `{value}` (first defined at line {first.line}, "
                f"column {first.column})",
                "ids must be unique: rename one of them (and the references meant for it)",
                path,
            )
            return
        seen[value] = node

    def suggest(self, word: str, candidates: Collection[str]) -> str | None:
        """The closest candidate to a misspelt word, within the suggestion budget."""
        if len(candidates) > self.comparisons_left:
            return None
        self.comparisons_left -= len(candidates)
        import difflib  # only when there is a problem to suggest a fix for

        close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
        return close[0] if close else None

    def sorted_diagnostics(self) -> list[Diagnostic]:
        """Diagnostics in file order (file-level ones first)."""
        return sorted(self.diagnostics, key=lambda d: (d.line or 0, d.column or 0))
