"""The table of pre-rendered views: what the wizard shows for the answers the build can work out by itself.

On a first visit Pyodide takes a long while to arrive (tens of seconds on a slow phone), but most readers start
with choice and yes/no questions, and where those lead does not depend on the day or on any typed answer. The
build runs the engine (``step()``) over every such answer prefix from the start, and the page shows these views
at once (``wizard/assets/prerendered.js``), while the engine is still loading and after; the engine works out the
rest.

A prefix is in the table when the engine's walk for it reaches a question or an outcome and every rule (route) it
passed reads only answers to choice and yes/no questions, never ``today`` nor a number or date answer. Choice
answers are validated without the day, and a rule that reads neither ``today`` nor a typed answer gives the same
on every day, so such a walk is the same on every day: the view is what the engine would give in the browser. The
walk stops at a question that needs typing (number, date), which is kept as a view but not answered, and at a rule
that reads more. An outcome is kept on the same terms for what it holds: it counts no days to a deadline, and
every formula in it (the conditions of its next steps, and any the schema adds) reads only choice answers.

Each view's HTML is drawn by the renderer the worker uses (``wizard.core.views.render_view``), so the page
shows a view from the table exactly as one from the worker. Neither a question's screen nor an outcome's
without deadlines names the day or the page's address (the browser writes those into a result's printed line
and copies its own link), so the build draws them as the worker would.

Each view is keyed by its answers as the page's address writes them (``a=`` in the fragment, before its
percent-encoding: ``URLSearchParams`` of ``[[node, answer], ...]``). The table is capped at ``MAX_VIEWS`` views
and about ``MAX_TABLE_BYTES`` of text, nearest the start first (a tree with thousands of paths, or with large
outcomes, keeps its first questions).
"""

from __future__ import annotations

import hashlib
import json
import urllib.parse
from collections import deque
from collections.abc import Mapping, Sequence
from typing import Any

from wizard import schema_walk
from wizard.core import expr, kinds
from wizard.core.engine import step
from wizard.core.views import page_step, render_view

VIEWS_FORMAT = 1
MAX_VIEWS = 2000
# The page parses the table on its main thread as it loads (Response.json()) and holds it for the whole visit, so
# its size is bounded too: a checklist's combinations alone gave 2 MB of outcomes (a long task on a phone and
# megabytes of heap) for walks that few readers finish before the engine is ready. An eighth of a megabyte holds
# every view of three of the shipped trees, and every question of the fourth with its first outcomes.
MAX_TABLE_BYTES = 128 * 1024
# Any day will do: a view is only kept when its walk read no date, and its screen names none (see the module's
# docstring).
ANY_DAY = "2000-01-01"

Answers = Sequence[tuple[str, str]]


def answers_key(answers: Answers) -> str:
    """The answers as ``new URLSearchParams(answers).toString()`` writes them in the browser.

    application/x-www-form-urlencoded: UTF-8, a space as ``+``, letters, digits and ``*-._`` as they are, every
    other byte as ``%XX``. Python's ``quote_plus`` also keeps ``~``, which the browser encodes.
    """
    def encode(text: str) -> str:
        return urllib.parse.quote_plus(text, safe="*").replace("~", "%7E")

    return "&".join(f"{encode(node)}={encode(value)}" for node, value in answers)


def decided_by_choices(tree: Mapping[str, Any]) -> set[str]:
    """The rules (route ids) whose every condition reads only choice and yes/no answers, never ``today``."""
    nodes = tree["nodes"]
    chosen = _chosen(tree)
    return {nid for nid, node in nodes.items()
            if kinds.is_route(node) and _read_only(chosen, [branch["if"] for branch in node.get("branches") or []])}


def same_every_day(tree: Mapping[str, Any], outcome: Mapping[str, Any]) -> bool:
    """Whether the outcome node ``outcome`` shows the same on every day for any choice answers that reach it.

    A deadline always counts the days left from today, so an outcome with one is left to the engine; every other
    formula in the node (found by the schema, so a formula field added later is weighed too) must read only
    choice and yes/no answers, never ``today``.
    """
    if outcome.get("deadlines"):
        return False
    walked = schema_walk.walk(outcome, schema_walk.node_kind(), within=schema_walk.is_formula)
    formulas = [found.value for found in walked if schema_walk.is_formula(found.field.kind) and found.value]
    return _read_only(_chosen(tree), formulas)


def _chosen(tree: Mapping[str, Any]) -> set[str]:
    """The ids of the questions answered by picking among listed answers (``kinds.answers_worth_trying``)."""
    return {nid for nid, node in tree["nodes"].items() if kinds.has_listed_answers(node)}


def _read_only(chosen: set[str], formulas: Sequence[object]) -> bool:
    """Whether every formula parses and reads only the answers of ``chosen``, never ``today``."""
    try:
        parsed = [expr.compile_expression(str(formula)) for formula in formulas]
    except expr.ExprError:
        return False  # a formula that does not parse is the engine's to report
    return all(not expr.reads_today(formula) and expr.names(formula) <= chosen for formula in parsed)


def view_entry(tree: Mapping[str, Any], result: Mapping[str, Any]) -> dict[str, Any]:
    """One view of the table: what the page reads of the engine's result (its state and node among it), and the
    screen's HTML.

    It is what the worker sends for the same answers: ``page_step`` of the same result, and ``render_view`` of it
    with no note (the page asks the table only for a screen without one) and no address (a view of the table
    names none).
    """
    return {"html": render_view(tree, result, share_url="", note=""), "result": page_step(result)}


def _json(value: object) -> str:
    """``value`` as ``views.json`` writes it: compact, characters as they are."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _written(key: str, entry: Mapping[str, Any]) -> str:
    """One view as ``views.json`` holds it: its key, a colon and its entry (the table joins them with commas)."""
    return f"{_json(key)}:{_json(entry)}"


def entry_bytes(key: str, entry: Mapping[str, Any]) -> int:
    """What one view adds to ``views.json``, in UTF-8 bytes (its comma aside)."""
    return len(_written(key, entry).encode("utf-8"))


def table_is_full(views: Mapping[str, Mapping[str, Any]], size: int | None = None) -> bool:
    """Whether a table of ``views`` (``size`` bytes of them, worked out when not given) takes no more views."""
    if size is None:
        size = sum(entry_bytes(key, entry) for key, entry in views.items())
    return len(views) >= MAX_VIEWS or size >= MAX_TABLE_BYTES


def prerendered_views(tree: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Every view the build can work out for ``tree`` (compiled, with its HTML fields), keyed by ``answers_key``.

    ``tree`` must be the tree as the browser's engine gets it (``tree.json``), so that the results are equal.
    """
    return _table(tree)[0]


def _table(tree: Mapping[str, Any]) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """``prerendered_views`` of ``tree``, and each view as ``views.json`` writes it (``_written``): the walk
    measures the table by that text, so ``views_json`` joins it instead of writing every view a second time."""
    decided = decided_by_choices(tree)
    # Many walks end at the same outcome: weigh each outcome node once (its formulas, found by the schema walk).
    steady = {nid: same_every_day(tree, node) for nid, node in tree["nodes"].items() if kinds.is_outcome(node)}
    views: dict[str, dict[str, Any]] = {}
    written: list[str] = []
    size = 0

    def keep(answers: Answers, result: Mapping[str, Any]) -> None:
        nonlocal size
        key = answers_key(answers)
        views[key] = view_entry(tree, result)
        written.append(_written(key, views[key]))
        size += len(written[-1].encode("utf-8"))

    waiting: deque[list[tuple[str, str]]] = deque([[]])
    # Breadth first, so that a full table keeps the walks nearest the start (the view that fills it is kept).
    while waiting and not table_is_full(views, size):
        answers = waiting.popleft()
        result: Mapping[str, Any] = step(tree, dict(answers), today=ANY_DAY)
        if result["state"] not in ("question", "outcome") or result["error"] is not None:
            continue
        if any(item["kind"] == "rule" and item["node"] not in decided for item in result["trace"]):
            continue  # a rule on the way read the day or a typed answer
        node: str = result["node"]
        if result["state"] == "outcome":
            if steady[node]:
                keep(answers, result)
            continue
        keep(answers, result)
        waiting.extend([*answers, (node, key)] for key in kinds.answers_worth_trying(result["question"]) or ())
    return views, written


def views_json(tree: Mapping[str, Any], tree_text: str) -> str:
    """The table written beside a procedure page (``views.json``), naming the ``tree.json`` text it was made from."""
    head = _json({"format": VIEWS_FORMAT, "tree": hashlib.sha256(tree_text.encode("utf-8")).hexdigest()[:16]})
    # The same text as _json of the whole table, its views joined from the walk's own writing of them.
    return head[:-1] + ',"views":{' + ",".join(_table(tree)[1]) + "}}\n"
