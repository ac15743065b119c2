"""The figures as CSV (`corridor simulate --csv`): a header, an optional row of HXL hashtags,
one row per turn, written through the one output writer (`game.saves.output`), streamed."""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from typing import Any


def csv_text(rows: Sequence[Sequence[Any]], hxl: bool = False, extra: Sequence[str] = ()) -> str:
    """The CSV: header (CSV_COLUMNS first), optional HXL hashtag row, one row per turn."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in _csv_head(hxl, extra):
        writer.writerow(row)
    writer.writerows(rows)
    return buffer.getvalue()


def _csv_head(
    hxl: bool, extra: Sequence[str], layout: tuple[Sequence[str], Mapping[str, str]] | None = None
) -> list[Sequence[str]]:
    """The header row (and HXL row): the per-turn figures' columns, or `layout`'s (columns,
    hashtags), then `extra`."""
    if layout is None:
        from game.engine.outcomes import ALL_COLUMNS, HXL_TAGS

        layout = (ALL_COLUMNS, HXL_TAGS)
    columns = (*layout[0], *extra)
    head: list[Sequence[str]] = [columns]
    if hxl:
        head.append([layout[1].get(c, "") for c in columns])
    return head


def write_csv(
    target: str, rows: Sequence[Sequence[Any]], hxl: bool = False, extra: Sequence[str] = ()
) -> None:
    """Write to `target` ('-' = stdout) through the one output writer (`game.saves.output`)."""
    from game.saves.output import write_output

    write_output(target, csv_text(rows, hxl=hxl, extra=extra).encode("utf-8"))


class CsvStream:
    """CSV rows written as they come, through the output writer's sink, in chunks of ~64 KB:
    a long game's or many games' rows are never all in memory."""

    CHUNK = 64 * 1024

    def __init__(
        self,
        sink: Any,
        hxl: bool,
        extra: Sequence[str],
        layout: tuple[Sequence[str], Mapping[str, str]] | None = None,
    ) -> None:
        self.sink = sink
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\n")
        self.writer.writerows(_csv_head(hxl, extra, layout))

    def row(self, values: Sequence[Any]) -> None:
        self.writer.writerow(values)
        if self.buffer.tell() >= self.CHUNK:
            self.flush()

    def rows(self, rows: Sequence[Sequence[Any]]) -> None:
        for values in rows:
            self.row(values)

    def flush(self) -> None:
        self.sink.write(self.buffer.getvalue().encode("utf-8"))
        self.buffer.seek(0)
        self.buffer.truncate()


@contextlib.contextmanager
def csv_output(
    target: str | None,
    hxl: bool,
    extra: Sequence[str] = (),
    layout: tuple[Sequence[str], Mapping[str, str]] | None = None,
) -> Iterator[Any]:
    """A `CsvStream` into `target` (in place when the block ends well), or None without one.
    `layout` gives other columns and hashtags than the per-turn figures'."""
    if target is None:
        yield None
        return
    from game.saves.output import open_output

    with open_output(target) as sink:
        table = CsvStream(sink, hxl, extra, layout)
        yield table
        table.flush()
