"""The player's orders: what they are, what they cost, and why one may be refused.

Orders are frozen dataclasses; `order_to_dict` / `order_from_dict` give plain JSON-able dicts
(`{"kind": "convoy", ...}`) for saves. `check_order` returns the refusal reason a player sees,
or None if the order can be given now.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, ClassVar

from game.engine import events as ev
from game.engine.network import Network, network
from game.engine.state import State
from game.scenario.model import (
    Cargo,
    DilemmaOption,
    LocationKind,
    OrderCost,
    RoadStatus,
    Scenario,
)


@dataclass(frozen=True, slots=True)
class Order:
    """Base of every order; `kind` is its key in `player.costs` and in saved dicts."""

    kind: ClassVar[str] = ""


@dataclass(frozen=True, slots=True)
class SendConvoy(Order):
    """Trucks carry `cargo` from a hub to a destination by the shortest open route."""

    origin: str
    destination: str
    cargo: Cargo
    trucks: int
    kind: ClassVar[str] = "convoy"


@dataclass(frozen=True, slots=True)
class ExpandShelter(Order):
    """Build lasting shelter places (ready after the cost's `days`)."""

    location: str
    places: int
    kind: ClassVar[str] = "shelter"


@dataclass(frozen=True, slots=True)
class NegotiatePause(Order):
    """Ask for a humanitarian pause at a town: if agreed, its capture is postponed and
    bombardment eases while the pause holds."""

    location: str
    kind: ClassVar[str] = "pause"


@dataclass(frozen=True, slots=True)
class NegotiateCorridor(Order):
    """Ask for a safe evacuation corridor along a road."""

    road: str
    kind: ClassVar[str] = "corridor"


@dataclass(frozen=True, slots=True)
class Evacuate(Order):
    """Move people out of a place along a road where a corridor holds."""

    location: str
    road: str
    people: int
    kind: ClassVar[str] = "evacuate"


@dataclass(frozen=True, slots=True)
class LaunchAppeal(Order):
    """Appeal to donors: funds come in after the cost's `days`."""

    kind: ClassVar[str] = "appeal"


@dataclass(frozen=True, slots=True)
class ChooseOption(Order):
    """Answer an open dilemma with one of its options (its cost is the option's)."""

    dilemma: str
    option: str
    kind: ClassVar[str] = "choose"


ORDER_CLASSES: dict[str, type[Order]] = {
    cls.kind: cls
    for cls in (
        SendConvoy,
        ExpandShelter,
        NegotiatePause,
        NegotiateCorridor,
        Evacuate,
        LaunchAppeal,
        ChooseOption,
    )
}


# --- costs --------------------------------------------------------------------------------------


def _base_cost(scenario: Scenario, kind: str) -> OrderCost:
    return scenario.player.costs.get(kind, OrderCost())


def order_cost(scenario: Scenario, state: State, order: Order) -> OrderCost:
    """What `order` costs. A convoy's funds scale with its trucks (the scenario's cost is for
    `costs.convoy.trucks` trucks); shelter and evacuation costs scale per block of places or
    people (`shelter_block`, `evacuation_block`)."""
    del state  # costs do not depend on the state today; kept for the contract
    if isinstance(order, ChooseOption):
        option = scenario_option(scenario, order)
        return option.cost if option is not None else OrderCost()
    base = _base_cost(scenario, order.kind)
    params = network(scenario).params
    if isinstance(order, SendConvoy):
        trucks = max(0, int(order.trucks))
        per = max(1, base.trucks)
        funds = math.ceil(base.funds * trucks / per)
        return OrderCost(funds=funds, trucks=trucks, leverage=base.leverage, days=base.days)
    if isinstance(order, ExpandShelter):
        units = max(1, math.ceil(max(0, int(order.places)) / params.shelter_block))
        return OrderCost(base.funds * units, base.trucks * units, base.leverage, base.days)
    if isinstance(order, Evacuate):
        units = max(1, math.ceil(max(0, int(order.people)) / params.evacuation_block))
        return OrderCost(base.funds * units, base.trucks * units, base.leverage, base.days)
    return base


# --- checks -------------------------------------------------------------------------------------


def _name(scenario: Scenario, location_id: str) -> str:
    loc = scenario.location_by_id.get(location_id)
    return loc.name if loc else location_id


def _afford(scenario: Scenario, state: State, cost: OrderCost) -> str | None:
    res = state.resources
    if cost.funds > res.funds:
        return (
            f"not enough funds: it needs {cost.funds:,} thousand USD and you have "
            f"{res.funds:,} thousand USD"
        )
    if cost.trucks > res.trucks:
        return (
            f"not enough trucks: it needs {ev.count(cost.trucks, 'truck')} and "
            f"{ev.count(res.trucks, 'truck')} {ev.verb(res.trucks, 'is', 'are')} available"
        )
    if cost.leverage > res.leverage:
        return (
            f"not enough leverage: it needs {cost.leverage:,} leverage and you hold "
            f"{res.leverage:,}"
        )
    return None


def usable_roads(scenario: Scenario, state: State) -> list[bool]:
    """Roads people and convoys can use now (not closed)."""
    return [r.status != RoadStatus.CLOSED for r in state.roads]


def friendly_locations(scenario: Scenario, state: State) -> list[bool]:
    """Locations not held by an attacking faction."""
    net = network(scenario)
    return [not net.hostile(loc.control) for loc in state.locations]


def check_order(scenario: Scenario, state: State, order: Order) -> str | None:
    """Why `order` cannot be given now, or None if it can."""
    if state.game_over:
        return "the campaign is over: no more orders"
    if not isinstance(order, Order) or order.kind not in ORDER_CLASSES:
        return f"unknown order {order!r}"
    net = network(scenario)
    reason = _check_specific(scenario, state, order, net) or _after_the_end(scenario, state, order)
    if reason is not None:
        return reason
    return _afford(scenario, state, order_cost(scenario, state, order))


def scenario_option(scenario: Scenario, order: ChooseOption) -> DilemmaOption | None:
    """The option a `choose` order names, or None."""
    for event in scenario.timeline:
        if event.id == order.dilemma:
            return event.option(order.option)
    return None


def turn_date(scenario: Scenario, turn: int) -> dt.date:
    """The date of turn `turn` (1-based)."""
    return scenario.meta.start_date + dt.timedelta(days=scenario.meta.turn_days * (turn - 1))


def landing_turn(scenario: Scenario, state: State, order: Order) -> int | None:
    """The turn on which an order that takes time has its effect (shelter ready, a
    negotiation's answer, an appeal's first money), or None for an order that acts at once."""
    if isinstance(order, ExpandShelter | NegotiatePause | NegotiateCorridor | LaunchAppeal):
        days = order_cost(scenario, state, order).days
        return state.turn + 1 + -(-days // scenario.meta.turn_days)  # turns, rounded up
    return None


def _after_the_end(scenario: Scenario, state: State, order: Order) -> str | None:
    landing = landing_turn(scenario, state, order)
    if landing is None or landing <= scenario.meta.turns:
        return None
    what = {
        "shelter": "the places would be ready",
        "pause": "the answer would come",
        "corridor": "the answer would come",
        "appeal": "its first money would arrive",
    }[order.kind]
    end = turn_date(scenario, scenario.meta.turns)
    return (
        f"the campaign ends on {end:%d %b}; {what} on {turn_date(scenario, landing):%d %b}, "
        "after the last day"
    )


def _pending(state: State, kind: str, target: str | None) -> bool:
    return any(p.kind == kind and p.target == target for p in state.pending)


def _check_specific(scenario: Scenario, state: State, order: Order, net: Network) -> str | None:
    if isinstance(order, SendConvoy):
        return _check_convoy(scenario, state, order, net)
    if isinstance(order, ExpandShelter):
        return _check_shelter(scenario, state, order, net)
    if isinstance(order, NegotiatePause):
        if order.location not in scenario.location_by_id:
            return f"unknown location {order.location!r}"
        loc = state.locations[net.loc_index[order.location]]
        if net.hostile(loc.control):
            return f"{_name(scenario, order.location)} is already held by the attacking side"
        if loc.pause_days > 0:
            return f"a pause already holds at {_name(scenario, order.location)}"
        if _pending(state, "pause", order.location):
            return f"a pause for {_name(scenario, order.location)} is already being negotiated"
        return None
    if isinstance(order, NegotiateCorridor):
        return _check_corridor(scenario, state, order, net)
    if isinstance(order, Evacuate):
        return _check_evacuation(scenario, state, order, net)
    if isinstance(order, LaunchAppeal):
        if _pending(state, "appeal", None):
            return "an appeal is already under way"
        return None
    if isinstance(order, ChooseOption):
        return _check_choice(scenario, state, order)
    return f"unknown order {order!r}"


def _check_choice(scenario: Scenario, state: State, order: ChooseOption) -> str | None:
    if not any(event_id == order.dilemma for event_id, _ in state.open_dilemmas):
        return f"no decision {order.dilemma!r} is open now"
    if scenario_option(scenario, order) is None:
        return f"the decision has no option {order.option!r}"
    return None


def _check_convoy(scenario: Scenario, state: State, order: SendConvoy, net: Network) -> str | None:
    locs = scenario.location_by_id
    if order.origin not in locs:
        return f"unknown origin {order.origin!r}"
    if order.destination not in locs:
        return f"unknown destination {order.destination!r}"
    if not isinstance(order.cargo, Cargo):
        return f"unknown cargo {order.cargo!r}: food, water or shelter"
    if not isinstance(order.trucks, int) or order.trucks < 1:
        return "a convoy needs at least one truck"
    origin = state.locations[net.loc_index[order.origin]]
    dest = state.locations[net.loc_index[order.destination]]
    if not net.hub[net.loc_index[order.origin]]:
        return f"{_name(scenario, order.origin)} is not an aid hub: convoys start at hubs"
    if net.hostile(origin.control):
        return f"{_name(scenario, order.origin)} is no longer held by the opposition side"
    if net.hostile(dest.control):
        return f"{_name(scenario, order.destination)} is held by attacking forces: no access"
    if order.origin == order.destination:
        return "the convoy's origin and destination are the same place"
    route = shortest_open_route(scenario, state, order.origin, order.destination)
    if route is None:
        return f"no open road leads to {_name(scenario, order.destination)}"
    return None


def _check_shelter(
    scenario: Scenario, state: State, order: ExpandShelter, net: Network
) -> str | None:
    locs = scenario.location_by_id
    if order.location not in locs:
        return f"unknown location {order.location!r}"
    if not isinstance(order.places, int) or order.places < 1:
        return "shelter needs at least one place"
    loc = state.locations[net.loc_index[order.location]]
    if locs[order.location].kind == LocationKind.CROSSING:
        return "no shelter is built at a border crossing"
    if net.hostile(loc.control):
        return f"{_name(scenario, order.location)} is held by attacking forces"
    if loc.encircled:
        return f"{_name(scenario, order.location)} is encircled: nothing can be built there"
    return None


def _check_corridor(
    scenario: Scenario, state: State, order: NegotiateCorridor, net: Network
) -> str | None:
    road = scenario.road_by_id.get(order.road)
    if road is None:
        return f"unknown road {order.road!r}"
    rs = state.roads[net.road_index[order.road]]
    if rs.status == RoadStatus.CLOSED:
        return "the road is closed: no corridor can run along it"
    if rs.corridor_days > 0:
        return "a corridor already holds on this road"
    if _pending(state, "corridor", order.road):
        return "a corridor on this road is already being negotiated"
    a = state.locations[net.loc_index[road.a]]
    b = state.locations[net.loc_index[road.b]]
    if net.hostile(a.control) and net.hostile(b.control):
        return "both ends of the road are held by attacking forces"
    return None


def _check_evacuation(
    scenario: Scenario, state: State, order: Evacuate, net: Network
) -> str | None:
    if order.location not in scenario.location_by_id:
        return f"unknown location {order.location!r}"
    road = scenario.road_by_id.get(order.road)
    if road is None:
        return f"unknown road {order.road!r}"
    if order.location not in (road.a, road.b):
        return f"the road does not start at {_name(scenario, order.location)}"
    rs = state.roads[net.road_index[order.road]]
    if rs.corridor_days <= 0:
        return "no corridor holds on this road: negotiate one first"
    if rs.status == RoadStatus.CLOSED:
        return "the road is closed"
    other = state.locations[net.loc_index[road.other_end(order.location)]]
    if net.hostile(other.control):
        return f"the road leads to {_name(scenario, other.id)}, held by attacking forces"
    loc = state.locations[net.loc_index[order.location]]
    if not isinstance(order.people, int) or order.people < 1:
        return "an evacuation needs at least one person"
    if order.people > loc.population:
        return f"only {loc.population:,} people are in {_name(scenario, order.location)}"
    return None


def shortest_open_route(
    scenario: Scenario, state: State, origin: str, destination: str
) -> tuple[int, ...] | None:
    """Road indexes of the shortest open route between two places, through places not held by
    attacking forces (except that a route may end at its destination), or None."""
    from game.engine.network import shortest_route

    net = network(scenario)
    allowed = friendly_locations(scenario, state)
    return shortest_route(
        net,
        net.loc_index[origin],
        net.loc_index[destination],
        usable_roads(scenario, state),
        allowed,
    )


# --- plain dicts for saves ----------------------------------------------------------------------


def order_to_dict(order: Order) -> dict[str, Any]:
    """`{"kind": "convoy", "origin": ..., ...}` with plain JSON values."""
    data: dict[str, Any] = {"kind": order.kind}
    for f in fields(order):
        value = getattr(order, f.name)
        data[f.name] = value.value if isinstance(value, Cargo) else value
    return data


def order_from_dict(data: Mapping[str, Any]) -> Order:
    """The order a dict describes; ValueError with a readable reason if it does not."""
    if not isinstance(data, Mapping):
        raise ValueError(f"an order must be a mapping, got {type(data).__name__}")
    kind = data.get("kind")
    cls = ORDER_CLASSES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        known = ", ".join(ORDER_CLASSES)
        raise ValueError(f"unknown order kind {kind!r} (known: {known})")
    names = [f.name for f in fields(cls)]
    extra = sorted(set(data) - set(names) - {"kind"})
    if extra:
        raise ValueError(f"unexpected field(s) for a {kind} order: {', '.join(extra)}")
    values: dict[str, Any] = {}
    for f in fields(cls):
        if f.name not in data:
            raise ValueError(f"a {kind} order needs {f.name!r}")
        value = data[f.name]
        if f.name == "cargo":
            try:
                value = Cargo(value)
            except ValueError:
                raise ValueError(f"unknown cargo {value!r}: food, water or shelter") from None
        elif f.name in ("trucks", "places", "people"):
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError(f"{f.name} must be a whole number, got {value!r}")
        elif not isinstance(value, str):
            raise ValueError(f"{f.name} must be a string id, got {value!r}")
        values[f.name] = value
    return cls(**values)
