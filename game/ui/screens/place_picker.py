"""Go to a place: type to filter the locations, Enter selects one on the map."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from game.scenario.model import Scenario


class PlacePickerScreen(ModalScreen[str | None]):
    """Returns a location id, or None (Escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("down", "move(1)", "Next", show=False, id="picker.down"),
        Binding("up", "move(-1)", "Previous", show=False, id="picker.up"),
    ]

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario
        self.places = sorted(scenario.locations, key=lambda loc: loc.name.lower())

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="picker-box"):
            yield Static("Go to a place", classes="dialog-title")
            yield Input(placeholder="type part of a name", id="picker-input")
            yield OptionList(*self._options(""), id="picker-list")
            yield Static("↑↓ choose · Enter go · Escape cancel", classes="dialog-hint")

    def _options(self, text: str) -> list[Option]:
        t = text.lower().strip()
        return [
            Option(f"{loc.name}  [dim]{loc.kind.value}[/]", id=loc.id)
            for loc in self.places
            if not t or t in loc.name.lower() or t in loc.id
        ]

    @on(Input.Changed, "#picker-input")
    def _filter(self, event: Input.Changed) -> None:
        options = self.query_one("#picker-list", OptionList)
        options.clear_options()
        options.add_options(self._options(event.value))
        if options.option_count:
            options.highlighted = 0

    @on(Input.Submitted, "#picker-input")
    def _submitted(self, event: Input.Submitted) -> None:
        options = self.query_one("#picker-list", OptionList)
        if options.highlighted is not None:
            self.dismiss(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected, "#picker-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def on_mount(self) -> None:
        options = self.query_one("#picker-list", OptionList)
        if options.option_count:
            options.highlighted = 0

    def action_move(self, step: int) -> None:
        options = self.query_one("#picker-list", OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    def action_cancel(self) -> None:
        self.dismiss(None)
