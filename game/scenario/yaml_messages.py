"""What the YAML loader says when a file does not read: syntax errors with a hint for the usual
causes (a missing colon is shown on the line that lacks it), values the constructor refuses,
and positions in characters whatever the line breaks."""

from __future__ import annotations

import re
from typing import NoReturn

import yaml

from game.errors import Diagnostic, ScenarioError

_SYNTAX_HINTS = (
    (
        "mapping values are not allowed",
        "quote a value that contains ': ', or fix this line's indentation",
    ),
    (
        "could not find expected ':'",
        "each entry of a mapping is `key: value`; check for a missing colon or a stray line",
    ),
    ("did not find expected key", "check this line's indentation against the keys above it"),
    ("did not find expected '-' indicator", "items of a list must line up under each other"),
    ("did not find expected ',' or ']'", "close the list with `]`, and separate items with commas"),
    (
        "did not find expected ',' or '}'",
        "close the mapping with `}`, and separate entries with commas",
    ),
    ("found unexpected end of stream", "a quote or bracket is not closed"),
    (
        "found unknown escape character",
        "in double quotes write a backslash as `\\\\`, or use single quotes",
    ),
    ("found duplicate anchor", "give each anchor (`&name`) a different name"),
    (
        "could not find expected directive name",
        "a line starting with `%` is a YAML directive: quote a value that starts with `%`",
    ),
    (
        "expected alphabetic or numeric character",
        "an anchor or alias name (`&name`, `*name`) is missing",
    ),
    (
        "found character that cannot start any token",
        "quote values that start with `@`, `` ` `` or `%`",
    ),
    (
        "sequence entries are not allowed",
        "start a list on the line after its key, indented; or quote a value that starts with `-`",
    ),
    (
        "did not find expected node content",
        "a value is missing here: write one, or remove the stray character",
    ),
    (
        "did not find expected <document start>",
        "the top-level mapping ended before this line: check its indentation",
    ),
)

# The pure-Python parser words some problems differently from the C parser (libyaml); both are
# shown in libyaml's words, so a file gets the same message whichever parser reads it.
_PURE_WORDING = (
    (re.compile(r"expected ',' or '\}', but got .*"), "did not find expected ',' or '}'"),
    (re.compile(r"expected ',' or '\]', but got .*"), "did not find expected ',' or ']'"),
    (re.compile(r"expected the node content, but found .*"), "did not find expected node content"),
    (
        re.compile(r"expected '<document start>', but found .*"),
        "did not find expected <document start>",
    ),
    (
        re.compile(r"mapping values are not allowed here"),
        "mapping values are not allowed in this context",
    ),
    (
        re.compile(r"sequence entries are not allowed here"),
        "block sequence entries are not allowed in this context",
    ),
    (
        re.compile(r"found character '.*' that cannot start any token"),
        "found character that cannot start any token",
    ),
    (
        re.compile(r"expected alphabetic or numeric character, but found .*"),
        "did not find expected alphabetic or numeric character",
    ),
)


_FLOW_PROBLEMS = (
    "found unexpected ':'",
    "did not find expected ',' or '}'",
    "did not find expected ',' or ']'",
)


def _flow_indicator(text: str, mark: yaml.Mark | None, problem: str) -> tuple[str, str] | None:
    """A `:` or `?` inside an unquoted value in `{...}` or `[...]`: the parsers stop there with
    different words (and the C parser reads `x?y` whole: the loader refuses it)."""
    if mark is None or problem not in _FLOW_PROBLEMS:
        return None
    char, after = text[mark.index : mark.index + 1], text[mark.index + 1 : mark.index + 2]
    if char == "?" or (char == ":" and after not in ("", " ", "\t", "\n")):
        return flow_indicator_message(char, after)
    return None


def flow_indicator_message(char: str, after: str = "") -> tuple[str, str]:
    """(message, hint) for a `?` inside an unquoted value in `{...}` or `[...]`, or a `:` right
    before another character there (`{funds:}`, `status:,`)."""
    if char == "?":
        return (
            "YAML syntax error: a `?` inside an unquoted value in `{...}` or `[...]`",
            'quote the value ("...")',
        )
    return (
        f"YAML syntax error: a `:` right before `{after}` in `{{...}}` or `[...]`",
        "write a space after the colon of a key (`key: value`), or quote a value that "
        "contains a colon",
    )


def _libyaml_wording(problem: str, context: str | None) -> tuple[str, str | None]:
    """(problem, context) in the C parser's words (see `_PURE_WORDING`)."""
    if problem.startswith("expected <block end>, but found"):
        if context and "block collection" in context:
            return "did not find expected '-' indicator", context
        return "did not find expected key", context
    if context == "while scanning a block scalar" and (
        problem.startswith("expected chomping or indentation indicators, but found")
        or problem.startswith("expected a comment or a line break, but found")
    ):
        return "did not find expected comment or line break", context
    if context == "while parsing a tag" and problem.startswith("expected URI, but found"):
        return "did not find expected whitespace or line break", "while scanning a tag"
    if context == "while scanning a directive" and "alphabetic or numeric" in problem:
        return "could not find expected directive name", context
    for pattern, wording in _PURE_WORDING:
        if pattern.fullmatch(problem):
            return wording, context
    if context == "while scanning for the next token":  # the C parser's, saying nothing more
        return problem, None
    return problem, context


def bad_scalar(
    file: str, tag: str, text: str, error: Exception, line: int, column: int
) -> Diagnostic:
    shown = text if len(text) <= 40 else text[:39] + "…"
    if tag == "int" and "digits" in str(error):
        return Diagnostic(
            file,
            f"the number {shown} has too many digits ({len(text):,})",
            line,
            column,
            hint="write a whole number of a sensible size",
        )
    if tag == "timestamp":
        return Diagnostic(
            file,
            f"{shown} is not a valid date ({error})",
            line,
            column,
            hint="write dates as YYYY-MM-DD with a real month and day, e.g. 2020-01-24",
        )
    return Diagnostic(
        file,
        f"{shown!r} cannot be read as {tag}: {error}",
        line,
        column,
        hint="write the value plainly",
    )


def syntax_diagnostic(
    error: yaml.MarkedYAMLError, file: str, text: str, max_depth: int
) -> Diagnostic:
    """A parser error as a diagnostic: where, what, and a hint for the usual causes."""
    mark = error.problem_mark or error.context_mark
    problem = (error.problem or error.context or "unreadable YAML").strip()
    problem, context = _libyaml_wording(problem, error.context if error.problem else None)
    message = f"YAML syntax error: {problem}"
    odd = _flow_indicator(text, mark, problem)
    if odd is not None:
        message, hint = odd
        line, column = within(text, mark.line + 1, mark.column + 1)  # type: ignore[union-attr]
        return Diagnostic(file, message, line, column, hint=hint)
    if context and error.context_mark:
        cm = error.context_mark
        message += f" ({context} started at line {cm.line + 1}, column {cm.column + 1})"
    if "maximum nesting depth" in problem:
        message = f"the file nests deeper than the parser allows ({max_depth} levels are enough)"
    known = next((h for needle, h in _SYNTAX_HINTS if needle in problem), None)
    hint = known or "check the quoting and indentation around this point"
    if mark is None:
        return Diagnostic(file, message, hint=hint)
    line, column = within(text, mark.line + 1, mark.column + 1)
    missing = _missing_colon(text, error, line)
    if missing is not None:
        return Diagnostic(file, missing[2], missing[0], missing[1], hint=missing[3])
    return Diagnostic(file, message, line, column, hint=hint)


_FLOW_WITHOUT_COLON = re.compile(r"\s*(- +)?([A-Za-z_][\w-]*) +[\[{]")


def _missing_colon(
    text: str, error: yaml.MarkedYAMLError, line: int
) -> tuple[int, int, str, str] | None:
    """A key without its colon makes the parser fail on the next line (the key's text runs
    on into it); point at the line that lacks the colon instead: (line, column, message, hint)."""
    problem = error.problem or ""
    lines = text.split("\n")
    own = _FLOW_WITHOUT_COLON.match(lines[line - 1]) if 1 <= line <= len(lines) else None
    if own is not None:  # `capture {location: ...}`
        head = own.group(2)
        return (
            line,
            own.start(2) + 1,
            f"YAML syntax error: `{head}` has no colon after it, so the line is not `key: value`",
            f"write `{head}: {lines[line - 1][own.end(2) :].strip()}`",
        )
    if "could not find expected ':'" in problem and error.context_mark is not None:
        at = error.context_mark.line + 1  # where the key without a colon started
    elif "mapping values are not allowed" in problem and 1 < line <= len(lines):
        at = line - 1
        while at > 1 and (not lines[at - 1].strip() or lines[at - 1].lstrip().startswith("#")):
            at -= 1
        indent = _indent(lines[line - 1])
        before = _indent(lines[at - 1])
        # the same level (`id minimal_example`), or a section's header (`meta` above its keys)
        if before > indent or (before < indent and " " in lines[at - 1].strip()):
            return None
    else:
        return None
    if not 1 <= at <= len(lines):
        return None
    body = lines[at - 1]
    stripped = body.strip()
    if stripped.startswith("- "):
        stripped = stripped[2:].lstrip()
    head, _, rest = stripped.partition(" ")
    if not head or ":" in head or not re.fullmatch(r"[A-Za-z_][\w-]*", head):
        return None
    column = body.index(head) + 1
    return (
        at,
        column,
        f"YAML syntax error: `{head}` has no colon after it, so the line is not `key: value`",
        f"write `{head}: {rest.strip()}`" if rest.strip() else f"write `{head}:`",
    )


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def within(text: str, line: int, column: int) -> tuple[int, int]:
    """A position inside the text: the parser puts the end of the stream on a line of its own
    when the last line has no line break; point at the end of the last line instead."""
    last = text.count("\n") + 1
    if line <= last:
        return line, column
    return last, len(text) - (text.rfind("\n") + 1) + 1


def byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset; \\r\\n, \\r and \\n end lines."""
    head = data[:offset]
    line = head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1
    start = max(head.rfind(b"\n"), head.rfind(b"\r")) + 1
    return line, len(head[start:].decode("utf-8", "replace")) + 1


def char_position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index in text with `\\n` line breaks."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def fail(
    file: str, message: str, hint: str, line: int | None = None, column: int | None = None
) -> NoReturn:
    """Raise a ScenarioError of one diagnostic."""
    raise ScenarioError([Diagnostic(file, message, line, column, hint=hint)])


def refused_tag(file: str, shown: str, line: int, column: int) -> Diagnostic:
    """A tag (`!!python/object`, `!!binary`) where a scenario holds plain data only."""
    if "python/" in shown:
        message = f"the tag {shown} asks for a Python object; scenario files hold plain data only"
    else:
        message = f"the tag {shown} is not allowed in a scenario file"
    return Diagnostic(
        file, message, line, column, hint="remove the tag and write the value plainly"
    )
