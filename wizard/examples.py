"""Running a tree's examples (its tests) through the engine."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from wizard.compiler import CompileResult, compile_checked
from wizard.core.contracts import CompiledTree
from wizard.core.engine import step


@dataclass(frozen=True)
class ExampleResult:
    """The result of one example: where it is written and, on failure, what was expected and what came."""

    file: str
    line: int
    name: str
    failure: str | None

    @property
    def passed(self) -> bool:
        """True when the example reached what it promised."""
        return self.failure is None

    def format(self) -> str:
        """One line for the terminal: ``FILE:LINE: example "NAME": what went wrong``."""
        status = "passed" if self.passed else self.failure
        return f"{self.file}:{self.line}: example \"{self.name}\": {status}"


def run_example(tree: CompiledTree, example: dict[str, Any]) -> str | None:
    """Run one example; None when it reaches its outcome and deadlines, else why not, in plain words."""
    today = datetime.date.fromisoformat(example["today"]) if example.get("today") else None
    answers = example.get("answers") or {}
    result = step(tree, answers, today)
    expected = example["outcome"]
    if result["state"] == "error":
        return f"expected outcome `{expected}`, but the procedure failed: {result['message']}"
    if result["state"] == "question":
        if result["error"]:
            return (f"expected outcome `{expected}`, but the answer to `{result['node']}` was refused: "
                    f"{result['error']['message']}")
        return f"expected outcome `{expected}`, but it stops at question `{result['node']}` (no answer given)"
    if result["node"] != expected:
        path = " → ".join(s["node"] for s in result["steps"])
        return f"expected outcome `{expected}`, got `{result['node']}` (after {path or 'no questions'})"
    unused = [question for question in answers if question not in result["answers"]]
    if unused:
        return (f"reaches `{expected}`, but never asks {', '.join(f'`{q}`' for q in unused)}: "
                "remove those answers or fix the path")
    reached = result["outcome"]
    got = {d["id"]: d["date"] for d in reached["deadlines"]} if reached is not None else {}
    expected_deadlines = example.get("deadlines") or {}
    for deadline_id, due in expected_deadlines.items():
        if deadline_id not in got:
            return f"expected deadline `{deadline_id}` on {due}, but it was not computed for these answers"
        if got[deadline_id] != due:
            return f"expected deadline `{deadline_id}` on {due}, got {got[deadline_id]}"
    # A deadline readers get that no example states is a date nobody has checked (docs/authoring.md, Examples).
    for deadline_id, due in got.items():
        if deadline_id not in expected_deadlines:
            return (f"reaches `{expected}` with deadline `{deadline_id}` on {due}, which the example does not "
                    f"state: add `{deadline_id}: {due}` under its `deadlines:` once you have checked the date")
    return None


def run_examples(compiled: CompileResult) -> list[ExampleResult]:
    """Run every example of a compiled file on its English tree (a tree with errors has none to run; an error in
    a translation does not stop them)."""
    if compiled.checked is None or not compiled.checked.ok:
        return []
    tree = compiled.tree if compiled.tree is not None else compile_checked(compiled.checked)
    loaded = compiled.checked.loaded
    data = loaded.data
    if data is None:
        return []
    results = []
    for index, example in enumerate(data.get("examples") or []):
        line, _ = loaded.position(("examples", index))
        results.append(ExampleResult(loaded.file, line, example["name"], run_example(tree, example)))
    return results
