"""Float sums that give the same bits on every Python version.

Python 3.12 made `sum()` of floats compensated (Neumaier), so `sum([0.1] * 10)` is 1.0 there
and 0.9999999999999999 on 3.11. The engine's outcomes must not depend on the interpreter, so
sums of fractional floats go through `plain_sum`: left-to-right IEEE addition, as 3.11's
`sum()` does. Sums of whole numbers (people, funds) are exact either way and may use `sum()`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from operator import add


def plain_sum(values: Iterable[float]) -> float:
    """`values` added left to right, one rounding per addition, from 0."""
    return reduce(add, values, 0)
