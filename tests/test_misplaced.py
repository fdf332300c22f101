"""Keys read at the wrong level because of their indentation are named as indentation mistakes, once."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.checker import check_file

BAD = Path(__file__).parent / "corpus" / "bad"
# A correct tree (the corpus template without its mistake) to move keys around in.
TREE = (BAD / "expr-type-mismatch.yaml").read_text(encoding="utf-8").split("\n", 1)[1].replace(
    "amount == 'a'", "amount > 100")


def _errors(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "tree.yaml"
    path.write_text(text, encoding="utf-8")
    return [d.format() for d in check_file(path, "tree.yaml").diagnostics if d.is_error]


def test_the_template_is_correct(tmp_path: Path) -> None:
    assert _errors(tmp_path, TREE) == []


@pytest.mark.reliability("bad-input")
def test_a_key_of_a_list_item_written_at_the_level_of_the_list(tmp_path: Path) -> None:
    # The last example's `deadlines` at the level of `examples:` is a key of that example, not of the file.
    text = TREE.replace("    deadlines: {reply_by", "deadlines: {reply_by")
    assert _errors(tmp_path, text) == [
        "tree.yaml:53:1: error: indentation mistake: `deadlines` is not indented far enough: it is read as a key of "
        "the file, but it is a key of example 2 above it. Move it 4 spaces to the right, in line with the keys of "
        "example 2 (line 49)."]


@pytest.mark.reliability("bad-input")
def test_a_key_of_an_option_indented_into_nothing_else_stays_unknown(tmp_path: Path) -> None:
    # `verdict` fits neither the option nor any object around it: the unknown-key message, with the allowed keys.
    text = TREE.replace("      a: {label: A, next: amount}", "      a: {label: A, next: amount, verdict: x}")
    (error,) = _errors(tmp_path, text)
    assert "unknown key `verdict` in node `first`, option `a`." in error
    assert "indentation" not in error


def test_a_key_the_item_above_already_has_is_not_moved_there(tmp_path: Path) -> None:
    # The branch has its `next`: a second `next` at the route's level is not that branch's, so it stays unknown.
    text = TREE.replace("      - if: amount > 100\n        next: done\n",
                        "      - if: amount > 100\n        next: done\n    next: done\n")
    (error,) = _errors(tmp_path, text)
    assert "unknown key `next` in node `decide`." in error


@pytest.mark.reliability("bad-input")
def test_a_misplaced_required_key_is_one_error_not_two(tmp_path: Path) -> None:
    # The outcome lacks its `basis` because it was indented into the deadline: reported where it was written only.
    text = TREE.replace("        date: when + 3\n    basis: [rules]\n",
                        "        date: when + 3\n        basis: [rules]\n")
    (error,) = _errors(tmp_path, text)
    assert error.startswith("tree.yaml:44:9: error: indentation mistake: `basis` is indented too far")
