"""Two series on one scale, one row each: the player's figure and the no-intervention run's,
so that the bars can be compared (a Textual `Sparkline` scales each series to itself)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

BARS = "▁▂▃▄▅▆▇█"


def buckets(values: Sequence[float], width: int) -> list[float]:
    """`values` in at most `width` columns: the largest of each run of values that share one."""
    if width <= 0:
        return []
    if len(values) <= width:
        return list(values)
    step = len(values) / width
    return [
        max(values[int(k * step) : max(int(k * step) + 1, int((k + 1) * step))])
        for k in range(width)
    ]


def bars(values: Sequence[float], low: float, high: float) -> str:
    """One bar per value, its height set by where it lies between `low` and `high`."""
    if high <= low:
        return BARS[0] * len(values)
    top = len(BARS) - 1
    return "".join(BARS[max(0, min(top, round((v - low) / (high - low) * top)))] for v in values)


class PairedSparkline(Widget):
    """The player's series above, the baseline's below, on the scale of both."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "paired-sparkline--mine",
        "paired-sparkline--baseline",
    }
    DEFAULT_CSS = """
    PairedSparkline { height: 2; }
    PairedSparkline > .paired-sparkline--mine { color: $primary; }
    PairedSparkline > .paired-sparkline--baseline { color: $text-muted; }
    """
    LABEL_WIDTH = 5

    mine: reactive[tuple[float, ...]] = reactive(())
    """The player's values, turn 1 first."""
    baseline: reactive[tuple[float, ...]] = reactive(())
    """The no-intervention run's values over the same turns."""

    def __init__(
        self,
        labels: tuple[str, str] = ("you", "none"),
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.labels = labels

    def render(self) -> Text:
        width = max(0, self.size.width - self.LABEL_WIDTH)
        both = [*self.mine, *self.baseline]
        low, high = (min(both), max(both)) if both else (0.0, 0.0)
        text = Text(no_wrap=True, overflow="crop")
        rows = (
            (self.labels[0], self.mine, "paired-sparkline--mine"),
            (self.labels[1], self.baseline, "paired-sparkline--baseline"),
        )
        for k, (label, values, component) in enumerate(rows):
            style = self.get_component_rich_style(component)
            text.append(f"{label:<{self.LABEL_WIDTH - 1}.{self.LABEL_WIDTH - 1}} ", style="dim")
            text.append(bars(buckets(values, width), low, high), style=style)
            if k == 0:
                text.append("\n")
        return text
