"""Messages the game's widgets post to their screen, in one module (after Toolong's).

They are small dataclasses; `can_replace` lets a burst of selections (holding an arrow key)
coalesce into the last one.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class PlaceSelected(Message):
    """The player picked a location or a road (on the map, in a list, from the palette)."""

    place: str  # location id or road id

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, PlaceSelected)


@dataclass
class OrderCancelled(Message):
    """The player cancelled the queued order at `index`."""

    index: int


@dataclass
class LogFilterChanged(Message):
    """The log's filters changed; `place` and `kind` are None for 'all'."""

    place: str | None
    kind: str | None
