"""How many different routes a reader can really take through a compiled tree.

Counting every branch of every rule as possible (``wizard.graph.count_paths``) over-counts: a rule that
reads an earlier choice can only go one way once that choice is made. Here the tree is walked with the
choices made so far, and a rule's condition is worked out whenever everything it reads is a choice already
made; when it reads a number, a date or today's date, every branch that could apply stays possible, because
those answers have no end of values. A condition that cannot be worked out for the choices made (a division
by zero) ends the route there, as the engine stops with an error: neither that branch nor a later one counts.

The walk enumerates routes, so it stops at ``limit`` and says the count is a lower bound.
"""

from __future__ import annotations

import datetime
import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from wizard.core import expr, kinds
from wizard.core.engine import validate_answer

# Any fixed day: conditions that read today's date are never worked out (see _decided).
_ANY_DAY = datetime.date(2000, 1, 1)


@dataclass(frozen=True)
class RouteCount:
    """The routes found, and whether the walk stopped at its limit before finding them all."""

    routes: int
    complete: bool


def count_routes(tree: Mapping[str, Any], limit: int = 100_000) -> RouteCount:
    """Count the routes from the start of ``tree`` (compiled) to an outcome that some answers can take."""
    nodes: Mapping[str, Any] = tree["nodes"]
    # Only choices that some rule reads are remembered: copying every choice made on a long route is slow.
    read = {name for node in nodes.values() if kinds.is_route(node)
            for branch in node["branches"] for name in expr.names(expr.compile_expression(branch["if"]))}
    found = 0
    # Depth-first, with an explicit stack: (node id, choices made on the way there).
    stack: list[tuple[str, dict[str, object]]] = [(tree["start"], {})]
    while stack:
        nid, chosen = stack.pop()
        node = nodes[nid]
        if kinds.is_outcome(node):
            found += 1
            if found >= limit:
                return RouteCount(found, complete=False)
        elif kinds.is_route(node):
            stack.extend(reversed(_branch_moves(node, chosen)))
        elif kinds.has_boxes(node) and nid in read:
            # Ticked boxes are one way on, with every set still possible: the rules that read them split the
            # route by the branch each set takes, so a route is a way through the nodes, as for a choice.
            answers = kinds.answers_worth_trying(node) or ()
            sets = tuple(validate_answer(node, answer, _ANY_DAY)[0] for answer in answers)
            stack.append((node["next"], {**chosen, nid: _Ticked(sets)}))
        else:
            # An option's answer is kept when a rule reads it; any other answer (a number, a date) is not, so
            # no condition that reads it is ever decided.
            stack.extend((way.target, {**chosen, nid: way.answer} if way.answer is not None and nid in read
                          else chosen) for way in reversed(kinds.ways_out(node)))
    return RouteCount(found, complete=True)


@dataclass(frozen=True)
class _Ticked:
    """The sets of boxes a checkbox question may hold on a route, narrowed by each rule that reads them."""

    sets: tuple[object, ...]


# Above this many combinations of ticked sets that one rule reads together, the rule is left undecided.
_MAX_COMBINATIONS = 4096


def _branch_moves(node: Mapping[str, Any], chosen: Mapping[str, object]) -> list[tuple[str, dict[str, object]]]:
    """Where a rule may lead given the choices made, each with the choices made on that way.

    Ticked boxes it reads (``_Ticked``) are tried set by set, and each way keeps only the sets that lead there.
    With two checkbox questions read together each keeps its own sets, so a count may be high, never low.
    """
    read = sorted({name for branch in node["branches"] for name in expr.names(expr.compile_expression(branch["if"]))})
    ticked = [name for name in read if isinstance(chosen.get(name), _Ticked)]
    combinations = math.prod(len(cast(_Ticked, chosen[name]).sets) for name in ticked)
    if not ticked or combinations > _MAX_COMBINATIONS:
        known = {name: value for name, value in chosen.items() if not isinstance(value, _Ticked)}
        return [(target, dict(chosen)) for target in _possible_branches(node, known)]
    kept: dict[str, dict[str, dict[object, None]]] = {}  # target -> question -> the sets that lead there
    for sets in itertools.product(*(cast(_Ticked, chosen[name]).sets for name in ticked)):
        for target in _possible_branches(node, {**chosen, **dict(zip(ticked, sets, strict=True))}):
            for name, value in zip(ticked, sets, strict=True):
                kept.setdefault(target, {}).setdefault(name, {})[value] = None
    return [(target, {**chosen, **{name: _Ticked(tuple(values)) for name, values in by_name.items()}})
            for target, by_name in kept.items()]


def _possible_branches(node: Mapping[str, Any], chosen: Mapping[str, object]) -> list[str]:
    """The targets of the branches a rule may take given the choices made: rules are tried in order."""
    targets: list[str] = []
    for branch in node["branches"]:
        decided = _decided(branch["if"], chosen)
        if decided is False:
            continue
        if decided is _FAILS:
            return targets  # the engine stops here with an error: neither this branch nor a later one is taken
        targets.append(branch["next"])
        if decided is True:
            return targets  # this branch always applies here: the later ones and `else` never do
    other = node.get("else")
    if other is not None:
        targets.append(other["next"])
    return targets


# A condition that cannot be worked out for the choices made (a division by zero...): the walk ends there.
_FAILS = "fails"


def _decided(source: str, chosen: Mapping[str, object]) -> bool | str | None:
    """The value of a condition when everything it reads is a choice already made (or ``_FAILS``), else None.

    A condition that reads today's date, a number or a date is never decided: its value changes with them.
    """
    formula = expr.compile_expression(source)
    reads_today = any(isinstance(n, expr.Name) and n.name == "today" for n in expr.walk(formula))
    if reads_today or not expr.names(formula) <= chosen.keys():
        return None
    try:
        value = expr.evaluate(formula, chosen, _ANY_DAY)
    except expr.EvalError:
        return _FAILS
    return value is True


def exact_count(tree: Mapping[str, Any], limit: int = 100_000) -> int | None:
    """The number of routes when it is exact, else ``None``.

    Exact means the walk finished and every rule reads only choices: a rule that reads a number, a date or today's
    date keeps every branch that could apply, so the count is then only an upper bound.
    """
    nodes: Mapping[str, Any] = tree["nodes"]
    for node in nodes.values():
        for branch in node.get("branches") or []:
            formula = expr.compile_expression(branch["if"])
            if expr.reads_today(formula) or any(
                    not (kinds.has_options(nodes.get(name, {})) or kinds.has_boxes(nodes.get(name, {})))
                    or not kinds.boxes_tried_in_full(nodes.get(name, {})) for name in expr.names(formula)):
                return None
    counted = count_routes(tree, limit)
    return counted.routes if counted.complete else None
