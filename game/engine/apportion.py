"""Integer shares of a whole: largest-remainder apportionment, so people are never lost to
rounding and the result does not depend on float drift beyond one person."""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from game.engine.sums import plain_sum


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split `total` into integers proportional to `weights` that sum exactly to `total`.

    Ties in the remainders go to the earlier entry. All-zero weights give all to nobody:
    the caller must not ask for that (ValueError)."""
    if total < 0:
        raise ValueError("cannot apportion a negative total")
    n = len(weights)
    if total == 0 or n == 0:
        if total and not n:
            raise ValueError("nothing to apportion among")
        return [0] * n
    wsum = float(plain_sum(weights))
    if wsum <= 0.0:
        raise ValueError("all weights are zero")
    if n == 1:
        return [total]
    if n == 2:  # the usual split between two roads, without the lists
        w0, w1 = weights
        q0 = total * w0 / wsum
        q1 = total * w1 / wsum
        s0 = int(q0)
        s1 = int(q1)
        left = total - s0 - s1
        if not left:
            return [s0, s1]
        if left == 1:
            return [s0, s1 + 1] if s1 - q1 < s0 - q0 else [s0 + 1, s1]
    if n >= _LARGE and _numpy() is not None:
        return _apportion_array(total, weights, wsum)
    return _apportion_list(total, weights, wsum)


def _apportion_list(total: int, weights: Sequence[float], wsum: float) -> list[int]:
    n = len(weights)
    shares: list[int] = []
    rests: list[float] = []  # share - quota: the most negative has the largest remainder
    given = 0
    for w in weights:
        q = total * w / wsum
        share = int(q)
        shares.append(share)
        rests.append(share - q)
        given += share
    left = total - given
    if left == 1:  # the usual case: one more to the largest remainder, ties to the earlier
        shares[rests.index(min(rests))] += 1
    elif left and n <= 64:
        # the smallest (rest, index) pairs: a stable sort of the indices by rest (rests are
        # finite) gives the same order without building the pairs
        for i in sorted(range(n), key=rests.__getitem__)[:left]:
            shares[i] += 1
    elif left:
        for _, i in heapq.nsmallest(left, zip(rests, range(n), strict=True)):
            shares[i] += 1
    return shares


_LARGE = 512  # from this many weights on, numpy does the same arithmetic element by element
_NUMPY: list = []  # [the numpy module or None], filled on first use


def _numpy():
    """numpy if installed (an optional speed-up for country-scale scenarios: `pip install
    'corridor[fast]'`), else None; the list path gives the same shares."""
    if not _NUMPY:
        try:
            import numpy
        except ImportError:
            numpy = None
        _NUMPY.append(numpy)
    return _NUMPY[0]


def _apportion_array(total: int, weights: Sequence[float], wsum: float) -> list[int]:
    """`apportion` for many weights, with numpy: the same IEEE operations on each element
    (total * w / wsum, truncation, share - quota), the same choice of remainders (the most
    negative share - quota first, ties to the earlier entry), so the same shares. Exact while
    total and every weight are below 2**53 (counts of people are, by the scenario's caps);
    larger values take the list path."""
    np = _numpy()
    w = np.asarray(weights, dtype=np.float64)
    if total >= _EXACT or not np.all(w < _EXACT):
        return _apportion_list(total, weights, wsum)
    quotas = w * float(total) / wsum
    shares = np.trunc(quotas)
    left = total - int(shares.sum())  # whole numbers below 2**53: the float sum is exact
    if left == 1:
        shares[int(np.argmin(shares - quotas))] += 1.0
    elif left > 1:  # (never below 0: heapq.nsmallest of the list path gives none then)
        shares[np.argsort(shares - quotas, kind="stable")[:left]] += 1.0
    return [int(x) for x in shares.tolist()]


_EXACT = float(2**53)


def split_pools(total: int, pools: Sequence[int]) -> list[int]:
    """Take `total` people out of pools in proportion to their sizes (each share <= its pool)."""
    available = sum(pools)
    if total > available:
        raise ValueError(f"cannot take {total} from {available}")
    if total == available:
        return list(pools)
    shares = apportion(total, [float(p) for p in pools]) if total else [0] * len(pools)
    # a share can exceed its pool by one only through rounding of tiny pools; move the excess
    excess = 0
    for i, (s, p) in enumerate(zip(shares, pools, strict=True)):
        if s > p:
            excess += s - p
            shares[i] = p
    i = 0
    while excess:
        room = pools[i] - shares[i]
        if room > 0:
            take = min(room, excess)
            shares[i] += take
            excess -= take
        i += 1
    return shares
