"""The engine wheel under Pyodide (in Node.js) gives exactly CPython's results for every example of every tree.

The cases are every example of every tree in trees/ and of the fixture trees, plus each example with its first
answer spoiled (so validation messages are compared too), plus random walks over random valid trees (a
property test: any tree, any answers, the same result on both Pythons). The whole ``step()`` result is
compared, not only the outcome: steps, trace, progress, deadlines and messages must be the same on both Pythons.
"""

from __future__ import annotations

import datetime
import json
import random
import shutil
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from wizard.browser.bundle import build_engine_wheel
from wizard.compiler import compile_file
from wizard.core.engine import step
from wizard.synthetic import branching_tree, mixed_tree

from .wizard_driver import FIXTURE_TREES, REPO, load_procedures

SCRIPT = REPO / "scripts" / "pyodide_examples.mjs"
PYODIDE = REPO / "node_modules" / "pyodide"
DEFAULT_TODAY = "2026-11-22"
# Random trees and the random walks taken through each, every one of them checked on both Pythons.
RANDOM_TREES, WALKS_PER_TREE = 12, 5


def _random_answer(rng: random.Random, node: Mapping[str, Any]) -> str:
    """An answer a reader could give, sometimes one the question refuses (validation is compared too)."""
    if rng.random() < 0.1:
        return rng.choice(["", "nonsense", "-1", "2026-02-30", "1e999"])
    kind = node["type"]
    if kind in ("choice", "yesno"):
        return str(rng.choice(node["options"])["key"])
    if kind == "number":
        return str(rng.choice([0, 1, 5, 99, 100, 101, 2500.5, 9999]))
    day = datetime.date(2026, 11, 22) - datetime.timedelta(days=rng.randint(0, 400))
    return day.isoformat()


def _random_walks(folder: Path) -> list[dict[str, Any]]:
    """Walks through random trees (wizard.synthetic), answering whatever the CPython engine asks next."""
    cases = []
    for seed in range(RANDOM_TREES):
        path = folder / f"random-{seed}.yaml"
        path.write_text(branching_tree(seed, size=14 + seed) if seed % 2 else mixed_tree(seed, size=20),
                        encoding="utf-8")
        compiled = compile_file(path)
        assert compiled.tree is not None, [d.format() for d in compiled.diagnostics]
        for walk in range(WALKS_PER_TREE):
            rng = random.Random(seed * 1000 + walk)
            answers: list[tuple[str, str]] = []
            for _ in range(len(compiled.tree["nodes"])):
                result = step(compiled.tree, dict(answers), DEFAULT_TODAY)
                asked, question = result["node"], result["question"]
                if result["state"] != "question" or result["error"] or asked is None or question is None:
                    break
                answers.append((asked, _random_answer(rng, question)))
            cases.append({"tree": compiled.tree, "today": DEFAULT_TODAY, "answers": answers,
                          "id": f"random tree {seed}, walk {walk}"})
    return cases


def _cases(folder: Path) -> list[dict[str, Any]]:
    cases = _random_walks(folder)
    for folder in (REPO / "trees", FIXTURE_TREES[0].parent):
        for procedure in load_procedures(folder):
            for number, example in enumerate(procedure.examples):
                today = example.today or DEFAULT_TODAY
                answers = list(example.answers.items())
                base = {"tree": procedure.tree, "today": today}
                cases.append({**base, "id": f"{procedure.slug}#{number} {example.name}", "answers": answers})
                spoiled = [(answers[0][0], "not an answer"), *answers[1:]]
                cases.append({**base, "id": f"{procedure.slug}#{number} spoiled", "answers": spoiled})
    return cases


@pytest.fixture(scope="module")
def node_results(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any], list[dict[str, Any]]]:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed (Node.js 20 runs Pyodide for this test)", pytrace=False)
    if not (PYODIDE / "pyodide.asm.wasm").is_file():
        pytest.fail("node_modules/pyodide is missing: run `npm ci`", pytrace=False)
    folder = tmp_path_factory.mktemp("node-engine")
    wheel = build_engine_wheel()
    (folder / wheel.name).write_bytes(wheel.data)
    cases = _cases(folder)
    (folder / "cases.json").write_text(json.dumps(cases, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run(
        [node, str(SCRIPT), str(PYODIDE), str(folder / wheel.name), str(folder / "cases.json")],
        capture_output=True, text=True, timeout=300, check=False, cwd=REPO,
    )
    # Node prints the minified line an error comes from (a megabyte): keep the readable lines only.
    readable = [line for line in done.stderr.splitlines() if len(line) < 400]
    assert done.returncode == 0, "\n".join(readable[-40:])
    output = json.loads(done.stdout)
    return output["python"], {r["id"]: r["result"] for r in output["results"]}, cases


def test_pyodide_runs_a_python_of_its_own(node_results: tuple[str, dict[str, Any], list[dict[str, Any]]]) -> None:
    python, _, _ = node_results
    assert python.startswith("3."), python


@pytest.mark.reliability("property")
def test_every_example_and_random_walk_gives_the_same_result_as_cpython(
    node_results: tuple[str, dict[str, Any], list[dict[str, Any]]], record_property: Callable[[str, object], None],
) -> None:
    _, results, cases = node_results
    assert len(results) == len(cases) > 0
    differences = []
    for case in cases:
        expected = json.loads(json.dumps(step(case["tree"], dict(case["answers"]), case["today"]), ensure_ascii=False))
        if results[case["id"]] != expected:
            differences.append(f"{case['id']}:\n  pyodide {results[case['id']]}\n  cpython {expected}")
    assert not differences, "\n".join(differences)
    record_property("checks", len(cases))


def test_the_cases_cover_outcomes_and_refused_answers(
    node_results: tuple[str, dict[str, Any], list[dict[str, Any]]],
) -> None:
    _, results, _ = node_results
    states = [(r["state"], bool(r["error"])) for r in results.values()]
    assert ("outcome", False) in states and ("question", True) in states
    assert any(r["outcome"] and r["outcome"]["deadlines"] for r in results.values()), "no deadline compared"
    random_ends = {r["state"] for case_id, r in results.items() if case_id.startswith("random tree")}
    assert random_ends >= {"outcome", "question"}, "random walks reach outcomes and refused answers"


def test_the_wheel_holds_only_the_engine() -> None:
    import io
    import zipfile

    wheel = build_engine_wheel()
    names = zipfile.ZipFile(io.BytesIO(wheel.data)).namelist()
    modules = sorted(n for n in names if n.endswith(".py"))
    # Every module of wizard/core, its renderer package (wizard/core/views) included.
    core_dir = REPO / "wizard" / "core"
    core = sorted(f"wizard/core/{path.relative_to(core_dir).as_posix()}" for path in core_dir.rglob("*.py"))
    assert modules == ["wizard/__init__.py", *core]
    assert build_engine_wheel().data == wheel.data, "the wheel is the same, byte for byte, for the same sources"
    assert wheel.name.endswith("-py3-none-any.whl")


def test_the_engine_imports_nothing_outside_the_standard_library() -> None:
    """What runs in the browser may only import the standard library and itself."""
    import ast
    import sys

    for path in sorted((REPO / "wizard" / "core").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                assert top in sys.stdlib_module_names or name.startswith("wizard.core") or name == "__future__", (
                    f"{path.name} imports {name}"
                )


def test_node_script_usage_error(tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed", pytrace=False)
    done = subprocess.run([node, str(SCRIPT)], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2 and "usage:" in done.stderr
