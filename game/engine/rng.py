"""The seeded draw source: every draw is a pure function of (seed, turn, rule, entity).

No shared stream: undoing and replaying a turn gives the same rolls, and reordering unrelated
code does not change outcomes. Seeds, rules and entities get 64-bit codes from blake2b (never
Python's salted `hash()`), memoised; the key of a (seed, turn, rule) and a draw for an entity
mix those codes with the splitmix64 finaliser, a few integer operations, so a rule can draw
for thousands of entities cheaply.
"""

from __future__ import annotations

import functools
import hashlib
import math
from collections.abc import Callable
from dataclasses import dataclass

_SCALE = 1.0 / 2**64
_SCALE32 = 1.0 / 2**32
_M64 = 2**64 - 1
_GOLDEN = 0x9E3779B97F4A7C15


def _digest(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


@functools.lru_cache(maxsize=1 << 16, typed=True)
def _code(entity: str | int) -> int:
    """The 64-bit code of a seed, rule or entity (a place or road id, a convoy number, ...):
    blake2b of its text (memoised: a pure function of its argument)."""
    return _digest(f"\x1e{entity}")


def _mix64(z: int) -> int:
    """splitmix64's finaliser: a bijection of 64-bit integers that scatters every bit."""
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _M64
    return z ^ (z >> 31)


def _mix(z: int) -> float:
    """`_mix64` as a float in [0, 1) (the same three steps: a rule may draw thousands)."""
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _M64
    return (z ^ (z >> 31)) * _SCALE


def _key(seed: int, turn: int, rule: str) -> int:
    """The 64-bit key of one rule's draws in one turn of one game."""
    return _mix64(_mix64((_code(f"seed {seed}") + _GOLDEN * turn) & _M64) ^ _code(rule))


@dataclass(frozen=True, slots=True)
class Rng:
    """Draws for one game, keyed by its seed."""

    seed: int

    def random(self, turn: int, rule: str, entity: str | int = "") -> float:
        """A uniform number in [0, 1) for this turn, rule and entity."""
        return _mix(_key(self.seed, turn, rule) ^ _code(entity))

    def draws(self, turn: int, rule: str) -> Callable[[str | int], float]:
        """`random(turn, rule, entity)` as a function of the entity, for a rule's loop."""
        key = _key(self.seed, turn, rule)

        def draw(entity: str | int) -> float:
            return _mix(key ^ _code(entity))

        return draw

    def pairs(self, turn: int, rule: str) -> Callable[[str | int], tuple[float, float]]:
        """Two independent uniform numbers in [0, 1) (32 bits each) per entity from one mix,
        for a rule that draws twice per entity (how many are harmed, how many of them die)."""
        key = _key(self.seed, turn, rule)

        def pair(entity: str | int) -> tuple[float, float]:
            z = _mix64(key ^ _code(entity))
            return (z >> 32) * _SCALE32, (z & 0xFFFFFFFF) * _SCALE32

        return pair

    def chance(self, p: float, turn: int, rule: str, entity: str | int = "") -> bool:
        """True with probability `p` (no draw needed at 0 or 1)."""
        if p <= 0.0:
            return False
        if p >= 1.0:
            return True
        return self.random(turn, rule, entity) < p

    def round(self, x: float, turn: int, rule: str, entity: str | int = "") -> int:
        """`x` rounded up or down at random, in proportion to its fraction (unbiased)."""
        low = math.floor(x)
        frac = x - low
        if frac <= 0.0:
            return int(low)
        return int(low) + (1 if self.random(turn, rule, entity) < frac else 0)

    def spread(self, turn: int, rule: str, entity: str | int = "", width: float = 0.0) -> float:
        """A factor uniform in [1 - width, 1 + width]."""
        if width <= 0.0:
            return 1.0
        return 1.0 + width * (2.0 * self.random(turn, rule, entity) - 1.0)


def round_with(draw: float, x: float) -> int:
    """`x` rounded up or down by a draw already made (as `Rng.round` does)."""
    low = math.floor(x)
    return int(low) + (1 if draw < x - low else 0)
