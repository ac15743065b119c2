"""The road network: grid neighbours and one diagonal per cell (so the graph stays planar),
thinned to degree 2-6 but kept connected; then the scenario's road entries."""

from __future__ import annotations

import random
from collections import deque
from typing import Any

from game.tools.synthetic.common import ATTACKER, source
from game.tools.synthetic.geography import Grid, haversine_km, squared_distance

MAX_DEGREE = 6
MIN_DEGREE = 2
ROAD_FACTOR = 1.25  # road km per straight-line km, as geography.md estimates


class Graph:
    """The road graph under construction: adjacency and edges (each as (low, high))."""

    def __init__(self, n: int) -> None:
        self.adj: list[set[int]] = [set() for _ in range(n)]
        self.edges: list[tuple[int, int]] = []

    def add(self, a: int, b: int) -> None:
        self.adj[a].add(b)
        self.adj[b].add(a)
        self.edges.append((min(a, b), max(a, b)))

    def degree(self, a: int) -> int:
        return len(self.adj[a])

    def full(self, a: int) -> bool:
        return self.degree(a) >= MAX_DEGREE


class _Components:
    """Union-find over the places: which are joined by roads so far."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)

    def roots(self) -> list[int]:
        return sorted({self.find(i) for i in range(len(self.parent))})


def build_roads(grid: Grid, rng: random.Random) -> Graph:
    """Roads between grid neighbours, thinned to degree 2..6 while staying connected: a random
    spanning tree first, then the other candidates at random."""
    n = grid.size
    candidates = _candidates(grid, rng)
    rng.shuffle(candidates)
    graph = Graph(n)
    components = _Components(n)
    rest = []
    for a, b in candidates:  # Kruskal on a random order: a random spanning forest
        joins = components.find(a) != components.find(b)
        if joins and not graph.full(a) and not graph.full(b):
            components.join(a, b)
            graph.add(a, b)
        else:
            rest.append((a, b))
    _join_components(grid, graph, components)
    # Add the rest with a probability that gives a mean degree near 3, as in rural road maps.
    for a, b in rest:
        if b in graph.adj[a]:
            continue
        if graph.full(a) or graph.full(b):
            continue
        low = graph.degree(a) < MIN_DEGREE or graph.degree(b) < MIN_DEGREE
        if low or rng.random() < 0.2:
            graph.add(a, b)
    _join_dead_ends(grid, graph)
    return graph


def _candidates(grid: Grid, rng: random.Random) -> list[tuple[int, int]]:
    """Every road the grid allows: right and down neighbours, one random diagonal a cell, and
    links across dropped cells (two apart) so that holes do not disconnect the grid."""
    cols = grid.cols
    index = {c: i for i, c in enumerate(grid.cells)}
    candidates: list[tuple[int, int]] = []
    for i, c in enumerate(grid.cells):
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
    for i, c in enumerate(grid.cells):
        k = c % cols
        if k + 2 < cols and (c + 1) not in index and (c + 2) in index:
            candidates.append((i, index[c + 2]))
        if (c + cols) not in index and (c + 2 * cols) in index:
            candidates.append((i, index[c + 2 * cols]))
    return candidates


def _join_components(grid: Grid, graph: Graph, components: _Components) -> None:
    """Join any components left by their nearest pair of points (rare: only around holes)."""
    n, points = grid.size, grid.points
    roots = components.roots()
    while len(roots) > 1:
        first = [i for i in range(n) if components.find(i) == roots[0]]
        others = [i for i in range(n) if components.find(i) != roots[0] and not graph.full(i)]
        first = [i for i in first if not graph.full(i)]
        a, b = min(
            ((x, y) for x in first for y in others),
            key=lambda pair: squared_distance(points[pair[0]], points[pair[1]]),
        )
        components.join(a, b)
        graph.add(a, b)
        roots = components.roots()


def _join_dead_ends(grid: Grid, graph: Graph) -> None:
    """Dead ends left (corners next to dropped cells): join each to its nearest free place."""
    n, points = grid.size, grid.points
    for a in range(n):
        if graph.degree(a) < MIN_DEGREE:
            b = min(
                (j for j in range(n) if j != a and j not in graph.adj[a] and not graph.full(j)),
                key=lambda j: (squared_distance(points[a], points[j]), j),
            )
            graph.add(a, b)


def bfs_layers(graph: Graph, sources: list[int], blocked: set[int] | None = None) -> dict[int, int]:
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


def road_docs(
    grid: Grid,
    graph: Graph,
    ids: list[str],
    kinds: list[str],
    control: list[str],
    rng: random.Random,
) -> tuple[list[dict[str, Any]], dict[tuple[int, int], str]]:
    """The scenario's road entries, and each road's id by its (low, high) ends."""
    road_ids: dict[tuple[int, int], str] = {}
    docs = []
    for k, (a, b) in enumerate(sorted(graph.edges)):
        rid = f"r{k}"
        road_ids[(a, b)] = rid
        km = round(haversine_km(grid.points[a], grid.points[b]) * ROAD_FACTOR, 1)
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
        doc["source"] = source("road, km = 1.25 x straight line")
        docs.append(doc)
    return docs, road_ids
