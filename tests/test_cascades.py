"""One mistake, one error: what depends on a field or node left out for its own error waits quietly.

The mistakes are made in copies of the real trees (with their translations), so that the rule is tested on
content the project did not write for the test.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from wizard.checker import check_file
from wizard.compiler import compile_file, tree_files

REPO = Path(__file__).resolve().parents[1]
TREES = tree_files(REPO / "trees")
KITCHEN = REPO / "tests" / "fixtures" / "trees" / "kitchen-sink.yaml"


def _first_line(text: str, pattern: str) -> int:
    return next(n for n, line in enumerate(text.splitlines()) if re.match(pattern, line))


def _too_long_label(text: str) -> tuple[str, str]:
    lines = text.splitlines()
    n = _first_line(text, r"^ {8}label: ")
    lines[n] = lines[n][: lines[n].index(":") + 2] + "x" * 400
    return "\n".join(lines) + "\n", "is 400 characters long; at most 300 are allowed."


def _question_removed(text: str) -> tuple[str, str]:
    lines = text.splitlines()
    n = _first_line(text, r"^ {4}question: ")
    del lines[n]
    return "\n".join(lines) + "\n", "is missing the required key `question`."


def _because_too_long(text: str) -> tuple[str, str]:
    lines = text.splitlines()
    n = _first_line(text, r"^ +because: ")
    lines[n] = lines[n][: lines[n].index(":") + 2] + "x" * 20_001
    return "\n".join(lines) + "\n", "is 20001 characters long; at most 20000 are allowed."


def _title_removed(text: str) -> tuple[str, str]:
    lines = text.splitlines()
    del lines[_first_line(text, r"^title: ")]
    return "\n".join(lines) + "\n", "the file is missing the required key `title`."


@pytest.mark.reliability("bad-input")
@pytest.mark.parametrize("mistake", [_too_long_label, _question_removed, _because_too_long, _title_removed],
                         ids=["label-too-long", "question-removed", "because-too-long", "title-removed"])
@pytest.mark.parametrize("tree", TREES, ids=lambda p: p.stem)
def test_one_mistake_in_a_real_tree_is_one_problem(tmp_path: Path, tree: Path, mistake: object) -> None:
    # Before: an over-long label also made the nodes behind its option unreachable, a condition naming the
    # option "wrong", and the option's Chinese label "not in the tree"; a node dropped for a missing question
    # was reported again as a missing link from every node leading to it; a missing title made the Chinese
    # title "structure".
    shutil.copy(tree.with_name(f"{tree.stem}.zh.yaml"), tmp_path / f"{tree.stem}.zh.yaml")
    path = tmp_path / tree.name
    text, expected = mistake(tree.read_text(encoding="utf-8"))  # type: ignore[operator]
    path.write_text(text, encoding="utf-8")
    problems = [d.format() for d in compile_file(path, display=tree.name).diagnostics]
    assert len(problems) == 1, problems  # warnings too: under --strict each would be one more error
    assert f"{tree.name}:" in problems[0] and ": error: " in problems[0] and expected in problems[0]


@pytest.mark.reliability("bad-input")
def test_a_message_after_a_dropped_list_item_points_at_its_own_item(tmp_path: Path) -> None:
    text = KITCHEN.read_text(encoding="utf-8")
    text = text.replace("  - name: online, not accepted\n", "  - nme: online, not accepted\n")
    text = text.replace('answers: {channel: online, accepted: "yes"}', 'answers: {channel: online, acepted: "yes"}')
    path = tmp_path / "tree.yaml"
    path.write_text(text, encoding="utf-8")
    errors = [d for d in check_file(path, "tree.yaml").diagnostics if d.is_error]
    typo = _first_line(text, r"^ +answers: \{channel: online, acepted") + 1
    broken = _first_line(text, r"^  - nme:") + 1
    assert [(d.line, d.message) for d in errors] == [
        (broken, "unknown key `nme` in example 1."),
        (broken, "example 1 is missing the required key `name`."),
        (typo, 'example "online, accepted" answers `acepted`, which is not a question of this tree.'),
    ]
