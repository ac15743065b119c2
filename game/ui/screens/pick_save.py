"""A modal listing the save files of the saves directory; returns the chosen path or None."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from game.inert import inert
from game.paths import shown_path
from game.text import format as fmt
from game.turns import position_words
from game.ui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from game.saves.catalog import SaveInfo


class PickSaveScreen(ModalScreen[Path | None]):
    """Choose a save with the arrows and Enter, or type a path; Escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="pick.cancel"),
    ]

    def __init__(self, directory: Path, title: str) -> None:
        super().__init__()
        self.directory = directory
        self.heading = title
        from game.saves.catalog import list_saves

        self.saves = list_saves(directory)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="pick-box"):
            yield Static(self.heading, classes="dialog-title", markup=False)
            yield Static(f"In {inert(shown_path(self.directory))}:", classes="dim", markup=False)
            options = [
                Option(_describe(info), id=str(i), disabled=not info.ok)
                for i, info in enumerate(self.saves)
            ]
            if not options:
                options = [Option("(no saves yet)", id="none", disabled=True)]
            yield OptionList(*options, id="pick-list")
            yield Input(placeholder="or type a path and press Enter", id="pick-path")
            yield Static("Enter open · Escape cancel", classes="dialog-hint", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#pick-list").focus()

    @on(OptionList.OptionSelected, "#pick-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id and event.option.id.isdigit():
            self.dismiss(self.saves[int(event.option.id)].path)

    @on(Input.Submitted, "#pick-path")
    def _typed(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if text:
            self.dismiss(Path(text).expanduser())

    def action_cancel(self) -> None:
        self.dismiss(None)


def where_it_stands(info: SaveInfo) -> str:
    """Where a saved game stands, numbered as the game's header will number it once loaded
    (`game.turns`): `turn 19 of 30, 18 played to Mon 10 Feb`."""
    if not info.turns_total:  # unknown (an older format's save)
        return f"{fmt.count(info.turn, 'turn')} played"
    position = position_words(info.turn, info.turns_total)
    if not info.turn:
        return f"{position}, not started"
    day = dt.date.fromisoformat(info.date) if info.date else None
    played = f"{info.turn} played" + (f" to {fmt.day(day, year=False)}" if day else "")
    return position if position.startswith("all") else f"{position}, {played}"


def _describe(info: SaveInfo) -> Content:
    """`name  scenario, turn N of M, ... seed S`, or why it cannot be loaded. Names and titles
    come from files: shown inert (control characters escaped) and never parsed as markup."""
    head = inert(info.name)
    if not info.ok:
        return Content.assemble(head, ("  cannot be read: " + inert(info.problem or ""), "dim"))
    what = inert(info.scenario_title or info.scenario_id or "?")
    detail = f"  {what}, {where_it_stands(info)}, seed {info.seed}"
    return Content.assemble(head, (detail, "dim"))
