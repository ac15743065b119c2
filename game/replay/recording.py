"""What a save records of a game being played: its header, the scenario text it embeds (exactly
the file that was played), and a line per turn (orders, hash, figures, a snapshot now and then).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from game import __version__
from game.engine import Order, order_to_dict, state_hash, state_to_dict, turn_figures
from game.errors import Diagnostic, SaveError
from game.inert import inert
from game.saves.format import DEFAULT_SNAPSHOT_EVERY, SaveHeader, ScenarioRef, TurnLine
from game.scenario.model import Scenario


def scenario_text_of(scenario: Scenario) -> str:
    """The text of the file `scenario` was loaded from, checked against its `text_hash`, so a
    save embeds exactly what was played."""
    where = scenario.path or "<scenario>"
    if not scenario.path:
        raise SaveError(
            [
                Diagnostic(
                    file=where,
                    message="the scenario has no file to embed in the save",
                    hint="pass scenario_text= to GameSession.new",
                )
            ]
        )
    try:
        data = Path(scenario.path).read_bytes()
    except OSError as error:
        raise SaveError(
            [Diagnostic(file=where, message=f"cannot read the scenario to embed it: {error}")]
        ) from None
    if scenario.text_hash and hashlib.sha256(data).hexdigest() != scenario.text_hash:
        raise SaveError(
            [
                Diagnostic(
                    file=where,
                    message="the scenario file changed on disk since it was loaded",
                    hint="start the game again so that the save records the file as played",
                )
            ]
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise SaveError(
            [Diagnostic(file=where, message="the scenario is not UTF-8 text")]
        ) from None


def make_header(
    scenario: Scenario,
    scenario_text: str,
    seed: int,
    difficulty: str | None,
    initial_hash: str,
    snapshot_every: int = DEFAULT_SNAPSHOT_EVERY,
    scenario_path: str | None = None,
) -> SaveHeader:
    """The header of a new save; `scenario_path` defaults to where the scenario was loaded."""
    return SaveHeader(
        scenario=ScenarioRef(
            id=scenario.meta.id,
            title=scenario.meta.title,
            path=path_label(scenario_path if scenario_path is not None else scenario.path),
            sha256=hashlib.sha256(scenario_text.encode("utf-8")).hexdigest(),
        ),
        seed=seed,
        difficulty=difficulty,
        turns=scenario.meta.turns,
        initial_hash=initial_hash,
        game_version=__version__,
        snapshot_every=snapshot_every,
    )


MAX_PATH_LABEL = 4096  # what the reader accepts for the header's scenario path


def path_label(path: str | None) -> str | None:
    """The scenario path as a save records it: a label (never opened again), shown inert, so
    that a file name holding control characters or bytes that are not UTF-8 (which cannot be
    written as JSON text) still makes a save this Corridor reads; long paths keep their end."""
    if path is None:
        return None
    label = inert(path)
    if len(label) > MAX_PATH_LABEL:
        label = "..." + label[-(MAX_PATH_LABEL - 3) :]
    return label


def figures_dict(scenario: Scenario, state: Any) -> dict[str, Any]:
    """The turn's figures (the CSV row) as a plain dict."""
    return plain_figures(turn_figures(scenario, state))


def plain_figures(figures: Any) -> dict[str, Any]:
    """A `TurnFigures` as a plain JSON-able dict (dates as ISO strings)."""
    if isinstance(figures, Mapping):
        return dict(figures)
    if dataclasses.is_dataclass(figures):
        return {f.name: _plain(getattr(figures, f.name)) for f in dataclasses.fields(figures)}
    if hasattr(figures, "_asdict"):
        return {k: _plain(v) for k, v in figures._asdict().items()}
    raise TypeError(f"turn_figures returned {type(figures).__name__}")


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "value") and not isinstance(value, (int, float)):
        return value.value
    return value


def turn_line(
    scenario: Scenario,
    turn: int,
    orders: Iterable[Order],
    state: Any,
    snapshot_every: int,
    hash_: str | None = None,
    figures: Any = None,
) -> TurnLine:
    """What the save records of one turn just played (`hash_`, `figures`: if known)."""
    snapshot = state_to_dict(state) if snapshot_every and turn % snapshot_every == 0 else None
    return TurnLine(
        turn=turn,
        orders=tuple(order_to_dict(o) for o in orders),
        hash=hash_ if hash_ is not None else state_hash(state),
        date=state.date.isoformat(),
        figures=plain_figures(figures) if figures is not None else figures_dict(scenario, state),
        snapshot=snapshot,
    )
