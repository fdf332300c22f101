"""The rehearsal: the engine's own walk of a tree, made while the reader reads (wizard.core.rehearsal)."""

from __future__ import annotations

import copy
import datetime
from pathlib import Path
from typing import Any, cast

import pytest

from wizard.compiler import compile_file
from wizard.core import kinds, rehearsal
from wizard.core.engine import step
from wizard.pipeline import build_folder

ROOT = Path(__file__).resolve().parents[2]
KITCHEN = ROOT / "tests" / "fixtures" / "trees" / "kitchen-sink.yaml"
TODAY = datetime.date(2026, 11, 22)


def _editions() -> list[tuple[str, dict[str, Any]]]:
    """(name, compiled tree) for each procedure of the project in each of its languages, and the kitchen sink."""
    found: list[tuple[str, dict[str, Any]]] = []
    for result in build_folder(ROOT / "trees"):
        assert result.tree is not None
        for language, tree in {"source": result.tree, **result.translations}.items():
            found.append((f"{result.slug} ({language})", cast(dict[str, Any], tree)))
    kitchen = compile_file(KITCHEN)
    assert kitchen.tree is not None
    found.append(("kitchen-sink", cast(dict[str, Any], kitchen.tree)))
    return found


class _Recorder:
    """Records each step the engine works out, with its answers, as the rehearsal asks for them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.steps: list[tuple[dict[str, str], dict[str, Any]]] = []
        monkeypatch.setattr(rehearsal, "step", self._step)

    def _step(self, tree: Any, answers: dict[str, str], today: datetime.date) -> Any:
        result = step(tree, answers, today)
        self.steps.append((dict(answers), cast(dict[str, Any], result)))
        return result


@pytest.mark.parametrize(("name", "tree"), _editions(), ids=lambda value: value if isinstance(value, str) else "")
def test_every_kind_of_question_is_answered_and_an_outcome_reached(
        name: str, tree: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    recorder = _Recorder(monkeypatch)
    reached = list(rehearsal.rehearse(tree, TODAY))
    assert 0 < len(reached) <= rehearsal.MAX_STEPS
    assert any(result["state"] == "outcome" for _, result in recorder.steps), name
    # A kind counts once a step went on from an answer of that kind (the answer was read, not refused).
    answered = {str(tree["nodes"][node]["type"])
                for answers, result in recorder.steps if not result.get("error")
                for node in answers}
    assert answered == rehearsal.question_kinds(tree), name


def test_a_date_that_refuses_today_is_answered_with_one_of_its_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    kitchen = compile_file(KITCHEN).tree
    assert kitchen is not None
    tree = cast(dict[str, Any], copy.deepcopy(kitchen))
    date_nodes = [nid for nid, node in tree["nodes"].items() if node["type"] == "date"]
    assert date_nodes
    for nid in date_nodes:  # only a past fortnight: today, a month and a year and a half ago are all refused
        tree["nodes"][nid].update(min="2010-03-01", max="2010-03-14")
    recorder = _Recorder(monkeypatch)
    list(rehearsal.rehearse(tree, TODAY))
    went_on = [answers[nid] for answers, result in recorder.steps if not result.get("error")
               for nid in date_nodes if nid in answers]
    assert went_on and set(went_on) <= {"2010-03-01", "2010-03-14"}


def test_it_stops_at_its_limit_and_when_the_caller_stops() -> None:
    tree = compile_file(KITCHEN).tree
    assert tree is not None
    assert len(list(rehearsal.rehearse(tree, TODAY, limit=2))) == 2
    walk = rehearsal.rehearse(tree, TODAY)
    first = next(walk)
    assert first == tree["start"]
    walk.close()  # the worker may stop at any step: nothing is left to finish


@pytest.mark.parametrize("damage", ["no nodes", "nodes not a mapping", "start missing", "next missing"])
def test_a_damaged_tree_ends_the_rehearsal_without_an_error(damage: str) -> None:
    kitchen = compile_file(KITCHEN).tree
    assert kitchen is not None
    tree = cast(dict[str, Any], copy.deepcopy(kitchen))
    if damage == "no nodes":
        del tree["nodes"]
    elif damage == "nodes not a mapping":
        tree["nodes"] = ["x"]
    elif damage == "start missing":
        tree["start"] = "nowhere"
    else:
        first = tree["nodes"][tree["start"]]
        for option in first.get("options") or []:
            option["next"] = "nowhere"
    assert len(list(rehearsal.rehearse(tree, TODAY))) <= rehearsal.MAX_STEPS


def test_every_kind_of_question_has_answers_to_rehearse_with() -> None:
    # A new kind of question must say which answers a walk no reader chose can give it (``samples``), or list
    # them (options, boxes): otherwise no rehearsal, and no other tool walking unasked, gets past it.
    for name, kind in kinds.KINDS.items():
        if kind.asks:
            assert kind.lists_answers or kind.samples is not None, name
