"""The compile stage: from a checked tree to the compiled tree, plain JSON that the engine, the site and the browser
read; and what one file's run through every stage gives (``CompileResult``, made by ``wizard.pipeline``)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from wizard import sources
from wizard.checker import CheckedTree
from wizard.compiled import compile_data
from wizard.core.contracts import CompiledTree
from wizard.diagnostics import Diagnostic


@dataclass
class CompileResult:
    """The outcome of compiling one file: the compiled tree (None on errors) and every problem found."""

    path: Path
    slug: str
    tree: CompiledTree | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    checked: CheckedTree | None = None
    translations: dict[str, CompiledTree] = field(default_factory=dict)  # language -> compiled tree

    @property
    def errors(self) -> list[Diagnostic]:
        """Only the errors."""
        return [d for d in self.diagnostics if d.is_error]

    @property
    def ok(self) -> bool:
        """True when the file has no error."""
        return not self.errors


def compile_file(path: Path, *, today: datetime.date | None = None, display: str | None = None) -> CompileResult:
    """Every stage (``wizard.pipeline.build_file``) for one tree file, with the project above it: the one call that
    tests and scripts make; the tools make a ``Project`` once and call the pipeline themselves."""
    from wizard.pipeline import build_file  # the pipeline runs this module's compile stage

    return build_file(path, today=today, display=display)


def tree_files(folder: Path) -> list[Path]:
    """The tree files in a folder, sorted by name (``.yaml`` and ``.yml``); translations are not trees.

    Only regular files (or links to them inside the folder) are listed: see ``wizard.sources``.
    """
    return sources.folder_trees(folder).files


def compile_folder(folder: Path, *, today: datetime.date | None = None) -> list[CompileResult]:
    """Every stage (``wizard.pipeline.build_folder``) for every tree file in a folder, sorted by name."""
    from wizard.pipeline import build_folder  # the pipeline runs this module's compile stage

    return build_folder(folder, today=today)


def compile_checked(checked: CheckedTree) -> CompiledTree:
    """The compiled form of a tree that passed its checks (the checker's, if it compiled the tree already)."""
    data = checked.loaded.data
    if data is None:
        raise ValueError("cannot compile a tree that did not load")
    return checked.compiled if checked.compiled is not None else compile_data(data, checked.loaded.slug)
