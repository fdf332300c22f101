"""Properties that hold for any tree: random valid trees compile and every walk ends; random edits never crash."""

from __future__ import annotations

import datetime
import random
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard.checker import check_file
from wizard.compiler import compile_file
from wizard.core.contracts import CompiledTree, StepResult
from wizard.core.engine import step
from wizard.synthetic import branching_tree, mixed_tree

TODAY = datetime.date(2026, 11, 22)


def _compile(text: str) -> CompiledTree:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "generated.yaml"
        path.write_text(text, encoding="utf-8")
        result = compile_file(path, today=TODAY)
    assert result.tree is not None, [d.format() for d in result.diagnostics if d.is_error]
    return result.tree


def _random_answer(node: Mapping[str, Any], rng: random.Random) -> str:
    """A random answer the question accepts: within its bounds (a random edit may have changed them: `max: 10000`
    becoming `max: -0000` is a valid tree whose question refuses 1), so that a refusal means a wrong engine."""
    kind = node["type"]
    if kind in ("choice", "yesno"):
        return str(rng.choice(node["options"])["key"])
    if kind == "number":
        low, high = (node.get(bound) if isinstance(node.get(bound), (int, float)) else None for bound in ("min", "max"))
        fits = [n for n in (0, 1, 4.5, 99, 100, 101, 5000, 10000) if (low is None or n >= low)
                and (high is None or n <= high) and (not node.get("integer") or float(n).is_integer())]
        return str(rng.choice(fits) if fits else low if low is not None else high)
    days = [TODAY - datetime.timedelta(days=rng.randint(0, 400)) for _ in range(8)]
    earliest, latest = (_date_bound(node.get(bound)) for bound in ("min", "max"))
    inside = [day for day in days if (earliest is None or day >= earliest) and (latest is None or day <= latest)]
    return (inside[0] if inside else earliest or latest or TODAY).isoformat()


def _date_bound(bound: object) -> datetime.date | None:
    """A date question's bound when it is a plain date (or today); None for none, or a formula."""
    if bound == "today":
        return TODAY
    try:
        return datetime.date.fromisoformat(bound) if isinstance(bound, str) else None
    except ValueError:
        return None


def random_walk(tree: CompiledTree, seed: int) -> StepResult:
    """Answer each question at random until an outcome; fails if a walk takes more steps than the tree has nodes."""
    rng = random.Random(seed)
    answers: dict[str, str] = {}
    for _ in range(len(tree["nodes"]) + 1):
        result = step(tree, answers, TODAY)
        if result["state"] != "question":
            return result
        assert result["error"] is None, result["error"]
        asked = result["node"]
        assert asked is not None
        answers[asked] = _random_answer(tree["nodes"][asked], rng)
    raise AssertionError("the walk did not end")


@pytest.mark.reliability("property")
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), size=st.integers(8, 40), walk=st.integers(0, 1000))
def test_random_valid_trees_compile_and_every_walk_reaches_an_outcome(seed: int, size: int, walk: int) -> None:
    tree = _compile(branching_tree(seed, size))
    result = random_walk(tree, walk)
    assert result["state"] == "outcome"
    assert result["node"] in tree["nodes"] and tree["nodes"][result["node"]]["type"] == "outcome"
    # The remaining-questions estimate never runs out before the questions do.
    assert all(tree["longest"][s["node"]] >= 1 for s in result["steps"])
    assert result["outcome"] is not None
    deadline = result["outcome"]["deadlines"][0]
    assert datetime.date.fromisoformat(deadline["date"]) > datetime.date.fromisoformat(result["answers"]["received"])


@pytest.mark.reliability("property")
@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_generated_mixed_trees_pass_their_own_examples(seed: int) -> None:
    from wizard.examples import run_examples

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mixed.yaml"
        path.write_text(mixed_tree(seed, 30), encoding="utf-8")
        result = compile_file(path, today=TODAY)
        assert result.errors == []
        assert all(example.passed for example in run_examples(result))


MUTATIONS = ["delete", "duplicate", "character", "indent", "truncate"]
NOISE = [*":-[]{}'\"\t#&*!|>%@` \n", "yes", "no", "null", "1e999", "__import__", "((", "today"]


@pytest.mark.reliability("property")
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 1000), mutation=st.sampled_from(MUTATIONS), where=st.floats(0, 1),
       noise=st.sampled_from(NOISE))
def test_random_edits_are_reported_never_crash(seed: int, mutation: str, where: float, noise: str) -> None:
    lines = branching_tree(seed, 12).splitlines(keepends=True)
    index = min(int(where * len(lines)), len(lines) - 1)
    if mutation == "delete":
        del lines[index]
    elif mutation == "duplicate":
        lines.insert(index, lines[index])
    elif mutation == "character":
        line = lines[index]
        position = int(where * 997) % max(1, len(line))
        lines[index] = line[:position] + noise + line[position + 1:]
    elif mutation == "indent":
        lines[index] = " " + lines[index]
    else:
        lines = lines[:index]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "edited.yaml"
        path.write_text("".join(lines), encoding="utf-8")
        checked = check_file(path, "edited.yaml", today=TODAY)  # must not raise, whatever the edit
        for diagnostic in checked.diagnostics:
            assert diagnostic.line >= 1 and diagnostic.column >= 1
            assert diagnostic.message and "Traceback" not in diagnostic.message
        if checked.ok:
            result = compile_file(path, today=TODAY)
            if result.tree is not None:
                random_walk(result.tree, seed)
