"""The map's symbols, one table for the map widget, its legend and the help screen.

Meaning is carried by the symbol; colour (set in the stylesheet) only repeats it.
"""

from __future__ import annotations

# Places, by who holds them (the attacker's places filled, the defender's hollow).
HELD_DEFENDER = "○"
HELD_ATTACKER = "●"
HELD_OTHER = "◇"
ENCIRCLED = "◐"  # held by the defender, besieged
CAMP = "▲"
CROSSING = "⊠"

# Road cells, by status; a highway (the M5) has its own open-road symbol.
ROAD_OPEN = "·"
ROAD_HIGHWAY = "•"
ROAD_CONTESTED = "~"
ROAD_CLOSED = "×"

FRONT = "░"  # between places held by the attacker and places held by others

# A map layer's level at a place (1 low .. 3 high), drawn in place of its marker.
LEVELS = ("", "▂", "▅", "█")

# Flows of people along a road, by direction; doubled arrows for large flows.
ARROWS_SMALL = {
    (1, 0): "→",
    (-1, 0): "←",
    (0, -1): "↑",
    (0, 1): "↓",
    (1, -1): "↗",
    (-1, -1): "↖",
    (1, 1): "↘",
    (-1, 1): "↙",
}
ARROWS_LARGE = {
    (1, 0): "⇒",
    (-1, 0): "⇐",
    (0, -1): "⇑",
    (0, 1): "⇓",
    (1, -1): "⇗",
    (-1, -1): "⇖",
    (1, 1): "⇘",
    (-1, 1): "⇙",
}

LEGEND: tuple[tuple[str, str], ...] = (
    (HELD_DEFENDER, "opposition-held"),
    (HELD_ATTACKER, "government-held"),
    (ENCIRCLED, "encircled"),
    (CAMP, "camps"),
    (CROSSING, "border crossing"),
    (ROAD_OPEN, "road"),
    (ROAD_HIGHWAY, "M5 highway"),
    (ROAD_CONTESTED, "contested road"),
    (ROAD_CLOSED, "closed road"),
    (FRONT, "front line"),
    ("→⇒", "people moving (⇒ many)"),
)
