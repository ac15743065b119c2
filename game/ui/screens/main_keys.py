"""The main screen's keys, declared once: the footer, the help's key table and the command
palette are all built from these bindings (those with a tooltip are palette commands).

Order keys and tab keys come in groups, which the footer shows as one item when space is short
(`c/s/p/o/e/a Orders`). Tab keys have priority, so that they switch tabs even while a log
filter has the focus.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

ORDER_KEYS = Binding.Group("Orders")
TAB_KEYS = Binding.Group("Tabs", compact=True)

MAIN_BINDINGS: list[BindingType] = [
    Binding(
        "n,space",
        "end_turn",
        "End turn",
        tooltip="End the turn: play the day with the queued orders",
        id="game.end_turn",
    ),
    *(
        Binding(key, f"order('{kind}')", words, group=ORDER_KEYS, tooltip=tip, id=f"game.{kind}")
        for key, kind, words, tip in (
            ("c", "convoy", "Convoy", "Send a convoy: food, water or tents"),
            ("s", "shelter", "Shelter", "Expand shelter: lasting places"),
            ("p", "pause", "Pause", "Negotiate a humanitarian pause for a town"),
            ("o", "corridor", "Corridor", "Negotiate a safe corridor on a road"),
            ("e", "evacuate", "Evacuate", "Evacuate people along a corridor"),
            ("a", "appeal", "Appeal", "Launch a funding appeal: funds arrive later"),
        )
    ),
    Binding("g", "goto", "Go to", tooltip="Go to a place: type part of its name", id="game.goto"),
    Binding(
        "v",
        "overview",
        "Overview",
        tooltip="Overview: every place in one table",
        id="game.overview",
    ),
    Binding(
        "w",
        "next_layer",
        "Layer",
        tooltip="Map layer: people without shelter, needs not met, threat, front expected, none",
        id="game.layer",
    ),
    Binding(
        "x,delete",
        "cancel_order",
        "Cancel order",
        tooltip="Cancel the highlighted queued order",
        id="game.cancel_order",
    ),
    *(
        Binding(
            key,
            f"tab('{tab}')",
            words,
            group=TAB_KEYS,
            tooltip=tip,
            priority=True,
            id=f"game.tab_{tab}",
        )
        for key, tab, words, tip in (
            ("1", "place", "Place", "Show the selected place"),
            ("2", "orders", "Orders", "Show the queued orders (cancel with x)"),
            ("3", "log", "Log", "Open the log: every event, with sources"),
            ("4", "trends", "Trends", "Show the figures over time"),
        )
    ),
    Binding(
        "d",
        "decisions",
        "Decisions",
        tooltip="A decision the month puts to you: choose one of its options",
        id="game.decisions",
    ),
    Binding("r", "end_report", "End report", tooltip="Show the end report", id="game.end_report"),
    Binding("pagedown", "scroll_panel(1)", "Scroll", show=False, id="game.panel_down"),
    Binding("pageup", "scroll_panel(-1)", "Scroll up", show=False, id="game.panel_up"),
    Binding(
        "slash",
        "filter_log",
        "Log filter",
        show=False,
        tooltip="Filter the log by the selected place",
        id="game.filter_log",
    ),
    Binding("m", "focus_map", "Map", show=False, tooltip="Focus the map", id="game.map"),
    # S (shift+s) as well: a browser may keep ctrl+s (save the page) for itself (docs/web.md)
    Binding(
        "ctrl+s,S",
        "save",
        "Save",
        show=False,
        tooltip="Save the game under a name",
        id="game.save",
    ),
    Binding("q", "leave", "Quit", tooltip="Leave the game", id="game.quit"),
]
