"""The scenario document as YAML text: sections in block style, one flow mapping per list item
or per mapping entry, so that a 6,000-place file stays compact and quick to parse."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from typing import Any

_PLAIN_KEY = re.compile(r"^[a-z_][a-z0-9_]*$")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def _key(k: Any) -> str:
    k = str(k)
    return k if _PLAIN_KEY.match(k) and k not in _YAML_WORDS else json.dumps(k)


def _flow(value: Any) -> str:
    """One value as a YAML flow scalar or collection (JSON-compatible, dates left bare)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot write {value!r}")
        text = repr(value)
        mantissa, e, exponent = text.partition("e")
        if e and "." not in mantissa:  # YAML 1.1 reads `2e-05` as text: write `2.0e-05`
            text = f"{mantissa}.0e{exponent}"
        return text
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_key(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    raise TypeError(f"cannot write a {type(value).__name__} as YAML")


def to_yaml(doc: Mapping[str, Any]) -> str:
    """Render a scenario document (see the module's docstring for the layout)."""
    out = [
        "# Synthetic scenario written by `corridor generate`; every fact is a synthetic"
        " assumption.\n"
    ]
    for section, value in doc.items():
        if isinstance(value, Mapping):
            out.append(f"{_key(section)}:\n")
            for k, v in value.items():
                out.append(f"  {_key(k)}: {_flow(v)}\n")
        elif isinstance(value, (list, tuple)):
            if not value:
                out.append(f"{_key(section)}: []\n")
                continue
            out.append(f"{_key(section)}:\n")
            for item in value:
                out.append(f"  - {_flow(item)}\n")
        else:
            out.append(f"{_key(section)}: {_flow(value)}\n")
    return "".join(out)
