"""The named functions that formulas call."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wizard.core import functions

D = datetime.date


def _count_working_days_slowly(start: datetime.date, count: int) -> datetime.date:
    day, left, direction = start, abs(count), 1 if count >= 0 else -1
    while left:
        day += datetime.timedelta(days=direction)
        if day.weekday() < 5:
            left -= 1
    return day


@pytest.mark.parametrize(("start", "count", "expected"), [
    (D(2026, 11, 20), 5, D(2026, 11, 27)),   # Friday + 5 = next Friday
    (D(2026, 1, 31), 5, D(2026, 2, 6)),      # Saturday + 5 = Friday of the next week
    (D(2026, 11, 20), 1, D(2026, 11, 23)),   # Friday + 1 = Monday
    (D(2026, 11, 22), 1, D(2026, 11, 23)),   # Sunday + 1 = Monday
    (D(2026, 11, 23), -1, D(2026, 11, 20)),  # Monday - 1 = Friday
    (D(2026, 11, 22), 0, D(2026, 11, 22)),
])
def test_add_working_days_examples(start: datetime.date, count: int, expected: datetime.date) -> None:
    assert functions.add_working_days(start, count) == expected


@pytest.mark.reliability("property")
@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2100, 1, 1)), st.integers(min_value=-60, max_value=60))
def test_add_working_days_matches_counting_day_by_day(start: datetime.date, count: int) -> None:
    assert functions.add_working_days(start, count) == _count_working_days_slowly(start, count)


@pytest.mark.parametrize(("start", "count", "expected"), [
    (D(2026, 1, 31), 1, D(2026, 2, 28)),
    (D(2028, 1, 31), 1, D(2028, 2, 29)),
    (D(2026, 11, 30), 3, D(2027, 2, 28)),
    (D(2026, 3, 31), -1, D(2026, 2, 28)),
    (D(2026, 11, 22), 12, D(2027, 11, 22)),
])
def test_add_months_keeps_the_day_or_takes_the_last_of_the_month(start: datetime.date, count: int,
                                                                 expected: datetime.date) -> None:
    assert functions.add_months(start, count) == expected


def test_days_between_is_signed() -> None:
    assert functions.days_between(D(2026, 11, 20), D(2026, 11, 22)) == 2
    assert functions.days_between(D(2026, 11, 22), D(2026, 11, 20)) == -2


@pytest.mark.parametrize("call", [
    lambda: functions.add_days(D(9999, 12, 30), 5),
    lambda: functions.add_months(D(9999, 12, 1), 1),
    lambda: functions.add_days(D(2026, 1, 1), 1.5),
    lambda: functions.add_working_days(D(2026, 1, 1), 10**9),
    lambda: functions.parse_date("2026-13-01"),
])
def test_bad_values_raise_function_error(call: object) -> None:
    with pytest.raises(functions.FunctionError):
        call()  # type: ignore[operator]


def test_the_table_names_each_function_once() -> None:
    assert functions.function_names() == sorted(functions.FUNCTIONS)
    assert all(spec.name == name for name, spec in functions.FUNCTIONS.items())
