"""Counting the routes a reader can really take: rules that read earlier choices are worked out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from wizard import graph
from wizard.compiler import compile_file, tree_files
from wizard.core import kinds
from wizard.core.contracts import CompiledTree
from wizard.core.engine import step
from wizard.routes import count_routes

REPO = Path(__file__).resolve().parents[1]
CHOICE_ONLY = [p for p in tree_files(REPO / "trees") if "type: number" not in p.read_text(encoding="utf-8")
               and "type: date" not in p.read_text(encoding="utf-8")]


def _compiled(path: Path) -> CompiledTree:
    result = compile_file(path)
    assert result.tree is not None, [d.format() for d in result.diagnostics]
    return result.tree


def _routes_by_engine(tree: CompiledTree) -> set[tuple[object, ...]]:
    """Every route, found by giving the engine every combination of choices (only for choice-only trees).

    A route is the nodes passed with the answer given at each question: two options that lead to the same
    place are two routes. A checkbox question has one way on (its ``next``), like a number: its sets of boxes
    are told apart only by the rules they make take another way, so its answer is not part of the route.
    """
    found: set[tuple[object, ...]] = set()
    pending: list[dict[str, str]] = [{}]
    while pending:
        answers = pending.pop()
        result = step(tree, answers, "2026-11-22")
        if result["state"] == "outcome":
            found.add((*[(t["node"], result["answers"].get(t["node"]) if kinds.has_options(tree["nodes"][t["node"]])
                          else None) for t in result["trace"]], result["node"]))
            continue
        assert result["state"] == "question", result
        node, question = result["node"], result["question"]
        assert node is not None and question is not None
        pending.extend({**answers, node: answer} for answer in kinds.answers_worth_trying(question) or ())
    return found


@pytest.mark.parametrize("path", CHOICE_ONLY, ids=lambda p: p.stem)
def test_count_matches_what_the_engine_can_reach(path: Path) -> None:
    tree = _compiled(path)
    counted = count_routes(tree)
    assert counted.complete
    assert counted.routes == len(_routes_by_engine(tree))


def test_rules_reading_earlier_choices_are_not_counted_every_way() -> None:
    tree = _compiled(REPO / "trees" / "complaint-contents.yaml")
    links = graph.all_links(tree["nodes"])
    assert count_routes(tree).routes < graph.count_paths(tree["start"], links)


def _tree(condition: str, first: str = "choice") -> dict[str, Any]:
    question: dict[str, Any] = (
        {"type": "choice", "question": "?", "options": [{"key": "a", "label": "A", "next": "rule"},
                                                        {"key": "b", "label": "B", "next": "rule"}]}
        if first == "choice" else {"type": "number", "question": "?", "next": "rule"})
    return {"start": "q", "nodes": {
        "q": question,
        "rule": {"type": "route", "branches": [{"if": condition, "next": "one"}], "else": {"next": "two"}},
        "one": {"type": "outcome"}, "two": {"type": "outcome"}}}


def test_a_rule_on_a_choice_goes_one_way_per_choice() -> None:
    assert count_routes(_tree("q == 'a'")).routes == 2


def test_a_rule_on_a_number_or_today_may_go_every_way() -> None:
    assert count_routes(_tree("q > 3", first="number")).routes == 2
    assert count_routes(_tree("today > date('2026-01-01')")).routes == 4


def test_a_rule_on_a_date_constant_or_a_number_and_a_choice_is_not_decided() -> None:
    # Nothing that depends on the day or on an answer with no end of values may be worked out once for all.
    assert count_routes(_tree("date('2026-01-01') < today")).routes == 4
    assert count_routes(_tree("q == 'a' and today > date('2000-01-01')")).routes == 4


def test_a_rule_that_fails_for_a_choice_ends_that_route() -> None:
    # For `b` the condition divides by zero: the engine stops with an error, so neither way counts.
    tree = _tree("q == 'a' or 1 / 0 > 1")
    assert count_routes(tree).routes == 1
    assert step(tree | {"format": 1}, {"q": "b"}, "2026-11-22")["state"] == "error"


def test_the_walk_stops_at_its_limit() -> None:
    counted = count_routes(_tree("q == 'a'"), limit=1)
    assert (counted.routes, counted.complete) == (1, False)
