"""`make dev` (``mkdocs serve``): a development policy that allows exactly the live-reload script, never in a
built site; a broken tree shows its problems at its address instead of failing the build (which would make every
page hang), while ``mkdocs build --strict`` still fails on it."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from site_helpers import OFFLINE, REPO, TINY_SLUG, make_tiny_project, mkdocs, parse_html

from wizard.site import livereload, policy

# Builds the project in the current folder as `mkdocs serve` does (the plugins hear command="serve").
BUILD_AS_SERVE = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config("mkdocs.yml", site_dir=sys.argv[1])
config.plugins.on_startup(command="serve", dirty=False)
build(config)
"""
HOSTILE_KEY = '"<b>bold</b> & <script>x()</script>": 1\n'


def _project(folder: Path) -> Path:
    project = make_tiny_project(folder)
    config = project / "mkdocs.yml"
    # The site's overrides write the policy into every page.
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  name: material\n", f"  name: material\n  custom_dir: {REPO / 'overrides'}\n"), encoding="utf-8")
    return project


def _build_as_serve(project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", BUILD_AS_SERVE, str(out)], cwd=project, capture_output=True,
                          text=True, timeout=300, check=False,
                          env={**os.environ, **OFFLINE, "NO_MKDOCS_2_WARNING": "1"})


def _policy_of(page: Path) -> str:
    found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page.read_text(encoding="utf-8"))
    assert found, f"{page} has no policy"
    return found.group(1)


def test_the_reload_script_is_named_by_its_own_digest_and_keeps_its_text() -> None:
    digest = base64.b64encode(hashlib.sha256(livereload.RELOAD_JS.encode()).digest()).decode()
    assert f"'sha256-{digest}'" == livereload.SCRIPT_HASH
    page = livereload.inject(b"<html><body><p>x</p></body></html>", 17, 42).decode()
    script = re.search(r'<script data-epoch="17" data-request="42">(.*)</script></body></html>$', page, re.DOTALL)
    assert script and script.group(1) == livereload.RELOAD_JS  # the exact text the digest names
    assert livereload.inject(b"<p>no body</p>", 1, 2).startswith(b"<p>no body</p><script ")
    # Only script-src gains the digest; nothing else is loosened.
    dev, built = policy.meta_policy(script_hashes=(livereload.SCRIPT_HASH,)), policy.meta_policy()
    assert dev.replace(" " + livereload.SCRIPT_HASH, "") == built and "unsafe-inline'; " not in dev.split("style")[0]


def test_only_a_served_site_allows_the_reload_script(tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    built = mkdocs("build", "--strict", "-d", str(tmp_path / "built"), cwd=project)
    assert built.returncode == 0, built.stderr
    served = _build_as_serve(project, tmp_path / "served")
    assert served.returncode == 0, served.stderr
    for page in ("index.html", f"procedures/{TINY_SLUG}/index.html"):
        assert _policy_of(tmp_path / "built" / page) == policy.meta_policy()
        assert "sha256-" not in _policy_of(tmp_path / "built" / page)
        assert _policy_of(tmp_path / "served" / page) == policy.meta_policy(script_hashes=(livereload.SCRIPT_HASH,))
    assert not list((tmp_path / "built").rglob("*problems*"))
    # The pre-rendered views are for readers' first visits: a served site (emptied before each rebuild, under
    # the open page) neither links nor writes them, so no page fetches a table a rebuild took away.
    built_dir, served_dir = (tmp_path / name / "procedures" / TINY_SLUG for name in ("built", "served"))
    built_page, served_page = ((d / "index.html").read_text(encoding="utf-8") for d in (built_dir, served_dir))
    assert "data-wizard-views" in built_page and (built_dir / "views.json").is_file()
    assert "data-wizard-views" not in served_page and not list((tmp_path / "served").rglob("views.json"))
    assert "data-wizard-tree" in served_page  # the engine still starts early


@pytest.mark.reliability("bad-input")
def test_a_broken_tree_shows_its_problems_while_serving_and_fails_a_strict_build(tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    tree = project / "trees" / f"{TINY_SLUG}.yaml"
    text = tree.read_text(encoding="utf-8")
    line = text.count("\n") + 1
    tree.write_text(text + HOSTILE_KEY, encoding="utf-8")

    served = _build_as_serve(project, tmp_path / "served")
    assert served.returncode == 0, served.stderr  # the preview keeps working
    assert f"trees/{TINY_SLUG}.yaml:{line}:1: error: unknown key" in served.stderr  # and the terminal says why
    page = (tmp_path / "served" / "procedures" / TINY_SLUG / "index.html").read_text(encoding="utf-8")
    problems = [e for e in parse_html(page).iter("div") if "data-tree-problems" in e.attrs]
    assert len(problems) == 1
    items = problems[0].find_all("li")
    assert [(i.attrs["data-line"], i.attrs["data-column"]) for i in items] == [(str(line), "1")]
    shown = items[0].text()
    assert f"trees/{TINY_SLUG}.yaml:{line}:1" in shown and "unknown key" in shown and "Allowed keys:" in shown
    # The tree's text is shown as text: no element of it reaches the page.
    assert "<b>bold</b> & <script>x()</script>" in shown
    assert not problems[0].find_all("b") and not problems[0].find_all("script")
    assert (tmp_path / "served" / "index.html").is_file()  # every other page is still there

    strict = mkdocs("build", "--strict", "-d", str(tmp_path / "built"), cwd=project)
    assert strict.returncode != 0
    assert f"trees/{TINY_SLUG}.yaml:{line}:1: error: unknown key" in strict.stdout + strict.stderr
