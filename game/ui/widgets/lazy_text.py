"""Text that is built only when it is painted: panels in hidden tabs cost nothing to update.

    text.show(partial(location_markup, scenario, state, events, place))

`show()` keeps the function; Textual calls `render()` only for widgets on screen, so a panel
whose tab is hidden builds its markup the first time its tab is shown, and once per change.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


class LazyText(Widget):
    """A block of markup made on demand by `source()`, wrapped to the widget's width."""

    DEFAULT_CSS = """
    LazyText { height: auto; width: 100%; }
    """

    source: reactive[Callable[[], str] | None] = reactive(None, layout=True, always_update=True)

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self._content: Content | None = None
        if text:
            self.set_reactive(LazyText.source, lambda: text)

    def show(self, source: Callable[[], str]) -> None:
        """Show what `source()` returns (called when the text is next painted)."""
        self.source = source

    def watch_source(self) -> None:
        self._content = None

    @property
    def built(self) -> bool:
        """Whether the current text has been made (for tests of the laziness)."""
        return self._content is not None

    def render(self) -> Content:
        if self._content is None:
            self._content = Content.from_markup(self.source()) if self.source else Content("")
        return self._content
