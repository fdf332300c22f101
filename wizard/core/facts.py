"""The facts a rule worked out, in words: "2 days since 30 November 2026", for "why this outcome".

A rule of a tree (a route's branch) is written as a condition, and its title is often a question ("Is it still
within 3 days?"). What a reader needs in "why" is what the rule found with their answers: the number of days
between two dates, worked out here with the same evaluator as the rule itself. Standard library only.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from wizard.core import expr
from wizard.core.messages import format_date, message


def _days_between(node: expr.Expr) -> tuple[expr.Expr, expr.Expr] | None:
    """The start and end of a count of days (``days_between(a, b)`` or ``b - a`` of two dates), else None."""
    if isinstance(node, expr.Call) and node.name == "days_between" and len(node.args) == 2:
        return node.args[0], node.args[1]
    if isinstance(node, expr.Binary) and node.op == "-":
        return node.right, node.left
    return None


def _fact(node: expr.Expr, values: Mapping[str, object], today: datetime.date, language: str) -> str | None:
    ends = _days_between(node)
    if ends is None:
        return None
    try:
        start, end = (expr.evaluate(part, values, today) for part in ends)
    except (expr.EvalError, expr.ExprError):
        return None  # an answer this part needs was not given: the rule did not read it
    if not isinstance(start, datetime.date) or not isinstance(end, datetime.date):
        return None  # a difference of numbers, not of dates
    days = (end - start).days
    count = message(language, "days", count=days)
    if end == today:
        return message(language, "fact_since", count=count, start=format_date(start, language))
    return message(language, "fact_between", count=count, start=format_date(start, language),
                   end=format_date(end, language))


def rule_facts(conditions: Iterable[str], values: Mapping[str, object], today: datetime.date,
               language: str) -> list[str]:
    """The facts the given conditions worked out with these answers, each once, in the order written."""
    found: list[str] = []
    for source in conditions:
        try:
            parsed = expr.compile_expression(source)
        except expr.ExprError:
            continue
        for node in expr.walk(parsed):
            text = _fact(node, values, today, language)
            if text is not None and text not in found:
                found.append(text)
    return found


def conditions_read(route: Mapping[str, Any], chosen: Mapping[str, Any]) -> list[str]:
    """The conditions a route evaluated to reach ``chosen``: each branch up to it (all of them for ``else``)."""
    read = []
    for branch in route.get("branches") or []:
        read.append(str(branch["if"]))
        if branch.get("next") == chosen.get("next") and branch.get("if") == chosen.get("if"):
            break
    return read
