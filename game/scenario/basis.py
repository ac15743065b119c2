"""Reported or projected: the one rule by which the game presents a timeline event.

The log, the turn report and the epilogue all ask `event_basis`, so an event is never called a
report in one place and a projection in another. An author can state the basis of an event
(`basis: reported` or `basis: projected`); otherwise an event is **reported** when it is certain
(`probability` 1), dated on its own (no `after`) and cites at least one source that is not an
assumption (the article or a listed record); every other event is **projected**: the model
decides whether and when it happens in a game.
"""

from __future__ import annotations

from game.scenario.model import Basis, TimelineEvent
from game.scenario.provenance import ProvenanceError, parse_source

__all__ = ["Basis", "cited_sources", "default_basis", "event_basis", "event_citation"]


def cited_sources(event: TimelineEvent) -> tuple[str, ...]:
    """The event's source strings that cite a document (the article or a listed record)."""
    cited = []
    for text in event.source:
        try:
            provenance = parse_source(text)
        except ProvenanceError:
            continue
        if provenance.kind != "assumption":
            cited.append(text)
    return tuple(cited)


def event_citation(event: TimelineEvent) -> str | None:
    """The short citation the log ends an event's line with: the first paragraph of the
    article it cites (`article ¶9`), else the first listed record (`ocha_hu_08`), else None."""
    records = []
    for text in cited_sources(event):
        provenance = parse_source(text)
        if provenance.kind == "article":
            return provenance.citation
        records.append(provenance.citation)
    return records[0] if records else None


def default_basis(event: TimelineEvent) -> Basis:
    """The basis an event has when its author does not state one (see the module docstring)."""
    certain = event.probability >= 1.0 and event.after is None
    return Basis.REPORTED if certain and cited_sources(event) else Basis.PROJECTED


def event_basis(event: TimelineEvent) -> Basis:
    """How the game presents `event`: the author's `basis` if given, else `default_basis`."""
    return event.basis if event.basis is not None else default_basis(event)
