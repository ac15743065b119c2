"""A decision the month puts to the player: a dilemma's prompt and its two or three options,
each with what it costs, what follows and where that comes from.

    DilemmaScreen(scenario, event, view)    # returns the chosen option's id, or None (later)

An option the player cannot afford now is shown but cannot be chosen. Choosing queues a
`choose` order for the turn (saved and replayed like any other); Escape leaves the decision
open (the Orders tab or `d` brings it back) until its last day, when the default holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from game.engine.orders import ChooseOption
from game.scenario.model import TimelineEvent
from game.ui.widgets.order_list import cost_words

if TYPE_CHECKING:
    from game.ui.support.game_view import GameView


def option_markup(event: TimelineEvent, option_id: str, refusal: str | None) -> str:
    """One option's text: label, cost, consequences, sources, and why it cannot be chosen."""
    option = event.option(option_id)
    assert option is not None
    free = not (option.cost.funds or option.cost.trucks or option.cost.leverage)
    cost = "No cost." if free else f"Cost: {cost_words(option.cost)}."
    marker = " [dim](if you do not choose)[/]" if option.id == event.default else ""
    lines = [
        f"[b]{escape(option.label)}[/]{marker}",
        f"{cost} {escape(option.consequences)}",
        *(f"[dim]{escape(source)}[/]" for source in option.source),
    ]
    if refusal:
        lines.append(f"[b]Cannot be chosen now:[/] {escape(refusal)}.")
    return "\n".join(lines)


class DilemmaScreen(ModalScreen[str | None]):
    """`1`..`3` or a button chooses; Escape decides later."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(str(k), f"pick({k - 1})", f"Option {k}", id=f"dilemma.option_{k}")
            for k in (1, 2, 3)
        ),
        Binding("escape", "later", "Decide later", id="dilemma.later"),
    ]

    def __init__(self, event: TimelineEvent, view: GameView, last_turn: int) -> None:
        super().__init__()
        self.event = event
        self.view = view
        self.last_turn = last_turn
        self.refusals = {
            option.id: view.check(ChooseOption(event.id, option.id)) for option in event.options
        }

    def compose(self) -> ComposeResult:
        turns_left = max(0, self.last_turn - self.view.state.turn)
        when = "today" if turns_left <= 1 else f"within {turns_left} days"
        with Vertical(classes="dialog", id="dilemma-box"):
            yield Static(f"A decision: {escape(self.event.title)}", classes="dialog-title")
            with VerticalScroll(id="dilemma-body"):
                yield Static(escape(self.event.prompt or ""), id="dilemma-prompt")
                for k, option in enumerate(self.event.options, start=1):
                    yield Static(
                        f"[b]{k}[/]  "
                        + option_markup(self.event, option.id, self.refusals[option.id]),
                        classes="dilemma-option",
                    )
                yield Static(
                    f"[dim]Choose {when}; if you do not, the option marked 'if you do not "
                    "choose' holds. Sources as cited; harm figures stay model estimates.[/]",
                    id="dilemma-note",
                )
            with Horizontal(classes="dialog-buttons"):
                for k, option in enumerate(self.event.options, start=1):
                    yield Button(
                        f"Option {k}",
                        id=f"dilemma-{option.id}",
                        compact=True,
                        disabled=self.refusals[option.id] is not None,
                    )
                yield Button("Later (esc)", id="dilemma-later", compact=True)

    def on_mount(self) -> None:
        self.query_one("#dilemma-later", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button.id or ""
        if button == "dilemma-later":
            self.dismiss(None)
        else:
            self.dismiss(button.removeprefix("dilemma-"))

    def action_pick(self, index: int) -> None:
        if 0 <= index < len(self.event.options):
            option = self.event.options[index]
            if self.refusals[option.id] is None:
                self.dismiss(option.id)

    def action_later(self) -> None:
        self.dismiss(None)
