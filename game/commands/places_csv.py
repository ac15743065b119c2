"""`corridor simulate --places-csv FILE`: one row per place per turn, for authors to see what
the model does with each place of their scenario (who stays, who is in shelter or without,
who is trapped, the harm estimate), streamed through the one output writer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

PLACE_COLUMNS = (
    "turn",
    "date",
    "place",
    "residents",
    "sheltered",
    "unsheltered",
    "trapped",
    "harmed_estimate",
)
PLACE_HXL = {
    "date": "#date",
    "place": "#loc+code",
    "residents": "#population+residents",
    "sheltered": "#affected+displaced+sheltered",
    "unsheltered": "#affected+displaced+unsheltered",
    "trapped": "#affected+trapped",
    "harmed_estimate": "#affected+harmed+estimate",
}


def place_rows(played: Any) -> Iterator[tuple[object, ...]]:
    """The rows of one played turn (`game.engine.simulate.PlayedTurn`): every place, in file
    order. `trapped` is what the turn's log counted at the place (its `trapped` events), so the
    places add up to the turn's figure; `harmed_estimate` is cumulative, like the per-turn CSV
    (whose total also counts people harmed on the roads, who are at no place)."""
    trapped: dict[str, int] = {}
    for event in played.events:
        if event.kind == "trapped" and event.place is not None:
            trapped[event.place] = trapped.get(event.place, 0) + int(event.figures.get("people", 0))
    state = played.state
    date = state.date.isoformat()
    for place in state.locations:
        yield (
            played.turn,
            date,
            place.id,
            place.residents,
            place.sheltered,
            place.unsheltered,
            trapped.get(place.id, 0),
            place.harmed,
        )
