"""The engine: from a compiled tree and the answers so far to the next question or the outcome.

Pure functions over plain data, standard library only, so the very same file runs in the command line, the
tests and the reader's browser (Pyodide). ``step`` never raises, whatever it is given: a bad answer comes back
as a validation message, and a formula that fails at run time, a damaged tree or arguments of the wrong kind
as the state ``error`` with a message for the reader.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

from wizard.core import expr
from wizard.core.facts import conditions_read, rule_facts
from wizard.core.messages import days_left_text, format_parts, language_of, message
from wizard.core.messages import format_date as _format_date
from wizard.core.vocabulary import SOURCE_LANGUAGE

QUESTION_TYPES = ("choice", "yesno", "number", "date")
SUPPORTED_FORMAT = 1

_NUMBER_RE = re.compile(r"^[-+]?(\d{1,15}(\.\d{1,10})?|\.\d{1,10})$")
# A date as the wizard's three fields send it (year-month-day, each as typed, without padding) or as links and
# examples write it (YYYY-MM-DD): three parts, so that each can be judged on its own.
_DATE_PARTS_RE = re.compile(r"^([^-]*)-([^-]*)-([^-]*)$")
_DIGITS_RE = re.compile(r"^\d{1,4}$")
# Commas are refused, not guessed at: "1,5" is one and a half in much of the world and fifteen in Python's
# reading of "1,500"; a reader asked to write it again loses a moment, a reader misread loses a deadline.
_COMMAS = (",", "，")
_YES = {"yes", "true", "y"}
_NO = {"no", "false", "n"}


class AnswerError(ValueError):
    """An answer that does not fit its question; ``args[0]`` is the message for the reader.

    ``key`` names the rule that refused it (a key of ``wizard.core.messages``) and ``values`` fill that message,
    so that tools (the checker, for a tree's examples) can say why in their own words.
    """

    def __init__(self, language: str, key: str, **values: object) -> None:
        super().__init__(message(language, key, **values))
        self.key = key
        self.values = values


def format_date(value: datetime.date, language: str = SOURCE_LANGUAGE) -> str:
    """A date as readers write it: ``25 November 2026`` (``2026年11月25日`` in Chinese)."""
    return _format_date(value, language)


def parse_today(today: str | datetime.date | None) -> datetime.date:
    """The reader's date from ``YYYY-MM-DD`` (or a date; None means the computer's date)."""
    if today is None:
        return datetime.date.today()
    if isinstance(today, datetime.datetime):
        return today.date()  # a moment: its day (comparing a datetime with a date raises)
    if isinstance(today, datetime.date):
        return today
    return datetime.date.fromisoformat(today)


def validate_answer(node: Mapping[str, Any], raw: object, today: datetime.date,
                    language: str = SOURCE_LANGUAGE) -> tuple[object, str, str]:
    """Check one answer against its question.

    Returns the typed value used in formulas, the normalised text kept in links and the text shown to the
    reader; raises ``AnswerError`` with a message for the reader when the answer does not fit.
    """
    kind = node["type"]
    text = _answer_text(raw)
    if kind == "choice":
        for option in node["options"]:
            if option["key"] == text:
                return text, text, option["label"]
        raise AnswerError(language, "select_option")
    if kind == "yesno":
        lowered = text.lower()
        labels = {o["key"]: o["label"] for o in node["options"]}
        if lowered in _YES:
            return "yes", "yes", labels.get("yes", message(language, "yes"))
        if lowered in _NO:
            return "no", "no", labels.get("no", message(language, "no"))
        raise AnswerError(language, "select_yes_no")
    if kind == "number":
        return _validate_number(node, text, language)
    if kind == "date":
        return _validate_date(node, text, today, language)
    raise AnswerError(language, "no_answer_here")


def _answer_text(raw: object) -> str:
    """The answer as the text a reader would have typed; a value with no readable text counts as no answer."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "yes" if raw else "no"
    try:
        return str(raw).strip()
    except (ValueError, RecursionError):
        # An integer too long to write out (Python refuses past 4300 digits) or a value nested too deeply.
        return ""


def _validate_number(node: Mapping[str, Any], text: str, language: str) -> tuple[object, str, str]:
    unit = node.get("unit")
    cleaned = text.replace(" ", "")
    if not cleaned:
        raise AnswerError(language, "enter_number")
    if any(comma in cleaned for comma in _COMMAS):
        raise AnswerError(language, "number_comma")
    if not _NUMBER_RE.match(cleaned):
        shown_unit = message(language, "number_unit", unit=unit) if unit else ""
        raise AnswerError(language, "number_digits", unit=shown_unit)
    number = float(cleaned)
    integer = node.get("integer", True)
    if integer and not number.is_integer():
        raise AnswerError(language, "number_whole")
    value: int | float = int(number) if number.is_integer() else number
    low, high = node.get("min"), node.get("max")
    suffix = f" {unit}" if unit else ""
    if low is not None and value < low:
        raise AnswerError(language, "number_min", low=_num(low), unit=suffix)
    if high is not None and value > high:
        raise AnswerError(language, "number_max", high=_num(high), unit=suffix)
    shown = f"{_num(value)}{suffix}"
    return value, _num(value), shown


def _validate_date(node: Mapping[str, Any], text: str, today: datetime.date,
                   language: str) -> tuple[object, str, str]:
    value = _parse_date(text, language)
    low = _bound(node.get("min"), today)
    high = _bound(node.get("max"), today)
    if low is not None and value < low:
        raise AnswerError(language, "date_min", low=format_date(low, language))
    if high is not None and value > high:
        if node.get("max") == "today":
            raise AnswerError(language, "date_future")
        raise AnswerError(language, "date_max", high=format_date(high, language))
    return value, value.isoformat(), format_date(value, language)


def _parse_date(text: str, language: str) -> datetime.date:
    """The date in ``year-month-day`` (parts as typed), or the message that says which part is wrong."""
    parts = _DATE_PARTS_RE.match(text)
    if not text or (parts and not any(part.strip() for part in parts.groups())):
        raise AnswerError(language, "enter_date")
    if not parts:
        raise AnswerError(language, "date_format")
    year, month, day = (part.strip() for part in parts.groups())
    for name, part in (("day", day), ("month", month), ("year", year)):
        if not part:
            raise AnswerError(language, "date_missing", part=message(language, f"part_{name}"))
    if not all(_DIGITS_RE.match(part) for part in (year, month, day)):
        raise AnswerError(language, "date_digits")
    if len(year) != 4:
        raise AnswerError(language, "date_year")
    if not 1 <= int(month) <= 12:
        raise AnswerError(language, "date_month")
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise AnswerError(language, "date_real", date=format_parts(int(year), int(month), int(day), language)) from None


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


def step(tree: Mapping[str, Any], answers: Mapping[str, object] | None,
         today: str | datetime.date | None = None) -> dict[str, Any]:
    """Walk the tree from its start with the given answers and say where the reader is now.

    The result is a JSON-ready dict (see docs/architecture.md): state ``question`` (with any validation
    error for the answer given to it), ``outcome``, or ``error`` when the content itself fails. Its
    ``language`` is the tree's, so that the page around the wizard can speak the same language.
    """
    language = language_of(tree)
    reached: list[object] = [None]  # the node the walk is on, for the message if the tree breaks it
    try:
        result = _checked_walk(tree, answers, today, language, reached)
    except (KeyError, IndexError, TypeError, AttributeError, ValueError, OverflowError, RecursionError):
        # A compiled tree with missing keys or values of the wrong kind (stale or damaged data): the reader
        # gets the error state, which points to "All answers", instead of a crash.
        node = reached[0] if isinstance(reached[0], str) else None
        result = _error_state(node, message(language, "bad_tree"), [], [], {})
    result["language"] = language
    return result


def _checked_walk(tree: object, answers: object, today: object, language: str,
                  reached: list[object]) -> dict[str, Any]:
    """``_walk`` once the arguments have the kinds it needs; the error state when they do not."""
    if not isinstance(tree, Mapping) or not isinstance(tree.get("nodes"), Mapping):
        return _error_state(None, message(language, "bad_tree"), [], [], {})
    if answers is None:
        answers = {}  # no answers yet
    if not isinstance(answers, Mapping):
        return _error_state(None, message(language, "bad_answers"), [], [], {})
    if today is not None and not isinstance(today, (str, datetime.date)):
        return _error_state(None, message(language, "bad_today"), [], [], {})
    return _walk(tree, answers, today, reached)


def _walk(tree: Mapping[str, Any], answers: Mapping[Any, object], today: str | datetime.date | None,
          reached: list[object]) -> dict[str, Any]:
    language = language_of(tree)
    try:
        day = parse_today(today)
    except (TypeError, ValueError):
        return _error_state(None, message(language, "bad_today"), [], [], {})
    if tree.get("format") != SUPPORTED_FORMAT:
        return _error_state(None, message(language, "old_format"), [], [], {})
    nodes: Mapping[str, Any] = tree["nodes"]
    current: object = tree["start"]
    values: dict[str, object] = {}
    kept: dict[str, str] = {}
    steps: list[dict[str, Any]] = []
    trace: list[dict[str, Any]] = []
    # A compiled tree has no loops, so a walk visits each node at most once; the bound guards stale data.
    for _ in range(len(nodes) + 1):
        reached[0] = current
        if not isinstance(current, str):
            return _error_state(None, message(language, "bad_tree"), steps, trace, kept)
        node = nodes.get(current)
        if node is None:
            return _error_state(current, message(language, "missing_step", node=current), steps, trace, kept)
        kind = node["type"]
        if not isinstance(kind, str):
            raise TypeError("a step without a kind")  # reported as a damaged tree by step()
        if kind in QUESTION_TYPES:
            if current not in answers:
                return _question_state(tree, current, node, None, steps, trace, kept)
            try:
                value, normal, shown = validate_answer(node, answers[current], day, language)
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
                          "basis": _sources(tree, link.get("basis")), **_html_of(link, "because")})
            current = following
        elif kind == "route":
            try:
                chosen = _choose_branch(node, values, day)
            except (expr.EvalError, expr.ExprError) as exc:
                return _error_state(current, message(language, "rule_failed", detail=_message(exc)), steps, trace,
                                    kept)
            trace.append({"kind": "rule", "node": current, "text": node.get("title") or "",
                          "facts": rule_facts(conditions_read(node, chosen), values, day, language),
                          "because": chosen.get("because"), "basis": _sources(tree, chosen.get("basis")),
                          **_html_of(chosen, "because")})
            current = chosen["next"]
        elif kind == "outcome":
            try:
                outcome = _outcome(tree, current, node, values, day)
            except (expr.EvalError, expr.ExprError) as exc:
                return _error_state(current, message(language, "outcome_failed", detail=_message(exc)), steps,
                                    trace, kept)
            return {"state": "outcome", "node": current, "question": None, "error": None, "steps": steps,
                    "trace": trace, "answers": kept, "progress": {"number": len(steps), "remaining": 0},
                    "outcome": outcome, "message": None}
        else:
            return _error_state(current, message(language, "unknown_kind", kind=kind), steps, trace, kept)
    return _error_state(current if isinstance(current, str) else None, message(language, "loop"), steps, trace, kept)


def _after_answer(node: Mapping[str, Any], normal: str) -> Mapping[str, Any]:
    """The link the answer follows: the chosen option, or the question itself for numbers and dates."""
    if node["type"] in ("choice", "yesno"):
        for option in node["options"]:
            if option["key"] == normal:
                return option  # type: ignore[no-any-return]
    return node


def _html_of(item: Mapping[str, Any], field: str) -> dict[str, Any]:
    """The rendered Markdown of ``field`` (``<field>_html``) when the site added it to the compiled tree."""
    key = f"{field}_html"
    return {key: item[key]} if key in item else {}


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
        deadline = {"id": item["id"], "label": item["label"], "date": due.isoformat(),
                    "date_text": format_date(due, language_of(tree)), "days_left": days_left,
                    "days_left_text": days_left_text(days_left, language_of(tree)),
                    "passed": days_left < 0, "passed_text": item.get("passed") if days_left < 0 else None}
        # Rendered Markdown that the site adds beside a text (e.g. ``passed_html``) goes through as it is.
        deadline.update({key: value for key, value in item.items() if key.endswith("_html")})
        if days_left >= 0:
            deadline.pop("passed_html", None)
        deadlines.append(deadline)
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
