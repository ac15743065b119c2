"""Built-in policies for headless play: each maps (scenario, state) to this turn's orders.

`none` is the no-intervention baseline. The others are strategy styles (DESIGN §7): `greedy`
(a sensible coordinator using every lever), `convoys` (food and water first), `shelter` (tents
and lasting places first), `diplomacy` (pauses, corridors and evacuations, no convoys) and
`random` (valid orders at random, seeded from the game's seed). Every policy plans against the
state the way a player would: an order is kept only if `check_order` accepts it after the
orders already chosen. The balance report (docs/balance.md) measures them.
"""

from __future__ import annotations

from collections.abc import Callable

from game.engine.orders import Order
from game.engine.policies.planner import Planner
from game.engine.policies.styles import (
    convoys_policy,
    diplomacy_policy,
    greedy_policy,
    none_policy,
    random_policy,
    shelter_policy,
)
from game.engine.state import State
from game.scenario.model import Scenario

Policy = Callable[[Scenario, State], list[Order]]

POLICIES: dict[str, Policy] = {
    "none": none_policy,
    "greedy": greedy_policy,
    "convoys": convoys_policy,
    "shelter": shelter_policy,
    "diplomacy": diplomacy_policy,
    "random": random_policy,
}

__all__ = ["POLICIES", "Planner", "Policy"]
