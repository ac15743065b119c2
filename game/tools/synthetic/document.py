"""The whole scenario document: the parts generated in order from one seeded generator, and
the sections copied from a base scenario (sources, model, player, difficulties)."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import Any

from game.tools.synthetic.common import AID, ATTACKER, DEFENDER, OTHER, START_DATE, TURNS, source
from game.tools.synthetic.fronts import place_fronts, starting_control, timeline
from game.tools.synthetic.geography import build_grid
from game.tools.synthetic.places import location_docs, names_and_ids, place_kinds
from game.tools.synthetic.render import to_yaml
from game.tools.synthetic.roads import build_roads, road_docs

ORDER_KINDS = ("convoy", "shelter", "pause", "corridor", "evacuate", "appeal")


def generate_scenario(
    locations: int = 6000,
    seed: int = 1,
    base: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """A synthetic scenario document with about `locations` places, deterministic for `seed`.

    `base` is a parsed scenario (normally idlib.yaml) whose `sources`, `model`, `player` and
    `difficulties` sections are copied, so that the engine finds every parameter it needs.
    """
    if locations < 10:
        raise ValueError("a synthetic scenario needs at least 10 locations")
    rng = random.Random(seed)  # every part draws from it, in this order: keep it
    base = base or {}
    grid = build_grid(locations, rng)
    graph = build_roads(grid, rng)
    kinds, protected = place_kinds(grid, rng)
    fronts = place_fronts(grid, graph, kinds, protected, rng)
    control = starting_control(grid, kinds, fronts)
    names, ids = names_and_ids(kinds, rng)
    loc_docs = location_docs(grid, kinds, names, ids, control, fronts, rng)
    roads, road_ids = road_docs(grid, graph, ids, kinds, control, rng)
    localities = [doc.get("localities", 1) for doc in loc_docs]
    n = grid.size
    doc = {
        "meta": _meta(n, seed),
        "sources": list(base.get("sources") or []),
        "factions": _factions(),
        "locations": loc_docs,
        "roads": roads,
        "timeline": timeline(fronts, graph, ids, kinds, control, localities, road_ids),
        "player": _player(base, n),
        "model": dict(base.get("model") or {}),
    }
    if base.get("difficulties"):
        doc["difficulties"] = list(base["difficulties"])
    return doc


def generate_yaml(
    locations: int = 6000, seed: int = 1, base: Mapping[str, Any] | None = None
) -> str:
    """`generate_scenario` rendered as YAML text."""
    return to_yaml(generate_scenario(locations, seed, base))


def _meta(n: int, seed: int) -> dict[str, Any]:
    return {
        "id": f"synthetic_{n}_{seed}",
        "title": f"Synthetic country, {n} places (seed {seed})",
        "format_version": 1,
        "start_date": START_DATE,
        "turns": TURNS,
        "turn_days": 1,
        "description": (
            "A generated country-scale scenario for benchmarks and scale tests. Nothing in it "
            "describes a real place; every fact is a synthetic assumption."
        ),
        "briefing": (
            "You coordinate aid across a whole synthetic country while several fronts "
            "advance. Each turn is one day; try sending convoys from the northern hubs."
        ),
    }


def _factions() -> list[dict[str, Any]]:
    return [
        {
            "id": ATTACKER,
            "name": "Advancing forces",
            "role": "attacker",
            "source": source("the side whose fronts advance"),
        },
        {
            "id": DEFENDER,
            "name": "Holding forces",
            "role": "defender",
            "source": source("the side holding most places at the start"),
        },
        {
            "id": OTHER,
            "name": "Third party",
            "role": "other",
            "source": source("a north-eastern area outside the fighting"),
        },
        {
            "id": AID,
            "name": "Aid agencies",
            "role": "humanitarian",
            "source": source("the player's side"),
        },
    ]


def _player(base: Mapping[str, Any], n: int) -> dict[str, Any]:
    """The base scenario's player resources (or defaults), scaled by the number of places."""
    player = dict(
        base.get("player")
        or {
            "funds": 500,
            "trucks": 40,
            "leverage": 30,
            "costs": {k: {"funds": 10, "trucks": 0, "leverage": 0, "days": 0} for k in ORDER_KINDS},
        }
    )
    player["funds"] = int(player.get("funds", 500)) * max(1, n // 500)
    player["trucks"] = int(player.get("trucks", 40)) * max(1, n // 500)
    player["source"] = source("resources of the Idlib scenario scaled by the number of places")
    return player
