"""A light footer: the current screen's shown bindings as one line of `key Description`.

Textual's `Footer` rebuilds a widget per key whenever the bindings change (every screen
switch), which costs more than a turn of the game; this bar redraws one line of text instead.
Disabled bindings are dimmed and marked with brackets, so the state does not rest on colour.
Clicking a key presses it.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget


class KeyBar(Widget):
    """One line of the focused screen's bindings (`Binding.show`), deduplicated by action."""

    DEFAULT_CSS = """
    KeyBar {
        height: 1;
        dock: bottom;
        background: $panel;
        color: $foreground;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content = Content("")
        self._spans: list[tuple[int, int, str]] = []  # x from, x to, key

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._rebuild()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        self._rebuild()

    def on_resize(self) -> None:
        self._rebuild()

    def _rebuild(self) -> None:
        seen: set[str] = set()
        parts: list[tuple[Content, str]] = []
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            if enabled:
                part = Content.from_markup(
                    "[b $accent]$key[/] $desc", key=key, desc=binding.description
                )
            else:
                part = Content.from_markup(
                    "[dim]\\[$key $desc][/]", key=key, desc=binding.description
                )
            parts.append((part, binding.key.split(",")[0]))
        # two spaces between keys when they fit, else one
        total = sum(p.cell_length for p, _ in parts)
        gap = 2 if total + 2 * len(parts) + 1 <= self.size.width else 1
        spans: list[tuple[int, int, str]] = []
        x = 1
        for part, key in parts:
            spans.append((x, x + part.cell_length, key))
            x += part.cell_length + gap
        content = Content(" ") + Content(" " * gap).join(p for p, _ in parts)
        if content != self._content:
            self._content = content
            self._spans = spans
            self.refresh()

    def render(self) -> Content:
        return self._content

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
