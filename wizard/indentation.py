"""Indentation mistakes named as such, from the lines of a file that YAML could not read.

YAML reports a key indented too far as "mapping values are not allowed here", and one that lines up with no
other key as "did not find expected key": true, but an editor cannot act on them. Here the lines above the
problem are read the way YAML reads them (each line's indentation opens or closes a level), to say which key
or list item is out of line, with which line it probably belongs, and how far to move it. Only two shapes are
explained; anything else keeps YAML's own account, so a guess is never passed off as the fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wizard import schema

# `key: value`, `key:`, `- key: value`, `- value` (only plain keys: a key with spaces is more likely text).
_LINE = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?:(?P<key>[A-Za-z_][\w-]*) *:(?= |$)(?P<value>.*))?")
# How every indentation message starts, whether YAML could not read the file or read a key at the wrong level.
PREFIX = "indentation mistake: "
_MAPPING_VALUE = "mapping values are not allowed"
# The keys a tree file knows: `word: more text` indented under a text may be the text going on, unless the word
# is one of these (or opens a block of its own).
_KNOWN_KEYS = frozenset(f.name for spec in schema.OBJECTS.values() for f in spec.fields)
_OUT_OF_LINE = ("did not find expected key", "did not find expected '-' indicator", "expected <block end>")


@dataclass(frozen=True)
class Explanation:
    """An indentation mistake: where (line and column, from 1), what, and how to fix it."""

    line: int
    column: int
    message: str
    hint: str


@dataclass(frozen=True)
class _Line:
    number: int  # from 1
    indent: int  # where the line's first character is (a `-` for a list item)
    dash: bool  # a list item
    key: str | None
    key_column: int  # where its key starts (after the `-` of a list item)
    value: str  # what follows the key's colon, without a comment


def explain(text: str, line: int, column: int, problem: str) -> Explanation | None:
    """The indentation mistake behind YAML's ``problem`` at ``line``:``column`` (from 1), if it is one."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    current = _read(lines, line)
    if current is None:
        return None
    if _MAPPING_VALUE in problem:
        return _under_a_value(lines, current, column)
    if any(fragment in problem for fragment in _OUT_OF_LINE):
        return _out_of_line(lines, current)
    return None


def _read(lines: list[str], number: int) -> _Line | None:
    """One line as YAML's block structure sees it (None for blank lines and comments)."""
    text = lines[number - 1]
    stripped = text.strip()
    if not stripped or stripped.startswith("#"):
        return None
    match = _LINE.match(text)
    if match is None:  # pragma: no cover - the pattern matches any line
        return None
    indent = len(match.group("indent"))
    dash = match.group("dash") or ""
    value = (match.group("value") or "").split(" #", 1)[0].strip()
    return _Line(number, indent, bool(dash), match.group("key"), indent + len(dash), value)


def _previous(lines: list[str], number: int) -> _Line | None:
    for earlier in range(number - 1, 0, -1):
        found = _read(lines, earlier)
        if found is not None:
            return found
    return None


def _under_a_value(lines: list[str], current: _Line, column: int) -> Explanation | None:
    """``key:`` on a line indented further than the key above, whose value is already written on its line."""
    above = _previous(lines, current.number)
    if (current.key is None or current.dash or column != current.key_column + len(current.key) + 1
            or above is None or above.key is None or not above.value or current.indent <= above.key_column):
        return None
    before = _previous(lines, above.number)
    if (before is not None and before.key is not None and not above.dash and current.indent == before.key_column
            and above.key_column < before.key_column):
        # The lines around `above` line up with each other: it is the one out of line, not this one.
        return Explanation(
            above.number, above.indent + 1, f"`{above.key}` is not indented far enough: it is to the left of "
            f"`{before.key}` on line {before.number} and `{current.key}` on line {current.number}.",
            f"Move it {spaces(before.key_column - above.key_column)} to the right, in line with them.")
    if current.key not in _KNOWN_KEYS and current.value:
        return None  # as likely more of the text above, with a colon in it: YAML's own account says both
    shift = current.indent - above.key_column
    owner = None if above.dash else _owner(lines, above)
    belongs = f", so that it is a key of `{owner.key}` (line {owner.number})" if owner and owner.key else \
        f", in the same list item (line {above.number})" if above.dash else ""
    return Explanation(
        current.number, current.indent + 1,
        f"`{current.key}` is indented too far: YAML reads it as more of the value of `{above.key}` on line "
        f"{above.number}.",
        f"Move it {spaces(shift)} to the left, in line with `{above.key}`{belongs}.")


def _owner(lines: list[str], line: _Line) -> _Line | None:
    """The key whose value holds ``line``: the nearest line above with less indentation."""
    for earlier in range(line.number - 1, 0, -1):
        found = _read(lines, earlier)
        if found is not None and found.key_column < line.key_column:
            return found
    return None


def _out_of_line(lines: list[str], current: _Line) -> Explanation | None:
    """A key or list item lined up with nothing above it: name the nearest level it may belong to."""
    levels = _open_levels(lines, current.number)
    candidates = [(column, line) for column, line, dash in levels if dash == current.dash
                  and column != current.indent]
    if not candidates:
        return None
    nearest = min(abs(column - current.indent) for column, _ in candidates)
    closest = [(column, line) for column, line in candidates if abs(column - current.indent) == nearest]
    where = current.number, current.indent + 1
    if current.dash:
        column, line = closest[0]  # the `-` levels above are nested lists: the nearest one is the likely list
        return Explanation(
            *where, f"this list item is not lined up with the other items of its list: its `-` is "
            f"{spaces(abs(column - current.indent))} to the {_side(column, current.indent)} of the `-` on line "
            f"{line.number}.", f"Line the `-` up with the one on line {line.number} ({spaces(column)} from the "
            "left of the line).")
    name = f"`{current.key}`" if current.key else "this line"
    if len(closest) > 1:
        shown = " nor ".join(f"`{line.key}` on line {line.number} ({spaces(column)})" for column, line in closest)
        return Explanation(*where, f"{name} is not lined up with the keys above it: neither with {shown}.",
                           "Indent it exactly like the keys it belongs with.")
    column, line = closest[0]
    return Explanation(
        *where, f"{name} is not lined up with the keys above it: it is {spaces(abs(column - current.indent))} to "
        f"the {_side(column, current.indent)} of `{line.key}` on line {line.number}.",
        f"If it belongs with `{line.key}`, line it up with it ({spaces(column)} from the left of the line).")


def _open_levels(lines: list[str], number: int) -> list[tuple[int, _Line, bool]]:
    """The indentation levels still open at line ``number``: (column, the line that opened it, a `-` level)."""
    levels: list[tuple[int, _Line, bool]] = []
    limit = None
    for earlier in range(number - 1, 0, -1):
        found = _read(lines, earlier)
        if found is None or (found.key is None and not found.dash) or (limit is not None and found.indent >= limit):
            continue  # blank, a comment, more lines of a text, or inside a level already closed
        if found.dash and found.key is not None and (limit is None or found.key_column < limit):
            levels.append((found.key_column, found, False))
        levels.append((found.indent, found, found.dash))
        limit = found.indent
        if limit == 0:
            break
    return levels


def _side(target: int, actual: int) -> str:
    return "left" if actual < target else "right"


def spaces(count: int) -> str:
    """``1 space``, ``2 spaces``."""
    return f"{count} space" + ("" if count == 1 else "s")
