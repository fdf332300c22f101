"""The table of pre-rendered views (wizard.site.prerender): every view equals what the engine and the renderer give
for the same answers, on any day; the table holds every view that depends on choices only, and none that depends
on the day or a typed answer."""

from __future__ import annotations

import json
import subprocess
import tempfile
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard.compiler import compile_file, compile_folder
from wizard.core import expr, kinds
from wizard.core.engine import step
from wizard.core.views import page_step, render_view
from wizard.site import prerender
from wizard.site.pages import tree_page
from wizard.site.prerender import (
    MAX_TABLE_BYTES,
    MAX_VIEWS,
    answers_key,
    decided_by_choices,
    entry_bytes,
    prerendered_views,
    same_every_day,
    table_is_full,
    views_json,
)
from wizard.synthetic import branching_tree, ladder_tree

REPO = Path(__file__).resolve().parents[2]
# Days far apart, on either side of every date the trees name: a view must be the same on each.
DAYS = ("2001-03-04", "2026-11-22", "2026-12-31", "2049-07-15")
# Addresses a page may be read at: the worker renders with the page's address and the answers' fragment.
ADDRESSES = ("https://example.org/procedures/x/#a=k%3Dv", "http://localhost:8000/x/", "file:///x/", "")


def _editions() -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    for result in compile_folder(REPO / "trees"):
        assert result.tree is not None, result.path
        found.append((f"{result.slug}-en", dict(result.tree)))
        found.extend((f"{result.slug}-{language}", dict(tree)) for language, tree in result.translations.items())
    return found


EDITIONS = _editions()


def _as_served(tree: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The tree as the browser's engine reads it (tree.json) and the table written beside it (views.json)."""
    page = tree_page(tree)
    return json.loads(page.json_text), json.loads(page.views_text)


def choice_prefixes(tree: dict[str, Any], limit: int = 5000) -> Iterator[list[tuple[str, str]]]:
    """Every walk from the start made of choice and yes/no answers only, each prefix once, found by the engine
    alone (depth first, on one day): the table is checked against these, not against its own enumeration."""
    waiting: list[list[tuple[str, str]]] = [[]]
    while waiting and limit:
        limit -= 1
        answers = waiting.pop()
        yield answers
        result: dict[str, Any] = dict(step(tree, dict(answers), DAYS[1]))
        if result["state"] == "question":
            waiting.extend([*answers, (result["node"], key)]
                           for key in kinds.answers_worth_trying(result["question"]) or ())


def assert_table_agrees(tree: dict[str, Any], views: dict[str, Any]) -> int:
    """Every choice-only walk: in the table exactly when its view is a question or an outcome reached without the
    day or a typed answer, and then equal, state, node, result and HTML, to the engine's on every day. The views
    checked."""
    checked: set[str] = set()
    for answers in choice_prefixes(tree):
        key = answers_key(answers)
        results: list[dict[str, Any]] = [dict(step(tree, dict(answers), day)) for day in DAYS]
        first = results[0]
        if key not in views:
            # Left out: an error, a walk that a rule reading the day or a typed answer decided, an outcome that
            # may show otherwise on another day, or a full table (which keeps the walks nearest the start).
            full = table_is_full(views) and len(answers) >= max(len(urllib.parse.parse_qsl(k)) for k in views)
            assert (first["state"] == "error" or first["error"] or not _walk_is_decided(tree, first) or full
                    or (first["state"] == "outcome" and _outcome_may_change(tree, first["node"]))), key
            continue
        _assert_view_is_the_engines(tree, key, views[key], results)
        checked.add(key)
    # Every other view of the table (a big tree has more walks than the enumeration above reaches) agrees too.
    for key in set(views) - checked:
        given = dict(urllib.parse.parse_qsl(key, keep_blank_values=True))
        _assert_view_is_the_engines(tree, key, views[key], [dict(step(tree, given, day)) for day in DAYS])
    return len(views)


def _assert_view_is_the_engines(tree: dict[str, Any], key: str, view: dict[str, Any],
                                results: list[dict[str, Any]]) -> None:
    """A view of the table equals the engine's result on every day, and its HTML the worker's renderer's, on every
    day and at any address."""
    first = results[0]
    assert all(result == first for result in results), f"{key}: the view depends on the day"
    assert first["state"] in ("question", "outcome") and not first["error"], key
    assert view["result"] == page_step(first), key
    # The screen the worker would send for these answers (no note): the page shows the one it is given.
    assert all(view["html"] == render_view(tree, result, share_url=address, note="")
               for result, address in zip(results, ADDRESSES, strict=True)), key


def _walk_is_decided(tree: dict[str, Any], result: dict[str, Any]) -> bool:
    return all(item["node"] in decided_by_choices(tree) for item in result["trace"] if item["kind"] == "rule")


def _outcome_may_change(tree: dict[str, Any], node_id: str) -> bool:
    """Read from the node itself, not from the table's code: a deadline (it counts days from today), or a next
    step whose condition reads the day or an answer that is not a choice."""
    node = tree["nodes"][node_id]
    chosen = {nid for nid, other in tree["nodes"].items() if other["type"] in ("choice", "yesno")}
    conditions = [expr.compile_expression(item["if"]) for item in node.get("next_steps") or [] if item.get("if")]
    return bool(node.get("deadlines")) or any(expr.reads_today(c) or not expr.names(c) <= chosen for c in conditions)


@pytest.mark.parametrize(("name", "tree"), EDITIONS, ids=[name for name, _ in EDITIONS])
def test_every_view_of_every_tree_is_what_the_engine_and_renderer_give(name: str, tree: dict[str, Any]) -> None:
    served, table = _as_served(tree)
    assert table["format"] == 1
    assert assert_table_agrees(served, table["views"]) >= 2, "the first question and at least one answer"


def test_both_languages_have_the_same_views_up_to_a_full_table() -> None:
    # The same walks in the same order: a table that its size stopped early holds the first views of the other.
    by_slug: dict[str, dict[str, dict[str, Any]]] = {}
    for name, tree in EDITIONS:
        slug, _, language = name.rpartition("-")
        by_slug.setdefault(slug, {})[language] = _as_served(tree)[1]["views"]
    for slug, languages in by_slug.items():
        shorter, longer = sorted(languages.values(), key=len)
        assert list(shorter) == list(longer)[:len(shorter)], slug
        assert len(shorter) == len(longer) or table_is_full(shorter), slug


def _decided_tree() -> dict[str, Any]:
    text = """title: Rules on the way
summary: A tree whose rules read a choice, the day, and a typed answer.
audience: consumers
reviewed: 2026-11-01
sources:
  rules:
    title: Rules
    section: Article 1
start: kind
nodes:
  kind:
    type: choice
    question: What kind of complaint is it?
    options:
      goods: {label: About goods, next: by_kind}
      service: {label: About a service, next: by_day}
      other: {label: Something else, next: amount}
  by_kind:
    type: route
    branches:
      - if: kind == 'goods'
        next: delivered
    else: amount
  delivered:
    type: yesno
    question: Were the goods delivered?
    options:
      yes: amount
      no: done
  by_day:
    type: route
    branches:
      - if: today >= date('2026-06-01')
        next: delivered
    else: done
  amount:
    type: number
    question: How much did you pay?
    unit: yuan
    min: 0
    next: by_amount
  by_amount:
    type: route
    branches:
      - if: amount > 100
        next: delivered_late
    else: done
  delivered_late:
    type: yesno
    question: Was it late?
    options:
      yes: done
      no: done
  done:
    type: outcome
    verdict: Done
    explanation: The end.
    basis: [rules]
"""
    return _compile_text(text)


def test_the_table_stops_where_a_rule_reads_the_day_or_a_typed_answer() -> None:
    tree = _decided_tree()
    served, table = _as_served(tree)
    views = table["views"]
    # A rule reading a choice is worked out; the number question is shown but not answered; the rule reading
    # the day (after "service") is left to the engine; the outcome reached by choices alone is in the table.
    assert sorted(views) == sorted(["", "kind=goods", "kind=goods&delivered=yes", "kind=goods&delivered=no",
                                    "kind=other"])
    assert views["kind=goods&delivered=no"]["result"]["state"] == "outcome"
    assert views["kind=goods&delivered=yes"]["result"]["node"] == "amount"
    assert decided_by_choices(served) == {"by_kind"}
    assert_table_agrees(served, views)


OUTCOMES_TREE = """title: Outcomes of every sort
summary: Outcomes whose texts depend on choices, on the day, on a typed answer, or count days to a deadline.
audience: consumers
reviewed: 2026-11-01
sources:
  rules:
    title: Rules
    section: Article 1
start: kind
nodes:
  kind:
    type: choice
    question: Which outcome?
    options:
      plain: {label: Plain, next: plain}
      steps: {label: Steps by choice, next: steps}
      dated: {label: With a deadline, next: received}
      daily: {label: Steps by the day, next: by_today}
  plain:
    type: outcome
    verdict: Plain
    explanation: Nothing depends on anything.
    basis: [rules]
  steps:
    type: outcome
    verdict: Steps
    explanation: A next step shown for one choice only.
    next_steps:
      - text: Shown for this choice.
        if: kind == 'steps'
      - text: Never shown here.
        if: kind == 'plain'
    basis: [rules]
  received:
    type: date
    question: When did you receive it?
    next: dated
  dated:
    type: outcome
    verdict: Dated
    explanation: A deadline counted from a date.
    deadlines:
      - id: by
        label: Answer by
        date: received + 3
    basis: [rules]
  by_today:
    type: outcome
    verdict: By the day
    explanation: A next step shown from a day on.
    next_steps:
      - text: Shown from June 2026.
        if: today >= date('2026-06-01')
    basis: [rules]
"""


def test_outcomes_reached_by_choices_are_in_the_table_unless_the_day_changes_them() -> None:
    served, table = _as_served(_compile_text(OUTCOMES_TREE))
    views = table["views"]
    # The date question is shown (not answered); the outcome whose step reads the day is left to the engine.
    assert sorted(views) == sorted(["", "kind=plain", "kind=steps", "kind=dated"])
    shown = views["kind=steps"]["html"]
    assert "<p>Shown for this choice.</p>" in shown and "Never shown here." not in shown
    assert views["kind=dated"]["result"]["state"] == "question"
    assert same_every_day(served, served["nodes"]["plain"]) and not same_every_day(served, served["nodes"]["by_today"])
    assert not same_every_day(served, {**served["nodes"]["plain"], "deadlines": [{"id": "x", "date": "2026-01-01"}]})
    assert_table_agrees(served, views)


@pytest.mark.reliability("property")
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), size=st.integers(8, 30))
def test_random_trees_views_agree_with_the_engine_on_every_day(seed: int, size: int) -> None:
    _assert_random_tree_agrees(branching_tree(seed, size, boxes=False))


@pytest.mark.reliability("property")
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), size=st.integers(8, 16))
def test_random_trees_with_boxes_views_agree_with_the_engine_on_every_day(seed: int, size: int) -> None:
    """The same with a checkbox question after the choice (every set of its boxes is a key of the table): fewer and
    smaller trees, as each set multiplies the walks."""
    _assert_random_tree_agrees(branching_tree(seed, size))


def _assert_random_tree_agrees(text: str) -> None:
    tree = _compile_text(text)
    # Started at the choice, so that the walks meet rules reading typed answers not yet given; and one kind of
    # rule reads the day alone, which turns between the days tried.
    tree["start"] = "channel"
    for node in tree["nodes"].values():
        for branch in node.get("branches") or []:
            branch["if"] = branch["if"].replace("amount > 100", "today >= date('2026-06-01')")
    served, table = _as_served(tree)
    assert "" in table["views"]
    assert_table_agrees(served, table["views"])


def _compile_text(text: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.yaml"
        path.write_text(text, encoding="utf-8")
        result = compile_file(path)
    assert result.tree is not None, [d.format() for d in result.diagnostics if d.is_error]
    return dict(result.tree)


def test_a_tree_with_millions_of_ways_keeps_a_bounded_table_nearest_the_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prerender, "MAX_TABLE_BYTES", 10**9)  # the count alone bounds it here
    tree = _compile_text(ladder_tree(40))  # 2**40 ways through
    views = prerendered_views(tree)
    assert len(views) == MAX_VIEWS
    depths = [len(urllib.parse.parse_qsl(key)) for key in views]
    # Nearest the start first: every walk of up to 9 answers (2**10 - 1 views), then part of the next level.
    assert depths.count(9) == 2**9 and max(depths) == 10


def test_a_table_of_large_views_stops_at_its_size_nearest_the_start() -> None:
    # The page parses the whole table as it loads: its text is bounded, whatever the count of views.
    tree = _compile_text(ladder_tree(40))
    views = prerendered_views(tree)
    sizes = [entry_bytes(key, entry) for key, entry in views.items()]
    assert len(views) < MAX_VIEWS and MAX_TABLE_BYTES <= sum(sizes) < MAX_TABLE_BYTES + max(sizes)
    depths = [len(urllib.parse.parse_qsl(key)) for key in views]
    deepest = max(depths)
    assert all(depths.count(depth) == 2**depth for depth in range(deepest)) and depths.count(deepest) <= 2**deepest
    # What views_json writes is the table measured: the bytes of its entries and its few bytes of frame.
    served = json.loads(views_json(tree, "{}"))["views"]
    assert served == views


# Answers with every kind of character an option key or node id could hold (the checker allows fewer).
AWKWARD = [("a b", "c+d"), ("x~y", "*-._"), ("é", "中文"), ("a=b&c", "%20"), ("'()!", "\\/?#"), ("", "")]


def test_answers_are_keyed_as_the_browser_writes_them_in_the_address() -> None:
    script = ("const pairs = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "process.stdout.write(JSON.stringify(pairs.map((p) => new URLSearchParams(p).toString())));")
    cases = [AWKWARD[:1], AWKWARD[1:3], AWKWARD[3:], [], AWKWARD]
    browser = subprocess.run(["node", "-e", script], input=json.dumps(cases), capture_output=True, text=True,
                             check=True, timeout=60)
    assert json.loads(browser.stdout) == [answers_key(case) for case in cases]
