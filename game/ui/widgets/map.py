"""The map: locations as labelled markers, roads as lines, the front, flows of people.

Drawing is done by `game.ui.support.mapdraw` (pure); this widget keeps the drawn picture for its
size, turns roles into styles from the stylesheet (component classes `map--<role>`), and moves the
selection with the arrow keys or a click.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from game.scenario.model import Scenario
from game.text.names import short_names
from game.ui.support import mapdraw
from game.ui.support.messages import PlaceSelected

ROLES = (
    "blank",
    "opp",
    "gov",
    "other",
    "encircled",
    "camp",
    "crossing",
    "selected",
    "road",
    "m5",
    "contested",
    "contested_m5",
    "closed",
    "closed_m5",
    "front",
    "flow",
    "label",
    "label_city",
    "label_selected",
    "level1",
    "level2",
    "level3",
)


class CorridorMap(Widget, can_focus=True):
    """A schematic map of the scenario; `map_state` says what to show, `selected` what is picked."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"map--{role}" for role in ROLES}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(0,-1)", "North", show=False, id="map.north"),
        Binding("down,j", "move(0,1)", "South", show=False, id="map.south"),
        Binding("left,h", "move(-1,0)", "West", show=False, id="map.west"),
        Binding("right,l", "move(1,0)", "East", show=False, id="map.east"),
        Binding("right_square_bracket", "cycle(1)", "Next place", show=False, id="map.next"),
        Binding("left_square_bracket", "cycle(-1)", "Previous place", show=False, id="map.prev"),
        Binding("z", "zoom", "Zoom in/out around the selection", show=False, id="map.zoom"),
    ]

    ZOOMS = (1.0, 2.0, 3.5)

    map_state: reactive[mapdraw.MapState | None] = reactive(None, layout=False)
    zoom: reactive[float] = reactive(1.0)

    def __init__(
        self,
        scenario: Scenario,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.scenario = scenario
        self._names = short_names(scenario)
        self._layout: mapdraw.Layout | None = None
        self._picture: mapdraw.Picture | None = None
        self._styles: dict[str, Style] = {}

    # --- what is shown ---------------------------------------------------------------------

    @property
    def selected(self) -> str | None:
        return self.map_state.selected if self.map_state else None

    def show(self, state: mapdraw.MapState) -> None:
        """Show a new state of the world (the selection comes with it)."""
        self.map_state = state

    def select(self, place: str | None, *, announce: bool = True) -> None:
        """Select a location (or road) by id; posts `PlaceSelected` when `announce`."""
        if self.map_state is None or place == self.map_state.selected:
            return
        self.map_state = replace(self.map_state, selected=place)
        if announce and place is not None:
            self.post_message(PlaceSelected(place))

    def watch_map_state(self, old: mapdraw.MapState | None, new: mapdraw.MapState | None) -> None:
        self._picture = None
        if self.zoom > 1 and old is not None and new is not None and old.selected != new.selected:
            self._layout = None  # a zoomed view follows the selection
        self.refresh()

    def watch_zoom(self) -> None:
        self._layout = None
        self._picture = None
        self.refresh()

    def action_zoom(self) -> None:
        """Cycle the zoom: the whole region, then closer views around the selection."""
        i = self.ZOOMS.index(self.zoom) if self.zoom in self.ZOOMS else 0
        self.zoom = self.ZOOMS[(i + 1) % len(self.ZOOMS)]

    def on_resize(self, event: events.Resize) -> None:
        self._layout = None
        self._picture = None

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles = {}

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return container.height

    def _ensure_picture(self) -> mapdraw.Picture | None:
        if self.map_state is None:
            return None
        w, h = self.content_size.width, self.content_size.height
        if w <= 0 or h <= 0:
            return None
        if self._layout is None or (self._layout.width, self._layout.height) != (w, h):
            self._layout = None
        if self._layout is None:
            self._layout = mapdraw.layout(self.scenario, w, h, zoom=self.zoom, center=self.selected)
            self._picture = None
        if self._picture is None:
            self._picture = mapdraw.draw(
                self.scenario, self._layout, self.map_state, names=self._names
            )
        return self._picture

    def _style(self, role: str) -> Style:
        style = self._styles.get(role)
        if style is None:
            style = self.get_component_rich_style(f"map--{role}", partial=False)
            self._styles[role] = style
        return style

    def render_line(self, y: int) -> Strip:
        picture = self._ensure_picture()
        width = self.content_size.width
        if picture is None or y >= picture.height:
            return Strip.blank(width, self.rich_style)
        chars, roles = picture.chars[y], picture.roles[y]
        segments: list[Segment] = []
        run_role = roles[0] if roles else "blank"
        run: list[str] = []
        for ch, role in zip(chars, roles, strict=True):
            if role != run_role:
                segments.append(Segment("".join(run), self._style(run_role)))
                run, run_role = [], role
            run.append(ch)
        if run:
            segments.append(Segment("".join(run), self._style(run_role)))
        return Strip(segments, picture.width)

    # --- moving the selection --------------------------------------------------------------

    def action_move(self, dx: int, dy: int) -> None:
        """Select the nearest place in a direction (within a 90° cone)."""
        self._ensure_picture()
        lay = self._layout
        if lay is None or not lay.cells:
            return
        current = self.selected if self.selected in lay.cells else None
        if current is None:
            self.select(self._ordered_places()[0])
            return
        x0, y0 = lay.cells[current]
        best, best_d = None, None
        for place, (x, y) in lay.cells.items():
            if place == current:
                continue
            vx, vy = (x - x0) / 2, (y - y0)  # cells are twice as tall as wide
            along = vx * dx + vy * dy
            across = abs(vx * dy - vy * dx)
            if along <= 0 or across > along * 1.5:
                continue
            d = along + across * 2
            if best_d is None or d < best_d:
                best, best_d = place, d
        if best is not None:
            self.select(best)

    def _ordered_places(self) -> list[str]:
        """Places north to south, then west to east (reading order), for cycling."""
        lay = self._layout
        assert lay is not None
        return sorted(lay.cells, key=lambda p: (lay.cells[p][1], lay.cells[p][0]))

    def action_cycle(self, step: int) -> None:
        self._ensure_picture()
        if self._layout is None or not self._layout.cells:
            return
        places = self._ordered_places()
        i = (places.index(self.selected) + step) % len(places) if self.selected in places else 0
        self.select(places[i])

    def on_click(self, event: events.Click) -> None:
        picture = self._ensure_picture()
        if picture is None or self._layout is None:
            return
        x, y = event.x, event.y
        place = None
        if 0 <= y < picture.height and 0 <= x < picture.width:
            owner = picture.owner[y][x]
            if owner in self._layout.cells:
                place = owner
        if place is None:
            near = [
                ((px - x) ** 2 / 4 + (py - y) ** 2, p) for p, (px, py) in self._layout.cells.items()
            ]
            if near:
                d, p = min(near)
                if d <= 4:
                    place = p
        if place is not None:
            self.select(place)
