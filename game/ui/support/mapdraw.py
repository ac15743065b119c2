"""Draw the scenario's map as a grid of symbols: pure functions, no Textual.

`layout()` projects locations onto a grid of cells once per scenario and size; `draw()` puts
roads, the front line, flows, markers and labels on it for one state of the world. Each cell
carries a role (`"gov"`, `"road"`, `"label"`, ...) that the widget turns into a style, so that
colour only repeats what the symbol already says.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from game.scenario.model import LocationKind, RoadStatus, Scenario
from game.text.names import FULL_LABEL_MAX, short_names, tiny_names
from game.ui.support import glyphs

LABEL_GAP = 2  # blank cells kept between two names on a row
TOWN_KINDS = frozenset(
    {
        LocationKind.CITY,
        LocationKind.TOWN,
        LocationKind.VILLAGE,
        LocationKind.CLUSTER,
        LocationKind.REGION,
        LocationKind.SUBURB,
    }
)


@dataclass(frozen=True, slots=True)
class MapState:
    """What the map shows of one moment: who holds what, which roads are usable, who moves."""

    control: Mapping[str, str]  # location id -> faction id
    road_status: Mapping[str, RoadStatus]  # road id -> status
    encircled: frozenset[str] = frozenset()
    flows: Mapping[str, int] = field(default_factory=dict)  # road id -> people, + means a->b
    selected: str | None = None  # location or road id
    levels: Mapping[str, int] = field(default_factory=dict)  # location id -> a layer's 1..3


@dataclass(frozen=True, slots=True)
class Layout:
    """Where each location's marker sits on a `width` x `height` grid. `cells` holds the
    places inside the view; `outside` the projected (off-grid) cells of the others, so that
    roads leading out of a zoomed view still point the right way."""

    width: int
    height: int
    cells: Mapping[str, tuple[int, int]]  # location id -> (x, y)
    outside: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    zoom: float = 1.0


@dataclass(slots=True)
class Picture:
    """A drawn map: `chars[y][x]` and `roles[y][x]`; `labels` says which location each label
    cell names, so a click on a name selects its place."""

    width: int
    height: int
    chars: list[list[str]]
    roles: list[list[str]]
    owner: list[list[str | None]]  # location or road id drawn in the cell, for clicks


def layout(
    scenario: Scenario,
    width: int,
    height: int,
    *,
    zoom: float = 1.0,
    center: str | None = None,
) -> Layout:
    """Project lat/lon onto the grid (north up), keeping a margin for labels and nudging
    markers that would share a cell to the nearest free one, most important places first.
    With `zoom` > 1 the view shows 1/zoom of the region around the location `center`."""
    locs = scenario.locations
    if not locs or width < 4 or height < 3:
        return Layout(width, height, {})
    lats = [loc.lat for loc in locs]
    lons = [loc.lon for loc in locs]
    lat0, lat1 = min(lats), max(lats)
    lon0, lon1 = min(lons), max(lons)
    dlat = (lat1 - lat0) or 1.0
    dlon = (lon1 - lon0) or 1.0
    if zoom > 1.0 and center is not None and center in scenario.location_by_id:
        c = scenario.location_by_id[center]
        half_lat, half_lon = dlat / zoom / 2, dlon / zoom / 2
        clat = min(max(c.lat, lat0 + half_lat), lat1 - half_lat)
        clon = min(max(c.lon, lon0 + half_lon), lon1 - half_lon)
        lat0, lat1 = clat - half_lat, clat + half_lat
        lon0, lon1 = clon - half_lon, clon + half_lon
        dlat, dlon = lat1 - lat0, lon1 - lon0
    left, right = 1, max(2, width // 6)  # labels usually go to the right of markers
    usable_w = max(1, width - left - right - 1)
    usable_h = max(1, height - 1)
    taken: set[tuple[int, int]] = set()
    cells: dict[str, tuple[int, int]] = {}
    outside: dict[str, tuple[int, int]] = {}
    for loc in sorted(locs, key=lambda loc: (_importance(loc), loc.id)):
        fx = (loc.lon - lon0) / dlon
        fy = (lat1 - loc.lat) / dlat
        x = left + round(fx * usable_w)
        y = round(fy * usable_h)
        if not (-1e-9 <= fx <= 1 + 1e-9 and -1e-9 <= fy <= 1 + 1e-9):
            outside[loc.id] = (x, y)
            continue
        cx, cy = _free_cell(x, y, width, height, taken)
        cells[loc.id] = (cx, cy)
        # keep one empty cell on each side so that neighbours stay distinguishable
        taken.update({(cx, cy), (cx - 1, cy), (cx + 1, cy)})
    return Layout(width, height, cells, outside, zoom)


def _importance(loc) -> tuple:
    """Sort key: cities and crossings first, then by people."""
    return (loc.kind not in (LocationKind.CITY, LocationKind.CROSSING), -loc.population)


def _free_cell(x: int, y: int, width: int, height: int, taken: set) -> tuple[int, int]:
    x = min(max(x, 0), width - 1)
    y = min(max(y, 0), height - 1)
    if (x, y) not in taken:
        return x, y
    for radius in range(1, max(width, height)):
        ring = [
            (x + dx, y + dy)
            for dy in range(-radius, radius + 1)
            for dx in range(-radius * 2, radius * 2 + 1)
            if max(abs(dx) / 2, abs(dy)) >= radius - 0.5
        ]
        ring.sort(key=lambda c: ((c[0] - x) ** 2 / 4 + (c[1] - y) ** 2, c[1], c[0]))
        for cx, cy in ring:
            if 0 <= cx < width and 0 <= cy < height and (cx, cy) not in taken:
                return cx, cy
    return x, y


def _line(a: tuple[int, int], b: tuple[int, int]) -> list[tuple[int, int]]:
    """Cells of a straight line from a to b (Bresenham), ends excluded."""
    (x0, y0), (x1, y1) = a, b
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx = 1 if x0 < x1 else -1
    sy = 1 if y0 < y1 else -1
    err = dx + dy
    out = []
    x, y = x0, y0
    while (x, y) != (x1, y1):
        e2 = 2 * err
        if e2 >= dy:
            err += dy
            x += sx
        if e2 <= dx:
            err += dx
            y += sy
        out.append((x, y))
    return out[:-1]


_ROAD_RANK = {"road": 1, "m5": 2, "contested": 3, "closed": 4}


def draw(
    scenario: Scenario,
    lay: Layout,
    state: MapState,
    *,
    names: Mapping[str, str] | None = None,
    big_flow: int = 1000,
) -> Picture:
    """The whole map for one state: roads, front line, flows, markers, then labels."""
    w, h = lay.width, lay.height
    chars = [[" "] * w for _ in range(h)]
    roles = [["blank"] * w for _ in range(h)]
    owner: list[list[str | None]] = [[None] * w for _ in range(h)]
    if not lay.cells:
        return Picture(w, h, chars, roles, owner)
    names = names or short_names(scenario)
    tiny = tiny_names(scenario)
    attackers = {f.id for f in scenario.factions if f.role.value == "attacker"}
    defenders = {f.id for f in scenario.factions if f.role.value == "defender"}
    markers = set(lay.cells.values())

    # roads
    road_cells: dict[str, list[tuple[int, int]]] = {}
    where = {**lay.outside, **lay.cells}
    for road in scenario.roads:
        if road.a not in lay.cells and road.b not in lay.cells:
            continue
        status = state.road_status.get(road.id, road.status)
        if status == RoadStatus.CLOSED:
            role, ch = "closed", glyphs.ROAD_CLOSED
        elif status == RoadStatus.CONTESTED:
            role, ch = "contested", glyphs.ROAD_CONTESTED
        elif road.highway == "M5":
            role, ch = "m5", glyphs.ROAD_HIGHWAY
        else:
            role, ch = "road", glyphs.ROAD_OPEN
        if road.highway == "M5" and role != "m5":
            role += "_m5"
        cells = [
            (x, y) for x, y in _line(where[road.a], where[road.b]) if 0 <= x < w and 0 <= y < h
        ]
        road_cells[road.id] = cells
        for x, y in cells:
            if (x, y) in markers:
                continue
            old = roles[y][x]
            if _ROAD_RANK.get(old.removesuffix("_m5"), 0) <= _ROAD_RANK[role.removesuffix("_m5")]:
                chars[y][x], roles[y][x], owner[y][x] = ch, role, road.id

    # front line: cells between the attacker's territory and others' (nearest-town rule)
    _draw_front(scenario, lay, state, chars, roles, attackers)

    # flows of people: one arrow at the middle of the road, pointing the way they go
    for road in scenario.roads:
        people = state.flows.get(road.id, 0)
        cells = road_cells.get(road.id, [])
        if not people or not cells:
            continue
        src, dst = (road.a, road.b) if people > 0 else (road.b, road.a)
        (x0, y0), (x1, y1) = where[src], where[dst]
        d = (
            _sign(x1 - x0) if abs(x1 - x0) * 2 >= abs(y1 - y0) else 0,
            _sign(y1 - y0) if abs(y1 - y0) * 2 >= abs(x1 - x0) // 2 else 0,
        )
        if d == (0, 0):
            continue
        table = glyphs.ARROWS_LARGE if abs(people) >= big_flow else glyphs.ARROWS_SMALL
        x, y = cells[len(cells) // 2]
        chars[y][x], roles[y][x], owner[y][x] = table[d], "flow", road.id

    # markers
    for loc in scenario.locations:
        if loc.id not in lay.cells:
            continue
        x, y = lay.cells[loc.id]
        holder = state.control.get(loc.id, loc.control)
        if loc.kind == LocationKind.CAMP:
            ch, role = glyphs.CAMP, "camp"
        elif loc.kind == LocationKind.CROSSING:
            ch, role = glyphs.CROSSING, "crossing"
        elif loc.id in state.encircled and holder not in attackers:
            ch, role = glyphs.ENCIRCLED, "encircled"
        elif holder in attackers:
            ch, role = glyphs.HELD_ATTACKER, "gov"
        elif holder in defenders:
            ch, role = glyphs.HELD_DEFENDER, "opp"
        else:
            ch, role = glyphs.HELD_OTHER, "other"
        level = state.levels.get(loc.id, 0)
        if level:
            ch, role = glyphs.LEVELS[level], f"level{level}"
        if loc.id == state.selected:
            role = "selected"
        chars[y][x], roles[y][x], owner[y][x] = ch, role, loc.id

    # labels, the selected place first, then by size; full name, short name, or none
    placed_labels: set[tuple[int, int]] = set()
    order = sorted(
        (loc for loc in scenario.locations if loc.id in lay.cells),
        key=lambda loc: (
            loc.id != state.selected,
            loc.id not in state.encircled,
            loc.kind not in (LocationKind.CITY, LocationKind.CROSSING),
            -loc.population,
            loc.id,
        ),
    )
    for loc in order:
        x, y = lay.cells[loc.id]
        selected = loc.id == state.selected
        texts = [
            t
            for t in dict.fromkeys(
                (loc.name, names.get(loc.id, loc.name), tiny.get(loc.id, loc.name))
            )
            if len(t) <= FULL_LABEL_MAX or selected
        ]
        for text in texts:
            spot = _label_spot(x, y, text, w, chars, roles, markers, placed_labels)
            if spot is None and selected:  # try harder for the selected place
                spot = _label_spot(x, y, text, w, chars, roles, markers, placed_labels, 1)
            if spot is not None:
                lx, ly = spot
                role = (
                    "label_selected"
                    if selected
                    else ("label_city" if loc.kind == LocationKind.CITY else "label")
                )
                for i, ch in enumerate(text):
                    chars[ly][lx + i], roles[ly][lx + i], owner[ly][lx + i] = ch, role, loc.id
                    placed_labels.add((lx + i, ly))
                break
    return Picture(w, h, chars, roles, owner)


def _sign(v: int) -> int:
    return (v > 0) - (v < 0)


def _label_spot(
    x, y, text, w, chars, roles, markers, placed, margin: int = 2
) -> tuple[int, int] | None:
    """The best free place for a label next to the marker at (x, y): right, left, then above
    or below; a label may cover roads (fewest first) but never a marker or another label, and
    keeps `margin` cells from other markers so that it reads as theirs."""
    n = len(text)
    h = len(chars)
    candidates = [
        (x + 2, y),
        (x - n - 1, y),
        (x - n // 2, y - 1),
        (x - n // 2, y + 1),
        (x + 1, y - 1),
        (x + 1, y + 1),
        (x - n, y - 1),
        (x - n, y + 1),
        (x + 3, y),
        (x - n - 2, y),
        (x + 2, y - 1),
        (x + 2, y + 1),
        (x - n - 1, y - 1),
        (x - n - 1, y + 1),
    ]
    best = None
    best_cost = None
    for rank, (lx, ly) in enumerate(candidates):
        if lx < 0 or lx + n > w or not 0 <= ly < h:
            continue
        cost = 0
        ok = True
        # two blank cells between two names, so that they never read as one; `margin`
        # cells between a name and another place's marker, so that it reads as its own
        reach = max(margin, LABEL_GAP)
        for cx in range(lx - reach, lx + n + reach):
            if not 0 <= cx < w:
                continue
            if (cx, ly) in placed and lx - LABEL_GAP <= cx < lx + n + LABEL_GAP:
                ok = False
                break
            near_marker = lx - margin <= cx < lx + n + margin
            if near_marker and (cx, ly) in markers and (cx, ly) != (x, y):
                ok = False
                break
            if lx <= cx < lx + n and roles[ly][cx] not in ("blank", "front"):
                cost += 1
        if not ok:
            continue
        cost = cost * 3 + rank
        if best_cost is None or cost < best_cost:
            best, best_cost = (lx, ly), cost
    return best


def _draw_front(scenario, lay, state, chars, roles, attackers) -> None:
    towns = [
        (lay.cells[loc.id], state.control.get(loc.id, loc.control) in attackers)
        for loc in scenario.locations
        if loc.id in lay.cells and loc.kind in TOWN_KINDS
    ]
    if not any(side for _, side in towns) or all(side for _, side in towns):
        return
    w, h = lay.width, lay.height
    reach = (max(w, h) * 0.18) ** 2
    side_of: list[list[int]] = [[-1] * w for _ in range(h)]
    for y in range(h):
        row = side_of[y]
        for x in range(w):
            best = None
            best_side = -1
            for (tx, ty), side in towns:
                d = (tx - x) ** 2 / 4 + (ty - y) ** 2  # cells are about twice as tall as wide
                if best is None or d < best:
                    best, best_side = d, side
            if best is not None and best <= reach:
                row[x] = int(best_side)
    for y in range(h):
        for x in range(w):
            s = side_of[y][x]
            if s != 1 or roles[y][x] != "blank":
                continue
            for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if 0 <= nx < w and 0 <= ny < h and side_of[ny][nx] == 0:
                    chars[y][x], roles[y][x] = glyphs.FRONT, "front"
                    break
