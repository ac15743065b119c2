"""Dilemmas: timeline events that put a choice between two or three sourced options to the
player (issue 19). When one fires it opens (`State.open_dilemmas`); the player's `choose` order
pays the option's cost and its effects apply that turn; if no choice comes by the last turn to
choose, the scenario's `default` option holds and the log says so."""

from __future__ import annotations

from game.engine import events as ev
from game.engine.frontline import apply_effects, citation
from game.engine.work import Work
from game.scenario.model import DilemmaOption, Scenario, TimelineEvent


def dilemma_event(scenario: Scenario, event_id: str) -> TimelineEvent | None:
    """The dilemma with this id, or None."""
    for event in scenario.timeline:
        if event.id == event_id and event.options:
            return event
    return None


def choice_key(event_id: str, option_id: str) -> str:
    """How a choice is held in a pending item until its turn's rules run."""
    return f"{event_id}/{option_id}"


def apply_choice(work: Work, key: str) -> None:
    """The effects of a chosen option (its cost was paid with the order)."""
    event_id, _, option_id = key.partition("/")
    event = dilemma_event(work.scenario, event_id)
    option = event.option(option_id) if event else None
    if event is None or option is None:
        return
    _settle(work, event, option, f"You chose: {option.label}. {option.consequences}")


def expire(work: Work) -> None:
    """Dilemmas whose last turn to choose has come without a choice take their default."""
    still_open = []
    for event_id, last_turn in work.open_dilemmas:
        event = dilemma_event(work.scenario, event_id)
        if event is None:
            continue
        if last_turn > work.turn:
            still_open.append((event_id, last_turn))
            continue
        option = event.option(event.default or "")
        if option is not None:
            _settle(
                work,
                event,
                option,
                f"No choice was made on '{event.title}': {option.label.lower()} holds. "
                f"{option.consequences}",
            )
    work.open_dilemmas = still_open


def _settle(work: Work, event: TimelineEvent, option: DilemmaOption, message: str) -> None:
    _, place = apply_effects(work, option.effects, citation(option.source))
    work.log(
        ev.DILEMMA,
        place,
        "decision",
        message,
        citation=citation(option.source),
    )
