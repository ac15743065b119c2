"""Errors a user can cause (a broken scenario or save, a bad path), with where and how to fix.

The CLI turns a `CorridorError` into messages on stderr and exit status 2, in one place
(`game.cli.main`); nothing user-caused should ever reach the user as a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.inert import inert

EXIT_USER_ERROR = 2


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem in one file: where it is, what is wrong, how to fix it."""

    file: str
    message: str
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    hint: str | None = None
    key: str | None = None  # dotted path of the offending key, e.g. locations[3].population
    severity: str = "error"  # or "warning": a likely mistake that does not stop the file

    def format(self) -> str:
        """`file:line:column: error: message` (or `warning:`) then an indented hint, like a
        compiler; text from files is shown inert (control characters escaped, `game.inert`)."""
        where = inert(self.file)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        text = f"{where}: {self.severity}: {inert(self.message, keep_newlines=True)}"
        if self.key:
            text += f" [{inert(self.key)}]"
        if self.hint:
            text += f"\n  hint: {inert(self.hint, keep_newlines=True)}"
        return text


class CorridorError(Exception):
    """A problem the user can fix; carries one or more diagnostics."""

    def __init__(self, diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]) -> None:
        self.diagnostics: tuple[Diagnostic, ...] = tuple(diagnostics)
        super().__init__(self.format())

    def format(self) -> str:
        return "\n".join(d.format() for d in self.diagnostics)


class ScenarioError(CorridorError):
    """A scenario file that cannot be loaded or does not validate."""


class SaveError(CorridorError):
    """A save file that cannot be read, replayed or written."""


class PathError(CorridorError):
    """A user-given path that is not allowed (outside the saves directory, a symlink...)."""
