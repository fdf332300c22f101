"""The CI workflows and the pre-commit hooks are well formed and call commands that exist.

actionlint cannot be installed here (its PyPI package downloads a binary when it builds), so these tests check
the structure GitHub requires, that every action is pinned to an exact version, and that every command the
workflows and hooks run exists in this repository.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from wizard.cli import _parser

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@v\d+\.\d+\.\d+$")
EVENTS = {"pull_request", "push", "workflow_dispatch", "schedule"}
JOB_KEYS = {"name", "runs-on", "needs", "steps", "permissions", "environment", "timeout-minutes", "concurrency",
            "env", "if", "outputs", "strategy"}
STEP_KEYS = {"name", "id", "uses", "with", "run", "env", "if", "shell", "working-directory", "timeout-minutes",
             "continue-on-error"}


def _load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    # PyYAML reads the key `on` as the boolean True (YAML 1.1); GitHub reads it as the text "on".
    if True in data:
        data["on"] = data.pop(True)
    return data


def _steps() -> list[tuple[str, dict[str, Any]]]:
    return [(f"{path.name}:{job_id}", step) for path in WORKFLOWS
            for job_id, job in _load(path)["jobs"].items() for step in job["steps"]]


def test_there_is_a_pull_request_and_a_deploy_workflow() -> None:
    events = {path.stem: set(_load(path)["on"]) for path in WORKFLOWS}
    assert "pull_request" in events["pull-request"]
    assert "push" in events["deploy"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_structure(path: Path) -> None:
    data = _load(path)
    assert set(data["on"]) <= EVENTS
    assert data["jobs"], "a workflow needs jobs"
    for job_id, job in data["jobs"].items():
        assert set(job) <= JOB_KEYS, f"{job_id}: unknown keys {set(job) - JOB_KEYS}"
        assert job["runs-on"].startswith("ubuntu-"), job_id
        for need in [job["needs"]] if isinstance(job.get("needs"), str) else job.get("needs", []):
            assert need in data["jobs"], f"{job_id} needs unknown job {need}"
        for step in job["steps"]:
            assert set(step) <= STEP_KEYS, f"{job_id}: unknown step keys {set(step) - STEP_KEYS}"
            assert ("uses" in step) != ("run" in step), f"{job_id}: a step has either `uses` or `run`"


def test_every_action_is_pinned_to_an_exact_version() -> None:
    for where, step in _steps():
        if "uses" in step:
            assert PINNED.match(step["uses"]), f"{where}: {step['uses']} is not pinned to vX.Y.Z"


def test_only_the_pages_token_is_used() -> None:
    for path in WORKFLOWS:
        assert "secrets." not in path.read_text(encoding="utf-8"), path.name


def _commands() -> list[list[str]]:
    commands = [shlex.split(line) for _, step in _steps() if "run" in step
                for line in step["run"].splitlines() if line.strip() and not line.strip().startswith("#")]
    hooks = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    commands += [shlex.split(hook["entry"]) for repo in hooks["repos"] for hook in repo["hooks"]]
    return commands


def test_every_make_target_and_wizard_command_exists() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([\w-]+):", makefile, flags=re.MULTILINE))
    wizard_commands = set(_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr,arg-type]
    seen = set()
    for command in _commands():
        words = [w for w in command if not w.startswith("-")]
        if words[0] == "make":
            assert set(words[1:]) <= targets, command
            seen.add("make")
        if "wizard" in words[0] or words[:3] == [".venv/bin/python", "-m", "wizard"] or words[0].endswith("wizard"):
            sub = words[3] if words[0].endswith("python") else words[1]
            assert sub in wizard_commands, command
            seen.add("wizard")
    assert seen == {"make", "wizard"}


def test_the_pre_commit_hooks_pass_on_the_trees_and_fail_on_a_bad_one() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    check = next(h for repo in hooks["repos"] for h in repo["hooks"] if h["id"] == "wizard-check")
    assert re.search(check["files"], "trees/withdraw-complaint.yaml")
    entry = shlex.split(check["entry"])
    assert entry[0] == ".venv/bin/python"
    command = [sys.executable, *entry[1:]]
    good = subprocess.run([*command, *sorted(str(p) for p in (REPO / "trees").glob("*.yaml"))], cwd=REPO,
                          capture_output=True, text=True, check=False)
    assert good.returncode == 0, good.stdout + good.stderr
    bad = subprocess.run([*command, str(REPO / "tests" / "corpus" / "bad" / "cycle.yaml")], cwd=REPO,
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 1
