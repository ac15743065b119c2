"""A light footer: the current screen's shown bindings as one line of `key Description`.

Textual's `Footer` rebuilds a widget per key whenever the bindings change (every screen
switch), which costs more than a turn of the game; this bar redraws one line of text instead.
Disabled bindings are dimmed and marked with brackets, so the state does not rest on colour.
When the line is too long, grouped keys share one description (`c/s/p/o/e/a Orders`, `1-4
Tabs`), then the last items go (never the app's Help, which comes last). Clicking a key
presses it.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
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
        self.call_after_refresh(self._rebuild)  # once laid out: its width, the screen's focus

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen) -> None:
        self._rebuild()

    def on_resize(self) -> None:
        self._rebuild()

    def _ordered(self) -> list[tuple[object, Binding, bool]]:
        """The active bindings, those the screen's own class declares first (a subclass such as
        the replay viewer puts its keys before the ones it inherits), the app's last."""
        own = [
            b.action
            for b in type(self.screen).__dict__.get("BINDINGS", ())
            if isinstance(b, Binding)
        ]
        found = [(node, b, enabled) for node, b, enabled, _ in self.screen.active_bindings.values()]

        def rank(entry: tuple[object, Binding, bool]) -> int:
            node, binding, _ = entry
            if node is self.app:
                return 2 * len(found)
            if node is self.screen and binding.action in own:
                return own.index(binding.action) - len(own)
            return 0

        return sorted(found, key=rank)

    def _items(self) -> list[_Item]:
        """The shown bindings, one item per action, grouped bindings side by side."""
        seen: set[str] = set()
        items: list[_Item] = []
        groups: dict[str, _Item] = {}
        for _node, binding, enabled in self._ordered():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            key = (binding.key.split(",")[0], self.app.get_key_display(binding))
            group = binding.group.description if binding.group else None
            if group is not None and group in groups:
                groups[group].keys.append(key)
                groups[group].descriptions.append(binding.description)
                continue
            always = binding.group is not None and binding.group.compact
            item = _Item([key], [binding.description], enabled, group, always)
            items.append(item)
            if group is not None:
                groups[group] = item
        return items

    def _rebuild(self) -> None:
        items = self._items()
        width = self.size.width or self.app.size.width  # before layout: the terminal's
        for compact in (False, True):
            parts = [part for item in items for part in item.parts(compact)]
            if _width(parts) <= width:
                break
        while len(parts) > 1 and _width(parts) > width:
            del parts[-2]  # drop the least important (the last but Help, the app's)
        gap = 2 if _width(parts, 2) <= width else 1
        spans: list[tuple[int, int, str]] = []
        x = 1
        for part, keys in parts:
            for start, end, key in keys:
                spans.append((x + start, x + end, key))
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


Part = tuple[Content, list[tuple[int, int, str]]]  # text, and (from, to, key) of its keys


def _width(parts: list[Part], gap: int = 1) -> int:
    return 1 + sum(p.cell_length for p, _ in parts) + gap * max(len(parts) - 1, 0)


class _Item:
    """One action or one group of actions (`c Convoy s Shelter`, or compact `c/s Orders`)."""

    def __init__(
        self,
        keys: list[tuple[str, str]],
        descriptions: list[str],
        enabled: bool,
        group: str | None,
        always_compact: bool = False,
    ) -> None:
        self.keys = keys  # (key, as shown)
        self.descriptions = descriptions
        self.enabled = enabled
        self.group = group
        self.always_compact = always_compact  # the group's `compact`: one item at any width

    def parts(self, compact: bool) -> list[Part]:
        if self.group is None or not (compact or self.always_compact):
            return [
                self._part([key], text)
                for key, text in zip(self.keys, self.descriptions, strict=True)
            ]
        return [self._part(self.keys, self.group)]

    def _part(self, keys: list[tuple[str, str]], text: str) -> Part:
        shown = [display for _, display in keys]
        if len(shown) > 2 and all(k.isdigit() for k in shown):
            shown_keys = f"{shown[0]}-{shown[-1]}"
            spans = [(0, len(shown_keys), keys[0][0])]
        else:
            shown_keys = "/".join(shown)
            spans, x = [], 0
            for key, display in keys:
                spans.append((x, x + len(display), key))
                x += len(display) + 1
        if self.enabled:
            part = Content.from_markup("[b $accent]$key[/] $desc", key=shown_keys, desc=text)
        else:
            part = Content.from_markup("[dim]\\[$key $desc][/]", key=shown_keys, desc=text)
            spans = [(a + 1, b + 1, k) for a, b, k in spans]
        return part, spans
