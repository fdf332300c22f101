"""The named functions that a tree's formulas may call.

Each function is small, pure and tested on its own; the expression checker reads the table below to know
how many arguments a function takes and what it gives, so a typo or a wrong argument is a check error, not a
surprise in a reader's browser. Standard library only (runs on Pyodide).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass


def _days_in_month(year: int, month: int) -> int:
    """How many days the month has (``month`` from 1 to 12).

    Worked out with datetime rather than the calendar module, which takes tens of milliseconds to import
    under Pyodide, on the way to the wizard's first answer.
    """
    if month == 12:
        return 31  # and the next month may lie past the last year a date can have
    return (datetime.date(year, month + 1, 1) - datetime.date(year, month, 1)).days

# Type names shared with the expression language.
NUMBER = "number"
DATE = "date"
TEXT = "text"
BOOL = "bool"
SET = "set"  # the options ticked in a checkbox question, as a frozenset of their keys

# Python's date range ends in year 9999; formulas that go past it fail cleanly (see ``FunctionError``).
_LATEST = datetime.date.max


class FunctionError(ValueError):
    """A function was given values it cannot work with (a date past year 9999, for example)."""


@dataclass(frozen=True)
class FunctionSpec:
    """What the checker needs to know about one function.

    ``params`` lists the argument types; when ``variadic`` is set the function takes one or more arguments of a
    single type from ``params`` (``min``/``max``), and gives that same type.
    """

    name: str
    params: tuple[str, ...]
    returns: str
    impl: Callable[..., object]
    summary: str
    variadic: bool = False


def days_between(start: datetime.date, end: datetime.date) -> int:
    """Days from ``start`` to ``end``: negative when ``end`` is earlier."""
    return (end - start).days


def add_days(day: datetime.date, count: int | float) -> datetime.date:
    """The date ``count`` days after ``day`` (before it when ``count`` is negative)."""
    return _shift(day, _whole(count, "add_days"))


def add_months(day: datetime.date, count: int | float) -> datetime.date:
    """The same day ``count`` months later; the month's last day when it is shorter (31 January + 1 = 28/29 Feb)."""
    months = _whole(count, "add_months")
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        raise FunctionError("the date would be out of range")
    last = _days_in_month(year, month + 1)
    return datetime.date(year, month + 1, min(day.day, last))


def add_working_days(day: datetime.date, count: int | float) -> datetime.date:
    """The date ``count`` working days (Monday to Friday) after ``day``.

    Counting starts on the day after ``day`` and skips Saturdays and Sundays, so Friday + 1 and Saturday + 1
    are both Monday. Public holidays are not known to the engine; outcomes that depend on them say so.
    """
    days = _whole(count, "add_working_days")
    if days == 0:
        return day
    if abs(days) > 1_000_000:
        raise FunctionError("that is too many working days")
    direction = 1 if days > 0 else -1
    current = day
    if current.weekday() >= 5:
        # From a weekend, counting forward is the same as counting from the Friday before (and backward, from
        # the Monday after); from a weekday, whole weeks of five working days are exactly seven days.
        current = _shift(current, -(current.weekday() - 4) if direction > 0 else 7 - current.weekday())
    weeks, remaining = divmod(abs(days), 5)
    current = _shift(current, direction * weeks * 7)
    while remaining:
        current = _shift(current, direction)
        if current.weekday() < 5:
            remaining -= 1
    return current


def smallest(*values: object) -> object:
    """The smallest of the values (numbers, or dates)."""
    return min(values)  # type: ignore[type-var]


def largest(*values: object) -> object:
    """The largest of the values (numbers, or dates)."""
    return max(values)  # type: ignore[type-var]


def count(ticked: frozenset[str]) -> int:
    """How many options are ticked in a checkbox question."""
    return len(ticked)


def parse_date(text: str) -> datetime.date:
    """A date written ``YYYY-MM-DD``."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise FunctionError(f"'{text}' is not a date written YYYY-MM-DD") from None


def _whole(count: int | float, name: str) -> int:
    if isinstance(count, float):
        if not count.is_integer():
            raise FunctionError(f"{name} needs a whole number, not {count}")
        return int(count)
    return count


def _shift(day: datetime.date, days: int) -> datetime.date:
    try:
        return day + datetime.timedelta(days=days)
    except OverflowError:
        raise FunctionError("the date would be out of range") from None


FUNCTIONS: dict[str, FunctionSpec] = {
    spec.name: spec
    for spec in (
        FunctionSpec("days_between", (DATE, DATE), NUMBER, days_between, "days from the first date to the second"),
        FunctionSpec("add_days", (DATE, NUMBER), DATE, add_days, "the date a number of days later"),
        FunctionSpec("add_months", (DATE, NUMBER), DATE, add_months, "the same day a number of months later"),
        FunctionSpec("add_working_days", (DATE, NUMBER), DATE, add_working_days,
                     "the date a number of working days (Monday to Friday) later"),
        FunctionSpec("min", (NUMBER, DATE), NUMBER, smallest, "the smallest value", variadic=True),
        FunctionSpec("max", (NUMBER, DATE), NUMBER, largest, "the largest value", variadic=True),
        FunctionSpec("date", (TEXT,), DATE, parse_date, "a date written 'YYYY-MM-DD'"),
        FunctionSpec("count", (SET,), NUMBER, count, "how many options are ticked in a checkbox question"),
    )
}


def function_names() -> Sequence[str]:
    """The names a formula may call, sorted."""
    return sorted(FUNCTIONS)
