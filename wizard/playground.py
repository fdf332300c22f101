"""The playground's Python side: check, compile and compare an edited tree and its translation, from text.

The site's playground page (``/playground/``) runs this module on Pyodide in a Web Worker, so that an editor
sees exactly what ``wizard check``, ``wizard test`` and ``wizard diff`` would say, with nothing installed. It
is the same pipeline as the command line: the texts are written into a folder (Pyodide's in-memory file
system in the browser, a temporary folder in tests) beside the site's content rules, and compiled with
``wizard.pipeline.build_file`` with the workspace's project (its content rules, read once). Writing files
rather than adding a second loader keeps one way of reading a tree, with the same translation and content-rule
checks.

Rendering Markdown to HTML is left out: the playground's preview shows texts as plain text (the wizard's
fallback for fields without ``*_html``), so the ``markdown`` package is not shipped to the browser.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wizard import semdiff
from wizard.compiler import CompileResult
from wizard.core.contracts import CompiledTree
from wizard.core.vocabulary import SOURCE_LANGUAGE
from wizard.diagnostics import Diagnostic, sort_diagnostics
from wizard.examples import run_examples
from wizard.pipeline import build_file
from wizard.project import Project

TREES_FOLDER = "trees"


@dataclass
class Workspace:
    """A folder holding the site's content rules and the trees being edited, and the published versions.

    ``published`` keeps the compiled published trees by slug (each language), compiled once.
    """

    root: Path
    published: dict[str, dict[str, CompiledTree]] = field(default_factory=dict)
    project: Project = field(default_factory=lambda: Project.read(None))  # read by install_content
    # The last edit checked without its difference (``check_edit(..., diff=False)``): its slug and editions,
    # for ``edit_difference`` to compare once the page has shown the problems.
    last: tuple[str, dict[str, CompiledTree]] | None = None

    @property
    def trees(self) -> Path:
        """The folder the edited files are written into."""
        return self.root / TREES_FOLDER


def install_content(workspace: Workspace, files: Mapping[str, str]) -> None:
    """Write the site's content rules (``content.toml`` and the glossaries it names) into the workspace.

    ``files`` maps paths relative to the repository root to their text; only plain relative paths are taken.
    """
    for name, text in files.items():
        relative = Path(name)
        if relative.is_absolute() or ".." in relative.parts:
            continue
        target = workspace.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    workspace.trees.mkdir(parents=True, exist_ok=True)
    workspace.project = Project.find(workspace.trees)  # once: every check of an edit uses these rules


def _compile_texts(workspace: Workspace, folder: Path, slug: str, language: str, tree_text: str,
                   translation_text: str, today: datetime.date | None) -> CompileResult:
    folder.mkdir(parents=True, exist_ok=True)
    tree_path = folder / f"{slug}.yaml"
    tree_path.write_text(tree_text, encoding="utf-8")
    (folder / f"{slug}.{language}.yaml").write_text(translation_text, encoding="utf-8")
    return build_file(tree_path, workspace.project, today=today, display=tree_path.name)


def _compiled_editions(result: CompileResult) -> dict[str, CompiledTree]:
    if result.tree is None:
        return {}
    return {SOURCE_LANGUAGE: result.tree, **result.translations}


def publish(workspace: Workspace, slug: str, language: str, tree_text: str, translation_text: str) -> bool:
    """Compile the published version of a tree once, to compare edits with; False when it does not compile."""
    result = _compile_texts(workspace, workspace.root / "published" / slug, slug, language, tree_text,
                            translation_text, None)
    workspace.published[slug] = _compiled_editions(result)
    return result.tree is not None


def _diagnostic(diagnostic: Diagnostic) -> dict[str, Any]:
    # The file's name only: the workspace's folder means nothing to the editor (both files sit side by side).
    return {"file": Path(diagnostic.file).name, "line": diagnostic.line, "column": diagnostic.column,
            "severity": diagnostic.severity, "message": diagnostic.message, "hint": diagnostic.hint or ""}


def _differences(slug: str, old: Mapping[str, CompiledTree], new: Mapping[str, CompiledTree]) -> str:
    """The readers' difference from the published version, one block per language that has both sides."""
    diffs = [semdiff.diff_trees(slug if language == SOURCE_LANGUAGE else f"{slug} ({language})", old[language],
                                new[language])
             for language in new if language in old]
    return semdiff.format_text(diffs)


def check_edit(workspace: Workspace, slug: str, language: str, tree_text: str, translation_text: str,
               today: datetime.date | None = None, *, diff: bool = True) -> dict[str, Any]:
    """Check, compile and compare an edit; a JSON-ready dict for the page.

    Keys: ``diagnostics`` (file, line, column, severity, message, hint; in file order), ``compiled``
    (language -> compiled tree, empty when there is an error), ``examples`` (name, line, failure or None),
    ``diff`` (the readers' difference from the published version, or None when there is none to compare).
    With ``diff=False`` the difference, the slow part (it tries answer combinations), is left out (``diff`` is
    None) and kept for ``edit_difference``, so that the page shows the problems at once and the difference after.
    """
    result = _compile_texts(workspace, workspace.trees, slug, language, tree_text, translation_text, today)
    compiled = _compiled_editions(result)
    workspace.last = None if diff else (slug, compiled)
    return {
        "diagnostics": [_diagnostic(d) for d in sort_diagnostics(result.diagnostics)],
        "compiled": compiled,
        "examples": [{"name": e.name, "line": e.line, "failure": e.failure} for e in run_examples(result)],
        "diff": _difference_of(workspace, slug, compiled) if diff else None,
    }


def edit_difference(workspace: Workspace) -> str | None:
    """The readers' difference of the last edit checked with ``diff=False`` from the published version, or None
    when there is none to compare (the edit has errors, the tree was never published, or nothing was checked)."""
    if workspace.last is None:
        return None
    slug, compiled = workspace.last
    return _difference_of(workspace, slug, compiled)


def _difference_of(workspace: Workspace, slug: str, compiled: Mapping[str, CompiledTree]) -> str | None:
    published = workspace.published.get(slug)
    return _differences(slug, published, compiled) if published and compiled else None
