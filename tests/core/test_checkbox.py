"""The checkbox question kind: its reader, its formulas (``'key' in question``, ``count``), the answers worth trying
that every enumerating tool asks for (bounded), and its form."""

from __future__ import annotations

import copy
import datetime
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wizard import semdiff
from wizard.answer_samples import AnswerSpace
from wizard.checker import check_file
from wizard.compiled import compile_node
from wizard.compiler import compile_file
from wizard.core import expr, kinds, views
from wizard.core.engine import AnswerError, validate_answer
from wizard.core.views.question import field_id

TODAY = datetime.date(2026, 11, 22)
KEYS = ("name", "address", "contact", "dated")
REPO = Path(__file__).resolve().parents[2]
BAD = REPO / "tests" / "corpus" / "bad"


def _question(*, exclusive: bool = True, optional: bool = False, boxes: tuple[str, ...] = KEYS) -> dict[str, Any]:
    options: dict[str, Any] = {key: {"label": f"Box {key}", "hint": None, "exclusive": False} for key in boxes}
    if exclusive:
        options["none"] = {"label": "None of these", "hint": None, "exclusive": True}
    loaded: dict[str, Any] = {"type": "checkbox", "question": "Which?", "help": None, "options": options,
                              "optional": optional, "next": "done", "because": None, "basis": []}
    return dict(compile_node(loaded))


def _refusal(node: dict[str, Any], text: str, language: str = "en") -> str:
    with pytest.raises(AnswerError) as refused:
        validate_answer(node, text, TODAY, language)
    return refused.value.key


def test_ticked_boxes_are_kept_in_the_order_shown_and_shown_by_their_labels() -> None:
    value, kept, shown = validate_answer(_question(), " dated ,name,name", TODAY)
    assert value == frozenset({"name", "dated"})
    assert kept == "name,dated"
    assert shown == "Box name; Box dated"
    assert validate_answer(_question(), "none", TODAY)[1:] == ("none", "None of these")
    assert validate_answer(_question(), "name,dated", TODAY, "zh")[2] == "Box name；Box dated"


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize(("text", "key"), [
    ("", "tick_some_or_none"), (" , ", "tick_some_or_none"), ("none,name", "tick_alone"),
    ("name,signed", "tick_listed"), ("Name", "tick_listed"), ("name;dated", "tick_listed"),
])
def test_answers_a_question_with_a_none_box_refuses(text: str, key: str) -> None:
    assert _refusal(_question(), text) == key


@pytest.mark.reliability("bad-input")
def test_nothing_ticked_is_an_answer_only_when_the_question_is_optional() -> None:
    assert _refusal(_question(exclusive=False), "") == "tick_some"
    assert validate_answer(_question(exclusive=False, optional=True), "", TODAY) == (frozenset(), "", "None")
    assert validate_answer(_question(exclusive=False, optional=True), "", TODAY, "zh")[2] == "无"


@pytest.mark.reliability("property")
@given(st.lists(st.sampled_from([*KEYS, "none"]), max_size=8), st.booleans())
def test_any_ticking_is_read_as_the_set_or_refused_by_the_rules(ticked: list[str], spaced: bool) -> None:
    text = (", " if spaced else ",").join(ticked)
    node = _question()
    wanted = set(ticked)
    if not wanted or ("none" in wanted and len(wanted) > 1):
        assert _refusal(node, text) in ("tick_some_or_none", "tick_alone")
        return
    value, kept, _ = validate_answer(node, text, TODAY)
    assert value == frozenset(wanted)
    assert kept.split(",") == [key for key in (*KEYS, "none") if key in wanted]
    assert validate_answer(node, kept, TODAY)[1] == kept  # the kept text reads back as itself


ENV = {"details": expr.VarInfo(expr.TYPE_SET, (*KEYS, "none")), "channel": expr.VarInfo(expr.TYPE_TEXT, ("a", "b"))}


@pytest.mark.reliability("property")
@given(st.sets(st.sampled_from(KEYS)), st.sampled_from(KEYS))
def test_membership_is_whether_the_box_is_ticked(ticked: set[str], box: str) -> None:
    values = {"details": frozenset(ticked)}
    for source, wanted in ((f"'{box}' in details", box in ticked), (f"'{box}' not in details", box not in ticked),
                           (f"count(details) == {len(ticked)}", True)):
        formula = expr.compile_expression(source)
        assert expr.check(formula, ENV) == expr.TYPE_BOOL
        assert expr.evaluate(formula, values, TODAY) is wanted, source


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize(("source", "message"), [
    ("'datd' in details", "`details` has no answer 'datd'; did you mean 'dated'?"),
    ("dated in details", "`dated` is an answer of `details`, not a question: answers are written in quotes"),
    ("details == 'dated'", "`==` cannot compare the options ticked in a checkbox question"),
    ("'a' in channel", "after `in` comes a list like `['phone', 'letter']` or a checkbox question"),
    ("count(channel) > 1", "a checkbox question's answer is needed as value 1 of `count`, but this is a text"),
    ("1 in details", "a text is needed before `in`, but this is a number"),
])
def test_formulas_that_misuse_boxes_are_refused_in_words(source: str, message: str) -> None:
    with pytest.raises(expr.ExprError) as refused:
        expr.check(expr.compile_expression(source), ENV)
    assert refused.value.message.startswith(message)


def test_a_list_after_in_still_means_one_of_these() -> None:
    formula = expr.compile_expression("channel in ['a', 'b']")
    assert isinstance(formula, expr.Member)
    assert expr.evaluate(formula, {"channel": "b"}, TODAY) is True


def test_every_set_of_a_few_boxes_is_worth_trying_and_each_is_accepted() -> None:
    node = _question()
    tried = kinds.answers_worth_trying(node)
    assert tried is not None and len(tried) == 2 ** len(KEYS) - 1 + 1  # every non-empty set, and "none"
    assert kinds.tries_every_answer(node)
    assert {validate_answer(node, answer, TODAY)[0] for answer in tried} == (
        {frozenset(k for i, k in enumerate(KEYS) if mask >> i & 1) for mask in range(1, 16)} | {frozenset({"none"})})
    assert kinds.answers_worth_trying(_question(exclusive=False, optional=True))[-1] == ""  # type: ignore[index]
    assert kinds.answers_worth_trying({"type": "number"}) is None
    assert kinds.answers_worth_trying({"type": "yesno", "options": {}}) == ("yes", "no")


def test_a_choice_is_worked_out_ahead_option_by_option_and_boxes_only_once_ticked() -> None:
    # The browser works out each answer of `answers_ahead` while the reader reads: a choice's options are the
    # answers Continue can send; a box alone is rarely the reader's answer (the ticked set is asked for as it changes).
    assert kinds.answers_ahead(_question()) == ()
    assert kinds.answers_ahead({"type": "yesno", "options": {}}) == ("yes", "no")
    assert kinds.answers_ahead({"type": "choice", "options": [{"key": "a"}, {"key": "b"}]}) == ("a", "b")
    assert kinds.answers_ahead({"type": "number"}) == kinds.answers_ahead({"type": "outcome"}) == ()


@pytest.mark.reliability("property")
@pytest.mark.parametrize("count", [kinds.MAX_BOXES_TRIED, kinds.MAX_BOXES_TRIED + 1, 40])
def test_many_boxes_are_tried_a_bounded_number_of_ways_and_say_so(count: int) -> None:
    keys = tuple(f"box_{i}" for i in range(count))
    node = _question(boxes=keys)
    tried = kinds.answers_worth_trying(node) or ()
    full = count <= kinds.MAX_BOXES_TRIED
    assert kinds.tries_every_answer(node) is full
    assert len(tried) == (2 ** count if full else 2 * count + 2)  # sets (+ none), or each alone, all but one, all
    assert all(validate_answer(node, answer, TODAY) for answer in tried)
    # Each box is seen ticked and unticked.
    assert all(any(key in answer.split(",") for answer in tried) and any(key not in answer.split(",")
               for answer in tried) for key in keys)
    space = AnswerSpace({"nodes": {"q": node}}, {"nodes": {"q": node}})
    assert space.values("q", TODAY) == list(tried)
    assert any("tried one at a time" in reason for reason in space.reasons) is not full


def test_the_form_is_a_fieldset_of_boxes_with_hints_tied_and_none_after_or() -> None:
    node = _question()
    node["options"][2]["hint"] = "Or an email <address>."
    html = views.question_form("details", node, "en")
    assert html.count('type="checkbox"') == 5 and 'type="radio"' not in html
    assert 'aria-describedby="rc-tick-details"' in html and ">Select all that apply.</p>" in html
    assert ('id="rc-details-contact" value="contact" aria-describedby="rc-details-contact-hint"' in html
            and 'id="rc-details-contact-hint">Or an email &lt;address&gt;.</p>' in html)
    assert html.index(">or</p>") < html.index('value="none"') and "data-rc-exclusive" in html
    assert field_id("details", node, "en") == "rc-details-name"
    assert "请选择所有适用的选项。" in views.question_form("details", node, "zh")


@pytest.mark.reliability("property")
def test_a_route_without_else_over_boxes_is_proven_complete(tmp_path: Path) -> None:
    """`'dated' in details` and `'dated' not in details` cover every set of boxes: no `else` is needed (the
    proofs see the answer as one of its sets, not as a text)."""
    text = (BAD / "checkbox-route-noelse-gap.yaml").read_text(encoding="utf-8").splitlines(keepends=True)[1:]
    tree = "".join(text).replace("if: \"'name' in details\"", "if: \"'dated' not in details\"")
    path = tmp_path / "complete.yaml"
    path.write_text(tree, encoding="utf-8")
    assert [d.format() for d in check_file(path, "complete.yaml", today=TODAY).diagnostics if d.is_error] == []


def test_the_readers_diff_sees_a_box_added_and_the_sets_it_makes_reach_elsewhere() -> None:
    result = compile_file(REPO / "trees" / "complaint-contents.yaml")
    assert result.tree is not None
    old = result.tree
    new = copy.deepcopy(old)
    question = cast(dict[str, Any], new["nodes"])["written_details"]
    question["options"].insert(-1, {"key": "signed", "label": "Your signature", "hint": None, "exclusive": False})
    diff = semdiff.diff_trees("complaint-contents", old, new, today=TODAY)
    added = [c for c in diff.changes if c.kind == semdiff.ADDED and c.node == "written_details"]
    assert len(added) == 1 and diff.behaviour_changed
    assert diff.behaviour is not None and diff.behaviour.tried >= 2 ** 5  # every set of the five boxes, and more


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize(("source", "fix"), [("details == 'dated'", "'dated' in details"),
                                             ("'dated' != details", "'dated' not in details"),
                                             ("details == channel", None)])
def test_comparing_boxes_with_a_key_offers_the_membership_test(source: str, fix: str | None) -> None:
    with pytest.raises(expr.ExprError) as refused:
        expr.check(expr.compile_expression(source), ENV)
    assert refused.value.replacement == fix
