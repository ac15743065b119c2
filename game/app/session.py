"""The stateful game shell the UI and the CLI share: a game in progress and its record.

    s = GameSession.new(scenario, seed)          # or GameSession.load("saves/x.jsonl")
    s.queue(order)   -> refusal reason or None    # checked against what is already queued
    s.end_turn()     -> events                    # steps the engine, records, autosaves
    s.save("before-saraqeb") -> Path

The engine stays pure; this class holds the current state, the queued orders, the history of
turns (orders, state, events, hash) and the save being built, and writes it atomically.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.engine import (
    Event,
    Order,
    Rng,
    State,
    check_order,
    new_game,
    order_cost,
    state_hash,
    step,
    turn_figures,
)
from game.errors import CorridorError
from game.replay import recording
from game.replay import resimulate as _replay
from game.saves.atomic import write_atomic
from game.saves.autosave import AutosaveSlot
from game.saves.format import DEFAULT_SNAPSHOT_EVERY, SaveBuilder
from game.saves.names import (
    ensure_saves_dir,
    is_autosave,
    is_backup,
    main_of,
    resolve_saves_dir,
    save_path,
)
from game.saves.reader import read_save
from game.scenario.model import Scenario

# Negotiations and appeals target one thing; asking twice in one turn is a slip, not a plan.
_ONCE_PER_TURN = frozenset({"pause", "corridor", "appeal"})


@dataclass(frozen=True, slots=True)
class TurnRecord:
    """One turn played: the orders given, the state they led to, its events and hash."""

    turn: int
    orders: tuple[Order, ...]
    state: State
    events: tuple[Event, ...]
    hash: str


class GameSession:
    """A game in progress. Create with `new` or `load`; never mutates engine objects."""

    def __init__(
        self,
        scenario: Scenario,
        scenario_text: str,
        seed: int,
        difficulty: str | None,
        initial: State,
        *,
        saves_dir: Path | str | None = None,
        autosave: bool = True,
        snapshot_every: int = DEFAULT_SNAPSHOT_EVERY,
        durable: bool = True,
        scenario_path: str | None = None,
        autosave_tag: str | None = None,
        autosave_file: Path | str | None = None,
        snapshot_budget: int | None = None,
    ) -> None:
        self.scenario = scenario
        self.scenario_path = scenario_path if scenario_path is not None else scenario.path
        self.scenario_text = scenario_text
        self.seed = seed
        self.difficulty = difficulty
        self.initial_state = initial
        self.state = initial
        self.history: list[TurnRecord] = []
        self.saves_dir = Path(resolve_saves_dir(saves_dir))
        self.autosave = autosave
        self.durable = durable
        self.autosave_error: CorridorError | None = None  # set when the last autosave failed
        self.path: Path | None = None  # the last file this game was saved to or loaded from
        self.snapshot_every = snapshot_every  # as asked; the save may keep fewer (its budget)
        self.snapshot_budget = snapshot_budget  # None: the save format's SNAPSHOT_BUDGET
        self.autosave_tag = autosave_tag
        self._slot = AutosaveSlot(
            self.saves_dir,
            scenario.meta.id,
            seed,
            autosave_tag,
            continued=Path(autosave_file) if autosave_file is not None else None,
        )
        self._rng = Rng(seed)
        self._queued: tuple[Order, ...] = ()
        self._baseline: tuple[Any, ...] | None = None  # the no-intervention run, when asked
        header = recording.make_header(
            scenario,
            scenario_text,
            seed,
            difficulty,
            state_hash(initial),
            snapshot_every,
            scenario_path=self.scenario_path,
        )
        self._builder = SaveBuilder(header, scenario_text, snapshot_budget=snapshot_budget)

    # -- creating ------------------------------------------------------------------------------

    @classmethod
    def new(
        cls,
        scenario: Scenario,
        seed: int,
        difficulty: str | None = None,
        saves_dir: Path | str | None = None,
        autosave: bool = True,
        *,
        scenario_text: str | None = None,
        snapshot_every: int = DEFAULT_SNAPSHOT_EVERY,
        durable: bool = True,
        snapshot_budget: int | None = None,
    ) -> GameSession:
        """A new game of `scenario` with `seed`. The scenario's file text is embedded in the
        save (read from `scenario.path` and checked against its hash unless given)."""
        text = scenario_text if scenario_text is not None else recording.scenario_text_of(scenario)
        initial = new_game(scenario, seed, difficulty)
        return cls(
            scenario,
            text,
            seed,
            difficulty,
            initial,
            saves_dir=saves_dir,
            autosave=autosave,
            snapshot_every=snapshot_every,
            durable=durable,
            snapshot_budget=snapshot_budget,
        )

    @classmethod
    def load(
        cls,
        path: Path | str,
        saves_dir: Path | str | None = None,
        autosave: bool = True,
        *,
        durable: bool = True,
    ) -> GameSession:
        """The game saved in `path`, replayed turn by turn; `SaveError` if the file is bad,
        `DesyncError` (a SaveError) naming the first turn whose hash does not match."""
        path = Path(path)
        data = read_save(path)
        header = data.header
        scenario = _replay.scenario_from_save(
            header, data.scenario_text, str(path), data.scenario_line
        )
        _freeze_heap()
        initial = _replay.start(header, scenario, str(path))
        session = cls(
            scenario,
            data.scenario_text,
            header.seed,
            header.difficulty,
            initial,
            saves_dir=saves_dir,
            autosave=autosave,
            snapshot_every=(
                header.snapshot_every if header.migrated_from is None else DEFAULT_SNAPSHOT_EVERY
            ),
            durable=durable,
            scenario_path=header.scenario.path,
            autosave_file=_continued_autosave(path, saves_dir),
        )
        for done in _replay.replay_turns(header, scenario, initial, data.turns, str(path)):
            session._record(done.orders, done.state, done.events, done.hash)
        session.path = path
        return session

    def branch(self, turn: int, **kwargs: Any) -> GameSession:
        """A new game that continues from after `turn` of this one (the replay viewer's
        "continue playing from here"): same scenario and seed, the first `turn` turns kept,
        autosaved apart (`autosave-<scenario>-<seed>-from<turn>-<id>.jsonl`)."""
        if not 0 <= turn <= self.turn:
            raise ValueError(f"turn {turn} is not between 0 and {self.turn}")
        options: dict[str, Any] = {
            "saves_dir": self.saves_dir,
            "autosave": self.autosave,
            "snapshot_every": self.snapshot_every,
            "snapshot_budget": self.snapshot_budget,
            "durable": self.durable,
            "scenario_path": self.scenario_path,
            "autosave_tag": f"from{turn}",
        }
        options.update(kwargs)
        other = GameSession(
            self.scenario,
            self.scenario_text,
            self.seed,
            self.difficulty,
            self.initial_state,
            **options,
        )
        for record in self.history[:turn]:
            other._record(record.orders, record.state, record.events, record.hash)
        return other

    # -- reading -------------------------------------------------------------------------------

    @property
    def turn(self) -> int:
        """Turns played so far (0 before the first)."""
        return len(self.history)

    @property
    def queued(self) -> tuple[Order, ...]:
        return self._queued

    @property
    def game_over(self) -> bool:
        return bool(self.state.game_over)

    def state_at(self, turn: int) -> State:
        """The state after `turn` turns (0 = the start)."""
        if turn == 0:
            return self.initial_state
        return self.history[turn - 1].state

    def events_of(self, turn: int) -> tuple[Event, ...]:
        """The events of turn `turn` (1-based; () for turn 0)."""
        if turn == 0:
            return ()
        return self.history[turn - 1].events

    def figures(self) -> list[Any]:
        """The figures of every turn played (TurnFigures, the CSV rows), turn 1 first."""
        return [turn_figures(self.scenario, record.state) for record in self.history]

    def baseline_figures(self) -> list[Any]:
        """The figures of the no-intervention run (same scenario, seed and preset, no orders)
        for the turns played so far. The run is played once, when first asked."""
        if self._baseline is None:
            from game.engine.score import baseline

            self._baseline = baseline(self.scenario, self.seed, difficulty=self.difficulty).figures
        return list(self._baseline[: len(self.history)])

    # -- orders --------------------------------------------------------------------------------

    def _projected(self) -> State:
        """The current state less what the queued orders will spend, to check one more."""
        if not self._queued:
            return self.state
        funds = trucks = leverage = 0
        for order in self._queued:
            cost = order_cost(self.scenario, self.state, order)
            funds, trucks, leverage = (
                funds + cost.funds,
                trucks + cost.trucks,
                leverage + cost.leverage,
            )
        res = self.state.resources
        left = dataclasses.replace(
            res,
            funds=res.funds - funds,
            trucks=res.trucks - trucks,
            leverage=res.leverage - leverage,
        )
        return dataclasses.replace(self.state, resources=left)

    def check(self, order: Order) -> str | None:
        """Why `order` cannot be added to this turn's orders, or None if it can."""
        if order.kind in _ONCE_PER_TURN and order in self._queued:
            return "the same order is already queued for this turn"
        return check_order(self.scenario, self._projected(), order)

    def queue(self, order: Order) -> str | None:
        """Add `order` to this turn's orders; returns the refusal reason instead if refused."""
        reason = self.check(order)
        if reason is None:
            self._queued = (*self._queued, order)
        return reason

    def unqueue(self, index: int) -> Order:
        """Remove and return the queued order at `index` (IndexError if there is none)."""
        queued = list(self._queued)
        order = queued.pop(index)
        self._queued = tuple(queued)
        return order

    def clear_queue(self) -> None:
        self._queued = ()

    # -- turns ---------------------------------------------------------------------------------

    def end_turn(self) -> tuple[Event, ...]:
        """Play the turn with the queued orders: step the engine, record it, autosave.

        An autosave that fails (a full disk...) does not undo the turn: the error is kept in
        `autosave_error` for the UI to show, and the previous autosave stays intact."""
        if self.game_over:
            return ()
        orders = self._queued
        state, events = step(self.scenario, self.state, orders, self._rng)
        events = tuple(events)
        self._record(orders, state, events, state_hash(state))
        self._queued = ()
        if self.autosave:
            try:
                self.write_autosave()
                self.autosave_error = None
            except CorridorError as error:  # SaveError (disk full...) or PathError (a link)
                self.autosave_error = error
        return events

    def _record(
        self, orders: Sequence[Order], state: State, events: tuple[Event, ...], hash_: str
    ) -> None:
        turn = len(self.history) + 1
        every = self._builder.snapshot_every  # fewer than asked once the budget is reached
        line = recording.turn_line(self.scenario, turn, orders, state, every, hash_)
        self._builder.add_turn(line)
        self.history.append(TurnRecord(turn, tuple(orders), state, events, hash_))
        self.state = state

    # -- saving --------------------------------------------------------------------------------

    def to_bytes(self, where: str = "the save") -> bytes:
        """The save file of this game as it stands (`SaveError` if it is too large to load)."""
        return self._builder.to_bytes(where)

    @property
    def autosave_path(self) -> Path:
        """The file autosaves go to: the autosave this game was loaded from, else
        `<saves dir>/autosave-<scenario>-<seed>[-<tag>]-<id>.jsonl`, this game's own; another
        one if another game wrote that file meanwhile (`game.saves.autosave`)."""
        return self._slot.path

    @property
    def autosaves_left(self) -> tuple[Path, ...]:
        """Autosaves this game found written by another game, and left alone for it."""
        return tuple(self._slot.left)

    def write_autosave(self) -> Path:
        """Write the autosave (keeping the previous one as `.prev.jsonl`), atomically."""
        return self._slot.write(self.to_bytes, durable=self.durable)

    def save(self, name: str) -> Path:
        """Save under a user-given name in the saves directory (`PathError` if the name is not
        a plain name); returns the file written."""
        directory = ensure_saves_dir(self.saves_dir)
        path = save_path(directory, name)
        write_atomic(path, self.to_bytes(str(path)), durable=self.durable)
        self.path = path
        return path

    def save_to(self, path: Path | str) -> Path:
        """Save to an explicit file path (the CLI's `--save FILE`): atomically, or streamed into
        a device such as /dev/null (`game.saves.output`)."""
        from game.saves.output import write_output

        path = Path(path)
        write_output(path, self.to_bytes(str(path)), durable=self.durable)
        self.path = path
        return path


def _continued_autosave(path: Path, saves_dir: Path | str | None) -> Path | None:
    """A game loaded from an autosave goes on autosaving into that same file (so that a
    branch, or a second game of the same seed, keeps its own), unless `saves_dir` says
    autosaves go elsewhere."""
    if not is_autosave(path):
        return None
    main = main_of(path) if is_backup(path) else path
    if saves_dir is not None:
        try:
            if Path(saves_dir).resolve() != main.parent.resolve():
                return None
        except OSError:
            return None
    return main


def _freeze_heap() -> None:
    """Move what is loaded (modules, the scenario) out of the cyclic garbage collector's sight
    before replaying: the session keeps every state, and each collection would walk it all."""
    import gc

    gc.collect()
    gc.freeze()
