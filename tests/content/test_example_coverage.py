"""Every tree's examples exercise every rule of the tree, not just every outcome.

`wizard check` already warns about an outcome that no example reaches. This test asks more of the examples,
so that a mistake in any rule shows up as a failing example:

- every answer of every choice and yes/no question is given by some example;
- every branch of every route (each `if` and the `else`) is taken by some example;
- every conditional next step (`if:`) is shown by some example;
- every deadline is computed by some example, and some example states the date it must give.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from wizard.compiler import compile_file, tree_files
from wizard.core.engine import step

REPO_ROOT = Path(__file__).resolve().parents[2]
TREES = tree_files(REPO_ROOT / "trees")


def required_items(tree: Mapping[str, Any]) -> set[str]:
    """What the examples of ``tree`` must cover, each as a readable label."""
    items: set[str] = set()
    for node_id, node in tree["nodes"].items():
        kind = node["type"]
        if kind in ("choice", "yesno"):
            items.update(f"answer {node_id}={option['key']}" for option in node["options"])
        elif kind == "route":
            items.update(f"route {node_id}->{branch['next']}" for branch in node["branches"])
            if node.get("else") is not None:
                items.add(f"route {node_id}->{_next_of(node['else'])}")
        elif kind == "outcome":
            for item in node.get("next_steps") or []:
                if isinstance(item, dict) and item.get("if"):
                    items.add(f"step {node_id}: {item['text']}")
            for deadline in node.get("deadlines") or []:
                items.add(f"deadline {node_id}.{deadline['id']} asserted")
    return items


def covered_items(tree: Mapping[str, Any], examples: Iterable[dict[str, Any]]) -> set[str]:
    """What the given examples cover when run through the engine (examples that fail cover nothing)."""
    items: set[str] = set()
    for example in examples:
        result = step(tree, example.get("answers") or {}, example.get("today"))
        if result["state"] != "outcome" or result["node"] != example["outcome"]:
            continue
        nodes = tree["nodes"]
        for node_id, answer in result["answers"].items():
            if nodes[node_id]["type"] in ("choice", "yesno"):
                items.add(f"answer {node_id}={answer}")
        visited = [entry["node"] for entry in result["trace"]] + [result["node"]]
        for here, following in pairwise(visited):
            if nodes[here]["type"] == "route":
                items.add(f"route {here}->{following}")
        outcome_id, outcome = result["node"], result["outcome"]
        assert outcome is not None
        items.update(f"step {outcome_id}: {item['text']}" for item in outcome["next_steps"])
        asserted = example.get("deadlines") or {}
        for deadline in outcome["deadlines"]:
            if asserted.get(deadline["id"]) == deadline["date"]:
                items.add(f"deadline {outcome_id}.{deadline['id']} asserted")
    return items


def _next_of(link: Any) -> str:
    return str(link if isinstance(link, str) else link["next"])


def missing_coverage(tree: Mapping[str, Any], examples: list[dict[str, Any]]) -> list[str]:
    """The rules of ``tree`` that no example exercises, sorted."""
    return sorted(required_items(tree) - covered_items(tree, examples))


@pytest.mark.parametrize("path", TREES, ids=lambda p: p.stem)
def test_examples_exercise_every_rule(path: Path) -> None:
    compiled = compile_file(path)
    assert compiled.tree is not None, "\n".join(d.format() for d in compiled.errors)
    assert compiled.checked is not None and compiled.checked.loaded.data is not None
    examples = compiled.checked.loaded.data.get("examples") or []
    missing = missing_coverage(compiled.tree, examples)
    assert not missing, f"{path.name}: add examples that exercise:\n" + "\n".join(missing)


def test_there_are_trees_to_check() -> None:
    assert len(TREES) >= 4


# The checker of coverage itself, on a small tree written here: it must report each kind of gap.
_SMALL_TREE = """\
title: Small
summary: A tree to test the coverage check.
audience: consumers
reviewed: 2026-11-23
sources:
  s:
    title: A source
start: kind
nodes:
  kind:
    type: choice
    question: Which kind?
    options:
      a: {label: A, next: when, because: A leads on.}
      b: {label: B, next: done, because: B ends here.}
  when:
    type: date
    question: When?
    max: today
    next: window
  window:
    type: route
    branches:
      - if: days_between(when, today) <= 3
        next: done
        because: In time.
    else:
      next: late
      because: Too late.
  done:
    type: outcome
    verdict: Done
    explanation: Done.
    next_steps:
      - text: Only for A.
        if: kind == 'a'
    deadlines:
      - id: by
        label: By
        date: today + 1
    basis: [s]
  late:
    type: outcome
    verdict: Late
    explanation: Late.
    basis: [s]
"""


def test_coverage_check_reports_each_kind_of_gap(tmp_path: Path) -> None:
    tree_file = tmp_path / "trees" / "small.yaml"
    tree_file.parent.mkdir()
    tree_file.write_text(_SMALL_TREE, encoding="utf-8")
    compiled = compile_file(tree_file)
    assert compiled.tree is not None, "\n".join(d.format() for d in compiled.errors)
    only_b = [{"name": "b", "answers": {"kind": "b"}, "outcome": "done"}]
    assert missing_coverage(compiled.tree, only_b) == [
        "answer kind=a",
        "deadline done.by asserted",  # reached, but no example states the date
        "route window->done",
        "route window->late",
        "step done: Only for A.",
    ]
    complete = [
        {"name": "b", "answers": {"kind": "b"}, "outcome": "done", "today": "2026-11-20",
         "deadlines": {"by": "2026-11-21"}},
        {"name": "a in time", "answers": {"kind": "a", "when": "2026-11-19"}, "outcome": "done",
         "today": "2026-11-20"},
        {"name": "a late", "answers": {"kind": "a", "when": "2026-11-01"}, "outcome": "late", "today": "2026-11-20"},
    ]
    assert missing_coverage(compiled.tree, complete) == []
    # An example that does not reach its promised outcome covers nothing.
    wrong = [{**example, "outcome": "late"} for example in complete[:1]]
    assert "answer kind=b" in missing_coverage(compiled.tree, wrong)
