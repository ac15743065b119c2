"""Validate a composed scenario tree and build the frozen `Scenario`, reporting every problem.

The walk over the format's tables (`spec.py`) checks types, keys and ranges; the cross-checks
(`crosscheck.py`) then check references, citations, exits, dates and parameters. Any diagnostic
at all (including the loader's) means a `ScenarioError` listing all of them in file order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from types import MappingProxyType
from typing import Any

from game.errors import Diagnostic, ScenarioError
from game.scenario import crosscheck, lint
from game.scenario.checker import Checker
from game.scenario.model import Scenario
from game.scenario.nodes import INVALID, Map, Node, Seq
from game.scenario.spec import SCENARIO


def validate(
    root: Map,
    file: str,
    prior: Iterable[Diagnostic] = (),
    path: str | None = None,
    text_hash: str | None = None,
    source: Callable[[], list[str]] | None = None,
    warnings: list[Diagnostic] | None = None,
) -> Scenario:
    """Check `root` against the format; returns the Scenario or raises ScenarioError.
    `source` gives the file's lines, read only to word some messages. With a `warnings` list,
    the likely mistakes of a valid file (`lint.warnings`) are added to it, in file order."""
    ck = Checker(file, source=source)
    ck.note_prior(prior)
    values = SCENARIO.check(root, ck, "")
    crosscheck.run_all(ck, root)
    if ck.diagnostics or values is INVALID:
        raise ScenarioError(ck.sorted_diagnostics())
    scenario = _scenario(values, path, text_hash)
    refused = [_diagnostic(root, file, found, "error") for found in lint.refusals(scenario)]
    if refused:
        raise ScenarioError(sorted(refused, key=_order))
    if warnings is not None:
        found = [_diagnostic(root, file, f, "warning") for f in lint.warnings(scenario)]
        warnings.extend(sorted(found, key=_order))
    return scenario


def _order(diagnostic: Diagnostic) -> tuple[int, int]:
    return diagnostic.line or 0, diagnostic.column or 0


def _diagnostic(root: Map, file: str, found: lint.Finding, severity: str) -> Diagnostic:
    """A finding at the line and column of the value its key path names."""
    node = node_at(root, found.path)
    line, column = (node.line, node.column) if node is not None else (None, None)
    return Diagnostic(file, found.message, line, column, found.hint, found.path, severity)


def node_at(root: Node, path: str) -> Node | None:
    """The node a key path names (`timeline[2].effects[0].capture.faction`), or None."""
    node: Node | None = root
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if isinstance(node, Seq) and part.startswith("["):
            index = int(part[1:-1])
            node = node.items[index] if index < len(node.items) else None
        elif isinstance(node, Map):
            node = node.get(part)
        else:
            return None
    return node


def _scenario(values: dict[str, Any], path: str | None, text_hash: str | None) -> Scenario:
    figures = values.get("figures", ())
    return Scenario(
        meta=values["meta"],
        sources=values["sources"],
        factions=values["factions"],
        locations=values["locations"],
        roads=values["roads"],
        timeline=values["timeline"],
        player=values["player"],
        model=values["model"],
        figures=MappingProxyType({f.id: f for f in figures}),
        difficulties=values.get("difficulties", ()),
        path=path,
        text_hash=text_hash,
    )
