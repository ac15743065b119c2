"""The balance report: every built-in policy played over many seeds, each game read against the
no-intervention baseline from the same seed (DESIGN §7, issue 19).

`measure` plays the games (in worker processes if asked) and `render` writes the Markdown of
docs/balance.md. Nothing here changes a rule: it only reads what the engine records. Harm
figures are model estimates.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from game.engine import events as ev
from game.engine.policies import POLICIES
from game.engine.score import score
from game.engine.simulate import GameRecord, run_game
from game.scenario.model import Scenario

BASELINE = "none"
ORDER_KINDS: tuple[str, ...] = ("convoy", "shelter", "pause", "corridor", "evacuate", "appeal")


@dataclass(frozen=True, slots=True)
class SeedOutcome:
    """One policy's game from one seed, beside the baseline game from the same seed."""

    seed: int
    harmed: int
    baseline_harmed: int
    killed: int
    baseline_killed: int
    needs_pct: float  # needs covered (%), averaged over the turns
    baseline_needs_pct: float
    needs_met_per_day: float  # people fully covered beyond the baseline, on an average day
    extra_sheltered_per_day: float
    evacuated: int
    idle_turns: int  # turns in which the policy gave no order
    orders: tuple[int, ...]  # accepted orders of each of ORDER_KINDS
    mean_funds: float  # funds held at the end of a turn, averaged (thousand USD)
    mean_leverage: float
    negotiations_won: int
    negotiations_failed: int
    harm_by_cause: tuple[tuple[str, int], ...]  # (cause, harmed) in the policy's game

    @property
    def harm_avoided(self) -> int:
        return self.baseline_harmed - self.harmed

    @property
    def harm_avoided_pct(self) -> float:
        """Harm avoided as a share of the same seed's baseline harm (%)."""
        return 100.0 * self.harm_avoided / self.baseline_harmed if self.baseline_harmed else 0.0

    @property
    def killed_avoided(self) -> int:
        return self.baseline_killed - self.killed


@dataclass(frozen=True, slots=True)
class Spread:
    """A figure across seeds: mean, sample standard deviation, lowest and highest."""

    mean: float
    sd: float
    low: float
    high: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        if not values:
            return cls(0.0, 0.0, 0.0, 0.0)
        sd = statistics.stdev(values) if len(values) > 1 else 0.0
        return cls(statistics.fmean(values), sd, min(values), max(values))


@dataclass(frozen=True, slots=True)
class PolicyOutcomes:
    """Every seed's outcome of one policy."""

    policy: str
    seeds: tuple[SeedOutcome, ...]

    def spread(self, figure: str) -> Spread:
        return Spread.of([float(getattr(s, figure)) for s in self.seeds])

    def mean_orders(self) -> dict[str, float]:
        n = max(1, len(self.seeds))
        return {
            kind: sum(s.orders[k] for s in self.seeds) / n for k, kind in enumerate(ORDER_KINDS)
        }

    def mean_harm_by_cause(self) -> dict[str, float]:
        total: Counter[str] = Counter()
        for s in self.seeds:
            total.update(dict(s.harm_by_cause))
        n = max(1, len(self.seeds))
        return {cause: total[cause] / n for cause in sorted(total)}


@dataclass(frozen=True, slots=True)
class BalanceReport:
    """The policies' outcomes over the same seeds of one scenario."""

    title: str
    scenario_file: str
    scenario_hash: str
    turns: int
    difficulty: str | None
    seeds: tuple[int, ...]
    policies: tuple[PolicyOutcomes, ...]  # the baseline first

    def policy(self, name: str) -> PolicyOutcomes:
        for outcomes in self.policies:
            if outcomes.policy == name:
                return outcomes
        raise KeyError(name)


def harm_by_cause(record: GameRecord) -> dict[str, int]:
    """People harmed in a game, by the cause its log gives (estimates)."""
    causes: Counter[str] = Counter()
    for turn_events in record.events:
        for event in turn_events:
            if event.kind == ev.HARM:
                causes[event.cause] += int(event.figures.get("harmed", 0))
    return dict(causes)


def _mean_pct(record: GameRecord) -> float:
    return statistics.fmean(f.needs_covered_pct for f in record.figures) if record.figures else 0.0


def outcome(record: GameRecord, base: GameRecord) -> SeedOutcome:
    """What a played game did against the baseline from the same seed."""
    s = score(record, base)
    kinds = Counter(order.kind for turn in record.orders for order in turn)
    figures = record.figures
    counters = record.final.counters
    return SeedOutcome(
        seed=record.seed,
        harmed=s.harmed,
        baseline_harmed=s.baseline_harmed,
        killed=counters.killed,
        baseline_killed=base.final.counters.killed,
        needs_pct=_mean_pct(record),
        baseline_needs_pct=_mean_pct(base),
        needs_met_per_day=s.needs_met_per_day,
        extra_sheltered_per_day=s.extra_sheltered_per_day,
        evacuated=s.evacuated,
        idle_turns=sum(1 for turn in record.orders if not turn),
        orders=tuple(kinds[kind] for kind in ORDER_KINDS),
        mean_funds=statistics.fmean(f.funds for f in figures) if figures else 0.0,
        mean_leverage=statistics.fmean(f.leverage for f in figures) if figures else 0.0,
        negotiations_won=counters.negotiations_won,
        negotiations_failed=counters.negotiations_failed,
        harm_by_cause=tuple(sorted(harm_by_cause(record).items())),
    )


_LOADED: dict[str, Scenario] = {}


def _load(path: str) -> Scenario:
    if path not in _LOADED:
        from game.scenario import load_scenario

        _LOADED[path] = load_scenario(path)
    return _LOADED[path]


def play_seed(job: tuple[str, int, tuple[str, ...], str | None]) -> list[SeedOutcome]:
    """Play the baseline and every policy from one seed (runs in worker processes too)."""
    path, seed, policies, difficulty = job
    scenario = _load(path)
    base = run_game(scenario, seed, BASELINE, difficulty=difficulty)
    return [
        outcome(
            base if name == BASELINE else run_game(scenario, seed, name, difficulty=difficulty),
            base,
        )
        for name in policies
    ]


def measure(
    path: str | Path,
    seeds: Sequence[int],
    policies: Sequence[str] | None = None,
    difficulty: str | None = None,
    workers: int = 1,
) -> BalanceReport:
    """Play every policy (default: all built-in ones) from every seed. KeyError for an unknown
    policy."""
    names = [BASELINE, *(p for p in (policies or POLICIES) if p != BASELINE)]
    unknown = [p for p in names if p not in POLICIES]
    if unknown:
        raise KeyError(f"unknown policy {unknown[0]!r} (known: {', '.join(POLICIES)})")
    scenario = _load(str(path))
    jobs = [(str(path), seed, tuple(names), difficulty) for seed in seeds]
    if workers > 1 and len(jobs) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
            per_seed = list(pool.map(play_seed, jobs))
    else:
        per_seed = [play_seed(job) for job in jobs]
    outcomes = tuple(
        PolicyOutcomes(name, tuple(row[k] for row in per_seed)) for k, name in enumerate(names)
    )
    return BalanceReport(
        title=scenario.meta.title,
        scenario_file=Path(path).name,
        scenario_hash=(scenario.text_hash or "")[:12],
        turns=scenario.meta.turns,
        difficulty=difficulty,
        seeds=tuple(seeds),
        policies=outcomes,
    )


# --- Markdown -----------------------------------------------------------------------------------


def _num(x: float, digits: int = 0) -> str:
    if math.isclose(x, round(x)) and digits == 0:
        return f"{round(x):,}"
    return f"{x:,.{digits}f}"


def _mean_sd(s: Spread, digits: int = 0) -> str:
    return f"{_num(s.mean, digits)} ± {_num(s.sd, digits)}"


def _range(s: Spread, digits: int = 0) -> str:
    return f"{_num(s.low, digits)} to {_num(s.high, digits)}"


def _outcomes_table(report: BalanceReport) -> list[str]:
    rows = [
        "| policy | harmed | harm avoided | avoided, % of baseline | lowest to highest seed "
        "| needs covered % | needs met beyond baseline (people/day) | evacuated |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for p in report.policies:
        avoided = p.spread("harm_avoided_pct")
        rows.append(
            f"| {p.policy} | {_mean_sd(p.spread('harmed'))} | "
            f"{_mean_sd(p.spread('harm_avoided'))} | {_mean_sd(avoided, 1)} | "
            f"{_range(avoided, 1)} | {_mean_sd(p.spread('needs_pct'), 1)} | "
            f"{_mean_sd(p.spread('needs_met_per_day'))} | {_mean_sd(p.spread('evacuated'))} |"
        )
    return rows


def _play_table(report: BalanceReport) -> list[str]:
    rows = [
        "| policy | turns without an order | funds held (k USD, mean) | leverage held (mean) "
        "| " + " | ".join(ORDER_KINDS) + " | negotiations won / failed |",
        "|---|---:|---:|---:|" + "---:|" * len(ORDER_KINDS) + "---:|",
    ]
    for p in report.policies:
        orders = p.mean_orders()
        won, failed = p.spread("negotiations_won"), p.spread("negotiations_failed")
        rows.append(
            f"| {p.policy} | {_mean_sd(p.spread('idle_turns'), 1)} | "
            f"{_num(p.spread('mean_funds').mean)} | {_num(p.spread('mean_leverage').mean)} | "
            + " | ".join(_num(orders[k], 1) for k in ORDER_KINDS)
            + f" | {_num(won.mean, 1)} / {_num(failed.mean, 1)} |"
        )
    return rows


def _cause_table(report: BalanceReport) -> list[str]:
    causes = sorted({c for p in report.policies for c in p.mean_harm_by_cause()})
    rows = [
        "| policy | " + " | ".join(causes) + " | killed (of harmed) |",
        "|---|" + "---:|" * len(causes) + "---:|",
    ]
    for p in report.policies:
        by = p.mean_harm_by_cause()
        rows.append(
            f"| {p.policy} | "
            + " | ".join(_num(by.get(c, 0.0), 1) for c in causes)
            + f" | {_mean_sd(p.spread('killed'))} |"
        )
    return rows


def render(report: BalanceReport, command: str) -> str:
    """docs/balance.md: the tables, how they were made, how to read them."""
    seeds = report.seeds
    seed_text = f"{seeds[0]}..{seeds[-1]}" if seeds else "none"
    difficulty = report.difficulty or "none (the scenario as written)"
    lines = [
        "# Balance report",
        "",
        "<!-- generated by the command below; do not edit by hand -->",
        "",
        f"{report.title}: `{report.scenario_file}` (sha256 {report.scenario_hash}…), "
        f"{report.turns} turns, difficulty {difficulty}, {len(seeds)} seeds ({seed_text}) per "
        "policy. Every policy plays the same seeds; each game is compared with the "
        f"no-intervention baseline (`{BASELINE}`) from the same seed. Figures are the mean ± the "
        "standard deviation between seeds; harm figures are model estimates, not counts.",
        "",
        f"Regenerate with `{command}`. The policies are in `game/engine/policies.py`; what the "
        "figures should show and the mechanisms behind them are in "
        "[gameplay.md](gameplay.md).",
        "",
        "## Outcomes against the baseline",
        "",
        *_outcomes_table(report),
        "",
        "*harmed*: people harmed over the campaign (estimate). *harm avoided*: the baseline's "
        "harmed minus the policy's, seed by seed. *needs covered %*: food, water and shelter "
        "needs of the displaced met (Sphere minimums), averaged over the turns. *needs met "
        "beyond baseline*: the equivalent of people fully covered for all three needs beyond "
        "the baseline, on an average day.",
        "",
        "## How the policies play",
        "",
        *_play_table(report),
        "",
        "Order counts are accepted orders per game (mean). Resources held are at the end of "
        "each turn, averaged over the campaign: funds or leverage that pile up are means left "
        "unused.",
        "",
        "## Harm by cause (mean per game, estimates)",
        "",
        *_cause_table(report),
        "",
    ]
    return "\n".join(lines)
