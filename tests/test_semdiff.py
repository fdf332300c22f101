"""`wizard diff` reports exactly the outcomes that an edit changes, with a readable way to reach each."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from wizard import semdiff
from wizard.compiler import compile_file
from wizard.core.contracts import CompiledTree

REPO = Path(__file__).resolve().parents[1]
KITCHEN = REPO / "tests" / "fixtures" / "trees" / "kitchen-sink.yaml"
ROUTE = "rule “Is the claim large and recent?”"


def _compiled(tmp_path: Path, name: str, text: str) -> CompiledTree:
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


def _combinations(diff: semdiff.TreeDiff) -> list[tuple[list[tuple[str, str]], str | None, str | None]]:
    """Every answer combination that ends differently: the answers in words, the outcome before and now."""
    return [(c.answers, c.before.node, c.now.node) for change in diff.by_kind(semdiff.BEHAVIOUR)
            if change.difference is not None for c in change.difference.combinations]


# Was: "`channel`: option online label reworded", ... (ids only, no wording). Same three changes, now in words.
def test_rewording_changes_no_outcome(tmp_path: Path) -> None:
    diff = _diff(tmp_path, ("How much did you pay?", "How much did you pay in total?"),
                 ("label: Online", "label: On the website"), ("Expect a letter.", "A letter will follow."))
    assert not diff.behaviour_changed
    assert [c.message for c in diff.by_kind(semdiff.REWORDED)] == [
        "question “Where did you complain?” (channel): answer “On the website”: label: “Online” → “On the website”",
        "question “How much did you pay in total?” (amount): question: “How much did you pay?” → "
        "“How much did you pay in total?”",
        "outcome “You get a written answer” (letter_outcome): explanation: “Expect a letter.” → "
        "“A letter will follow.”"]


# Was: one example path and a count of ways per change. Now: every combination, which here is exactly one each.
def test_swapped_answers_list_each_affected_way(tmp_path: Path) -> None:
    diff = _diff(tmp_path, ("next: cannot_withdraw\n        because: An accepted", "next: can_withdraw\n        "
                            "because: An accepted"), ("next: can_withdraw\n        because: A complaint that",
                                           "next: cannot_withdraw\n        because: A complaint that"))
    assert diff.behaviour_changed
    assert _combinations(diff) == [
        ([("Where did you complain?", "Online"), ("Has the complaint been accepted?", "Yes, it was accepted")],
         "cannot_withdraw", "can_withdraw"),
        ([("Where did you complain?", "Online"), ("Has the complaint been accepted?", "No")],
         "can_withdraw", "cannot_withdraw"),
    ]
    assert diff.by_kind(semdiff.BEHAVIOUR)[0].message == (
        "before → outcome “No” (cannot_withdraw), now → outcome “Yes” (can_withdraw)")


# Was: the change reported at its rule with a way "By phone → any answer → any answer" and 6 ways. Now: only the
# amounts from 500 to below 1000, replied to within 15 days, by phone or by letter, and the rule listed apart.
def test_a_changed_condition_is_reported_at_its_rule(tmp_path: Path) -> None:
    diff = _diff(tmp_path, ("amount * 2 >= 1000", "amount * 2 >= 2000"))
    found = _combinations(diff)
    assert {(answers[0][1], answers[1][1]) for answers, _, _ in found} == {
        (channel, amount) for channel in ("By phone", "By letter") for amount in ("500 yuan", "750 yuan")}
    assert {(before, now) for _, before, now in found} == {("large_recent", "letter_outcome")}
    assert [c.message for c in diff.by_kind(semdiff.RULE)] == [
        "rule “Is the claim large and recent?” (size_route): condition 1 “amount * 2 >= 1000 and "
        "days_between(received, today) <= 15” → “amount * 2 >= 2000 and days_between(received, today) <= 15”"]


def test_a_changed_deadline_is_reported_at_its_outcome(tmp_path: Path) -> None:
    diff = _diff(tmp_path, ("add_working_days(received, 5)", "add_working_days(received, 10)"))
    changes = diff.by_kind(semdiff.BEHAVIOUR)
    assert [c.message for c in changes] == ["outcome “It goes to mediation” (large_recent): other deadlines"]
    combination = changes[0].difference.combinations[0]  # type: ignore[union-attr]
    assert combination.before.deadlines[0][:2] == combination.now.deadlines[0][:2] == ("reply_by",
                                                                                      "Reply to the mediator by")
    assert combination.before.deadlines[0][2] != combination.now.deadlines[0][2]


def test_a_new_answer_is_a_behaviour_change(tmp_path: Path) -> None:
    diff = _diff(tmp_path, ("      letter:\n        label: By letter\n        next: amount\n",
                            "      letter:\n        label: By letter\n        next: amount\n"
                            "      email:\n        label: By email\n        next: amount\n"))
    assert [c.message for c in diff.by_kind(semdiff.ADDED)] == [
        "question “Where did you complain?” (channel): new answer “By email”"]
    assert diff.behaviour_changed
    assert {before for _, before, _ in _combinations(diff)} == {"channel"}  # the old version refuses it


def test_each_line_names_its_kind_once(tmp_path: Path) -> None:
    """A removed answer, node or procedure reads "removed: …" once (it used to say "removed: removed: …")."""
    extra = ("      letter:\n        label: By letter\n        next: amount\n",
             "      letter:\n        label: By letter\n        next: amount\n"
             "      email:\n        label: By email\n        next: email_outcome\n")
    outcome = ("\nexamples:", "\n  email_outcome:\n    type: outcome\n    verdict: You get an email\n"
               "    explanation: Expect an email.\n    basis: [practice]\n\nexamples:")
    text = KITCHEN.read_text(encoding="utf-8")
    assert extra[0] in text and text.count(outcome[0]) == 1
    grown = _compiled(tmp_path, "grown.yaml", text.replace(*extra).replace(*outcome))
    diffs = [semdiff.diff_trees("kitchen-sink", grown, _compiled(tmp_path, "old.yaml", text)),
             semdiff.removed_tree("gone", grown), semdiff.added_tree("new", grown)]
    removed = diffs[0].by_kind(semdiff.REMOVED) + diffs[1].changes
    assert [c.message for c in removed] == [
        "outcome “You get an email” (email_outcome)", "question “Where did you complain?” (channel): answer "
        "“By email”", f"procedure “{grown['title']}”"]
    lines = [line.strip() for report in (semdiff.format_text(diffs), semdiff.format_markdown(diffs))
             for line in report.splitlines()]
    for kind in (semdiff.ADDED, semdiff.REMOVED):
        assert any(line.lstrip("- ").startswith(f"{kind}: ") for line in lines), kind
        assert not any(f"{kind}: {kind}" in line or f"{kind}: procedure {kind}" in line for line in lines), lines


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
    assert "answer combinations now reach another outcome" in differs.stdout


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
    # Was: the deadline's new formula only. Now the formula, and the amounts whose deadline changed.
    assert "deadline appeal_by is now “max(add_months(received, 1), received + 30) if amount > 3000”" in done.stdout
    assert "other deadlines" in done.stdout
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


DATED = """title: Dated
summary: A date question bounded by today, which a rule reads or not.
audience: consumers
reviewed: 2026-11-01
sources:
  rules:
    title: Rules
    section: Article 1
start: received
nodes:
  received:
    type: date
    question: When did you receive it?
    MIN
    max: today
    next: check
  check:
    type: route
    branches:
      - if: RULE
        next: late
    else: early
  late:
    type: outcome
    verdict: Late
    explanation: It is late.
    basis: [rules]
  early:
    type: outcome
    verdict: Early
    explanation: It is early.
    basis: [rules]
"""


@pytest.mark.reliability("fault")
@pytest.mark.parametrize("bound", ["min: today", "min: 2020-01-01", "min: 2020-01-01\n    max: 2030-01-01"])
@pytest.mark.parametrize("rule", ["received > date('2026-01-01')", "today > date('2026-01-01')", "true"])
def test_date_bounds_of_today_are_compared_whether_or_not_a_rule_reads_the_answer(
        tmp_path: Path, bound: str, rule: str) -> None:
    # Found by the playground's benchmark: a date question bounded by `today` that no formula read made the
    # comparison fail ("Invalid isoformat string: 'today'"), and with it the playground's check of every edit
    # of such a tree against a published one.
    text = DATED.replace("MIN", bound).replace("RULE", rule)
    if "max: 2030" in bound:
        text = text.replace("    max: today\n", "")
    old = _compiled(tmp_path, "old.yaml", text)
    new = _compiled(tmp_path, "new.yaml", text.replace("It is late.", "It is too late."))
    assert semdiff.diff_trees("dated", old, old).changes == []
    changed = semdiff.diff_trees("dated", old, new)
    assert changed.changes and not changed.by_kind(semdiff.BEHAVIOUR)  # a reworded outcome, nothing else
