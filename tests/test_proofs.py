"""The checker's proofs (wizard.proofs, wizard.conditions, wizard.linear): exact answers, true examples, and no
claim on a guess."""

from __future__ import annotations

import datetime
import random
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wizard import conditions, linear, proofs
from wizard.core import engine, expr

CHECK_DAY = datetime.date(2026, 12, 2)
NODES: dict[str, dict[str, Any]] = {
    "n": {"type": "number", "min": -20, "max": 20, "integer": True},
    "r": {"type": "number", "min": -20, "max": 20, "integer": False},
    "d": {"type": "date", "max": "today"},
    "pick": {"type": "choice", "options": {"a": {}, "b": {}, "c": {}}},
}


def _prover() -> proofs.Prover:
    return proofs.Prover(conditions.Translation(conditions.answers_of(NODES), CHECK_DAY))


def _parsed(*sources: str) -> list[tuple[expr.Expr, str]]:
    return [(expr.parse(source), source) for source in sources]


def _gap(*sources: str) -> proofs.Verdict:
    return proofs.route_gap(_prover(), _parsed(*sources))


def _never_taken(index: int, *sources: str) -> bool:
    return proofs.taken(_prover(), _parsed(*sources), index).status == "none"


# Exact arithmetic ------------------------------------------------------------------------------------------------


def _c(coefficients: dict[str, int], constant: int, strict: bool = False) -> linear.Constraint:
    return linear.constraint({k: Fraction(v) for k, v in coefficients.items()}, Fraction(constant), strict)


def test_whole_numbers_are_tightened_but_fractions_are_not() -> None:
    between_two_and_three = [_c({"x": -1}, 2, strict=True), _c({"x": 1}, -3, strict=True)]  # 2 < x < 3
    assert linear.solve(between_two_and_three, frozenset({"x"})).feasible is False
    solution = linear.solve(between_two_and_three, frozenset())
    assert solution.feasible is True and solution.model == {"x": Fraction(5, 2)}
    # 2x = 7 has no whole solution.
    assert linear.solve([_c({"x": 2}, -7), _c({"x": -2}, 7)], frozenset({"x"})).feasible is False


def test_a_model_satisfies_every_constraint() -> None:
    constraints = [_c({"x": 1, "y": -1}, 4), _c({"y": -1}, 10), _c({"x": -1}, -3), _c({"x": 1, "y": 1}, -30)]
    solution = linear.solve(constraints, frozenset({"x", "y"}), {"x": Fraction(0), "y": Fraction(0)})
    assert solution.feasible is True and solution.model is not None
    assert all(c.holds(solution.model) for c in constraints)


# Routes ----------------------------------------------------------------------------------------------------------


def test_a_route_on_today_that_covers_every_day_is_complete() -> None:
    assert _gap("today < date('2027-01-01')", "today >= date('2027-01-01')").status == "none"
    assert _gap("days_between(d, today) <= 3", "days_between(d, today) >= 4").status == "none"


def test_a_route_on_today_that_runs_out_is_shown_on_the_day_it_does() -> None:
    verdict = _gap("today < date('2027-01-01')")
    assert verdict.status == "found" and verdict.example is not None
    assert verdict.example.today == datetime.date(2027, 1, 1)


def test_a_gap_between_whole_days_is_found_with_its_answers() -> None:
    verdict = _gap("days_between(d, today) <= 3", "days_between(d, today) > 4")
    assert verdict.status == "found" and verdict.example is not None
    assert (verdict.example.today - verdict.example.values["d"]).days == 4  # type: ignore[operator]


def test_a_failing_branch_never_counts_as_holding() -> None:
    verdict = _gap("d + 999999999999999 > today", "true")
    assert verdict.status == "found"
    assert verdict.detail == "branch 1 cannot be worked out (the date would be out of range)"


def test_what_cannot_be_reasoned_about_is_named_not_guessed() -> None:
    verdict = _gap("n / 2 > 3", "n <= 6")
    assert verdict.status == "unknown" and verdict.reason == "`n / 2` divides, and divisions are rounded"
    verdict = _gap("add_working_days(d, n) > today", "add_working_days(d, n) <= today")
    assert verdict.status == "unknown" and "`add_working_days(d, n)`" in verdict.reason


def test_choices_are_finite() -> None:
    assert _gap("pick == 'a'", "pick in ['b', 'c']").status == "none"
    verdict = _gap("pick == 'a' and n > 0", "pick != 'a'")
    assert verdict.status == "found" and verdict.example is not None
    assert verdict.example.values["pick"] == "a" and verdict.example.values["n"] <= 0  # type: ignore[operator]


# Branches, deadlines, constants ----------------------------------------------------------------------------------


def test_never_taken_branches() -> None:
    assert _never_taken(0, "1 > 2")
    assert _never_taken(1, "n > 5", "n > 10")
    assert not _never_taken(1, "n > 5", "n > 3")
    assert _never_taken(0, "today < date('2020-01-01')")  # readers' today is never before the check
    assert _never_taken(0, "n > 1 and n < 2")  # a whole number
    assert not _never_taken(0, "r > 1 and r < 2")  # a fraction may lie between


def test_rounded_arithmetic_is_never_claimed_impossible() -> None:
    # Exactly, 3 * 0.1 > 0.3 is false; Python's floats make it true, and the reader's browser computes the same.
    assert expr.evaluate(expr.parse("r * 0.1 > 0.3 and r <= 3"), {"r": 3}, CHECK_DAY) is True
    assert not _never_taken(0, "r * 0.1 > 0.3 and r <= 3")


def test_deadlines_out_of_range_for_every_answer() -> None:
    for source in ("d + 999999999999999", "add_days(d, 999999999999999)", "add_months(d, 999999999999999)",
                   "d - 999999999999999"):
        assert proofs.date_defined(_prover(), expr.parse(source)).status == "none", source
    for source in ("d + 3", "add_working_days(d, 5)", "add_months(d, 1)", "today + 365"):
        assert proofs.date_defined(_prover(), expr.parse(source)).status == "found", source


def test_constant_failures_are_found_once_at_the_innermost_part() -> None:
    def found(source: str) -> list[tuple[str, str]]:
        failures = conditions.constant_failures(expr.parse(source))
        return [(source[p.offset:p.offset + p.length], why) for p, why in failures]

    assert found("n / (2 - 2) > 1") == [("n / (2 - 2)", "a division by zero")]
    assert found("(1 / 0 + 2) > n") == [("1 / 0", "a division by zero")]
    assert found("d < date('9999-12-31') + 1") == [("date('9999-12-31') + 1", "the date would be out of range")]
    assert found("n / 2 > 1 and d < today + 3") == []


# Properties: a "complete" is never refuted, an example is always real ---------------------------------------------

_NUMBER_TERMS = ["n", "n + {k}", "n * {k}", "{k} - n", "days_between(d, today)", "today - d", "{k}", "r", "-r",
                 "r + {k}", "{k}.5", "-{p}.5", "({k} / 4)", "r * 0.{p}"]
_DATE_TERMS = ["d", "d + {k}", "today", "today - {k}", "add_days(d, {k})", "date('2026-12-0{p}')"]


@st.composite
def _atoms(draw: st.DrawFn) -> str:
    terms = draw(st.sampled_from([_NUMBER_TERMS, _DATE_TERMS]))
    op = draw(st.sampled_from(expr.COMPARISONS))
    left, right = (draw(st.sampled_from(terms)).format(k=draw(st.integers(-4, 4)), p=draw(st.integers(1, 9)))
                   for _ in range(2))
    return f"{left} {op} {right}"


def _conditions_strategy() -> st.SearchStrategy[str]:
    return st.recursive(_atoms(), lambda inner: st.one_of(
        st.builds(lambda a, b: f"({a}) and ({b})", inner, inner),
        st.builds(lambda a, b: f"({a}) or ({b})", inner, inner),
        st.builds(lambda a: f"not ({a})", inner)), max_leaves=3)


def _situations(seed: int, count: int = 300) -> list[tuple[dict[str, object], datetime.date]]:
    """Answers the engine accepts, on days from the check on: near the constants, and at the calendar's end."""
    rng = random.Random(seed)
    found = []
    for _ in range(count):
        today = CHECK_DAY + datetime.timedelta(days=rng.choice([0, 1, 2, 3, 5, 7, 10, 30, 400]))
        if rng.random() < 0.05:
            today = datetime.date.max - datetime.timedelta(days=rng.randint(0, 3))
        d = today - datetime.timedelta(days=rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 10, 40]))
        found.append(({"n": rng.randint(-20, 20), "r": rng.choice([-20, -2.5, -0.5, 0, 0.5, 1, 1.5, 2.5, 3, 20]),
                       "d": d}, today))
    return found


def _first_taken(conditions: list[tuple[expr.Expr, str]], values: dict[str, object],
                 today: datetime.date) -> int | None:
    """The branch the engine itself takes (None: none holds, or one fails first)."""
    route = {"branches": [{"if": source, "next": index} for index, (_, source) in enumerate(conditions)]}
    try:
        return int(engine._choose_branch(route, values, today)["next"])
    except expr.EvalError:
        return None


@pytest.mark.reliability("property")
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_conditions_strategy(), min_size=1, max_size=3), st.integers(0, 1000))
def test_a_proven_route_has_no_gap_and_a_shown_gap_is_real(sources: list[str], seed: int) -> None:
    conditions = _parsed(*sources)
    verdict = proofs.route_gap(_prover(), conditions)
    if verdict.status == "found":
        assert verdict.example is not None
        values, today = dict(verdict.example.values), verdict.example.today
        assert today >= CHECK_DAY
        assert _first_taken(conditions, values, today) is None, (sources, values, today)
    if verdict.status == "none":
        for values, today in _situations(seed):
            assert _first_taken(conditions, values, today) is not None, (sources, values, today)


@pytest.mark.reliability("property")
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_conditions_strategy(), min_size=1, max_size=3), st.integers(0, 1000))
def test_a_branch_proven_never_taken_is_never_taken(sources: list[str], seed: int) -> None:
    conditions = _parsed(*sources)
    never = [i for i in range(len(conditions)) if proofs.taken(_prover(), conditions, i).status == "none"]
    for values, today in _situations(seed):
        assert _first_taken(conditions, values, today) not in never, (sources, values, today)


@pytest.mark.reliability("property")
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_conditions_strategy())
def test_a_condition_seen_true_and_false_is_never_proven_constant(source: str) -> None:
    """The checker skips the proofs that a condition never holds, or always does, when everyday answers make it
    both true and false (``true_and_false``): the proofs must then find it taken both ways too."""
    parsed = expr.parse(source)
    if not proofs.true_and_false(_prover(), parsed):
        return
    assert proofs.taken(_prover(), [(parsed, source)], 0).status == "found", source
    negated = f"not ({source})"
    assert proofs.taken(_prover(), [(expr.parse(negated), negated)], 0).status == "found", source


def test_a_constant_condition_is_not_seen_both_ways() -> None:
    assert proofs.true_and_false(_prover(), expr.parse("n > 5"))
    assert not proofs.true_and_false(_prover(), expr.parse("n > 50"))  # n is at most 20: never holds
    assert not proofs.true_and_false(_prover(), expr.parse("d <= today"))  # d is never after today: always holds
