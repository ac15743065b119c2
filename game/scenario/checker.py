"""The state of one validation run: diagnostics found so far and the facts gathered for the
cross-checks that run once the whole file has been read (ids, references, citations...)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from game.errors import Diagnostic
from game.scenario.nodes import INVALID, Node, Scalar
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
    id_paths: dict[str, dict[str, str]] = field(default_factory=dict)  # kind -> id -> key path
    # ids as they will read once an invalid one is fixed, and kinds with a record whose id
    # could not be read at all: references to these are not reported (no cascade of errors)
    shadow_ids: dict[str, set[str]] = field(default_factory=dict)
    incomplete: set[str] = field(default_factory=set)
    # positions of values the loader already refused -> index of its diagnostic, to which the
    # walk adds the key path
    loader_notes: dict[tuple[int, int], int] = field(default_factory=dict)
    source: Callable[[], list[str]] | None = None  # the file's lines, for some messages
    campaign: tuple[dt.date, dt.date] | None = None  # first and last day of the campaign
    hubs: int = 0
    comparisons_left: int = SUGGESTION_BUDGET
    _lines: list[str] | None = None

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
        self.id_paths.setdefault(kind, {})[value] = path

    def quoted(self, node: Node) -> bool:
        """True if the value at `node` was written in quotes (False if the file is unknown)."""
        if self.source is None:
            return False
        if self._lines is None:
            self._lines = self.source()
        if not 0 < node.line <= len(self._lines):
            return False
        return self._lines[node.line - 1][node.column - 1 : node.column] in ("'", '"')

    def note_prior(self, prior: Iterable[Diagnostic]) -> None:
        """Take the loader's diagnostics; those at a value get its key path once it is walked."""
        for diagnostic in prior:
            if diagnostic.line is not None and diagnostic.column is not None:
                self.loader_notes[(diagnostic.line, diagnostic.column)] = len(self.diagnostics)
            self.diagnostics.append(diagnostic)

    def reported_by_loader(self, node: Node, path: str) -> Any:
        """A value the loader could not read (it said why): add the key path; INVALID."""
        index = self.loader_notes.pop((node.line, node.column), None)
        if index is not None:
            self.diagnostics[index] = replace(self.diagnostics[index], key=path)
        return INVALID

    def unresolvable(self, kinds: tuple[str, ...], value: str) -> bool:
        """True if a reference to `value` is not worth reporting: an id of one of `kinds` was
        unreadable (already an error) and may be the one meant."""
        return any(
            kind in self.incomplete or value in self.shadow_ids.get(kind, ()) for kind in kinds
        )

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
