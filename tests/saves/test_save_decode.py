"""The reader's fast decoder gives a line's value only when the strict decoder would give the
same value; any line the strict decoder refuses (a key twice, a number too long, NaN...) is
left to it, so that its error is the one reported."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from game.saves import reader

_keys = st.sampled_from(["a", "b", "kind", "a:b", '"', "x\\y", "é", ""])
_numbers = st.one_of(
    st.integers(-(10**45), 10**45),
    st.sampled_from([10**39, 10**40 - 1, 10**40, -(10**39) + 1, -(10**39), 0]),
    st.floats(allow_nan=False, allow_infinity=False),
)
_scalars = st.one_of(st.none(), st.booleans(), _numbers, st.text(max_size=4))


def _values(depth: int = 3):
    if depth == 0:
        return _scalars
    inner = _values(depth - 1)
    # lists of pairs, so that the same key can come twice
    return st.one_of(
        _scalars,
        st.lists(inner, max_size=3),
        st.lists(st.tuples(_keys, inner), max_size=3).map(lambda pairs: ("obj", pairs)),
    )


def _write(value) -> str:
    if isinstance(value, tuple) and value and value[0] == "obj":
        return "{" + ", ".join(f"{json.dumps(k)}: {_write(v)}" for k, v in value[1]) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_write(v) for v in value) + "]"
    return json.dumps(value)


_extras = st.sampled_from(["", "NaN", "-Infinity", "1e400", "1" * 45, "0." + "1" * 90, "[[[]]]"])


def _strict(text: str):
    try:
        return ("value", reader._DECODER.decode(text))
    except (ValueError, RecursionError) as error:
        return ("error", type(error).__name__)


def _same(a, b) -> bool:
    """Equal, with the same types all the way down (1 is not 1.0, -0.0 is not 0.0)."""
    return json.dumps(a) == json.dumps(b) and repr(a) == repr(b)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_keys, _values()), max_size=5), _extras)
def test_the_fast_decoder_agrees_with_the_strict_one(pairs, extra):
    body = ", ".join(f"{json.dumps(k)}: {_write(v)}" for k, v in pairs)
    if extra:
        body += (", " if body else "") + f'"extra": {extra}'
    text = "{" + body + "}"
    fast = reader._fast_decode(text)
    strict = _strict(text)
    if fast is not None:
        assert strict[0] == "value" and _same(fast, strict[1])
    keys = [k for k, _ in pairs]
    if len(set(keys)) != len(keys) or extra in ("NaN", "-Infinity", "1e400", "1" * 45):
        assert fast is None and strict[0] == "error"


def test_real_turn_lines_take_the_fast_path(tmp_path):
    from game.engine import Rng, new_game, step
    from game.saves.format import encode_record, turn_record
    from game.replay.resimulate import turn_line
    from game.scenario import load_scenario
    from tests.saves.conftest import SMALL

    scenario = load_scenario(SMALL)
    state = new_game(scenario, 2)
    state, _ = step(scenario, state, [], Rng(2))
    text = encode_record(turn_record(turn_line(scenario, 1, (), state, 1))).decode()
    assert '"snapshot"' in text
    value = reader._fast_decode(text)
    assert value is not None and _same(value, reader._DECODER.decode(text))
