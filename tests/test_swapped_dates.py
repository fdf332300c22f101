"""`days_between` with its dates the wrong way round is named, with the swapped formula; a correct use is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.checker import check_file

BAD = Path(__file__).parent / "corpus" / "bad"
# The corpus template, with `when` a date question answered on or before today.
TREE = (BAD / "expr-type-mismatch.yaml").read_text(encoding="utf-8").split("\n", 1)[1].replace(
    "    question: When?\n", "    question: When?\n    max: today\n")


def _errors(tmp_path: Path, condition: str, tree: str = TREE) -> list[str]:
    path = tmp_path / "tree.yaml"
    path.write_text(tree.replace("amount == 'a'", condition), encoding="utf-8")
    return [d.format() for d in check_file(path, "tree.yaml").diagnostics if d.is_error]


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize(("condition", "corrected"), [
    ("days_between(today, when) > 0", "days_between(when, today) > 0"),
    ("days_between(today, when) >= 3", "days_between(when, today) >= 3"),
    ("7 >= days_between(today, when)", "7 >= days_between(when, today)"),
    ("amount > 1 and days_between(when, today) < -2", "amount > 1 and days_between(today, when) < -2"),
])
def test_swapped_dates_are_named_with_the_corrected_formula(tmp_path: Path, condition: str, corrected: str) -> None:
    (error,) = _errors(tmp_path, condition)
    assert "look swapped" in error
    assert error.endswith(f"Write it as `{corrected}`.")
    assert _errors(tmp_path, corrected) == []  # the suggestion passes the check


@pytest.mark.parametrize("condition", [
    "days_between(when, today) <= 7",       # the right way round
    "days_between(today, when) >= -14",     # the other way round, and written knowing it: not constant
    "days_between(today, when) <= 0 and amount > 100",  # always true here, but as swapped it would not say more
])
def test_a_correct_use_is_not_called_swapped(tmp_path: Path, condition: str) -> None:
    assert not any("look swapped" in error for error in _errors(tmp_path, condition))


def test_without_limits_on_the_date_nothing_is_known_to_be_swapped(tmp_path: Path) -> None:
    tree = TREE.replace("    max: today\n", "")
    assert _errors(tmp_path, "days_between(today, when) <= 7", tree) == []
