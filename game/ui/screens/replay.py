"""The replay viewer: the game's main screen, read-only, over a saved game.

    ReplayScreen("saves/x.jsonl")        # or ReplayScreen(session) for a loaded GameSession

Step forward and back a turn (n / b, or . and ,), jump to the start, the end or turn N
(home / end / t), play and pause (space), and continue playing from the turn shown (c): a new
game that branches from there, with its own autosave, while the save itself stays as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.binding import Binding, BindingType
from textual.widgets import Static

from game.turns import current_turn, position_words
from game.ui.screens.main import MainScreen

if TYPE_CHECKING:
    from textual.timer import Timer

    from game.app.session import GameSession
    from game.engine import Event, Order, State

PLAY_INTERVAL = 0.6  # seconds per turn while playing
READ_ONLY = "a replay is read-only: continue from here (c) to play on"


class ReplayView:
    """A cursor over a loaded game: the `GameView` the main screen reads, at turn `position`."""

    def __init__(self, session: GameSession, position: int = 0) -> None:
        self.session = session
        self.scenario = session.scenario
        self._figures: list[Any] | None = None
        self.position = max(0, min(position, session.turn))

    @property
    def last(self) -> int:
        """The last turn of the save."""
        return self.session.turn

    @property
    def state(self) -> State:
        return self.session.state_at(self.position)

    @property
    def history(self) -> Sequence[Any]:
        return self.session.history[: self.position]

    @property
    def queued(self) -> tuple:
        return ()

    def figures(self) -> list[Any]:
        if self._figures is None:
            self._figures = self.session.figures()
        return self._figures[: self.position]

    def baseline_figures(self) -> list[Any]:
        """The no-intervention run's figures up to the turn shown."""
        return self.session.baseline_figures()[: self.position]

    def seek(self, turn: int) -> int:
        """Move to `turn` (clamped to 0..last); returns the turn shown."""
        self.position = max(0, min(turn, self.last))
        return self.position

    # --- a replay is read-only: what the main screen would drive is refused -------------------

    @property
    def seed(self) -> int:
        return self.session.seed

    @property
    def initial_state(self) -> State:
        return self.session.initial_state

    @property
    def autosave_error(self) -> None:
        return None

    def check(self, order: Order) -> str | None:
        return READ_ONLY

    def queue(self, order: Order) -> str | None:
        return READ_ONLY

    def unqueue(self, index: int) -> Order:
        raise IndexError(index)

    def end_turn(self) -> tuple[Event, ...]:
        return ()

    def save(self, name: str) -> Path:
        return self.session.save(name)

    def orders_of(self, turn: int) -> tuple:
        """The orders given on `turn` (1-based)."""
        if 1 <= turn <= self.last:
            return self.session.history[turn - 1].orders
        return ()


class ReplayBar(Static):
    """One line above the game: where the replay stands and its keys."""

    DEFAULT_CSS = """
    ReplayBar {
        dock: top;
        height: 1;
        padding: 0 1;
        background: $primary-background;
        color: $text;
    }
    """

    def show(self, view: ReplayView, playing: bool) -> None:
        from game.ui.widgets.order_list import order_words

        state = "playing" if playing else "paused"
        total = view.scenario.meta.turns
        where = position_words(view.position, total)
        text = f"Replay · {where} · {state}"
        if view.last < total:  # a game saved before its end
            text += f" · {view.position} of {view.last} saved turns played"
        orders = view.orders_of(view.position)
        if view.position and orders:
            words = "; ".join(order_words(view.scenario, o) for o in orders[:3])
            more = f" (+{len(orders) - 3})" if len(orders) > 3 else ""
            text += f" · turn {view.position}'s orders: {words}{more}"
        elif view.position:
            text += f" · no orders on turn {view.position}"
        self.update(text)


class ReplayScreen(MainScreen):
    """The main screen, read-only, with replay controls."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "n,period", "step(1)", "Next", tooltip="Replay: the next turn", id="replay.forward"
        ),
        Binding(
            "b,comma",
            "step(-1)",
            "Back",
            tooltip="Replay: the previous turn",
            id="replay.back",
        ),
        Binding(
            "home", "seek(0)", "Start", show=False, tooltip="Replay: the start", id="replay.start"
        ),
        Binding(
            "end", "seek_end", "End", show=False, tooltip="Replay: the last turn", id="replay.end"
        ),
        Binding("t", "jump", "Jump", tooltip="Replay: jump to a turn", id="replay.jump"),
        Binding("space", "play_pause", "Play", tooltip="Replay: play or pause", id="replay.play"),
        Binding(
            "c",
            "continue_here",
            "Play from here",
            tooltip="Continue playing from the turn shown (a new game)",
            id="replay.branch",
        ),
        Binding("q,escape", "leave", "Leave", tooltip="Leave the replay", id="replay.leave"),
    ]

    def __init__(self, source: str | Path | GameSession, *, position: int = 0) -> None:
        """`source`: a save file (loaded here; a bad one raises `CorridorError`) or a session."""
        if isinstance(source, (str, Path)):
            from game.app.session import GameSession

            session = GameSession.load(source, autosave=False)
        else:
            session = source
        self.replay = ReplayView(session, position)
        self.playing = False
        self._timer: Timer | None = None
        super().__init__(self.replay, read_only=True)

    def compose(self):
        yield ReplayBar(id="replay-bar")
        yield from super().compose()

    def refresh_view(self) -> None:
        super().refresh_view()
        self.query_one(ReplayBar).show(self.replay, self.playing)

    # --- moving through the game --------------------------------------------------------------

    def seek(self, turn: int) -> None:
        """Show the game after `turn` turns."""
        self.replay.seek(turn)
        self.refresh_view()

    def action_step(self, delta: int) -> None:
        self.seek(self.replay.position + delta)

    def action_seek(self, turn: int) -> None:
        self.seek(turn)

    def action_seek_end(self) -> None:
        self.seek(self.replay.last)

    def action_jump(self) -> None:
        from game.ui.screens.prompt import PromptScreen

        total = self.scenario.meta.turns
        last = current_turn(self.replay.last, total)

        def chosen(text: str | None) -> None:
            if text is None:
                return
            try:
                turn = int(text)
            except ValueError:
                self.notify(f"Not a turn number: {text!r}", severity="warning")
                return
            if not 1 <= turn <= last:
                self.notify(f"Turns go from 1 to {last}", severity="warning")
                return
            self.seek(turn - 1)  # turn N: the game as it stood when turn N was to be played

        self.app.push_screen(
            PromptScreen(
                "Jump to turn",
                value=str(current_turn(self.replay.position, total)),
                hint=f"1 (the start) to {last}; the end key: the end · Enter go · Escape cancel",
            ),
            chosen,
        )

    def action_play_pause(self) -> None:
        if self.playing:
            self._stop()
        else:
            if self.replay.position >= self.replay.last:
                self.replay.seek(0)
            self.playing = True
            self._timer = self.set_interval(PLAY_INTERVAL, self._tick)
        self.refresh_view()

    def _tick(self) -> None:
        if self.replay.position >= self.replay.last:
            self._stop()
            self.refresh_view()
            return
        self.action_step(1)
        if self.replay.position >= self.replay.last:
            self._stop()
            self.refresh_view()

    def _stop(self) -> None:
        self.playing = False
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def on_unmount(self) -> None:
        self._stop()

    # --- leaving ------------------------------------------------------------------------------

    def action_continue_here(self) -> None:
        """A new game from the turn shown: same scenario and seed, the turns so far kept."""
        from game.errors import CorridorError

        self._stop()
        app = self.app
        try:
            branch = self.replay.session.branch(
                self.replay.position, autosave=app.autosave, saves_dir=app.resolved_saves_dir()
            )
        except CorridorError as error:
            self.notify(error.format(), severity="error", timeout=10)
            return
        app.session = branch
        app.scenario = branch.scenario
        total = self.scenario.meta.turns
        self.app.switch_screen(MainScreen(branch))
        self.app.notify(
            f"A new game goes on from turn {current_turn(self.replay.position, total)}; "
            "the replay is unchanged.",
            timeout=5,
        )

    def action_leave(self) -> None:
        self._stop()
        if len(self.app.screen_stack) <= 2:  # opened by `corridor replay FILE`: nothing beneath
            self.app.exit()
        else:
            self.dismiss(None)


def replay_app(session: GameSession, *, saves_dir: str | Path | None = None, **kwargs: Any):
    """A Corridor app that opens straight into the replay viewer (`corridor replay FILE`)."""
    import game.ui.app as app_module
    from game.ui.app import CorridorApp

    here = Path(app_module.__file__).parent

    class ReplayApp(CorridorApp):
        # CSS paths are relative to the module defining the class: keep the app's own.
        CSS_PATH: ClassVar = [here / path for path in CorridorApp.CSS_PATH]

        @on(events.Mount)
        def _show_replay(self, event: events.Mount) -> None:
            event.prevent_default()  # not the game's own start (title or main screen)
            self.push_screen(ReplayScreen(session))

    return ReplayApp(session=session, saves_dir=saves_dir, **kwargs)


def run_replay_viewer(session: GameSession, *, saves_dir: str | Path | None = None) -> int:
    """Run the replay viewer until the player leaves; returns the exit status."""
    app = replay_app(session, saves_dir=saves_dir)
    app.run()
    return int(app.return_code or 0)
