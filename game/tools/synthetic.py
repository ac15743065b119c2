"""A synthetic country-scale scenario, for benchmarks and for testing that the loader scales.

Pure: `generate_scenario(locations, seed, base=...)` returns plain data (the YAML document as
dicts/lists) and `to_yaml(doc)` renders it as text; the same arguments give the same bytes in
any process. Every fact is marked `assumption: synthetic ...`. The geography is a jittered grid
in a lat/lon box with roads between grid neighbours (and one diagonal per cell, so the graph
stays planar), thinned to degree 2-6 but kept connected. Several fronts, each an area held by the
attacker, advance day by day through projected capture events; camps, a border crossing and aid
hubs sit on the northern edge, the side away from the fronts.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import re
from collections import deque
from collections.abc import Mapping
from typing import Any

START_DATE = dt.date(2020, 1, 24)
TURNS = 30
ATTACKER = "attacker"
DEFENDER = "defender"
OTHER = "third_party"
AID = "aid"
# The box the country lies in (degrees). Any box would do; this one is Syria-sized.
LAT_MIN, LAT_MAX = 32.5, 37.0
LON_MIN, LON_MAX = 36.0, 42.0
MAX_DEGREE = 6
MIN_DEGREE = 2
ROAD_FACTOR = 1.25  # road km per straight-line km, as geography.md estimates
ORDER_KINDS = ("convoy", "shelter", "pause", "corridor", "evacuate", "appeal")

_SYLLABLES = (
    "kaf",
    "tal",
    "ain",
    "deir",
    "jab",
    "mar",
    "sar",
    "han",
    "bel",
    "dar",
    "ras",
    "qas",
    "bab",
    "umm",
    "zor",
    "nab",
    "rum",
    "sha",
    "mis",
    "had",
    "jis",
    "kum",
    "bir",
    "ha",
    "la",
    "ri",
)


def _source(note: str) -> str:
    return f"assumption: synthetic {note}"


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def _name(rng: random.Random) -> str:
    parts = [rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES) for _ in range(rng.choice((1, 1, 2)))]
    return " ".join(p.capitalize() for p in parts)


def _grid_shape(n: int) -> tuple[int, int]:
    """Rows and columns of a grid with about `n` cells in the box's aspect ratio."""
    aspect = (
        (LON_MAX - LON_MIN) * math.cos(math.radians((LAT_MIN + LAT_MAX) / 2)) / (LAT_MAX - LAT_MIN)
    )
    rows = max(2, round(math.sqrt(n / aspect)))
    cols = max(2, math.ceil(n / rows))
    return rows, cols


class _Graph:
    """The road graph under construction: points, edges, adjacency."""

    def __init__(self, n: int) -> None:
        self.adj: list[set[int]] = [set() for _ in range(n)]
        self.edges: list[tuple[int, int]] = []

    def add(self, a: int, b: int) -> None:
        self.adj[a].add(b)
        self.adj[b].add(a)
        self.edges.append((min(a, b), max(a, b)))

    def degree(self, a: int) -> int:
        return len(self.adj[a])


def _build_points(n: int, rng: random.Random) -> tuple[list[tuple[float, float]], list[int], int]:
    """`n` jittered grid points (lat, lon), their grid cell index (row*cols+col), and cols."""
    rows, cols = _grid_shape(n)
    cells = list(range(rows * cols))
    # Drop random cells beyond n so that the country has an irregular fill, not a ragged row.
    drop = set(rng.sample(cells, rows * cols - n))
    kept = [c for c in cells if c not in drop]
    dlat = (LAT_MAX - LAT_MIN) / rows
    dlon = (LON_MAX - LON_MIN) / cols
    points = []
    for c in kept:
        r, k = divmod(c, cols)
        lat = LAT_MIN + (r + 0.5 + rng.uniform(-0.35, 0.35)) * dlat
        lon = LON_MIN + (k + 0.5 + rng.uniform(-0.35, 0.35)) * dlon
        points.append((round(lat, 5), round(lon, 5)))
    return points, kept, cols


def _build_roads(
    points: list[tuple[float, float]], cells: list[int], cols: int, rng: random.Random
) -> _Graph:
    """Grid-neighbour roads plus one diagonal per cell (planar), thinned to degree 2..6 while
    staying connected: a random spanning tree first, then the other candidates at random."""
    n = len(points)
    index = {c: i for i, c in enumerate(cells)}
    candidates: list[tuple[int, int]] = []
    for i, c in enumerate(cells):
        k = c % cols
        right = index.get(c + 1) if k + 1 < cols else None
        down = index.get(c + cols)
        if right is not None:
            candidates.append((i, right))
        if down is not None:
            candidates.append((i, down))
        if k + 1 < cols:
            start, end = (
                (i, index.get(c + cols + 1))
                if rng.random() < 0.5
                else (index.get(c + 1), index.get(c + cols))
            )
            if start is not None and end is not None:
                candidates.append((start, end))
    # Also link across dropped cells (two apart) so that holes do not disconnect the grid.
    for i, c in enumerate(cells):
        k = c % cols
        if k + 2 < cols and (c + 1) not in index and (c + 2) in index:
            candidates.append((i, index[c + 2]))
        if (c + cols) not in index and (c + 2 * cols) in index:
            candidates.append((i, index[c + 2 * cols]))
    rng.shuffle(candidates)
    graph = _Graph(n)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    rest = []
    for a, b in candidates:  # Kruskal on a random order: a random spanning forest
        ra, rb = find(a), find(b)
        if ra != rb and graph.degree(a) < MAX_DEGREE and graph.degree(b) < MAX_DEGREE:
            parent[ra] = rb
            graph.add(a, b)
        else:
            rest.append((a, b))
    # Join any remaining components by their nearest pair of points (rare: only around holes).
    roots = sorted({find(i) for i in range(n)})
    while len(roots) > 1:
        comp = [i for i in range(n) if find(i) == roots[0]]
        others = [i for i in range(n) if find(i) != roots[0] and graph.degree(i) < MAX_DEGREE]
        comp = [i for i in comp if graph.degree(i) < MAX_DEGREE]
        a, b = min(
            ((x, y) for x in comp for y in others),
            key=lambda p: (
                (points[p[0]][0] - points[p[1]][0]) ** 2 + (points[p[0]][1] - points[p[1]][1]) ** 2
            ),
        )
        parent[find(a)] = find(b)
        graph.add(a, b)
        roots = sorted({find(i) for i in range(n)})
    # Add the rest with a probability that gives a mean degree near 3, as in rural road maps.
    for a, b in rest:
        if b in graph.adj[a]:
            continue
        if graph.degree(a) >= MAX_DEGREE or graph.degree(b) >= MAX_DEGREE:
            continue
        low = graph.degree(a) < MIN_DEGREE or graph.degree(b) < MIN_DEGREE
        if low or rng.random() < 0.2:
            graph.add(a, b)
    # Dead ends left (corners next to dropped cells): join them to their nearest free place.
    for a in range(n):
        if graph.degree(a) < MIN_DEGREE:
            b = min(
                (
                    j
                    for j in range(n)
                    if j != a and j not in graph.adj[a] and graph.degree(j) < MAX_DEGREE
                ),
                key=lambda j: (_sq(points[a], points[j]), j),
            )
            graph.add(a, b)
    return graph


def _sq(p: tuple[float, float], q: tuple[float, float]) -> float:
    return (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2


def _bfs_layers(
    graph: _Graph, sources: list[int], blocked: set[int] | None = None
) -> dict[int, int]:
    """Graph distance (in roads) from the nearest source, not passing through `blocked`."""
    dist = {s: 0 for s in sources}
    queue = deque(sources)
    while queue:
        x = queue.popleft()
        for y in sorted(graph.adj[x]):
            if y not in dist and not (blocked and y in blocked):
                dist[y] = dist[x] + 1
                queue.append(y)
    return dist


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
    rng = random.Random(seed)
    base = base or {}
    points, cells, cols = _build_points(locations, rng)
    n = len(points)
    graph = _build_roads(points, cells, cols, rng)
    rows = max(c // cols for c in cells) + 1

    # --- kinds ------------------------------------------------------------------------------
    kinds = ["village"] * n
    row_of = [c // cols for c in cells]
    north_band = [i for i in range(n) if row_of[i] >= rows - max(1, rows // 12)]
    top_row = max(row_of)
    crossing = min(
        (i for i in range(n) if row_of[i] == top_row),
        key=lambda i: abs(points[i][1] - (LON_MIN + LON_MAX) / 2),
    )
    kinds[crossing] = "crossing"
    n_camps = max(3, n // 300)
    camp_pool = [i for i in north_band if i != crossing]
    if len(camp_pool) < 2 * n_camps:  # small countries: the northernmost places
        camp_pool = sorted((i for i in range(n) if i != crossing), key=lambda i: -points[i][0])[
            : 2 * n_camps
        ]
        north_band = [*camp_pool, crossing]
    camps = rng.sample(camp_pool, min(n_camps, len(camp_pool)))
    for i in camps:
        kinds[i] = "camp"
    n_cities = max(2, n // 500)
    free = [i for i in range(n) if kinds[i] == "village"]
    # Cities spread out: sample candidates and keep the one farthest from cities chosen so far.
    cities: list[int] = []
    for _ in range(n_cities):
        pool = rng.sample(free, min(len(free), 12))
        best = max(
            pool,
            key=lambda i: min(
                (
                    (points[i][0] - points[j][0]) ** 2 + (points[i][1] - points[j][1]) ** 2
                    for j in cities
                ),
                default=1e9,
            ),
        )
        cities.append(best)
        kinds[best] = "city"
        free.remove(best)
    for i in free:
        u = rng.random()
        if u < 0.08:
            kinds[i] = "town"
        elif u < 0.10:
            kinds[i] = "cluster"

    # --- fronts: attacker-held areas growing from the southern, western and eastern edges -----
    n_fronts = 2 if n < 500 else min(6, 2 + n // 1500)
    edge = [i for i in range(n) if row_of[i] <= 1 or cells[i] % cols in (0, cols - 1)]
    edge = [i for i in edge if row_of[i] < rows * 0.6 and kinds[i] in ("village", "town")]
    edge.sort(
        key=lambda i: (
            row_of[i] != 0,
            math.atan2(points[i][0] - LAT_MIN, points[i][1] - (LON_MIN + LON_MAX) / 2),
        )
    )
    step = max(1, len(edge) // n_fronts)
    front_origins = [edge[(k * step + rng.randrange(step)) % len(edge)] for k in range(n_fronts)]
    held_depth = max(1, rows // 10)
    protected = set(north_band) | {crossing}
    control = [DEFENDER] * n
    dist_from_front: dict[int, tuple[int, int]] = {}  # location -> (front, distance)
    for f, origin in enumerate(front_origins):
        for i, d in _bfs_layers(graph, [origin], blocked=protected).items():
            if i not in dist_from_front or d < dist_from_front[i][1]:
                dist_from_front[i] = (f, d)
    for i, (_f, d) in dist_from_front.items():
        if d <= held_depth:
            control[i] = ATTACKER
    # A third party holds a north-eastern corner, away from the fronts.
    for i in range(n):
        north_east = row_of[i] >= rows * 0.8 and points[i][1] > LON_MAX - (LON_MAX - LON_MIN) * 0.15
        if north_east and kinds[i] not in ("camp", "crossing") and control[i] != ATTACKER:
            control[i] = OTHER

    # --- names and ids -------------------------------------------------------------------------
    names, ids = [], []
    for i in range(n):
        name = _name(rng)
        names.append(f"{name} {i}" if kinds[i] in ("village", "cluster") else name)
        slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
        ids.append(f"{slug}_{i}")

    # --- location facts ------------------------------------------------------------------------
    hubs = {crossing} | set(
        sorted(
            (i for i in range(n) if kinds[i] == "city" and control[i] == DEFENDER),
            key=lambda i: -points[i][0],
        )[:2]
    )
    loc_docs = []
    for i in range(n):
        kind = kinds[i]
        if kind == "city":
            pop = int(rng.lognormvariate(math.log(200_000), 0.5))
        elif kind == "town":
            pop = int(rng.lognormvariate(math.log(20_000), 0.5))
        elif kind == "cluster":
            pop = int(rng.lognormvariate(math.log(8_000), 0.5))
        elif kind == "camp":
            pop = int(rng.lognormvariate(math.log(15_000), 0.6))
        elif kind == "crossing":
            pop = 0
        else:
            pop = int(rng.lognormvariate(math.log(1_500), 0.7))
        near = dist_from_front.get(i, (0, 10**6))[1] - held_depth
        if control[i] == ATTACKER:
            pop = pop // 4  # most people left the held areas before the start
        if kind == "camp":
            displaced = int(pop * 0.95)
            capacity = int(pop * rng.uniform(1.0, 1.4))
        else:
            displaced = int(pop * (rng.uniform(0.1, 0.3) if 0 < near <= 5 else rng.uniform(0, 0.1)))
            capacity = {"city": pop // 30, "town": pop // 20, "cluster": pop // 40}.get(kind, 0)
        bombardment = 0.0
        if control[i] != ATTACKER and 0 < near <= 2:
            bombardment = round(rng.uniform(0.2, 0.7), 2)
        doc: dict[str, Any] = {
            "id": ids[i],
            "name": names[i],
            "kind": kind,
            "lat": points[i][0],
            "lon": points[i][1],
            "population": pop,
            "displaced": displaced,
            "shelter_capacity": capacity,
            "control": control[i],
        }
        if kind == "cluster":
            doc["localities"] = rng.randint(2, 8)
        if i in hubs:
            doc["hub"] = True
        if bombardment:
            doc["bombardment"] = bombardment
        doc["source"] = _source(f"{kind}, lognormal population")
        loc_docs.append(doc)

    # --- roads ---------------------------------------------------------------------------------
    road_ids: dict[tuple[int, int], str] = {}
    road_docs = []
    for k, (a, b) in enumerate(sorted(graph.edges)):
        rid = f"r{k}"
        road_ids[(a, b)] = rid
        km = round(_haversine_km(*points[a], *points[b]) * ROAD_FACTOR, 1)
        ca, cb = control[a], control[b]
        if ca == cb:
            status, rc = "open", ca
        else:
            status, rc = "contested", ATTACKER if ATTACKER in (ca, cb) else ca
        doc = {
            "id": rid,
            "from": ids[a],
            "to": ids[b],
            "km": max(km, 0.5),
            "control": rc,
            "status": status,
        }
        if kinds[a] == "city" and kinds[b] in ("city", "town"):
            doc["highway"] = f"H{k % 9 + 1}"
        if status == "contested":
            doc["bombardment"] = round(rng.uniform(0.1, 0.5), 2)
        doc["source"] = _source("road, km = 1.25 x straight line")
        road_docs.append(doc)

    def road_of(a: int, b: int) -> str:
        return road_ids[(min(a, b), max(a, b))]

    # --- timeline: each front takes the next layer of places, a few a day ----------------------
    end = START_DATE + dt.timedelta(days=TURNS - 1)
    events: list[dict[str, Any]] = []
    for f in range(n_fronts):
        layers: dict[int, list[int]] = {}
        for i, (ff, d) in dist_from_front.items():
            if (
                ff == f
                and d > held_depth
                and control[i] != ATTACKER
                and kinds[i] not in ("camp", "crossing")
            ):
                layers.setdefault(d, []).append(i)
        queue = [i for d in sorted(layers) for i in sorted(layers[d])]
        per_day = max(1, len(queue) // (TURNS * 2))  # at most half the reachable area in a month
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
                        effects.append(
                            {
                                "road": {
                                    "road": road_of(i, j),
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
            event["localities"] = sum(loc_docs[i].get("localities", 1) for i in batch)
            event["source"] = _source(f"front {f + 1} advancing one graph layer at a time")
            event["effects"] = effects
            events.append(event)
            previous = eid
    events.append(
        {
            "id": "synthetic_statement",
            "kind": "statement",
            "title": "Outside governments call for a pause and for aid access",
            "date": START_DATE + dt.timedelta(days=5),
            "probability": 1.0,
            "source": _source("diplomatic pressure midway, as in the Idlib scenario"),
            "effects": [{"diplomacy": {"leverage": 10, "bonus": 0.1, "days": 5}}],
        }
    )
    events.sort(key=lambda e: (e["date"], e["id"]))

    # --- the rest: copied from the base scenario where it has them ----------------------------
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
    player["source"] = _source("resources of the Idlib scenario scaled by the number of places")
    doc = {
        "meta": {
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
        },
        "sources": list(base.get("sources") or []),
        "factions": [
            {
                "id": ATTACKER,
                "name": "Advancing forces",
                "role": "attacker",
                "source": _source("the side whose fronts advance"),
            },
            {
                "id": DEFENDER,
                "name": "Holding forces",
                "role": "defender",
                "source": _source("the side holding most places at the start"),
            },
            {
                "id": OTHER,
                "name": "Third party",
                "role": "other",
                "source": _source("a north-eastern area outside the fighting"),
            },
            {
                "id": AID,
                "name": "Aid agencies",
                "role": "humanitarian",
                "source": _source("the player's side"),
            },
        ],
        "locations": loc_docs,
        "roads": road_docs,
        "timeline": events,
        "player": player,
        "model": dict(base.get("model") or {}),
    }
    if base.get("difficulties"):
        doc["difficulties"] = list(base["difficulties"])
    return doc


# --- rendering ------------------------------------------------------------------------------

_PLAIN_KEY = re.compile(r"^[a-z_][a-z0-9_]*$")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def _key(k: Any) -> str:
    k = str(k)
    return k if _PLAIN_KEY.match(k) and k not in _YAML_WORDS else json.dumps(k)


def _flow(value: Any) -> str:
    """One value as a YAML flow scalar or collection (JSON-compatible, dates left bare)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write {value!r}")
        text = repr(value)
        mantissa, e, exponent = text.partition("e")
        if e and "." not in mantissa:  # YAML 1.1 reads `2e-05` as text: write `2.0e-05`
            text = f"{mantissa}.0e{exponent}"
        return text
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_key(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    raise TypeError(f"cannot write a {type(value).__name__} as YAML")


def to_yaml(doc: Mapping[str, Any]) -> str:
    """Render a scenario document: sections in block style, one flow mapping per list item
    or per mapping entry, so that a 6,000-place file stays compact and quick to parse."""
    out = [
        "# Synthetic scenario written by `corridor generate`; every fact is a synthetic"
        " assumption.\n"
    ]
    for section, value in doc.items():
        if isinstance(value, Mapping):
            out.append(f"{_key(section)}:\n")
            for k, v in value.items():
                out.append(f"  {_key(k)}: {_flow(v)}\n")
        elif isinstance(value, (list, tuple)):
            if not value:
                out.append(f"{_key(section)}: []\n")
                continue
            out.append(f"{_key(section)}:\n")
            for item in value:
                out.append(f"  - {_flow(item)}\n")
        else:
            out.append(f"{_key(section)}: {_flow(value)}\n")
    return "".join(out)


def generate_yaml(
    locations: int = 6000, seed: int = 1, base: Mapping[str, Any] | None = None
) -> str:
    """`generate_scenario` rendered as YAML text."""
    return to_yaml(generate_scenario(locations, seed, base))
