"""The title screen: the scenario's title and briefing, the difficulty, and where to begin.

Needs only a `TitleCard` (no engine, not even the whole scenario), so that the game's first
screen comes up fast; the app loads the scenario meanwhile.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.ui.support import format as fmt
from game.ui.support.title_card import TitleCard
from game.ui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from game.scenario.model import Scenario
    from game.ui.app import CorridorApp

AUTOSAVE_PREFIX = "autosave-"  # game.saves.names; not imported here to keep start-up light
SAVE_SUFFIX = ".jsonl"


class TitleScreen(Screen[None]):
    """Title, briefing, difficulty presets; New game / Continue / Load / Replay / Quit."""

    CSS_PATH: ClassVar = Path(__file__).with_name("title.tcss")

    app: CorridorApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_game", "New game", id="title.new"),
        Binding("c", "continue_game", "Continue", id="title.continue"),
        Binding("d", "cycle_difficulty", "Difficulty", id="title.difficulty"),
        Binding("l", "load_game", "Load", show=False, id="title.load"),
        Binding("r", "replay", "Replay", show=False, id="title.replay"),
        Binding("q", "app.quit", "Quit", id="title.quit"),
    ]

    def __init__(self, card: TitleCard | Scenario) -> None:
        super().__init__()
        self.card = card if isinstance(card, TitleCard) else TitleCard.from_scenario(card)
        ids = [d.id for d in self.card.difficulties]
        wanted = self.app.difficulty or "standard"
        self._difficulty_index = ids.index(wanted) if wanted in ids else 0

    # --- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        card = self.card
        with Vertical(id="title-box"):
            yield Static(card.title, id="title-name", markup=False)
            yield Static(self._dates(), id="title-dates", markup=False)
            with VerticalScroll(id="title-briefing", can_focus=False):
                yield Static(card.briefing, markup=False)
            yield Static(id="title-difficulty", markup=False)
            yield OptionList(*self._menu(), id="title-menu")
            yield Static(
                "↑↓ choose · Enter start · n new game · ? help, rules and keys",
                id="title-hint",
                markup=False,
            )
        yield KeyBar()

    def _menu(self) -> list[Option]:
        try:
            names = [
                p.name
                for p in self.app.resolved_saves_dir().iterdir()
                if p.name.endswith(SAVE_SUFFIX)
            ]
        except OSError:
            names = []
        has_autosave = any(n.startswith(AUTOSAVE_PREFIX) for n in names)
        has_saves = bool(names)
        return [
            Option("New game", id="new"),
            Option("Continue the last game", id="continue", disabled=not has_autosave),
            Option("Load a saved game…", id="load", disabled=not has_saves),
            Option("Watch a replay…", id="replay", disabled=not has_saves),
            Option("Quit", id="quit"),
        ]

    def set_card(self, card: TitleCard) -> None:
        """Show another title card (the scenario as loaded, when it differs from the quick
        read)."""
        self.card = card
        self.query_one("#title-name", Static).update(card.title)
        self.query_one("#title-dates", Static).update(self._dates())
        self.query_one("#title-briefing Static", Static).update(card.briefing)
        self._difficulty_index = min(self._difficulty_index, max(len(card.difficulties) - 1, 0))
        self._show_difficulty()

    def _dates(self) -> str:
        card = self.card
        days = f"{card.turn_days} day{'s' if card.turn_days > 1 else ''}"
        return (
            f"{fmt.day(card.start_date)} to {fmt.day(card.end_date)} · {card.turns} turns of {days}"
        )

    def on_mount(self) -> None:
        self._show_difficulty()
        self.query_one("#title-menu", OptionList).focus()
        self.query_one("#title-menu", OptionList).highlighted = 0
        self.call_after_refresh(self.app.load_scenario_in_background)

    # --- difficulty --------------------------------------------------------------------------

    @property
    def difficulty(self) -> str | None:
        """The chosen preset's id (None when the scenario has no presets)."""
        presets = self.card.difficulties
        return presets[self._difficulty_index].id if presets else None

    def _show_difficulty(self) -> None:
        presets = self.card.difficulties
        label = self.query_one("#title-difficulty", Static)
        if not presets:
            label.display = False
            return
        d = presets[self._difficulty_index]
        names = " / ".join(f"[{p.name}]" if p is d else p.name for p in presets)
        text = f"Difficulty (d): {names}"
        if d.description:
            text += f" — {d.description}"
        label.update(text)

    def action_cycle_difficulty(self) -> None:
        if self.card.difficulties:
            self._difficulty_index = (self._difficulty_index + 1) % len(self.card.difficulties)
            self._show_difficulty()

    def on_click(self, event) -> None:
        if getattr(event.widget, "id", None) == "title-difficulty":
            self.action_cycle_difficulty()

    # --- menu ----------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#title-menu")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        {
            "new": self.action_new_game,
            "continue": self.action_continue_game,
            "load": self.action_load_game,
            "replay": self.action_replay,
            "quit": self.app.exit,
        }[event.option.id or "new"]()

    def action_new_game(self) -> None:
        self.app.new_game(self.difficulty)

    def action_continue_game(self) -> None:
        from game.saves.catalog import latest_autosave

        path = latest_autosave(self.app.resolved_saves_dir())
        if path is None:
            self.notify("No autosave yet: start a new game.")
            return
        self.app.continue_autosave(path)

    def action_load_game(self) -> None:
        from game.ui.screens.pick_save import PickSaveScreen

        def chosen(path) -> None:
            if path is not None:
                self.app.open_save(path)

        self.app.push_screen(
            PickSaveScreen(self.app.resolved_saves_dir(), "Load a saved game"), chosen
        )

    def action_replay(self) -> None:
        from game.ui.screens.pick_save import PickSaveScreen

        def chosen(path) -> None:
            if path is not None:
                self.app.open_replay(path)

        self.app.push_screen(
            PickSaveScreen(self.app.resolved_saves_dir(), "Watch a replay"), chosen
        )

    def palette_commands(self):
        return [
            ("New game", self.action_new_game, "Start the scenario from its first day"),
            ("Continue the last game", self.action_continue_game, "Open the latest autosave"),
            ("Load a saved game", self.action_load_game, "Pick a save file"),
            ("Watch a replay", self.action_replay, "Step through a saved game"),
            ("Cycle difficulty", self.action_cycle_difficulty, "Change the preset"),
        ]
