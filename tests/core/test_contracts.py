"""The contracts of ``wizard.core.contracts`` hold: for the JSON examples of docs/architecture.md (both
languages), and for what the compiler and the engine really hand over on every tree of the project."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from contract_check import EXCERPT, problems

from wizard.compiler import compile_folder
from wizard.core.contracts import CompiledTree, PageStep, StepResult
from wizard.core.engine import step
from wizard.core.views import page_step
from wizard.markdown_render import add_html

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "docs" / "architecture.md", ROOT / "docs" / "zh" / "architecture.md"]
_BLOCK = re.compile(r"```json\n(.*?)```", re.DOTALL)
# Read left to right: a string is kept as it is, a comment (to the end of its line) dropped, and outside strings
# "…words…" or a lone "…" stands for keys left out, so it becomes the excerpt marker.
_TOKEN = re.compile(r'(?P<string>"(?:[^"\\]|\\.)*")|(?P<comment>//[^\n]*)|(?P<left_out>…[^…"{}\[\],]*…|…)')


def doc_examples(text: str) -> list[Any]:
    """The JSON examples of a page: comments dropped, ``…`` outside strings read as keys left out."""
    return [json.loads(_TOKEN.sub(_read_token, block)) for block in _BLOCK.findall(text)]


def _read_token(match: re.Match[str]) -> str:
    if match.group("string"):
        return match.group()
    return "" if match.group("comment") else f'"{EXCERPT}": null'


def contract_for(example: dict[str, Any]) -> Any:
    """The contract an example shows: a step result has a ``state``, a compiled tree a ``format``."""
    if "state" in example:
        return StepResult
    if "format" in example:
        return CompiledTree
    raise AssertionError(f"a JSON example that is neither a compiled tree nor a step result: {sorted(example)}")


@pytest.mark.parametrize("page", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_architecture_page_shows_the_real_contracts(page: Path) -> None:
    examples = doc_examples(page.read_text(encoding="utf-8"))
    shown = {contract_for(example).__name__ for example in examples}
    assert shown == {"CompiledTree", "StepResult"}
    for example in examples:
        assert problems(example, contract_for(example)) == []


def test_the_docs_reader_turns_excerpts_and_comments_into_json() -> None:
    block = '```json\n{"a": "x // not a comment", // a comment\n "b": { …compiled node… }, "c": [{"d": 1, …}]}\n```'
    assert doc_examples(block) == [{"a": "x // not a comment", "b": {EXCERPT: None}, "c": [{"d": 1, EXCERPT: None}]}]


@pytest.mark.parametrize(("value", "expected"), [
    ({"state": "question"}, "StepResult needs `node`"),  # a key left out
    ({"state": "outcome", EXCERPT: None, "next_steps": []}, "`next_steps` is not a key of StepResult"),
    ({"state": "done", EXCERPT: None}, "'done' is not one of"),
    ({"state": "error", EXCERPT: None, "progress": {"number": True, "remaining": 0}}, "True is not int"),
    ({"state": "error", EXCERPT: None, "outcome": {EXCERPT: None, "next_steps": ["Call."]}},
     "expected an object (ShownNextStep), found str"),
    ({"state": "error", EXCERPT: None, "answers": {"a": 1}}, "1 is not str"),
])
def test_the_checker_finds_each_kind_of_break(value: dict[str, Any], expected: str) -> None:
    found = problems(value, StepResult)
    assert any(expected in problem for problem in found), found


def _compiled_trees() -> list[tuple[str, Any, list[dict[str, object]]]]:
    """Every tree of the project and its translations, compiled, with the answers of the tree's examples."""
    trees = []
    for result in compile_folder(ROOT / "trees"):
        assert result.tree is not None and result.checked is not None and result.checked.loaded.data is not None
        answers = [dict(example["answers"]) for example in result.checked.loaded.data["examples"]]
        trees.append((result.slug, result.tree, answers))
        trees += [(f"{result.slug}.{language}", tree, answers) for language, tree in result.translations.items()]
    return trees


@pytest.mark.reliability("property")
def test_every_compiled_tree_and_step_result_keeps_its_contract() -> None:
    checked = 0
    for name, tree, example_answers in _compiled_trees():
        for form in (tree, add_html(tree)):  # as compiled, and with the site's rendered Markdown
            assert problems(form, CompiledTree, name) == []
        answer_sets: list[dict[str, object]] = [{}, *example_answers]
        for node_id, node in tree["nodes"].items():
            answer_sets.append({node_id: "not an answer"})
            for option in node.get("options") or []:
                answer_sets.append({node_id: option["key"]})
        for answers in answer_sets:
            for form in (tree, add_html(tree)):
                result = step(form, answers, today="2026-11-22")
                assert problems(result, StepResult, f"{name} {answers}") == []
                assert problems(page_step(result), PageStep, f"{name} {answers} (the page's part)") == []
                checked += 1
    assert checked > 50


def _typedef_properties(script: str, name: str) -> list[str]:
    """The ``@property`` names of the JSDoc ``@typedef {object} name`` in ``script``."""
    block = re.search(rf"@typedef \{{object\}} {name}\b(.*?)\*/", script, re.DOTALL)
    assert block is not None, f"no @typedef {name}"
    # A type may hold braces of its own (``{{message: string} | null}``): it ends at the line's last "} ".
    return re.findall(r"@property \{.*\} (\w+)", block.group(1))


def test_the_page_reads_what_the_worker_sends() -> None:
    # The browser code types the worker's answer as StepResult: exactly PageStep's keys and the screen's html.
    script = (ROOT / "wizard" / "assets" / "wizard-engine.js").read_text(encoding="utf-8")
    assert sorted(_typedef_properties(script, "StepResult")) == sorted([*PageStep.__annotations__, "html"])

