"""How figures, dates and sources read on screen: one place for the game's wording of numbers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

_ARTICLE = re.compile(r"^\s*article\s*¶\s*(\d+)", re.IGNORECASE)


def people(n: float | int | None) -> str:
    """A count of people with thousands separators (`12,300`); `—` when unknown."""
    if n is None:
        return "—"
    return f"{round(n):,}"


def count(n: float | int, singular: str, plural: str | None = None) -> str:
    """A number with its unit, in agreement: `1 day`, `2 days`, `0 days`, `1,200 people`."""
    word = singular if round(n) == 1 else (plural or singular + "s")
    return f"{people(n)} {word}"


def compact(n: float | int | None) -> str:
    """A short count for tight spaces: 950, 12.3k, 358k, 1.2M."""
    if n is None:
        return "—"
    v = abs(n)
    sign = "-" if n < 0 else ""
    if v < 1000:
        return f"{sign}{round(v)}"
    if v < 10_000:
        return f"{sign}{v / 1000:.1f}k"
    if v < 1_000_000:
        return f"{sign}{round(v / 1000)}k"
    return f"{sign}{v / 1_000_000:.1f}M"


def delta(n: float | int | None) -> str:
    """A signed change (`+1,200`, `-300`, `±0`)."""
    if n is None:
        return ""
    n = round(n)
    if n == 0:
        return "±0"
    return f"{n:+,}"


def money(thousands: float | int) -> str:
    """Funds are counted in thousand USD: `$480k`, `$1.2M`."""
    if abs(thousands) >= 1000:
        return f"${thousands / 1000:.1f}M"
    return f"${round(thousands)}k"


def percent(fraction: float | None) -> str:
    """0.42 -> `42%`."""
    if fraction is None:
        return "—"
    return f"{round(fraction * 100)}%"


def day(date: dt.date, *, year: bool = True) -> str:
    """`Fri 24 Jan 2020` (`Fri 24 Jan` without the year)."""
    return f"{date:%a} {date.day} {date:%b %Y}" if year else f"{date:%a} {date.day} {date:%b}"


def short_day(date: dt.date) -> str:
    """`24 Jan`."""
    return f"{date.day} {date:%b}"


def citation(source: str | None) -> str | None:
    """The short form of a provenance string, for the log: `article ¶7`, `ocha_hu_08`,
    `assumption`; None when there is none."""
    if not source:
        return None
    m = _ARTICLE.match(source)
    if m:
        return f"article ¶{m.group(1)}"
    head = source.split(":", 1)[0].strip()
    return head or None


def citations(sources: Iterable[str]) -> str:
    """Several provenance strings as one short, de-duplicated list: `article ¶3, ¶7; ocha_hu_08`."""
    paragraphs: list[str] = []
    others: list[str] = []
    for s in sources:
        c = citation(s)
        if c is None:
            continue
        if c.startswith("article ¶"):
            p = c.removeprefix("article ")
            if p not in paragraphs:
                paragraphs.append(p)
        elif c not in others:
            others.append(c)
    parts = []
    if paragraphs:
        parts.append("article " + ", ".join(paragraphs))
    parts.extend(others)
    return "; ".join(parts)


def source_note(source: str) -> str:
    """The paraphrase part of a provenance string (after the first colon)."""
    _, _, note = source.partition(":")
    return note.strip() or source.strip()


_BARS = "▁▂▃▄▅▆▇█"


def spark(values: Iterable[float], width: int = 8) -> str:
    """The last `width` values as a row of bars, scaled from their own minimum to maximum
    (a flat series is a flat low row). Empty for fewer than two values."""
    vals = list(values)[-width:]
    if len(vals) < 2:
        return ""
    lo, hi = min(vals), max(vals)
    if hi == lo:
        return _BARS[0] * len(vals)
    top = len(_BARS) - 1
    return "".join(_BARS[round((v - lo) / (hi - lo) * top)] for v in vals)


def short_faction(name: str) -> str:
    """A faction's name without its qualifiers: `Opposition alliance dominated by HTS (...)`
    -> `Opposition alliance`."""
    cut = len(name)
    for sep in (" dominated", " and ", " (", ", "):
        i = name.find(sep)
        if 0 < i < cut:
            cut = i
    return name[:cut]
