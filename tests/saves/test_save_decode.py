"""The saves' strict JSON decoder: a line that breaks no rule reads exactly as json.loads reads
it; a key twice in one object, NaN, an infinity or a number too long is refused with the column
where it is written, wherever it is nested."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.saves.strict_json import JsonRefused, StrictDecoder

_keys = st.sampled_from(["a", "b", "kind", "a:b", '"', "x\\y", "é", "", "{", "}"])
_numbers = st.one_of(
    st.integers(-(10**45), 10**45),
    st.sampled_from([10**39, 10**40 - 1, 10**40, -(10**39) + 1, -(10**39), 0]),
    st.floats(allow_nan=False, allow_infinity=False),
)
_scalars = st.one_of(st.none(), st.booleans(), _numbers, st.text(max_size=4))
_BAD_WORDS = ["NaN", "-Infinity", "Infinity", "1e400", "1" * 45, "0." + "1" * 90]


def _values(depth: int = 3):
    if depth == 0:
        return _scalars | st.sampled_from(_BAD_WORDS).map(lambda word: ("raw", word))
    inner = _values(depth - 1)
    # objects as lists of pairs, so that the same key can come twice
    return st.one_of(
        _scalars,
        st.lists(inner, max_size=3),
        st.lists(st.tuples(_keys, inner), max_size=3).map(lambda pairs: ("obj", pairs)),
    )


def _write(value) -> str:
    if isinstance(value, tuple) and value[0] == "raw":
        return value[1]
    if isinstance(value, tuple):
        return "{" + ", ".join(f"{json.dumps(k)}: {_write(v)}" for k, v in value[1]) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_write(v) for v in value) + "]"
    return json.dumps(value)


def _broken_rules(value, twice: set[str]) -> bool:
    """Whether `value` breaks a rule; the keys that come twice in one object go to `twice`."""
    broken = False
    if isinstance(value, tuple) and value[0] == "raw":
        return True
    if isinstance(value, tuple):
        keys = [key for key, _ in value[1]]
        twice.update(key for key in keys if keys.count(key) > 1)
        broken = len(set(keys)) != len(keys)
        value = [item for _, item in value[1]]
    if isinstance(value, list):
        return any([_broken_rules(item, twice) for item in value]) or broken
    if isinstance(value, int) and not isinstance(value, bool):
        return len(str(value)) > 40
    return broken


def _same(a, b) -> bool:
    """Equal, with the same types all the way down (1 is not 1.0, -0.0 is not 0.0)."""
    return json.dumps(a) == json.dumps(b) and repr(a) == repr(b)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(_keys, _values()), max_size=5))
def test_a_line_reads_as_json_reads_it_or_is_refused_where_it_breaks_a_rule(pairs):
    line = ("obj", pairs)
    text = _write(line)
    twice: set[str] = set()
    broken = _broken_rules(line, twice)
    try:
        value = StrictDecoder().decode(text)
    except JsonRefused as refused:
        assert broken, text
        at = text[refused.column - 1 :]
        if "appears twice" in refused.message:
            key = json.loads(re.match(r'"(?:[^"\\]|\\.)*"', at).group())
            assert key in twice and repr(key) in refused.message
            assert re.match(r'"(?:[^"\\]|\\.)*"\s*:', at)
        else:
            word = re.match(r"[-+.\w]+", at).group()
            assert word in _BAD_WORDS or len(word) > 40, (word, refused.message)
    else:
        assert not broken, text
        assert _same(value, json.loads(text))


@pytest.mark.parametrize(
    ("text", "at"),
    [
        ('{"a": {"x": 1, "x": 2}, "x": 3}', '"x": 2'),  # inside a nested object
        ('{"x": {"y": 1}, "x": 2}', '"x": 2'),  # after a nested object closed
        ('{"k": [{"x": 1}, {"x": 1, "\\u0078": 2}]}', '"\\u0078"'),  # written escaped
        ('{"a": "\\"x\\": 1,", "x": 1, "x": 2}', '"x": 2'),  # the key's text in a string
        ('{"a": [1, 2, 3], "b": ' + "7" * 41 + "}", "7" * 41),
        ('{"a": "NaN", "b": NaN}', "NaN}"),
    ],
)
def test_the_column_is_where_the_refused_value_is_written(text, at):
    with pytest.raises(JsonRefused) as refused:
        StrictDecoder().decode(text)
    assert text[refused.value.column - 1 :].startswith(at)


def test_one_decoder_reads_line_after_line():
    """Its counts start again with each line: a refusal on the second points into that one."""
    decoder = StrictDecoder()
    assert decoder.decode('{"a": [1, 2, {"b": 3}]}') == {"a": [1, 2, {"b": 3}]}
    with pytest.raises(JsonRefused) as refused:
        decoder.decode('{"c": 1e999}')
    assert refused.value.column == 7
