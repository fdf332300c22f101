"""The engine: from a compiled tree and the answers so far to the next question or the outcome.

Pure functions over plain data, standard library only, so the very same file runs in the command line, the
tests and the reader's browser (Pyodide). ``step`` never raises for a reader's answer or for content: a bad
answer comes back as a validation message, and a formula that fails at run time as the state ``error``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

from wizard.core import expr

QUESTION_TYPES = ("choice", "yesno", "number", "date")
SUPPORTED_FORMAT = 1

_NUMBER_RE = re.compile(r"^[-+]?(\d{1,15}(\.\d{1,10})?|\.\d{1,10})$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YES = {"yes", "true", "y"}
_NO = {"no", "false", "n"}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


class AnswerError(ValueError):
    """An answer that does not fit its question; ``args[0]`` is the message for the reader."""


def format_date(value: datetime.date) -> str:
    """A date as readers write it: ``25 November 2026``."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def parse_today(today: str | datetime.date | None) -> datetime.date:
    """The reader's date from ``YYYY-MM-DD`` (or a date; None means the computer's date)."""
    if today is None:
        return datetime.date.today()
    if isinstance(today, datetime.date):
        return today
    return datetime.date.fromisoformat(today)


def validate_answer(node: Mapping[str, Any], raw: object, today: datetime.date) -> tuple[object, str, str]:
    """Check one answer against its question.

    Returns the typed value used in formulas, the normalised text kept in links and the text shown to the
    reader; raises ``AnswerError`` with a message for the reader when the answer does not fit.
    """
    kind = node["type"]
    text = "" if raw is None else (("yes" if raw else "no") if isinstance(raw, bool) else str(raw)).strip()
    if kind == "choice":
        for option in node["options"]:
            if option["key"] == text:
                return text, text, option["label"]
        raise AnswerError("Select one of the answers.")
    if kind == "yesno":
        lowered = text.lower()
        labels = {o["key"]: o["label"] for o in node["options"]}
        if lowered in _YES:
            return "yes", "yes", labels.get("yes", "Yes")
        if lowered in _NO:
            return "no", "no", labels.get("no", "No")
        raise AnswerError("Select yes or no.")
    if kind == "number":
        return _validate_number(node, text)
    if kind == "date":
        return _validate_date(node, text, today)
    raise AnswerError("This step does not take an answer.")


def _validate_number(node: Mapping[str, Any], text: str) -> tuple[object, str, str]:
    unit = node.get("unit")
    cleaned = text.replace(",", "").replace(" ", "")
    if not cleaned:
        raise AnswerError("Enter a number.")
    if not _NUMBER_RE.match(cleaned):
        raise AnswerError("Enter a number using digits, like 12" + (f" ({unit})." if unit else "."))
    number = float(cleaned)
    integer = node.get("integer", True)
    if integer and not number.is_integer():
        raise AnswerError("Enter a whole number, like 12.")
    value: int | float = int(number) if number.is_integer() else number
    low, high = node.get("min"), node.get("max")
    suffix = f" {unit}" if unit else ""
    if low is not None and value < low:
        raise AnswerError(f"Enter a number of at least {_num(low)}{suffix}.")
    if high is not None and value > high:
        raise AnswerError(f"Enter a number no larger than {_num(high)}{suffix}.")
    shown = f"{_num(value)}{suffix}"
    return value, _num(value), shown


def _validate_date(node: Mapping[str, Any], text: str, today: datetime.date) -> tuple[object, str, str]:
    if not text:
        raise AnswerError("Enter a date.")
    if not _DATE_RE.match(text):
        raise AnswerError("Enter the date as year-month-day, like 2026-11-22.")
    try:
        value = datetime.date.fromisoformat(text)
    except ValueError:
        raise AnswerError("Enter a real date, like 2026-11-22.") from None
    low = _bound(node.get("min"), today)
    high = _bound(node.get("max"), today)
    if low is not None and value < low:
        raise AnswerError(f"Enter a date on or after {format_date(low)}.")
    if high is not None and value > high:
        if node.get("max") == "today":
            raise AnswerError("The date cannot be in the future.")
        raise AnswerError(f"Enter a date on or before {format_date(high)}.")
    return value, value.isoformat(), format_date(value)


def _bound(value: object, today: datetime.date) -> datetime.date | None:
    if value is None:
        return None
    if value == "today":
        return today
    return datetime.date.fromisoformat(str(value))


def _num(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def step(tree: Mapping[str, Any], answers: Mapping[str, object],
         today: str | datetime.date | None = None) -> dict[str, Any]:
    """Walk the tree from its start with the given answers and say where the reader is now.

    The result is a JSON-ready dict (see docs/architecture.md): state ``question`` (with any validation
    error for the answer given to it), ``outcome``, or ``error`` when the content itself fails.
    """
    try:
        day = parse_today(today)
    except (TypeError, ValueError):
        return _error_state(None, "The date of today could not be read.", [], [], {})
    if tree.get("format") != SUPPORTED_FORMAT:
        return _error_state(None, "This procedure was built for another version of the wizard. Reload the page.",
                            [], [], {})
    nodes: Mapping[str, Any] = tree["nodes"]
    current: str = tree["start"]
    values: dict[str, object] = {}
    kept: dict[str, str] = {}
    steps: list[dict[str, Any]] = []
    trace: list[dict[str, Any]] = []
    # A compiled tree has no loops, so a walk visits each node at most once; the bound guards stale data.
    for _ in range(len(nodes) + 1):
        node = nodes.get(current)
        if node is None:
            return _error_state(current, f"The procedure refers to a missing step ({current}).", steps, trace, kept)
        kind = node["type"]
        if kind in QUESTION_TYPES:
            if current not in answers:
                return _question_state(tree, current, node, None, steps, trace, kept)
            try:
                value, normal, shown = validate_answer(node, answers[current], day)
            except AnswerError as exc:
                return _question_state(tree, current, node, str(exc), steps, trace, kept)
            link = _after_answer(node, normal)
            because, following = link.get("because"), link["next"]
            values[current] = value
            kept[current] = normal
            steps.append({"node": current, "type": kind, "question": node["question"], "answer": normal,
                          "display": shown, "because": because})
            trace.append({"kind": "answer", "node": current, "text": f"{node['question']} {shown}",
                          "question": node["question"], "answer": shown, "because": because,
                          "basis": _sources(tree, link.get("basis"))})
            current = following
        elif kind == "route":
            try:
                chosen = _choose_branch(node, values, day)
            except (expr.EvalError, expr.ExprError) as exc:
                return _error_state(current, f"A rule of this procedure could not be worked out: {_message(exc)}",
                                    steps, trace, kept)
            trace.append({"kind": "rule", "node": current, "text": node.get("title") or "",
                          "because": chosen.get("because"), "basis": _sources(tree, chosen.get("basis"))})
            current = chosen["next"]
        elif kind == "outcome":
            try:
                outcome = _outcome(tree, current, node, values, day)
            except (expr.EvalError, expr.ExprError) as exc:
                return _error_state(current, f"A date or condition of this result could not be worked out: "
                                    f"{_message(exc)}", steps, trace, kept)
            return {"state": "outcome", "node": current, "question": None, "error": None, "steps": steps,
                    "trace": trace, "answers": kept, "progress": {"number": len(steps), "remaining": 0},
                    "outcome": outcome, "message": None}
        else:
            return _error_state(current, f"The procedure has a step of an unknown kind ({kind}).", steps, trace, kept)
    return _error_state(current, "The procedure goes round in a loop.", steps, trace, kept)


def _after_answer(node: Mapping[str, Any], normal: str) -> Mapping[str, Any]:
    """The link the answer follows: the chosen option, or the question itself for numbers and dates."""
    if node["type"] in ("choice", "yesno"):
        for option in node["options"]:
            if option["key"] == normal:
                return option  # type: ignore[no-any-return]
    return node


def _sources(tree: Mapping[str, Any], ids: object) -> list[dict[str, Any]]:
    """The sources behind a reason, in full (id, title, section, link, kind), for "why this outcome"."""
    sources = tree.get("sources") or {}
    return [{"id": sid, **sources[sid]} for sid in (ids if isinstance(ids, list) else []) if sid in sources]


def _choose_branch(node: Mapping[str, Any], values: Mapping[str, object], day: datetime.date) -> Mapping[str, Any]:
    for branch in node["branches"]:
        if expr.evaluate(expr.compile_expression(branch["if"]), values, day) is True:
            return dict(branch)
    other = node.get("else")
    if other is None:
        raise expr.EvalError("no rule applies to these answers")
    return dict(other)


def _outcome(tree: Mapping[str, Any], nid: str, node: Mapping[str, Any], values: Mapping[str, object],
             day: datetime.date) -> dict[str, Any]:
    result = {key: value for key, value in node.items() if key not in ("next_steps", "deadlines", "basis")}
    result["id"] = nid
    result["next_steps"] = [
        {key: value for key, value in item.items() if key != "if"}
        for item in node.get("next_steps") or []
        if not item.get("if") or expr.evaluate(expr.compile_expression(item["if"]), values, day) is True
    ]
    deadlines = []
    for item in node.get("deadlines") or []:
        if item.get("if") and expr.evaluate(expr.compile_expression(item["if"]), values, day) is not True:
            continue
        due = expr.evaluate(expr.compile_expression(item["date"]), values, day)
        if not isinstance(due, datetime.date):
            raise expr.EvalError(f"the deadline '{item['id']}' does not give a date")
        days_left = (due - day).days
        deadlines.append({"id": item["id"], "label": item["label"], "date": due.isoformat(),
                          "date_text": format_date(due), "days_left": days_left, "passed": days_left < 0,
                          "passed_text": item.get("passed") if days_left < 0 else None})
    result["deadlines"] = deadlines
    result["basis"] = _sources(tree, node.get("basis"))
    return result


def _question_state(tree: Mapping[str, Any], nid: str, node: Mapping[str, Any], error: str | None,
                    steps: list[dict[str, Any]], trace: list[dict[str, Any]], kept: dict[str, str]) -> dict[str, Any]:
    remaining = (tree.get("longest") or {}).get(nid, 1)
    return {"state": "question", "node": nid, "question": dict(node),
            "error": {"node": nid, "message": error} if error else None, "steps": steps, "trace": trace,
            "answers": kept, "progress": {"number": len(steps) + 1, "remaining": remaining},
            "outcome": None, "message": None}


def _error_state(nid: str | None, message: str, steps: list[dict[str, Any]], trace: list[dict[str, Any]],
                 kept: dict[str, str]) -> dict[str, Any]:
    return {"state": "error", "node": nid, "question": None, "error": None, "steps": steps, "trace": trace,
            "answers": kept, "progress": {"number": len(steps), "remaining": 0}, "outcome": None,
            "message": message}


def _message(exc: Exception) -> str:
    return str(getattr(exc, "message", None) or exc)
