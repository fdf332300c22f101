"""`wizard diff` for reviewers: nodes named by their words, wording in every language, exactly the answer
combinations whose outcome changes, drafts with errors and any file names."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest

from wizard import semdiff
from wizard.review import diff_files
from wizard.synthetic import ladder_tree
from wizard.translation import translation_path

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "diff" / "withdraw.yaml"
TODAY = datetime.date(2026, 12, 2)


def _pair(tmp_path: Path, new_name: str, *edits: tuple[str, str],
          zh: tuple[str, str] | None = None) -> semdiff.TreeDiff:
    """The fixture as `old.yaml` and an edited copy named ``new_name``, each with its Chinese file beside it."""
    text, chinese = FIXTURE.read_text(encoding="utf-8"), FIXTURE.with_suffix(".zh.yaml").read_text(encoding="utf-8")
    old, new = tmp_path / "old.yaml", tmp_path / new_name
    old.write_text(text, encoding="utf-8")
    (tmp_path / "old.zh.yaml").write_text(chinese, encoding="utf-8")
    for before, after in edits:
        assert before in text, before
        text = text.replace(before, after)
    new.write_text(text, encoding="utf-8")
    if zh is not None:
        chinese = chinese.replace(*zh)
    translation_path(new, "zh").write_text(chinese, encoding="utf-8")
    return diff_files(old, new, TODAY)


def _combinations(diff: semdiff.TreeDiff) -> list[tuple[list[tuple[str, str]], str | None, str | None]]:
    return [(c.answers, c.before.node, c.now.node) for change in diff.by_kind(semdiff.BEHAVIOUR)
            if change.difference is not None for c in change.difference.combinations]


def test_a_changed_rule_lists_exactly_the_answers_whose_outcome_changes(tmp_path: Path) -> None:
    # The side-by-side walk named the first written way to the rule (by phone), whose outcome does not change,
    # and counted 4 ways through it. Only the platform complaint that was accepted changes.
    diff = _pair(tmp_path, "new.yaml", ("channel == 'platform' and accepted == 'no'", "channel == 'platform'"))
    assert _combinations(diff) == [
        ([("Where did you complain?", "On the 12315 platform"), ("Has it been accepted?", "Yes")], "cannot", "can")]
    assert diff.behaviour is not None and diff.behaviour.complete and not diff.behaviour.sampled
    report = semdiff.format_text([diff])
    assert ("If you answered “On the 12315 platform” to “Where did you complain?” and “Yes” to “Has it been "
            "accepted?”: before → outcome “You cannot withdraw it” (cannot), now → outcome “You can withdraw it” "
            "(can)") in report
    assert "1 answer combination now reaches another outcome" in report


def test_a_rewritten_rule_that_decides_the_same_changes_no_outcome(tmp_path: Path) -> None:
    diff = _pair(tmp_path, "new.yaml", ("channel == 'platform' and accepted == 'no'",
                                        "not (channel == 'phone' or accepted == 'yes')"))
    assert not diff.behaviour_changed
    assert [c.kind for c in diff.changes] == [semdiff.RULE]


def test_a_chinese_only_change_shows_old_and_new_wording(tmp_path: Path) -> None:
    diff = _pair(tmp_path, "new.yaml", zh=("在网上撤回。", "请在网上撤回。"))
    assert [c.message for c in diff.changes] == [
        "outcome “You can withdraw it” (can): explanation: Chinese wording changed: “在网上撤回。” → “请在网上撤回。”"]
    assert not diff.behaviour_changed


def test_english_changed_but_chinese_did_not_is_pointed_out(tmp_path: Path) -> None:
    diff = _pair(tmp_path, "new.yaml", ("Withdraw it online.", "Withdraw it on the platform."))
    assert [c.message for c in diff.changes] == [
        "outcome “You can withdraw it” (can): explanation: “Withdraw it online.” → “Withdraw it on the platform.”",
        "outcome “You can withdraw it” (can): explanation: English changed but the Chinese text did not: "
        "“在网上撤回。”"]


@pytest.mark.parametrize("name", ["Draft v2.yaml", "draft.v2.yaml", "UPPER_case.yml", "草稿.yaml"])
def test_any_file_names_are_compared(tmp_path: Path, name: str) -> None:
    diff = _pair(tmp_path, name, ("label: By phone", "label: By telephone"))
    assert diff.errors == [] and not diff.behaviour_changed
    assert [c.message for c in diff.changes] == [
        "question “Where did you complain?” (channel): answer “By telephone”: label: “By phone” → “By telephone”",
        "question “Where did you complain?” (channel): answer “By telephone”: label: English changed but the "
        "Chinese text did not: “打电话”"]


@pytest.mark.reliability("bad-input")
def test_a_draft_with_checker_errors_is_compared_and_its_errors_listed(tmp_path: Path) -> None:
    diff = _pair(tmp_path, "draft.yaml", ("next: can\n", "next: cann\n"))
    assert len(diff.errors) == 1 and "draft.yaml:" in diff.errors[0] and ": error: " in diff.errors[0]
    # The broken link is an error the reader would meet: reported for the answers that reach it.
    assert {(before, now) for _, before, now in _combinations(diff)} == {("can", "cann")}
    report = semdiff.format_markdown([diff])
    assert "1 checker error: compared anyway" in report and "<summary>Checker errors (1)</summary>" in report


@pytest.mark.reliability("bad-input")
def test_a_version_that_gives_no_procedure_cannot_be_compared_and_says_why(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    new.write_text("title: [unclosed\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "wizard", "diff", str(old), str(new)], capture_output=True,
                          text=True, cwd=tmp_path, check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr + done.stdout
    assert "new: cannot compare" in done.stdout and "new.yaml: cannot compare: 1 error (listed below)" in done.stdout
    assert "new.yaml:2:1: error: YAML syntax error" in done.stderr


def test_numbers_are_split_where_a_condition_turns_and_bounds_differ(tmp_path: Path) -> None:
    kitchen = REPO / "tests" / "fixtures" / "trees" / "kitchen-sink.yaml"
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(kitchen.read_text(encoding="utf-8"), encoding="utf-8")
    new.write_text(kitchen.read_text(encoding="utf-8").replace("max: 1000000", "max: 2000000")
                   .replace("amount * 2 >= 1000", "amount >= 500"), encoding="utf-8")
    diff = diff_files(old, new, TODAY)
    refused = {answers[1][1] for answers, before, _ in _combinations(diff) if before == "amount"}
    assert refused == {"1500000 yuan", "2000000 yuan"}  # over the old maximum: refused before, accepted now
    assert all(before == "amount" for _, before, _ in _combinations(diff))  # amount*2 >= 1000 is amount >= 500


def test_the_search_is_bounded_and_says_so(tmp_path: Path) -> None:
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(ladder_tree(30), encoding="utf-8")
    new.write_text(ladder_tree(30).replace("verdict: Done", "verdict: Finished").replace(
        "      yes: done\n      no: done\n", "      yes: done\n      no: q0\n", 1), encoding="utf-8")
    diff = diff_files(old, new, TODAY)
    assert diff.behaviour is not None
    # The new version loops back: a checker error, compared anyway, and the search stops at its bound.
    assert not diff.behaviour.complete
    assert "stopped at the bound of 5000 combinations" in semdiff.format_text([diff])


def test_git_mode_shows_a_chinese_only_change(tmp_path: Path) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=tmp_path,
                       check=True, capture_output=True)

    trees = tmp_path / "trees"
    trees.mkdir()
    (trees / "withdraw.yaml").write_text(FIXTURE.read_text(encoding="utf-8"), encoding="utf-8")
    chinese = trees / "withdraw.zh.yaml"
    chinese.write_text(FIXTURE.with_suffix(".zh.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "base")
    chinese.write_text(chinese.read_text(encoding="utf-8").replace("打电话", "打电话投诉"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "wizard", "diff", "--git", "HEAD", "--format", "markdown"],
                          capture_output=True, text=True, cwd=tmp_path, check=False)
    assert done.returncode == 0, done.stderr
    assert "Chinese wording changed: `打电话` → `打电话投诉`" in done.stdout
