"""A small Idlib-like scenario built in Python, so engine tests need no loader or YAML."""

from __future__ import annotations

import datetime as dt
from types import MappingProxyType

from game.scenario.model import (
    Bombard,
    Capture,
    Difficulty,
    Diplomacy,
    Direction,
    Encircle,
    Encirclement,
    EventKind,
    Faction,
    FactionRole,
    Figure,
    Location,
    LocationKind,
    Meta,
    OrderCost,
    Parameter,
    Player,
    Road,
    RoadChange,
    RoadStatus,
    Scenario,
    Source,
    Threat,
    TimelineEvent,
)

A = ("assumption: test fixture",)


def loc(id_, kind, pop, displaced, capacity, control="opposition", **kw) -> Location:
    return Location(
        id=id_,
        name=id_.replace("_", " ").title(),
        kind=LocationKind(kind),
        lat=35.0,
        lon=36.0,
        population=pop,
        displaced=displaced,
        shelter_capacity=capacity,
        control=control,
        source=A,
        **kw,
    )


def road(id_, a, b, km, status="open", control="opposition", bombardment=0.0) -> Road:
    return Road(
        id=id_,
        a=a,
        b=b,
        km=km,
        control=control,
        status=RoadStatus(status),
        source=A,
        bombardment=bombardment,
    )


def make_scenario(
    *,
    timeline: tuple[TimelineEvent, ...] | None = None,
    model: dict[str, float] | None = None,
    locations: tuple[Location, ...] | None = None,
    roads: tuple[Road, ...] | None = None,
    turns: int = 12,
    funds: int = 800,
    trucks: int = 40,
    leverage: int = 40,
) -> Scenario:
    """The fixture scenario; keyword arguments replace parts of it."""
    if locations is None:
        locations = (
            loc("khan_sheikhoun", "town", 1000, 0, 0, control="government"),
            loc("kfar_roummah", "town", 3000, 0, 0, bombardment=0.4),
            loc(
                "maaret",
                "city",
                12000,
                2000,
                500,
                localities=1,
                bombardment=0.7,
                encirclement=Encirclement(
                    approaches=MappingProxyType(
                        {Direction.E: "government", Direction.S: "government"}
                    ),
                    open_exits=("maaret_kafr_nabl", "m5_maaret_saraqeb"),
                    source=A,
                ),
            ),
            loc("kafr_nabl", "town", 8000, 1000, 1500, bombardment=0.2),
            loc("saraqeb", "city", 30000, 5000, 3000, bombardment=0.3),
            loc("ariha", "city", 40000, 10000, 12000),
            loc("idlib", "city", 150000, 50000, 40000, hub=True),
            loc("atmeh", "camp", 60000, 55000, 70000),
            loc("bab_al_hawa", "crossing", 0, 0, 0, hub=True),
            loc("aleppo", "city", 20000, 0, 0, control="government"),
        )
    if roads is None:
        roads = (
            road("m5_ks_kfar", "khan_sheikhoun", "kfar_roummah", 25, "contested", bombardment=0.3),
            road("kfar_maaret", "kfar_roummah", "maaret", 4),
            road("maaret_kafr_nabl", "maaret", "kafr_nabl", 12),
            road("m5_maaret_saraqeb", "maaret", "saraqeb", 35, "contested", bombardment=0.5),
            road("kafr_nabl_ariha", "kafr_nabl", "ariha", 30),
            road("saraqeb_idlib", "saraqeb", "idlib", 21),
            road("ariha_idlib", "ariha", "idlib", 17),
            road("idlib_bab", "idlib", "bab_al_hawa", 43),
            road("bab_atmeh", "bab_al_hawa", "atmeh", 11),
            road("saraqeb_aleppo", "saraqeb", "aleppo", 64, "closed", control="government"),
        )
    if timeline is None:
        timeline = (
            TimelineEvent(
                id="villages_south",
                kind=EventKind.ADVANCE,
                title="Villages south taken",
                source=("article ¶10: villages seized",),
                date=dt.date(2020, 1, 24),
                localities=12,
            ),
            TimelineEvent(
                id="kfar_roummah_captured",
                kind=EventKind.CAPTURE,
                title="Kfar Roummah taken",
                source=("article ¶6: captured",),
                date=dt.date(2020, 1, 27),
                probability=0.5,
                latest=dt.date(2020, 1, 28),
                effects=(
                    Capture("kfar_roummah", "government"),
                    Encircle(
                        "maaret",
                        MappingProxyType({Direction.N: "government"}),
                        ("maaret_kafr_nabl",),
                    ),
                    RoadChange("m5_maaret_saraqeb", status=RoadStatus.CLOSED),
                ),
                localities=10,
            ),
            TimelineEvent(
                id="us_statement",
                kind=EventKind.STATEMENT,
                title="A statement calls for access",
                source=("article ¶13: statement",),
                date=dt.date(2020, 1, 27),
                effects=(Diplomacy(leverage=10, bonus=0.1, days=5),),
            ),
            TimelineEvent(
                id="maaret_entered",
                kind=EventKind.CAPTURE,
                title="Troops enter Maaret",
                source=("article ¶3: entered",),
                date=dt.date(2020, 1, 28),
                probability=0.7,
                after="kfar_roummah_captured",
                latest=dt.date(2020, 1, 29),
                effects=(Capture("maaret", "government"), Threat("saraqeb", 0.5, 10)),
            ),
            TimelineEvent(
                id="saraqeb_strikes",
                kind=EventKind.BOMBARDMENT,
                title="Strikes on Saraqeb",
                source=("assumption: projection",),
                date=dt.date(2020, 1, 30),
                probability=0.5,
                effects=(Bombard("saraqeb", 0.8, 3), Bombard("saraqeb_idlib", 0.5, 3)),
            ),
            TimelineEvent(
                id="saraqeb_captured",
                kind=EventKind.CAPTURE,
                title="Saraqeb taken",
                source=("assumption: projection, article ¶9 names it the next target",),
                after="maaret_entered",
                delay_days=5,
                probability=0.2,
                effects=(Capture("saraqeb", "government"),),
            ),
        )
    params = {name: Parameter(name, value, "unit", A) for name, value in (model or {}).items()}
    costs = {
        "convoy": OrderCost(funds=10, trucks=5),
        "shelter": OrderCost(funds=50, days=3),
        "pause": OrderCost(leverage=15, days=1),
        "corridor": OrderCost(leverage=10, days=1),
        "evacuate": OrderCost(funds=5, trucks=2),
        "appeal": OrderCost(leverage=5, days=4),
    }
    return Scenario(
        meta=Meta(
            id="fixture",
            title="Fixture",
            start_date=dt.date(2020, 1, 24),
            turns=turns,
            format_version=1,
            description="test",
        ),
        sources=(Source("article", "Article", paragraphs=15),),
        factions=(
            Faction("government", "Government", FactionRole.ATTACKER, A),
            Faction("opposition", "Opposition", FactionRole.DEFENDER, A),
        ),
        locations=locations,
        roads=roads,
        timeline=timeline,
        player=Player(funds=funds, trucks=trucks, leverage=leverage, costs=costs, source=A),
        model=params,
        figures={
            "displaced_since_december": Figure(
                "displaced_since_december", 350000, A, dt.date(2020, 1, 24)
            )
        },
        difficulties=(
            Difficulty("standard", "Standard"),
            Difficulty("hard", "Hard", resources=0.5, event_odds=1.5),
        ),
    )


def play(scenario, turns: int, seed: int = 1, orders=None):
    """Play `turns` turns; `orders` maps a turn number (1-based) to its orders.
    Returns (states after each turn, events of each turn)."""
    from game.engine import Rng, new_game, step

    state = new_game(scenario, seed)
    rng = Rng(seed)
    states, events = [], []
    for turn in range(1, turns + 1):
        state, evs = step(scenario, state, (orders or {}).get(turn, []), rng)
        states.append(state)
        events.append(evs)
    return states, events


def chain(
    *,
    front_pop: int = 10000,
    middle_pop: int = 5000,
    camp_capacity: int = 100000,
    middle_status: str = "open",
    bombardment: float = 0.0,
    timeline=(),
    model=None,
    turns: int = 10,
    km: float = 10,
):
    """government -- front town -- middle town -- camp (hub), all roads `km` long."""
    locations = (
        loc("enemy", "town", 0, 0, 0, control="government"),
        loc("front", "town", front_pop, 0, 0, bombardment=bombardment),
        loc("middle", "town", middle_pop, 0, 0),
        loc("camp", "camp", 0, 0, camp_capacity, hub=True),
    )
    roads = (
        road("enemy_front", "enemy", "front", km, "closed", control="government"),
        road("front_middle", "front", "middle", km, middle_status),
        road("middle_camp", "middle", "camp", km),
    )
    return make_scenario(
        locations=locations, roads=roads, timeline=tuple(timeline), model=model, turns=turns
    )
