"""Fixtures of the site tests (the helpers they use are in site_helpers.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from site_helpers import (
    REPO,
    BuiltSite,
    Element,
    compiled_tree,
    make_tiny_project,
    mkdocs,
    parse_html,
    require_node_modules,
)


@pytest.fixture
def tree() -> dict[str, Any]:
    """A fresh compiled tree with every node type, safe to modify."""
    return compiled_tree()


@pytest.fixture
def html_parser() -> Callable[[str], Element]:
    """The small HTML parser of site_helpers."""
    return parse_html


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The tiny project, built with ``mkdocs build --strict``."""
    project = make_tiny_project(tmp_path_factory.mktemp("tiny"))
    done = mkdocs("build", "--strict", "-d", "site", cwd=project)
    assert done.returncode == 0, done.stdout + done.stderr
    return BuiltSite("tiny", project / "site", project / "trees")


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The real site (mkdocs.yml of the repository, with every tree in trees/), built as ``make build`` does."""
    require_node_modules()
    site = tmp_path_factory.mktemp("repo") / "site"
    done = mkdocs("build", "--strict", "-d", str(site), cwd=REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    return BuiltSite("repo", site, REPO / "trees")


@pytest.fixture(params=["tiny", "repo"])
def built_site(request: pytest.FixtureRequest) -> BuiltSite:
    """Each built site in turn: the tiny one and the real one."""
    site: BuiltSite = request.getfixturevalue(f"{request.param}_site")
    return site
