"""Conditions and date formulas in words: each shape the page describes, and None for everything else."""

from __future__ import annotations

import html
from typing import Any

import pytest
from site_helpers import HOSTILE

from wizard.site.conditions import describe_condition, describe_date

KIND = "“What kind of penalty did your store receive?”"
AMOUNT = "your answer to “How much was the fine?”"
FIRST = "“Is this your store&#x27;s first penalty?”"
RECEIVED = "the date you gave for “On which day did the penalty notice arrive?”"


@pytest.mark.parametrize(
    ("condition", "words"),
    [
        ("penalty_kind == 'fine'", f"you answered “A fine” to {KIND}"),
        ("penalty_kind != 'warning'", f"you did not answer “A warning” to {KIND}"),
        ("penalty_kind in ['warning', 'fine']", f"you answered “A warning” or “A fine” to {KIND}"),
        ("penalty_kind not in ['fine']", f"you did not answer “A fine” to {KIND}"),
        ("first_time == 'yes'", f"you answered “Yes” to {FIRST}"),
        ("amount > 500", f"{AMOUNT} is more than 500 yuan"),
        ("amount <= 2.5", f"{AMOUNT} is at most 2.5 yuan"),
        ("amount == 0", f"{AMOUNT} is 0 yuan"),
        ("received < date('2026-03-01')", f"{RECEIVED} is before 1 March 2026"),
        ("days_between(received, today) <= 3", f"at most 3 days have passed since {RECEIVED}"),
        ("today - received > 1", f"more than 1 day has passed since {RECEIVED}"),
        (
            "penalty_kind == 'fine' and amount >= 100",
            f"you answered “A fine” to {KIND} and {AMOUNT} is at least 100 yuan",
        ),
        (
            "amount < 1 or amount > 9 or first_time == 'no'",
            f"{AMOUNT} is less than 1 yuan or {AMOUNT} is more than 9 yuan or you answered “No” to {FIRST}",
        ),
    ],
)
def test_simple_conditions_are_put_into_words(tree: dict[str, Any], condition: str, words: str) -> None:
    assert describe_condition(tree, condition) == words


@pytest.mark.parametrize(
    "condition",
    [
        "penalty_kind == 'fine' and amount > 1 or amount > 9",  # and/or mixed: words would hide the brackets
        "not (penalty_kind == 'fine')",
        "penalty_kind == 'no_such_key'",
        "500 < amount",
        "amount * 2 > 500",
        "min(amount, 3) > 1",
        "days_between(today, received) <= 3",
        "received > today",
        "unknown_id == 'x'",
        "window == 'x'",  # a route is not a question
        "this is not a formula (",
    ],
)
def test_other_conditions_have_no_words(tree: dict[str, Any], condition: str) -> None:
    assert describe_condition(tree, condition) is None


def test_labels_and_questions_are_escaped(tree: dict[str, Any]) -> None:
    words = describe_condition(tree, "penalty_kind == 'points'")
    assert words == f"you answered “{html.escape(HOSTILE)}” to {KIND}"


@pytest.mark.parametrize(
    ("formula", "words"),
    [
        ("received + 3", f"3 days after {RECEIVED}"),
        ("received + 1", f"1 day after {RECEIVED}"),
        ("received - 2", f"2 days before {RECEIVED}"),
        ("add_days(received, 10)", f"10 days after {RECEIVED}"),
        ("add_working_days(received, 15)", f"15 working days after {RECEIVED}"),
        ("add_months(received, 1)", f"1 month after {RECEIVED}"),
        ("received + 0", RECEIVED),
        ("received", None),
        ("today + 3", None),
        ("received + amount", None),
        ("max(received, today)", None),
    ],
)
def test_deadline_dates_in_words(tree: dict[str, Any], formula: str, words: str | None) -> None:
    assert describe_date(tree, formula) == words
