"""Every date question gives a reader who does not know the date a way on.

A reader who cannot find a date must not be stuck at the date question, nor pushed to guess one: a guessed day
gives a wrong deadline. So a date question is asked only after a yes/no question ("Do you know the day ...?")
whose "yes" leads to it and whose "no" leads to a part of the tree that never asks for that date (an outcome
that says where to find it and what follows). The wording of the gate is the editors' to judge; this test
holds the structure, for every tree in ``trees/``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from wizard.compiler import compile_file, tree_files
from wizard.graph import all_links, reachable

REPO_ROOT = Path(__file__).resolve().parents[2]
TREES = tree_files(REPO_ROOT / "trees")


def _option_targets(node: dict[str, Any]) -> dict[str, str]:
    """The next node of each option of a compiled choice or yes/no question, by option key."""
    return {option["key"]: option["next"] for option in node.get("options") or []}


def date_questions_without_way_on(tree: Mapping[str, Any]) -> list[str]:
    """Each date question of the compiled ``tree`` that a reader who does not know the date cannot get past.

    Each problem is one line naming the date question and what is wrong with the way to it.
    """
    nodes = tree["nodes"]
    links = all_links(nodes)
    problems = []
    for date_id in (node_id for node_id, node in nodes.items() if node["type"] == "date"):
        if tree["start"] == date_id:
            problems.append(f"{date_id}: the tree starts with it; ask first whether the reader knows the date")
        for source in sorted({link.source for links_from in links.values() for link in links_from
                              if link.target == date_id}):
            targets = _option_targets(nodes[source])
            if nodes[source]["type"] != "yesno" or targets.get("yes") != date_id:
                problems.append(f"{date_id}: reached from {source}, which is not a yes/no question leading to "
                                f"it on 'yes'")
            elif date_id in reachable(targets["no"], links):
                problems.append(f"{date_id}: the 'no' answer of {source} still leads to it")
    return problems


@pytest.mark.parametrize("path", TREES, ids=lambda p: p.stem)
def test_every_date_question_has_a_way_on_without_the_date(path: Path) -> None:
    compiled = compile_file(path)
    assert compiled.tree is not None, "\n".join(d.format() for d in compiled.errors)
    problems = date_questions_without_way_on(compiled.tree)
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


def test_some_tree_has_a_date_question() -> None:
    """Without one, the test above would check nothing."""
    trees = [compile_file(path).tree for path in TREES]
    assert any(node["type"] == "date" for tree in trees if tree for node in tree["nodes"].values())


# The check itself, on small compiled trees written here: it must report each way a reader can be stuck.
def _tree(start: str, **nodes: dict[str, Any]) -> dict[str, Any]:
    return {"start": start, "nodes": nodes}


def _yesno(yes: str, no: str) -> dict[str, Any]:
    return {"type": "yesno", "options": [{"key": "yes", "next": yes}, {"key": "no", "next": no}]}


_DATE = {"type": "date", "next": "end"}
_END = {"type": "outcome"}


def test_a_gated_date_question_passes() -> None:
    tree = _tree("knows", knows=_yesno("when", "find_it"), when=_DATE, find_it=_END, end=_END)
    assert date_questions_without_way_on(tree) == []


def test_a_date_question_at_the_start_is_reported() -> None:
    assert date_questions_without_way_on(_tree("when", when=_DATE, end=_END)) == [
        "when: the tree starts with it; ask first whether the reader knows the date"]


def test_a_date_question_after_a_choice_is_reported() -> None:
    choice = {"type": "choice", "options": [{"key": "a", "next": "when"}, {"key": "b", "next": "end"}]}
    assert date_questions_without_way_on(_tree("kind", kind=choice, when=_DATE, end=_END)) == [
        "when: reached from kind, which is not a yes/no question leading to it on 'yes'"]


def test_a_no_that_comes_back_to_the_date_is_reported() -> None:
    tree = _tree("knows", knows=_yesno("when", "detour"), detour={"type": "number", "next": "when"},
                 when=_DATE, end=_END)
    assert date_questions_without_way_on(tree) == ["when: reached from detour, which is not a yes/no question "
                                                   "leading to it on 'yes'",
                                                   "when: the 'no' answer of knows still leads to it"]
