"""Each kind of node lives in its homes: no other source file names a kind or knows the shape of its answer.

A new kind of question should be one entry in ``wizard.core.kinds`` and its pieces in the files that hold every
kind's piece of that job (its reader, its objects, its node's contract, its form); every other tool asks the
registry. This test reads the code (comments and docstrings do not count) of ``wizard/`` and the browser
scripts, and fails when a kind's name or a checkbox question's shape shows up anywhere else, so that the spread
measured in docs/architecture.md cannot come back.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

import pytest

from wizard import behaviour_diff, conditions, routes
from wizard.compiler import compile_file
from wizard.core import kinds
from wizard.core.engine import step
from wizard.core.views.question import typed_into_form
from wizard.site.answers import all_answers
from wizard.site.prerender import prerendered_views
from wizard.terminal import describe_step

ROOT = Path(__file__).resolve().parents[2]
TODAY = datetime.date(2026, 11, 22)

# The kinds' homes, each the home of one job for every kind: the registry, the readers, the schema's objects, the
# nodes' contracts, the form (Python and browser). A new kind of question is written in these and nowhere else.
HOMES = frozenset({
    "wizard/core/kinds.py", "wizard/core/readers.py", "wizard/schema.py", "wizard/core/contracts.py",
    "wizard/core/views/question.py", "wizard/assets/wizard-form.js", "wizard/assets/wizard-events.js",
})
# Also allowed, not the kinds' code: the formula language's type of value a checkbox answer is (a set of keys),
# and the files that write trees as YAML text (a new procedure's starting tree, the generated test trees).
FORMULA_TYPE = frozenset({"wizard/core/expr.py", "wizard/core/functions.py"})
TREE_WRITERS = frozenset({"wizard/scaffold.py", "wizard/synthetic.py"})
ALLOWED = HOMES | FORMULA_TYPE | TREE_WRITERS
# Kind names as texts in code; `route`, `outcome`, `number` and `date` are left out: they also name a step's
# state, an example's field and the formula types, and the registry test catches comparisons with them.
KIND_NAMES = frozenset({"choice", "yesno", "checkbox"})
# What only a checkbox question has: its boxes, the "None of these" box, the set its answer is in formulas.
CHECKBOX_SHAPE = frozenset({"has_boxes", "ticks", "exclusive", "BOX_SEPARATOR", "box_sets",
                            "read_checkbox"})
_JS_WORDS = re.compile(r"""["'](checkbox|choice|yesno)["']|\bexclusive\b""")
_JS_COMMENTS = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def python_mentions(text: str) -> list[tuple[int, str]]:
    """The lines of Python code ``text`` that name a kind or a checkbox question's shape, with what they name."""
    tree = ast.parse(text)
    docstrings = _docstrings(tree)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            named = {node.value} & (KIND_NAMES | {"exclusive"})
            named |= {node.value} if re.fullmatch(r"tick_\w+", node.value) else set()  # the words of boxes
            named |= {name for name in KIND_NAMES if re.search(rf"\btype: {name}\b", node.value)}
        elif isinstance(node, ast.Name):
            named = {node.id} & CHECKBOX_SHAPE
        elif isinstance(node, ast.Attribute):
            named = {node.attr} & CHECKBOX_SHAPE
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            named = {node.name} & CHECKBOX_SHAPE
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "isinstance":
            classes = " ".join(ast.unparse(arg) for arg in node.args[1:])
            named = {"isinstance(…, frozenset)"} if "frozenset" in classes else set()
        else:
            named = set()
        found.extend((node.lineno, name) for name in sorted(named))  # type: ignore[attr-defined]
    return sorted(set(found))


def script_mentions(text: str) -> list[tuple[int, str]]:
    """The lines of a browser script (comments left out) that name a kind or a checkbox's exclusive box."""
    code = _JS_COMMENTS.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    return [(number, match.group(0)) for number, line in enumerate(code.splitlines(), 1)
            for match in _JS_WORDS.finditer(line)]


def kind_mentions(root: Path) -> dict[str, list[tuple[int, str]]]:
    """Every source file of ``root``'s ``wizard/`` (Python and browser scripts, not the vocabularies or styles) that
    names a kind or a checkbox question's shape in code, with the lines."""
    found: dict[str, list[tuple[int, str]]] = {}
    for path in sorted((root / "wizard").rglob("*")):
        name = path.relative_to(root).as_posix()
        if path.suffix == ".py":
            lines = python_mentions(path.read_text(encoding="utf-8"))
        elif path.suffix == ".js" and "node_modules" not in path.parts and path.name != "vendor.js":
            lines = script_mentions(path.read_text(encoding="utf-8"))
        else:
            continue
        if lines:
            found[name] = lines
    return found


def test_no_source_file_outside_the_kinds_homes_names_a_kind() -> None:
    found = kind_mentions(ROOT)
    assert set(found) - ALLOWED == set(), {name: found[name] for name in sorted(set(found) - ALLOWED)}
    # The checkbox kind's code is in its homes and the formula type only: counted in docs/architecture.md.
    checkbox = {name for name, lines in found.items() if name not in TREE_WRITERS}
    assert checkbox <= HOMES | FORMULA_TYPE and len(checkbox & HOMES) <= 8


def test_the_scan_finds_what_it_looks_for() -> None:
    assert python_mentions('if node["type"] == "checkbox":\n    pass\n') == [(1, "checkbox")]
    assert python_mentions("ok = kinds.has_boxes(node) or isinstance(value, frozenset)\n") == [
        (1, "has_boxes"), (1, "isinstance(…, frozenset)")]
    assert python_mentions('"""A checkbox question."""\n# the yesno kind\nx = {"exclusive": True}\n') == [
        (3, "exclusive")]
    assert python_mentions('say(words["tick_or"])\nyaml = "  q:\\n    type: choice\\n"\n') == [
        (1, "tick_or"), (2, "choice")]
    assert script_mentions('// a "checkbox"\nif (field.type === "checkbox") untick();\n') == [(2, '"checkbox"')]


def _renamed(tree: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    copy = json.loads(json.dumps(tree))
    for node in copy["nodes"].values():
        node["type"] = names.get(node["type"], node["type"])
    return cast(dict[str, Any], copy)


@pytest.mark.reliability("property")
@pytest.mark.parametrize("slug", ["complaint-contents", "tmall-store-complaint"])
def test_a_kind_known_only_to_the_registry_goes_through_every_tool(slug: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every question kind copied in the registry under a new name, and the tree's nodes given those names: paths,
    the proofs' view of answers, the behaviour diff, the pre-rendered views, All answers, the terminal and the
    test driver's fields give what they give for the kinds copied. No tool knows a kind by its name."""
    compiled = compile_file(ROOT / "trees" / f"{slug}.yaml")
    assert compiled.tree is not None and compiled.checked is not None and compiled.checked.loaded.data is not None
    tree, loaded_nodes = cast(dict[str, Any], compiled.tree), compiled.checked.loaded.data["nodes"]
    names = {name: f"{name}_again" for name in kinds.QUESTION_TYPES}
    for name, new in names.items():
        monkeypatch.setitem(kinds.KINDS, new, dataclasses.replace(kinds.KINDS[name], name=new))
    copy = _renamed(tree, names)

    def unnamed(value: object) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=repr).replace("_again", "")

    assert routes.count_routes(copy) == routes.count_routes(tree)
    assert routes.exact_count(copy) == routes.exact_count(tree)
    assert unnamed(prerendered_views(copy)) == unnamed(prerendered_views(tree))
    assert unnamed(all_answers(copy)) == unnamed(all_answers(tree))  # its kind names a class: rc-node--choice
    diffed = behaviour_diff.compare(tree, copy, TODAY)
    assert diffed.differences == [] and diffed.complete and diffed.tried > 0
    asked = 0
    for nid, node in tree["nodes"].items():
        again = copy["nodes"][nid]
        assert [w[:2] for w in kinds.ways_out(again)] == [w[:2] for w in kinds.ways_out(node)]
        if not kinds.is_question(node):
            continue
        asked += 1
        loaded = loaded_nodes[nid]  # the proofs read the loaded tree
        answer, answer_again = conditions.Answer(loaded), conditions.Answer({**loaded, "type": again["type"]})
        assert answer_again.options == answer.options and answer_again.type == answer.type
        assert [answer_again.value(o) for o in answer.options] == [answer.value(o) for o in answer.options]
        assert kinds.how_to_answer(again) == kinds.how_to_answer(node) != []
        for typed in [*(kinds.answers_worth_trying(node) or ())[:3], "2026-3-9", "12"]:
            assert typed_into_form(nid, again, typed) == typed_into_form(nid, node, typed)
        walk = step(tree, {}, TODAY)
        assert unnamed(describe_step(step(copy, {}, TODAY))) == unnamed(describe_step(walk))
    assert asked >= 3
