"""Pick one of many (a place, a road): type to filter the list, arrows to move, Enter to choose.

    ChoiceScreen("Go to a place", choices)      # returns the chosen value, or None (Escape)

Choices come in groups (`Choice.group`), shown under a heading in the given order while the
filter is empty, so that the likeliest ones (the selected place's roads) come first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from game.ui.widgets.key_bar import KeyBar


@dataclass(frozen=True, slots=True)
class Choice:
    """One choice: its line (Textual markup), its value, the words the filter matches, and
    the heading it comes under."""

    label: str
    value: str
    search: str
    group: str = ""


def matches(choice: Choice, text: str) -> bool:
    """Whether every word typed appears in the choice's words (case-insensitive)."""
    words = choice.search.lower()
    return all(part in words for part in text.lower().split())


class ChoiceScreen(ModalScreen[str | None]):
    """A filter field over a list; returns the chosen value, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose", "Choose", priority=True, id="choice.choose"),
        Binding("down", "move(1)", "Next", group=Binding.Group("Move", compact=True), id="c.down"),
        Binding("up", "move(-1)", "Previous", group=Binding.Group("Move", compact=True), id="c.up"),
        Binding("escape", "cancel", "Cancel", id="choice.cancel"),
    ]

    def __init__(
        self, title: str, choices: Sequence[Choice], *, placeholder: str = "type to filter"
    ) -> None:
        super().__init__()
        self.heading = title
        self.choices = list(choices)
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="choice-box"):
            yield Static(self.heading, classes="dialog-title", markup=False)
            yield Input(placeholder=self.placeholder, id="choice-input")
            yield OptionList(*self._options(""), id="choice-list")
        yield KeyBar()

    def on_mount(self) -> None:
        self._highlight_first()

    def _options(self, text: str) -> list[Option]:
        shown = [c for c in self.choices if matches(c, text)]
        if not shown:
            return [Option("[dim]Nothing matches: Backspace to widen the filter[/]", disabled=True)]
        options: list[Option] = []
        group = None
        for choice in shown:
            if choice.group and choice.group != group and not text.strip():
                options.append(Option(f"[b $accent]{choice.group}[/]", disabled=True))
            group = choice.group
            options.append(Option(choice.label, id=choice.value))
        return options

    def _highlight_first(self) -> None:
        options = self.query_one("#choice-list", OptionList)
        for i in range(options.option_count):
            if not options.get_option_at_index(i).disabled:
                options.highlighted = i
                return

    @on(Input.Changed, "#choice-input")
    def _filter(self, event: Input.Changed) -> None:
        options = self.query_one("#choice-list", OptionList)
        options.clear_options()
        options.add_options(self._options(event.value))
        self._highlight_first()

    def shown_values(self) -> list[str]:
        """The values listed now, in order (what the filter lets through)."""
        options = self.query_one("#choice-list", OptionList)
        found = (options.get_option_at_index(i) for i in range(options.option_count))
        return [option.id for option in found if option.id is not None]

    @on(OptionList.OptionSelected, "#choice-list")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(event.option.id)

    def action_choose(self) -> None:
        options = self.query_one("#choice-list", OptionList)
        if options.highlighted is None:
            return
        option = options.get_option_at_index(options.highlighted)
        if option.id is not None and not option.disabled:
            self.dismiss(option.id)

    def action_move(self, step: int) -> None:
        options = self.query_one("#choice-list", OptionList)
        count = options.option_count
        index = options.highlighted if options.highlighted is not None else -step
        for _ in range(count):
            index = max(0, min(count - 1, index + step))
            if not options.get_option_at_index(index).disabled:
                options.highlighted = index
                return
            if index in (0, count - 1):
                return

    def action_cancel(self) -> None:
        self.dismiss(None)
