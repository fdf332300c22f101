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
    # Only answers that some rule reads are remembered: copying every answer given on a long route is slow.
    read = {name for node in nodes.values() if kinds.is_route(node)
            for branch in node["branches"] for name in expr.names(expr.compile_expression(branch["if"]))}
    held = {nid: _held_on_each_way(nodes[nid]) for nid in read
            if nid in nodes and kinds.has_listed_answers(nodes[nid])}
    found = 0
    # Depth-first, with an explicit stack: (node id, answers given on the way there).
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
        elif nid in held:
            stack.extend((way.target, chosen if value is None else {**chosen, nid: value})
                         for way, value in reversed(held[nid]))
        else:
            # Any other answer (a number, a date) is not kept, so no condition that reads it is ever decided.
            stack.extend((way.target, chosen) for way in reversed(kinds.ways_out(node)))
    return RouteCount(found, complete=True)


@dataclass(frozen=True)
class _Possible:
    """The answers a question may still hold on a route (as formulas see them): those that all take the one way
    it went by (ticked boxes: every set), narrowed by each rule that reads them."""

    values: tuple[object, ...]


def _held_on_each_way(node: Mapping[str, Any]) -> list[tuple[kinds.Way, object]]:
    """Each way out of a question with answers worth trying, with what formulas see of its answer on that way:
    the one answer that takes it (an option's key), every answer that does (``_Possible``), or None if none."""
    taking: dict[tuple[str | int, ...], list[object]] = {}
    for answer in kinds.answers_worth_trying(node) or ():
        value, normal, _ = validate_answer(node, answer, _ANY_DAY)
        way = kinds.way_taken(node, normal)
        if way is not None:
            taking.setdefault(way.path, []).append(value)
    held: list[tuple[kinds.Way, object]] = []
    for way in kinds.ways_out(node):
        values = taking.get(way.path, [])
        held.append((way, values[0] if len(values) == 1 else _Possible(tuple(values)) if values else None))
    return held


# Above this many combinations of ticked sets that one rule reads together, the rule is left undecided.
_MAX_COMBINATIONS = 4096


def _branch_moves(node: Mapping[str, Any], chosen: Mapping[str, object]) -> list[tuple[str, dict[str, object]]]:
    """Where a rule may lead given the answers given, each with the answers given on that way.

    Answers it reads that may still be one of several (``_Possible``) are tried one by one, and each way keeps
    only those that lead there. With two such questions read together each keeps its own, so a count may be high,
    never low.
    """
    read = sorted({name for branch in node["branches"] for name in expr.names(expr.compile_expression(branch["if"]))})
    open_ = [name for name in read if isinstance(chosen.get(name), _Possible)]
    combinations = math.prod(len(cast(_Possible, chosen[name]).values) for name in open_)
    if not open_ or combinations > _MAX_COMBINATIONS:
        known = {name: value for name, value in chosen.items() if not isinstance(value, _Possible)}
        return [(target, dict(chosen)) for target in _possible_branches(node, known)]
    kept: dict[str, dict[str, dict[object, None]]] = {}  # target -> question -> the answers that lead there
    for values in itertools.product(*(cast(_Possible, chosen[name]).values for name in open_)):
        for target in _possible_branches(node, {**chosen, **dict(zip(open_, values, strict=True))}):
            for name, value in zip(open_, values, strict=True):
                kept.setdefault(target, {}).setdefault(name, {})[value] = None
    return [(target, {**chosen, **{name: _Possible(tuple(values)) for name, values in by_name.items()}})
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
                    not kinds.has_listed_answers(nodes.get(name, {}))
                    or not kinds.tries_every_answer(nodes.get(name, {})) for name in expr.names(formula)):
                return None
    counted = count_routes(tree, limit)
    return counted.routes if counted.complete else None
