"""A tree's conditions as logic the checker can reason about, for every answer and every day.

Each condition is turned into three formulas over *literals*: when it evaluates to true (``T``), to false
(``F``) and when it fails at run time (``E``: a date out of range, a division by zero), following the
evaluator exactly (``and``/``or`` stop early, so ``a and b`` fails only if ``a`` holds and ``b`` fails).
A literal is one of:

- a linear constraint over the answers to number and date questions and ``today`` (dates as day numbers):
  ``days_between(a, b)`` is ``b - a``, ``a + n`` and ``add_days(a, n)`` add ``n``, numbers are multiplied by
  constants. Python computes these with whole numbers, so the exact reasoning of ``wizard.linear`` matches it;
- ``x ∈ S`` for a choice or yes/no answer ``x`` and a set of its option keys, or for a checkbox answer ``x``
  and a set of the sets of boxes it may hold (``'dated' in x`` is ``x`` among the sets with that box);
- the state (true, false or failing) of an *opaque* comparison: one this module cannot reason about
  (``add_working_days`` of an answer by an answer, ``min``/``max``, a product of two answers, a division).
  An opaque comparison may take any state, independently. Arithmetic on fractions, which Python rounds, is
  opaque only in whether it holds: it fails exactly when its dates leave the calendar.

``add_months`` and ``add_working_days`` by a constant become a shift by an unknown number of days within
bounds (a month is 28 to 31 days). Every literal describes the reader's possible situation or a superset of
it, so "no assignment satisfies this" is a proof. The question's own limits (``min``, ``max``, whole numbers,
typable numbers, real dates) are *facts* of their variables, and ``today`` is any day from the day of the
check on (a reader never uses the site before it was checked).

Also here: the parts of a formula that fail whatever the answers (``constant_failures``).
Standard library only.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, cast

from wizard import linear
from wizard.compiled import compile_node
from wizard.core import expr, kinds
from wizard.core.engine import validate_answer

TODAY = "today"
FIRST_DAY = datetime.date.min.toordinal()
LAST_DAY = datetime.date.max.toordinal()
DIVISION_BY_ZERO = "a division by zero"
# Formulas without `today` give the same on any day; this one stands for all.
_ANY_DAY = datetime.date(2000, 1, 1)
# Past this size a number in a formula is no longer safe to mix with fractions (floats end near 1.8e308).
HUGE = 10 ** 200
# Readers type at most this many digits before the decimal point (the engine's number pattern).
MAX_WHOLE_DIGITS = expr.MAX_DIGITS


class Unsupported(Exception):
    """A part of a formula outside the reasoning: ``node`` is where, ``reason`` says why in editors' words."""

    def __init__(self, node: expr.Expr, reason: str) -> None:
        super().__init__(reason)
        self.node = node
        self.reason = reason


class AlwaysFails(Exception):
    """A part of a formula that fails for every answer (a constant division by zero, ...)."""


# Formulas over literals ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Linear:
    """A linear constraint holds."""

    item: linear.Constraint


@dataclass(frozen=True)
class Among:
    """A choice answer is one of ``values``."""

    name: str
    values: frozenset[str]


@dataclass(frozen=True)
class State:
    """Opaque comparison ``index`` is true (``T``), false (``F``) or fails (``E``)."""

    index: int
    state: str


@dataclass(frozen=True)
class All:
    """Every part holds (``All(())`` is true)."""

    parts: tuple[Formula, ...]


@dataclass(frozen=True)
class Some:
    """At least one part holds (``Some(())`` is false)."""

    parts: tuple[Formula, ...]


Formula = Linear | Among | State | All | Some
TRUE: Formula = All(())
FALSE: Formula = Some(())


def conj(*parts: Formula) -> Formula:
    """``and`` of the parts, simplified when one is a constant."""
    if any(p == FALSE for p in parts):
        return FALSE
    kept = tuple(p for p in parts if p != TRUE)
    return kept[0] if len(kept) == 1 else All(kept)


def disj(*parts: Formula) -> Formula:
    """``or`` of the parts, simplified when one is a constant."""
    if any(p == TRUE for p in parts):
        return TRUE
    kept = tuple(p for p in parts if p != FALSE)
    return kept[0] if len(kept) == 1 else Some(kept)


@dataclass(frozen=True)
class Outcomes:
    """When a condition is true, false, or fails at run time."""

    true: Formula
    false: Formula
    fails: Formula


# Answers and their domains -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    """What a question allows: its node (for the engine's own validation) and how formulas see it.

    ``type`` is the answer's type in formulas (``expr.TYPE_*``); ``options`` are the answers it is tried with, as
    typed (``kinds.answers_worth_trying``: an option's key, a set of boxes), each seen by formulas as ``value``
    gives it; ``whole`` says formulas see the answer as a whole number (dates are day numbers).
    """

    node: Mapping[str, Any]
    type: str = field(init=False)
    options: tuple[str, ...] = field(init=False)
    whole: bool = field(init=False)
    _values: dict[str, object] = field(init=False, default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        kind = str(kinds.answer_type(self.node))
        options = kinds.answers_worth_trying(self.node) or ()
        whole = kind == expr.TYPE_DATE or (kind == expr.TYPE_NUMBER and bool(self.node.get("integer", True)))
        for name, value in (("type", kind), ("options", options), ("whole", whole)):
            object.__setattr__(self, name, value)

    def value(self, option: str) -> object:
        """One of ``options`` as formulas see it: what the question's reader makes of it (a key, a set of keys)."""
        if option not in self._values:
            self._values[option] = validate_answer(compile_node(self.node), option, _ANY_DAY)[0]
        return self._values[option]


def answers_of(nodes: Mapping[str, Mapping[str, Any]]) -> dict[str, Answer]:
    """The questions of a tree, by id (choice, yes/no, number and date nodes)."""
    return {nid: Answer(node) for nid, node in nodes.items() if kinds.is_question(node)}


def _ordinal(value: object) -> Fraction:
    return Fraction(datetime.date.fromisoformat(str(value)).toordinal())


def _at_least(name: str, low: Fraction | str) -> linear.Constraint:
    """``name >= low``, where ``low`` is a number or another variable."""
    if isinstance(low, str):
        return linear.constraint({name: Fraction(-1), low: Fraction(1)}, Fraction(0), False)
    return linear.constraint({name: Fraction(-1)}, low, False)


def _at_most(name: str, high: Fraction | str) -> linear.Constraint:
    """``name <= high``, where ``high`` is a number or another variable."""
    if isinstance(high, str):
        return linear.constraint({name: Fraction(1), high: Fraction(-1)}, Fraction(0), False)
    return linear.constraint({name: Fraction(1)}, -high, False)


# From formulas to literals -------------------------------------------------------------------------------------


@dataclass
class _Term:
    """A number or date formula as ``sum(coefficients * variables) + constant``.

    ``whole`` says Python computes it with whole numbers only (so exactly); ``in_range`` lists the constraints
    under which every date it moves stays a real date (otherwise evaluation fails).
    """

    coefficients: dict[str, Fraction]
    constant: Fraction
    whole: bool
    is_date: bool = False
    in_range: tuple[linear.Constraint, ...] = ()

    @property
    def is_constant(self) -> bool:
        return not any(self.coefficients.values())

    def plus(self, other: _Term, sign: int) -> _Term:
        merged = dict(self.coefficients)
        for name, value in other.coefficients.items():
            merged[name] = merged.get(name, Fraction(0)) + sign * value
        # A date plus or minus days is a date; a date minus a date is a number of days.
        is_date = self.is_date != other.is_date
        return _Term(merged, self.constant + sign * other.constant, self.whole and other.whole, is_date,
                     self.in_range + other.in_range)

    def scaled(self, factor: Fraction, whole: bool) -> _Term:
        return _Term({n: v * factor for n, v in self.coefficients.items()}, self.constant * factor,
                     self.whole and whole, self.is_date, self.in_range)

    def inside_calendar(self) -> _Term:
        """This date term, required to stay within the dates Python has (1 January 1 to 31 December 9999)."""
        low = linear.constraint({n: -v for n, v in self.coefficients.items()}, FIRST_DAY - self.constant, False)
        high = linear.constraint(self.coefficients, self.constant - LAST_DAY, False)
        return _Term(self.coefficients, self.constant, self.whole, True, (*self.in_range, low, high))


@dataclass
class Translation:
    """The formulas of one tree, turned into literals; shared by every question asked about them."""

    answers: Mapping[str, Answer]
    check_day: datetime.date
    opaque: list[tuple[str, str]] = field(default_factory=list)  # (formula text, reason) of each opaque index
    shifts: dict[tuple[object, ...], str] = field(default_factory=dict)
    facts: dict[str, tuple[linear.Constraint, ...]] = field(default_factory=dict)
    approximations: list[str] = field(default_factory=list)  # texts of bounded shifts, for "unproven" reasons
    conditions: dict[str, Outcomes] = field(default_factory=dict)  # each worked out once, by its text
    integers: frozenset[str] = frozenset()  # the variables that only take whole values

    def __post_init__(self) -> None:
        whole = {n for n, a in self.answers.items() if a.whole}
        self.integers = frozenset({TODAY, *whole})

    def facts_of(self, name: str) -> tuple[linear.Constraint, ...]:
        """What is always true of a variable: its question's limits, the days readers live, a shift's bounds."""
        if name not in self.facts:
            if name == TODAY:
                self.facts[name] = (_at_least(TODAY, Fraction(self.check_day.toordinal())),
                                    _at_most(TODAY, Fraction(LAST_DAY)))
            else:
                self.facts[name] = tuple(self._domain(name, self.answers[name]))
        return self.facts[name]

    def _domain(self, name: str, answer: Answer) -> Iterator[linear.Constraint]:
        node = answer.node
        if answer.type == expr.TYPE_DATE:
            yield _at_least(name, Fraction(FIRST_DAY))
            yield _at_most(name, Fraction(LAST_DAY))
            for key, bound in (("min", _at_least), ("max", _at_most)):
                value = node.get(key)
                if value is not None:
                    yield bound(name, TODAY if value == TODAY else _ordinal(value))
        elif answer.type == expr.TYPE_NUMBER:
            limit = Fraction(10 ** MAX_WHOLE_DIGITS)
            yield linear.constraint({name: Fraction(1)}, -limit, True)
            yield linear.constraint({name: Fraction(-1)}, -limit, True)
            for key, bound in (("min", _at_least), ("max", _at_most)):
                if node.get(key) is not None:
                    yield bound(name, Fraction(node[key]))


    # Conditions ------------------------------------------------------------------------------------------------

    def condition(self, node: expr.Expr, source: str) -> Outcomes:
        """``outcomes`` of a whole condition, remembered by its text."""
        if source not in self.conditions:
            self.conditions[source] = self.outcomes(node, source)
        return self.conditions[source]

    def outcomes(self, node: expr.Expr, source: str) -> Outcomes:
        """When the condition ``node`` (parsed from ``source``) is true, false, or fails."""
        if isinstance(node, expr.Literal):
            return Outcomes(TRUE, FALSE, FALSE) if node.value is True else Outcomes(FALSE, TRUE, FALSE)
        if isinstance(node, expr.Not):
            inner = self.outcomes(node.operand, source)
            return Outcomes(inner.false, inner.true, inner.fails)
        if isinstance(node, expr.Member):
            return self._member(node, source)
        if isinstance(node, expr.Within):
            return self._within(node, source)
        if isinstance(node, expr.Binary) and node.op in ("and", "or"):
            left, right = self.outcomes(node.left, source), self.outcomes(node.right, source)
            if node.op == "and":
                return Outcomes(conj(left.true, right.true), disj(left.false, conj(left.true, right.false)),
                                disj(left.fails, conj(left.true, right.fails)))
            return Outcomes(disj(left.true, conj(left.false, right.true)), conj(left.false, right.false),
                            disj(left.fails, conj(left.false, right.fails)))
        if isinstance(node, expr.Binary) and node.op in expr.COMPARISONS:
            return self._comparison(node, source)
        return self._opaque(node, source, "it is not a comparison")

    def _member(self, node: expr.Member, source: str) -> Outcomes:
        # `x in [a, b]` is worked out like `x == a or x == b`: the item once, the list until a match.
        chain: expr.Expr = expr.Binary(node.offset, node.length, "==", node.item, node.choices[0])
        for choice in node.choices[1:]:
            chain = expr.Binary(node.offset, node.length, "or", chain,
                                expr.Binary(node.offset, node.length, "==", node.item, choice))
        found = self.outcomes(chain, source)
        return Outcomes(found.false, found.true, found.fails) if node.negated else found

    def _within(self, node: expr.Within, source: str) -> Outcomes:
        """``'dated' in details``: the answer is one of the sets with that box (the checker has typed it)."""
        answer = self.answers.get(node.ticked.name) if isinstance(node.ticked, expr.Name) else None
        if answer is None or answer.type != expr.TYPE_SET or not kinds.tries_every_answer(answer.node) or not (
                isinstance(node.item, expr.Literal) and isinstance(node.item.value, str)):
            return self._opaque(node, source, "tests the boxes of a question with too many boxes to try every set")
        box, name = node.item.value, cast(expr.Name, node.ticked).name
        ticked = frozenset(o for o in answer.options if box in cast(frozenset[str], answer.value(o)))
        inside, outside = Among(name, ticked), Among(name, frozenset(answer.options) - ticked)
        return Outcomes(outside, inside, FALSE) if node.negated else Outcomes(inside, outside, FALSE)

    def _comparison(self, node: expr.Binary, source: str) -> Outcomes:
        if node.op in ("==", "!=") and _is_condition(node.left):
            left, right = self.outcomes(node.left, source), self.outcomes(node.right, source)
            same = disj(conj(left.true, right.true), conj(left.false, right.false))
            other = disj(conj(left.true, right.false), conj(left.false, right.true))
            fails = disj(left.fails, conj(disj(left.true, left.false), right.fails))
            return Outcomes(same, other, fails) if node.op == "==" else Outcomes(other, same, fails)
        left_text, right_text = self._texts(node.left), self._texts(node.right)
        if left_text is not None and right_text is not None:
            equal = self._text_equal(left_text, right_text)
            unequal = self._text_equal(left_text, right_text, negated=True)
            return Outcomes(equal, unequal, FALSE) if node.op == "==" else Outcomes(unequal, equal, FALSE)
        return self._arithmetic_comparison(node, source)

    def _arithmetic_comparison(self, node: expr.Binary, source: str) -> Outcomes:
        try:
            left, right = self.term(node.left), self.term(node.right)
        except AlwaysFails:
            return Outcomes(FALSE, FALSE, TRUE)
        except Unsupported as exc:
            return self._opaque(node, source, exc.reason, exc.node)
        difference = left.plus(right, -1)
        defined = conj(*(Linear(c) for c in difference.in_range))
        fails = disj(*(Linear(linear.negation(c)) for c in difference.in_range))
        if not ((left.whole or _bare(node.left)) and (right.whole or _bare(node.right))):
            # Rounded arithmetic: whether it holds is not known exactly, but it fails only as the exact terms say
            # (floats never raise; only a date moved out of the calendar does).
            rounded = self._opaque(node, source, "it computes with fractions, which are rounded")
            return Outcomes(conj(defined, rounded.true), conj(defined, rounded.false), fails)
        holds = self._compare(difference, node.op)
        return Outcomes(conj(defined, holds), conj(defined, self._compare(difference, _NEGATED[node.op])), fails)

    def _compare(self, difference: _Term, op: str) -> Formula:
        """``difference op 0`` as literals."""
        def at(sign: int, strict: bool) -> Formula:
            coefficients = {n: sign * v for n, v in difference.coefficients.items()}
            return Linear(linear.constraint(coefficients, sign * difference.constant, strict))
        if op == "==":
            return conj(at(1, False), at(-1, False))
        if op == "!=":
            return disj(at(1, True), at(-1, True))
        return at(1 if op in ("<", "<=") else -1, op in ("<", ">"))

    def _opaque(self, node: expr.Expr, source: str, reason: str, part: expr.Expr | None = None) -> Outcomes:
        text = _text(source, node)
        shown = _text(source, part) if part is not None else text
        entry = (text, f"`{shown}` {reason}" if part is not None else f"`{text}`: {reason}")
        if entry not in self.opaque:
            self.opaque.append(entry)
        index = self.opaque.index(entry)
        return Outcomes(State(index, "T"), State(index, "F"), State(index, "E"))

    def _texts(self, node: expr.Expr) -> tuple[str, ...] | str | None:
        """A text side of a comparison: the options of a choice answer (as its name), a literal, or None."""
        if isinstance(node, expr.Literal) and isinstance(node.value, str):
            return (node.value,)
        if isinstance(node, expr.Name) and node.name in self.answers and self.answers[node.name].options:
            return node.name
        return None

    def _text_equal(self, left: tuple[str, ...] | str, right: tuple[str, ...] | str, *,
                    negated: bool = False) -> Formula:
        if isinstance(left, tuple) and isinstance(right, tuple):
            return TRUE if (left == right) != negated else FALSE
        if isinstance(left, tuple):
            left, right = right, left
        assert isinstance(left, str)
        options = self.answers[left].options
        if isinstance(right, tuple):
            kept = frozenset(o for o in options if (o in right) != negated)
            return Among(left, kept)
        # Two choice answers: split on the first one's value.
        other = self.answers[right].options
        return disj(*(conj(Among(left, frozenset({value})),
                           Among(right, frozenset(o for o in other if (o == value) != negated)))
                      for value in options))

    # Terms -------------------------------------------------------------------------------------------------------

    def term(self, node: expr.Expr) -> _Term:
        """A number or date formula as a linear term; ``Unsupported`` outside the fragment."""
        found = self._term(node)
        if max((abs(v) for v in (found.constant, *found.coefficients.values())), default=0) > HUGE:
            # Python turns such a whole number into a float only with an error (or rounds it): not exact any more.
            raise Unsupported(node, "works with numbers too large to compute exactly")
        return found

    def _term(self, node: expr.Expr) -> _Term:
        if not any(isinstance(n, expr.Name) for n in expr.walk(node)):
            return _constant(node)
        if isinstance(node, expr.Name):
            if node.name != TODAY and self.answers[node.name].type not in (expr.TYPE_NUMBER, expr.TYPE_DATE):
                raise Unsupported(node, "is not a number or a date")
            is_date = node.name == TODAY or self.answers[node.name].type == expr.TYPE_DATE
            whole = is_date or self.answers[node.name].whole
            return _Term({node.name: Fraction(1)}, Fraction(0), whole, is_date)
        if isinstance(node, expr.Negate):
            return self.term(node.operand).scaled(Fraction(-1), True)
        if isinstance(node, expr.Binary):
            return self._binary(node)
        if isinstance(node, expr.Call):
            return self._call(node)
        raise Unsupported(node, "cannot be reasoned about")

    def _binary(self, node: expr.Binary) -> _Term:
        if node.op == "/":
            divisor = self.term(node.right)
            if divisor.is_constant and divisor.constant == 0:
                raise AlwaysFails
            raise Unsupported(node, "divides, and divisions are rounded")
        left, right = self.term(node.left), self.term(node.right)
        if node.op == "*":
            if not (left.is_constant or right.is_constant):
                raise Unsupported(node, "multiplies two answers")
            factor, other = (left, right) if left.is_constant else (right, left)
            return other.scaled(factor.constant, factor.whole)
        result = left.plus(right, 1 if node.op == "+" else -1)
        if left.is_date == right.is_date:
            return result
        # A date moved by a number of days: the days must be whole, and the date must stay a real date.
        days = left if right.is_date else right
        if days.is_constant and days.constant.denominator != 1:
            raise AlwaysFails
        if not days.whole:
            raise Unsupported(node, "moves a date by a number that may not be whole")
        return result.inside_calendar()

    def _call(self, node: expr.Call) -> _Term:
        if node.name == "days_between":
            return self.term(node.args[1]).plus(self.term(node.args[0]), -1)
        if node.name == "add_days":
            return self._binary(expr.Binary(node.offset, node.length, "+", node.args[0], node.args[1]))
        if node.name in ("add_months", "add_working_days"):
            return self._bounded_shift(node)
        raise Unsupported(node, f"uses `{node.name}` of an answer, which the checker cannot reason about")

    def _bounded_shift(self, node: expr.Call) -> _Term:
        start, count = self.term(node.args[0]), node.args[1]
        if any(isinstance(n, expr.Name) for n in expr.walk(count)):
            raise Unsupported(node, f"uses `{node.name}` by an answer, which the checker cannot reason about")
        # Evaluating the call from any valid start date tells whether the count itself is refused.
        try:
            expr.evaluate(expr.Call(node.offset, node.length, node.name,
                                    (expr.Name(0, 5, TODAY), count)), {}, datetime.date(5000, 1, 1))
        except expr.EvalError as exc:
            if "out of range" not in exc.message:
                raise AlwaysFails from None
        days = _constant(count).constant
        if days == 0:
            return start
        low, high = _shift_bounds(node.name, int(days))
        key = (node.name, tuple(sorted(start.coefficients.items())), start.constant, days)
        name = self.shifts.setdefault(key, f"#shift{len(self.shifts)}")
        self.integers |= {name}
        self.facts[name] = (_at_least(name, Fraction(low)), _at_most(name, Fraction(high)))
        self.approximations.append(f"`{node.name}` moves a date by a number of days that depends on the date")
        return start.plus(_Term({name: Fraction(1)}, Fraction(0), True), 1).inside_calendar()


_NEGATED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}


def _shift_bounds(name: str, count: int) -> tuple[int, int]:
    """The fewest and most calendar days ``count`` months or working days can be (negative counts go back)."""
    size = abs(count)
    if name == "add_months":  # months of 28 to 31 days, and up to 3 days lost to a shorter last month
        low, high = 28 * size - 3, 31 * size + 3
    else:  # every working day is a later day; at most two weekend days per five working days, plus one weekend
        low, high = size, 7 * (size // 5) + size % 5 + 4
    return (low, high) if count > 0 else (-high, -low)


def _constant(node: expr.Expr) -> _Term:
    """A formula without answers or ``today``, worked out now; ``_AlwaysFails`` when it cannot be."""
    try:
        value = expr.evaluate(node, {}, _ANY_DAY)
    except expr.EvalError:
        raise AlwaysFails from None
    if isinstance(value, datetime.date):
        return _Term({}, Fraction(value.toordinal()), True, True)
    assert isinstance(value, (int, float)) and not isinstance(value, bool)
    return _Term({}, Fraction(value), isinstance(value, int))


def _is_condition(node: expr.Expr) -> bool:
    return isinstance(node, (expr.Not, expr.Member)) or (isinstance(node, expr.Literal) and isinstance(
        node.value, bool)) or (isinstance(node, expr.Binary) and node.op in ("and", "or", *expr.COMPARISONS))


def _bare(node: expr.Expr) -> bool:
    """A single answer, or a value without answers (worked out once, to the very float Python uses).

    Python compares such a value exactly with any number, even when it is a fraction.
    """
    return isinstance(node, expr.Name) or not any(isinstance(n, expr.Name) for n in expr.walk(node))


def _text(source: str, node: expr.Expr) -> str:
    return source[node.offset:node.offset + node.length]


def constant_failures(node: expr.Expr) -> list[tuple[expr.Expr, str]]:
    """Parts of a formula without answers or ``today`` that fail whatever the answers: (part, what fails).

    A division whose divisor is such a part and is 0 counts, even when the number divided reads answers.
    Only the innermost failing part is given, so one mistake gives one message.
    """
    found: list[tuple[expr.Expr, str]] = []
    _closed_and_failing(node, found)
    return found


def _closed_and_failing(node: expr.Expr, found: list[tuple[expr.Expr, str]]) -> tuple[bool, bool]:
    """Whether ``node`` reads no answer and no ``today``, and whether it then fails; failures go to ``found``."""
    results = [_closed_and_failing(child, found) for child in _children(node)]
    if isinstance(node, expr.Name):
        return False, False
    closed = all(c for c, _ in results)
    divisor_known = isinstance(node, expr.Binary) and node.op == "/" and results[1] == (True, False)
    if divisor_known and expr.evaluate(node.right, {}, _ANY_DAY) == 0:  # type: ignore[attr-defined]
        found.append((node, DIVISION_BY_ZERO))
        return closed, True
    if not closed or isinstance(node, expr.Literal):
        return closed, False
    if any(f for _, f in results):
        return True, True
    try:
        expr.evaluate(node, {}, _ANY_DAY)
    except expr.EvalError as exc:
        found.append((node, exc.message))
        return True, True
    return True, False


def reads_today(node: expr.Expr) -> bool:
    """Whether a formula reads ``today``."""
    return any(isinstance(n, expr.Name) and n.name == TODAY for n in expr.walk(node))


def _children(node: expr.Expr) -> list[expr.Expr]:
    """The sub-formulas of a node, in order (read from its fields, so every kind of node is covered)."""
    found: list[expr.Expr] = []
    for name in node.__dataclass_fields__:
        value = getattr(node, name)
        found.extend(v for v in (value if isinstance(value, tuple) else (value,)) if isinstance(v, expr.Expr))
    return found
