"""The keys a browser keeps for itself have alternatives, declared as bindings and listed
where the other keys are: the help's Keys page, which is built from the bindings."""

from __future__ import annotations

from textual.binding import Binding

from game.ui.app import CorridorApp
from game.ui.screens.help import keys_markdown
from game.ui.screens.main import MainScreen


def _keys(bindings: list, action: str) -> set[str]:
    found: set[str] = set()
    for binding in bindings:
        if isinstance(binding, Binding) and binding.action == action:
            found.update(binding.key.split(","))
    return found


def test_browser_reserved_keys_have_alternatives() -> None:
    """Declaring `:` for the palette replaces Textual's own ctrl+p binding: both must stay."""
    assert {"ctrl+t", "f2"} <= _keys(CorridorApp.BINDINGS, "toggle_dark")
    assert {"ctrl+p", "colon"} <= _keys(CorridorApp.BINDINGS, "command_palette")
    assert {"ctrl+s", "S"} <= _keys(MainScreen.BINDINGS, "save")


def test_help_lists_the_alternatives() -> None:
    page = keys_markdown()
    assert "| `ctrl+s / S` | Save |" in page
    assert "| `ctrl+t / f2` | Light/dark |" in page
    assert "| `:` | Command palette |" in page and "| `ctrl+p` | Command palette |" in page
    assert "`ctrl+p` or `:` opens the command palette" in page
