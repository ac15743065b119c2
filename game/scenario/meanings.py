"""What each word of the format makes the engine do: the `kind` of a place, the `role` of a
faction, the `status` of a road, an event's `basis`. The reference in docs/scenario-format.md
is generated from these tables (with `spec.py`); the engine reads the words themselves.

Words not listed under a choice change nothing in the engine; they are shown to players.
"""

from __future__ import annotations

Meanings = tuple[tuple[str, str], ...]

_TOWN = (
    "A place people live in. They leave it when they feel threatened (see the threat rule) and "
    "may flee to it: a place that is not a camp takes everyone who arrives, into free shelter "
    "places first; those without a place are still on their way and move on "
    "(`onward_rate_en_route`)."
)

LOCATION_KINDS: Meanings = (
    ("city", _TOWN),
    ("town", "The same as `city` in the engine."),
    ("village", "The same as `city` in the engine."),
    (
        "cluster",
        "The same as `city` in the engine; give `localities` for the villages it stands for "
        "(they count as taken when it falls).",
    ),
    ("region", "The same as `city` in the engine."),
    ("suburb", "The same as `city` in the engine."),
    (
        "camp",
        "An area of camps for displaced people: people fleeing prefer it (its score is "
        "multiplied by `camp_weight`), it attracts less as its shelter places fill up "
        "(`capacity_full_share`, `capacity_floor`), and people who reach it are no longer on "
        "their way: those without a shelter place stay, moving on toward free places only at "
        "`onward_rate_unsheltered`, like unsheltered people who have stopped anywhere.",
    ),
    (
        "crossing",
        "A border crossing: the same as `city` for people on the move (the map has no exit: no "
        "one leaves the scenario through it); no shelter can be built there (the `shelter` "
        "order is refused). Usually a `hub`, where aid comes in.",
    ),
)

FACTION_ROLES: Meanings = (
    (
        "attacker",
        "Takes places. A place an attacker holds is hostile: threat comes from the nearest "
        "hostile place (`front_threat` over `front_range_km` of road), people never flee into "
        "a hostile place, and convoys, shelter, pauses and evacuations cannot go there. When an "
        "attacker captures a place that was not hostile, the place falls: the people still "
        "there flee across the line for `fall_days` days (`fall_threat`, `fall_leave_rate`), "
        "its aid stocks are lost, bombardment there stops, and its `localities` count as taken.",
    ),
    (
        "defender",
        "Holds places; its places are not hostile. The same as `other` in the engine.",
    ),
    ("other", "A party that neither attacks nor defends; the same as `defender` in the engine."),
    (
        "humanitarian",
        "An aid actor (the player's side). Its places are not hostile. It cannot capture a "
        "place (refused), and holding one at the start is warned about.",
    ),
)

ROAD_STATUSES: Meanings = (
    ("open", "People and convoys use it."),
    (
        "contested",
        "Usable at a risk: people trust it less when choosing a route (`contested_danger`), "
        "convoys on it are held up some days (`convoy_delay_rate`), and it counts as a way "
        "out, so people behind it are not trapped.",
    ),
    (
        "closed",
        "No one uses it: not people fleeing, not convoys, not corridors. People whose every "
        "road out is closed or leads to a hostile place are trapped once their threat reaches "
        "`trap_threat`.",
    ),
)

BASES: Meanings = (
    (
        "reported",
        "The log shows the event as reported, with its citation; the end report says a capture "
        'happened "as reported".',
    ),
    (
        "projected",
        'The log marks it "(model projection)"; the end report calls a capture a projection '
        "of the model, naming what it was based on.",
    ),
)

DIRECTIONS_NOTE = (
    "Shown to players. In the engine a town is encircled when it has `encirclement` (or an "
    "`encircle` effect reaches it), whoever holds the approaches: people can then leave only by "
    "its `open_exits`, it feels `encirclement_threat`, and no shelter can be built there."
)
