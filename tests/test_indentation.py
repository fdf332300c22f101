"""Indentation mistakes that YAML cannot read are named as such, with the line they probably belong with."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wizard.yamlread import read_tree_bytes


def _said(text: str) -> list[str]:
    return [d.format() for d in read_tree_bytes(text.encode(), "f.yaml").diagnostics]


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize(("text", "expected"), [
    ("a:\n  type: number\n    question: How much?\n  next: x\n",
     "f.yaml:3:5: error: indentation mistake: `question` is indented too far: YAML reads it as more of the value of "
     "`type` on line 2. Move it 2 spaces to the left, in line with `type`, so that it is a key of `a` (line 1)."),
    ("b:\n  - if: x\n     next: y\n",
     "f.yaml:3:6: error: indentation mistake: `next` is indented too far: YAML reads it as more of the value of "
     "`if` on line 2. Move it 1 space to the left, in line with `if`, in the same list item (line 2)."),
    ("b:\n  - if: x\n    next: y\n   - if: z\n     next: w\n",
     "f.yaml:4:4: error: indentation mistake: this list item is not lined up with the other items of its list: its "
     "`-` is 1 space to the right of the `-` on line 2. Line the `-` up with the one on line 2 (2 spaces from the "
     "left of the line)."),
    ("b:\n  branches:\n    - if: x\n      next: y\n  - if: z\n    next: w\n",
     "f.yaml:5:3: error: indentation mistake: this list item is not lined up with the other items of its list: its "
     "`-` is 2 spaces to the left of the `-` on line 3. Line the `-` up with the one on line 3 (4 spaces from the "
     "left of the line)."),
    ("b:\n  - if: x\n   next: y\n",
     "f.yaml:3:4: error: indentation mistake: `next` is not lined up with the keys above it: it is 1 space to the "
     "left of `if` on line 2. If it belongs with `if`, line it up with it (4 spaces from the left of the line)."),
    # The key out of line is the one above the line YAML stopped at: it is named, not the next one.
    ("n:\n  a:\n    type: number\n    question: How much?\n  unit: yuan\n    next: when\n",
     "f.yaml:5:3: error: indentation mistake: `unit` is not indented far enough: it is to the left of `question` on "
     "line 4 and `next` on line 6. Move it 2 spaces to the right, in line with them."),
    # Two levels as near: both are named, and neither is claimed to be the fix.
    ("n:\n  a:\n    type: x\n   q: 2\n",
     "f.yaml:4:4: error: indentation mistake: `q` is not lined up with the keys above it: neither with `type` on "
     "line 3 (4 spaces) nor `a` on line 2 (2 spaces). Indent it exactly like the keys it belongs with."),
])
def test_an_indentation_mistake_is_named_with_where_it_belongs(text: str, expected: str) -> None:
    assert _said(text) == [expected]


@pytest.mark.parametrize("text", [
    "n:\n  a:\n    question: Note: this\n",                 # a colon in a text on the key's own line
    "n:\n  a:\n    help: some text\n      continues: here\n",  # may be the text going on, with a colon in it
])
def test_a_colon_in_a_text_keeps_the_quoting_advice(text: str) -> None:
    (said,) = _said(text)
    assert "indentation mistake" not in said
    assert "put the whole text in quotes" in said


def test_comments_and_blank_lines_are_not_taken_for_keys() -> None:
    text = "a:\n  type: number\n\n  # a note\n    question: How much?\n"
    (said,) = _said(text)
    assert said.startswith("f.yaml:5:5: error: indentation mistake: `question` is ")
    assert "2 spaces to the left" in said or "2 spaces to the right of `type` on line 2" in said


_KEYS = st.sampled_from(["type", "question", "next", "label", "a", "b", "help", "if"])
_VALUES = st.sampled_from(["", " x", " Note: this", " [a, b]", " {label: A}", " # note"])


@pytest.mark.reliability("property")
@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 8), st.booleans(), _KEYS, _VALUES), min_size=1, max_size=10))
def test_any_indentation_gives_at_most_one_positioned_message(lines: list[tuple[int, bool, str, str]]) -> None:
    # Keys and list items at any indentation: the file is read, or refused with one message inside the file;
    # an indentation message names a line that exists, at the first character of that line.
    text = "".join(f"{' ' * indent}{'- ' if dash else ''}{key}:{value}\n" for indent, dash, key, value in lines)
    said = read_tree_bytes(text.encode(), "f.yaml").diagnostics
    assert len(said) <= 1
    for problem in said:
        assert 1 <= problem.line <= len(lines)
        if problem.message.startswith("indentation mistake:"):
            indent = lines[problem.line - 1][0]
            assert problem.column == indent + 1
