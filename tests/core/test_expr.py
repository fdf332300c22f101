"""The formula language: parsing, type checking with positions, and evaluation."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.core import expr

TODAY = datetime.date(2026, 11, 22)
ENV = {
    "amount": expr.VarInfo(expr.TYPE_NUMBER),
    "received": expr.VarInfo(expr.TYPE_DATE),
    "channel": expr.VarInfo(expr.TYPE_TEXT, ("online", "phone", "letter")),
    "accepted": expr.VarInfo(expr.TYPE_TEXT, ("yes", "no")),
}
VALUES: dict[str, object] = {"amount": 600, "received": datetime.date(2026, 11, 20), "channel": "phone",
                             "accepted": "no"}


def run(source: str, values: dict[str, object] | None = None) -> object:
    parsed = expr.parse(source)
    expr.check(parsed, ENV)
    return expr.evaluate(parsed, VALUES if values is None else values, TODAY)


@pytest.mark.parametrize(("source", "expected"), [
    ("1 + 2 * 3", 7),
    ("(1 + 2) * 3", 9),
    ("10 - 4 - 3", 3),
    ("7 / 2", 3.5),
    ("-amount + 1", -599),
    ("amount * 2 >= 1000", True),
    ("amount > 100 and not (today - received > 30)", True),
    ("channel == 'letter' or amount < 10", False),
    ("channel in ['phone', 'letter']", True),
    ("channel not in ['phone', 'letter']", False),
    ("accepted == 'no'", True),
    ("today - received", 2),
    ("received + 3", datetime.date(2026, 11, 23)),
    ("3 + received", datetime.date(2026, 11, 23)),
    ("received - 20", datetime.date(2026, 10, 31)),
    ("days_between(received, today)", 2),
    ("add_days(received, 10)", datetime.date(2026, 11, 30)),
    ("add_months(date('2026-01-31'), 1)", datetime.date(2026, 2, 28)),
    ("add_working_days(received, 5)", datetime.date(2026, 11, 27)),
    ("max(add_months(received, 1), received + 30)", datetime.date(2026, 12, 20)),
    ("min(3, amount, 10)", 3),
    ("true and not false", True),
    ("\"double quotes\" == 'double quotes'", True),
])
def test_formulas_give_their_values(source: str, expected: object) -> None:
    assert run(source) == expected


def test_and_does_not_need_the_right_side_when_the_left_is_false() -> None:
    assert run("channel == 'letter' and amount > 1", {"channel": "phone"}) is False


@pytest.mark.parametrize(("source", "message", "offset"), [
    ("amout > 3", "there is no question `amout`; did you mean `amount`?", 0),
    ("channel == 'leter'", "`channel` has no answer 'leter'; did you mean 'letter'?", 11),
    ("channel in ['phone', 'fax']", "`channel` has no answer 'fax'; its answers are 'online', 'phone', 'letter'", 21),
    ("add_day(received, 1)", "there is no function `add_day`; did you mean `add_days`?", 0),
    ("amount = 3", "use `==` to compare, not `=`", 7),
    ("amount > 3 && true", "write `and` instead of `&` or `&&`", 11),
    ("amount ** 2", "`**` (powers) is not part of formulas", 7),
    ("__import__('os')", "there is no function `__import__`; the functions are", 0),
    ("amount.real", "dots are not part of formulas; refer to an answer by its question id", 6),
    ("received + received", "`+` cannot combine a date with a date", 0),
    ("amount == 'phone'", "`==` compares a number with a text", 0),
    ("channel < 'x'", "`<` compares two numbers or two dates", 0),
    ("amount and true", "a yes/no condition is needed on the left of `and`, but this is a number", 0),
    ("1 < amount < 3", "compare two values at a time", 11),
    ("amount >", "the formula ends too soon", 8),
    ("(amount > 3", "expected `)` to close the bracket opened here", 11),
    ("amount 3", "unexpected `3`; is an `and`, `or` or operator missing before it?", 7),
    ("'unclosed", "this text has no closing '", 0),
    ("", "the formula is empty", 0),
    ("date('2026-02-30')", "'2026-02-30' is not a date written YYYY-MM-DD", 5),
    ("days_between(received)", "`days_between` takes 2 value(s)", 0),
    ("amount > 1234567890123456", "numbers can have at most 15 digits", 9),
    ("channel[0] == 'a'", "square brackets only hold the list after `in`", 7),
])
def test_mistakes_are_named_with_their_position(source: str, message: str, offset: int) -> None:
    with pytest.raises(expr.ExprError) as caught:
        expr.check(expr.parse(source), ENV)
    assert message in caught.value.message
    assert caught.value.offset == offset


def test_deep_nesting_and_long_formulas_are_refused() -> None:
    with pytest.raises(expr.ExprError, match="nests more than"):
        expr.parse("(" * 40 + "1" + ")" * 40)
    with pytest.raises(expr.ExprError, match="longer than"):
        expr.parse("1 + " * 300 + "1")
    with pytest.raises(expr.ExprError, match="chain of operations"):
        expr.parse("+".join(["1"] * 200))


def test_names_lists_the_answers_read_but_not_today() -> None:
    assert expr.names(expr.parse("days_between(received, today) < amount and channel in ['phone']")) == {
        "received", "amount", "channel"}


@pytest.mark.parametrize(("source", "values", "message"), [
    ("amount / (amount - 600)", VALUES, "a division by zero"),
    ("amount > 3", {}, "the answer to `amount` is missing"),
    ("add_days(received, 9999999)", VALUES, "out of range"),
    ("received + 0.5", VALUES, "whole days"),
])
def test_evaluation_failures_are_eval_errors(source: str, values: dict[str, object], message: str) -> None:
    with pytest.raises(expr.EvalError, match=message):
        expr.evaluate(expr.parse(source), values, TODAY)


def test_compile_expression_caches_the_parse() -> None:
    assert expr.compile_expression("amount > 1") is expr.compile_expression("amount > 1")


# Pieces of formulas, good and bad, that hypothesis strings together at random.
PIECES = ["amount", "received", "channel", "today", "and", "or", "not", "in", "(", ")", "[", "]", ",", "'", '"',
          "+", "-", "*", "/", "<", ">", "=", "!", ".", "0", "1", "9", "_", "x", " "]
ALPHABET = st.sampled_from(PIECES)


@pytest.mark.reliability("property")
@settings(max_examples=400, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_any_text_either_parses_or_gives_a_positioned_error(source: str) -> None:
    # A formula from an editor may be any text: it must never raise anything but ExprError, and the error must
    # point inside the text (so the checker can turn it into line:col).
    try:
        parsed = expr.parse(source)
        kind = expr.check(parsed, ENV)
    except expr.ExprError as exc:
        assert 0 <= exc.offset <= len(source)
        return
    try:
        value = expr.evaluate(parsed, VALUES, TODAY)
    except expr.EvalError:
        return
    expected_type: dict[str, type | tuple[type, ...]] = {
        expr.TYPE_BOOL: bool, expr.TYPE_NUMBER: (int, float), expr.TYPE_DATE: datetime.date, expr.TYPE_TEXT: str}
    assert isinstance(value, expected_type[kind])
