"""Largest-remainder apportionment: integer shares that add up exactly."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine.apportion import apportion, split_pools


@given(st.integers(0, 10**7), st.lists(st.floats(0.0, 1e6), min_size=1, max_size=12))
def test_shares_sum_to_total_and_stay_near_quota(total, weights):
    if sum(weights) <= 0:
        weights = [*weights[:-1], 1.0]
    shares = apportion(total, weights)
    assert sum(shares) == total
    assert all(s >= 0 for s in shares)
    wsum = sum(weights)
    for s, w in zip(shares, weights, strict=True):
        assert abs(s - total * w / wsum) < 1.0 + 1e-6 * total


def test_proportional_split():
    assert apportion(10, [1, 1, 2]) == [3, 2, 5] or apportion(10, [1, 1, 2]) == [2, 3, 5]
    assert apportion(7, [0, 1]) == [0, 7]
    assert apportion(0, [1, 2]) == [0, 0]


def test_zero_weights_refused():
    with pytest.raises(ValueError):
        apportion(5, [0.0, 0.0])


@given(st.lists(st.integers(0, 10**6), min_size=1, max_size=5), st.data())
def test_split_pools_never_takes_more_than_a_pool_holds(pools, data):
    total = data.draw(st.integers(0, sum(pools)))
    shares = split_pools(total, pools)
    assert sum(shares) == total
    assert all(0 <= s <= p for s, p in zip(shares, pools, strict=True))
