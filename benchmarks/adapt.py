"""Calling benchmark modules other helpers own (bench_engine.py, bench_ui.py) whatever shape
their entry point has: a function returning a number, a dict of figures, or a `Section`."""

from __future__ import annotations

import importlib
import inspect
from typing import Any

from benchmarks.common import Section

ENTRY_NAMES = ("run", "measure", "main_figures", "bench")


def call_module(
    module_name: str, key: str, names: tuple[str, ...] = ENTRY_NAMES, **kwargs: Any
) -> tuple[dict[str, Any], str | None]:
    """Figures from `module_name`'s entry point as a dict, or ({}, reason) if it is missing.
    Keyword arguments are passed only where the entry point accepts them."""
    try:
        module = importlib.import_module(module_name)
    except ImportError as error:
        return {}, f"{module_name} not available ({error})"
    for name in (key, *names):
        fn = getattr(module, name, None)
        if callable(fn):
            break
    else:
        return {}, f"{module_name} has no entry point ({', '.join((key, *names))})"
    params = inspect.signature(fn).parameters
    accepted = {k: v for k, v in kwargs.items() if k in params}
    result = fn(**accepted)
    if isinstance(result, Section):
        return {f.key: f.value for f in result.figures} | dict(result.extra), None
    if isinstance(result, dict):
        return result, None
    if isinstance(result, (int, float)):
        return {key: float(result)}, None
    return {}, f"{module_name}.{fn.__name__} returned {type(result).__name__}"
