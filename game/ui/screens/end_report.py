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
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Static, TabbedContent, TabPane

from game.app import campaign
from game.ui.support import format as fmt
from game.ui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from game.ui.screens.main import GameView

CHARTS = (
    ("unsheltered", "Displaced people without shelter"),
    ("harmed_estimate", "People harmed, cumulative (model estimate)"),
    ("trapped", "People trapped (no way out)"),
    ("reached_person_days", "Aid reaching people, cumulative person-days"),
)
TAB_IDS = ("end-summary", "end-charts", "end-epilogue", "end-sources")


class EndReportScreen(Screen[None]):
    """Tabs: Summary, Charts, Epilogue, Sources. Escape goes back to the map."""

    CSS_PATH: ClassVar = Path(__file__).with_name("end_report.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back to the map", id="end.back"),
        Binding("1", "tab(0)", "Summary", show=False, id="end.summary"),
        Binding("2", "tab(1)", "Charts", show=False, id="end.charts"),
        Binding("3", "tab(2)", "Epilogue", show=False, id="end.epilogue"),
        Binding("4", "tab(3)", "Sources", show=False, id="end.sources"),
        Binding("x", "export", "Export", id="end.export"),
        Binding("q", "app.quit", "Quit", id="end.quit"),
    ]

    def __init__(self, view: GameView) -> None:
        """`view` needs, besides the main screen's, `seed` and `initial_state` (a
        `GameSession` has both)."""
        super().__init__()
        self.view = view
        self.scenario = view.scenario
        record, baseline, self.score = campaign.compare(view)
        self.seed = record.seed
        self.mine = list(record.figures)
        self.base = list(baseline.figures)
        self.first: Any = record.initial

    # --- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        meta = self.scenario.meta
        yield Static(
            f"[b $accent]End of the campaign[/] · {escape(meta.title)} · {len(self.mine)} days "
            f"played · compared with the same days without any order (seed {self.seed})",
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
                f"{campaign.verdict(m, a, b)}"
            )
        out.append("")
        out.append(
            "[dim]▲ better / ▼ worse for the people concerned, against the same days "
            "without any order. Harm figures are estimates of the model, not counts.[/]"
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
        )
        try:
            directory = ensure_saves_dir(self.app.resolved_saves_dir())  # type: ignore[attr-defined]
            path = directory / f"report-{file_safe(self.scenario.meta.id)}-{self.seed}.md"
            write_atomic(path, text.encode("utf-8"))
        except (CorridorError, OSError) as error:
            message = error.format() if isinstance(error, CorridorError) else str(error)
            self.notify(f"Could not write the report: {message}", severity="error")
            return
        self.notify(f"Report written to {path}", timeout=6)

    def palette_commands(self):
        from functools import partial

        return [
            ("Export the end report (Markdown)", self.action_export, "Into the saves folder (x)"),
            ("Summary", partial(self.action_tab, 0), "You against no orders"),
            ("Charts", partial(self.action_tab, 1), "Figures over the turns"),
            ("Epilogue", partial(self.action_tab, 2), "What became of each place"),
            ("Sources", partial(self.action_tab, 3), "Where the facts come from"),
            ("Back to the map", self.action_back, "Escape"),
        ]
