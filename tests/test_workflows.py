"""The CI workflows and the pre-commit hooks are well formed and call commands that exist.

These tests check the structure GitHub requires, that every action is pinned to an exact version, that every
command the workflows and hooks run exists in this repository, that pull requests get a published preview and a
comment even when the checks only warn, and that `make install` installs the hooks only where it should. The
current actionlint is a Go binary that no registry reachable here ships (its PyPI package downloads it at
install): the pull-request workflow runs it from the maintainers' image, and the pre-commit hook runs its
WebAssembly build from npm, which a test here runs too.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from wizard.cli import _parser

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^(?:[\w.-]+/[\w.-]+@v\d+\.\d+\.\d+|docker://[\w.-]+/[\w.-]+:\d+\.\d+\.\d+)$")
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


def _pull_request_steps(job: str) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = _load(REPO / ".github" / "workflows" / "pull-request.yml")["jobs"][job]["steps"]
    return steps


def _step(steps: list[dict[str, Any]], uses: str) -> tuple[int, dict[str, Any]]:
    return next((i, step) for i, step in enumerate(steps) if step.get("uses", "").startswith(uses + "@"))


def test_a_pull_request_gets_a_preview_and_a_comment_even_when_the_checks_only_warn() -> None:
    workflow = _load(REPO / ".github" / "workflows" / "pull-request.yml")
    assert {"opened", "synchronize", "reopened", "closed"} <= set(workflow["on"]["pull_request"]["types"])
    assert workflow["permissions"] == {"contents": "read"}  # write access only for the jobs that need it
    review = workflow["jobs"]["review"]
    assert review["permissions"] == {"contents": "write", "pull-requests": "write"}
    steps = review["steps"]
    build = next(i for i, step in enumerate(steps) if "mkdocs build -d site" in step.get("run", ""))
    assert "--strict" not in steps[build]["run"]  # a warning must not stop the preview
    assert steps[build]["env"]["SITE_URL"] == "${{ steps.where.outputs.url }}"
    where = next(step for step in steps if step.get("id") == "where")
    assert "/pr-preview/pr-${{ github.event.pull_request.number }}/" in where["run"]
    publish_at, publish = _step(steps, "rossjrw/pr-preview-action")
    assert publish["with"]["source-dir"] == "site/" and publish["with"]["action"] == "deploy"
    assert publish["with"]["qr-code"] is False  # the action's default image is from another host
    comment_at, comment = _step(steps, "marocchino/sticky-pull-request-comment")
    assert comment["with"]["path"] == "comment.md"
    writes = next(step for step in steps if "> comment.md" in step.get("run", ""))
    assert "cat diff.md" in writes["run"] and "steps.where.outputs.url" in writes["run"]
    # Pull requests from forks have a read-only token: no preview, but the built site as a download.
    for step in (publish, comment, writes):
        assert step["if"] == "env.SAME_REPO == 'true'"
    _, artifact = _step(steps, "actions/upload-artifact")
    assert artifact["if"] == "env.SAME_REPO != 'true'"
    # The strict checks come after the preview and run whatever happened before them.
    strict = [i for i, step in enumerate(steps) if "--strict" in step.get("run", "")]
    assert len(strict) == 2 and min(strict) > max(publish_at, comment_at, build)
    assert all(steps[i]["if"] == "${{ !cancelled() }}" for i in strict)


def test_a_closed_pull_request_loses_its_preview_and_the_deploy_keeps_the_previews() -> None:
    remove = _load(REPO / ".github" / "workflows" / "pull-request.yml")["jobs"]["remove-preview"]
    assert "github.event.action == 'closed'" in remove["if"] and remove["permissions"] == {"contents": "write"}
    _, step = _step(remove["steps"], "rossjrw/pr-preview-action")
    assert step["with"]["action"] == "remove" and step["with"]["umbrella-dir"] == "pr-preview"
    deploy = _load(REPO / ".github" / "workflows" / "deploy.yml")
    steps = [step for job in deploy["jobs"].values() for step in job["steps"]]
    _, publish = _step(steps, "JamesIves/github-pages-deploy-action")
    # Pages serves the gh-pages branch, which holds the previews too: never wipe or force-push them.
    assert publish["with"]["branch"] == "gh-pages" and publish["with"]["clean-exclude"] == "pr-preview/"
    assert publish["with"]["force"] is False
    assert not any(step.get("uses", "").startswith("actions/deploy-pages@") for step in steps)


def test_the_pull_request_runs_the_current_actionlint() -> None:
    steps = _pull_request_steps("workflows")
    assert any(step.get("uses", "").startswith("docker://rhysd/actionlint:") for step in steps)


def _hooks_makefile(tmp_path: Path, *, git: bool, refuse: bool = False) -> Path:
    """A copy of the Makefile with its Python stamp fresh and a stand-in pre-commit that records its call."""
    shutil.copy(REPO / "Makefile", tmp_path / "Makefile")
    for name in ("pyproject.toml", "requirements.lock"):
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / ".stamps").mkdir()
    (tmp_path / ".stamps" / "python").touch()
    tool = tmp_path / ".venv" / "bin" / "pre-commit"
    tool.parent.mkdir(parents=True)
    tool.write_text(f"#!/bin/sh\necho \"$@\" >> called.txt\nexit {1 if refuse else 0}\n", encoding="utf-8")
    tool.chmod(0o755)
    if git:
        (tmp_path / ".git").mkdir()
    return tmp_path


@pytest.mark.parametrize(("git", "variables", "installs"), [
    (True, {}, True),
    (True, {"HOOKS": "no"}, False),
    (True, {"CI": "true"}, False),
    (False, {}, False),
], ids=["checkout", "opted-out", "ci", "no-git"])
def test_make_install_installs_the_hooks_only_where_it_should(tmp_path: Path, git: bool, variables: dict[str, str],
                                                              installs: bool) -> None:
    folder = _hooks_makefile(tmp_path, git=git)
    environment = {key: value for key, value in os.environ.items() if key not in {"CI", "HOOKS", "MAKEFLAGS"}}
    done = subprocess.run(["make", "-s", "hooks"], cwd=folder, env={**environment, **variables},
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    called = folder / "called.txt"
    assert (called.read_text(encoding="utf-8").split() == ["install"]) if installs else not called.exists()
    if not installs:
        assert "pre-commit hooks not installed" in done.stdout


def test_a_refused_hook_install_does_not_stop_make_install(tmp_path: Path) -> None:
    folder = _hooks_makefile(tmp_path, git=True, refuse=True)
    environment = {key: value for key, value in os.environ.items() if key not in {"CI", "HOOKS", "MAKEFLAGS"}}
    done = subprocess.run(["make", "-s", "hooks"], cwd=folder, env=environment, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0 and "pre-commit hooks not installed" in done.stdout


def _run_actionlint_hook(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(REPO / ".venv" / "bin" / "pre-commit"), "run", "actionlint", "--all-files",
                           "--verbose"],
                          cwd=folder, capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.skipif(not (REPO / ".venv" / "bin" / "pre-commit").is_file() or shutil.which("git") is None
                    or shutil.which("node") is None, reason="needs make install (pre-commit), git and node")
def test_actionlint_passes_the_workflows_and_catches_a_mistake(tmp_path: Path) -> None:
    # A repository of its own: pre-commit runs in a git checkout, and this one's hooks stay untouched.
    shutil.copytree(REPO / ".github", tmp_path / ".github")
    shutil.copy(REPO / ".pre-commit-config.yaml", tmp_path / ".pre-commit-config.yaml")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "add", "-A"], cwd=tmp_path, check=True)
    good = _run_actionlint_hook(tmp_path)
    checked = f"Checking {len(list((tmp_path / '.github' / 'workflows').glob('*.yml')))} workflow file(s)"
    assert good.returncode == 0 and checked in good.stdout and "passed lint checks" in good.stdout, good.stdout
    broken = tmp_path / ".github" / "workflows" / "deploy.yml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("steps.where.outputs", "steps.nowhere.outputs"),
                      encoding="utf-8")
    bad = _run_actionlint_hook(tmp_path)
    assert bad.returncode == 1 and 'property "nowhere" is not defined' in bad.stdout, bad.stdout
