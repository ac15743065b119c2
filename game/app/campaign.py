"""The campaign as a whole, for the end report: the no-intervention baseline from the same
seed, the measures compared, and an epilogue per place. Reads the engine; decides nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from game import turns
from game.scenario.basis import Basis, cited_sources, event_basis
from game.scenario.model import Capture, LocationKind, Scenario
from game.text import format as fmt

if TYPE_CHECKING:
    from game.engine import State


def player_record(view: Any) -> Any:
    """The game played so far as the engine's `GameRecord` (what `score` compares)."""
    from game.engine.simulate import GameRecord

    history = list(view.history)
    return GameRecord(
        scenario=view.scenario,
        seed=view.seed,
        policy="player",
        difficulty=view.state.difficulty,
        initial=view.initial_state,
        orders=tuple(tuple(r.orders) for r in history),
        states=tuple(r.state for r in history),
        events=tuple(tuple(r.events) for r in history),
        figures=tuple(view.figures()),
    )


def compare(view: Any) -> tuple[Any, Any, Any]:
    """(player record, baseline record, `Score`) for the game of `view`: the baseline is the
    same scenario, seed and preset with no orders, for as many turns (`game.engine.score`)."""
    from game.engine.score import baseline, score

    mine = player_record(view)
    base = baseline(view.scenario, mine.seed, max(mine.turns, 1), mine.difficulty)
    return mine, base, score(mine, base)


@dataclass(frozen=True, slots=True)
class Measure:
    """One line of the comparison: `better` says which way is good for people."""

    name: str
    label: str
    better: str  # "higher" or "lower"
    estimate: bool = False


MEASURES: tuple[Measure, ...] = (
    Measure("reached_person_days", "Aid reaching people (person-days)", "higher"),
    Measure("sheltered_person_days", "Displaced people in shelter (person-days)", "higher"),
    Measure("unsheltered", "Without shelter at the end", "lower"),
    Measure("trapped", "Trapped at the end", "lower"),
    Measure("harmed_estimate", "Harmed", "lower", estimate=True),
    Measure("killed_estimate", "of whom killed", "lower", estimate=True),
    Measure("evacuated", "Evacuated through corridors", "higher"),
    Measure("convoys_delivered", "Convoys delivered", "higher"),
    Measure("displaced_since_december", "Displaced since December", "lower"),
)


def value(row: Any, name: str) -> float:
    return float(getattr(row, name, 0) or 0)


def comparison_rows(mine: Any, base: Any) -> list[tuple[Measure, float, float]]:
    """(measure, your value, baseline value) for the last turn of each run."""
    return [(m, value(mine, m.name), value(base, m.name)) for m in MEASURES]


NOISE_RUNS = 5  # runs without orders, on the seeds after the game's, that measure the noise


def noise(
    scenario: Scenario, seed: int, turns: int, difficulty: str | None, runs: int = NOISE_RUNS
) -> dict[str, float]:
    """How much each measure varies by chance alone: the spread (largest minus smallest) of its
    final value over `runs` games without orders on seeds `seed + 1 ..`. A difference smaller
    than that is not called better or worse."""
    from game.engine.simulate import play_to_end

    finals = [
        play_to_end(scenario, seed + k, "none", turns, difficulty).final_figures
        for k in range(1, runs + 1)
    ]
    spread: dict[str, float] = {}
    for m in MEASURES:
        values = [value(row, m.name) for row in finals if row is not None]
        spread[m.name] = max(values) - min(values) if values else 0.0
    return spread


def verdict(m: Measure, mine: float, base: float, threshold: float = 0.0) -> str:
    """`better` or `worse` for people when the difference is larger than `threshold` (the
    spread between seeds, `noise`), else `within noise` (`same` when equal); in words and a
    symbol, not colour alone."""
    if round(mine) == round(base):
        return "= same"
    if abs(mine - base) <= threshold:
        return "≈ within noise"
    good = mine > base if m.better == "higher" else mine < base
    return "▲ better" if good else "▼ worse"


def noise_note(runs: int = NOISE_RUNS) -> str:
    """How the comparison decides, in one sentence (the end report and its export say it)."""
    return (
        f"▲ better / ▼ worse only where the difference is larger than the spread of that "
        f"figure over {runs} runs without orders on other seeds (chance alone); ≈ within "
        "noise otherwise."
    )


def turn_date(scenario: Scenario, turn: int) -> dt.date:
    """The date of turn `turn` (1-based; `game.turns`)."""
    meta = scenario.meta
    return turns.turn_date(meta.start_date, meta.turn_days, turn)


def epilogue(scenario: Scenario, first: State, last: State) -> list[tuple[str, str]]:
    """(place name, a sober line or two) for each place that had people or changed hands."""
    attackers = {f.id for f in scenario.factions if f.role.value == "attacker"}
    out = []
    for loc, a, z in zip(scenario.locations, first.locations, last.locations, strict=True):
        if a.population == 0 and z.population == 0 and a.control == z.control:
            continue
        parts = []
        if z.control != a.control:
            holder = scenario.faction_by_id.get(z.control)
            name = holder.name if holder else z.control
            when = (
                f" on {fmt.short_day(turn_date(scenario, z.captured_turn))}"
                if z.captured_turn
                else ""
            )
            parts.append(f"Taken by {name}{when}{_capture_basis(scenario, last, loc.id)}.")
        if loc.kind in (LocationKind.CAMP,) or z.population > a.population:
            parts.append(
                f"{fmt.people(a.population)} people at the start, {fmt.people(z.population)} "
                f"at the end; {fmt.people(z.unsheltered)} of them without shelter."
            )
        else:
            left = a.population - z.population
            parts.append(
                f"Of {fmt.people(a.population)} people at the start, {fmt.people(z.population)} "
                f"remained" + (f"; {fmt.people(left)} left or were moved." if left > 0 else ".")
            )
        if z.encircled and z.control not in attackers:
            parts.append("Still encircled at the end.")
        if z.harmed:
            who = "person" if z.harmed == 1 else "people"
            parts.append(f"An estimated {fmt.people(z.harmed)} {who} harmed here (model estimate).")
        out.append((loc.name, " ".join(parts)))
    return out


def _capture_basis(scenario: Scenario, last: State, place: str) -> str:
    """How we know of a capture, by the one rule of `event_basis`: `, as reported (article
    ¶3)` for a reported event, else a note that in this game the model projected it."""
    for ev in scenario.timeline:
        if last.fired_turn(ev.id) is None:
            continue
        if not any(isinstance(eff, Capture) and eff.location == place for eff in ev.effects):
            continue
        cites = fmt.citations(cited_sources(ev))
        if event_basis(ev) is Basis.REPORTED:
            return f", as reported ({cites})" if cites else ", as reported"
        basis = f" (its basis: {cites})" if cites else ""
        return f", in this game: a projection of the model{basis}, not a reported event"
    return ""


def sources_lines(scenario: Scenario) -> list[str]:
    """The scenario's sources, one line each, then how to read provenance."""
    lines = []
    for s in scenario.sources:
        bits = [s.title]
        if s.publisher:
            bits.append(s.publisher)
        if s.date:
            bits.append(s.date.isoformat())
        if s.url:
            bits.append(s.url)
        lines.append(f"{s.id}: " + ", ".join(bits))
    return lines


def report_text(
    scenario: Scenario,
    seed: int,
    mine: Sequence[Any],
    base: Sequence[Any],
    first: State,
    last: State,
    summary: Sequence[str] = (),
    thresholds: dict[str, float] | None = None,
) -> str:
    """The end report as plain Markdown, for export."""
    meta = scenario.meta
    out = [
        f"# {meta.title}: end report",
        "",
        f"Seed {seed}, {fmt.count(len(mine), 'turn')} played. Compared with the same game "
        "without any orders (same seed). Harm figures are model estimates, not reported counts.",
        "",
        "| Measure | You | Without orders | |",
        "|---|---:|---:|---|",
    ]
    if mine and base:
        for m, a, b in comparison_rows(mine[-1], base[-1]):
            label = m.label + (" (estimate)" if m.estimate else "")
            call = verdict(m, a, b, (thresholds or {}).get(m.name, 0.0))
            out.append(f"| {label} | {fmt.people(a)} | {fmt.people(b)} | {call} |")
        out += ["", noise_note()]
    if summary:
        out += [""] + [f"- {line}" for line in summary]
    out += ["", "## Epilogue", ""]
    for name, text in epilogue(scenario, first, last):
        out.append(f"- **{name}**: {text}")
    out += ["", "## Sources", ""]
    out += [f"- {line}" for line in sources_lines(scenario)]
    return "\n".join(out) + "\n"
