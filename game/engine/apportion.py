"""Integer shares of a whole: largest-remainder apportionment, so people are never lost to
rounding and the result does not depend on float drift beyond one person."""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.sums import plain_sum


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split `total` into integers proportional to `weights` that sum exactly to `total`:
    each gets the whole part of its quota, the people left over go one each to the largest
    remainders, ties to the earlier entry. All-zero weights give all to nobody: the caller
    must not ask for that (ValueError)."""
    if total < 0:
        raise ValueError("cannot apportion a negative total")
    n = len(weights)
    if total == 0 or n == 0:
        if total and not n:
            raise ValueError("nothing to apportion among")
        return [0] * n
    weight_sum = float(plain_sum(weights))
    if weight_sum <= 0.0:
        raise ValueError("all weights are zero")
    if n == 1:
        return [total]
    quotas = [total * w / weight_sum for w in weights]
    shares = [int(q) for q in quotas]
    left = total - sum(shares)
    if left > 0:  # largest remainder first (most negative share - quota); a stable sort
        # keeps ties in order
        for i in sorted(range(n), key=lambda k: shares[k] - quotas[k])[:left]:
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
