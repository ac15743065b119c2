"""`corridor schema [-o FILE]`: print or write the JSON Schema of the scenario format;
`corridor schema --docs [PAGE]`: rewrite the generated reference section of the format's page
(docs/scenario-format.md). Both come from the format's own tables."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.errors import CorridorError, Diagnostic

DOCS_PAGE = "docs/scenario-format.md"


def run(args: argparse.Namespace) -> int:
    from game.inert import inert
    from game.saves.output import STDOUT, write_output

    if args.docs is not None:
        return _docs(args.docs)
    from game.scenario.schema import schema_text

    target = STDOUT if args.output is None else args.output
    write_output(target, schema_text().encode("utf-8"))
    if target != STDOUT:
        print(f"wrote {inert(args.output)}", file=sys.stderr)
    return 0


def _docs(page: str) -> int:
    """Rewrite the reference section of `page` in place (atomically)."""
    from game.inert import inert
    from game.saves.output import write_output
    from game.scenario.reference import StaleReference, replace_section

    try:
        text = Path(page).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CorridorError(
            [Diagnostic(inert(page), f"cannot read the page: {error}", hint="check the path")]
        ) from None
    try:
        updated = replace_section(text)
    except StaleReference as error:
        raise CorridorError(
            [
                Diagnostic(
                    inert(page),
                    str(error),
                    hint="add the two marker lines where the reference goes",
                )
            ]
        ) from None
    if updated == text:
        print(f"{inert(page)}: the reference is up to date", file=sys.stderr)
        return 0
    write_output(page, updated.encode("utf-8"))
    print(f"wrote the reference section of {inert(page)}", file=sys.stderr)
    return 0
