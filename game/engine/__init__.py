"""The pure, deterministic simulation engine: `step(scenario, state, orders, rng)`.

No I/O, no clock, no global random state, no UI. Same scenario + seed + orders give the same
states, bit for bit, in any process.
"""

from game.engine.events import Event
from game.engine.hashing import state_from_dict, state_hash, state_to_dict
from game.engine.orders import (
    Evacuate,
    ExpandShelter,
    LaunchAppeal,
    NegotiateCorridor,
    NegotiatePause,
    Order,
    SendConvoy,
    check_order,
    order_cost,
    order_from_dict,
    order_to_dict,
)
from game.engine.outcomes import CSV_COLUMNS, HXL_TAGS, TurnFigures, turn_figures
from game.engine.rng import Rng
from game.engine.state import (
    Convoy,
    Counters,
    Day,
    LocationState,
    Pending,
    Resources,
    RoadState,
    State,
    Transit,
)
from game.engine.turn import new_game, step

__all__ = [
    "CSV_COLUMNS",
    "HXL_TAGS",
    "Convoy",
    "Counters",
    "Day",
    "Evacuate",
    "Event",
    "ExpandShelter",
    "LaunchAppeal",
    "LocationState",
    "NegotiateCorridor",
    "NegotiatePause",
    "Order",
    "Pending",
    "Resources",
    "Rng",
    "RoadState",
    "SendConvoy",
    "State",
    "Transit",
    "TurnFigures",
    "check_order",
    "new_game",
    "order_cost",
    "order_from_dict",
    "order_to_dict",
    "state_from_dict",
    "state_hash",
    "state_to_dict",
    "step",
    "turn_figures",
]
