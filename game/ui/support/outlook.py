"""What the timeline may bring in the next days, in words for the place and road panels: the
chance of each capture, strike, threat and road change, with the event behind it and whether
that event is a report or the model's projection (issue 19: threats you can see)."""

from __future__ import annotations

from game.engine.forecast import EventForecast, forecast
from game.engine.state import State
from game.inert import markup_escape as escape
from game.scenario.basis import Basis, event_basis
from game.scenario.model import Bombard, Capture, Encircle, RoadChange, Scenario, Threat
from game.text import format as fmt

FORECAST_DAYS = 5  # how far ahead the panels look
SHOWN_FROM = 0.01  # chances below 1% are not worth a line


def chance_words(chance: float) -> str:
    """`certain`, `about 45%`, `under 5%`."""
    if chance >= 0.995:
        return "certain"
    if chance < 0.05:
        return "under 5%"
    return f"about {fmt.percent(chance)}"


def _faction_name(scenario: Scenario, faction: str) -> str:
    f = scenario.faction_by_id.get(faction)
    return fmt.short_faction(f.name) if f else faction


def _what(scenario: Scenario, state: State, item: EventForecast, target: str) -> list[str]:
    """What `item`'s event would do to the place or road `target`."""
    control = {loc.id: loc.control for loc in state.locations}
    status = {road.id: road.status for road in state.roads}
    out = []
    for effect in item.event.effects:
        if isinstance(effect, Capture) and effect.location == target:
            if control.get(target) != effect.faction:
                out.append(f"taken by {escape(_faction_name(scenario, effect.faction))}")
        elif isinstance(effect, Bombard) and effect.target == target:
            out.append(f"strikes at {effect.intensity:.2f} for {fmt.count(effect.days, 'day')}")
        elif isinstance(effect, Threat) and effect.location == target:
            out.append(f"threat {effect.level:.2f} for {fmt.count(effect.days, 'day')}")
        elif isinstance(effect, Encircle) and effect.location == target:
            out.append("its approaches or exits change hands")
        elif (
            isinstance(effect, RoadChange)
            and effect.road == target
            and effect.status is not None
            and effect.status != status.get(target)
        ):
            out.append(f"becomes {effect.status.value}")
    return out


def outlook_lines(
    scenario: Scenario, state: State, target: str, days: int = FORECAST_DAYS
) -> list[str]:
    """One line (markup) per timeline event that may touch the place or road `target` within
    `days` days, likeliest first."""
    rows = []
    for item in forecast(scenario, state, days):
        chance = item.within(days)
        if chance < SHOWN_FROM:
            continue
        what = _what(scenario, state, item, target)
        if not what:
            continue
        basis = "report" if event_basis(item.event) is Basis.REPORTED else "projection"
        first = next(k for k, x in enumerate(item.by_turn) if x > 0.0)
        when = "tomorrow" if first == 0 else f"from day {first + 1}"
        rows.append(
            (
                -chance,
                item.event.id,
                f" [b]{chance_words(chance)}[/] ({when}): {'; '.join(what)}. "
                f"[dim]{escape(item.event.title)} ({basis})[/]",
            )
        )
    rows.sort()
    return [line for _, _, line in rows]


def outlook_section(
    scenario: Scenario, state: State, target: str, days: int = FORECAST_DAYS
) -> list[str]:
    """The panel's section: a heading and the lines, or nothing if nothing is expected."""
    lines = outlook_lines(scenario, state, target, days)
    if not lines:
        return []
    return [
        "",
        f"[b]Expected in the next {fmt.count(days, 'day')}[/] "
        "[dim](timeline chances, model estimates)[/]",
        *lines,
    ]
