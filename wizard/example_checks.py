"""What the checker asks of a tree's examples beyond their ids: answers the wizard accepts, and a fixed day.

An example is a promise about what readers get, so its answers are judged by the engine's own rules
(``wizard.core.engine.validate_answer``), never by a second copy of them, and told in the words each reader gives
for an editor (``wizard.core.readers.REFUSALS``). An example whose walk changes with the day it runs must say which
day it pretends it is.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from wizard.compiled import compile_node
from wizard.core import expr, kinds, readers
from wizard.core.engine import AnswerError, step, validate_answer


def refused_answer(node: Mapping[str, Any], raw: str, today: datetime.date, *,
                   compiled: Mapping[str, Any] | None = None) -> tuple[str, str] | None:
    """Why the wizard would refuse ``raw`` as the answer to question ``node`` (reason, hint), or None if it fits.

    ``today`` is the day the example pretends it is: a date question may allow only dates up to today.
    ``compiled`` is ``compile_node(node)`` when the caller has it already: a question answered by many examples
    is then compiled once.
    """
    try:
        validate_answer(compiled if compiled is not None else compile_node(node), raw, today)
    except AnswerError as refusal:
        reason, hint = readers.REFUSALS.get(refusal.key, (f"is refused by the wizard ({refusal})", "Fix the answer."))
        values = {**refusal.values, "options": ", ".join(node.get("options") or ()),
                  "min": _bound(node.get("min"), today), "max": _bound(node.get("max"), today)}
        return reason.format(**values), hint.format(**values)
    return None


def _bound(value: object, today: datetime.date) -> str:
    """A date question's ``min`` or ``max`` as the editor wrote it, with the day ``today`` stands for."""
    return f"today, {today.isoformat()}" if value == "today" else str(value)


def shown_answer(raw: str) -> str:
    """An example's answer as messages quote it."""
    return f"`{raw}`" if raw.strip() else "nothing"


def depends_on_today(tree: Mapping[str, Any], answers: Mapping[str, object], today: datetime.date) -> str | None:
    """What on the example's walk changes with the day it runs (in words), or None when nothing does.

    The walk is the engine's, on the compiled tree: only the nodes this example passes count.
    """
    result = step(tree, answers, today)
    nodes: Mapping[str, Any] = tree["nodes"]
    passed = [s["node"] for s in result["steps"]] + [t["node"] for t in result["trace"] if t["kind"] == "rule"]
    for nid in passed:
        node = nodes[nid]
        is_date = kinds.answer_type(node) == expr.TYPE_DATE
        if is_date and node.get("min") == "today":
            return f"date question `{nid}` accepts only dates from today on"
        if is_date and node.get("max") == "today":
            return f"date question `{nid}` accepts only dates up to today"
        if kinds.is_route(node) and any(_reads_today(b["if"]) for b in node["branches"]):
            return f"route `{nid}` compares with `today`"
    reached, end = result["outcome"], result["node"]
    if result["state"] == "outcome" and reached is not None and end is not None:
        if reached["deadlines"]:
            return f"outcome `{end}` shows how many days are left until its deadlines"
        outcome = nodes[end]
        formulas = [s.get("if") for s in outcome.get("next_steps") or []]
        formulas += [f for d in outcome.get("deadlines") or [] for f in (d.get("if"), d["date"])]
        if any(_reads_today(f) for f in formulas if f):
            return f"outcome `{end}` reads `today`"
    return None


def _reads_today(source: str) -> bool:
    return expr.reads_today(expr.compile_expression(source))
