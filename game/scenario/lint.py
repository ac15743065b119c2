"""Likely mistakes in a valid scenario: what the format allows but an author rarely means.

`refusals` are what the engine cannot honour (a humanitarian faction capturing a town): the
validator reports them as errors. `warnings` are likely mistakes (a populated place no road
reaches, a camp no one can get to, a place whose people can never flee, a full camp...):
`corridor validate` prints them and still exits 0. Each finding names the key path of the entry
it is about; the validator turns the path into a line and column.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from game.scenario.basis import cited_sources
from game.scenario.model import (
    Basis,
    Bombard,
    Capture,
    Encircle,
    FactionRole,
    Location,
    LocationKind,
    RoadChange,
    RoadStatus,
    Scenario,
    Threat,
)
from game.scenario.parameters import PARAMETERS

# A camp whose people at the start exceed its places by this factor is reported as full.
FULL_CAMP = 1.0
# Free shelter places below this share of the people who may have to flee is reported.
SHELTER_SHARE = 0.05


@dataclass(frozen=True, slots=True)
class Finding:
    """One likely mistake (or refusal): the key path it is about, what and how to fix it."""

    path: str
    message: str
    hint: str


def refusals(scenario: Scenario) -> list[Finding]:
    """What the engine cannot honour: captures by a humanitarian faction."""
    roles = {f.id: f.role for f in scenario.factions}
    found = []
    for path, effect in _effects(scenario, Capture):
        if roles.get(effect.faction) is FactionRole.HUMANITARIAN:
            found.append(
                Finding(
                    f"{path}.faction",
                    f"`{effect.faction}` is a humanitarian faction: it cannot capture "
                    f"`{effect.location}`",
                    "captures are made by the sides of the conflict: name an attacker (or a "
                    "defender retaking the place), or give the faction another role",
                )
            )
    return found


def warnings(scenario: Scenario) -> list[Finding]:
    """Likely mistakes, in file order of the entries they are about."""
    found: list[Finding] = []
    found.extend(_places(scenario))
    found.extend(_sides(scenario))
    found.extend(_events(scenario))
    found.extend(_shelter(scenario))
    return found


# --- places and roads --------------------------------------------------------------------------


def _usable_roads(scenario: Scenario) -> set[str]:
    """Roads people can use at some point: not closed at the start, or opened by an event."""
    usable = {r.id for r in scenario.roads if r.status is not RoadStatus.CLOSED}
    for _, effect in _effects(scenario, RoadChange):
        if effect.status is not None and effect.status is not RoadStatus.CLOSED:
            usable.add(effect.road)
    return usable


def _reachable(scenario: Scenario, usable: set[str], starts: set[str]) -> set[str]:
    """Places reachable from `starts` over `usable` roads."""
    links: dict[str, list[str]] = {}
    for road in scenario.roads:
        if road.id in usable:
            links.setdefault(road.a, []).append(road.b)
            links.setdefault(road.b, []).append(road.a)
    seen = set(starts)
    todo = list(starts)
    while todo:
        for other in links.get(todo.pop(), ()):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


def _places(scenario: Scenario) -> Iterator[Finding]:
    usable = _usable_roads(scenario)
    exits_opened = {e.location for _, e in _effects(scenario, Encircle) if e.open_exits}
    attackers = _attackers(scenario)
    for i, loc in enumerate(scenario.locations):
        path = f"locations[{i}]"
        roads = scenario.roads_at(loc.id)
        if not roads:
            if loc.population:
                yield Finding(
                    f"{path}.id",
                    f"`{loc.id}` has {loc.population:,} people but no road: they can never "
                    "flee, and no convoy can reach them",
                    f"add a road with `from` or `to` `{loc.id}` under `roads:`",
                )
            continue
        if (
            loc.population
            and loc.control not in attackers
            and not any(r.id in usable for r in roads)
        ):
            yield Finding(
                f"{path}.id",
                f"every road out of `{loc.id}` is closed for the whole campaign: its "
                f"{loc.population:,} people can never flee",
                "open one of its roads (`status: open` or `contested`), or have an event open it",
            )
        enc = loc.encirclement
        if enc is not None and not enc.open_exits and loc.population and loc.id not in exits_opened:
            yield Finding(
                f"{path}.encirclement.open_exits",
                f"`{loc.id}` is encircled with no open exit, and no event opens one: its "
                "people are trapped for the whole campaign",
                "name the roads people can still leave by, or add an `encircle` effect that "
                "opens one",
            )
    populated = {
        loc.id
        for loc in scenario.locations
        if loc.population and loc.kind not in (LocationKind.CAMP, LocationKind.CROSSING)
    }
    reached = _reachable(scenario, usable, populated) if populated else set()
    for i, loc in enumerate(scenario.locations):
        if loc.kind not in (LocationKind.CAMP, LocationKind.CROSSING) or not scenario.roads_at(
            loc.id
        ):
            continue
        if populated and loc.id not in reached:  # camps and crossings are not in `populated`
            yield Finding(
                f"locations[{i}].id",
                f"{loc.kind.value} `{loc.id}` cannot be reached: no road that is ever usable "
                "leads there from a populated place",
                "connect it by an open or contested road, or have an event open one",
            )


# --- sides ---------------------------------------------------------------------------------------


def _attackers(scenario: Scenario) -> set[str]:
    return {f.id for f in scenario.factions if f.role is FactionRole.ATTACKER}


def _sides(scenario: Scenario) -> Iterator[Finding]:
    attackers = _attackers(scenario)
    roles = {f.id: f.role for f in scenario.factions}
    if not attackers:
        yield Finding(
            "factions",
            "no faction has `role: attacker`: there is no front, so only bombardment, "
            "encirclement and `threat` effects make people flee",
            "give the side that takes places `role: attacker`",
        )
    for i, loc in enumerate(scenario.locations):
        if roles.get(loc.control) is FactionRole.HUMANITARIAN:
            yield Finding(
                f"locations[{i}].control",
                f"`{loc.id}` is held by the humanitarian faction `{loc.control}`",
                "places are held by the sides of the conflict; the humanitarian faction is "
                "the player's side",
            )
        if loc.hub and loc.control in attackers:
            yield Finding(
                f"locations[{i}].hub",
                f"hub `{loc.id}` is held by an attacker at the start: no convoy can start there",
                "make a place the player's side can use a hub",
            )
    held = {loc.id: loc.control for loc in scenario.locations}
    taken_by_attacker = {
        e.location for _, e in _effects(scenario, Capture) if e.faction in attackers
    }
    for path, effect in _effects(scenario, Capture):
        role = roles.get(effect.faction)
        if role in (FactionRole.DEFENDER, FactionRole.OTHER) and (
            held.get(effect.location) not in attackers and effect.location not in taken_by_attacker
        ):
            yield Finding(
                f"{path}.faction",
                f"`{effect.faction}` ({role.value}) takes `{effect.location}`, which no attacker "
                "holds: only an attacker's capture makes a place fall, so nothing happens but "
                "a change of holder",
                f"if `{effect.faction}` is the side that takes places, give it `role: attacker`",
            )


# --- events --------------------------------------------------------------------------------------


def _events(scenario: Scenario) -> Iterator[Finding]:
    never = _never_happen(scenario)
    attackers = _attackers(scenario)
    held = {loc.id: loc.control for loc in scenario.locations}
    for i, event in enumerate(scenario.timeline):
        path = f"timeline[{i}]"
        if event.id in never:
            why = (
                "its probability is 0 and it has no `latest`"
                if event.probability <= 0.0 and event.latest is None
                else f"it waits for `{event.after}`, which can never happen"
            )
            yield Finding(
                f"{path}.id",
                f"event `{event.id}` can never happen: {why}",
                "give it a probability above 0 or a `latest` date",
            )
        if event.basis is Basis.REPORTED:
            if event.probability < 1.0 or event.after is not None:
                yield Finding(
                    f"{path}.basis",
                    f"event `{event.id}` is shown as reported, but the model decides whether "
                    "and when it happens (its probability is below 1 or it waits for another "
                    "event)",
                    "give it `probability: 1` and a `date`, or `basis: projected`",
                )
            elif not cited_sources(event):
                yield Finding(
                    f"{path}.basis",
                    f"event `{event.id}` is shown as reported but cites only assumptions",
                    "cite the article or a listed record that reports it",
                )
        for j, effect in enumerate(event.effects):
            target = effect.location if isinstance(effect, Threat) else None
            if target and held.get(target) in attackers and not _changes_hands(scenario, target):
                yield Finding(
                    f"{path}.effects[{j}].threat.location",
                    f"`{target}` is held by an attacker for the whole campaign: threat there "
                    "moves no one (people flee only from places an attacker does not hold)",
                    "aim the threat at a place the other side holds (a `bombard` effect there "
                    "still harms people)",
                )


def _changes_hands(scenario: Scenario, place: str) -> bool:
    return any(e.location == place for _, e in _effects(scenario, Capture))


def _never_happen(scenario: Scenario) -> set[str]:
    """Events that cannot happen: probability 0 without `latest`, or after one of those."""
    never = {e.id for e in scenario.timeline if e.probability <= 0.0 and e.latest is None}
    changed = True
    while changed:
        changed = False
        for event in scenario.timeline:
            if event.id not in never and event.after in never:
                never.add(event.id)
                changed = True
    return never


# --- shelter -------------------------------------------------------------------------------------


def _parameter(scenario: Scenario, name: str) -> float:
    """A model parameter's value in the scenario, or its default."""
    if name in scenario.model:
        return scenario.model[name].value
    return PARAMETERS[name].default or 0.0


def _shelter(scenario: Scenario) -> Iterator[Finding]:
    floor = _parameter(scenario, "capacity_floor")
    shun = (
        "will not choose it"
        if floor <= 0.0
        else f"will seldom choose it (capacity_floor {floor:g})"
    )
    for i, loc in enumerate(scenario.locations):
        if loc.kind is not LocationKind.CAMP:
            continue
        if loc.shelter_capacity == 0:
            yield Finding(
                f"locations[{i}].shelter_capacity",
                f"camp `{loc.id}` has no shelter places: people fleeing {shun} "
                "(a camp attracts by its free places)",
                "give the camp its places, or make it a `town` if it is not a camp",
            )
        elif loc.displaced > loc.shelter_capacity * FULL_CAMP:
            yield Finding(
                f"locations[{i}].shelter_capacity",
                f"camp `{loc.id}` is full at the start ({loc.displaced:,} displaced people for "
                f"{loc.shelter_capacity:,} places): people fleeing {shun}",
                "check the figures; if it is really full, people will go to towns instead",
            )
    free = sum(max(0, loc.shelter_capacity - loc.displaced) for loc in scenario.locations)
    exposed = sum(loc.population for loc in _exposed(scenario))
    if exposed and free < SHELTER_SHARE * exposed:
        yield Finding(
            "locations",
            f"{free:,} free shelter places in all for {exposed:,} people in places the front "
            f"or the timeline reaches (less than {SHELTER_SHARE:.0%}): almost everyone who "
            "flees will be without shelter",
            "check `shelter_capacity` and `displaced`: the free places are capacity minus "
            "displaced people at the start",
        )


def _exposed(scenario: Scenario) -> list[Location]:
    """Places people may have to flee: bombarded or encircled at the start, or named by an
    event (taken, struck, encircled, threatened), or next to a place an attacker holds."""
    attackers = _attackers(scenario)
    named: set[str] = set()
    for event in scenario.timeline:
        for effect in event.effects:
            target = getattr(effect, "location", None) or getattr(effect, "target", None)
            if isinstance(target, str):
                named.add(target)
    front: set[str] = set()
    for road in scenario.roads:
        ends = (scenario.location_by_id[road.a], scenario.location_by_id[road.b])
        if (ends[0].control in attackers) != (ends[1].control in attackers):
            front.update({road.a, road.b})
    return [
        loc
        for loc in scenario.locations
        if loc.control not in attackers
        and (loc.bombardment or loc.encirclement or loc.id in named or loc.id in front)
    ]


def _effects(scenario: Scenario, kind: type) -> Iterator[tuple[str, Any]]:
    """(key path, effect) of every effect of `kind`, in file order."""
    names = {Capture: "capture", RoadChange: "road", Encircle: "encircle", Bombard: "bombard"}
    names[Threat] = "threat"
    for i, event in enumerate(scenario.timeline):
        for j, effect in enumerate(event.effects):
            if isinstance(effect, kind):
                yield f"timeline[{i}].effects[{j}].{names.get(kind, kind.__name__.lower())}", effect
