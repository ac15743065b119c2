"""What the title screen shows of a scenario, readable without loading the whole scenario.

`corridor` opens on the title screen; loading and validating the full scenario (and importing
the loader) would delay the first screen, so `peek()` reads only the file's `meta:` and
`difficulties:` blocks, and the app loads the full scenario once the title is on screen.
A file `peek()` cannot read returns None: the full load then reports what is wrong.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.scenario.model import Scenario


@dataclass(frozen=True, slots=True)
class Preset:
    id: str
    name: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class TitleCard:
    """The scenario's title, dates, briefing and difficulty presets."""

    scenario_id: str
    title: str
    start_date: dt.date
    turns: int
    turn_days: int
    briefing: str
    difficulties: tuple[Preset, ...] = ()

    @property
    def end_date(self) -> dt.date:
        return self.start_date + dt.timedelta(days=self.turn_days * (self.turns - 1))

    @classmethod
    def from_scenario(cls, scenario: Scenario) -> TitleCard:
        meta = scenario.meta
        return cls(
            scenario_id=meta.id,
            title=meta.title,
            start_date=meta.start_date,
            turns=meta.turns,
            turn_days=meta.turn_days,
            briefing=meta.briefing or meta.description,
            difficulties=tuple(Preset(d.id, d.name, d.description) for d in scenario.difficulties),
        )


def _block(lines: list[str], key: str) -> list[str] | None:
    """The lines of the top-level block `key:` (its first line and the indented lines after)."""
    start = None
    for i, line in enumerate(lines):
        if start is None:
            if line.startswith(f"{key}:"):
                start = i
        elif line.strip() and not line[0].isspace() and not line.startswith("#"):
            return lines[start:i]
    return lines[start:] if start is not None else None


def _uncomment(text: str) -> str:
    """`text` without a trailing ` # comment` (outside quotes)."""
    quote = None
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or text[i - 1].isspace()):
            return text[:i].rstrip()
    return text.strip()


def _scalar(text: str) -> str:
    text = _uncomment(text).strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        import json

        return json.loads(text)
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1].replace("''", "'")
    if text[:1] in "[{&*!|>%@`":
        raise ValueError(f"not a plain scalar: {text!r}")
    return text


def _mapping(lines: list[str]) -> dict[str, str]:
    """A block mapping of scalars (plain, quoted, or `>`/`|` block scalars), one level deep."""
    out: dict[str, str] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, sep, rest = line.strip().partition(":")
        if not sep:
            raise ValueError(f"not a mapping line: {line!r}")
        indent = len(line) - len(line.lstrip())
        head = _uncomment(rest)
        if head[:1] in (">", "|"):
            body = []
            while i < len(lines) and (
                not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent
            ):
                body.append(lines[i].strip())
                i += 1
            if head[0] == ">":
                text = " ".join(b if b else "\n" for b in body).replace(" \n ", "\n")
            else:
                text = "\n".join(body)
            out[key] = text.strip() if head.endswith("-") else text.strip() + "\n"
        else:
            out[key] = _scalar(rest)
    return out


def _flow_items(lines: list[str]) -> list[dict[str, str]]:
    """A block list of one-line-or-more flow mappings: `- {id: a, name: "A"}`."""
    items: list[str] = []
    for line in lines:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("- "):
            items.append(stripped[2:])
        elif items:
            items[-1] += " " + stripped
        else:
            raise ValueError("not a list")
    out = []
    for item in items:
        item = _uncomment(item)
        if not (item.startswith("{") and item.endswith("}")):
            raise ValueError("not a flow mapping")
        fields: dict[str, str] = {}
        part, quote, parts = "", None, []
        for ch in item[1:-1]:
            if quote:
                quote = None if ch == quote else quote
            elif ch in "\"'":
                quote = ch
            elif ch == ",":
                parts.append(part)
                part = ""
                continue
            part += ch
        parts.append(part)
        for p in parts:
            if p.strip():
                k, sep, v = p.partition(":")
                if not sep:
                    raise ValueError(f"not a key: value pair: {p!r}")
                fields[k.strip()] = _scalar(v)
        out.append(fields)
    return out


def _read(text: str) -> TitleCard:
    lines = text.splitlines()
    meta_lines = _block(lines, "meta")
    if meta_lines is None:
        raise ValueError("no meta block")
    meta = _mapping(meta_lines[1:])
    presets: tuple[Preset, ...] = ()
    diff_lines = _block(lines, "difficulties")
    if diff_lines is not None:
        presets = tuple(
            Preset(d["id"], d.get("name", d["id"]), d.get("description", ""))
            for d in _flow_items(diff_lines[1:])
        )
    return TitleCard(
        scenario_id=meta["id"],
        title=meta["title"],
        start_date=dt.date.fromisoformat(meta["start_date"]),
        turns=int(meta["turns"]),
        turn_days=int(meta.get("turn_days", 1)),
        briefing=meta.get("briefing") or meta.get("description") or "",
        difficulties=presets,
    )


def peek(path: str | Path) -> TitleCard | None:
    """The title card of the scenario file at `path`, read without a YAML library (the subset
    scenario files use for `meta:` and `difficulties:`), or None if the file does not read that
    simply: the full loader then says what is wrong. The app checks the card against the
    loaded scenario and corrects the title screen if they differ."""
    try:
        return _read(Path(path).read_text(encoding="utf-8"))
    except Exception:  # anything unexpected: the full load reports it properly
        return None
