"""Loading the two sides of a review: two files (any names), or the trees changed since a git revision.

A reviewer must be able to compare a draft, so a version with checker errors is compared anyway: the loader gives
its data even with errors, and whatever compiles is run (a broken rule then shows as an error for the answers that
reach it). Only a version whose data gives no procedure at all (no nodes, no start) cannot be compared; the report
then says so with its errors. Every error is listed in the report.
"""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wizard import semdiff, sources, translation
from wizard.checker import check_file
from wizard.compiled import compile_data
from wizard.core.contracts import CompiledTree
from wizard.diagnostics import Diagnostic
from wizard.project import Project
from wizard.sources import display_name


class ReviewError(Exception):
    """The two sides cannot be read at all (git failed, or the folder holds files that must not be read);
    ``diagnostics`` says which."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics or []


@dataclass
class Side:
    """One version of a tree: compiled English tree and translations, or why it cannot be run, and its errors."""

    display: str
    tree: CompiledTree | None = None
    languages: dict[str, CompiledTree] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    fatal: str | None = None


def slug_for(name: str) -> str:
    """A page address made from any file name: ``Draft v2.yaml`` -> ``draft-v2`` (``tree`` if nothing is left)."""
    stem = name.split(".", 1)[0] if "." in name else name
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "tree"


def read_side(tree: bytes | None, translations: Mapping[str, bytes], display: str,
              translation_displays: Mapping[str, str], slug: str) -> Side:
    """Check and compile one version from its bytes, as leniently as its errors allow.

    The bytes are written under the page address ``slug`` in a scratch folder, so that the file's own name (a
    draft's, a revision's) neither fails the check nor changes the comparison; messages keep ``display``.
    """
    side = Side(display)
    if tree is None:
        side.fatal = f"{display}: no such file"
        return side
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / f"{slug}.yaml"
        path.write_bytes(tree)
        project = Project.find(path)
        checked = check_file(path, display, project=project)
        side.errors += [d.format() for d in checked.diagnostics if d.is_error]
        side.tree, side.fatal = _lenient_compile(checked.loaded.data, slug, display, len(side.errors))
        for language, text in translations.items():
            other = translation.translation_path(path, language)
            other.write_bytes(text)
            loaded = translation.load_translation(other, translation_displays[language], language, checked.loaded,
                                                  project)
            side.errors += [d.format() for d in loaded.diagnostics if d.is_error]
            if side.tree is not None:
                side.languages[language] = translation.apply(side.tree, loaded)
    return side


def _lenient_compile(data: Mapping[str, Any] | None, slug: str, display: str,
                     errors: int) -> tuple[CompiledTree | None, str | None]:
    nodes = (data or {}).get("nodes")
    if not data or not isinstance(nodes, dict) or data.get("start") not in nodes:
        return None, f"{display}: cannot compare: {errors} error{'s' if errors != 1 else ''} (listed below)"
    filled = {"title": "", "summary": "", "audience": "", "reviewed": "", "sources": {}, **data}
    try:
        return compile_data(filled, slug), None
    except (KeyError, TypeError, ValueError, AttributeError):
        return None, f"{display}: cannot compare: {errors} error{'s' if errors != 1 else ''} (listed below)"


def diff_sides(name: str, old: Side, new: Side, today: datetime.date | None = None) -> semdiff.TreeDiff:
    """The diff of two versions, with both versions' errors listed; a version that cannot be run is said so."""
    if old.tree is None or new.tree is None:
        result = semdiff.TreeDiff(name)
        result.cannot_compare = [side.fatal for side in (old, new) if side.fatal]
    else:
        result = semdiff.diff_trees(name, old.tree, new.tree, old_languages=old.languages,
                                    new_languages=new.languages, today=today)
    result.errors = [*old.errors, *new.errors]
    return result


def _translations_beside(path: Path) -> tuple[dict[str, bytes], dict[str, str]]:
    texts, displays = {}, {}
    for language in translation.languages_for(path, Project.find(path)):
        other = translation.translation_path(path, language)
        if other.is_file():
            texts[language] = other.read_bytes()
            displays[language] = display_name(other)
    return texts, displays


def diff_files(old: Path, new: Path, today: datetime.date | None = None) -> semdiff.TreeDiff:
    """The semantic diff between two tree files (and the translations beside each), whatever their names."""
    slug = slug_for(new.name)
    sides = []
    for path in (old, new):
        texts, displays = _translations_beside(path)
        sides.append(read_side(path.read_bytes(), texts, display_name(path), displays, slug))
    return diff_sides(new.stem, sides[0], sides[1], today)


def diff_against_git(ref: str, folder: Path = Path("trees"),
                     today: datetime.date | None = None) -> list[semdiff.TreeDiff]:
    """The diff of every tree in ``folder`` that differs from the revision ``ref`` (added, changed, removed),
    a change to a translation only included."""
    old_files: set[str] = set()
    if _has(ref, folder):
        old_files = set(_git("ls-tree", "--name-only", f"{ref}:{folder.as_posix()}").split())
    found = sources.folder_trees(folder) if folder.is_dir() else sources.Found()
    if found.problems:  # a pipe or a link out of the folder must be neither read nor compared
        raise ReviewError(f"{folder} holds files that cannot be read", found.problems)
    # Every entry named like a tree or translation file passed `sources`' rules (else a problem was raised).
    listed = {e.name for e in os.scandir(folder)} if folder.is_dir() else set()
    new_files = {name for name in listed if name.endswith(sources.TREE_SUFFIXES)}
    by_slug: dict[str, list[str]] = {}
    for name in sorted(old_files | new_files):
        if name.endswith((".yaml", ".yml")):
            by_slug.setdefault(name.split(".", 1)[0], []).append(name)
    diffs: list[semdiff.TreeDiff] = []
    for slug, names in by_slug.items():
        tree_name = next((n for n in names if not sources.is_translation_file(Path(n))), None)
        if tree_name is None:
            continue  # a translation without its tree: `wizard check` reports it
        old = {n: _git_bytes("show", f"{ref}:{(folder / n).as_posix()}") for n in names if n in old_files}
        new = {n: (folder / n).read_bytes() for n in names if n in new_files}
        if old == new:
            continue
        sides = [_side(files, tree_name, slug, f"{prefix}{folder.as_posix()}/")
                 for files, prefix in ((old, f"{ref}:"), (new, ""))]
        if tree_name not in old:
            diffs.append(semdiff.added_tree(slug, sides[1].tree or {"title": tree_name}))
        elif tree_name not in new:
            diffs.append(semdiff.removed_tree(slug, sides[0].tree or {"title": tree_name}))
        else:
            diffs.append(diff_sides(slug, sides[0], sides[1], today))
    return diffs


def _side(files: Mapping[str, bytes], tree_name: str, slug: str, where: str) -> Side:
    languages = {n.split(".")[1]: n for n in files if n != tree_name}
    return read_side(files.get(tree_name), {lang: files[n] for lang, n in languages.items()}, f"{where}{tree_name}",
                     {lang: f"{where}{n}" for lang, n in languages.items()}, slug)


def _has(ref: str, folder: Path) -> bool:
    done = subprocess.run(["git", "cat-file", "-e", f"{ref}:{folder.as_posix()}"], capture_output=True, check=False)
    return done.returncode == 0


def _git(*args: str) -> str:
    return _git_bytes(*args).decode("utf-8")


def _git_bytes(*args: str) -> bytes:
    done = subprocess.run(["git", *args], capture_output=True, check=False)
    if done.returncode != 0:
        raise ReviewError(f"git {' '.join(args)}: {done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout
