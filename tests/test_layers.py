"""The layers import one way: ui/cli -> app -> replay/saves -> engine -> scenario.

Read from the source with `ast`, so that a lazy import inside a function counts as much as one
at the top of a module (docs/architecture.md describes the layers).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GAME = Path(__file__).resolve().parent.parent / "game"

# Each layer and the game packages it may import, besides itself and the shared top-level
# modules (errors, paths, turns, inert, the version).
ALLOWED: dict[str, set[str]] = {
    "scenario": set(),
    "engine": {"scenario"},
    "saves": {"engine", "scenario"},
    "replay": {"saves", "engine", "scenario"},
    "text": {"scenario"},
    "app": {"replay", "saves", "engine", "scenario", "text", "tools"},
    "tools": {"scenario"},
    "ui": {"app", "replay", "saves", "engine", "scenario", "text", "tools"},
    # the web shell (`corridor serve`): the terminal game's interface, served to browsers
    "web": {"ui", "app", "replay", "saves", "engine", "scenario", "text", "tools"},
    "commands": {"web", "ui", "app", "replay", "saves", "engine", "scenario", "text", "tools"},
}
SHARED = {"errors", "paths", "turns", "inert", "__version__", "__init__"}


def _imported_game_packages(path: Path) -> set[str]:
    """The second component of every `game.X...` module the file imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
            if node.module == "game":
                names = [f"game.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "game" and len(parts) > 1:
                found.add(parts[1])
    return found


def _layer_files() -> list[tuple[str, Path]]:
    return [
        (layer, path)
        for layer in sorted(ALLOWED)
        for path in sorted((GAME / layer).rglob("*.py"))
        if "__pycache__" not in path.parts
    ]


@pytest.mark.parametrize(
    ("layer", "path"), _layer_files(), ids=lambda value: getattr(value, "name", value)
)
def test_a_module_imports_only_the_layers_below_it(layer: str, path: Path) -> None:
    imported = _imported_game_packages(path) - SHARED - {layer}
    forbidden = imported - ALLOWED[layer]
    assert not forbidden, f"{path.relative_to(GAME.parent)} ({layer}) imports {sorted(forbidden)}"


def test_the_layer_table_names_every_package() -> None:
    packages = {p.name for p in GAME.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert packages == set(ALLOWED)
