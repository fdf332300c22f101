"""The corrected formula for an editor's mistake, when the fix is evident.

Two kinds of mistakes are corrected. Ways of writing that are never part of the formula language and have one
obvious meaning (``=`` for ``==``, ``&&``, a bare date ``2026-12-01``, ``today()``, ``3 days``, full-width
brackets) are rewritten in the text, outside quotes. Mistakes that need the tree to see (a misspelt answer, an
option's label for its key, a date in quotes) come from the type checker, as an ``ExprError`` with a
``replacement``. A correction is only offered when the whole corrected formula passes the check: a suggestion
that does not work would be a wrong fix.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from wizard.core import expr

# A formula with several mistakes is corrected one checker complaint at a time, at most this many.
MAX_ROUNDS = 6


@dataclass(frozen=True)
class Fix:
    """The first mistake (what is wrong, and where in the formula as written) and the whole corrected formula."""

    message: str
    offset: int
    corrected: str


Problem = Callable[[str], "expr.ExprError | None"]


def correct(source: str, problem: Problem) -> Fix | None:
    """The corrected formula for ``source``, or None when no evident fix makes it pass.

    ``problem(text)`` checks a formula as its place in the tree needs it: None when it is fine, else the
    ``ExprError`` (with a ``replacement`` when the checker knows the fix).
    """
    text, first = _rewrite(source)
    for _ in range(MAX_ROUNDS):
        found = problem(text)
        if found is None:
            return Fix(first[0], first[1], text) if first is not None and text != source else None
        if found.replacement is None:
            return None
        if first is None:  # the text is still as written: the offset is the editor's
            first = (found.message, found.offset)
        text = text[:found.offset] + found.replacement + text[found.offset + found.length:]
    return None


# Rewrites of the text -------------------------------------------------------------------------------------------

# Characters of other keyboards (Chinese input, word processors) that stand for the formula language's own.
_CHARACTERS = {
    "‘": "'", "’": "'", "“": "'", "”": "'", "「": "'", "」": "'", "（": "(", "）": ")", "，": ",", "＝": "=",
    "＜": "<", "＞": ">", "！": "!", "［": "[", "］": "]", "≤": "<=", "≥": ">=", "≠": "!=", "＋": "+", "－": "-",
}
_SYMBOLS = {"≤": "<=", "≥": ">=", "≠": "!="}
_UNITS = r"(?:(?i:days?|yuan|rmb)|元|块|天|日)"
_DATE_PARTS = r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
_KEYWORDS = ("and", "or", "not", "in", "true", "false")
# One pattern, tried left to right; the group that matched says which mistake it is.
_CODE_MISTAKES = re.compile(
    r"(?P<today>\btoday\s*\(\s*\))"
    rf"|(?P<date_call>\bdate\(\s*{_DATE_PARTS}\s*\))"
    rf"|(?P<bare_date>(?<![\w.]){_DATE_PARTS}(?![\w.]))"
    rf"|(?P<unit>(?<![\w.])(?P<number>\d+(?:\.\d+)?)\s*(?P<unit_word>{_UNITS})(?![a-zA-Z0-9_]))"
    r"|(?P<arrow>=>|=<|<>|===)"
    r"|(?P<assign>(?<![=!<>])=(?!=))"
    r"|(?P<and>\s*&&?\s*)"
    r"|(?P<or>\s*\|\|?\s*)"
    r"|(?P<bang>!(?!=)\s*)"
    r"|(?P<is>\bis(?:\s+not)?\b)"
    rf"|(?P<keyword>\b(?!(?:{'|'.join(_KEYWORDS)})\b)(?i:{'|'.join(_KEYWORDS)})\b)"
)
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")


def _rewrite(source: str) -> tuple[str, tuple[str, int] | None]:
    """``source`` with the evident mistakes rewritten, and the first one's description and offset."""
    first: tuple[str, int] | None = None
    for index, char in enumerate(source):
        if char in _CHARACTERS:
            first = (_character_message(char), index)
            break
    # Offsets stay the editor's for the first mistake; the replaced characters may change the length later.
    plain = "".join(_CHARACTERS.get(char, char) for char in source)
    out: list[str] = []
    position = 0
    for quoted in [*_QUOTED.finditer(plain), None]:
        end = quoted.start() if quoted is not None else len(plain)
        code, found = _rewrite_code(plain[position:end], position)
        out.append(code)
        if first is None and found is not None:
            first = found
        if quoted is not None:
            out.append(quoted.group())
            position = quoted.end()
    return "".join(out), first


def _rewrite_code(code: str, base: int) -> tuple[str, tuple[str, int] | None]:
    """One stretch of formula outside quotes, rewritten; the first mistake's message and offset (in the whole)."""
    first: list[tuple[str, int]] = []

    def replace(match: re.Match[str]) -> str:
        fixed, message = _fixed(match)
        if fixed != match.group() and not first:
            first.append((message, base + match.start() + (len(match.group()) - len(match.group().lstrip()))))
        return fixed

    return _CODE_MISTAKES.sub(replace, code), (first[0] if first else None)


def _fixed(match: re.Match[str]) -> tuple[str, str]:
    """The replacement for one mistake and what was wrong, in plain words."""
    kind = match.lastgroup
    written = match.group().strip()
    if kind == "today":
        return "today", "`today` is a value, not a function: write it without brackets"
    if kind in ("date_call", "bare_date"):
        day = _date(match)
        if day is None:
            return match.group(), ""
        if kind == "date_call":
            return f"date('{day}')", f"the date in `{written}` must be written in quotes"
        read = f"is read as a calculation ({_as_sum(written)})" if "." not in written else "is not a number"
        return f"date('{day}')", f"`{written}` {read}, not a date: a date is written date('{day}')"
    if kind == "unit":
        number = match.group("number")
        return number, f"`{written}`: numbers in formulas are written without a unit, like `{number}`"
    if kind == "arrow":
        fixed = {"=>": ">=", "=<": "<=", "<>": "!=", "===": "=="}[written]
        return fixed, f"`{written}` is written `{fixed}`"
    if kind == "assign":
        return "==", "`=` is not a comparison: to compare, write `==`"
    if kind in ("and", "or"):
        return f" {kind} ", f"write `{kind}` instead of `{written}`"
    if kind == "bang":
        return "not ", "write `not` instead of `!`"
    if kind == "is":
        fixed = "!=" if written.lower().endswith("not") else "=="
        return fixed, f"`{written}` is not part of formulas: to compare, write `{fixed}`"
    return written.lower(), f"`{written}` is written in small letters: `{written.lower()}`"


def _date(match: re.Match[str]) -> str | None:
    """The ``YYYY-MM-DD`` text of the date a match holds (months and days padded), or None if it is no date."""
    parts = [group for group in match.groups() if group is not None and group.isdigit()][:3]
    try:
        return datetime.date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()
    except (ValueError, IndexError):
        return None


def _as_sum(written: str) -> str:
    """``2026-12-01`` as the calculation it is read as: ``2026 - 12 - 1``."""
    operator = "-" if "-" in written else "/"
    return f" {operator} ".join(str(int(part)) for part in written.split(operator))


def _character_message(char: str) -> str:
    if char in _SYMBOLS:
        return f"`{char}` is written `{_SYMBOLS[char]}`"
    return f"`{char}` is not part of formulas: use the plain character `{_CHARACTERS[char]}`"
