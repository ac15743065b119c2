"""The seeded draw source: every draw is a pure function of (seed, turn, rule, entity).

No shared stream: undoing and replaying a turn gives the same rolls, and reordering unrelated
code does not change outcomes. Uses blake2b, never Python's `hash()` (salted per process).
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass

_SCALE = 1.0 / 2**64


@dataclass(frozen=True, slots=True)
class Rng:
    """Draws for one game, keyed by its seed."""

    seed: int

    def random(self, turn: int, rule: str, entity: str | int = "") -> float:
        """A uniform number in [0, 1) for this turn, rule and entity."""
        key = f"{self.seed}\x1f{turn}\x1f{rule}\x1f{entity}".encode()
        digest = hashlib.blake2b(key, digest_size=8).digest()
        return int.from_bytes(digest, "big") * _SCALE

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
