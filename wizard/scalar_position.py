"""Where a character of a YAML text value stands in its file, so that a problem inside a text is reported at
its own ``line:col`` rather than at the start of the value.

PyYAML's C reader gives each value only its start and end; the file's lines are read again here, and only
when a message needs them (a tree with no problem in its texts never pays for it). Where the way back is
ambiguous (escapes in quoted text, plain text over several lines), the start of the value is given.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from pathlib import Path

import yaml

# The line breaks YAML knows: the file's lines must be counted as the YAML reader counted them.
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\x85|\u2028|\u2029")


class SourceLines:
    """The lines of a file, read the first time they are asked for."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @functools.cached_property
    def lines(self) -> list[str]:
        """The file's lines (empty if it cannot be read again); a byte-order mark is dropped as the reader does."""
        try:
            data = self.path.read_bytes()
        except OSError:
            return []
        return _LINE_BREAK.split(data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace"))

    def position(self, node: yaml.ScalarNode, offset: int) -> tuple[int, int]:
        """1-based line and column of character ``offset`` of the value of ``node``."""
        start = (node.start_mark.line + 1, node.start_mark.column + 1)
        lines = self.lines
        if node.style in ("|", ">"):
            return _in_block(lines, node, offset) or start
        if node.end_mark.line != node.start_mark.line or node.start_mark.line >= len(lines):
            return start
        shift = 0 if node.style is None else 1  # a quoted value starts after its quote
        text_start = node.start_mark.column + shift
        # Exact only when the file holds the value's text as it is up to the offset (no escapes before it).
        if lines[node.start_mark.line][text_start:].startswith(str(node.value)[:offset]):
            return node.start_mark.line + 1, text_start + offset + 1
        return start


def _in_block(lines: list[str], node: yaml.ScalarNode, offset: int) -> tuple[int, int] | None:
    """The position in a literal (``|``) or folded (``>``) block; None if the lines cannot be matched."""
    value = str(node.value)
    wanted = value.count("\n", 0, offset)
    column = offset - (value.rfind("\n", 0, offset) + 1)
    body = range(node.start_mark.line + 1, min(node.end_mark.line + 1, len(lines)))
    indents = [len(lines[i]) - len(lines[i].lstrip(" ")) for i in body if lines[i].strip()]
    if not indents:
        return None
    indent = indents[0]
    value_lines = value.split("\n")
    source = iter(body)
    for number, text in enumerate(value_lines[: wanted + 1]):
        if not text:
            continue
        for index in source:
            piece = lines[index][indent:]
            if piece and text.startswith(piece):
                break
        else:
            return None
        if number == wanted:
            return _along_folds(lines, index, indent, column, source)
    return None


def _along_folds(lines: list[str], index: int, indent: int, column: int,
                 rest: Iterator[int]) -> tuple[int, int]:
    """Follow a folded value line over the file lines it was joined from (one space per fold)."""
    while column > len(lines[index][indent:]):
        column -= len(lines[index][indent:]) + 1
        nxt = next(rest, None)
        if nxt is None or not lines[nxt].strip():
            break
        index = nxt
    return index + 1, indent + column + 1
