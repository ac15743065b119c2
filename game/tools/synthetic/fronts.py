"""The fronts: areas held by the attacker at the start, growing from the southern, western and
eastern edges, each advancing day by day through projected capture events (the timeline)."""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass
from typing import Any

from game.tools.synthetic.common import ATTACKER, DEFENDER, OTHER, START_DATE, TURNS, source
from game.tools.synthetic.geography import LAT_MIN, LON_MAX, LON_MID, LON_MIN, Grid
from game.tools.synthetic.roads import Graph, bfs_layers

_NO_FRONT = (0, 10**6)  # (front, roads) of a place no front can reach


@dataclass(frozen=True, slots=True)
class Fronts:
    """Where the fronts start and how far (in roads) each place lies from its nearest one."""

    count: int
    held_depth: int  # roads from its origin that a front holds at the start
    nearest: dict[int, tuple[int, int]]  # place -> (its nearest front, roads from its origin)

    def roads_beyond_held(self, i: int) -> int:
        """Roads between place `i` and the area its nearest front holds (<= 0: inside it)."""
        return self.nearest.get(i, _NO_FRONT)[1] - self.held_depth


def place_fronts(
    grid: Grid, graph: Graph, kinds: list[str], protected: set[int], rng: random.Random
) -> Fronts:
    """Two to six fronts, their origins spread along the southern and side edges; none passes
    through the `protected` places."""
    n, rows, points = grid.size, grid.rows, grid.points
    count = 2 if n < 500 else min(6, 2 + n // 1500)
    edge = [i for i in range(n) if grid.row(i) <= 1 or grid.col(i) in (0, grid.cols - 1)]
    edge = [i for i in edge if grid.row(i) < rows * 0.6 and kinds[i] in ("village", "town")]
    edge.sort(
        key=lambda i: (grid.row(i) != 0, math.atan2(points[i][0] - LAT_MIN, points[i][1] - LON_MID))
    )
    step = max(1, len(edge) // count)
    origins = [edge[(k * step + rng.randrange(step)) % len(edge)] for k in range(count)]
    nearest: dict[int, tuple[int, int]] = {}
    for f, origin in enumerate(origins):
        for i, d in bfs_layers(graph, [origin], blocked=protected).items():
            if i not in nearest or d < nearest[i][1]:
                nearest[i] = (f, d)
    return Fronts(count, held_depth=max(1, rows // 10), nearest=nearest)


def starting_control(grid: Grid, kinds: list[str], fronts: Fronts) -> list[str]:
    """Who holds each place at the start: the attacker near each front's origin, a third party
    in a north-eastern corner away from the fronts, the defender elsewhere."""
    control = [DEFENDER] * grid.size
    for i in fronts.nearest:
        if fronts.roads_beyond_held(i) <= 0:
            control[i] = ATTACKER
    for i in range(grid.size):
        north_east = (
            grid.row(i) >= grid.rows * 0.8
            and grid.points[i][1] > LON_MAX - (LON_MAX - LON_MIN) * 0.15
        )
        if north_east and kinds[i] not in ("camp", "crossing") and control[i] != ATTACKER:
            control[i] = OTHER
    return control


def timeline(
    fronts: Fronts,
    graph: Graph,
    ids: list[str],
    kinds: list[str],
    control: list[str],
    localities: list[int],
    road_ids: dict[tuple[int, int], str],
) -> list[dict[str, Any]]:
    """The timeline: each front takes the next layer of places, a few a day; midway, outside
    governments call for a pause."""
    events: list[dict[str, Any]] = []
    for f in range(fronts.count):
        queue = _front_queue(f, fronts, kinds, control)
        events.extend(_advance(f, queue, graph, ids, control, localities, road_ids))
    events.append(
        {
            "id": "synthetic_statement",
            "kind": "statement",
            "title": "Outside governments call for a pause and for aid access",
            "date": START_DATE + dt.timedelta(days=5),
            "probability": 1.0,
            "source": source("diplomatic pressure midway, as in the Idlib scenario"),
            "effects": [{"diplomacy": {"leverage": 10, "bonus": 0.1, "days": 5}}],
        }
    )
    events.sort(key=lambda e: (e["date"], e["id"]))
    return events


def _front_queue(f: int, fronts: Fronts, kinds: list[str], control: list[str]) -> list[int]:
    """The places front `f` can take, nearest layer first (never camps or the crossing)."""
    layers: dict[int, list[int]] = {}
    for i, (front, d) in fronts.nearest.items():
        if (
            front == f
            and d > fronts.held_depth
            and control[i] != ATTACKER
            and kinds[i] not in ("camp", "crossing")
        ):
            layers.setdefault(d, []).append(i)
    return [i for d in sorted(layers) for i in sorted(layers[d])]


def _advance(
    f: int,
    queue: list[int],
    graph: Graph,
    ids: list[str],
    control: list[str],
    localities: list[int],
    road_ids: dict[tuple[int, int], str],
) -> list[dict[str, Any]]:
    """Front `f` taking the places of `queue` in order, a batch every other day, each capture
    after the one before; the roads out of a batch become contested."""
    end = START_DATE + dt.timedelta(days=TURNS - 1)
    per_day = max(1, len(queue) // (TURNS * 2))  # at most half the reachable area in a month
    events: list[dict[str, Any]] = []
    previous: str | None = None
    taken: set[int] = set()
    for day in range(1, TURNS - 1, 2):
        batch = queue[: per_day * 2]
        queue = queue[per_day * 2 :]
        if not batch:
            break
        eid = f"front{f + 1}_day{day}"
        effects: list[dict[str, Any]] = []
        for i in batch:
            effects.append({"capture": {"location": ids[i], "faction": ATTACKER}})
            taken.add(i)
        for i in batch:
            for j in sorted(graph.adj[i]):
                if j not in taken and control[j] != ATTACKER:
                    road = road_ids[(min(i, j), max(i, j))]
                    effects.append(
                        {
                            "road": {
                                "road": road,
                                "status": "contested",
                                "control": ATTACKER,
                                "bombardment": 0.4,
                            }
                        }
                    )
        if queue:
            effects.append({"bombard": {"target": ids[queue[0]], "intensity": 0.6, "days": 2}})
            effects.append({"threat": {"location": ids[queue[0]], "level": 0.5, "days": 4}})
        date = START_DATE + dt.timedelta(days=day)
        event: dict[str, Any] = {
            "id": eid,
            "kind": "capture" if day > 1 else "offensive",
            "title": f"Front {f + 1} advances: {len(batch)} places taken",
            "date": date,
        }
        if previous is None:
            event["probability"] = 1.0
        else:
            event["probability"] = 0.6
            event["after"] = previous
            event["delay_days"] = 1
            event["latest"] = min(end, date + dt.timedelta(days=3))
        event["localities"] = sum(localities[i] for i in batch)
        event["source"] = source(f"front {f + 1} advancing one graph layer at a time")
        event["effects"] = effects
        events.append(event)
        previous = eid
    return events
