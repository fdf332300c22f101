"""Which files the tools read: regular tree files inside the folder being checked, and nothing else.

Tree folders arrive in pull requests. A named pipe called ``x.yaml`` would make a reader wait forever, a link to
a file elsewhere on the machine would have its text quoted in an error message, and a folder named ``x.yaml``
or a translation without its tree would be skipped without a word. Each is refused here, with a message at
line 1, column 1 of the path, before anything opens it; ``open_regular`` is the one way a tree file is opened.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from wizard.diagnostics import ERROR, Diagnostic

TREE_SUFFIXES = (".yaml", ".yml")
_NOT_A_FILE = "only regular files are read."
_LINK_HINT = "Replace the link with the tree file itself."


class NotReadable(Exception):
    """A path that must not be read, and why: a message and a hint for the editor."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass
class Found:
    """What a list of paths given on the command line holds."""

    files: list[Path] = field(default_factory=list)  # tree files to read, in order
    problems: list[Diagnostic] = field(default_factory=list)  # paths refused, each with why
    missing: list[Path] = field(default_factory=list)  # paths that do not exist at all
    empty: list[Path] = field(default_factory=list)  # folders without anything named like a tree file


def display_name(path: Path) -> str:
    """The path as messages show it: relative to the working directory when it is inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


def is_translation_file(path: Path) -> bool:
    """True for ``<slug>.<language>.yaml`` files (tree slugs never contain a dot)."""
    return "." in path.stem


def tree_path_for(translation_file: Path) -> Path:
    """The tree a translation belongs to: ``withdraw-complaint.zh.yaml`` -> ``withdraw-complaint.yaml``."""
    return translation_file.with_name(translation_file.name.split(".", 1)[0] + translation_file.suffix)


def refusal(path: Path, within: Path) -> Diagnostic | None:
    """Why ``path`` may not be read as a tree file of the folder ``within`` (None when it may)."""
    try:
        check_readable(path, within)
    except NotReadable as reason:
        return Diagnostic(display_name(path), 1, 1, ERROR, reason.message, reason.hint)
    return None


def check_readable(path: Path, within: Path) -> None:
    """Raise ``NotReadable`` unless ``path`` is a regular file, or a link to one inside ``within``."""
    try:
        own = os.lstat(path)
    except OSError as exc:
        raise _cannot_open(exc) from None
    if stat.S_ISLNK(own.st_mode):
        try:
            target = os.stat(path)
        except OSError as exc:
            raise _from_error(exc) from None
        # Compared after resolving both, so that `..` and links in the folder's own path cannot fool it.
        if not Path(os.path.realpath(path)).is_relative_to(Path(os.path.realpath(within))):
            raise NotReadable("this is a symbolic link to a file outside the folder being checked; it was not "
                              "read.", "Put the tree file itself in the folder.")
        mode = target.st_mode
    else:
        mode = own.st_mode
    problem = refusal_of_mode(mode)
    if problem is not None:
        raise problem


def refusal_of_mode(mode: int) -> NotReadable | None:
    """Why a file of this kind (``st_mode``) is not read as a tree, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return NotReadable("this is a folder named like a tree file; only files are read.",
                           "Rename the folder: names ending in .yaml are for tree files.")
    kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file")
    return NotReadable(f"this is {kind}, not a regular file; {_NOT_A_FILE}", "Replace it with the tree file itself.")


def _from_error(exc: OSError) -> NotReadable:
    """Why a symbolic link cannot be followed."""
    if exc.errno == errno.ELOOP:
        return NotReadable("this is a symbolic link that leads to itself.", _LINK_HINT)
    if exc.errno == errno.ENOENT:
        return NotReadable("this is a symbolic link to a file that does not exist.", _LINK_HINT)
    return _cannot_open(exc)


def open_regular(path: Path) -> int:
    """A file descriptor for reading ``path``, only if it is a regular file (``NotReadable`` otherwise).

    Opened without blocking, then looked at: a named pipe must never make the tools wait for a writer.
    """
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise (_from_error(exc) if exc.errno == errno.ELOOP else _cannot_open(exc)) from None
    problem = refusal_of_mode(os.fstat(handle).st_mode)
    if problem is not None:
        os.close(handle)
        raise problem
    return handle


def _cannot_open(exc: OSError) -> NotReadable:
    return NotReadable(f"cannot read the file: {exc.strerror or exc}.")


def folder_trees(folder: Path) -> Found:
    """The tree files of a folder, sorted by name, and every entry named like a tree file that is refused."""
    found = Found()
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.name.endswith(TREE_SUFFIXES))
    except OSError:  # gone or unreadable: nothing to read in it
        names = []
    for name in names:
        path = folder / name
        problem = refusal(path, folder)
        if problem is not None:
            found.problems.append(problem)
        elif is_translation_file(path):
            # Read with its tree; one whose tree is missing would never be read at all.
            if tree_path_for(path).name not in names:
                found.problems.append(_orphan(path))
        else:
            found.files.append(path)
    if not names:
        found.empty.append(folder)
    return found


def _orphan(path: Path) -> Diagnostic:
    tree = tree_path_for(path).name
    return Diagnostic(display_name(path), 1, 1, ERROR, f"this translation has no tree: `{tree}` does not exist.",
                      f"Rename it after its tree, or add `{tree}`: a translation is checked with its tree.")


def find_trees(paths: Iterable[Path]) -> Found:
    """The tree files that ``paths`` (files or folders, as given on the command line) name, in order."""
    found = Found()
    for path in paths:
        if not os.path.lexists(path):
            found.missing.append(path)
        elif os.path.isdir(path) and not path.name.endswith(TREE_SUFFIXES):
            inside = folder_trees(path)
            found.problems += inside.problems
            found.empty += inside.empty
            found.files += [p for p in inside.files if p not in found.files]
        else:
            # A file given by name: the folder being checked is its own folder.
            problem = refusal(path, path.parent)
            tree = tree_path_for(path) if is_translation_file(path) else path
            if problem is not None:
                found.problems.append(problem)
            elif tree is not path and not os.path.lexists(tree):
                found.problems.append(_orphan(path))
            elif tree not in found.files:
                found.files.append(tree)
    return found
