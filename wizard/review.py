"""Loading the two sides of a review: two files, or the trees changed since a git revision."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from wizard import semdiff, sources
from wizard.compiler import CompileResult, compile_file
from wizard.diagnostics import Diagnostic
from wizard.sources import is_translation_file


class ReviewError(Exception):
    """A side of the diff cannot be compiled or read; ``diagnostics`` holds the checker's messages."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics or []


def _compiled(path: Path, display: str) -> dict[str, object]:
    result: CompileResult = compile_file(path, display=display)
    if result.errors or result.tree is None:
        raise ReviewError(f"{display} has errors; fix them first (`wizard check`)", result.errors)
    return result.tree


def diff_files(old: Path, new: Path) -> semdiff.TreeDiff:
    """The semantic diff between two tree files."""
    return semdiff.diff_trees(new.stem, _compiled(old, old.as_posix()), _compiled(new, new.as_posix()))


def diff_against_git(ref: str, folder: Path = Path("trees")) -> list[semdiff.TreeDiff]:
    """The diff of every tree in ``folder`` that differs from the revision ``ref`` (added, changed, removed)."""
    old_files: set[str] = set()
    if _has(ref, folder):
        old_files = set(_git("ls-tree", "--name-only", f"{ref}:{folder.as_posix()}").split())
    found = sources.folder_trees(folder) if folder.is_dir() else sources.Found()
    if found.problems:  # a pipe or a link out of the folder must be neither read nor compared
        raise ReviewError(f"{folder} holds files that cannot be read", found.problems)
    new_files = {p.name for p in found.files}
    diffs: list[semdiff.TreeDiff] = []
    with tempfile.TemporaryDirectory() as scratch:
        for name in sorted(old_files | new_files):
            # Translations (`<slug>.zh.yaml`) hold only texts: they change no outcome, and each is checked
            # with its tree, which the tree's own diff compiles.
            if not name.endswith((".yaml", ".yml")) or is_translation_file(Path(name)):
                continue
            slug = Path(name).stem
            new_path = folder / name
            old_path = Path(scratch) / name
            if name in old_files:
                old_path.write_bytes(_git_bytes("show", f"{ref}:{(folder / name).as_posix()}"))
            if name not in new_files:
                diffs.append(semdiff.removed_tree(slug, _compiled(old_path, f"{ref}:{folder / name}")))
            elif name not in old_files:
                diffs.append(semdiff.added_tree(slug, _compiled(new_path, new_path.as_posix())))
            elif old_path.read_bytes() != new_path.read_bytes():
                diffs.append(semdiff.diff_trees(slug, _compiled(old_path, f"{ref}:{folder / name}"),
                                                _compiled(new_path, new_path.as_posix())))
    return diffs


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
