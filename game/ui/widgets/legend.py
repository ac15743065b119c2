"""The map's legend: the symbols and what they mean, sides named after the scenario's factions."""

from __future__ import annotations

from textual.widgets import Static

from game.scenario.model import FactionRole, Scenario
from game.text import format as fmt
from game.ui.support import glyphs


def legend_items(scenario: Scenario, *, short: bool = False) -> list[tuple[str, str]]:
    """(symbol, meaning) pairs, with the attacking and defending factions' names."""
    attacker = next((f for f in scenario.factions if f.role == FactionRole.ATTACKER), None)
    defender = next((f for f in scenario.factions if f.role == FactionRole.DEFENDER), None)
    att = (attacker.id if short else attacker.name) if attacker else "attacker"
    dfd = (defender.id if short else defender.name) if defender else "defender"
    if short:
        return [
            (glyphs.HELD_DEFENDER, dfd),
            (glyphs.HELD_ATTACKER, att),
            (glyphs.ENCIRCLED, "encircled"),
            (glyphs.CAMP, "camps"),
            (glyphs.CROSSING, "crossing"),
            (glyphs.ROAD_HIGHWAY, "M5"),
            (glyphs.ROAD_CONTESTED, "contested"),
            (glyphs.ROAD_CLOSED, "closed"),
            (glyphs.FRONT, "front"),
            ("→", "moving"),
        ]
    return [
        (glyphs.HELD_DEFENDER, f"held by {dfd}"),
        (glyphs.HELD_ATTACKER, f"held by {att}"),
        (glyphs.ENCIRCLED, "encircled"),
        (glyphs.CAMP, "camps"),
        (glyphs.CROSSING, "border crossing"),
        (glyphs.ROAD_OPEN, "road"),
        (glyphs.ROAD_HIGHWAY, "M5 highway"),
        (glyphs.ROAD_CONTESTED, "contested road"),
        (glyphs.ROAD_CLOSED, "closed road"),
        (glyphs.FRONT, "front line"),
        ("→⇒", "people on the move (⇒ many)"),
    ]


def layer_items(layer: str) -> list[tuple[str, str]]:
    """(symbol, from which figure) for each level of a map layer (`game.app.overview`)."""
    from game.app.overview import LAYER_STEPS

    def words(value: float) -> str:
        if layer == "unsheltered":
            return f"{fmt.compact(value)}+ people"
        if layer == "needs":
            return f"{round(value)}%+ unmet"
        return f"{value:.2f}+"

    steps = LAYER_STEPS[layer]
    return [(glyphs.LEVELS[level], words(steps[level - 1])) for level in (1, 2, 3)]


class MapLegend(Static):
    """A wrapped line or two of `symbol meaning` pairs under the map; with a layer on, what
    its levels mean."""

    def __init__(self, scenario: Scenario, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.scenario = scenario
        self.shown_layer: str | None = None

    def on_mount(self) -> None:
        self._fill()

    def on_resize(self) -> None:
        self._fill()

    def show_layer(self, layer: str | None) -> None:
        """Explain the map layer now shown (None: the ordinary legend)."""
        self.shown_layer = layer
        self._fill()

    def _fill(self) -> None:
        if self.shown_layer is not None:
            from game.app.overview import LAYER_WORDS

            items = layer_items(self.shown_layer)
            levels = "  ".join(f"{sym} {text}" for sym, text in items)
            self.update(f"Layer: {LAYER_WORDS[self.shown_layer]} (w: next)  {levels}")
            return
        short = self.size.width < 70
        items = legend_items(self.scenario, short=short)
        self.update("  ".join(f"{sym} {text}" for sym, text in items))
