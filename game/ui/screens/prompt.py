"""A one-line question as a modal (a save's name): returns the text, or None if cancelled."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from game.ui.widgets.key_bar import KeyBar


class PromptScreen(ModalScreen[str | None]):
    """Enter accepts, Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "accept", "Accept", priority=True, id="prompt.accept"),
        Binding("escape", "cancel", "Cancel", id="prompt.cancel"),
    ]

    def __init__(self, question: str, value: str = "", hint: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="prompt-box"):
            yield Static(self.question, classes="dialog-title", markup=False)
            yield Input(value=self.value, id="prompt-input")
            yield Static(
                self.hint or "Enter accept · Escape cancel", classes="dialog-hint", markup=False
            )
        yield KeyBar()

    def action_accept(self) -> None:
        self.dismiss(self.query_one("#prompt-input", Input).value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
