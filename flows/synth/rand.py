"""Random draws for the simulation: a numpy Generator consumed in blocks.

The care-history simulation walks child by child in Python and needs a few dozen numbers per child.
One numpy call per number costs about a microsecond; taking uniforms from a block fetched with one call
is several times faster, and the sequence stays fully determined by the seed.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Mapping
from itertools import accumulate

import numpy as np

_BLOCK = 1 << 15


class Categorical:
    """A discrete distribution over string values, from weights that need not sum to 1."""

    __slots__ = ("_cumulative", "_total", "values")

    def __init__(self, weights: Mapping[str, float]) -> None:
        if not weights or min(weights.values()) < 0 or sum(weights.values()) <= 0:
            raise ValueError(f"invalid weights: {dict(weights)}")
        self.values = tuple(weights)
        self._cumulative = list(accumulate(weights.values()))
        self._total = self._cumulative[-1]

    def pick(self, u: float) -> str:
        """The value at quantile `u` in [0, 1)."""
        return self.values[min(bisect_right(self._cumulative, u * self._total), len(self.values) - 1)]


class Stream:
    """Uniform numbers from one numpy Generator, with the few distributions the simulation needs."""

    __slots__ = ("_next", "_rng")

    def __init__(self, rng: np.random.Generator) -> None:
        self._rng = rng
        self._next = iter(()).__next__

    def u(self) -> float:
        """A uniform number in [0, 1)."""
        try:
            return self._next()
        except StopIteration:
            self._next = iter(self._rng.random(_BLOCK).tolist()).__next__
            return self._next()

    def chance(self, p: float) -> bool:
        return self.u() < p

    def randint(self, low: int, high: int) -> int:
        """An integer in [low, high], both included."""
        return low + int(self.u() * (high - low + 1))  # u < 1, so never above high

    def choice(self, dist: Categorical) -> str:
        return dist.pick(self.u())

    def normal(self) -> float:
        """A standard normal number (Box-Muller; one pair of uniforms per number)."""
        return math.sqrt(-2.0 * math.log(1.0 - self.u())) * math.cos(2.0 * math.pi * self.u())

    def lognormal(self, median: float, sigma: float) -> float:
        return median * math.exp(sigma * self.normal())

    def exponential(self, mean: float) -> float:
        return -mean * math.log(1.0 - self.u())

    def poisson(self, mean: float) -> int:
        """Knuth's method: the means used here are small (a handful of events)."""
        limit, k, product = math.exp(-mean), 0, self.u()
        while product > limit:
            k += 1
            product *= self.u()
        return k
