"""A few answers per question that, together, show everything two versions of a tree can do (for ``wizard diff``).

A choice or a yes/no question gives every option of either version. A number or a date has no end of answers,
so its range is cut where some condition of either tree can change its value: a comparison that reads that one
answer and is a straight line in it (``+ - * /`` by fixed numbers, ``days_between``, ``add_days``) changes at a
single point, found by working the formula out at two answers. At each point and between two points every answer
behaves alike, so one value per piece is enough and the comparison is exhaustive. Conditions of any other shape
(two answers compared with each other, ``add_months``, ``min``) are only tried on those values, and ``reasons``
says so. A date is cut relative to the day taken as today; a tree that reads today is tried on a few days.
"""

from __future__ import annotations

import contextlib
import datetime
import itertools
import math
from collections.abc import Iterator, Mapping
from typing import Any

from wizard import schema, schema_walk
from wizard.core import expr, kinds

# Answers with no end of values: tried where a condition turns, within the question's min and max.
_RANGES = (expr.TYPE_NUMBER, expr.TYPE_DATE)
MAX_DAYS = 6  # days tried as today when a formula reads it


def formulas(nodes: Mapping[str, Any]) -> Iterator[str]:
    """Every formula of a compiled tree's nodes (the fields the schema marks as formulas: rules' conditions, next
    steps' and deadlines' conditions and dates)."""
    for found in schema_walk.walk(nodes, schema.MapOf(schema_walk.node_kind()),
                                  within=schema_walk.is_formula):
        if schema_walk.is_formula(found.field.kind) and isinstance(found.value, str) and found.value:
            yield found.value


class AnswerSpace:
    """The answers worth trying for each question of an old and a new compiled tree."""

    def __init__(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        self.sides: list[Mapping[str, Any]] = [old["nodes"], new["nodes"]]
        self.reasons: list[str] = []  # why the result is sampled rather than exhaustive, in plain words
        self.solvable: dict[str, list[expr.Expr]] = {}  # answer id -> straight-line comparisons that read it
        self.about_today: list[expr.Expr] = []  # comparisons that read only today's date
        self.dates: set[datetime.date] = set()  # fixed dates written in the trees
        self.reads_today = False
        self.read: set[str] = set()
        self.infinite = {nid for nodes in self.sides for nid, node in nodes.items()
                         if kinds.answer_type(node) in _RANGES}
        for source in dict.fromkeys(f for nodes in self.sides for f in formulas(nodes)):
            self._study(source)
        for nodes in self.sides:
            for nid, node in nodes.items():
                if kinds.answer_type(node) != expr.TYPE_DATE:
                    continue
                for key in ("min", "max"):
                    if node.get(key) == "today":
                        # A bound of today matters only where a formula reads the answer it bounds.
                        self.reads_today = self.reads_today or nid in self.read
                    elif node.get(key):
                        self.dates.add(datetime.date.fromisoformat(str(node[key])))

    def _study(self, source: str) -> None:
        try:
            formula = expr.compile_expression(source)
        except expr.ExprError:
            self.reasons.append(f"a formula that cannot be read ({source}) was left out")
            return
        self.read |= expr.names(formula)
        self.reads_today = self.reads_today or expr.reads_today(formula)
        for node in expr.walk(formula):
            if isinstance(node, expr.Call) and node.name == "date" and isinstance(node.args[0], expr.Literal):
                with contextlib.suppress(ValueError):
                    self.dates.add(datetime.date.fromisoformat(str(node.args[0].value)))
            if (isinstance(node, expr.Binary) and node.op in expr.COMPARISONS) or isinstance(node, expr.Member):
                self._comparison(node, source)

    def _comparison(self, node: expr.Expr, source: str) -> None:
        infinite = expr.names(node) & self.infinite
        if not infinite:
            if expr.reads_today(node) and _straight(node, "today"):
                self.about_today.append(node)
            return
        (name,) = infinite if len(infinite) == 1 else (None,)
        if name is not None and _straight(node, name):
            self.solvable.setdefault(name, []).append(node)
        else:
            reason = f"the condition {source} is only tried on sample answers"
            if reason not in self.reasons:
                self.reasons.append(reason)

    def todays(self, reference: datetime.date) -> list[datetime.date]:
        """The days to try as today: ``reference``, and, when a formula reads today, days around its turning
        points and just after each date written in the trees."""
        if not self.reads_today:
            return [reference]
        found: set[datetime.date] = set()
        for node in self.about_today:
            for point in _turning_points(node, "today", reference, True):
                found |= {_day(math.floor(point) + shift) for shift in (-1, 0, 1)}
        found |= {day + datetime.timedelta(days=1) for day in self.dates if day >= reference}
        days = [reference, *sorted(d for d in found if d != reference)][:MAX_DAYS]
        shown = ", ".join(d.isoformat() for d in days)
        self.reasons.append(f"formulas read today's date: tried with today = {shown}")
        return days

    def values(self, nid: str, today: datetime.date) -> list[str]:
        """The answers to try for question ``nid`` (as a reader would type them), on the day ``today``."""
        nodes = [nodes[nid] for nodes in self.sides if nid in nodes]
        found: dict[str, None] = {}
        for node in nodes:
            found.update((answer, None) for answer in kinds.answers_worth_trying(node) or ())
            reason = kinds.untried_answers(nid, node)
            if reason is not None and reason not in self.reasons:
                self.reasons.append(reason)
        for kind in _RANGES:
            same_kind = [node for node in nodes if kinds.answer_type(node) == kind]
            if same_kind:
                found.update((value, None) for value in self._range_values(nid, same_kind, today))
        return list(found)

    def _range_values(self, nid: str, nodes: list[Mapping[str, Any]], today: datetime.date) -> list[str]:
        is_date = kinds.answer_type(nodes[0]) == expr.TYPE_DATE
        lows = [_bound(node.get("min"), today) for node in nodes]
        highs = [_bound(node.get("max"), today) for node in nodes]
        points: set[float] = set()
        for node in self.solvable.get(nid, []):
            points |= set(_turning_points(node, nid, today, is_date))
        if len(set(lows)) > 1 or len(set(highs)) > 1:  # the versions accept different ranges: show the edges
            points |= {b for b in [*lows, *highs] if b is not None}
        whole = is_date or all(node.get("integer", True) for node in nodes)
        low = None if None in lows else min(b for b in lows if b is not None)
        high = None if None in highs else max(b for b in highs if b is not None)
        picked = _pieces(sorted(points), whole) or [low if low is not None else high if high is not None
                                                     else _default(is_date, today)]
        if not whole and len({node.get("integer", True) for node in nodes}) > 1:
            picked.append(picked[0] + 0.5)  # one version accepts fractions, the other does not
        clamped = {min(max(p, low if low is not None else p), high if high is not None else p) for p in picked}
        return [_day(int(p)).isoformat() if is_date else _number_text(p) for p in sorted(clamped)]


def _pieces(points: list[float], whole: bool) -> list[float]:
    """One value at each turning point that is a valid answer, one inside each gap, one below and one above."""
    if not points:
        return []
    picked: list[float] = [math.floor(points[0]) - 1, math.floor(points[-1]) + 1]
    for point in points:
        if (point.is_integer() if whole else round(point, 10) == point):
            picked.append(point)
    for below, above in itertools.pairwise(points):
        inside = _inside(below, above, whole)
        if inside is not None:
            picked.append(inside)
    return picked


def _inside(below: float, above: float, whole: bool) -> float | None:
    """A value a reader can type strictly between two turning points, if there is one."""
    if whole:
        whole_number = math.floor(below) + 1
        return whole_number if whole_number < above else None
    for digits in range(11):
        candidate = round((below + above) / 2, digits)
        if below < candidate < above:
            return candidate
    return None


def _straight(node: expr.Expr, name: str) -> bool:
    """Whether both sides of a comparison are straight lines in the answer ``name`` (or a fixed list of values)."""
    if isinstance(node, expr.Member):
        return isinstance(node.item, expr.Name) and node.item.name == name and all(
            _degree(choice, name) == 0 for choice in node.choices)
    assert isinstance(node, expr.Binary)
    return _degree(node.left, name) is not None and _degree(node.right, name) is not None


def _degree(node: expr.Expr, name: str) -> int | None:
    """0 for a fixed value, 1 for a straight line in ``name``, None for anything else."""
    if isinstance(node, expr.Literal):
        return 0
    if isinstance(node, expr.Name):
        return 1 if node.name == name else 0
    if isinstance(node, expr.Negate):
        return _degree(node.operand, name)
    if isinstance(node, expr.Binary) and node.op in "+-*/":
        left, right = _degree(node.left, name), _degree(node.right, name)
        if left is None or right is None or (node.op == "*" and left + right > 1) or (node.op == "/" and right):
            return None
        return max(left, right)
    if isinstance(node, expr.Call):
        degrees = [_degree(arg, name) for arg in node.args]
        if None in degrees:
            return None
        if not any(degrees):
            return 0
        # days_between(a, b) is b - a; add_days(day, n) is a straight line only when n does not read the answer.
        if node.name == "days_between" or (node.name == "add_days" and degrees[1:] == [0]):
            return 1
    return None


def _turning_points(node: expr.Expr, name: str, today: datetime.date, is_date: bool) -> list[float]:
    """Where a straight-line comparison in ``name`` changes value (dates as day numbers)."""
    if isinstance(node, expr.Member):
        values = [_evaluate(choice, {}, today) for choice in node.choices]
        return [v for v in values if v is not None]
    assert isinstance(node, expr.Binary)
    base = _default(is_date, today)
    at_base, after = (_difference(node, name, x, is_date, today) for x in (base, base + 1))
    if at_base is None or after is None or after == at_base:
        return []
    return [base - at_base / (after - at_base)]


def _difference(node: expr.Binary, name: str, x: float, is_date: bool, today: datetime.date) -> float | None:
    value: object = _day(int(x)) if is_date else x
    day = value if name == "today" and isinstance(value, datetime.date) else today
    left = _evaluate(node.left, {name: value}, day)
    right = _evaluate(node.right, {name: value}, day)
    return None if left is None or right is None else left - right


def _evaluate(node: expr.Expr, values: Mapping[str, object], today: datetime.date) -> float | None:
    try:
        result = expr.evaluate(node, values, today)
    except (expr.EvalError, TypeError, ValueError, OverflowError, ZeroDivisionError):
        return None
    if isinstance(result, datetime.date):
        return float(result.toordinal())
    if isinstance(result, (int, float)) and not isinstance(result, bool):
        return float(result)
    return None


def _bound(value: object, today: datetime.date) -> float | None:
    if value is None:
        return None
    if value == "today":
        return float(today.toordinal())
    if isinstance(value, (int, float)):
        return float(value)
    return float(datetime.date.fromisoformat(str(value)).toordinal())


def _default(is_date: bool, today: datetime.date) -> int:
    return today.toordinal() if is_date else 0


def _day(number: int) -> datetime.date:
    return datetime.date.fromordinal(min(max(number, 1), datetime.date.max.toordinal()))


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(round(value, 10))
