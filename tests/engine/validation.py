"""The Idlib baseline against the public record: curves by date, where people went and came
from, with the ratio model / record on each line (docs/validation.md).

`python -m tests.engine.validation` prints the tables in Markdown.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from game.engine import events as ev
from game.engine.simulate import GameRecord, run_game
from game.scenario.model import Scenario
from tests.engine import public_record as pr

SEEDS = range(1, 21)
AGREES = 0.15  # within 15% either way the model and the record agree (the calibration band)


@dataclass(frozen=True, slots=True)
class Line:
    """One date: the model's median over the seeds (and its 10th-90th percentile range)
    beside a reported figure."""

    date: dt.date
    model_date: dt.date
    median: float
    low: float
    high: float
    figure: pr.Figure

    @property
    def ratio(self) -> float:
        return self.median / self.figure.value

    @property
    def verdict(self) -> str:
        """`agrees` within the band; a "more than" figure is a floor, so it allows twice the
        band above it."""
        high = 1.0 + (2 * AGREES if self.figure.qualifier == "more than" else AGREES)
        if 1.0 - AGREES <= self.ratio <= high:
            return "agrees"
        return "model low" if self.ratio < 1.0 else "model high"


@dataclass(frozen=True, slots=True)
class ShareLine:
    """A share of the displaced: the model's median over the seeds beside the record's."""

    share: pr.Share
    model: float

    @property
    def ratio(self) -> float:
        return self.model / self.share.reported if self.share.reported else float("nan")


def baselines(scenario: Scenario, seeds: Iterable[int] = SEEDS) -> list[GameRecord]:
    """The no-intervention games, one per seed, over the whole campaign."""
    return [run_game(scenario, seed, "none") for seed in seeds]


def _quantiles(values: Sequence[float]) -> tuple[float, float, float]:
    ordered = sorted(values)
    if len(ordered) < 2:
        return ordered[0], ordered[0], ordered[0]
    deciles = statistics.quantiles(ordered, n=10, method="inclusive")
    return statistics.median(ordered), deciles[0], deciles[-1]


def curve(records: Sequence[GameRecord], column: str, figures: Iterable[pr.Figure]) -> list[Line]:
    """The model's `column` on each figure's date (the last day of the campaign for figures
    after it), figures before the first day left out."""
    rows = [{f.date: getattr(f, column) for f in r.figures} for r in records]
    first, last = min(rows[0]), max(rows[0])
    out = []
    for figure in figures:
        if figure.date < first:
            continue
        day = min(figure.date, last)
        median, low, high = _quantiles([row[day] for row in rows])
        out.append(Line(figure.date, day, median, low, high, figure))
    return out


def _people(record: GameRecord, turn_from: int) -> tuple[dict[str, int], dict[str, int]]:
    """(net gain of displaced people per place, people who fled each place in logged flights)
    from turn `turn_from` (1-based) to the end."""
    before = record.states[turn_from - 2] if turn_from > 1 else record.initial
    after = record.final
    gains = {
        a.id: z.displaced - a.displaced
        for a, z in zip(before.locations, after.locations, strict=True)
        if z.displaced > a.displaced
    }
    fled: dict[str, int] = {}
    for turn_events in record.events[turn_from - 1 :]:
        for e in turn_events:
            if e.kind == ev.DISPLACEMENT and e.place and e.cause != "looking for shelter":
                fled[e.place] = fled.get(e.place, 0) + int(e.figures.get("people", 0))
    return gains, fled


def _turn_of(scenario: Scenario, date: dt.date) -> int:
    return (date - scenario.meta.start_date).days // scenario.meta.turn_days + 1


def shares(
    records: Sequence[GameRecord], wanted: Iterable[pr.Share], origins: bool = False
) -> list[ShareLine]:
    """Each share's median over the seeds: of the net arrivals over the whole campaign, or
    (`origins`) of the people who fled in February."""
    wanted = list(wanted)
    values: dict[str, list[float]] = {s.label: [] for s in wanted}
    for record in records:
        start = _turn_of(record.scenario, dt.date(2020, 2, 1)) if origins else 1
        gains, fled = _people(record, start)
        pool = fled if origins else gains
        total = sum(pool.values()) or 1
        for s in wanted:
            values[s.label].append(sum(pool.get(p, 0) for p in s.places) / total)
    return [ShareLine(s, statistics.median(values[s.label])) for s in wanted]


def _cite(ref: str) -> str:
    doc = pr.document(ref)
    return ref if doc is None else f"{doc.publisher}, {doc.date:%d %b %Y} ({doc.id})"


def markdown(records: Sequence[GameRecord]) -> str:
    """The tables of docs/validation.md for these games."""
    out = ["| Date | Model (median, 10-90%) | Record | Ratio | | Source |"]
    out.append("|---|---|---|---|---|---|")
    for line in curve(records, "displaced_since_december", pr.DISPLACED):
        out.append(_row(line))
    out += ["", "| Date | Model localities taken | Record | Ratio | | Source |"]
    out.append("|---|---|---|---|---|---|")
    for line in curve(records, "localities_taken", pr.LOCALITIES):
        out.append(_row(line))
    out += ["", "| Destination (whole campaign) | Model | Record | Ratio | Source |"]
    out.append("|---|---|---|---|---|")
    for s in shares(records, pr.DESTINATIONS):
        out.append(_share_row(s))
    out += ["", "| Origin (February) | Model | Record | Ratio | Source |", "|---|---|---|---|---|"]
    for s in shares(records, pr.ORIGINS, origins=True):
        out.append(_share_row(s))
    return "\n".join(out) + "\n"


def _row(line: Line) -> str:
    f = line.figure
    when = f"{line.date:%d %b}"
    if line.model_date != line.date:
        when += f" (model {line.model_date:%d %b})"
    return (
        f"| {when} | {line.median:,.0f} ({line.low:,.0f}-{line.high:,.0f}) | {f.qualifier} "
        f"{f.value:,} | {line.ratio:.2f} | {line.verdict} | {_cite(f.source)}: {f.note} |"
    )


def _share_row(s: ShareLine) -> str:
    return (
        f"| {s.share.label} | {s.model:.0%} | {s.share.reported:.0%} | {s.ratio:.2f} | "
        f"{_cite(s.share.source)}: {s.share.note} |"
    )


if __name__ == "__main__":
    from game.paths import bundled_scenario
    from game.scenario import load_scenario

    print(markdown(baselines(load_scenario(bundled_scenario("idlib")))))
