"""Short names of places, for map labels and tight rows: parentheses dropped, long names
abbreviated by direction and kind (`Villages south of X` -> `S villages`)."""

from __future__ import annotations

import re

from game.scenario.model import Scenario

_DIRECTIONS = {
    "north": "N",
    "south": "S",
    "east": "E",
    "west": "W",
    "north-east": "NE",
    "north-west": "NW",
    "south-east": "SE",
    "south-west": "SW",
    "northern": "N",
    "southern": "S",
    "eastern": "E",
    "western": "W",
}
FULL_LABEL_MAX = 18  # longer names are shown in full only in the panel
_GENERIC = {"crossing", "camps", "camp", "city", "town", "region", "suburbs", "villages"}


def short_label(name: str) -> str:
    """A map label for a long name: parentheses dropped, `Villages south of X` -> `S villages`,
    `Western suburbs of X` -> `W X suburbs`, `X and nearby camps` -> `X camps`."""
    base = re.sub(r"\s*\(.*?\)", "", name).strip()
    words = base.split()
    lower = [w.lower() for w in words]
    if len(words) >= 3 and lower[0] in ("villages", "towns", "hamlets") and lower[1] in _DIRECTIONS:
        return f"{_DIRECTIONS[lower[1]]} {lower[0]}"
    if len(words) >= 3 and lower[0] in ("villages", "towns") and lower[1] == "on":
        road = words[3] if lower[2] == "the" and len(words) > 3 else words[2]
        return f"{road} {lower[0]}"
    if len(words) >= 4 and lower[0] in _DIRECTIONS and lower[2] == "of":
        return f"{_DIRECTIONS[lower[0]]} {words[3]} {lower[1]}"
    m = re.match(r"^(.+?) and nearby (\w+)$", base)
    if m:
        return f"{m.group(1)} {m.group(2)}"
    return base


def short_names(scenario: Scenario) -> dict[str, str]:
    """A short label per location (see `short_label`), cut to its first word when still long."""
    names: dict[str, str] = {}
    for loc in scenario.locations:
        label = short_label(loc.name)
        words = label.split()
        while len(label) > FULL_LABEL_MAX and len(words) > 1 and words[-1].lower() in _GENERIC:
            words.pop()
            label = " ".join(words)
        if len(label) > FULL_LABEL_MAX:
            label = words[0]
        names[loc.id] = label
    return names


def tiny_names(scenario: Scenario) -> dict[str, str]:
    """The shortest labels, for a crowded map: the first word of the short label, unless two
    places would then share it."""
    short = short_names(scenario)
    first = {lid: label.split()[0] for lid, label in short.items()}
    counts: dict[str, int] = {}
    for word in first.values():
        counts[word] = counts.get(word, 0) + 1
    return {
        lid: (first[lid] if counts[first[lid]] == 1 and len(first[lid]) > 2 else short[lid])
        for lid in short
    }
