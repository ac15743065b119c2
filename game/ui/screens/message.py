"""A modal that states a problem (a broken save, a refused action) and waits to be dismissed."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from game.ui.widgets.key_bar import KeyBar


class MessageScreen(ModalScreen[None]):
    """A title, a body of plain text, and an OK button (Enter or Escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,escape", "dismiss_message", "OK", id="message.ok"),
    ]

    def __init__(self, title: str, body: str) -> None:
        super().__init__()
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(id="message-box", classes="dialog"):
            yield Static(self.title_text, classes="dialog-title", markup=False)
            with VerticalScroll(id="message-body"):
                yield Static(self.body, markup=False)
            yield Button("OK", id="message-ok", variant="primary")
        yield KeyBar()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_dismiss_message(self) -> None:
        self.dismiss(None)
