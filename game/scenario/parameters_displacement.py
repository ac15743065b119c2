"""The displacement parameters of the model (in the manner of Flee, Suleimenova et al. 2017):
who leaves, when, toward where, how fast. Part of `game.scenario.parameters.PARAMETERS`."""

from __future__ import annotations

from game.scenario.parameter_spec import ParameterSpec
from game.scenario.parameter_spec import optional as _p

DISPLACEMENT: tuple[ParameterSpec, ...] = (
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
)
