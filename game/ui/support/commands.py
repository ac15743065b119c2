"""The command palette (ctrl+p), built from the key bindings: declared once, found both ways.

Every binding with a `tooltip` is a palette command: the tooltip is its name, the key its help.
Only bindings the current screen and focus would act on are listed, and not those its
`check_action` turns off, so the palette never offers what cannot be done now (after
Posting's and Harlequin's palettes). Commands that are not keys (go to one of the places) come
from providers of their own, such as `PlacesProvider`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from textual.dom import DOMNode


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    """One line of the palette: what it does, its key (or a hint), and how to run it."""

    name: str
    help: str
    run: Callable[[], Any]


def key_names(app: Any, binding: Any) -> str:
    """The binding's keys as the footer shows them: `n / space`."""
    return " / ".join(app.get_key_display(binding.with_key(key)) for key in binding.key.split(","))


def binding_commands(screen: Any) -> list[PaletteCommand]:
    """The palette commands of `screen`'s active, enabled bindings that have a tooltip."""
    app = screen.app
    seen: set[tuple[int, str]] = set()
    found: list[PaletteCommand] = []
    for node, binding, enabled, tooltip in screen.active_bindings.values():
        if not enabled or not tooltip:
            continue
        if (id(node), binding.action) in seen:
            continue
        seen.add((id(node), binding.action))
        run = partial(_run_action, app, binding.action, node)
        found.append(PaletteCommand(tooltip, f"key: {key_names(app, binding)}", run))
    return found


async def _run_action(app: Any, action: str, node: DOMNode) -> None:
    await app.run_action(action, node)


class _ListProvider(Provider):
    """A provider over a list of `PaletteCommand`s (`commands()` says which)."""

    def commands(self) -> Iterator[PaletteCommand]:
        raise NotImplementedError

    async def discover(self) -> Hits:
        for command in self.commands():
            yield DiscoveryHit(command.name, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, matcher.highlight(command.name), command.run, help=command.help)


class CorridorCommands(_ListProvider):
    """The current screen's keys (and the app's) as commands."""

    def commands(self) -> Iterator[PaletteCommand]:
        yield from binding_commands(self.screen)


class PlacesProvider(_ListProvider):
    """`Go to <place>` for every location of the screen's scenario (the main screen's)."""

    def commands(self) -> Iterator[PaletteCommand]:
        screen: Any = self.screen
        scenario = screen.scenario
        for loc in sorted(scenario.locations, key=lambda loc: loc.name):
            yield PaletteCommand(f"Go to {loc.name}", loc.kind.value, partial(screen.go_to, loc.id))
