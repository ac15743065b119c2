"""The command palette (ctrl+p): the game's commands that make sense on the current screen.

A screen offers commands by defining `palette_commands()` returning `(name, callback, help)`
triples; this provider lists them (after Posting's `commands.py`), so the palette never offers
something the screen cannot do now.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider

PaletteCommand = tuple[str, Callable[[], object], str]


class CorridorCommands(Provider):
    """Commands of the current screen and of the app."""

    def _commands(self) -> list[PaletteCommand]:
        screen = self.screen
        found: list[PaletteCommand] = []
        provider = getattr(screen, "palette_commands", None)
        if provider is not None:
            found.extend(provider())
        app = self.app
        found.append(("Help: keys, rules, what is not modelled", app.action_help, "Open help"))
        found.append(
            ("Theme: switch light / dark", app.action_toggle_dark, "Readable in both")  # type: ignore[attr-defined]
        )
        return found

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
