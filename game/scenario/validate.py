"""Validate a composed scenario tree and build the frozen `Scenario`, reporting every problem.

The walk over the format's tables (`spec.py`) checks types, keys and ranges; the cross-checks
(`crosscheck.py`) then check references, citations, exits, dates and parameters. Any diagnostic
at all (including the loader's) means a `ScenarioError` listing all of them in file order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import MappingProxyType
from typing import Any

from game.errors import Diagnostic, ScenarioError
from game.scenario import crosscheck
from game.scenario.checker import Checker
from game.scenario.model import Scenario
from game.scenario.nodes import INVALID, Map
from game.scenario.spec import SCENARIO


def validate(
    root: Map,
    file: str,
    prior: Iterable[Diagnostic] = (),
    path: str | None = None,
    text_hash: str | None = None,
    source: Callable[[], list[str]] | None = None,
) -> Scenario:
    """Check `root` against the format; returns the Scenario or raises ScenarioError.
    `source` gives the file's lines, read only to word some messages."""
    ck = Checker(file, source=source)
    ck.note_prior(prior)
    values = SCENARIO.check(root, ck, "")
    crosscheck.run_all(ck, root)
    if ck.diagnostics or values is INVALID:
        raise ScenarioError(ck.sorted_diagnostics())
    return _scenario(values, path, text_hash)


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
