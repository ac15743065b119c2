"""The orders queued for this turn, with their costs; `x` or Delete (a main screen key)
cancels the highlighted one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.text import format as fmt

if TYPE_CHECKING:
    from game.scenario.model import OrderCost, Scenario


def order_words(scenario: Scenario, order) -> str:
    """A queued order in words: `Convoy: food, 5 trucks, Bab al-Hawa → Saraqeb`."""

    def name(loc_id: str) -> str:
        loc = scenario.location_by_id.get(loc_id)
        return loc.name if loc else loc_id

    def road_name(road_id: str) -> str:
        road = scenario.road_by_id.get(road_id)
        return f"{name(road.a)} – {name(road.b)}" if road else road_id

    kind = order.kind
    if kind == "convoy":
        return (
            f"Convoy: {order.cargo.value}, {fmt.count(order.trucks, 'truck')}, "
            f"{name(order.origin)} → {name(order.destination)}"
        )
    if kind == "shelter":
        return f"Shelter: {fmt.count(order.places, 'place')} in {name(order.location)}"
    if kind == "pause":
        return f"Negotiate a pause for {name(order.location)}"
    if kind == "corridor":
        return f"Negotiate a corridor on {road_name(order.road)}"
    if kind == "evacuate":
        return (
            f"Evacuate {fmt.count(order.people, 'person', 'people')} from {name(order.location)} "
            f"via {road_name(order.road)}"
        )
    if kind == "appeal":
        return "Launch a funding appeal"
    if kind == "choose":
        for event in scenario.timeline:
            option = event.option(order.option) if event.id == order.dilemma else None
            if option is not None:
                return f"Decision: {option.label}"
        return f"Decision: {order.option}"
    return str(order)


def cost_words(cost: OrderCost) -> str:
    """`$10k, 5 trucks, 10 leverage, 2 days` (only the parts that are not zero)."""
    parts = []
    if cost.funds:
        parts.append(fmt.money(cost.funds))
    if cost.trucks:
        parts.append(f"{cost.trucks} truck{'s' if cost.trucks != 1 else ''}")
    if cost.leverage:
        parts.append(f"{cost.leverage} leverage")
    if cost.days:
        parts.append(f"acts in {cost.days} day{'s' if cost.days != 1 else ''}")
    return ", ".join(parts) or "no cost"


class OrderList(Vertical):
    """Queued orders (newest last) and what they cost together."""

    def compose(self) -> ComposeResult:
        yield Static("", id="orders-total")
        yield OptionList(id="orders-options")
        yield Static(
            "[dim]Give orders with c s p o e a (see ? for keys). "
            "x or Delete cancels the highlighted one.[/]",
            id="orders-hint",
        )

    def show(self, scenario: Scenario, orders: Sequence, costs: Sequence[OrderCost]) -> None:
        options = self.query_one("#orders-options", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        if not orders:
            options.add_option(Option("No orders queued for this turn.", disabled=True))
        for i, (order, cost) in enumerate(zip(orders, costs, strict=True)):
            options.add_option(
                Option(f"{i + 1}. {order_words(scenario, order)}\n   {cost_words(cost)}", id=str(i))
            )
        if orders:
            options.highlighted = min(highlighted or 0, len(orders) - 1)
        total = self.query_one("#orders-total", Static)
        if orders:
            funds = sum(c.funds for c in costs)
            trucks = sum(c.trucks for c in costs)
            lev = sum(c.leverage for c in costs)
            total.update(
                f"[b]{fmt.count(len(orders), 'order')}[/] · together {fmt.money(funds)}, "
                f"{fmt.count(trucks, 'truck')}, {lev} leverage"
            )
        else:
            total.update("[b]Orders for this turn[/]")

    def highlighted_index(self) -> int | None:
        """The index of the highlighted queued order, or None (`x` on the main screen cancels
        it)."""
        options = self.query_one("#orders-options", OptionList)
        if options.highlighted is None:
            return None
        option = options.get_option_at_index(options.highlighted)
        if option.id is not None and option.id.isdigit():
            return int(option.id)
        return None
