"""The order dialog: choose an order's places, road, cargo and size, see its cost, whether it
can be given, and what it is expected to do, then queue it (or cancel).

One screen serves every kind of order; `FIELDS` says which inputs each kind has. The dialog
returns the `Order` to queue, or None. It refuses nothing itself: `checker` (the session's
`check`) does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from game.scenario.model import Cargo, FactionRole, LocationKind
from game.text import format as fmt
from game.ui.screens.choice import Choice
from game.ui.support.road_choices import road_choices
from game.ui.widgets.key_bar import KeyBar
from game.ui.widgets.pick_field import PickField

if TYPE_CHECKING:
    from game.engine import Order, State
    from game.scenario.model import Scenario

TITLES = {
    "convoy": "Send a convoy",
    "shelter": "Expand shelter",
    "pause": "Negotiate a humanitarian pause",
    "corridor": "Negotiate a safe corridor",
    "evacuate": "Evacuate people",
    "appeal": "Launch a funding appeal",
}

# kind -> the inputs it needs, in order: (field, label)
FIELDS: dict[str, tuple[tuple[str, str], ...]] = {
    "convoy": (
        ("origin", "From (hub)"),
        ("destination", "To"),
        ("cargo", "Cargo"),
        ("trucks", "Trucks"),
    ),
    "shelter": (("location", "Where"), ("places", "Places")),
    "pause": (("location", "For"),),
    "corridor": (("road", "Road"),),
    "evacuate": (("location", "From"), ("road", "Road"), ("people", "People")),
    "appeal": (),
}
NUMBERS = ("trucks", "places", "people")
MISSING = {
    "origin": "the hub it leaves from",
    "destination": "where it goes",
    "cargo": "the cargo",
    "trucks": "how many trucks",
    "location": "the place",
    "road": "the road",
    "places": "how many places",
    "people": "how many people",
}


class OrderDialog(ModalScreen["Order | None"]):
    """A keyboard-first form: tab between fields, Enter in a number or on Queue commits."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+j,ctrl+enter", "commit", "Queue order", key_display="ctrl+j", id="order.commit"
        ),
        Binding("tab", "app.focus_next", "Next field", id="order.next"),
        Binding("escape", "cancel", "Cancel", id="order.cancel"),
    ]

    def __init__(
        self,
        kind: str,
        scenario: Scenario,
        state: State,
        queued: Sequence[Order] = (),
        selected: str | None = None,
        checker: Callable[[Order], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.kind = kind
        self.scenario = scenario
        self.state = state
        self.queued = tuple(queued)
        self.selected = selected
        self.checker = checker
        self.order: Order | None = None
        self.problem: str | None = None

    # --- choices ------------------------------------------------------------------------------

    def _hostile(self, faction: str) -> bool:
        f = self.scenario.faction_by_id.get(faction)
        return f is not None and f.role == FactionRole.ATTACKER

    def _place_choices(self, field: str) -> list[tuple[str, str]]:
        sc, st = self.scenario, self.state
        out = []
        for loc, ls in zip(sc.locations, st.locations, strict=True):
            if self._hostile(ls.control):
                continue
            if field == "origin" and not loc.hub:
                continue
            if self.kind == "shelter" and loc.kind == LocationKind.CROSSING:
                continue
            if self.kind == "pause" and loc.kind in (LocationKind.CAMP, LocationKind.CROSSING):
                continue
            if self.kind == "evacuate" and ls.population <= 0:
                continue
            label = loc.name
            if field in ("destination", "location"):
                label += f"  ({fmt.compact(ls.population)} people"
                label += ", encircled)" if ls.encircled else ")"
            out.append((label, loc.id))
        return out

    def _road_choices(self, location: str | None = None) -> list[Choice]:
        """An evacuation's roads are those of its place; a corridor's, every road with the
        selected place's first (`game.ui.support.road_choices`)."""
        if self.kind == "evacuate":
            if location is None:
                return []
            return road_choices(self.scenario, self.state, only_at=location)
        return road_choices(self.scenario, self.state, near=self.selected)

    def _default(self, field: str, choices: list[tuple[str, str]]) -> Any:
        """The preset value of a field: taken from the selected place, never a guess (an
        unrelated town preselected would be one Enter away from a wrong order)."""
        ids = [v for _, v in choices]
        if not ids:
            return Select.NULL
        sel = self.selected
        if field in ("destination", "location"):
            return sel if sel in ids else Select.NULL
        if field == "road":
            if sel in ids:
                return sel
            # at the selected place: a road with a corridor (to evacuate along), else an open
            # exit of the besieged town, else any of its roads; elsewhere the first road
            here = [r.id for r in self.scenario.roads_at(sel)] if sel else []
            local = [rid for rid in ids if rid in here]
            if not local:
                return Select.NULL
            for rid in local:
                if self.state.road(rid).corridor_days:
                    return rid
            if sel is not None and sel in self.scenario.location_by_id:
                exits = self.state.location(sel).open_exits
                for rid in local:
                    if rid in exits:
                        return rid
            return local[0]
        return ids[0]  # the first hub

    def _number_default(self, field: str) -> str:
        from game.engine.network import network

        params = network(self.scenario).params
        if field == "trucks":
            base = self.scenario.player.costs.get("convoy")
            per = base.trucks if base and base.trucks else 5
            return str(max(1, min(per, self.state.resources.trucks)))
        if field == "places":
            return str(int(params.shelter_block))
        return str(int(params.evacuation_block))

    # --- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="order-box"):
            yield Static(TITLES[self.kind], classes="dialog-title", markup=False)
            with Vertical(id="order-fields"):
                for field, label in FIELDS[self.kind]:
                    with Horizontal(classes="order-row"):
                        yield Label(label, classes="order-label")
                        yield self._input_for(field)
            with VerticalScroll(id="order-preview", can_focus=False):
                yield Static("", id="order-cost")
                yield Static("", id="order-check")
                yield Static("", id="order-effect")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Queue order", id="order-queue", variant="primary", compact=True)
                yield Button("Cancel", id="order-cancel", compact=True)
            yield Static(
                "ctrl+j or Enter on Queue: queue it · tab / shift+tab: fields · escape: cancel",
                classes="dialog-hint",
                markup=False,
            )
        yield KeyBar()

    def _input_for(self, field: str):
        if field in NUMBERS:
            return Input(
                self._number_default(field),
                id=f"order-{field}",
                restrict=r"[0-9]*",
                max_length=7,
                compact=True,
                classes="order-input",
            )
        if field == "cargo":
            choices = [
                ("food", Cargo.FOOD.value),
                ("water", Cargo.WATER.value),
                ("tents (shelter)", Cargo.SHELTER.value),
            ]
            return Select(
                choices,
                value=Cargo.FOOD.value,
                allow_blank=False,
                id="order-cargo",
                compact=True,
                classes="order-input",
            )
        if field == "road":
            location = None
            if self.kind == "evacuate":
                places = self._place_choices("location")
                start = self._default("location", places)
                location = None if start is Select.NULL else start
            roads = self._road_choices(location)
            value = self._default("road", [(c.label, c.value) for c in roads])
            return PickField(
                roads,
                None if value is Select.NULL else value,
                title="Choose the road (type part of a place's name)",
                id="order-road",
                classes="order-input",
            )
        else:
            choices = self._place_choices(field)
        value = self._default(field, choices)
        return Select(
            choices,
            value=value,
            allow_blank=value is Select.NULL,
            id=f"order-{field}",
            compact=True,
            type_to_search=True,
            classes="order-input",
            prompt="(choose: enter, then type or ↑↓)" if choices else "(none possible)",
        )

    def on_mount(self) -> None:
        """The first field has the focus (Tab goes on through the fields, then Queue, then
        Cancel); ctrl+j queues the order from anywhere in the form."""
        self.update_preview()
        fields = self.query(".order-input")
        if fields:
            fields.first().focus()
        else:
            self.query_one("#order-queue", Button).focus()

    # --- reading the form ---------------------------------------------------------------------

    def _value(self, field: str) -> Any:
        widget = self.query_one(f"#order-{field}")
        if isinstance(widget, Input):
            return int(widget.value) if widget.value.isdigit() else None
        if isinstance(widget, PickField):
            return widget.value
        if not isinstance(widget, Select):
            raise TypeError(f"#order-{field} is a {type(widget).__name__}, not a field")
        return None if widget.value is Select.NULL else widget.value

    def build(self) -> Order | None:
        """The order the form describes, or None with `problem` saying what is missing."""
        from game.engine import (
            Evacuate,
            ExpandShelter,
            LaunchAppeal,
            NegotiateCorridor,
            NegotiatePause,
            SendConvoy,
        )

        values = {field: self._value(field) for field, _ in FIELDS[self.kind]}
        missing = [MISSING[field] for field, _ in FIELDS[self.kind] if values[field] is None]
        if missing:
            self.problem = f"Still to choose: {', '.join(missing)}."
            return None
        self.problem = None
        if self.kind == "convoy":
            return SendConvoy(
                values["origin"], values["destination"], Cargo(values["cargo"]), values["trucks"]
            )
        if self.kind == "shelter":
            return ExpandShelter(values["location"], values["places"])
        if self.kind == "pause":
            return NegotiatePause(values["location"])
        if self.kind == "corridor":
            return NegotiateCorridor(values["road"])
        if self.kind == "evacuate":
            return Evacuate(values["location"], values["road"], values["people"])
        return LaunchAppeal()

    def update_preview(self) -> None:
        """Cost, the engine's verdict and the expected effect of the order as it stands."""
        from game.app.preview import effect_markup
        from game.engine import check_order, order_cost
        from game.ui.widgets.order_list import cost_words

        order = self.build()
        self.order = order
        cost_w = self.query_one("#order-cost", Static)
        check_w = self.query_one("#order-check", Static)
        effect_w = self.query_one("#order-effect", Static)
        if order is None:
            cost_w.update("")
            check_w.update(f"[b]✗[/] {self.problem}")
            effect_w.update("")
            self._set_ok(False)
            return
        cost = order_cost(self.scenario, self.state, order)
        res = self.state.resources
        spent = [order_cost(self.scenario, self.state, q) for q in self.queued]
        funds = res.funds - sum(c.funds for c in spent)
        trucks = res.trucks - sum(c.trucks for c in spent)
        leverage = res.leverage - sum(c.leverage for c in spent)
        cost_w.update(
            f"[b]Cost:[/] {cost_words(cost)}  [dim](available: {fmt.money(funds)}, "
            f"{fmt.count(trucks, 'truck')}, {leverage} leverage)[/]"
        )
        if self.checker is not None:
            reason = self.checker(order)
        else:
            reason = check_order(self.scenario, self.state, order)
        if reason:
            check_w.update(f"[b $warning]✗ Cannot be given:[/] {reason}")
        else:
            check_w.update("[b $success]✓ Can be queued.[/]")
        try:
            effect = effect_markup(self.scenario, self.state, order, self.queued)
            effect_w.update(f"[b]Expected:[/] {effect}")
        except (KeyError, ValueError, AttributeError):
            effect_w.update("")
        self._set_ok(reason is None)

    @property
    def order_ok(self) -> bool:
        """Whether the order as it stands can be queued."""
        return self.order is not None and not self.query_one("#order-queue", Button).disabled

    def _set_ok(self, ok: bool) -> None:
        self.query_one("#order-queue", Button).disabled = not ok

    # --- events ---------------------------------------------------------------------------------

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "order-location" and self.kind == "evacuate":
            location = None if event.value is Select.NULL else str(event.value)
            choices = self._road_choices(location)
            value = self._default("road", [(c.label, c.value) for c in choices])
            road = None if value is Select.NULL else value
            self.query_one("#order-road", PickField).set_choices(choices, road)
        self.update_preview()

    @on(PickField.Changed)
    def _picked(self) -> None:
        self.update_preview()

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        self.update_preview()

    @on(Input.Submitted)
    def _input_submitted(self, event: Input.Submitted) -> None:
        self.action_commit()

    @on(Button.Pressed, "#order-queue")
    def _queue_pressed(self) -> None:
        self.action_commit()

    @on(Button.Pressed, "#order-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_commit(self) -> None:
        self.update_preview()
        if self.order is None or self.query_one("#order-queue", Button).disabled:
            self.app.bell()
            return
        self.dismiss(self.order)

    def action_cancel(self) -> None:
        self.dismiss(None)
