"""The model parameters a scenario's `model:` section must (or may) define, with their units.

The engine reads these by name (`scenario.param("leave_rate_max")`); the validator reports
missing required ones and unknown names (with a did-you-mean). The engine owns this list.
A parameter a scenario leaves out takes its `default` (documented here with its basis); the
bundled Idlib scenario states every one with its source.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ParameterSpec:
    name: str
    unit: str
    description: str
    required: bool = True
    minimum: float | None = None
    maximum: float | None = None
    default: float | None = None  # used when a scenario leaves the parameter out
    group: str = "model"  # displacement, harm, aid, diplomacy: for docs and the UI


def _p(
    name: str,
    unit: str,
    default: float,
    description: str,
    minimum: float | None = 0.0,
    maximum: float | None = None,
    group: str = "model",
) -> ParameterSpec:
    return ParameterSpec(
        name=name,
        unit=unit,
        description=description,
        required=False,
        minimum=minimum,
        maximum=maximum,
        default=default,
        group=group,
    )


_SPECS: tuple[ParameterSpec, ...] = (
    # --- displacement (in the manner of Flee, Suleimenova et al. 2017) ---------------------
    _p(
        "leave_rate_max",
        "fraction/day",
        0.1,
        "share of the people of a place who leave in a day at threat 1 (Flee: town 0.3, "
        "conflict zone 1.0)",
        0.0,
        1.0,
        "displacement",
    ),
    _p(
        "threat_floor",
        "0..1",
        0.2,
        "threat below which people stay put; above it the leave rate rises linearly to "
        "leave_rate_max at threat 1",
        0.0,
        0.99,
        "displacement",
    ),
    _p(
        "onward_rate_unsheltered",
        "fraction/day",
        0.05,
        "share of unsheltered displaced people who have stopped moving (not en route) who move "
        "on toward free shelter space each day",
        0.0,
        1.0,
        "displacement",
    ),
    _p(
        "onward_rate_en_route",
        "fraction/day",
        0.3,
        "share of displaced people still on their way (arrived during the game at a place "
        "that is not a camp, without a shelter place there) who move on each day; above "
        "threat_floor it rises linearly to 1 at threat 1 (Flee: town 0.3, conflict zone 1.0). "
        "At a camp or in a shelter place they stop",
        0.0,
        1.0,
        "displacement",
    ),
    _p(
        "household_size",
        "people",
        5,
        "people who move on together: onward movement goes in whole households, and fewer "
        "than a household still on their way stay where they are",
        1.0,
        20.0,
        "displacement",
    ),
    _p(
        "front_threat",
        "0..1",
        0.6,
        "threat felt at a place held next to the front line (falls to 0 at front_range_km)",
        0.0,
        1.0,
        "displacement",
    ),
    _p(
        "front_range_km",
        "km",
        20.0,
        "road distance from the nearest attacker-held place at which the front is no longer felt",
        1.0,
        None,
        "displacement",
    ),
    _p(
        "encirclement_threat",
        "0..1",
        0.4,
        "threat added to a town that is encircled",
        0.0,
        1.0,
        "displacement",
    ),
    _p(
        "bombardment_threat",
        "0..1 per intensity",
        1.0,
        "threat that a bombardment of intensity 1 adds to a place",
        0.0,
        1.0,
        "displacement",
    ),
    _p(
        "fall_threat",
        "0..1",
        0.8,
        "threat felt by the people still in a town when it falls",
        0.0,
        1.0,
        "displacement",
    ),
    _p(
        "fall_leave_rate",
        "fraction/day",
        0.3,
        "share of the people still in a fallen town who leave across the line each day, for "
        "fall_days days",
        0.0,
        1.0,
        "displacement",
    ),
    _p(
        "fall_days",
        "days",
        3,
        "days the people of a fallen town keep fleeing across the line",
        0.0,
        30.0,
        "displacement",
    ),
    _p(
        "route_offset_km",
        "km",
        10.0,
        "Flee's offset in a route weight score / (offset + km)",
        0.0,
        None,
        "displacement",
    ),
    _p(
        "awareness_level",
        "roads",
        1,
        "how many roads beyond a neighbour people look when choosing a route (Flee's "
        "awareness level: a route's weight is its best destination's)",
        0.0,
        3.0,
        "displacement",
    ),
    _p(
        "camp_weight",
        "factor",
        2.0,
        "Flee's score multiplier for camps as destinations",
        0.0,
        None,
        "displacement",
    ),
    _p(
        "conflict_weight",
        "factor",
        0.25,
        "Flee's score multiplier for a destination in conflict: score x conflict_weight ^ "
        "threat (Flee: conflict_weight ^ intensity)",
        0.0,
        1.0,
        "displacement",
    ),
    _p(
        "capacity_full_share",
        "fraction",
        0.9,
        "occupancy of shelter places above which a destination's attraction falls, to 0 when "
        "full (Flee's capacity factor)",
        0.0,
        1.0,
        "displacement",
    ),
    _p(
        "capacity_floor",
        "factor",
        0.0,
        "attraction left to a full camp for people fleeing or on their way (Flee: 0, a full "
        "camp is reached only on the way elsewhere); towns have no such limit",
        0.0,
        1.0,
        "displacement",
    ),
    _p(
        "travel_km_per_day",
        "km/day",
        35.0,
        "distance people on the move cover in a day (Flee: 200 in 2017, 35 on foot later)",
        1.0,
        None,
        "displacement",
    ),
    _p(
        "road_danger_weight",
        "factor",
        0.5,
        "how much a road's bombardment intensity deters people from taking it",
        0.0,
        1.0,
        "displacement",
    ),
    _p(
        "contested_danger",
        "0..1",
        0.3,
        "danger of a contested road, for route choice and convoys",
        0.0,
        1.0,
        "displacement",
    ),
    _p(
        "trap_threat",
        "0..1",
        0.2,
        "threat above which people with no open way out count as trapped",
        0.0,
        1.0,
        "displacement",
    ),
    _p(
        "flight_noise",
        "fraction",
        0.2,
        "day-to-day variation of leave rates (uniform, ± this share)",
        0.0,
        1.0,
        "displacement",
    ),
    # --- harm (all figures are model estimates) ---------------------------------------------
    _p(
        "harm_rate",
        "fraction/day",
        0.0002,
        "share of the people present harmed in a day under bombardment of intensity 1",
        0.0,
        1.0,
        "harm",
    ),
    _p(
        "unsheltered_harm_factor",
        "factor",
        2.0,
        "how much more exposed unsheltered people are to bombardment",
        0.0,
        None,
        "harm",
    ),
    _p(
        "road_harm_rate",
        "fraction/day",
        0.001,
        "share of people on a road harmed in a day under bombardment of intensity 1",
        0.0,
        1.0,
        "harm",
    ),
    _p(
        "exposure_harm_rate",
        "fraction/day",
        0.0,
        "share of unsheltered people harmed in a day by winter cold, a rule of its own (0: off; "
        "the needs-harm rule's shelter term counts the cold, so a scenario using both counts it "
        "twice)",
        0.0,
        1.0,
        "harm",
    ),
    _p("fatal_share", "fraction", 0.3, "share of the harmed who are killed", 0.0, 1.0, "harm"),
    _p(
        "needs_mortality",
        "deaths/need-person-day",
        0.000015,
        "excess deaths for each person-day of water, food or shelter below the Sphere minimum "
        "(0: no harm from unmet needs)",
        0.0,
        0.01,
        "harm",
    ),
    _p(
        "needs_fatal_share",
        "fraction",
        0.3,
        "share of the people harmed by unmet needs who die of it",
        0.01,
        1.0,
        "harm",
    ),
    _p(
        "malnutrition_days",
        "days",
        14.0,
        "time constant of a place's memory of food unmet: hunger harms over weeks",
        1.0,
        366.0,
        "harm",
    ),
    _p(
        "tent_exposure",
        "factor",
        0.5,
        "the exposure of people in tents against people without shelter, 0..1",
        0.0,
        1.0,
        "harm",
    ),
    _p(
        "access_loss",
        "fraction",
        1.0,
        "share of the existing response's coverage lost at a place under threat 1 (it falls in "
        "proportion to the threat)",
        0.0,
        1.0,
        "aid",
    ),
    _p(
        "unsheltered_access",
        "fraction",
        1.0,
        "share of the existing response's coverage that reaches displaced people without "
        "shelter (it works through camps and collective centres)",
        0.0,
        1.0,
        "aid",
    ),
    # --- needs and aid (Sphere minimums) ------------------------------------------------------
    _p(
        "sphere_water_lpd",
        "litres/person/day",
        15.0,
        "Sphere minimum drinking and domestic water",
        0.1,
        None,
        "aid",
    ),
    _p(
        "sphere_food_kcal",
        "kcal/person/day",
        2100.0,
        "Sphere minimum food energy",
        1.0,
        None,
        "aid",
    ),
    _p(
        "sphere_shelter_m2",
        "m2/person",
        4.5,
        "covered living space per person (Sphere 3.5; more in cold climates)",
        0.1,
        None,
        "aid",
    ),
    _p("truck_water_litres", "litres/truck", 300000.0, "water one truck carries", 1.0, None, "aid"),
    _p(
        "truck_food_kcal",
        "kcal/truck",
        60000000.0,
        "food energy one truck carries",
        1.0,
        None,
        "aid",
    ),
    _p(
        "truck_shelter_m2",
        "m2/truck",
        6000.0,
        "covered space of the tents one truck carries",
        1.0,
        None,
        "aid",
    ),
    _p(
        "baseline_coverage",
        "fraction",
        0.5,
        "share of food and water needs met by the existing response, without the player",
        0.0,
        1.0,
        "aid",
    ),
    _p(
        "tent_wear",
        "fraction/day",
        0.01,
        "share of tent places lost each winter day",
        0.0,
        1.0,
        "aid",
    ),
    _p("convoy_km_per_day", "km/day", 60.0, "distance a convoy covers in a day", 1.0, None, "aid"),
    _p(
        "convoy_strike_rate",
        "chance/day",
        0.25,
        "chance a convoy is struck in a day on a road under bombardment of intensity 1",
        0.0,
        1.0,
        "aid",
    ),
    _p(
        "convoy_delay_rate",
        "chance/day",
        0.2,
        "chance a convoy is held up for the day on a contested road",
        0.0,
        1.0,
        "aid",
    ),
    _p(
        "convoy_strike_loss",
        "fraction",
        0.5,
        "share of a struck convoy's trucks and cargo lost",
        0.0,
        1.0,
        "aid",
    ),
    _p(
        "shelter_block",
        "places",
        500,
        "shelter places bought for one unit of the `shelter` cost",
        1.0,
        None,
        "aid",
    ),
    _p(
        "evacuation_block",
        "people",
        500,
        "people moved for one unit of the `evacuate` cost",
        1.0,
        None,
        "aid",
    ),
    _p(
        "evacuation_range_km",
        "km",
        0.0,
        "how far by road beyond a corridor evacuees are taken on to places with free shelter and "
        "little threat (0: they stay at the corridor's far end)",
        0.0,
        1000.0,
        "diplomacy",
    ),
    # --- diplomacy --------------------------------------------------------------------------
    _p(
        "pause_base_odds",
        "chance",
        0.15,
        "chance a humanitarian pause is agreed, before leverage and pressure",
        0.0,
        1.0,
        "diplomacy",
    ),
    _p(
        "corridor_base_odds",
        "chance",
        0.3,
        "chance an evacuation corridor is agreed, before leverage and pressure",
        0.0,
        1.0,
        "diplomacy",
    ),
    _p(
        "leverage_odds",
        "chance at leverage 100",
        0.4,
        "odds added by the player's leverage (linear, 0 at leverage 0)",
        0.0,
        1.0,
        "diplomacy",
    ),
    _p("pause_days", "days", 3, "how long an agreed pause holds", 1.0, 60.0, "diplomacy"),
    _p("corridor_days", "days", 3, "how long an agreed corridor holds", 1.0, 60.0, "diplomacy"),
    _p(
        "pause_bombardment_factor",
        "factor",
        0.2,
        "bombardment intensity left during a pause",
        0.0,
        1.0,
        "diplomacy",
    ),
    _p(
        "appeal_funds",
        "thousand USD",
        300,
        "funds an appeal raises when it comes in",
        0.0,
        None,
        "diplomacy",
    ),
    _p(
        "appeal_days",
        "days",
        1.0,
        "days over which an appeal's money arrives, in equal parts from the first",
        1.0,
        60.0,
        "diplomacy",
    ),
    _p(
        "leverage_per_day",
        "points/day",
        2,
        "leverage the player regains each day",
        0.0,
        100.0,
        "diplomacy",
    ),
)

PARAMETERS: dict[str, ParameterSpec] = {spec.name: spec for spec in _SPECS}
