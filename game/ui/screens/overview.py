"""The overview (`v`): every place in one sortable table, so that the player finds where people
are without shelter, trapped or short of food without visiting each place (after Unciv's
overview screens). Enter on a row goes to that place on the map; returns its id, or None.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from game.app.overview import PlaceRow, place_rows
from game.text import format as fmt
from game.text.names import short_names
from game.ui.support import glyphs
from game.ui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from game.engine import Event, State
    from game.scenario.model import Scenario


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{round(value)}%"


def _threat(value: float) -> str:
    return "none" if value <= 0.01 else f"{value:.2f}"


def _held(row: PlaceRow) -> str:
    if row.held_by_attacker:
        return glyphs.HELD_ATTACKER
    return glyphs.ENCIRCLED if row.encircled else glyphs.HELD_DEFENDER


@dataclass(frozen=True, slots=True)
class Column:
    """A column: its heading, its cell text, and the key it sorts by (most first unless
    `ascending`)."""

    key: str
    heading: str
    words: str  # what the heading stands for, in the sort line
    text: Callable[[PlaceRow], str]
    sort: Callable[[PlaceRow], float | str]
    ascending: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("name", "Place", "name", lambda r: r.name, lambda r: r.name.lower(), ascending=True),
    Column("held", "Held", "who holds it", _held, lambda r: 2 * r.held_by_attacker + r.encircled),
    Column(
        "residents",
        "Residents",
        "residents",
        lambda r: fmt.compact(r.residents),
        lambda r: r.residents,
    ),
    Column(
        "sheltered",
        "In shelter",
        "displaced in shelter",
        lambda r: fmt.compact(r.sheltered),
        lambda r: r.sheltered,
    ),
    Column(
        "unsheltered",
        "No shelter",
        "displaced without shelter",
        lambda r: fmt.compact(r.unsheltered),
        lambda r: r.unsheltered,
    ),
    Column("trapped", "Trapped", "trapped", lambda r: fmt.compact(r.trapped), lambda r: r.trapped),
    Column(
        "food",
        "Food",
        "food needs met",
        lambda r: _pct(r.food_pct),
        lambda r: 101.0 if r.food_pct is None else r.food_pct,
        ascending=True,
    ),
    Column(
        "water",
        "Water",
        "water needs met",
        lambda r: _pct(r.water_pct),
        lambda r: 101.0 if r.water_pct is None else r.water_pct,
        ascending=True,
    ),
    Column(
        "shelter",
        "Shelter",
        "shelter needs met",
        lambda r: _pct(r.shelter_pct),
        lambda r: 101.0 if r.shelter_pct is None else r.shelter_pct,
        ascending=True,
    ),
    Column("threat", "Threat", "threat felt", lambda r: _threat(r.threat), lambda r: r.threat),
)
DEFAULT_SORT = "unsheltered"


class OverviewScreen(ModalScreen[str | None]):
    """All places in a table; `s` / click a heading sorts, `r` reverses, Enter goes there."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "go", "Go to place", priority=True, id="overview.go"),
        Binding("s", "sort(1)", "Sort by next", id="overview.sort"),
        Binding("S", "sort(-1)", "Sort by previous", show=False, id="overview.sort_back"),
        Binding("r", "reverse", "Reverse", id="overview.reverse"),
        Binding("escape,v,q", "close", "Close", id="overview.close"),
    ]

    def __init__(self, scenario: Scenario, state: State, events: Sequence[Event] = ()) -> None:
        super().__init__()
        self.scenario = scenario
        short = short_names(scenario)
        self.rows = [
            replace(row, name=short[row.id]) for row in place_rows(scenario, state, events)
        ]
        self.sort_key = DEFAULT_SORT
        self.reverse = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="overview-box"):
            yield Static("Every place", classes="dialog-title")
            yield Static("", id="overview-sort", markup=False)
            yield DataTable(id="overview-table", cursor_type="row", zebra_stripes=True)
            yield Static(
                "Needs: share of the displaced people here whose food, water and shelter are "
                "covered today (the existing response, your stocks on hand, shelter places). "
                "Trapped: see help (?), Rules.",
                classes="dialog-hint",
                markup=False,
            )
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.fixed_columns = 1
        self._sort()
        table.focus()

    # --- sorting ----------------------------------------------------------------------------

    def _column(self) -> Column:
        return next(c for c in COLUMNS if c.key == self.sort_key)

    def sorted_rows(self) -> list[PlaceRow]:
        """The rows in the order shown: by the sort column, ties by name."""
        column = self._column()
        rows = sorted(self.rows, key=lambda row: row.name.lower())
        rows.sort(key=column.sort, reverse=not column.ascending)
        return rows[::-1] if self.reverse else rows

    def _sort(self) -> None:
        """Fill the table in the chosen order, the sort column's heading marked."""
        column = self._column()
        table = self.query_one(DataTable)
        table.clear(columns=True)
        arrow = "▲" if column.ascending != self.reverse else "▼"
        for c in COLUMNS:
            table.add_column(f"{c.heading} {arrow}" if c is column else c.heading, key=c.key)
        for row in self.sorted_rows():
            table.add_row(*(c.text(row) for c in COLUMNS), key=row.id)
        if column.key == "name":
            order = "Z to A" if self.reverse else "A to Z"
        elif self.reverse:
            order = "most first" if column.ascending else "least first"
        else:
            order = "least first" if column.ascending else "most first"
        self.query_one("#overview-sort", Static).update(f"Sorted by {column.words}, {order}")
        table.move_cursor(row=0)

    def action_sort(self, step: int) -> None:
        keys = [c.key for c in COLUMNS]
        self.sort_key = keys[(keys.index(self.sort_key) + step) % len(keys)]
        self.reverse = False
        self._sort()

    def action_reverse(self) -> None:
        self.reverse = not self.reverse
        self._sort()

    @on(DataTable.HeaderSelected)
    def _heading_clicked(self, event: DataTable.HeaderSelected) -> None:
        key = event.column_key.value
        if key == self.sort_key:
            self.reverse = not self.reverse
        else:
            self.sort_key, self.reverse = str(key), False
        self._sort()

    # --- leaving ----------------------------------------------------------------------------

    def action_go(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key
            self.dismiss(str(key.value))

    def action_close(self) -> None:
        self.dismiss(None)
