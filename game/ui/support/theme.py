"""The game's two themes, dark and light: muted colours, sides told apart by hue *and* symbol.

Map roles get their own variables (`$map-attacker`, `$map-defender`, ...) so the stylesheet never
borrows `$error`/`$success` for the sides of a war.
"""

from __future__ import annotations

from textual.theme import Theme

DARK = Theme(
    name="corridor-dark",
    primary="#7fa7c9",
    secondary="#9fb3bf",
    accent="#d1a84b",
    warning="#d29a3a",
    error="#d0654f",
    success="#7fa86b",
    foreground="#e2ded6",
    background="#17191c",
    surface="#202327",
    panel="#2a2e33",
    dark=True,
    variables={
        "map-attacker": "#d98c6f",
        "map-defender": "#8fb8d8",
        "map-other": "#b9a7d6",
        "map-camp": "#e0b85a",
        "map-road": "#8a8f96",
        "map-highway": "#e2ded6",
        "map-front": "#a0584a",
        "map-flow": "#f0e6c8",
        "footer-key-foreground": "#d1a84b",
    },
)

LIGHT = Theme(
    name="corridor-light",
    primary="#2f5d8a",
    secondary="#4d6573",
    accent="#7d5c00",
    warning="#8f5200",
    error="#a33a2a",
    success="#3f6e34",
    foreground="#1d1f22",
    background="#f5f3ef",
    surface="#ebe8e2",
    panel="#dedad2",
    dark=False,
    variables={
        "map-attacker": "#a4401f",
        "map-defender": "#1f5f94",
        "map-other": "#5e4a8c",
        "map-camp": "#7a5400",
        "map-road": "#6b6f75",
        "map-highway": "#1d1f22",
        "map-front": "#c07a6c",
        "map-flow": "#3b2f00",
        "footer-key-foreground": "#7d5c00",
    },
)

THEMES = (DARK, LIGHT)
