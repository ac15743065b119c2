"""The title screen: the scenario's title and briefing, the difficulty, and where to begin.

Needs only a `TitleCard` (no engine, not even the whole scenario), so that the game's first
screen comes up fast; the app loads the scenario meanwhile.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.paths import shown_path
from game.text import format as fmt
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
        Binding(
            "n",
            "new_game",
            "New game",
            tooltip="New game: the scenario from its first day",
            id="title.new",
        ),
        Binding(
            "c",
            "continue_game",
            "Continue",
            tooltip="Continue the last game (its latest autosave)",
            id="title.continue",
        ),
        Binding("l", "load_game", "Load", tooltip="Load a saved game", id="title.load"),
        Binding(
            "r", "replay", "Replay", tooltip="Watch a replay of a saved game", id="title.replay"
        ),
        Binding(
            "d",
            "cycle_difficulty",
            "Difficulty",
            tooltip="Difficulty: the next preset",
            id="title.difficulty",
        ),
        Binding("q", "quit", "Quit", tooltip="Quit Corridor", id="title.quit"),
    ]

    def __init__(self, card: TitleCard | Scenario) -> None:
        super().__init__()
        self.card = card if isinstance(card, TitleCard) else TitleCard.from_scenario(card)
        ids = [d.id for d in self.card.difficulties]
        wanted = self.app.difficulty or "standard"
        self._difficulty_index = ids.index(wanted) if wanted in ids else 0
        self._has_autosave = self._has_saves = False

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
                "↑↓ choose · Enter open · ? help, rules and keys · ctrl+p every command",
                id="title-hint",
                markup=False,
            )
            yield Static(
                f"Saves: {shown_path(self.app.resolved_saves_dir())} "
                "(--saves-dir or CORRIDOR_SAVES to change)",
                id="title-saves",
                markup=False,
            )
        yield KeyBar()

    def _menu(self) -> list[Option]:
        """The menu; what cannot be done yet stays in it, greyed, and says why when chosen
        (so that Down from New game goes to the next item, not to Quit)."""
        try:
            names = [
                p.name
                for p in self.app.resolved_saves_dir().iterdir()
                if p.name.endswith(SAVE_SUFFIX)
            ]
        except OSError:
            names = []
        self._has_autosave = any(n.startswith(AUTOSAVE_PREFIX) for n in names)
        self._has_saves = bool(names)

        def item(label: str, key: str, available: bool, why: str) -> Content:
            text = Content.from_markup("$label  [dim]($key)[/]", label=label, key=key)
            if available:
                return text
            return Content.from_markup("[dim]$label  ($why)[/]", label=label, why=why)

        return [
            Option(item("New game", "n", True, ""), id="new"),
            Option(
                item("Continue the last game", "c", self._has_autosave, "no autosave yet"),
                id="continue",
            ),
            Option(item("Load a saved game…", "l", self._has_saves, "no saves yet"), id="load"),
            Option(item("Watch a replay…", "r", self._has_saves, "no saves yet"), id="replay"),
            Option(item("Quit", "q", True, ""), id="quit"),
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
        span = f"{fmt.day(card.start_date)} to {fmt.day(card.end_date)}"
        return f"{span} · {fmt.count(card.turns, 'turn')} of {fmt.count(card.turn_days, 'day')}"

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

    def on_click(self, event: events.Click) -> None:
        if event.widget is not None and event.widget.id == "title-difficulty":
            self.action_cycle_difficulty()

    # --- menu ----------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#title-menu")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        {
            "new": self.action_new_game,
            "continue": self.action_continue_game,
            "load": self.action_load_game,
            "replay": self.action_replay,
            "quit": self.action_quit,
        }[event.option.id or "new"]()

    def action_quit(self) -> None:
        """Quit, once the player says so (Enter on Quit is one key from New game)."""
        from game.ui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.exit()

        self.app.push_screen(
            ConfirmScreen("Quit Corridor?", "Your games so far are kept in the saves folder."),
            answer,
        )

    def action_new_game(self) -> None:
        self.app.new_game(self.difficulty)

    def action_continue_game(self) -> None:
        from game.saves.catalog import latest_autosave

        path = latest_autosave(self.app.resolved_saves_dir())
        if path is None:
            self.notify("No autosave yet: start a new game (n).")
            return
        self.app.continue_autosave(path)

    def action_load_game(self) -> None:
        from game.ui.screens.pick_save import PickSaveScreen

        if not self._has_saves:
            self.notify("No saved game yet: start a new game (n).")
            return

        def chosen(path) -> None:
            if path is not None:
                self.app.open_save(path)

        self.app.push_screen(
            PickSaveScreen(self.app.resolved_saves_dir(), "Load a saved game"), chosen
        )

    def action_replay(self) -> None:
        from game.ui.screens.pick_save import PickSaveScreen

        if not self._has_saves:
            self.notify("No saved game to watch yet: start a new game (n).")
            return

        def chosen(path) -> None:
            if path is not None:
                self.app.open_replay(path)

        self.app.push_screen(
            PickSaveScreen(self.app.resolved_saves_dir(), "Watch a replay"), chosen
        )
