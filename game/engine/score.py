"""The end-of-game report: the player's outcomes against the no-intervention baseline played
from the same seed (people sheltered, reached, evacuated, harm avoided). Harm is an estimate."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.simulate import GameOutcome, GameRecord, play_to_end, run_game
from game.scenario.model import Scenario


@dataclass(frozen=True, slots=True)
class Score:
    """Player and baseline figures at the end, and what the difference means."""

    turns: int
    sheltered: int  # displaced people in shelter at the end
    baseline_sheltered: int
    sheltered_person_days: int  # summed over the turns
    baseline_sheltered_person_days: int
    reached_person_days: int  # daily food/water gaps filled by the player's aid, summed
    needs_units: int  # food, water and shelter needs met (person-days each), summed
    baseline_needs_units: int
    evacuated: int
    harmed: int
    baseline_harmed: int
    trapped: int
    baseline_trapped: int

    @property
    def extra_sheltered(self) -> int:
        return self.sheltered - self.baseline_sheltered

    @property
    def extra_sheltered_per_day(self) -> float:
        """Average more people in shelter each day than without the player."""
        days = max(1, self.turns)
        return (self.sheltered_person_days - self.baseline_sheltered_person_days) / days

    @property
    def reached_per_day(self) -> float:
        """Average people a day whose food or water gap the player's aid filled."""
        return self.reached_person_days / max(1, self.turns)

    @property
    def needs_met_per_day(self) -> float:
        """People whose three Sphere needs (food, water, shelter) were met beyond the baseline,
        on an average day: a third for each need met."""
        return (self.needs_units - self.baseline_needs_units) / (3 * max(1, self.turns))

    @property
    def harm_avoided(self) -> int:
        return self.baseline_harmed - self.harmed

    @property
    def helped(self) -> float:
        """One summary figure: needs met beyond the baseline on an average day + evacuated."""
        return self.needs_met_per_day + self.evacuated

    def lines(self) -> list[str]:
        """The report, one sober line each."""
        return [
            f"Needs met beyond the no-intervention baseline, on an average day: the equivalent "
            f"of {self.needs_met_per_day:,.0f} people fully covered for food, water and shelter.",
            f"People in shelter at the end: {self.sheltered:,} "
            f"(without intervention: {self.baseline_sheltered:,}, {self.extra_sheltered:+,}).",
            f"More people in shelter on an average day: {self.extra_sheltered_per_day:,.0f}.",
            f"People whose daily food or water gap your aid filled, on an average day: "
            f"{self.reached_per_day:,.0f}.",
            f"People evacuated through corridors: {self.evacuated:,}.",
            f"People harmed, model estimate: {self.harmed:,} "
            f"(without intervention: {self.baseline_harmed:,}; avoided: {self.harm_avoided:,}).",
            f"People trapped at the end, model estimate: {self.trapped:,} "
            f"(without intervention: {self.baseline_trapped:,}).",
        ]


def score(player: GameRecord | GameOutcome, baseline: GameRecord | GameOutcome) -> Score:
    """Compare a played game with the baseline from the same seed."""
    a, b = player.final, baseline.final
    fa, fb = player.final_figures, baseline.final_figures
    if fa is None or fb is None:
        raise ValueError("a game of no turns cannot be scored")
    return Score(
        turns=player.turns,
        sheltered=fa.sheltered,
        baseline_sheltered=fb.sheltered,
        sheltered_person_days=a.counters.sheltered_person_days,
        baseline_sheltered_person_days=b.counters.sheltered_person_days,
        reached_person_days=a.counters.reached_person_days,
        needs_units=a.counters.needs_covered_units,
        baseline_needs_units=b.counters.needs_covered_units,
        evacuated=a.counters.evacuated,
        harmed=a.counters.harmed,
        baseline_harmed=b.counters.harmed,
        trapped=fa.trapped,
        baseline_trapped=fb.trapped,
    )


def baseline(
    scenario: Scenario, seed: int, turns: int | None = None, difficulty: str | None = None
) -> GameRecord:
    """The no-intervention game from the same seed."""
    return run_game(scenario, seed, "none", turns=turns, difficulty=difficulty)


def score_game(record: GameRecord | GameOutcome) -> Score:
    """Score a played game against its own baseline (played here, keeping only its end)."""
    base = play_to_end(record.scenario, record.seed, "none", record.turns, record.difficulty)
    return score(record, base)
