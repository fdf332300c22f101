"""The engine: from a compiled tree and the answers so far to the next question or the outcome.

Pure functions over plain data, standard library only, so the very same file runs in the command line, the
tests and the reader's browser (Pyodide). ``step`` never raises, whatever it is given: a bad answer comes back
as a validation message, and a formula that fails at run time, a damaged tree or arguments of the wrong kind
as the state ``error`` with a message for the reader.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, cast

from wizard.core import expr, kinds
from wizard.core.contracts import (
    AnsweredStep,
    AnswerTrace,
    CitedSource,
    CompiledTree,
    DueDate,
    Node,
    Outcome,
    RuleTrace,
    StepResult,
    StepState,
    TraceItem,
)
from wizard.core.facts import conditions_read, rule_facts
from wizard.core.messages import days_left_text, language_of, message
from wizard.core.messages import format_date as _format_date
from wizard.core.readers import AnswerError, answer_text
from wizard.core.vocabulary import SOURCE_LANGUAGE

__all__ = ["AnswerError", "format_date", "parse_today", "step", "validate_answer"]

SUPPORTED_FORMAT = 1


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
    kind = kinds.kind_of(node)
    if kind is None or kind.read is None:
        raise AnswerError(language, "no_answer_here")
    return kind.read(node, answer_text(raw), today, language)


def step(tree: CompiledTree | Mapping[str, Any], answers: Mapping[str, object] | None,
         today: str | datetime.date | None = None) -> StepResult:
    """Walk the tree from its start with the given answers and say where the reader is now.

    The result is a JSON-ready dict (``StepResult``, see docs/architecture.md): state ``question`` (with any validation
    error for the answer given to it), ``outcome``, or ``error`` when the content itself fails. Its
    ``language`` is the tree's, so that the page around the wizard can speak the same language.
    """
    language = language_of(tree)
    reached: list[object] = [None]  # the node the walk is on, for the message if the tree breaks it
    result: StepState
    try:
        result = _checked_walk(tree, answers, today, language, reached)
    except (KeyError, IndexError, TypeError, AttributeError, ValueError, OverflowError, RecursionError):
        # A compiled tree with missing keys or values of the wrong kind (stale or damaged data): the reader
        # gets the error state, which points to "All answers", instead of a crash.
        node = reached[0] if isinstance(reached[0], str) else None
        result = _error_state(node, message(language, "bad_tree"), [], [], {})
    return {**result, "language": language}


def _checked_walk(tree: object, answers: object, today: object, language: str,
                  reached: list[object]) -> StepState:
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
          reached: list[object]) -> StepState:
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
    steps: list[AnsweredStep] = []
    trace: list[TraceItem] = []
    # A compiled tree has no loops, so a walk visits each node at most once; the bound guards stale data.
    for _ in range(len(nodes) + 1):
        reached[0] = current
        if not isinstance(current, str):
            return _error_state(None, message(language, "bad_tree"), steps, trace, kept)
        node = nodes.get(current)
        if node is None:
            return _error_state(current, message(language, "missing_step", node=current), steps, trace, kept)
        kind_name = node["type"]
        if not isinstance(kind_name, str):
            raise TypeError("a step without a kind")  # reported as a damaged tree by step()
        kind = kinds.KINDS.get(kind_name)
        if kind is None:
            return _error_state(current, message(language, "unknown_kind", kind=kind_name), steps, trace, kept)
        if kind.read is not None:  # a question
            if current not in answers:
                return _question_state(tree, current, node, None, steps, trace, kept)
            try:
                value, normal, shown = kind.read(node, answer_text(answers[current]), day, language)
            except AnswerError as exc:
                return _question_state(tree, current, node, exc, steps, trace, kept)
            way = kind.take(node, normal)
            if way is None:
                raise KeyError("no way on from this answer")  # reported as a damaged tree by step()
            link, following = way.item, way.target
            because = link.get("because")
            values[current] = value
            kept[current] = normal
            steps.append({"node": current, "type": kind_name, "question": node["question"], "answer": normal,
                          "display": shown, "because": because})
            answered: AnswerTrace = {"kind": "answer", "node": current, "text": f"{node['question']} {shown}",
                                     "question": node["question"], "answer": shown, "because": because,
                                     "basis": _sources(tree, link.get("basis"))}
            trace.append(_with_reason_html(answered, link))
            current = following
        elif kind.decides:
            try:
                chosen = _choose_branch(node, values, day)
            except (expr.EvalError, expr.ExprError) as exc:
                return _error_state(current, message(language, "rule_failed", detail=_message(exc)), steps, trace,
                                    kept)
            ruled: RuleTrace = {"kind": "rule", "node": current, "text": node.get("title") or "",
                                "facts": rule_facts(conditions_read(node, chosen), values, day, language),
                                "because": chosen.get("because"), "basis": _sources(tree, chosen.get("basis"))}
            trace.append(_with_reason_html(ruled, chosen))
            current = chosen["next"]
        elif kind.ends:
            try:
                outcome = _outcome(tree, current, node, values, day)
            except (expr.EvalError, expr.ExprError) as exc:
                return _error_state(current, message(language, "outcome_failed", detail=_message(exc)), steps,
                                    trace, kept)
            return {"state": "outcome", "node": current, "question": None, "error": None, "steps": steps,
                    "trace": trace, "answers": kept, "progress": {"number": len(steps), "remaining": 0},
                    "outcome": outcome, "message": None}
    return _error_state(current if isinstance(current, str) else None, message(language, "loop"), steps, trace, kept)


def _with_reason_html(item: TraceItem, way: Mapping[str, Any]) -> TraceItem:
    """The trace item with the rendered Markdown of its reason (``because_html``) when the site added it."""
    if "because_html" in way:
        item["because_html"] = way["because_html"]
    return item


def _sources(tree: Mapping[str, Any], ids: object) -> list[CitedSource]:
    """The sources behind a reason, in full (id, title, section, link, kind), for "why this outcome"."""
    sources = tree.get("sources") or {}
    cited = ids if isinstance(ids, list) else []
    return cast(list[CitedSource], [{"id": sid, **sources[sid]} for sid in cited if sid in sources])


def _choose_branch(node: Mapping[str, Any], values: Mapping[str, object], day: datetime.date) -> Mapping[str, Any]:
    for branch in node["branches"]:
        if expr.evaluate(expr.compile_expression(branch["if"]), values, day) is True:
            return dict(branch)
    other = node.get("else")
    if other is None:
        raise expr.EvalError("no rule applies to these answers")
    return dict(other)


def _outcome(tree: Mapping[str, Any], nid: str, node: Mapping[str, Any], values: Mapping[str, object],
             day: datetime.date) -> Outcome:
    result = {key: value for key, value in node.items() if key not in ("next_steps", "deadlines", "basis")}
    result["id"] = nid
    result["next_steps"] = [
        {key: value for key, value in item.items() if key != "if"}
        for item in node.get("next_steps") or []
        if not item.get("if") or expr.evaluate(expr.compile_expression(item["if"]), values, day) is True
    ]
    deadlines: list[DueDate] = []
    for item in node.get("deadlines") or []:
        if item.get("if") and expr.evaluate(expr.compile_expression(item["if"]), values, day) is not True:
            continue
        due = expr.evaluate(expr.compile_expression(item["date"]), values, day)
        if not isinstance(due, datetime.date):
            raise expr.EvalError(f"the deadline '{item['id']}' does not give a date")
        days_left = (due - day).days
        deadline: dict[str, Any] = {"id": item["id"], "label": item["label"], "date": due.isoformat(),
                    "date_text": format_date(due, language_of(tree)), "days_left": days_left,
                    "days_left_text": days_left_text(days_left, language_of(tree)),
                    "passed": days_left < 0, "passed_text": item.get("passed") if days_left < 0 else None}
        # Rendered Markdown that the site adds beside a text (e.g. ``passed_html``) goes through as it is.
        deadline.update({key: value for key, value in item.items() if key.endswith("_html")})
        if days_left >= 0:
            deadline.pop("passed_html", None)
        deadlines.append(cast(DueDate, deadline))
    result["deadlines"] = deadlines
    result["basis"] = _sources(tree, node.get("basis"))
    # Built from the outcome node's own keys, so that rendered Markdown the site added goes through.
    return cast(Outcome, result)


def _question_state(tree: Mapping[str, Any], nid: str, node: Mapping[str, Any], error: AnswerError | None,
                    steps: list[AnsweredStep], trace: list[TraceItem], kept: dict[str, str]) -> StepState:
    remaining = (tree.get("longest") or {}).get(nid, 1)
    return {"state": "question", "node": nid, "question": cast(Node, dict(node)),
            "error": {"node": nid, "message": str(error), "parts": list(error.parts)} if error else None,
            "steps": steps, "trace": trace,
            "answers": kept, "progress": {"number": len(steps) + 1, "remaining": remaining},
            "outcome": None, "message": None}


def _error_state(nid: str | None, message: str, steps: list[AnsweredStep], trace: list[TraceItem],
                 kept: dict[str, str]) -> StepState:
    return {"state": "error", "node": nid, "question": None, "error": None, "steps": steps, "trace": trace,
            "answers": kept, "progress": {"number": len(steps), "remaining": 0}, "outcome": None,
            "message": message}


def _message(exc: Exception) -> str:
    return str(getattr(exc, "message", None) or exc)
