"""Formula mistakes come with the whole corrected formula, and the correction itself passes the check."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard import checker, formula_fixes
from wizard.checker import check_file
from wizard.core import expr

BAD = Path(__file__).parent / "corpus" / "bad"
ENV = {
    "amount": expr.VarInfo(expr.TYPE_NUMBER),
    "received": expr.VarInfo(expr.TYPE_DATE),
    "sent_on": expr.VarInfo(expr.TYPE_DATE),
    "channel": expr.VarInfo(expr.TYPE_TEXT, ("online", "phone", "letter"), ("Online form", "By phone", "Letter")),
    "accepted": expr.VarInfo(expr.TYPE_TEXT, ("yes", "no"), ("Yes", "No")),
}


def _fix(source: str, want: str = "bool") -> formula_fixes.Fix | None:
    return formula_fixes.correct(source, functools.partial(checker._formula_problem, want=want, env=ENV))


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize(("source", "corrected", "said", "offset"), [
    ("sent_on <= 2026-12-01", "sent_on <= date('2026-12-01')", "read as a calculation (2026 - 12 - 1)", 11),
    ("sent_on <= 2026-12-1", "sent_on <= date('2026-12-01')", "not a date", 11),
    ("received > 2026/3/9", "received > date('2026-03-09')", "(2026 / 3 / 9)", 11),
    ("received < '2026-12-01'", "received < date('2026-12-01')", "in quotes is a text", 11),
    ("'2026-12-01' >= received", "date('2026-12-01') >= received", "in quotes is a text", 0),
    ("received < date(2026-12-01)", "received < date('2026-12-01')", "must be written in quotes", 11),
    ("amount = 100", "amount == 100", "write `==`", 7),
    ("amount > 1 && accepted == 'yes'", "amount > 1 and accepted == 'yes'", "instead of `&&`", 11),
    ("amount > 1 & accepted == 'yes'", "amount > 1 and accepted == 'yes'", "instead of `&`", 11),
    ("amount > 1 || channel == 'phone'", "amount > 1 or channel == 'phone'", "instead of `||`", 11),
    ("!(channel == 'phone')", "not (channel == 'phone')", "instead of `!`", 0),
    ("amount => 3", "amount >= 3", "`=>` is written `>=`", 7),
    ("amount =< 3", "amount <= 3", "`=<` is written `<=`", 7),
    ("amount <> 3", "amount != 3", "`<>` is written `!=`", 7),
    ("amount ≥ 3", "amount >= 3", "`≥` is written `>=`", 7),
    ("accepted == yes", "accepted == 'yes'", "written in quotes", 12),
    ("no != accepted", "'no' != accepted", "written in quotes", 0),
    ("channel in [phone, letter]", "channel in ['phone', 'letter']", "written in quotes", 12),
    ("accepted == true", "accepted == 'yes'", "'yes' or 'no', not true", 12),
    ("channel == 'By phone'", "channel == 'phone'", "the label of answer 'phone'", 11),
    ("channel == 'by  PHONE'", "channel == 'phone'", "the label of answer 'phone'", 11),
    ("received < today()", "received < today", "without brackets", 11),
    ("received + 3 days < today", "received + 3 < today", "without a unit", 11),
    ("amount > 100元", "amount > 100", "without a unit", 9),
    ("amount > 100 yuan", "amount > 100", "without a unit", 9),
    ("recieved < today", "received < today", "did you mean `received`", 0),
    ("days_betwen(received, today) > 3", "days_between(received, today) > 3", "did you mean `days_between`", 0),
    ("channel == 'leter'", "channel == 'letter'", "did you mean 'letter'", 11),
    ("amount > 1 AND amount < 5", "amount > 1 and amount < 5", "small letters", 11),
    ("channel == ‘phone’", "channel == 'phone'", "plain character `'`", 11),
    ("amount > 1 and （amount < 5）", "amount > 1 and (amount < 5)", "plain character `(`", 15),
    ("amount is not 3", "amount != 3", "write `!=`", 7),
    ("received <= 2026.12.01", "received <= date('2026-12-01')", "is not a number, not a date", 12),
    ("accepted == 'Yes'", "accepted == 'yes'", "the label of answer 'yes'", 12),
    ("accepted", "accepted == 'yes'", "a yes/no condition is needed here, but `accepted` gives a text", 0),
    ("not accepted", "not accepted == 'yes'", "needed after `not`", 4),
    ("accepted and amount > 3", "accepted == 'yes' and amount > 3", "on the left of `and`", 0),
    ("add_days(received, '15') > today", "add_days(received, 15) > today", "a number is needed as value 2", 19),
    ("add_days('2026-12-01', 3) > today", "add_days(date('2026-12-01'), 3) > today", "a date is needed as value 1",
     9),
    # Several mistakes: the first is named, and the whole formula is corrected.
    ("recieved <= 2026-12-01 && accepted == yes", "received <= date('2026-12-01') and accepted == 'yes'",
     "read as a calculation", 12),
])
def test_a_mistake_gets_the_whole_corrected_formula(source: str, corrected: str, said: str, offset: int) -> None:
    fix = _fix(source)
    assert fix is not None
    assert (fix.corrected, fix.offset) == (corrected, offset)
    assert said in fix.message
    # The suggestion is itself a correct formula for its place.
    assert checker._formula_problem(fix.corrected, want="bool", env=ENV) is None


def test_a_bare_date_where_a_date_is_needed_is_corrected() -> None:
    fix = _fix("2026-12-01", want="date")
    assert fix is not None and fix.corrected == "date('2026-12-01')"
    fix = _fix("received + 15 days", want="date")
    assert fix is not None and fix.corrected == "received + 15"


def test_a_number_alone_where_a_condition_is_needed_has_no_evident_fix() -> None:
    assert _fix("amount") is None


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize("source", [
    "received < 2026-02-30",           # no such date: no evident fix
    "amount > 3 and nothing_like_it",  # unknown answer with no close one
    "channel == 'a && b' and x",       # quoted text is never rewritten, and x stays unknown
    "amount > 3 days_left",            # a unit glued to a name is not a unit
    "channel == 'zzz'",                # no answer close to it
])
def test_no_suggestion_without_an_evident_fix(source: str) -> None:
    assert _fix(source) is None


def test_quoted_text_is_left_as_written() -> None:
    fix = _fix("channel == 'phone' && amount = 1")
    assert fix is not None and fix.corrected == "channel == 'phone' and amount == 1"
    assert _fix("channel == 'a = b'") is None  # well formed except for the unknown answer, which has no fix


def test_a_correct_formula_gets_no_suggestion() -> None:
    assert _fix("amount > 1") is None


def _corrections() -> list[Path]:
    return sorted(path for path in BAD.glob("*.yaml")
                  if "Write it as `" in path.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace"))


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize("path", _corrections(), ids=lambda p: p.stem)
def test_the_corrected_formula_makes_the_corpus_tree_pass(path: Path, tmp_path: Path) -> None:
    # The suggestion is checked the way the editor would use it: pasted into the tree, which then has no error.
    lines = path.read_text(encoding="utf-8").splitlines()
    expect = lines[0]
    line = int(expect.removeprefix("# expect: ").split(":")[0])
    corrected = re.search(r"Write it as `(.*)`\.$", expect)
    assert corrected is not None
    key = re.match(r"^(\s*(?:- )?[a-z_]+: )", lines[line - 1])
    assert key is not None, lines[line - 1]
    lines[line - 1] = key.group(1) + json.dumps(corrected.group(1), ensure_ascii=False)
    fixed = tmp_path / path.name
    fixed.write_text("\n".join(lines[1:]) + "\n", encoding="utf-8")
    errors = [d.format() for d in check_file(fixed, fixed.name).diagnostics if d.is_error]
    assert errors == []


_PIECES = st.sampled_from([
    "amount", "received", "channel", "accepted", "today", "yes", "phone", "'By phone'", "'2026-12-01'", "2026-12-01",
    "date(", "days_between(", "(", ")", ",", " ", "=", "==", "=>", "<", "&&", "||", "!", "and", "AND", "not", "3",
    "3 days", "100元", "'", "（", "≥", "today()", "[", "]", "in", "recieved", "true",
])


@pytest.mark.reliability("property")
@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_a_suggestion_always_passes_the_check_and_points_into_the_formula(source: str) -> None:
    # Whatever an editor writes, a correction is either absent or a formula that passes, and the mistake it names
    # is inside the text as written (the checker turns the offset into line:col).
    fix = _fix(source)
    if fix is not None:
        assert checker._formula_problem(fix.corrected, want="bool", env=ENV) is None
        assert 0 <= fix.offset < len(source)
        assert fix.corrected != source
