"""Compiling trees in one-way stages: read, load, check, compile, translate; the site renders last.

Each stage takes what the stage before it gave, and the project (``wizard.project``: ``content.toml``, the
languages and their glossaries, read once per run); none of them calls back into an earlier one or looks the
settings up again from a tree's path::

    read       wizard.yamlread     the file, safely, into YAML nodes with positions
    load       wizard.loader       the nodes walked against wizard.schema: plain data, field-level errors
    check      wizard.checker      whole-tree checks, and the plain-language rules of the project's main language
    compile    wizard.compiled     the compiled tree (plain JSON) of a tree without errors
    translate  wizard.translation  each language's file checked against the loaded tree, applied to the compiled
    render     wizard.markdown_render.add_html, by the site (wizard.site.pages): HTML beside the Markdown texts

Rendering is left to the site, so that the playground, which runs this module in the browser, needs no
Markdown package.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from wizard import sources, translation
from wizard.checker import CheckedTree, check_loaded
from wizard.compiler import CompileResult, compile_checked
from wizard.core.contracts import CompiledTree
from wizard.diagnostics import ERROR, Diagnostic, cap_repeats
from wizard.loader import LoadedTree, load_read, slug_of, suggestion_budget
from wizard.project import Project
from wizard.sources import display_name
from wizard.yamlread import ReadResult, read_tree_file


@dataclass
class Translated:
    """What the translate stage gives: each language's compiled tree, and the translations' problems."""

    trees: dict[str, CompiledTree] = field(default_factory=dict)  # language -> compiled tree
    diagnostics: list[Diagnostic] = field(default_factory=list)


def read(path: Path, display: str) -> ReadResult:
    """Stage 1: the file's YAML nodes (or why it cannot be read)."""
    return read_tree_file(path, display)


def load(path: Path, display: str, nodes: ReadResult) -> LoadedTree:
    """Stage 2: the tree's data, walked against the schema."""
    return load_read(path, display, nodes)


def check(loaded: LoadedTree, project: Project, today: datetime.date | None = None) -> CheckedTree:
    """Stage 3: every problem of the whole tree, with the plain-language rules of the project's main language."""
    return check_loaded(loaded, today=today, style=project.style())


def compile_tree(checked: CheckedTree) -> CompiledTree | None:
    """Stage 4: the compiled tree, or None when the tree has errors."""
    return compile_checked(checked) if checked.ok else None


def translate(path: Path, checked: CheckedTree, tree: CompiledTree | None, project: Project) -> Translated:
    """Stage 5: each translation file of the tree checked against it, and applied to the compiled ``tree``."""
    result = Translated()
    for language in translation.languages_for(path, project):
        other = translation.translation_path(path, language)
        refused = sources.refusal(other, path.parent) if os.path.lexists(other) else None
        if refused is not None:  # a pipe, a folder or a link out of the folder: its reason, never its text
            result.diagnostics.append(refused)
            continue
        if not other.is_file():
            # Asked for once the tree itself is right: a tree with errors gets those first.
            if checked.ok and language in project.required_languages:
                result.diagnostics.append(Diagnostic(
                    checked.loaded.file, 1, 1, ERROR, f"the {project.language_name(language)} translation "
                    f"({other.name}) is missing.",
                    f"Every procedure needs one: `wizard translate {checked.loaded.file}` writes it, with each "
                    "English text to translate."))
            continue
        loaded = translation.load_translation(other, display_name(other), language, checked.loaded, project)
        if loaded.ok:
            translation.check_style(loaded, project)
        result.diagnostics.extend(loaded.diagnostics)
        if tree is not None and loaded.ok:
            result.trees[language] = translation.apply(tree, loaded)
    return result


def build_file(path: Path, project: Project | None = None, *, today: datetime.date | None = None,
               display: str | None = None) -> CompileResult:
    """Every stage for one tree file; ``project`` defaults to the one above the file, ``display`` (the name in
    messages) to its relative path."""
    project = project if project is not None else Project.find(path)
    name = display or display_name(path)
    with suggestion_budget():
        checked = check(load(path, name, read(path, name)), project, today)
    tree = compile_tree(checked)
    translated = translate(path, checked, tree, project)
    # The translations' problems are the file's, not the English tree's (its examples still run).
    result = CompileResult(path, checked.loaded.slug, tree, [*checked.diagnostics, *translated.diagnostics],
                           checked, translated.trees)
    if not result.ok:
        result.tree = None
        result.translations = {}
    # Every caller (command line, site build, pytest) gets at most MAX_REPEATS problems of each kind per file.
    result.diagnostics = cap_repeats(result.diagnostics)
    return result


def build_folder(folder: Path, project: Project | None = None, *,
                 today: datetime.date | None = None) -> list[CompileResult]:
    """Every stage for every tree file of a folder, sorted by name, with one project read once; an entry refused
    by ``wizard.sources`` (a pipe, a link out of the folder, a translation without its tree) is a result without
    a tree, holding the error."""
    project = project if project is not None else Project.find(folder)
    found = sources.folder_trees(folder)
    refused = [CompileResult(Path(d.file), slug_of(Path(d.file)), None, [d]) for d in found.problems]
    with fewer_collections():
        return [*(build_file(path, project, today=today) for path in found.files), *refused]


# Objects made before the garbage collector looks for cycles among the youngest (Python's default: 700).
FEW_COLLECTIONS = (50_000, 20, 100)


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect garbage rarely while many trees are compiled, then as before.

    Compiling makes many small objects that die with their file and form almost no cycles, while the results
    kept so far (every compiled tree of a site) stay alive: the default collector mostly rescans those, about a
    tenth of a site's compile time. Nothing is lost: what is garbage is still collected, only later.
    """
    before = gc.get_threshold()
    gc.set_threshold(*FEW_COLLECTIONS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
