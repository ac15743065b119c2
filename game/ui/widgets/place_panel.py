"""The panel for the selected place or road: who is there, who holds it, what reaches it, and
where each fact comes from (reports shown as reports, beside the model's state)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from textual.containers import VerticalScroll

from game.inert import markup_escape as escape
from game.scenario.model import FactionRole, LocationKind, RoadStatus, Scenario
from game.text import format as fmt
from game.text.format import short_faction
from game.text.names import short_names
from game.turns import turn_date
from game.ui.support import glyphs
from game.ui.support.outlook import FORECAST_DAYS, chance_words, outlook_section
from game.ui.widgets.lazy_text import LazyText

if TYPE_CHECKING:
    from game.engine import Event, State


NOTHING_SELECTED = "Select a place on the map (arrow keys, or click)."


def _faction(scenario: Scenario, faction_id: str) -> tuple[str, str]:
    """(symbol, short name) of a faction, by its role."""
    f = scenario.faction_by_id.get(faction_id)
    if f is None:
        return glyphs.HELD_OTHER, faction_id
    sym = {
        FactionRole.ATTACKER: glyphs.HELD_ATTACKER,
        FactionRole.DEFENDER: glyphs.HELD_DEFENDER,
    }.get(f.role, glyphs.HELD_OTHER)
    return sym, short_faction(f.name)


def _intensity(x: float) -> str:
    if x <= 0.01:
        return "none"
    if x < 0.25:
        return "light"
    if x < 0.6:
        return "heavy"
    return "very heavy"


def _row(label: str, value: str, width: int = 18) -> str:
    return f"{escape(label):<{width}} {value}"


def _status_word(status: RoadStatus) -> str:
    return {
        RoadStatus.OPEN: f"{glyphs.ROAD_OPEN} open",
        RoadStatus.CONTESTED: f"{glyphs.ROAD_CONTESTED} contested",
        RoadStatus.CLOSED: f"{glyphs.ROAD_CLOSED} closed",
    }[status]


def _place_figure(events: Sequence[Event], place: str, kind: str) -> int | None:
    total = None
    for ev in events:
        if ev.place == place and ev.kind == kind and ev.figures:
            value = ev.figures.get("people", next(iter(ev.figures.values())))
            total = (total or 0) + int(value)
    return total


def timeline_reports(scenario: Scenario, state: State, place: str) -> list[str]:
    """Lines for the timeline events that touched `place` and have happened, with sources."""
    lines = []
    for ev in scenario.timeline:
        turn = state.fired_turn(ev.id)
        if turn is None:
            continue
        touched = any(
            place
            in (
                getattr(eff, "location", None),
                getattr(eff, "road", None),
                getattr(eff, "target", None),
            )
            for eff in ev.effects
        )
        if touched:
            date = turn_date(scenario.meta.start_date, scenario.meta.turn_days, turn)
            cite = fmt.citations(ev.source)
            lines.append(
                f"{fmt.short_day(date)}: {escape(ev.title)}"
                + (f" [dim]({escape(cite)})[/]" if cite else "")
            )
    return lines


def location_markup(
    scenario: Scenario,
    state: State,
    events: Sequence[Event],
    place: str,
    threat: float | None = None,
) -> str:
    """The panel's text for a location, as Textual markup; `threat` is the engine's view of
    the threat people feel there (0..1), when known."""
    loc = scenario.location_by_id[place]
    ls = state.location(place)
    sym, holder = _faction(scenario, ls.control)
    out: list[str] = []
    kind = loc.kind.value + (f", {loc.localities} localities" if loc.localities > 1 else "")
    out.append(f"[b $accent]{escape(loc.name)}[/]  [dim]{kind}[/]")
    status = f"{sym} held by {escape(holder)}"
    if ls.captured_turn:
        meta = scenario.meta
        taken = turn_date(meta.start_date, meta.turn_days, ls.captured_turn)
        status += f" (since {fmt.short_day(taken)}, turn {ls.captured_turn})"
    if ls.encircled:
        status += f" · {glyphs.ENCIRCLED} [b]encircled[/]"
    out.append(status)
    if ls.encircled or ls.approaches:
        parts = []
        for direction, faction in ls.approaches:
            s, _ = _faction(scenario, faction)
            parts.append(f"{direction} {s}")
        if parts:
            out.append("Approaches: " + "  ".join(parts))
        if ls.encircled:
            exits = [scenario.road_by_id[r] for r in ls.open_exits if r in scenario.road_by_id]
            if exits:
                short = short_names(scenario)
                names = ", ".join(escape(short[r.other_end(place)]) for r in exits)
                out.append(f"Open exits: roads to {names}")
            else:
                out.append(f"[b]No open exit[/] {glyphs.ROAD_CLOSED}: people cannot leave")
    out.append("")
    out.append(_row("People here", f"[b]{fmt.people(ls.population)}[/]"))
    out.append(_row("  residents", fmt.people(ls.residents)))
    out.append(_row("  displaced,", ""))
    out.append(_row("    in shelter", fmt.people(ls.sheltered)))
    out.append(_row("    without", fmt.people(ls.unsheltered)))
    if ls.en_route:
        out.append(_row("      on the way", fmt.people(ls.en_route)))
    trapped = _place_figure(events, place, "trapped")
    out.append(_row("  trapped", fmt.people(trapped) if trapped else "—"))
    out.append(f"[dim]{escape(trapped_note(scenario))}[/]")
    if loc.kind != LocationKind.CROSSING:
        tents = f" + {fmt.people(ls.tents)} in tents" if ls.tents else ""
        out.append(_row("Shelter places", f"{fmt.people(ls.capacity)}{tents}"))
    if ls.food or ls.water:
        out.append("Your aid here, person-days:")
        for what, amount in (("  food", ls.food), ("  water", ls.water)):
            days = f" ({amount / ls.displaced:.1f} days)" if ls.displaced and amount else ""
            out.append(_row(what, f"{fmt.compact(amount)}{days}"))
    covered = _needs_line(events, place)
    if covered:
        out.append(_row("Needs covered", covered))
    elif state.turn:
        out.append(_row("Needs met, region", f"{round(state.day.needs_covered_pct)}% last day"))
    from game.engine.intensity import place_intensity
    from game.engine.network import network

    bomb = place_intensity(ls, network(scenario).params.pause_bombardment_factor)
    out.append(_row("Bombardment", f"{_intensity(bomb)} ({bomb:.2f})"))
    if threat is not None:
        out.append(_row("Threat felt", f"{_intensity(threat)} ({threat:.2f})"))
    if ls.pause_days:
        out.append(_row("Pause", f"holds {fmt.count(ls.pause_days, 'more day')}"))
    if ls.threat_days:
        out.append(_row("Expected threat", f"for {fmt.count(ls.threat_days, 'more day')}"))
    out.append(_row("Harmed (estimate)", fmt.people(ls.harmed)))
    out.extend(outlook_section(scenario, state, place))
    roads = scenario.roads_at(place)
    if roads:
        from game.engine.forecast import road_outlook

        ahead = road_outlook(scenario, state, FORECAST_DAYS)
        out.append("")
        out.append("[b]Roads[/]")
        for road in roads:
            rs = state.road(road.id)
            other = short_names(scenario)[road.other_end(place)]
            hw = f"{road.highway} " if road.highway else ""
            extra = f", corridor {rs.corridor_days} d" if rs.corridor_days else ""
            change = ahead.get(road.id)
            if change is not None:
                extra += (
                    f" [dim]({change.status.value}: {chance_words(change.chance)}"
                    f" in {FORECAST_DAYS} d)[/]"
                )
            out.append(f" {hw}to {escape(other)} {road.km:g} km, {_status_word(rs.status)}{extra}")
    out.append("")
    out.append("[b]Reports and sources[/]")
    for src in loc.source:
        out.append(f" [dim]{escape(src)}[/]")
    if loc.encirclement is not None:
        for src in loc.encirclement.source:
            out.append(f" [dim]encirclement: {escape(src)}[/]")
    for line in timeline_reports(scenario, state, place):
        out.append(f" {line}")
    if loc.notes:
        out.append(f" [dim]note: {escape(loc.notes)}[/]")
    return "\n".join(out)


def trapped_note(scenario: Scenario) -> str:
    """One line on who counts as trapped (the help's Rules page says more)."""
    from game.engine.network import network

    params = network(scenario).params
    return (
        f"    (everyone here while the threat is {params.trap_threat:.2f}+ and no road "
        "out is open; counted anew each day: ? Rules)"
    )


def _needs_line(events: Sequence[Event], place: str) -> str | None:
    for ev in events:
        if ev.place == place and ev.kind == "needs":
            pct = ev.figures.get("needs_covered_pct", ev.figures.get("covered_pct"))
            if pct is not None:
                return f"{round(float(pct))}%"
    return None


def road_markup(scenario: Scenario, state: State, road_id: str) -> str:
    """The panel's text for a road."""
    from game.engine.intensity import road_intensity

    road = scenario.road_by_id[road_id]
    rs = state.road(road_id)
    a = scenario.location_by_id[road.a].name
    b = scenario.location_by_id[road.b].name
    _, holder = _faction(scenario, rs.control)
    kind = f"road, {road.highway}" if road.highway else "road"
    out = [
        f"[b $accent]{escape(a)} – {escape(b)}[/]  [dim]{kind}[/]",
        _row("Length", f"{road.km:g} km"),
        _row("Status", _status_word(rs.status)),
        _row("Held by", escape(holder)),
        _row("Bombardment", f"{_intensity(road_intensity(rs))}"),
    ]
    if rs.corridor_days:
        out.append(_row("Corridor", f"holds {fmt.count(rs.corridor_days, 'more day')}"))
    moving = sum(t.people for t in state.transit if t.road == road_id)
    out.append(_row("People on the road", fmt.people(moving)))
    out.extend(outlook_section(scenario, state, road_id))
    out.append("")
    out.append("[b]Sources[/]")
    for src in road.source:
        out.append(f" [dim]{escape(src)}[/]")
    for line in timeline_reports(scenario, state, road_id):
        out.append(f" {line}")
    return "\n".join(out)


class PlacePanel(VerticalScroll):
    """Shows one location or road; `show()` replaces what it shows (built when painted), and a
    new place starts at the top."""

    _threats: tuple[object, dict[str, float]] | None = None

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.place: str | None = None

    def _threat(self, scenario: Scenario, state: State, place: str) -> float | None:
        """The engine's threat view, computed once per state."""
        if self._threats is None or self._threats[0] is not state:
            from game.engine.threat import threat_by_id

            self._threats = (state, threat_by_id(scenario, state))
        return self._threats[1].get(place)

    def compose(self):
        yield LazyText(NOTHING_SELECTED, id="place-text")

    def markup(
        self, scenario: Scenario, state: State, events: Sequence[Event], place: str | None
    ) -> str:
        """The text for `place` (a location or a road id)."""
        if place is None:
            return NOTHING_SELECTED
        if place in scenario.location_by_id:
            threat = self._threat(scenario, state, place)
            return location_markup(scenario, state, events, place, threat)
        if place in scenario.road_by_id:
            return road_markup(scenario, state, place)
        return NOTHING_SELECTED

    def show(
        self, scenario: Scenario, state: State, events: Sequence[Event], place: str | None
    ) -> None:
        self.query_one("#place-text", LazyText).show(
            partial(self.markup, scenario, state, events, place)
        )
        if place != self.place:
            self.place = place
            self.scroll_home(animate=False)
