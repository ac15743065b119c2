"""The starter scenario `corridor new FILE` writes: small, commented, every figure a marked
placeholder, valid without a warning and playable from the first turn (`starter.yaml`)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from game.scenario.fields import fixed_id


def starter_text(path: str) -> str:
    """The starter scenario for a file at `path`: its id from the file's name."""
    template = resources.files("game.scenario").joinpath("starter.yaml").read_text("utf-8")
    shown = "".join(c for c in path if c.isprintable())  # it goes into comments
    stem = Path(path).stem or "my_scenario"
    scenario_id = fixed_id(stem)
    words = "".join(c if c.isalnum() or c in " ,.'()" else " " for c in stem)
    title = " ".join(words.split()).capitalize() or "My scenario"
    return template.replace("{file}", shown).replace("{id}", scenario_id).replace("{title}", title)
