"""Help (`?` / F1): the keys, the rules in brief, the map's symbols, and what is not modelled.

The keys page is built from the screens' own bindings, so it cannot drift from them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, TabbedContent, TabPane

from game.text import format as fmt
from game.ui.support import glyphs
from game.ui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from game.scenario.model import Scenario

SCROLL_KEYS = Binding.Group("Scroll", compact=True)

ORDER_WORDS = {
    "convoy": "Send a convoy (food, water or tents) from a hub to a place, along open roads",
    "shelter": "Expand shelter places in a place (slow, lasting)",
    "pause": "Negotiate a humanitarian pause for a town (delays its capture, cuts harm)",
    "corridor": "Negotiate a corridor on a road (keeps it open and safer for a while)",
    "evacuate": "Evacuate people from a place along a road, with trucks",
    "appeal": "Launch a funding appeal (funds arrive after some days)",
}

RULES = """\
## The rules in brief

You are the humanitarian coordinator for north-west Syria. The front line moves by itself,
following the reported events and projected ones; you cannot stop it. You decide where people
are sheltered, fed and moved.

**A turn is one day.** Queue orders, then end the turn (`n` or `space`). The day then runs in
this order:

1. your orders are applied, or refused with a reason;
2. the front moves: captures, advances, encirclements; pauses and corridors can delay them;
3. bombardment: harm grows with the people still present and without shelter;
4. people leave threatened places and travel along open roads to safer ones; where all exits
   are closed, they are trapped;
5. convoys travel, and may be delayed, blocked or struck; what arrives covers needs, measured
   against Sphere minimums for water, food and shelter; needs left unmet harm people (lack of
   safe water at once, hunger over the weeks, cold without shelter or in tents);
6. the day's figures and the log: every change with its cause and its source.

**Three scarce means.** Funds (thousand USD, raised by appeals, slowly), trucks (a convoy ties
them up for days and can lose them) and leverage (diplomatic capital: statements and visits
raise it for a while; every negotiation spends it, failed ones too). The more leverage you
hold when you open a negotiation, the better its odds; the order dialog shows them, and they
are fixed when the talks open: the answer is drawn at exactly that chance. Money also arrives
during the month (pooled-fund allocations; an appeal's pledges over several days), and the
month puts decisions to you (`d`): two or three sourced options, each with its cost.

**Figures.** People harmed are *model estimates*, never reported counts. Where the sources
disagree (the article calls Maaret al-Numan surrounded on three sides, then fully encircled),
the place panel shows the reports beside the model's state.

{trapped}

**The end.** After the last turn, or when nobody is left in danger, the game compares your
campaign with a run without any orders, from the same seed. There is no victory screen.
"""

TRAPPED = """\
**Trapped.** Everyone in a place where the threat is at least {trap} (on the model's 0 to 1
scale) and no open road leads out to a place not held by the attacking side (for an encircled
town: none of its open exits): residents and displaced alike, since none of them can leave.
The count is made anew every day. It rises when a road closes or a town is encircled; it falls
when a road opens or a corridor holds, when the threat eases, or when the people of a place
just taken stop trying to cross the line ({fall_days} days after it falls). A village taken
with its people inside therefore counts in full for a few days, then drops to none: they
stay, under the side that took it."""


def trapped_words(scenario: Scenario | None) -> str:
    """Who counts as trapped and why the number changes, with the scenario's thresholds."""
    trap, fall_days = 0.2, 3
    if scenario is not None:
        from game.engine.network import network

        params = network(scenario).params
        trap, fall_days = params.trap_threat, int(params.fall_days)
    return TRAPPED.format(trap=f"{trap:.2f}", fall_days=fall_days)


def rules_markdown(scenario: Scenario | None) -> str:
    """The rules in brief, with the scenario's own thresholds."""
    return RULES.replace("{trapped}", trapped_words(scenario))


NOT_MODELLED_ITEMS = """\
## What this game does not model

- **Individuals.** People move as aggregated flows between places, not as persons or
  families with their own reasons.
- **The fighting.** The front follows a timeline of reported and projected events; there are
  no units, no battles and no military choices.
- **Turkey's military role.** Turkish troops held observation posts in Idlib, were reinforced
  in February 2020, lost soldiers to government shelling and fired back. The log reports these
  events; the game has no Turkish forces and they do not move the front.
- **Harm in government-held areas.** Aleppo and Khan Sheikhoun are ends of the front with no
  residents counted: people harmed there (rebel shelling of Aleppo, article ¶12) and people who
  fled into government-held areas are outside the game's figures.
- **Politics and negotiation in detail.** A pause or a corridor is a single roll against odds
  that leverage and international pressure change.
- **Crossing into Turkey.** The border is treated as closed to people, as it was in 2020;
  the crossing is an entry point for aid only.
- **Weather, disease, prices, fuel and markets** in detail. Unsafe water, hunger and the
  winter cold enter as one rule: each person-day of water, food or shelter below the Sphere
  minimum carries a small excess of serious illness and death (sourced to the record of
  displacement emergencies), reported in the log as a model estimate by cause; epidemics,
  snowstorms, floods, prices and markets as such do not.
- **Other aid actors.** You stand for the whole humanitarian response; in reality many
  agencies, local councils and families carried it.
"""

EXACT_NUMBERS = (
    "- **The exact numbers.** Populations, flows and harm are estimates built from the sources "
    "and stated assumptions; each fact in the scenario names its source, and the log cites it."
)

CLOSING = """
The game is a way to think about hard choices under constraint. It is not a record of what
happened to anyone.
"""

NOT_MODELLED = NOT_MODELLED_ITEMS + EXACT_NUMBERS + "\n" + CLOSING


def not_modelled_markdown(scenario: Scenario | None) -> str:
    """What the game leaves out; with a scenario, its reported figures for the whole area
    beside the people it models (they differ: the record covers more places)."""
    if scenario is None:
        return NOT_MODELLED
    people = sum(loc.population for loc in scenario.locations)
    displaced = sum(loc.displaced for loc in scenario.locations)
    numbers = [EXACT_NUMBERS]
    civilians = scenario.figures.get("province_civilians")
    before = scenario.figures.get("province_displaced_before")
    if civilians is not None:
        label = civilians.label or "Civilians in the area, as reported"
        reported = f"{label}: {civilians.value:,} ({_cited(civilians.source)})"
        if before is not None:
            reported += f", {before.value:,} of them displaced before"
        numbers.append(reported + ".")
    numbers.append(
        f"This scenario models {people:,} people in the places it holds, {displaced:,} of "
        "them displaced before the game starts."
    )
    return NOT_MODELLED_ITEMS + " ".join(numbers) + "\n" + CLOSING


def _cited(sources: tuple[str, ...]) -> str:
    """`article ¶14` (or the record's id) of a figure's first source."""
    from game.scenario.provenance import parse_source

    return parse_source(sources[0]).citation if sources else "the scenario"


def keys_markdown() -> str:
    """The keys of the main screen, the map and the app, from their bindings."""
    from game.ui.app import CorridorApp
    from game.ui.screens.main import MainScreen
    from game.ui.widgets.map import CorridorMap

    def table(title: str, bindings: list[BindingType]) -> str:
        rows = []
        for b in bindings:
            if not isinstance(b, Binding):
                continue
            keys = " / ".join(_key_name(k) for k in b.key.split(","))
            rows.append(f"| `{keys}` | {b.description} |")
        return f"### {title}\n\n| Key | Does |\n|---|---|\n" + "\n".join(rows) + "\n"

    return "\n".join(
        [
            "## Keys",
            "Everything works from the keyboard; the mouse works where it is natural "
            "(click a place on the map, a tab, a button). `ctrl+p` or `:` opens the command "
            "palette.\n",
            table("Game", MainScreen.BINDINGS),
            table("Map (when it has the focus)", CorridorMap.BINDINGS),
            table("Anywhere", CorridorApp.BINDINGS),
            "In dialogs: `tab` moves between fields, `enter` confirms, `escape` cancels.",
        ]
    )


def _key_name(key: str) -> str:
    return {
        "question_mark": "?",
        "space": "space",
        "left_square_bracket": "[",
        "right_square_bracket": "]",
        "slash": "/",
        "delete": "del",
        "colon": ":",
    }.get(key, key)


def legend_markdown(scenario: Scenario | None) -> str:
    """The map's symbols, with the scenario's faction names."""
    attacker = defender = None
    if scenario is not None:
        for f in scenario.factions:
            if f.role.value == "attacker" and attacker is None:
                attacker = f.name
            if f.role.value == "defender" and defender is None:
                defender = f.name
    words = dict(glyphs.LEGEND)
    if attacker:
        words[glyphs.HELD_ATTACKER] = f"held by {attacker}"
    if defender:
        words[glyphs.HELD_DEFENDER] = f"held by {defender}"
    rows = "\n".join(f"| `{sym}` | {text} |" for sym, text in words.items())
    return (
        "## The map\n\nPlaces sit at their real coordinates, stretched to fit the screen. "
        "Every colour repeats a symbol, so nothing depends on colour alone.\n\n"
        f"| Symbol | Means |\n|---|---|\n{rows}\n\n"
        "Arrows show where people moved during the last day, on the road they took. The front "
        "line is drawn between places held by different sides. The selected place is shown in "
        "reverse video with its full name."
    )


def orders_markdown(scenario: Scenario | None) -> str:
    """The orders and what each costs in this scenario."""
    lines = ["## Orders\n", "| Order | Key | Cost |", "|---|---|---|"]
    keys = {
        "convoy": "c",
        "shelter": "s",
        "pause": "p",
        "corridor": "o",
        "evacuate": "e",
        "appeal": "a",
    }
    for kind, text in ORDER_WORDS.items():
        cost = "—"
        if scenario is not None and kind in scenario.player.costs:
            c = scenario.player.costs[kind]
            parts = [
                f"${c.funds}k" if c.funds else "",
                fmt.count(c.trucks, "truck") if c.trucks else "",
                f"{c.leverage} leverage" if c.leverage else "",
                fmt.count(c.days, "day") if c.days else "",
            ]
            cost = ", ".join(p for p in parts if p) or "free"
        lines.append(f"| {text} | `{keys[kind]}` | {cost} |")
    lines.append(
        "\nEach dialog shows the cost and the expected effect before you commit; "
        "queued orders can be cancelled until you end the turn."
    )
    return "\n".join(lines)


class HelpScreen(ModalScreen[None]):
    """Tabs: Keys, Rules, Orders, Map, Not modelled. Escape or q closes."""

    CSS_PATH: ClassVar = Path(__file__).with_name("help.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,f1,question_mark", "close", "Close", id="help.close"),
        Binding("tab", "next_tab", "Next page", priority=True, id="help.next"),
        Binding("right", "next_tab", "Next page", show=False, priority=True, id="help.right"),
        Binding(
            "shift+tab,left",
            "previous_tab",
            "Previous page",
            show=False,
            priority=True,
            id="help.prev",
        ),
        Binding("up", "scroll(-1)", "Up", group=SCROLL_KEYS, priority=True, id="help.up"),
        Binding("down", "scroll(1)", "Down", group=SCROLL_KEYS, priority=True, id="help.down"),
        Binding("pageup", "scroll(-10)", "Page up", show=False, priority=True, id="help.pgup"),
        Binding("pagedown", "scroll(10)", "Page down", show=False, priority=True, id="help.pgdn"),
    ]

    def __init__(self, scenario: Scenario | None = None) -> None:
        super().__init__()
        self.scenario = scenario

    def compose(self) -> ComposeResult:
        pages = (
            ("Keys", "help-keys", keys_markdown()),
            ("Rules", "help-rules", rules_markdown(self.scenario)),
            ("Orders", "help-orders", orders_markdown(self.scenario)),
            ("Map", "help-map", legend_markdown(self.scenario)),
            ("Not modelled", "help-not-modelled", not_modelled_markdown(self.scenario)),
        )
        with TabbedContent(id="help-tabs", initial="help-keys"):
            for title, page_id, text in pages:
                with TabPane(title, id=page_id), VerticalScroll(classes="help-page"):
                    yield Markdown(text)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(".help-page", VerticalScroll).focus()

    def _page(self) -> VerticalScroll:
        tabs = self.query_one(TabbedContent)
        return tabs.query_one(f"#{tabs.active} .help-page", VerticalScroll)

    def action_scroll(self, lines: int) -> None:
        """Scroll the page shown (the key table and the rules are longer than a screen)."""
        self._page().scroll_relative(y=lines, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)

    def _tab_ids(self) -> list[str]:
        return ["help-keys", "help-rules", "help-orders", "help-map", "help-not-modelled"]

    def action_next_tab(self) -> None:
        self._turn_page(1)

    def action_previous_tab(self) -> None:
        self._turn_page(-1)

    def _turn_page(self, step: int) -> None:
        tabs = self.query_one(TabbedContent)
        ids = self._tab_ids()
        tabs.active = ids[(ids.index(tabs.active) + step) % len(ids)]
        self._page().focus()
