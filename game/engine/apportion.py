"""Integer shares of a whole: largest-remainder apportionment, so people are never lost to
rounding and the result does not depend on float drift beyond one person."""

from __future__ import annotations

import heapq
from collections.abc import Sequence


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
    wsum = float(sum(weights))
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
    elif left:
        ranked = zip(rests, range(n), strict=True)
        chosen = sorted(ranked)[:left] if n <= 64 else heapq.nsmallest(left, ranked)
        for _, i in chosen:
            shares[i] += 1
    return shares


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
