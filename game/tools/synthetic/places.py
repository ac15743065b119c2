"""What each place is: the border crossing, camps and aid hubs on the northern edge (the side
away from the fronts), cities spread apart, towns and clusters of villages; their names, ids
and the scenario's location entries."""

from __future__ import annotations

import math
import random
import re
from typing import Any

from game.tools.synthetic.common import ATTACKER, DEFENDER, source
from game.tools.synthetic.fronts import Fronts
from game.tools.synthetic.geography import LON_MID, Grid, squared_distance

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

# Median population of each kind of place (lognormal), and its spread.
_POPULATION = {
    "city": (200_000, 0.5),
    "town": (20_000, 0.5),
    "cluster": (8_000, 0.5),
    "camp": (15_000, 0.6),
    "village": (1_500, 0.7),
}
# People one shelter place serves, by kind (camps are sized on their own; villages have none).
_PEOPLE_PER_SHELTER = {"city": 30, "town": 20, "cluster": 40}


def place_kinds(grid: Grid, rng: random.Random) -> tuple[list[str], set[int]]:
    """Each place's kind, and the places the fronts never reach: the northern band (the
    crossing and the camps' area)."""
    n, points = grid.size, grid.points
    kinds = ["village"] * n
    north_band = [i for i in range(n) if grid.row(i) >= grid.rows - max(1, grid.rows // 12)]
    crossing = min(
        (i for i in range(n) if grid.row(i) == grid.rows - 1),
        key=lambda i: abs(points[i][1] - LON_MID),
    )
    kinds[crossing] = "crossing"
    n_camps = max(3, n // 300)
    camp_pool = [i for i in north_band if i != crossing]
    if len(camp_pool) < 2 * n_camps:  # small countries: the northernmost places
        camp_pool = sorted((i for i in range(n) if i != crossing), key=lambda i: -points[i][0])[
            : 2 * n_camps
        ]
        north_band = [*camp_pool, crossing]
    for i in rng.sample(camp_pool, min(n_camps, len(camp_pool))):
        kinds[i] = "camp"
    free = [i for i in range(n) if kinds[i] == "village"]
    for i in _spread_cities(grid, free, max(2, n // 500), rng):
        kinds[i] = "city"
        free.remove(i)
    for i in free:
        u = rng.random()
        if u < 0.08:
            kinds[i] = "town"
        elif u < 0.10:
            kinds[i] = "cluster"
    return kinds, set(north_band) | {crossing}


def _spread_cities(grid: Grid, free: list[int], count: int, rng: random.Random) -> list[int]:
    """`count` cities spread out: sample candidates and keep the one farthest from the cities
    chosen so far."""
    points = grid.points
    cities: list[int] = []
    candidates = list(free)
    for _ in range(count):
        pool = rng.sample(candidates, min(len(candidates), 12))
        best = max(
            pool,
            key=lambda i: min(
                (squared_distance(points[i], points[j]) for j in cities), default=1e9
            ),
        )
        cities.append(best)
        candidates.remove(best)
    return cities


def _name(rng: random.Random) -> str:
    parts = [rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES) for _ in range(rng.choice((1, 1, 2)))]
    return " ".join(p.capitalize() for p in parts)


def names_and_ids(kinds: list[str], rng: random.Random) -> tuple[list[str], list[str]]:
    """A made-up name for each place (villages and clusters numbered, as names repeat) and an
    id made from it."""
    names, ids = [], []
    for i, kind in enumerate(kinds):
        name = _name(rng)
        names.append(f"{name} {i}" if kind in ("village", "cluster") else name)
        slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
        ids.append(f"{slug}_{i}")
    return names, ids


def aid_hubs(grid: Grid, kinds: list[str], control: list[str]) -> set[int]:
    """Where aid starts from: the crossing and the two northernmost cities the defender holds."""
    cities = (i for i, kind in enumerate(kinds) if kind == "city" and control[i] == DEFENDER)
    return {kinds.index("crossing")} | set(sorted(cities, key=lambda i: -grid.points[i][0])[:2])


def location_docs(
    grid: Grid,
    kinds: list[str],
    names: list[str],
    ids: list[str],
    control: list[str],
    fronts: Fronts,
    rng: random.Random,
) -> list[dict[str, Any]]:
    """The scenario's location entries: people, displaced, shelter and shelling by kind and by
    nearness to a front."""
    hubs = aid_hubs(grid, kinds, control)
    docs = []
    for i, kind in enumerate(kinds):
        pop = _population(kind, rng)
        near = fronts.roads_beyond_held(i)
        if control[i] == ATTACKER:
            pop = pop // 4  # most people left the held areas before the start
        if kind == "camp":
            displaced = int(pop * 0.95)
            capacity = int(pop * rng.uniform(1.0, 1.4))
        else:
            displaced = int(pop * (rng.uniform(0.1, 0.3) if 0 < near <= 5 else rng.uniform(0, 0.1)))
            capacity = pop // _PEOPLE_PER_SHELTER[kind] if kind in _PEOPLE_PER_SHELTER else 0
        bombardment = 0.0
        if control[i] != ATTACKER and 0 < near <= 2:
            bombardment = round(rng.uniform(0.2, 0.7), 2)
        doc: dict[str, Any] = {
            "id": ids[i],
            "name": names[i],
            "kind": kind,
            "lat": grid.points[i][0],
            "lon": grid.points[i][1],
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
        doc["source"] = source(f"{kind}, lognormal population")
        docs.append(doc)
    return docs


def _population(kind: str, rng: random.Random) -> int:
    if kind == "crossing":
        return 0
    median, spread = _POPULATION[kind]
    return int(rng.lognormvariate(math.log(median), spread))
