"""A form field whose value is picked from a long, filterable list (`ChoiceScreen`): Enter,
Space or a click opens the list, the field then shows the choice."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from game.ui.screens.choice import Choice, ChoiceScreen


class PickField(Widget, can_focus=True):
    """One line: the chosen item (or a prompt) and ▼."""

    DEFAULT_CSS = """
    PickField { height: 1; background: $boost; padding: 0 1; }
    PickField:focus { background: $primary 30%; text-style: bold; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "open", "Choose", id="pick.open"),
    ]

    value: reactive[str | None] = reactive(None)

    @dataclass
    class Changed(Message):
        """The value was picked (`value` None: nothing chosen)."""

        field: PickField
        value: str | None

        @property
        def control(self) -> PickField:
            return self.field

    def __init__(
        self,
        choices: Sequence[Choice],
        value: str | None = None,
        *,
        title: str,
        prompt: str = "(choose: Enter, then type to filter)",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.choices = list(choices)
        self.title = title
        self.prompt = prompt
        self.set_reactive(PickField.value, value)

    def set_choices(self, choices: Sequence[Choice], value: str | None) -> None:
        """Offer other choices (and show `value`, or the prompt)."""
        self.choices = list(choices)
        self.value = value
        self.post_message(self.Changed(self, value))

    def render(self) -> Content:
        chosen = next((c for c in self.choices if c.value == self.value), None)
        if chosen is None:
            text = self.prompt if self.choices else "(none possible)"
            return Content.from_markup("[dim]$text[/] ▼", text=text)
        return Content.from_markup(chosen.label + " ▼")

    def action_open(self) -> None:
        def picked(value: str | None) -> None:
            if value is not None:
                self.value = value
                self.post_message(self.Changed(self, value))

        if self.choices:
            self.app.push_screen(ChoiceScreen(self.title, self.choices), picked)

    def on_click(self, event: events.Click) -> None:
        self.action_open()
