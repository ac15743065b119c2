"""Entry points: a scenario file, text or bytes in, a validated `Scenario` out.

Every failure is a `ScenarioError` whose diagnostics name the file, line and column.
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from game.errors import Diagnostic, ScenarioError
from game.scenario.loader import MAX_BYTES, load_nodes
from game.scenario.model import Scenario
from game.scenario.validate import validate
from game.scenario.yaml_text import source_lines


def load_scenario(
    path: str | os.PathLike[str], *, warnings: list[Diagnostic] | None = None
) -> Scenario:
    """Read, check and build the scenario at `path` (`Scenario.path` is `str(path)`). With a
    `warnings` list, the file's likely mistakes are added to it (see `game.scenario.lint`)."""
    name = str(path)
    return load_scenario_bytes(read_bytes(Path(path), name), name, path=name, warnings=warnings)


def load_scenario_text(text: str, name: str = "<scenario>") -> Scenario:
    """The same from text (saves embed a scenario's text); `name` is used in messages."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ScenarioError(
            [
                Diagnostic(
                    name,
                    f"the text cannot be encoded as UTF-8 ({error.reason})",
                    hint="remove the stray surrogate characters",
                )
            ]
        ) from None
    return load_scenario_bytes(data, name)


def load_scenario_bytes(
    data: bytes,
    name: str,
    path: str | None = None,
    *,
    warnings: list[Diagnostic] | None = None,
) -> Scenario:
    """The same from raw bytes; `text_hash` is the sha256 of exactly these bytes."""
    with _gc_paused():  # the tree is acyclic; collecting while building it only costs time
        root, diagnostics = load_nodes(data, name)
        digest = hashlib.sha256(data).hexdigest()
        return validate(
            root,
            name,
            diagnostics,
            path=path,
            text_hash=digest,
            source=lambda: source_lines(data),
            warnings=warnings,
        )


@contextmanager
def _gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_bytes(path: Path, name: str) -> bytes:
    """A file's bytes, refusing missing, unreadable and oversized files with a clear message."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ScenarioError(
            [Diagnostic(name, "no such file", hint=_not_found_hint(path))]
        ) from None
    except IsADirectoryError:
        raise ScenarioError(
            [
                Diagnostic(
                    name,
                    "this is a directory, not a scenario file",
                    hint="give the path of a .yaml file",
                )
            ]
        ) from None
    except PermissionError:
        raise ScenarioError(
            [Diagnostic(name, "permission denied", hint="check the file's permissions")]
        ) from None
    except OSError as error:
        raise ScenarioError(
            [
                Diagnostic(
                    name, f"cannot read the file: {error.strerror or error}", hint="check the path"
                )
            ]
        ) from None
    if len(data) > MAX_BYTES:
        raise ScenarioError(
            [
                Diagnostic(
                    name,
                    f"the file is too large (more than {MAX_BYTES:,} bytes)",
                    hint="a scenario is a few hundred kilobytes; check that this is the right file",
                )
            ]
        )
    return data


def _not_found_hint(path: Path) -> str:
    if path.suffix not in (".yaml", ".yml"):
        return "give a scenario file path, or the name of a bundled scenario such as `idlib`"
    return "check the path (it is relative to the current directory)"
