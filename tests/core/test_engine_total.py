"""``step`` never raises, whatever it is given: any answers, any "today", any damaged tree.

The browser worker calls ``step`` (wizard/assets/worker.js) with what the page sends; a tree file may be stale or
damaged. Every call must come back as a result the page can show: a question, an outcome, or the error state
with a message for the reader.
"""

from __future__ import annotations

import copy
import datetime
import functools
import json
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard.compiler import compile_file
from wizard.core import vocabulary
from wizard.core.engine import step

KITCHEN = Path(__file__).resolve().parent.parent / "fixtures" / "trees" / "kitchen-sink.yaml"
TODAY = datetime.date(2026, 11, 22)
STATES = {"question", "outcome", "error"}

# Plain values of every kind a caller could pass: JSON's, and the odd ones Python adds.
ODD_TEXT = st.sampled_from(["", " ", "\x00", "\ud800", "2026-02-30", "2026-11-22T10:00", "1e999", "nan", "-0",
                            "0x10", "١٢", "２０", "yes\u200b", "../", "<b>", "None", "9" * 5000])
# What JSON text can hold (the worker parses each tree with json.loads)...
JSON_SCALARS = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
                | st.text(max_size=30) | ODD_TEXT)
# ...and, for answers, integers too long for Python to write out.
SCALARS = JSON_SCALARS | st.integers(min_value=10**4400, max_value=10**4500)


def nested(scalars: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """Lists and objects of ``scalars``, a few levels deep."""
    return st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                        | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12)


TREE_VALUES = nested(JSON_SCALARS)
JSON_LIKE = nested(SCALARS)
MOMENTS = (st.dates() | st.datetimes() | st.datetimes(timezones=st.just(datetime.UTC)))
ANY_VALUE = JSON_LIKE | MOMENTS | st.tuples(st.integers(), st.text(max_size=3)) | st.sets(st.integers(), max_size=3)
# Answers that reach deep into the tree as well as answers no question takes.
LIKELY_ANSWERS = st.sampled_from(["online", "phone", "letter", "yes", "no", "600", "0", "2026-11-20", "2026-11-22"])


@functools.cache
def kitchen() -> dict[str, Any]:
    """The kitchen-sink tree, compiled once (every node kind, deadlines, conditions)."""
    result = compile_file(KITCHEN, today=TODAY)
    assert result.tree is not None
    return cast(dict[str, Any], result.tree)  # seen as plain data: the tests damage copies of it


def answers_for(tree_nodes: list[str]) -> st.SearchStrategy[object]:
    """Answers to the tree's own questions (likely and unlikely values), or anything at all."""
    keyed = st.dictionaries(st.sampled_from(tree_nodes), LIKELY_ANSWERS | ANY_VALUE, max_size=len(tree_nodes))
    return keyed | st.none() | ANY_VALUE


def assert_shown_to_a_reader(result: object) -> None:
    """A result the page can show: a known state, JSON, and words (not Python's) wherever something failed."""
    assert isinstance(result, dict)
    assert result["state"] in STATES
    assert vocabulary.is_known(result["language"])
    json.dumps(result)  # JSON-ready: the worker sends it to the page as JSON text
    said = [result["message"]] if result["state"] == "error" else []
    if result["state"] == "question" and result["error"]:
        said.append(result["error"]["message"])
    for text in said:
        assert isinstance(text, str) and text.strip(), result
        assert "Traceback" not in text and "None" not in text and "Error(" not in text, text


def _mutate(data: st.DataObject, tree: dict[str, Any]) -> dict[str, Any]:
    """The tree with one to three of its values deleted or replaced, anywhere in it."""
    tree = copy.deepcopy(tree)
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        container: Any = tree
        while True:
            keys = sorted(container) if isinstance(container, dict) else list(range(len(container)))
            if not keys:
                break
            key = data.draw(st.sampled_from(keys), label="key")
            child = container[key]
            if isinstance(child, (dict, list)) and child and data.draw(st.booleans(), label="deeper"):
                container = child
                continue
            if data.draw(st.booleans(), label="delete"):
                del container[key]
            else:
                container[key] = data.draw(TREE_VALUES, label="value")
            break
    return tree


@pytest.mark.reliability("property")
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), today=st.none() | MOMENTS | st.text(max_size=20) | ODD_TEXT | ANY_VALUE)
def test_any_answers_and_any_today_give_a_result(data: st.DataObject, today: object) -> None:
    tree = kitchen()
    answers = data.draw(answers_for(sorted(tree["nodes"])), label="answers")
    assert_shown_to_a_reader(step(tree, answers, today))  # type: ignore[arg-type]


@pytest.mark.reliability("property")
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), today=st.none() | MOMENTS)
def test_a_damaged_tree_gives_a_result(data: st.DataObject, today: object) -> None:
    tree = _mutate(data, kitchen())
    answers = data.draw(answers_for(sorted(kitchen()["nodes"])), label="answers")
    assert_shown_to_a_reader(step(tree, answers, today))  # type: ignore[arg-type]


@pytest.mark.reliability("property")
@settings(max_examples=100, deadline=None)
@given(tree=ANY_VALUE, answers=st.none() | ANY_VALUE, today=st.none() | ANY_VALUE)
def test_anything_in_place_of_a_tree_gives_the_error_state(tree: object, answers: object, today: object) -> None:
    result = step(tree, answers, today)  # type: ignore[arg-type]
    assert_shown_to_a_reader(result)
    assert result["state"] == "error"


@pytest.mark.reliability("bad-input")
def test_a_moment_as_today_counts_as_its_day() -> None:
    tree = kitchen()
    answers = {"channel": "phone", "amount": "600", "received": "2026-11-20"}
    moment = datetime.datetime(2026, 11, 22, 23, 59, tzinfo=datetime.UTC)
    assert step(tree, answers, moment) == step(tree, answers, TODAY) == step(tree, answers, "2026-11-22")
    assert step(tree, answers, moment)["state"] == "outcome"


@pytest.mark.reliability("bad-input")
def test_no_answers_is_the_first_question_and_answers_of_another_kind_are_refused() -> None:
    tree = kitchen()
    assert step(tree, None, TODAY) == step(tree, {}, TODAY)
    refused = step(tree, [("channel", "online")], TODAY)  # type: ignore[arg-type]
    assert (refused["state"], refused["message"]) == ("error", "The answers could not be read. Start again.")


@pytest.mark.reliability("bad-input")
def test_a_number_too_long_to_write_out_is_refused_as_an_answer() -> None:
    tree = kitchen()
    result = step(tree, {"channel": "phone", "amount": 10**5000}, TODAY)
    assert (result["state"], result["node"]) == ("question", "amount")
    assert result["error"] is not None and result["error"]["message"] == "Enter a number."


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_tree_missing_a_key_names_no_python(language: str) -> None:
    tree = copy.deepcopy(kitchen())
    tree["language"] = language
    del tree["nodes"]["channel"]["options"][0]["next"]
    result = step(tree, {"channel": "online"}, TODAY)
    assert (result["state"], result["node"], result["language"]) == ("error", "channel", language)
    assert result["message"] == vocabulary.word(language, "bad_tree")
