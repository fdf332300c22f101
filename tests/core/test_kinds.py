"""The registry of node kinds (``wizard.core.kinds``) is the one answer to "what is this node, and where does
it lead", for the loaded and the compiled form alike, and every module's view of a tree agrees with it."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from wizard import graph, schema
from wizard.compiled import compile_node
from wizard.compiler import compile_folder
from wizard.core import kinds, readers
from wizard.core.engine import AnswerError, step, validate_answer
from wizard.core.functions import TEXT
from wizard.site.mermaid import edges
from wizard.site.order import next_ids

ROOT = Path(__file__).resolve().parents[2]
TODAY = datetime.date(2026, 11, 22)


def _loaded_and_compiled() -> list[tuple[str, Mapping[str, Any], Mapping[str, Any]]]:
    """(id, loaded node, compiled node) for every node of every tree of the project."""
    found: list[tuple[str, Mapping[str, Any], Mapping[str, Any]]] = []
    for result in compile_folder(ROOT / "trees"):
        assert result.tree is not None and result.checked is not None and result.checked.loaded.data is not None
        for nid, node in result.checked.loaded.data["nodes"].items():
            found.append((f"{result.slug}/{nid}", node, result.tree["nodes"][nid]))
    return found


def test_every_kind_has_its_fields_in_the_schema() -> None:
    assert schema.NODE_TYPES == kinds.NODE_TYPES
    for name in kinds.NODE_TYPES:
        assert schema.spec(name).get("type") is not None, name


def test_questions_are_the_kinds_with_a_reader() -> None:
    assert kinds.QUESTION_TYPES == ("choice", "yesno", "checkbox", "number", "date")
    assert [name for name, kind in kinds.KINDS.items() if kind.ends] == [kinds.OUTCOME]
    assert [name for name, kind in kinds.KINDS.items() if kind.decides] == [kinds.ROUTE]


@pytest.mark.reliability("property")
def test_every_view_of_where_a_node_leads_agrees() -> None:
    nodes = _loaded_and_compiled()
    assert len(nodes) > 40
    for name, loaded, compiled in nodes:
        targets = [way.target for way in kinds.ways_out(compiled)]
        assert [way.target for way in kinds.ways_out(loaded)] == targets, name
        assert [link.target for link in graph.links_of("n", loaded)] == targets, name
        assert next_ids(dict(compiled)) == targets, name
        assert [target for target, _ in edges(dict(compiled), "otherwise")] == targets, name
        assert bool(targets) != kinds.is_outcome(compiled), name
        assert kinds.option_keys(loaded) == kinds.option_keys(compiled), name


@pytest.mark.reliability("property")
def test_each_answer_takes_the_way_its_option_names() -> None:
    for name, loaded, node in _loaded_and_compiled():
        for option in kinds.options_of(node):
            way = kinds.way_taken(node, option["key"])
            assert way is not None and way.target == option["next"] and way.item is option, name
        if kinds.is_question(node) and not kinds.has_options(node):
            way = kinds.way_taken(node, "anything")
            assert way is not None and way.target == node["next"], name
        # A question's quick taker gives what the first fitting way would, on both forms; a rule takes no answer.
        for form in (node, loaded) if kinds.is_question(node) else ():
            for answer in [*kinds.option_keys(form), "anything", ""]:
                fitting = [w for w in kinds.ways_out(form) if w.answer is None or w.answer == answer]
                assert kinds.way_taken(form, answer) == (fitting[0] if fitting else None), (name, answer)


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize("node", [{}, {"type": "slider"}, {"type": ["choice"]}, {"type": None}])
def test_an_unknown_kind_asks_nothing_and_leads_nowhere(node: dict[str, Any]) -> None:
    assert kinds.kind_of(node) is None
    assert not kinds.is_question(node) and not kinds.is_route(node) and not kinds.is_outcome(node)
    assert kinds.way_taken(node, "yes") is None
    assert kinds.ways_out(node) == [] and kinds.option_keys(node) == () and kinds.answer_type(node) is None
    with pytest.raises(AnswerError) as refused:
        validate_answer(node, "yes", TODAY)
    assert refused.value.key == "no_answer_here"


def test_yes_and_no_are_fixed_and_shown_in_order_whatever_the_file_says() -> None:
    loaded = {"type": "yesno", "question": "Q?", "options": {"no": {"next": "b"}, "yes": {"next": "a"}}}
    compiled = compile_node(loaded)
    assert [(o["key"], o["label"]) for o in kinds.options_of(compiled)] == [("yes", "Yes"), ("no", "No")]
    assert kinds.option_keys(loaded) == ("yes", "no")
    assert [way.answer for way in kinds.ways_out(loaded)] == ["no", "yes"]  # as written, for the checker


def _read_text(node: Mapping[str, Any], text: str, today: datetime.date, language: str) -> readers.Reading:
    if not text:
        raise AnswerError(language, "no_answer_here")
    return text, text, f"“{text}”"


def test_a_new_kind_is_one_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    """A kind the engine has never seen walks like the others once it is in the registry: asked, read, shown,
    followed, counted as a question for the progress bar."""
    number = kinds.KINDS["number"]
    monkeypatch.setitem(kinds.KINDS, "free_text", kinds.NodeKind("free_text", number.ways, number.take, TEXT,
                                                                 _read_text))
    nodes: dict[str, dict[str, Any]] = {
        "name": {"type": "free_text", "question": "Your name?", "help": None, "next": "done", "because": None,
                 "basis": []},
        "done": {"type": "outcome", "verdict": "Thanks", "tone": "info", "explanation": "…", "next_steps": [],
                 "deadlines": [], "basis": []},
    }
    links = graph.all_links(nodes)
    tree = {"format": 1, "slug": "t", "title": "T", "sources": {}, "start": "name", "nodes": nodes,
            "longest": graph.longest_remaining(nodes, links)}
    assert tree["longest"] == {"name": 1, "done": 0}
    asked = step(tree, {}, TODAY)
    assert asked["state"] == "question" and asked["node"] == "name"
    refused = step(tree, {"name": " "}, TODAY)
    assert refused["error"] is not None and refused["error"]["node"] == "name"
    done = step(tree, {"name": "Ada"}, TODAY)
    assert done["state"] == "outcome" and done["steps"][0]["display"] == "“Ada”"
    assert done["steps"][0]["type"] == "free_text"


def test_no_module_compares_a_node_type_with_a_kind_name() -> None:
    """Modules ask the registry; only it (and the generator of test trees, which writes nodes of each kind) names
    the kinds. A comparison like ``node["type"] == "date"`` or ``kind in ("choice", "yesno")`` fails here."""
    names = "|".join(kinds.NODE_TYPES)
    compared = re.compile(rf'(\[\s*"type"\s*\]|\.get\(\s*"type"\s*\)|(?<![.\w])kind)\s*(==|!=|\bnot in\b|\bin\b)\s*'
                          rf'\(?\s*"({names})"')
    allowed = {ROOT / "wizard" / "core" / "kinds.py", ROOT / "wizard" / "synthetic.py"}
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in sorted((ROOT / "wizard").rglob("*.py")) if path not in allowed
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if compared.search(line)]
    assert found == []
    assert compared.search('if node["type"] in ("choice", "yesno"):') and compared.search('kind == "outcome"')
