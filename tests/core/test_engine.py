"""The engine, by node kind and by state: questions, validation, routes, outcomes, run-time failures."""

from __future__ import annotations

import copy
import datetime
import json
from pathlib import Path
from typing import Any, cast

import pytest

from wizard.compiler import compile_file
from wizard.core import kinds
from wizard.core.contracts import Outcome, RuleTrace, StepResult, TraceItem
from wizard.core.engine import format_date, step

KITCHEN = Path(__file__).resolve().parent.parent / "fixtures" / "trees" / "kitchen-sink.yaml"
TODAY = "2026-11-22"


@pytest.fixture(scope="module")
def tree() -> dict[str, Any]:
    result = compile_file(KITCHEN)
    assert result.tree is not None, [d.format() for d in result.diagnostics]
    return cast(dict[str, Any], result.tree)  # seen as plain data: tests damage copies of it


def _reached(result: StepResult) -> Outcome:
    """The outcome of a result that must have reached one."""
    assert result["outcome"] is not None, result
    return result["outcome"]


def _rule(item: TraceItem) -> RuleTrace:
    """A trace item that must be a rule's."""
    assert item["kind"] == "rule", item
    return item


# Question states -------------------------------------------------------------------------------------------

def test_first_question_without_answers(tree: dict[str, Any]) -> None:
    result = step(tree, {}, TODAY)
    assert result["state"] == "question"
    assert result["node"] == "channel"
    assert result["error"] is None
    assert result["steps"] == []
    assert result["progress"] == {"number": 1, "remaining": tree["longest"]["channel"]}
    assert result["question"] is not None
    assert [o["key"] for o in kinds.options_of(result["question"])] == ["online", "phone", "letter"]


def test_result_is_plain_json(tree: dict[str, Any]) -> None:
    result = step(tree, {"channel": "phone", "amount": "600", "received": "2026-11-20"}, TODAY)
    assert json.loads(json.dumps(result)) == result


def test_choice_answer_moves_on_and_records_step(tree: dict[str, Any]) -> None:
    result = step(tree, {"channel": "online"}, TODAY)
    assert result["node"] == "accepted"
    assert result["steps"] == [{"node": "channel", "type": "choice", "question": "Where did you complain?",
                                "answer": "online", "display": "Online",
                                "because": "Online complaints can be withdrawn until accepted."}]
    assert result["answers"] == {"channel": "online"}
    assert result["progress"]["number"] == 2


@pytest.mark.parametrize(("node", "answers", "message"), [
    ("channel", {"channel": "fax"}, "Select one of the answers."),
    ("channel", {"channel": ""}, "Select one of the answers."),
    ("accepted", {"channel": "online", "accepted": "perhaps"}, "Select yes or no."),
    ("amount", {"channel": "phone", "amount": "ten"}, "Enter a number using digits, like 12 (yuan)."),
    ("amount", {"channel": "phone", "amount": "-1"}, "Enter a number of at least 0 yuan."),
    ("amount", {"channel": "phone", "amount": "1000001"}, "Enter a number no larger than 1000000 yuan."),
    ("amount", {"channel": "phone", "amount": ""}, "Enter a number."),
    # Issue 17: a date that does not exist is named, not met with a general "Enter a real date".
    ("received", {"channel": "phone", "amount": "5", "received": "2026-02-30"},
     "30 February 2026 does not exist. Check the day and the month."),
    ("received", {"channel": "phone", "amount": "5", "received": "2026-2-"}, "The date must include a day."),
    ("received", {"channel": "phone", "amount": "5", "received": "2026--3"}, "The date must include a month."),
    ("received", {"channel": "phone", "amount": "5", "received": "-11-3"}, "The date must include a year."),
    ("received", {"channel": "phone", "amount": "5", "received": "26-11-3"},
     "Enter the year with four digits, like 2026."),
    ("received", {"channel": "phone", "amount": "5", "received": "0026-11-3"},
     "Enter the year with four digits, like 2026."),
    ("received", {"channel": "phone", "amount": "5", "received": "2026-13-3"}, "Enter a month from 1 to 12."),
    ("received", {"channel": "phone", "amount": "5", "received": "2026-Nov-3"},
     "Enter the day, month and year in digits, like 22 11 2026."),
    ("received", {"channel": "phone", "amount": "5", "received": "--"}, "Enter a date."),
    # A comma is read by no rule: 1,5 is not guessed to be 15 or 1.5.
    ("amount", {"channel": "phone", "amount": "1,5"}, "Write the number without commas, like 1500 or 1.5."),
    ("amount", {"channel": "phone", "amount": "1,500"}, "Write the number without commas, like 1500 or 1.5."),
    ("amount", {"channel": "phone", "amount": "1，5"}, "Write the number without commas, like 1500 or 1.5."),
    ("received", {"channel": "phone", "amount": "5", "received": "22/11/2026"},
     "Enter the date as year-month-day, like 2026-11-22."),
    ("received", {"channel": "phone", "amount": "5", "received": "2026-11-23"}, "The date cannot be in the future."),
    ("received", {"channel": "phone", "amount": "5", "received": "1999-12-31"},
     "Enter a date on or after 1 January 2000."),
])
def test_invalid_answers_come_back_as_messages(tree: dict[str, Any], node: str, answers: dict[str, str],
                                               message: str) -> None:
    result = step(tree, answers, TODAY)
    assert result["state"] == "question"
    assert result["node"] == node
    assert result["error"] is not None
    assert (result["error"]["node"], result["error"]["message"]) == (node, message)


# Issue 17: only the parts of a date at fault are named (the form marks those, as GOV.UK's date input does); a date
# wrong as a whole (no such day, out of bounds, not a date at all) names none, and the form marks every part.
@pytest.mark.parametrize(("typed", "parts"), [
    ("2026-2-", ["day"]), ("2026--3", ["month"]), ("-11-3", ["year"]), ("26-11-3", ["year"]),
    ("0026-11-3", ["year"]), ("2026-13-3", ["month"]), ("2026-Nov-3", ["month"]), ("2026-x-y", ["day", "month"]),
    ("2026-02-30", []), ("--", []), ("22/11/2026", []), ("2026-11-23", []), ("1999-12-31", []),
])
def test_a_refused_date_names_the_parts_at_fault(tree: dict[str, Any], typed: str, parts: list[str]) -> None:
    result = step(tree, {"channel": "phone", "amount": "5", "received": typed}, TODAY)
    assert result["error"] is not None
    assert result["error"]["parts"] == parts


def test_whole_numbers_only_where_asked(tree: dict[str, Any]) -> None:
    strict = copy.deepcopy(tree)
    strict["nodes"]["amount"]["integer"] = True
    result = step(strict, {"channel": "phone", "amount": "2.5"}, TODAY)
    assert result["error"] == {"node": "amount", "message": "Enter a whole number, like 12.", "parts": []}
    assert step(tree, {"channel": "phone", "amount": "2.5"}, TODAY)["node"] == "received"


@pytest.mark.parametrize("typed", ["1 000", "1\u00a0000", "1\u202f000", "1\u2009000", "1 000 "])
def test_a_number_grouped_by_any_space_is_one_number(tree: dict[str, Any], typed: str) -> None:
    # A space never means a decimal point, so it is read in every form: a number copied from a page or a phone
    # set to French or Russian groups thousands with a no-break or narrow no-break space, not a plain one.
    result = step(tree, {"channel": "phone", "amount": typed}, TODAY)
    assert result["error"] is None
    assert result["answers"]["amount"] == "1000"


def test_yes_no_accepts_booleans_and_words(tree: dict[str, Any]) -> None:
    for value in (True, "yes", "Yes", "true"):
        assert step(tree, {"channel": "online", "accepted": value}, TODAY)["node"] == "cannot_withdraw"
    assert step(tree, {"channel": "online", "accepted": False}, TODAY)["node"] == "can_withdraw"


def test_changing_an_earlier_answer_drops_later_ones(tree: dict[str, Any]) -> None:
    answers = {"channel": "phone", "amount": "600", "received": "2026-11-20", "accepted": "yes"}
    result = step(tree, answers, TODAY)
    assert result["answers"] == {"channel": "phone", "amount": "600", "received": "2026-11-20"}
    answers["channel"] = "online"
    result = step(tree, answers, TODAY)
    assert result["node"] == "cannot_withdraw"
    assert result["answers"] == {"channel": "online", "accepted": "yes"}


# Routes and outcomes ---------------------------------------------------------------------------------------

def test_route_and_outcome_with_deadlines(tree: dict[str, Any]) -> None:
    result = step(tree, {"channel": "phone", "amount": "600", "received": "2026-11-20"}, TODAY)
    assert result["state"] == "outcome"
    outcome = result["outcome"]
    assert outcome is not None
    assert outcome["id"] == "large_recent"
    assert outcome["verdict"] == "It goes to mediation"
    assert outcome["deadlines"] == [{"id": "reply_by", "label": "Reply to the mediator by", "date": "2026-11-27",
                                     "date_text": "27 November 2026", "days_left": 5,
                                     "days_left_text": "5 days left", "passed": False,
                                     "passed_text": None}]
    assert [s["text"] for s in outcome["next_steps"]] == ["Prepare your receipts."]
    assert [s["id"] for s in outcome["basis"]] == ["rule_book"]
    assert outcome["basis"][0]["title"] == "The rule book"
    rule = result["trace"][-1]
    assert {key: value for key, value in rule.items() if key != "basis"} == {
        "kind": "rule", "node": "size_route", "text": "Is the claim large and recent?",
        "facts": ["2 days since 20 November 2026"],
        "because": "Claims of 500 yuan or more answered within 15 days go to mediation."}
    # Each reason carries the sources it rests on, in full, for "why this outcome".
    assert [(s["id"], s["title"]) for s in rule["basis"]] == [("rule_book", "The rule book"),
                                                             ("practice", "How the platform behaves")]


def test_conditional_steps_and_deadlines_follow_the_answers(tree: dict[str, Any]) -> None:
    result = step(tree, {"channel": "phone", "amount": "2500", "received": "2026-01-31"}, "2026-02-10")
    outcome = result["outcome"]
    assert outcome is not None
    assert [s["text"] for s in outcome["next_steps"]] == [
        "Prepare your receipts.", "Ask for a refund of the full amount."]
    assert [d["id"] for d in outcome["deadlines"]] == ["reply_by", "appeal_by"]
    assert outcome["deadlines"][1]["date"] == "2026-03-02"


def test_else_branch(tree: dict[str, Any]) -> None:
    result = step(tree, {"channel": "phone", "amount": "10", "received": "2026-01-01"}, TODAY)
    assert result["node"] == "small_or_old"
    assert result["trace"][-1]["because"] == "Other claims are closed."


def test_today_changes_the_route(tree: dict[str, Any]) -> None:
    answers = {"channel": "phone", "amount": "600", "received": "2026-11-01"}
    assert step(tree, answers, "2026-11-10")["node"] == "large_recent"
    assert step(tree, answers, "2026-12-31")["node"] == "small_or_old"
    assert step(tree, answers, datetime.date(2026, 11, 10))["node"] == "large_recent"


# Failures of the content at run time ----------------------------------------------------------------------

def test_runtime_failure_in_a_condition_is_an_error_state(tree: dict[str, Any]) -> None:
    broken = copy.deepcopy(tree)
    broken["nodes"]["size_route"]["branches"][0]["if"] = "amount / (amount - amount) > 1"
    result = step(broken, {"channel": "phone", "amount": "600", "received": "2026-11-20"}, TODAY)
    assert result["state"] == "error"
    assert result["node"] == "size_route"
    assert result["message"] is not None
    assert result["message"].startswith("A rule of this procedure could not be worked out:")


def test_missing_node_in_stale_data_is_an_error_state(tree: dict[str, Any]) -> None:
    broken = copy.deepcopy(tree)
    del broken["nodes"]["accepted"]
    result = step(broken, {"channel": "online"}, TODAY)
    assert result["state"] == "error"
    assert result["message"] is not None and "missing step (accepted)" in result["message"]


def test_other_format_version_is_refused(tree: dict[str, Any]) -> None:
    old = dict(tree, format=0)
    assert step(old, {}, TODAY)["state"] == "error"


def test_bad_today_is_an_error_state(tree: dict[str, Any]) -> None:
    assert step(tree, {}, "someday")["state"] == "error"


def test_format_date() -> None:
    assert format_date(datetime.date(2026, 11, 25)) == "25 November 2026"


def test_a_deadline_already_passed_says_so_and_what_can_still_be_done(tree: dict[str, Any]) -> None:
    # Answered within 15 days, but looked at after the 5 working days to reply have run out.
    answers = {"channel": "phone", "amount": "600", "received": "2026-11-10"}
    result = step(tree, answers, "2026-11-24")
    deadline = _reached(result)["deadlines"][0]
    assert (deadline["date"], deadline["days_left"], deadline["passed"]) == ("2026-11-17", -7, True)
    assert deadline["passed_text"] == "You can still ask the mediator for **more time**."


def test_rendered_html_the_site_adds_goes_through_and_only_when_the_deadline_passed(tree: dict[str, Any]) -> None:
    rendered = copy.deepcopy(tree)
    deadline = rendered["nodes"]["large_recent"]["deadlines"][0]
    deadline["passed_html"] = "<p>You can still ask the mediator for <strong>more time</strong>.</p>"
    answers = {"channel": "phone", "amount": "600", "received": "2026-11-10"}
    late = _reached(step(rendered, answers, "2026-11-24"))["deadlines"][0]
    assert late["passed_html"] == deadline["passed_html"]
    in_time = _reached(step(rendered, answers, "2026-11-12"))["deadlines"][0]
    assert "passed_html" not in in_time and in_time["passed_text"] is None


def test_every_state_names_the_tree_language(tree: dict[str, Any]) -> None:
    assert step(tree, {}, TODAY)["language"] == "en"
    assert step(tree, {}, "someday")["language"] == "en"
    chinese = dict(tree, language="zh")
    assert step(chinese, {}, TODAY)["language"] == "zh"


def test_date_parts_as_typed_give_the_same_date(tree: dict[str, Any]) -> None:
    """The three fields send parts without leading zeros; the kept answer is the date written YYYY-MM-DD."""
    result = step(tree, {"channel": "phone", "amount": "5", "received": " 2026 - 3 - 7 "}, TODAY)
    assert result["answers"]["received"] == "2026-03-07"


def test_a_rule_says_the_fact_it_found(tree: dict[str, Any]) -> None:
    """A route over dates gives, in its trace item, the days it counted: what "why" shows instead of a title."""
    answers = {"channel": "phone", "amount": "600", "received": "2026-11-21"}
    for language, fact in (("en", "1 day since 21 November 2026"), ("zh", "自2026年11月21日起已过 1 天")):
        result = step({**tree, "language": language}, answers, TODAY)
        assert _rule(result["trace"][-1])["facts"] == [fact]
    # Every condition read on the way (here both branches) gives its count once.
    small = step(tree, {"channel": "phone", "amount": "10", "received": "2026-11-21"}, TODAY)
    assert _rule(small["trace"][-1])["facts"] == ["1 day since 21 November 2026"]
