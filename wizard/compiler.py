"""From a checked tree to the compiled tree: plain JSON that the engine, the site and the browser read."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wizard import sources, translation
from wizard.checker import CheckedTree, check_file
from wizard.compiled import compile_data
from wizard.core import vocabulary
from wizard.diagnostics import ERROR, Diagnostic, cap_repeats
from wizard.loader import slug_of
from wizard.sources import display_name


@dataclass
class CompileResult:
    """The outcome of compiling one file: the compiled tree (None on errors) and every problem found."""

    path: Path
    slug: str
    tree: dict[str, Any] | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    checked: CheckedTree | None = None
    translations: dict[str, dict[str, Any]] = field(default_factory=dict)  # language -> compiled tree

    @property
    def errors(self) -> list[Diagnostic]:
        """Only the errors."""
        return [d for d in self.diagnostics if d.is_error]

    @property
    def ok(self) -> bool:
        """True when the file has no error."""
        return not self.errors


def compile_file(path: Path, *, today: datetime.date | None = None, display: str | None = None) -> CompileResult:
    """Load, check and compile one tree file; ``display`` is the name used in messages (default: relative path)."""
    checked = check_file(path, display or display_name(path), today=today)
    tree = compile_checked(checked) if checked.ok else None
    # A copy: the translations' problems are the file's, not the English tree's (its examples still run).
    result = CompileResult(path, checked.loaded.slug, tree, list(checked.diagnostics), checked)
    for language in translation.languages_for(path):
        other = translation.translation_path(path, language)
        refused = sources.refusal(other, path.parent) if os.path.lexists(other) else None
        if refused is not None:  # a pipe, a folder or a link out of the folder: its reason, never its text
            result.diagnostics.append(refused)
            continue
        if not other.is_file():
            # Asked for once the tree itself is right: a tree with errors gets those first.
            if checked.ok and language in translation.required_languages(path.resolve().parent):
                result.diagnostics.append(Diagnostic(
                    checked.loaded.file, 1, 1, ERROR, f"the {vocabulary.name_of(language)} "
                    f"translation ({other.name}) is missing.",
                    f"Every procedure needs one: `wizard translate {checked.loaded.file}` writes it, with each "
                    "English text to translate."))
            continue
        loaded = translation.load_translation(other, display_name(other), language, checked.loaded)
        if loaded.ok:
            translation.check_style(loaded, path)
        result.diagnostics.extend(loaded.diagnostics)
        if tree is not None and loaded.ok:
            result.translations[language] = translation.apply(tree, loaded)
    if not result.ok:
        result.tree = None
        result.translations = {}
    # Every caller (command line, site build, pytest) gets at most MAX_REPEATS problems of each kind per file.
    result.diagnostics = cap_repeats(result.diagnostics)
    return result


def tree_files(folder: Path) -> list[Path]:
    """The tree files in a folder, sorted by name (``.yaml`` and ``.yml``); translations are not trees.

    Only regular files (or links to them inside the folder) are listed: see ``wizard.sources``.
    """
    return sources.folder_trees(folder).files


def compile_folder(folder: Path, *, today: datetime.date | None = None) -> list[CompileResult]:
    """Compile every tree file in a folder, sorted by name; an entry refused by ``wizard.sources`` (a pipe, a
    link out of the folder, a translation without its tree) is a result without a tree, holding the error."""
    found = sources.folder_trees(folder)
    refused = [CompileResult(Path(d.file), slug_of(Path(d.file)), None, [d]) for d in found.problems]
    return [*(compile_file(path, today=today) for path in found.files), *refused]


def compile_checked(checked: CheckedTree) -> dict[str, Any]:
    """The compiled form of a tree that passed its checks."""
    data = checked.loaded.data
    if data is None:
        raise ValueError("cannot compile a tree that did not load")
    return compile_data(data, checked.loaded.slug)
