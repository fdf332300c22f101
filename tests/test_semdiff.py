"""`wizard diff` reports exactly the outcomes that an edit changes, with a readable way to reach each."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from wizard import semdiff
from wizard.compiler import compile_file

REPO = Path(__file__).resolve().parents[1]
KITCHEN = REPO / "tests" / "fixtures" / "trees" / "kitchen-sink.yaml"
ROUTE = "rule “Is the claim large and recent?”"


def _compiled(tmp_path: Path, name: str, text: str) -> dict[str, Any]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = compile_file(path)
    assert result.tree is not None, [d.format() for d in result.diagnostics]
    return result.tree


def _diff(tmp_path: Path, *edits: tuple[str, str]) -> semdiff.TreeDiff:
    text = KITCHEN.read_text(encoding="utf-8")
    edited = text
    for old, new in edits:
        assert old in edited, old
        edited = edited.replace(old, new)
    return semdiff.diff_trees("kitchen-sink", _compiled(tmp_path, "old.yaml", text),
                              _compiled(tmp_path, "new.yaml", edited))


def _behaviour(diff: semdiff.TreeDiff) -> list[tuple[str, list[str], int | None]]:
    return [(c.message, c.answers, c.ways) for c in diff.by_kind(semdiff.BEHAVIOUR)]


def test_rewording_changes_no_outcome(tmp_path: Path) -> None:
    diff = _diff(tmp_path, ("How much did you pay?", "How much did you pay in total?"),
                 ("label: Online", "label: On the website"), ("Expect a letter.", "A letter will follow."))
    assert not diff.behaviour_changed
    assert [c.message for c in diff.by_kind(semdiff.REWORDED)] == [
        "`channel`: option online label reworded", "`amount`: question reworded",
        "`letter_outcome`: explanation reworded"]


def test_swapped_answers_list_each_affected_way(tmp_path: Path) -> None:
    diff = _diff(tmp_path, ("next: cannot_withdraw\n        because: An accepted", "next: can_withdraw\n        "
                            "because: An accepted"), ("next: can_withdraw\n        because: A complaint that",
                                           "next: cannot_withdraw\n        because: A complaint that"))
    assert diff.behaviour_changed
    assert _behaviour(diff) == [
        ("now reaches outcome `can_withdraw` (Yes) instead of `cannot_withdraw` (No)",
         ["Where did you complain? → Online", "Has the complaint been accepted? → Yes, it was accepted"], 1),
        ("now reaches outcome `cannot_withdraw` (No) instead of `can_withdraw` (Yes)",
         ["Where did you complain? → Online", "Has the complaint been accepted? → No"], 1),
    ]


def test_a_changed_condition_is_reported_at_its_rule(tmp_path: Path) -> None:
    diff = _diff(tmp_path, ("amount * 2 >= 1000", "amount * 2 >= 2000"))
    ways = ["Where did you complain? → By phone", "How much did you pay? → any answer",
            "When did the reply arrive? → any answer"]
    # Two ways reach the rule (by phone, by letter), and three ways lead on from it.
    assert _behaviour(diff) == [
        (f"{ROUTE}, branch 1: the condition changed from `amount * 2 >= 1000 and days_between(received, today) "
         "<= 15` to `amount * 2 >= 2000 and days_between(received, today) <= 15`", ways, 6)]


def test_a_changed_deadline_is_reported_at_its_outcome(tmp_path: Path) -> None:
    diff = _diff(tmp_path, ("add_working_days(received, 5)", "add_working_days(received, 10)"))
    changes = _behaviour(diff)
    assert [message for message, _, _ in changes] == [
        "outcome `large_recent`: deadline `reply_by` is now add_working_days(received, 10) "
        "(was add_working_days(received, 5))"]
    assert changes[0][1][-1] == f"{ROUTE}: amount * 2 >= 1000 and days_between(received, today) <= 15"


def test_a_new_answer_is_a_behaviour_change(tmp_path: Path) -> None:
    diff = _diff(tmp_path, ("      letter:\n        label: By letter\n        next: amount\n",
                            "      letter:\n        label: By letter\n        next: amount\n"
                            "      email:\n        label: By email\n        next: amount\n"))
    assert [m for m, _, _ in _behaviour(diff)] == ["new answer `email` (By email) leads to `amount`"]


def test_identical_trees_have_no_differences(tmp_path: Path) -> None:
    diff = _diff(tmp_path)
    assert diff.changes == []
    assert semdiff.format_text([diff]) == "no differences"


def test_the_command_exit_status_tells_whether_outcomes_change(tmp_path: Path) -> None:
    text = KITCHEN.read_text(encoding="utf-8")
    old, reworded, changed = tmp_path / "old.yaml", tmp_path / "reworded.yaml", tmp_path / "changed.yaml"
    old.write_text(text, encoding="utf-8")
    reworded.write_text(text.replace("Mediation starts soon.", "Mediation starts within days."), encoding="utf-8")
    changed.write_text(text.replace("amount * 2 >= 1000", "amount >= 1000"), encoding="utf-8")
    command = [sys.executable, "-m", "wizard", "diff"]
    same = subprocess.run([*command, str(old), str(reworded)], capture_output=True, text=True, cwd=REPO, check=False)
    assert same.returncode == 0, same.stderr
    assert "no outcome changes" in same.stdout
    differs = subprocess.run([*command, "--format", "markdown", str(old), str(changed)], capture_output=True,
                             text=True, cwd=REPO, check=False)
    assert differs.returncode == 1, differs.stderr
    assert "### `changed`: **outcomes change**" in differs.stdout


def test_git_mode_compares_with_a_revision(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    (tmp_path / "trees").mkdir()
    tree = tmp_path / "trees" / "kitchen-sink.yaml"
    tree.write_text(KITCHEN.read_text(encoding="utf-8"), encoding="utf-8")
    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    tree.write_text(tree.read_text(encoding="utf-8").replace("amount > 2000", "amount > 3000"), encoding="utf-8")
    # A translation added beside it is texts only: no diff of its own, and no failure.
    (tmp_path / "trees" / "kitchen-sink.zh.yaml").write_text(
        KITCHEN.with_name("kitchen-sink.zh.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "wizard", "diff", "--git", "HEAD"], capture_output=True, text=True,
                          cwd=tmp_path, check=False, env=None)
    assert done.returncode == 1, done.stderr
    assert "deadline `appeal_by` is now max(add_months(received, 1), received + 30) if amount > 3000" in done.stdout
    assert "kitchen-sink.zh" not in done.stdout


def test_a_large_generated_tree_is_compared_without_enumerating_paths() -> None:
    from wizard.synthetic import ladder_tree

    path_count_is_astronomical = ladder_tree(400)
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        old = Path(folder) / "ladder.yaml"
        old.write_text(path_count_is_astronomical, encoding="utf-8")
        tree = compile_file(old).tree
        assert tree is not None
        diff = semdiff.diff_trees("ladder", tree, tree)
    assert diff.changes == []
