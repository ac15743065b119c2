"""Effects that bring or take means during the campaign (issue 19: a month with decisions in
it): money that arrives over days, supplies delivered to a place, trucks taken away for a while,
displaced people moved with their shelter, an armed escort for the convoys."""

from __future__ import annotations

from game.engine import events as ev
from game.engine.apportion import apportion
from game.engine.state import Pending
from game.engine.work import Work
from game.scenario.model import Effect, Escort, Funds, HoldTrucks, Relocate, Stock

SUPPLY_EFFECTS = (Funds, Stock, HoldTrucks, Relocate, Escort)


def apply(work: Work, effect: Effect) -> str | None:
    """Apply one of `SUPPLY_EFFECTS`; returns the place it concerns (for the log), if any."""
    if isinstance(effect, Funds):
        pay_over_days(work, effect.amount, effect.days, "funds", "The allocation")
        return None
    if isinstance(effect, Stock):
        return _stock(work, effect)
    if isinstance(effect, HoldTrucks):
        _hold_trucks(work, effect)
        return None
    if isinstance(effect, Relocate):
        return _relocate(work, effect)
    if isinstance(effect, Escort):
        _escort(work, effect)
        return None
    raise TypeError(f"not a supply effect: {effect!r}")


def tranches(amount: int, days: int) -> list[int]:
    """`amount` in `days` whole parts that differ by at most one, the larger first."""
    return apportion(max(0, amount), [1.0] * max(1, days))


def _turns(work: Work, days: int) -> int:
    """Turns that `days` days take, rounded up."""
    return -(-max(1, days) // work.scenario.meta.turn_days)


def pay_over_days(work: Work, amount: int, days: int, kind: str, what: str) -> None:
    """Pay the first part of `amount` now and the rest, one part a turn, as pending `kind`
    items (resolved by `diplomacy.resolve_pending`)."""
    parts = tranches(amount, _turns(work, days))
    work.resources["funds"] += parts[0]
    for k, part in enumerate(parts[1:], start=1):
        if part:
            work.pending.append(Pending(kind, None, work.turn + k, part))
    rest = (
        f"; the rest, {amount - parts[0]:,}, over {ev.count(len(parts) - 1, 'turn')}"
        if len(parts) > 1
        else ""
    )
    work.log(
        ev.APPEAL,
        None,
        kind,
        f"{what} brings {amount:,} thousand USD for your budget: {parts[0]:,} today{rest}.",
        {"funds": parts[0], "total": amount},
    )


def _stock(work: Work, effect: Stock) -> str:
    i = work.net.loc_index[effect.location]
    name = work.name(i)
    if work.hostile_at(i):
        work.log(
            ev.CONVOY,
            effect.location,
            "supply",
            f"Supplies meant for {name} cannot be delivered: it is held by attacking forces.",
        )
        return effect.location
    place = work.edit(i)
    place.food += effect.food
    place.water += effect.water
    place.tents += effect.tents
    what = [
        f"{label} for {amount:,} {unit}"
        for label, amount, unit in (
            ("food", effect.food, "person-days"),
            ("water", effect.water, "person-days"),
            ("tents", effect.tents, "people"),
        )
        if amount
    ]
    work.log(
        ev.CONVOY,
        effect.location,
        "supply",
        f"Supplies reach {name}: {', '.join(what)}.",
        {"food": effect.food, "water": effect.water, "tents": effect.tents},
    )
    return effect.location


def _hold_trucks(work: Work, effect: HoldTrucks) -> None:
    taken = min(effect.trucks, work.resources["trucks"])
    if taken <= 0:
        return
    work.resources["trucks"] -= taken
    work.pending.append(Pending("trucks", None, work.turn + _turns(work, effect.days), taken))
    work.log(
        ev.CONVOY,
        None,
        "trucks",
        f"{taken:,} of your trucks are taken up for {effect.days} days.",
        {"trucks": taken, "days": effect.days},
    )


def _relocate(work: Work, effect: Relocate) -> str:
    """Move displaced people (those without shelter first) and build their places there."""
    i = work.net.loc_index[effect.origin]
    j = work.net.loc_index[effect.destination]
    source = work.locations[i]
    if work.hostile_at(j) or work.hostile_at(i):
        work.log(
            ev.EVACUATION,
            effect.origin,
            "relocation",
            f"The move from {work.name(i)} to {work.name(j)} cannot take place: one of them is "
            "held by attacking forces.",
        )
        return effect.origin
    people = min(effect.people, source.sheltered + source.unsheltered)
    from_unsheltered = min(people, source.unsheltered)
    from_sheltered = people - from_unsheltered
    origin = work.edit(i)
    origin.unsheltered -= from_unsheltered
    origin.sheltered -= from_sheltered
    origin.en_route = min(origin.en_route, origin.unsheltered)
    target = work.edit(j)
    target.capacity += effect.places
    housed = min(people, max(0, target.shelter_places - target.sheltered))
    target.sheltered += housed
    target.unsheltered += people - housed
    work.log(
        ev.EVACUATION,
        effect.origin,
        "relocation",
        f"{people:,} displaced people are moved from {work.name(i)} to {work.name(j)}, where "
        f"{effect.places:,} shelter places are built for them.",
        {"people": people, "places": effect.places},
        estimate=True,
    )
    return effect.origin


def _escort(work: Work, effect: Escort) -> None:
    work.escort_days = max(work.escort_days, effect.days)
    work.escort_strike = min(work.escort_strike, effect.strike_factor)
    work.escort_penalty = max(work.escort_penalty, effect.odds_penalty)
    work.log(
        ev.CONVOY,
        None,
        "escort",
        f"Convoys travel under armed escort for {effect.days} days: not held up on contested "
        f"roads, struck {effect.strike_factor:.0%} as often; negotiations opened meanwhile lose "
        f"{effect.odds_penalty:.0%} of their chance.",
        {"days": effect.days},
    )
