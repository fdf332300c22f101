"""The `wizard` command line, run as a user would run it."""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from wizard.compiler import compile_file
from wizard.terminal import interactive

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = Path(__file__).parent / "corpus" / "bad"
KITCHEN = FIXTURES / "trees" / "kitchen-sink.yaml"


def wizard(*args: str, cwd: Path = REPO, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "wizard", *args], capture_output=True, text=True, cwd=cwd,
                          input=stdin, timeout=120, check=False)


def test_check_clean_tree_exits_zero() -> None:
    done = wizard("check", str(KITCHEN))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""
    assert "checked 1 file(s): 0 error(s), 0 warning(s)" in done.stderr


@pytest.mark.reliability("bad-input")
def test_an_example_that_depends_on_the_day_fails_only_under_strict(tmp_path: Path) -> None:
    # It passes `wizard test` today and may fail next week: the published site is checked with --strict.
    tree = tmp_path / "tree.yaml"
    text = KITCHEN.read_text()
    assert text.count("    today: 2026-11-22\n    answers:\n      channel: phone\n      amount: 600\n") == 1
    tree.write_text(text.replace("    today: 2026-11-22\n    answers:\n      channel: phone\n      amount: 600\n",
                                 "    answers:\n      channel: phone\n      amount: 600\n"))
    assert wizard("check", str(tree)).returncode == 0
    done = wizard("check", "--strict", str(tree))
    assert done.returncode == 1
    assert ('error: example "large and recent, friday reply" has no `today:`, but what it reaches changes with the '
            "day it runs: ") in done.stdout


def test_check_warnings_only_exit_zero_unless_strict(tmp_path: Path) -> None:
    tree = tmp_path / "old.yaml"
    tree.write_text(KITCHEN.read_text().replace("reviewed: 2026-11-01", "reviewed: 2020-01-01"))
    done = wizard("check", "--today", "2026-11-22", str(tree))
    assert done.returncode == 0
    assert ": warning: the content was last reviewed 2517 days ago (2020-01-01)." in done.stdout
    strict = wizard("check", "--strict", "--today", "2026-11-22", str(tree))
    assert strict.returncode == 1
    assert ": error: the content was last reviewed" in strict.stdout


def test_check_github_format() -> None:
    done = wizard("check", "--format", "github", str(CORPUS / "undefined-node.yaml"))
    assert done.returncode == 1
    assert "::error file=tests/corpus/bad/undefined-node.yaml,line=16,col=27::node `first` leads to `dnoe`" in \
        done.stdout.splitlines()[1]
    assert done.stdout.splitlines()[0].startswith("::warning file=")


def test_check_missing_path_is_a_usage_error() -> None:
    done = wizard("check", "no/such/place")
    assert done.returncode == 2
    assert "no such file or folder" in done.stderr


def test_test_command_reports_each_failure(tmp_path: Path) -> None:
    trees = tmp_path / "trees"
    trees.mkdir()
    shutil.copy(KITCHEN, trees / "sink.yaml")
    assert wizard("test", str(trees)).returncode == 0
    broken = (trees / "sink.yaml").read_text().replace("reply_by: 2026-11-27", "reply_by: 2026-11-28")
    (trees / "sink.yaml").write_text(broken)
    done = wizard("test", str(trees))
    assert done.returncode == 1
    line = next(n for n, text in enumerate(broken.splitlines(), 1) if "large and recent, friday reply" in text)
    assert (f"sink.yaml:{line}: example \"large and recent, friday reply\": expected deadline `reply_by` on "
            "2026-11-28, got 2026-11-27") in done.stdout
    assert done.stdout.splitlines()[-1] == "7 passed, 1 failed"


def test_run_json_describes_the_step() -> None:
    done = wizard("run", str(KITCHEN), "--answer", "channel=phone", "--answer", "amount=600",
                  "--answer", "received=2026-11-20", "--today", "2026-11-22", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["state"] == "outcome"
    assert result["node"] == "large_recent"
    assert result["outcome"]["deadlines"][0]["date"] == "2026-11-27"


def test_run_json_question_state() -> None:
    result = json.loads(wizard("run", str(KITCHEN), "--json").stdout)
    assert (result["state"], result["node"]) == ("question", "channel")


def test_run_without_terminal_prints_the_step() -> None:
    done = wizard("run", str(KITCHEN), "--answer", "channel=online")
    assert done.returncode == 0
    assert done.stdout.splitlines()[0] == "Question 2: Has the complaint been accepted?"


def test_run_rejects_malformed_answer() -> None:
    done = wizard("run", str(KITCHEN), "--answer", "channel")
    assert done.returncode == 2
    assert "write it as NODE=VALUE" in done.stderr


def test_run_broken_tree_prints_positions() -> None:
    done = wizard("run", str(CORPUS / "cycle.yaml"), "--json")
    assert done.returncode == 1
    assert "cycle.yaml:19:12: error: these nodes form a loop" in done.stderr


def test_interactive_walk_in_a_terminal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    replies = iter(["2", "abc", "b", "1", "b", "2", "600", "2026-11-20"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(replies))
    tree = compile_file(KITCHEN).tree
    assert tree is not None
    assert interactive(tree, {}, datetime.date(2026, 11, 22)) == 0
    screen = capsys.readouterr().out
    assert "! Enter a number using digits, like 12 (yuan)." in screen
    assert "Question 2: Has the complaint been accepted?" in screen  # after going back and picking online
    assert screen.rstrip().endswith("- Is the claim large and recent? → Claims of 500 yuan or more answered "
                                    "within 15 days go to mediation.")


def test_paths_and_compile() -> None:
    done = wizard("paths", str(KITCHEN))
    assert done.returncode == 0
    assert done.stdout.splitlines()[:2] == ["routes a reader can take: 8", "routes if every rule could go every way: 8"]
    compiled = json.loads(wizard("compile", str(KITCHEN)).stdout)
    assert compiled["format"] == 1
    assert compiled["nodes"]["accepted"]["options"][0] == {"key": "yes", "label": "Yes, it was accepted",
                                                         "next": "cannot_withdraw",
                                                         "because": "An accepted complaint cannot be withdrawn.",
                                                         "basis": ["rule_book"]}


def test_no_command_prints_help() -> None:
    done = wizard()
    assert done.returncode == 2
    assert "check" in done.stdout


def test_run_walks_the_chinese_texts_of_a_tree() -> None:
    tree = REPO / "trees" / "withdraw-complaint.yaml"
    answers = ["--answer", "channel=platform_12315", "--answer", "accepted=yes", "--answer", "resolved=no"]
    english = json.loads(wizard("run", str(tree), *answers, "--json").stdout)
    chinese = json.loads(wizard("run", str(tree), *answers, "--json", "--language", "zh").stdout)
    assert chinese["language"] == "zh" and english.get("language", "en") == "en"
    assert chinese["node"] == english["node"] and chinese["answers"] == english["answers"], "the same walk"
    assert chinese["outcome"]["verdict"] != english["outcome"]["verdict"]
    assert [t["because"] for t in chinese["trace"]] == ["向市场监管部门提出的投诉，只有在受理之前才能撤回。",
                                                        "投诉一经受理，就不能再撤回。", "投诉在处理完毕之前不会结束。"]
    missing = wizard("run", str(tree), "--language", "fr")
    assert missing.returncode == 2 and "withdraw-complaint.fr.yaml" in missing.stderr
