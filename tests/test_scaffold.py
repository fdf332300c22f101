"""`wizard new` writes a tree that is valid as it stands and never overwrites one."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest

from wizard.compiler import compile_file
from wizard.examples import run_examples
from wizard.scaffold import ScaffoldError, new_tree

REPO = Path(__file__).resolve().parents[1]


def test_the_new_tree_passes_the_strict_check_and_its_examples(tmp_path: Path) -> None:
    path = new_tree("can-i-get-a-refund", tmp_path / "trees", "sellers", datetime.date(2026, 11, 22))
    result = compile_file(path, today=datetime.date(2026, 11, 22))
    assert result.diagnostics == []
    assert result.tree is not None and result.tree["audience"] == "sellers"
    examples = run_examples(result)
    assert examples and all(e.passed for e in examples)


def test_the_command_line_writes_it_and_refuses_to_overwrite(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "wizard", "new", "my-procedure", "--dir", str(tmp_path)]
    first = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
    assert first.returncode == 0, first.stderr
    strict = subprocess.run([sys.executable, "-m", "wizard", "check", "--strict", str(tmp_path)],
                            capture_output=True, text=True, cwd=REPO, check=False)
    assert strict.returncode == 0, strict.stdout + strict.stderr
    second = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
    assert second.returncode == 2
    assert "already exists" in second.stderr


@pytest.mark.parametrize(("slug", "suggestion"), [("My Procedure", "my-procedure"), ("refund_rules", "refund-rules")])
def test_a_bad_slug_gets_a_suggestion(tmp_path: Path, slug: str, suggestion: str) -> None:
    with pytest.raises(ScaffoldError, match=f"like `{suggestion}`"):
        new_tree(slug, tmp_path)


def test_a_new_tree_comes_with_its_translation_and_runs_its_examples_at_once(tmp_path: Path) -> None:
    # A project that requires Chinese: `wizard new` writes the skeleton, so the tree is usable before it is done.
    (tmp_path / "content.toml").write_text('[languages]\nrequired = ["zh"]\n', encoding="utf-8")
    trees = tmp_path / "trees"
    made = subprocess.run([sys.executable, "-m", "wizard", "new", "can-i-return-it", "--dir", str(trees)],
                          capture_output=True, text=True, cwd=REPO, check=False)
    assert made.returncode == 0, made.stderr
    assert (trees / "can-i-return-it.zh.yaml").is_file() and "can-i-return-it.zh.yaml" in made.stdout
    checked = subprocess.run([sys.executable, "-m", "wizard", "check", str(trees)], capture_output=True, text=True,
                             cwd=REPO, check=False)
    assert checked.returncode == 0, checked.stdout
    lines = checked.stdout.splitlines()
    assert len(lines) == 1 and "warning: 14 of 14 texts are not translated into 简体中文 yet" in lines[0], lines
    strict = subprocess.run([sys.executable, "-m", "wizard", "check", "--strict", str(trees)], capture_output=True,
                            text=True, cwd=REPO, check=False)
    assert strict.returncode == 1 and strict.stdout.count("error:") == 1
    examples = subprocess.run([sys.executable, "-m", "wizard", "test", str(trees)], capture_output=True, text=True,
                              cwd=REPO, check=False)
    assert examples.returncode == 0 and "2 passed, 0 failed" in examples.stdout
