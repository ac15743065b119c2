"""Where the places lie: a jittered grid in a lat/lon box, about one place a cell."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

# The box the country lies in (degrees). Any box would do; this one is Syria-sized.
LAT_MIN, LAT_MAX = 32.5, 37.0
LON_MIN, LON_MAX = 36.0, 42.0
LON_MID = (LON_MIN + LON_MAX) / 2

Point = tuple[float, float]  # (lat, lon)


@dataclass(frozen=True, slots=True)
class Grid:
    """The places' points and the grid cells they sit in (cell = row * cols + col); `rows`
    counts the rows that hold a place (the top row of the grid may have been dropped)."""

    points: list[Point]
    cells: list[int]
    cols: int
    rows: int

    @property
    def size(self) -> int:
        return len(self.points)

    def row(self, i: int) -> int:
        return self.cells[i] // self.cols

    def col(self, i: int) -> int:
        return self.cells[i] % self.cols


def grid_shape(n: int) -> tuple[int, int]:
    """Rows and columns of a grid with about `n` cells in the box's aspect ratio."""
    aspect = (
        (LON_MAX - LON_MIN) * math.cos(math.radians((LAT_MIN + LAT_MAX) / 2)) / (LAT_MAX - LAT_MIN)
    )
    rows = max(2, round(math.sqrt(n / aspect)))
    cols = max(2, math.ceil(n / rows))
    return rows, cols


def build_grid(n: int, rng: random.Random) -> Grid:
    """`n` jittered grid points in the box."""
    rows, cols = grid_shape(n)
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
    return Grid(points, kept, cols, rows=max(c // cols for c in kept) + 1)


def haversine_km(p: Point, q: Point) -> float:
    """Great-circle distance between two points, in km."""
    r = 6371.0
    p1, p2 = math.radians(p[0]), math.radians(q[0])
    dp, dl = p2 - p1, math.radians(q[1] - p[1])
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def squared_distance(p: Point, q: Point) -> float:
    """Squared distance in degrees: enough to find the nearest of several points."""
    return (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2
