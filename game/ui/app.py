"""The Textual application: `CorridorApp`, the factory the commands and the tests use.

    app = CorridorApp(scenario_path="scenarios/idlib.yaml", seed=7)      # title screen
    app = CorridorApp(scenario=scenario, seed=7, title=False)             # straight into a game
    app = CorridorApp(load="saves/before-saraqeb.jsonl")                  # continue a save

The app owns the `GameSession` (`game.app.session`) once a game starts; screens read it and call it.
The engine and the session are imported only when a game starts, so the title screen is fast.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App
from textual.binding import Binding, BindingType

from game.ui.support.commands import CorridorCommands
from game.ui.support.theme import THEMES

if TYPE_CHECKING:
    from game.app.session import GameSession
    from game.scenario.model import Scenario
    from game.ui.support.title_card import TitleCard


class CorridorApp(App[None]):
    """Corridor: a humanitarian strategy game for the terminal."""

    CSS_PATH: ClassVar = ["app.tcss"]
    TITLE = "Corridor"
    COMMANDS: ClassVar = {*App.COMMANDS, CorridorCommands}
    COMMAND_PALETTE_BINDING = "ctrl+p"
    ENABLE_COMMAND_PALETTE = True
    # Textual annotates these `ClassVar[...] | None`, which mypy reads as instance variables
    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-narrow"), (100, "-wide")]  # type: ignore[misc]
    VERTICAL_BREAKPOINTS: ClassVar = [(0, "-short"), (32, "-tall")]  # type: ignore[misc]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "question_mark,f1",
            "help",
            "Help",
            tooltip="Help: keys, rules, what is not modelled",
            id="app.help",
        ),
        # Browsers keep ctrl+t (new tab) and often ctrl+p (print) for themselves: f2 and `:`
        # do the same in `corridor serve` and in a terminal alike (docs/web.md).
        Binding(
            "ctrl+t,f2",
            "toggle_dark",
            "Light/dark",
            show=False,
            tooltip="Theme: switch light / dark",
            id="app.theme",
        ),
        # Declaring a palette key replaces Textual's own ctrl+p binding, so both are here: ctrl+p
        # with priority (it works in text fields too), `:` without (a field can take a colon).
        Binding(
            "ctrl+p",
            "command_palette",
            "Command palette",
            show=False,
            priority=True,
            id="app.palette",
        ),
        Binding("colon", "command_palette", "Command palette", show=False, id="app.palette_colon"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit"),
        Binding(
            "f3",
            "briefing",
            "Briefing",
            show=False,
            tooltip="Briefing: the situation and what to try first",
            id="app.briefing",
        ),
    ]

    def __init__(
        self,
        scenario_path: str | Path | None = None,
        *,
        scenario: Scenario | None = None,
        seed: int | None = None,
        difficulty: str | None = None,
        load: str | Path | None = None,
        saves_dir: str | Path | None = None,
        title: bool = True,
        autosave: bool = True,
        session: GameSession | None = None,
        title_card: TitleCard | None = None,
    ) -> None:
        """Give a loaded `scenario` or a `scenario_path` (None: the bundled one). With `title`
        the title screen comes first; otherwise a new game starts, or `session` (already
        loaded) or `load` (a save file) is continued. With a `title_card` (see
        `game.ui.support.title_card.peek`) the title shows at once and the scenario at
        `scenario_path` loads while it is on screen; a scenario that fails to load is reported
        there."""
        super().__init__()
        if session is not None:
            scenario = session.scenario
        self.scenario_path = scenario_path
        self.title_card = title_card if title else None
        if scenario is None and load is None and self.title_card is None:
            scenario = self._load_scenario()
        self.scenario: Scenario | None = scenario
        self._loading = False
        self._start_when_loaded: tuple[str | None] | None = None
        self.seed = seed
        self.difficulty = difficulty
        self.load_path = Path(load) if load else None
        self.saves_dir = Path(saves_dir) if saves_dir else None
        self.start_with_title = title
        self.autosave = autosave
        self.session: GameSession | None = session
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = "corridor-dark"

    # --- start ---------------------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.session is not None:
            self._show_game()
        elif self.load_path is not None:
            self.open_save(self.load_path)
        elif self.start_with_title:
            from game.ui.screens.title import TitleScreen

            card = self.title_card or self.scenario
            assert card is not None  # __init__ loads the scenario when there is no title card
            self.push_screen(TitleScreen(card))
        else:
            self.new_game(self.difficulty)

    def resolved_saves_dir(self) -> Path:
        """Where saves go: `--saves-dir`, $CORRIDOR_SAVES or the per-user folder."""
        from game.paths import saves_dir

        return saves_dir(str(self.saves_dir) if self.saves_dir else None)

    # --- the scenario, loaded while the title is on screen ---------------------------------------

    def _load_scenario(self) -> Scenario:
        from game.paths import resolve_scenario
        from game.scenario import load_scenario

        path = resolve_scenario(str(self.scenario_path) if self.scenario_path else None)
        return load_scenario(path)

    def load_scenario_in_background(self) -> None:
        """Load the scenario in a thread if the title came up without it (called by the title
        screen once it is painted)."""
        if self.scenario is not None or self._loading:
            return
        self._loading = True
        self._load_in_thread()

    @work(thread=True, exclusive=True, group="load-scenario")
    def _load_in_thread(self) -> None:
        from game.errors import CorridorError

        try:
            scenario = self._load_scenario()
        except (CorridorError, OSError) as error:
            self.call_from_thread(self._scenario_failed, error)
            return
        self.call_from_thread(self._scenario_loaded, scenario)

    def _scenario_loaded(self, scenario: Scenario) -> None:
        from game.ui.screens.title import TitleScreen
        from game.ui.support.title_card import TitleCard

        self._loading = False
        self.scenario = scenario
        card = TitleCard.from_scenario(scenario)
        if card != self.title_card:  # the quick read missed something: show the real one
            self.title_card = card
            for screen in self.screen_stack:
                if isinstance(screen, TitleScreen):
                    screen.set_card(card)
        if self._start_when_loaded is not None:
            (difficulty,) = self._start_when_loaded
            self._start_when_loaded = None
            self.new_game(difficulty)

    def _scenario_failed(self, error: Exception) -> None:
        from game.errors import CorridorError
        from game.ui.screens.message import MessageScreen

        self._loading = False
        text = error.format() if isinstance(error, CorridorError) else str(error)
        self.push_screen(
            MessageScreen("The scenario cannot be loaded", text),
            lambda _: self.exit(return_code=2),
        )

    def new_game(self, difficulty: str | None = None) -> None:
        """Start a new game on the app's scenario and show the main screen (once the scenario
        has loaded, if it is still loading)."""
        from game.app.session import GameSession

        if self.scenario is None:
            self._start_when_loaded = (difficulty,)
            self.load_scenario_in_background()
            self.notify("Loading the scenario…", timeout=2)
            return
        seed = self.seed if self.seed is not None else secrets.randbelow(2**31)
        self.difficulty = difficulty
        self.session = GameSession.new(
            self.scenario,
            seed,
            difficulty=difficulty,
            saves_dir=self.resolved_saves_dir(),
            autosave=self.autosave,
        )
        self._show_game()

    def open_save(self, path: Path) -> None:
        """Continue a saved game; a broken save is reported, never a traceback."""
        from game.app.session import GameSession
        from game.errors import CorridorError

        try:
            session = GameSession.load(path)
        except CorridorError as error:
            self._report_error(error.format())
            return
        self.session = session
        self.scenario = session.scenario
        self._show_game()

    def continue_autosave(self, path: Path) -> None:
        """Continue the latest autosave; if it is damaged, say why and offer the previous
        generation (`<name>.prev.jsonl`) when that one reads cleanly."""
        from game.app.session import GameSession
        from game.errors import CorridorError
        from game.saves import previous_autosave, summarize
        from game.ui.screens.confirm import ConfirmScreen
        from game.ui.screens.pick_save import where_it_stands

        try:
            session = GameSession.load(path)
        except CorridorError as error:
            backup = previous_autosave(path)
            if backup is None:
                self._report_error(error.format())
                return
            when = where_it_stands(summarize(backup))
            detail = (
                f"{error.format()}\n\nThe previous autosave ({when}) reads cleanly. "
                "Loading it loses at most the last turn played."
            )

            def answer(yes: bool | None) -> None:
                if yes:
                    self.open_save(backup)

            self.push_screen(
                ConfirmScreen(
                    "The latest autosave cannot be read.",
                    detail,
                    yes="Load the previous autosave",
                    no="Back",
                ),
                answer,
            )
            return
        self.session = session
        self.scenario = session.scenario
        self._show_game()

    def open_replay(self, path: Path) -> None:
        """Watch a saved game (the replay viewer, `game.ui.screens.replay`)."""
        from game.errors import CorridorError

        try:
            from game.ui.screens.replay import ReplayScreen
        except ImportError:
            self.notify("The replay viewer is not available in this build.", severity="warning")
            return
        try:
            screen = ReplayScreen(path)
        except CorridorError as error:
            self._report_error(error.format())
            return
        self.push_screen(screen)

    def _show_game(self) -> None:
        from game.ui.screens.main import MainScreen

        assert self.session is not None
        screen = MainScreen(self.session)
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _report_error(self, text: str) -> None:
        from game.ui.screens.message import MessageScreen

        if len(self.screen_stack) <= 1:
            # nothing to go back to: say what is wrong, then leave on dismiss
            self.push_screen(
                MessageScreen("Cannot open the save", text), lambda _: self.exit(return_code=2)
            )
        else:
            self.push_screen(MessageScreen("Cannot open the save", text))

    # --- app-wide actions ----------------------------------------------------------------------

    def action_help(self) -> None:
        from game.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.scenario))

    def action_briefing(self) -> None:
        """The scenario's briefing (what the title screen shows), during a game too."""
        from game.ui.screens.message import MessageScreen

        scenario = self.scenario
        if scenario is None or isinstance(self.screen, MessageScreen):
            return
        text = scenario.meta.briefing or scenario.meta.description
        self.push_screen(MessageScreen(f"Briefing: {scenario.meta.title}", text))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The briefing only once a scenario is loaded (the title shows it before)."""
        if action == "briefing":
            return self.scenario is not None
        return super().check_action(action, parameters)

    def action_toggle_dark(self) -> None:
        self.theme = "corridor-light" if self.theme == "corridor-dark" else "corridor-dark"
