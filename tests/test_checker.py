"""Whole-tree checks: formulas, routes, sources, examples and freshness (graph errors are in corpus/bad)."""

from __future__ import annotations

import datetime
import time
from pathlib import Path

import pytest

from wizard.checker import check_file

KITCHEN = Path(__file__).parent / "fixtures" / "trees" / "kitchen-sink.yaml"
TODAY = datetime.date(2026, 11, 22)


def _check(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "tree.yaml"
    path.write_text(text, encoding="utf-8")
    return [d.format() for d in check_file(path, "tree.yaml", today=TODAY).diagnostics]


def _line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_kitchen_sink_is_clean() -> None:
    assert [d.format() for d in check_file(KITCHEN, "k.yaml", today=TODAY).diagnostics] == []


def test_formula_error_points_at_the_character(tmp_path: Path) -> None:
    text = KITCHEN.read_text().replace("amount * 2 >= 1000", "amount ** 2 >= 1000")
    messages = _check(tmp_path, text)
    line = _line_of(text, "amount ** 2")
    column = text.splitlines()[line - 1].index("**") + 1
    assert len(messages) == 1
    assert messages[0].startswith(f"tree.yaml:{line}:{column}: error: in node `size_route`, branch 1, `if`: ")


def test_formula_using_an_answer_not_always_asked(tmp_path: Path) -> None:
    text = KITCHEN.read_text().replace("channel == 'letter' or", "accepted == 'yes' or channel == 'letter' or")
    messages = _check(tmp_path, text)
    assert any("uses `accepted`, but some ways to node `size_route` do not ask `accepted`." in m for m in messages)


def test_formula_of_the_wrong_kind(tmp_path: Path) -> None:
    text = KITCHEN.read_text().replace("date: add_working_days(received, 5)", "date: amount + 5")
    messages = _check(tmp_path, text)
    assert any("deadline 1, `date` gives a number, but a date is needed here." in m for m in messages)


def test_unknown_option_in_a_condition(tmp_path: Path) -> None:
    text = KITCHEN.read_text().replace("channel == 'letter'", "channel == 'leter'")
    messages = _check(tmp_path, text)
    assert len(messages) == 1 and "leter" in messages[0] and messages[0].startswith("tree.yaml:")


def test_route_on_a_number_needs_else(tmp_path: Path) -> None:
    text = KITCHEN.read_text()
    start = text.index("    else:\n      next: small_or_old")
    end = text.index("  cannot_withdraw:")
    text = text[:start] + "\n" + text[end:]
    messages = _check(tmp_path, text)
    # The proof now shows answers and a day for which no branch holds, instead of giving up on `amount`.
    assert ("tree.yaml:66:3: error: route `size_route` has no `else`, and no branch holds when `amount` is `0`, "
            "`channel` is `online`, `received` is `2026-11-22`, today is `2026-11-22`. Add a branch for that case "
            "or an `else:`.") in messages


def test_route_complete_over_choices_needs_no_else(tmp_path: Path) -> None:
    text = KITCHEN.read_text().replace(
        "        next: accepted\n        because: Online complaints can be withdrawn until accepted.",
        "        next: by_channel\n        because: Online complaints can be withdrawn until accepted.",
    ).replace("  accepted:\n", """  by_channel:
    type: route
    branches:
      - if: channel == 'online'
        next: accepted
      - if: channel in ['phone', 'letter']
        next: amount
  accepted:
""")
    assert _check(tmp_path, text) == []


def test_an_outcome_without_basis_is_an_error_and_an_uncited_source_a_warning(tmp_path: Path) -> None:
    # The docs say `basis` is required; it used to be only a warning. Both ways of leaving it out are errors now.
    text = KITCHEN.read_text().replace("    basis: [practice]\n\n  small_or_old:", "\n  small_or_old:")
    text = text.replace("    basis: [rule_book, practice]", "    basis: []").replace(
        "    basis: [practice]", "    basis: [rule_book]")
    text = text[: text.index("  - name: letter")]
    messages = _check(tmp_path, text)
    errors = [m.split(": error: ", 1)[1] for m in messages if ": error: " in m]
    assert sorted(errors) == [
        "node `can_withdraw`, `basis` needs at least 1 item(s).",
        "node `letter_outcome` is missing the required key `basis`. Add `basis:` (ids of the sources this outcome "
        "rests on, one or more).",
    ]
    assert any(": warning: source `practice` is not cited by any outcome." in m for m in messages)


def test_example_problems(tmp_path: Path) -> None:
    text = KITCHEN.read_text().replace("      accepted: no\n    outcome: can_withdraw",
                                       "      acepted: no\n    outcome: can_withdrew")
    messages = _check(tmp_path, text)
    assert any("example \"online, not accepted\" answers `acepted`, which is not a question of this tree. "
               "Did you mean `accepted`?" in m for m in messages)
    assert any("expects `can_withdrew`, which is not an outcome of this tree. Did you mean `can_withdraw`?" in m
               for m in messages)


def test_reviewed_in_the_future(tmp_path: Path) -> None:
    text = KITCHEN.read_text().replace("reviewed: 2026-11-01", "reviewed: 2027-01-01")
    assert ("tree.yaml:5:11: error: `reviewed` (2027-01-01) is in the future. Write the day you last checked the "
            "content against its sources.") in _check(tmp_path, text)


def test_next_steps_and_deadlines_that_never_apply_are_warned_about(tmp_path: Path) -> None:
    # Readers are never shown them: dead text, not a wrong answer, so a warning (an error under --strict).
    text = KITCHEN.read_text().replace("if: amount >= 1000", "if: amount >= 1000 and amount < 10").replace(
        "if: amount > 2000", "if: amount > 2000000")
    messages = _check(tmp_path, text)
    step_line, deadline_line = _line_of(text, "amount < 10"), _line_of(text, "amount > 2000000")
    assert messages == [
        f"tree.yaml:{step_line}:13: warning: next step 2 of outcome `large_recent` is never shown: its condition "
        "never holds. Correct the condition, or remove it.",
        f"tree.yaml:{deadline_line}:13: warning: deadline 2 of outcome `large_recent` is never given: its "
        "condition never holds. Correct the condition, or remove it."]


def test_a_route_on_today_is_proven_for_every_day_not_the_day_of_the_check(tmp_path: Path) -> None:
    text = KITCHEN.read_text().replace("        next: accepted\n", "        next: by_day\n", 1).replace(
        "  accepted:\n", """  by_day:
    type: route
    branches:
      - if: today < date('2027-03-01')
        next: accepted
      - if: today >= date('2027-03-01') and today < date('2028-01-01')
        next: accepted
  accepted:
""", 1)
    messages = _check(tmp_path, text)
    line = _line_of(text, "  by_day:")
    assert messages == [f"tree.yaml:{line}:3: error: route `by_day` has no `else`, and no branch holds when today "
                        "is `2028-01-01`. Add a branch for that case or an `else:`."]
    # Complete now; what is left is the warning that the examples through `by_day` depend on the day.
    assert not any(": error: " in m for m in _check(tmp_path, text.replace("today < date('2028-01-01')", "true")))


def test_the_question_limits_bound_the_proof(tmp_path: Path) -> None:
    # `amount` is at most 1,000,000, so a route on it is complete once that is covered.
    text = KITCHEN.read_text().replace(
        "    else:\n      next: small_or_old\n      because: Other claims are closed.\n",
        "      - if: amount <= 1000000\n        next: small_or_old\n        because: Other claims are closed.\n")
    assert not any(": error: " in m for m in _check(tmp_path, text))
    messages = _check(tmp_path, text.replace("amount <= 1000000", "amount < 1000000"))
    assert any("no branch holds when `amount` is `1000000`" in m for m in messages)


def test_a_huge_route_does_not_hang_the_check(tmp_path: Path) -> None:
    # Sixty branches of `and`s and `or`s split into more cases than any proof may try: the tree's shared budget
    # ends the search, and the route without `else` is still rejected (a "does not hang" bound, not a speed goal).
    branches = "".join(f"      - if: (amount > {k} and received < today - {k} and amount != {k + 3}) or (amount < "
                       f"{-k} and received > date('2026-01-01') + {k})\n        next: letter_outcome\n"
                       for k in range(60))
    text = KITCHEN.read_text().replace("  size_route:\n", "  size_route:\n    type: route\n    branches:\n"
                                       + branches + "  old_size_route:\n", 1)
    begin = time.perf_counter()
    messages = _check(tmp_path, text)
    assert time.perf_counter() - begin < 30
    assert any("error: route `size_route` has no `else`" in m for m in messages)


def test_a_long_loop_is_named_in_a_short_message(tmp_path: Path) -> None:
    # Each node of a 2,000-question loop in the message would make a line of tens of kilobytes.
    count = 2000
    nodes = "".join(f"  q{i}:\n    type: yesno\n    question: Step {i}?\n    options:\n"
                    f"      'yes': {{label: 'Yes', next: q{(i + 1) % count}}}\n"
                    "      'no': {label: 'No', next: done}\n"
                    for i in range(count))
    text = ("title: Loop\nsummary: A loop.\naudience: consumers\nreviewed: 2026-11-01\nsources:\n  rules:\n"
            "    title: Rules\nstart: q0\nnodes:\n" + nodes +
            "  done:\n    type: outcome\n    verdict: Done\n    explanation: Done.\n    basis: [rules]\n")
    loops = [m for m in _check(tmp_path, text) if "form a loop" in m]
    assert len(loops) == 1
    assert "q0 → q1 → q2 → q3 → … (1993 more) → q1997 → q1998 → q1999 → q0." in loops[0]
    assert len(loops[0]) < 400


# A tree repeats its formulas and its examples their answers; the checker looks at each text or answer once.
# Each repeat must still be reported at its own place, and judged by what differs (an example's day).


def _repeated(text: str, condition: str, date: str | None = None) -> str:
    """The kitchen sink with ``condition`` as the `if` of a next step and of a deadline of the same outcome (and
    ``date`` as both deadlines' dates)."""
    text = text.replace("if: amount >= 1000", f"if: {condition}").replace("if: amount > 2000", f"if: {condition}")
    if date is not None:
        text = text.replace("date: add_working_days(received, 5)", f"date: {date}")
        text = text.replace("date: max(add_months(received, 1), received + 30)", f"date: {date}")
    return text


@pytest.mark.reliability("bad-input")
def test_a_repeated_condition_that_never_holds_is_reported_at_each_place(tmp_path: Path) -> None:
    text = _repeated(KITCHEN.read_text(), "amount < 0")
    messages = _check(tmp_path, text)
    lines = [n for n, line in enumerate(text.splitlines(), 1) if "if: amount < 0" in line]
    assert len(lines) == 2
    assert [m.split(": warning: ")[0] for m in messages if "never holds" in m] == \
        [f"tree.yaml:{line}:13" for line in lines]
    assert any("next step 2 of outcome `large_recent` is never shown" in m for m in messages)
    assert any("deadline 2 of outcome `large_recent` is never given" in m for m in messages)


@pytest.mark.reliability("bad-input")
def test_a_repeated_formula_that_always_fails_is_reported_at_each_place(tmp_path: Path) -> None:
    text = _repeated(KITCHEN.read_text(), "amount > 1 / 0")
    messages = [m for m in _check(tmp_path, text) if "divides by zero" in m]
    lines = [n for n, line in enumerate(text.splitlines(), 1) if "if: amount > 1 / 0" in line]
    assert [m.split(": error: ")[0] for m in messages] == [f"tree.yaml:{line}:22" for line in lines]


@pytest.mark.reliability("bad-input")
def test_a_repeated_date_out_of_range_is_reported_at_each_place(tmp_path: Path) -> None:
    text = _repeated(KITCHEN.read_text(), "amount > 2000", "add_days(received, 5000000)")
    messages = [m for m in _check(tmp_path, text) if "can never be worked out" in m]
    lines = [n for n, line in enumerate(text.splitlines(), 1) if "add_days(received, 5000000)" in line]
    assert len(lines) == 2 and [m.split(": error: ")[0] for m in messages] == \
        [f"tree.yaml:{line}:15" for line in lines]


@pytest.mark.reliability("bad-input")
def test_the_same_answer_is_judged_on_each_example_s_own_day(tmp_path: Path) -> None:
    # "large and recent, friday reply" answers `received: 2026-11-20` on 2026-11-22, which the question takes;
    # the same answer on 2026-11-01 is a date after today, which it refuses.
    text = KITCHEN.read_text() + """  - name: answered before the reply came
    today: 2026-11-01
    answers: {channel: phone, amount: 600, received: 2026-11-20}
    outcome: large_recent
"""
    messages = [m for m in _check(tmp_path, text) if "answers `received`" in m]
    assert len(messages) == 1
    assert messages[0].startswith(f"tree.yaml:{len(text.splitlines()) - 1}:")
    assert "example \"answered before the reply came\" answers `received` with `2026-11-20`" in messages[0]
