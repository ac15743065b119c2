"""The end of the campaign: the player's game against the same game without orders (same
seed), charts of the figures over time, an epilogue per place, and the sources.

No victory screen: a sober comparison, harm marked as model estimates throughout.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static, TabbedContent, TabPane

from game.app import campaign
from game.inert import markup_escape as escape
from game.text import format as fmt
from game.ui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from game.ui.app import CorridorApp
    from game.ui.support.game_view import GameView

CHARTS = (
    ("unsheltered", "Displaced people without shelter"),
    ("harmed_estimate", "People harmed, cumulative (model estimate)"),
    ("trapped", "People trapped (no way out)"),
    ("reached_person_days", "Aid reaching people, cumulative person-days"),
)
TAB_IDS = ("end-summary", "end-charts", "end-epilogue", "end-sources")
PAGE_KEYS = Binding.Group("Pages", compact=True)
SCROLL_KEYS = Binding.Group("Scroll", compact=True)


class EndReportScreen(Screen[None]):
    """Tabs: Summary, Charts, Epilogue, Sources. Escape goes back to the map."""

    CSS_PATH: ClassVar = Path(__file__).with_name("end_report.tcss")

    app: CorridorApp

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Map", tooltip="Back to the map", id="end.back"),
        Binding("tab", "step(1)", "Next page", priority=True, id="end.next"),
        Binding("right", "step(1)", "Next page", show=False, priority=True, id="end.right"),
        Binding("shift+tab,left", "step(-1)", "Previous", show=False, priority=True, id="end.prev"),
        *(
            Binding(str(i + 1), f"tab({i})", words, group=PAGE_KEYS, tooltip=tip, id=f"end.{i}")
            for i, (words, tip) in enumerate(
                (
                    ("Summary", "End report: you against no orders"),
                    ("Charts", "End report: the figures over the turns"),
                    ("Epilogue", "End report: what became of each place"),
                    ("Sources", "End report: where the facts come from"),
                )
            )
        ),
        Binding("up", "scroll(-1)", "Up", group=SCROLL_KEYS, priority=True, id="end.up"),
        Binding("down", "scroll(1)", "Down", group=SCROLL_KEYS, priority=True, id="end.down"),
        Binding("pageup", "scroll(-10)", "Page up", show=False, priority=True, id="end.pgup"),
        Binding("pagedown", "scroll(10)", "Page down", show=False, priority=True, id="end.pgdn"),
        Binding(
            "x", "export", "Export", tooltip="Export the end report (Markdown)", id="end.export"
        ),
        Binding("q", "app.quit", "Quit", tooltip="Quit Corridor", id="end.quit"),
    ]

    def __init__(self, view: GameView) -> None:
        """`view` needs, besides the main screen's, `seed` and `initial_state` (a
        `GameSession` has both)."""
        super().__init__()
        self.view = view
        self.scenario = view.scenario
        record, baseline, self.score = campaign.compare(view)
        self.seed = record.seed
        self.noise = campaign.noise(
            self.scenario, record.seed, max(record.turns, 1), record.difficulty
        )
        self.mine = list(record.figures)
        self.base = list(baseline.figures)
        self.first: Any = record.initial

    # --- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        meta = self.scenario.meta
        yield Static(
            f"[b $accent]End of the campaign[/] · {escape(meta.title)} · "
            f"{fmt.count(len(self.mine), 'day')} played · compared with the same days "
            f"without any order (seed {self.seed})",
            id="end-title",
        )
        with TabbedContent(id="end-tabs", initial="end-summary"):
            with TabPane("Summary", id="end-summary"), VerticalScroll():
                yield Static(self.summary_markup(), id="end-summary-text")
            with TabPane("Charts", id="end-charts"), VerticalScroll(id="end-charts-scroll"):
                yield from self._charts()
            with TabPane("Epilogue", id="end-epilogue"), VerticalScroll():
                yield Static(self.epilogue_markup(), id="end-epilogue-text")
            with TabPane("Sources", id="end-sources"), VerticalScroll():
                yield Static(self.sources_markup(), id="end-sources-text")
        yield KeyBar()

    def summary_markup(self) -> str:
        """The comparison table: measure, you, without orders, which is better for people."""
        if not self.mine or not self.base:
            return "No turn was played."
        rows = campaign.comparison_rows(self.mine[-1], self.base[-1])
        width = max(len(m.label) + (11 if m.estimate else 0) for m, _, _ in rows)
        head = f"{'':<{width}}  {'You':>10}  {'No orders':>10}"
        out = [f"[b]{head}[/]"]
        for m, a, b in rows:
            label = m.label + (" (estimate)" if m.estimate else "")
            out.append(
                f"{escape(label):<{width}}  {fmt.people(a):>10}  {fmt.people(b):>10}  "
                f"{campaign.verdict(m, a, b, self.noise[m.name])}"
            )
        out.append("")
        out.append(
            f"[dim]Against the same days without any order. {escape(campaign.noise_note())} "
            "Harm figures are estimates of the model, not counts.[/]"
        )
        out.append("")
        out.extend(escape(line) for line in self.score.lines())
        return "\n".join(out)

    def _charts(self):
        from textual_plotext import PlotextPlot

        for name, title in CHARTS:
            plot = PlotextPlot(classes="end-chart", id=f"chart-{name}")
            plt = plot.plt
            mine = [campaign.value(r, name) for r in self.mine]
            base = [campaign.value(r, name) for r in self.base]
            turns = list(range(1, len(mine) + 1))
            plt.plot(turns, mine, label="you", marker="●")
            plt.plot(list(range(1, len(base) + 1)), base, label="no orders", marker="×")
            plt.title(title)
            plt.xlabel("turn")
            step = max(1, len(turns) // 6)
            plt.xticks(turns[::step])
            values = mine + base
            if values:
                lo, hi = min(values), max(values)
                ticks = [lo + (hi - lo) * k / 3 for k in range(4)] if hi > lo else [lo]
                plt.yticks(ticks, [fmt.compact(t) for t in ticks])
            yield plot

    def epilogue_markup(self) -> str:
        lines = []
        for name, text in campaign.epilogue(self.scenario, self.first, self.view.state):
            lines.append(f"[b]{escape(name)}[/]: {escape(text)}")
        return "\n".join(lines) or "Nothing to report."

    def sources_markup(self) -> str:
        lines = [f"• {escape(line)}" for line in campaign.sources_lines(self.scenario)]
        lines.append("")
        lines.append(
            "[dim]Every fact in the scenario names its source: article ¶N for a "
            "paragraph of the seed article, a source id for a public record, or "
            "'assumption' with its reason. The log cites them turn by turn.[/]"
        )
        return "\n".join(lines)

    # --- actions --------------------------------------------------------------------------------

    def action_tab(self, index: int) -> None:
        self.query_one("#end-tabs", TabbedContent).active = TAB_IDS[index]

    def action_step(self, step: int) -> None:
        """The next (or previous) page, round the four."""
        tabs = self.query_one("#end-tabs", TabbedContent)
        index = TAB_IDS.index(tabs.active) if tabs.active in TAB_IDS else 0
        self.action_tab((index + step) % len(TAB_IDS))

    def action_scroll(self, lines: int) -> None:
        """Scroll the page shown (its contents can be longer than the screen)."""
        tabs = self.query_one("#end-tabs", TabbedContent)
        page = tabs.query_one(f"#{tabs.active} VerticalScroll", VerticalScroll)
        page.scroll_relative(y=lines, animate=False)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        """Write the report as Markdown into the saves directory."""
        from game.errors import CorridorError
        from game.saves.atomic import write_atomic
        from game.saves.names import ensure_saves_dir, file_safe

        text = campaign.report_text(
            self.scenario,
            self.seed,
            self.mine,
            self.base,
            self.first,
            self.view.state,
            self.score.lines(),
            self.noise,
        )
        try:
            directory = ensure_saves_dir(self.app.resolved_saves_dir())
            path = directory / f"report-{file_safe(self.scenario.meta.id)}-{self.seed}.md"
            write_atomic(path, text.encode("utf-8"))
        except (CorridorError, OSError) as error:
            message = error.format() if isinstance(error, CorridorError) else str(error)
            self.notify(f"Could not write the report: {message}", severity="error")
            return
        self.notify(f"Report written to {path}", timeout=6)
