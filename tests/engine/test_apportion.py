"""Largest-remainder apportionment: integer shares that add up exactly."""

from __future__ import annotations

import heapq

import pytest
from hypothesis import given, settings
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


def _reference_apportion(total: int, weights: list[float]) -> list[int]:
    """The first implementation, kept as an oracle: the faster one must agree bit for bit."""
    wsum = float(sum(weights))
    if len(weights) == 1:
        return [total]
    shares: list[int] = []
    rests: list[float] = []
    given = 0
    for w in weights:
        q = total * w / wsum
        share = int(q)
        shares.append(share)
        rests.append(share - q)
        given += share
    left = total - given
    if left == 1:
        shares[rests.index(min(rests))] += 1
    elif left:
        ranked = zip(rests, range(len(weights)), strict=True)
        chosen = sorted(ranked)[:left] if len(weights) <= 64 else heapq.nsmallest(left, ranked)
        for _, i in chosen:
            shares[i] += 1
    return shares


@given(
    st.integers(1, 10**8),
    st.lists(
        st.one_of(st.floats(0.0, 1e9), st.integers(0, 10**6), st.sampled_from([0.1, 1 / 3])),
        min_size=1,
        max_size=80,
    ),
)
def test_apportion_matches_the_reference_exactly(total, weights):
    if sum(weights) <= 0:
        weights = [*weights[:-1], 1.0]
    assert apportion(total, weights) == _reference_apportion(total, weights)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 10**9),
    st.one_of(
        st.lists(st.integers(0, 10**8), min_size=512, max_size=3000),
        st.lists(st.floats(0.0, 1e6), min_size=512, max_size=3000),
        st.lists(st.sampled_from([0, 1, 2, 5, 0.1, 1 / 3, 7.25]), min_size=512, max_size=3000),
    ),
)
def test_apportion_of_many_weights_matches_the_reference_exactly(total, weights):
    """Many weights (a country's unsheltered people sharing the day's exposure harm): the
    same shares, remainders and ties as the reference."""
    if sum(weights) <= 0:
        weights = [*weights[:-1], 1.0]
    assert apportion(total, weights) == _reference_apportion(total, weights)


def test_float_sums_are_the_same_on_every_python_version():
    """3.12's sum() of floats is compensated; the engine's weights must add up the 3.11 way
    everywhere, or a game's shares could differ between interpreters."""
    from game.engine.sums import plain_sum

    assert plain_sum([0.1] * 10) == 0.9999999999999999
    assert plain_sum([1e16, 1.0, -1e16]) == 0.0
    assert plain_sum([]) == 0 and plain_sum([2, 3]) == 5
