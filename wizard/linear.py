"""Exact linear arithmetic for the checker's proofs: is a set of linear inequalities satisfiable, and by what?

A constraint is ``sum(coefficient * variable) + constant < 0`` (or ``<= 0``), with ``fractions.Fraction``
numbers, so nothing is rounded. ``solve`` decides a conjunction by Fourier–Motzkin elimination: each variable
is eliminated by combining every upper bound with every lower bound; the set is unsatisfiable exactly when a
contradiction between constants appears.

Whole-number variables (dates as day numbers, answers that must be whole) are handled by *tightening*: a
constraint over whole numbers only, like ``2x < 7``, becomes ``x <= 3``. Tightening never loses a whole-number
solution, so "unsatisfiable" stays a proof; but it does not make elimination complete for whole numbers, so a
satisfiable answer is only given with a model, found by substituting back, in whole numbers where needed.
When no such model is found, or the constraints grow past ``MAX_CONSTRAINTS``, the answer is "unknown".
Standard library only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

# Elimination can square the number of constraints at each step; past this many the answer is "unknown".
MAX_CONSTRAINTS = 400


@dataclass(frozen=True)
class Constraint:
    """``sum(c * v for v, c in coefficients) + constant < 0`` when ``strict``, else ``<= 0``.

    Kept with whole coefficients (any rational constraint can be scaled to one), which is exact and much
    faster than fractions; the variables are sorted, so equal constraints compare equal.
    """

    coefficients: tuple[tuple[str, int], ...]
    constant: int
    strict: bool

    def coefficient(self, name: str) -> int:
        """The coefficient of ``name`` (0 when it does not appear)."""
        return next((c for v, c in self.coefficients if v == name), 0)

    def holds(self, values: Mapping[str, Fraction]) -> bool:
        """Whether the constraint holds for these values (every variable must have one)."""
        total = sum((c * values[v] for v, c in self.coefficients), Fraction(self.constant))
        return total < 0 if self.strict else total <= 0


def constraint(coefficients: Mapping[str, Fraction | int], constant: Fraction | int, strict: bool) -> Constraint:
    """The constraint ``sum(c * v) + constant < 0`` (or ``<= 0``), scaled to whole coefficients."""
    kept = {v: Fraction(c) for v, c in coefficients.items() if c != 0}
    scale = math.lcm(*(c.denominator for c in kept.values()), Fraction(constant).denominator)
    return Constraint(tuple(sorted((v, int(c * scale)) for v, c in kept.items())), int(constant * scale), strict)


def negation(item: Constraint) -> Constraint:
    """The constraint that holds exactly when ``item`` does not: ``not (e <= 0)`` is ``-e < 0``."""
    return Constraint(tuple((v, -c) for v, c in item.coefficients), -item.constant, not item.strict)


@dataclass(frozen=True)
class Solution:
    """``feasible`` is True (with ``model``), False (proven impossible) or None (not decided)."""

    feasible: bool | None
    model: dict[str, Fraction] | None = None


def solve(constraints: Iterable[Constraint], integers: frozenset[str],
          prefer: Mapping[str, Fraction] | None = None) -> Solution:
    """Decide whether the constraints hold together, with a model (whole numbers for ``integers``).

    ``prefer`` gives each variable the value to take when its bounds allow (so that examples shown to editors
    look like real answers: a date near today rather than year 1).
    """
    start = _normalised(constraints, integers)
    if start is None:
        return Solution(False)
    current = start
    stages: list[tuple[str, list[Constraint]]] = []
    while True:
        names = {v for item in current for v, _ in item.coefficients}
        if not names:
            break
        name = min(sorted(names), key=lambda v: _cost(current, v))
        involved = [c for c in current if c.coefficient(name) != 0]
        rest = [c for c in current if c.coefficient(name) == 0]
        uppers = [c for c in involved if c.coefficient(name) > 0]
        lowers = [c for c in involved if c.coefficient(name) < 0]
        combined = [_combine(up, low, name) for up in uppers for low in lowers]
        stages.append((name, involved))
        following = _normalised([*rest, *combined], integers)
        if following is None:
            return Solution(False)
        current = following
        if len(current) > MAX_CONSTRAINTS:
            return Solution(None)
    model = _back_substitute(stages, integers, prefer or {})
    return Solution(True, model) if model is not None else Solution(None)


def _cost(constraints: list[Constraint], name: str) -> int:
    """How many new constraints eliminating ``name`` makes (fewest first keeps the set small)."""
    ups = sum(1 for c in constraints if c.coefficient(name) > 0)
    downs = sum(1 for c in constraints if c.coefficient(name) < 0)
    return ups * downs - ups - downs


def _combine(upper: Constraint, lower: Constraint, name: str) -> Constraint:
    """The positive combination of two constraints in which ``name`` cancels out."""
    a, b = upper.coefficient(name), -lower.coefficient(name)
    merged: dict[str, int] = {}
    for v, c in upper.coefficients:
        merged[v] = merged.get(v, 0) + b * c
    for v, c in lower.coefficients:
        merged[v] = merged.get(v, 0) + a * c
    kept = tuple(sorted((v, c) for v, c in merged.items() if c != 0))
    return Constraint(kept, b * upper.constant + a * lower.constant, upper.strict or lower.strict)


def _normalised(constraints: Iterable[Constraint], integers: frozenset[str]) -> list[Constraint] | None:
    """Tightened, reduced and without duplicates or constant truths; None when a constant is false."""
    seen: set[Constraint] = set()
    kept: list[Constraint] = []
    for given in constraints:
        item = _reduced(given, integers)
        if not item.coefficients:
            if item.constant > 0 or (item.strict and item.constant == 0):
                return None
            continue
        if item not in seen:
            seen.add(item)
            kept.append(item)
    return kept


def _reduced(item: Constraint, integers: frozenset[str]) -> Constraint:
    """``item`` divided by the gcd of its coefficients; tightened when all its variables are whole.

    Over whole numbers, ``sum < -k`` is ``sum <= -k - 1``, and dividing ``sum <= -k`` by the coefficients' gcd
    ``g`` rounds the bound down: ``sum / g <= floor(-k / g)``.
    """
    if not item.coefficients:
        return item
    divisor = math.gcd(*(c for _, c in item.coefficients))
    if all(v in integers for v, _ in item.coefficients):
        constant = item.constant + (1 if item.strict else 0)
        return Constraint(tuple((v, c // divisor) for v, c in item.coefficients), -((-constant) // divisor), False)
    divisor = math.gcd(divisor, item.constant)
    return Constraint(tuple((v, c // divisor) for v, c in item.coefficients), item.constant // divisor, item.strict)


def _back_substitute(stages: list[tuple[str, list[Constraint]]], integers: frozenset[str],
                     prefer: Mapping[str, Fraction]) -> dict[str, Fraction] | None:
    """Values for the eliminated variables, last eliminated first, within the bounds the others leave."""
    model: dict[str, Fraction] = {}
    for name, involved in reversed(stages):
        low: tuple[Fraction, bool] | None = None
        high: tuple[Fraction, bool] | None = None
        for item in involved:
            a = item.coefficient(name)
            rest = sum((c * model[v] for v, c in item.coefficients if v != name), Fraction(item.constant))
            bound = -rest / a
            if a > 0 and (high is None or bound < high[0] or (bound == high[0] and item.strict)):
                high = (bound, item.strict)
            if a < 0 and (low is None or bound > low[0] or (bound == low[0] and item.strict)):
                low = (bound, item.strict)
        value = _pick(low, high, prefer.get(name, Fraction(0)), name in integers)
        if value is None:
            return None
        model[name] = value
    return model


def _pick(low: tuple[Fraction, bool] | None, high: tuple[Fraction, bool] | None, preferred: Fraction,
          whole: bool) -> Fraction | None:
    """A value within the bounds, as close to ``preferred`` as is simple; None when there is none."""
    if whole:
        least = None if low is None else Fraction(math.floor(low[0]) + 1 if low[1] else math.ceil(low[0]))
        most = None if high is None else Fraction(math.ceil(high[0]) - 1 if high[1] else math.floor(high[0]))
        value = Fraction(math.floor(preferred))
        if least is not None:
            value = max(value, least)
        if most is not None:
            value = min(value, most)
        ok = (least is None or value >= least) and (most is None or value <= most)
        return value if ok else None
    above_low = low is None or preferred > low[0] or (preferred == low[0] and not low[1])
    below_high = high is None or preferred < high[0] or (preferred == high[0] and not high[1])
    if above_low and below_high:
        return preferred
    if low is not None and high is not None:
        if low[0] > high[0] or (low[0] == high[0] and (low[1] or high[1])):
            return None
        if low[0] == high[0]:
            return low[0]
        return low[0] if not above_low and not low[1] else high[0] if not high[1] else (low[0] + high[0]) / 2
    if low is not None:
        return low[0] + (1 if low[1] else 0)
    assert high is not None
    return high[0] - (1 if high[1] else 0)
