"""Harm from unmet needs: the excess deaths and serious illness of displaced people whose water,
food or shelter falls short of the Sphere minimums (issue 19; docs/gameplay.md section 1).

Displacement emergencies kill mostly through disease made worse by unsafe water, hunger and
cold, more than through violence. Each day, at each place, every person-day of an unmet need
carries `needs_mortality` excess deaths; hunger counts through a running share of food unmet
over about `malnutrition_days` (it harms over weeks), shelter through the people without it and,
at `tent_exposure`, those in tents. Of those harmed, `needs_fatal_share` die. Figures are model
estimates. The arithmetic of one place's day comes first; `apply` and `log` run it in a turn
(called by the aid rule once today's stocks are handed out).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from game.engine import events as ev
from game.engine.apportion import apportion

if TYPE_CHECKING:
    from game.engine.work import Work

CAUSES = ("water", "food", "shelter")


@dataclass(frozen=True, slots=True)
class NeedsParams:
    """The rule's parameters (scenario `model:`; units there)."""

    needs_mortality: float  # excess deaths per unmet need-person-day
    needs_fatal_share: float  # deaths / harmed
    malnutrition_days: float  # time constant of the food-gap memory, days
    tent_exposure: float  # a tent's exposure against none, 0..1
    baseline_coverage: float  # share of food and water the existing response meets
    access_loss: float  # share of that response lost at threat 1
    unsheltered_access: float = 1.0  # share of it that reaches people without shelter


@dataclass(frozen=True, slots=True)
class PlaceDay:
    """One place's needs on one day, after today's stocks were handed out."""

    sheltered: int
    unsheltered: int
    capacity: int  # lasting shelter places; the sheltered beyond them are in tents
    water_covered: int  # person-days of water met today (existing response + deliveries)
    food_covered: int
    food_gap: float  # the running share of food unmet, before today


@dataclass(frozen=True, slots=True)
class NeedsHarm:
    """What one place's unmet needs do today (expected values, before rounding)."""

    food_gap: float  # the running share of food unmet, after today
    need_days: tuple[float, float, float]  # unmet person-days of water, food, shelter
    deaths: float
    harmed: float

    def harmed_by_cause(self, harmed: int) -> tuple[int, ...]:
        """`harmed` people (the rounded figure) split between the causes in proportion."""
        return tuple(apportion(harmed, list(self.need_days)))


def existing_coverage(p: NeedsParams, threat: float) -> float:
    """The share of food and water needs the existing response meets at a place under
    `threat` (0..1): access is lost as the front nears."""
    return p.baseline_coverage * (1.0 - p.access_loss * min(1.0, max(0.0, threat)))


def covered_by_response(p: NeedsParams, sheltered: int, unsheltered: int, threat: float) -> int:
    """Person-days of food (and of water) the existing response covers today at a place: its
    share of the sheltered, and `unsheltered_access` of that share for people without shelter
    (the response works through camps and collective centres)."""
    share = existing_coverage(p, threat)
    return int(sheltered * share + unsheltered * share * p.unsheltered_access + 0.5)


def next_food_gap(p: NeedsParams, previous: float, unmet_share: float) -> float:
    """The running share of food unmet: an exponential mean with time constant
    `malnutrition_days`, so a place fed after weeks of hunger still harms for a while."""
    days = max(1.0, p.malnutrition_days)
    return round(previous + (unmet_share - previous) / days, 6)


def place_harm(p: NeedsParams, day: PlaceDay) -> NeedsHarm:
    """Expected deaths and harmed at one place today, and its food memory after today."""
    displaced = day.sheltered + day.unsheltered
    if displaced <= 0:
        return NeedsHarm(day.food_gap, (0.0, 0.0, 0.0), 0.0, 0.0)
    unmet_water = max(0, displaced - day.water_covered)
    unmet_food_share = max(0, displaced - day.food_covered) / displaced
    gap = next_food_gap(p, day.food_gap, unmet_food_share)
    in_tents = max(0, day.sheltered - day.capacity)
    need_days = (
        float(unmet_water),
        displaced * gap,
        day.unsheltered + p.tent_exposure * in_tents,
    )
    deaths = p.needs_mortality * sum(need_days)
    share = p.needs_fatal_share
    harmed = min(float(displaced), deaths / share) if share > 0 else 0.0
    return NeedsHarm(gap, need_days, deaths, harmed)


def round_harm(
    p: NeedsParams, harm: NeedsHarm, displaced: int, draws: tuple[float, float]
) -> tuple[int, int]:
    """(harmed, killed) as whole people: each expected figure rounded up or down by a uniform
    draw in proportion to its fraction, never more than the people there."""
    u_harmed, u_killed = draws
    low = int(harm.harmed)
    harmed = min(displaced, low + (1 if u_harmed < harm.harmed - low else 0))
    x = harmed * p.needs_fatal_share
    low = int(x)
    killed = min(harmed, low + (1 if u_killed < x - low else 0))
    return harmed, killed


def dead_from(harm: NeedsHarm, killed: int, sheltered: int, unsheltered: int) -> tuple[int, int]:
    """(from the sheltered, from the unsheltered): the dead split by each pool's share of the
    need-person-days (water and food weigh on both pools, shelter on those without it)."""
    displaced = sheltered + unsheltered
    if killed <= 0 or displaced <= 0:
        return 0, 0
    water, food, shelter = harm.need_days
    per_person = (water + food) / displaced
    weights = [
        sheltered * per_person + max(0.0, shelter - unsheltered),
        unsheltered * per_person + min(shelter, float(unsheltered)),
    ]
    from_sheltered, from_unsheltered = apportion(killed, weights)
    # never more than a pool holds (the weights keep it so but for rounding at the edges)
    from_unsheltered = min(from_unsheltered, unsheltered)
    from_sheltered = min(killed - from_unsheltered, sheltered)
    return from_sheltered, from_unsheltered


# --- the rule in a turn -------------------------------------------------------------------------


def params_of(p: Any) -> NeedsParams:
    """The rule's parameters from the scenario's `Params`."""
    return NeedsParams(
        needs_mortality=p.needs_mortality,
        needs_fatal_share=p.needs_fatal_share,
        malnutrition_days=p.malnutrition_days,
        tent_exposure=p.tent_exposure,
        baseline_coverage=p.baseline_coverage,
        access_loss=p.access_loss,
        unsheltered_access=p.unsheltered_access,
    )


@dataclass(slots=True)
class DayTotals:
    """Harmed and killed by cause over the places, for the day's log lines."""

    harmed: list[int] = field(default_factory=lambda: [0, 0, 0])
    killed: list[int] = field(default_factory=lambda: [0, 0, 0])


def apply(
    work: Work,
    i: int,
    covered: tuple[int, int],
    draws: tuple[float, float],
    totals: DayTotals,
) -> None:
    """Place `i`'s day: its food memory moves on, and its unmet needs harm (`covered`: the
    person-days of water and of food met today)."""
    p = params_of(work.p)
    place = work.locations[i]
    day = PlaceDay(
        sheltered=place.sheltered,
        unsheltered=place.unsheltered,
        capacity=place.capacity,
        water_covered=covered[0],
        food_covered=covered[1],
        food_gap=place.food_gap,
    )
    harm = place_harm(p, day)
    if harm.food_gap != place.food_gap:
        work.edit(i).food_gap = harm.food_gap
    if not p.needs_mortality:
        return
    displaced = place.sheltered + place.unsheltered
    harmed, killed = round_harm(p, harm, displaced, draws)
    if not harmed:
        return
    by_cause = harm.harmed_by_cause(harmed)
    dead_by_cause = apportion(killed, list(by_cause)) if killed else [0, 0, 0]
    for k in range(len(CAUSES)):
        totals.harmed[k] += by_cause[k]
        totals.killed[k] += dead_by_cause[k]
    from_sheltered, from_unsheltered = dead_from(harm, killed, place.sheltered, place.unsheltered)
    place = work.edit(i)
    place.harmed += harmed
    place.sheltered -= from_sheltered
    place.unsheltered -= from_unsheltered
    place.en_route = min(place.en_route, place.unsheltered)
    work.counters["harmed"] += harmed
    work.counters["killed"] += killed
    work.figures["harmed"] += harmed


_WORDS = {
    "water": "Lack of safe water",
    "food": "Hunger over the past weeks",
    "shelter": "Winter without shelter or in tents",
}


def log(work: Work, totals: DayTotals) -> None:
    """One line per cause: the day's harm from unmet needs, all places together."""
    for k, cause in enumerate(CAUSES):
        harmed, killed = totals.harmed[k], totals.killed[k]
        if not harmed:
            continue
        work.log(
            ev.HARM,
            None,
            f"unmet {cause}",
            f"{_WORDS[cause]}: an estimated "
            f"{ev.count(harmed, 'displaced person', 'displaced people')} seriously ill or dead, "
            f"{ev.count(killed, 'death')} among them.",
            {"harmed": harmed, "killed": killed},
            estimate=True,
        )
