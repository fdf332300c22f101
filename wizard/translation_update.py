"""``wizard translate``: bring a translation file up to date with its tree, and say where the translation stands.

The file is rewritten from the tree's texts and the translations already done (``translation_entries.merge``):
what is new is added empty, what the tree no longer has is removed, and no translated text is ever replaced.
A translation file with errors is not rewritten at all: what could not be read would be lost.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from wizard.core import vocabulary
from wizard.diagnostics import Diagnostic
from wizard.escaping import for_terminal
from wizard.loader import LoadedTree, PathKey, describe
from wizard.project import Project
from wizard.translation import Translation, load_translation, translation_path, tree_texts
from wizard.translation_entries import (
    DONE,
    PREVIOUS_KEY,
    SOURCE_KEY,
    STALE,
    UNRECORDED,
    UNTRANSLATED,
    Entry,
    combine,
    document,
    merge,
)

SCHEMA_FILE = Path("docs") / "schema" / "translation.schema.json"  # beside content.toml, at the project's root


@dataclass
class Update:
    """What ``wizard translate`` did, or why it did nothing (``errors``)."""

    path: Path
    entries: dict[PathKey, Entry] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)  # by status, after the update
    recorded: int = 0  # plain texts that now record the current English
    removed: int = 0  # texts of what the tree no longer has
    errors: list[Diagnostic] = field(default_factory=list)

    def summary(self) -> str:
        """One line: what the file now holds."""
        total = sum(self.counts.values())
        text = (f"wrote {self.path.as_posix()}: {self.counts.get(DONE, 0)} of {total} texts translated, "
                f"{self.counts.get(STALE, 0)} stale, {self.counts.get(UNTRANSLATED, 0)} not translated yet")
        if self.recorded:
            text += f"; recorded the current English beside {self.recorded} texts that had none"
        if self.removed:
            text += f"; removed {self.removed} texts the tree no longer has"
        return text


def read_existing(tree_path: Path, display: str, language: str, tree: LoadedTree,
                  project: Project) -> Translation | None:
    """The translation file of ``tree`` in ``language`` as it stands, or None when there is none yet."""
    target = translation_path(tree_path, language)
    return load_translation(target, display, language, tree, project) if target.is_file() else None


def update(tree_path: Path, display: str, language: str, tree: LoadedTree, project: Project,
           incoming: Mapping[PathKey, Entry] | None = None) -> Update:
    """Rewrite the translation file of ``tree`` (adding ``incoming`` entries, from a PO file), keeping all work."""
    target = translation_path(tree_path, language)
    existing = read_existing(tree_path, display, language, tree, project)
    result = Update(target)
    if existing is not None and not existing.ok:
        result.errors = [d for d in existing.diagnostics if d.is_error]
        return result
    found = existing.entries if existing else {}
    texts = tree_texts(tree)
    result.recorded = sum(1 for p, e in found.items() if e.status(texts[p]) == UNRECORDED)
    result.removed = len(existing.left_over) if existing else 0
    result.entries = merge(texts, combine(found, incoming or {}))
    for path, entry in result.entries.items():
        status = entry.status(texts[path])
        result.counts[status] = result.counts.get(status, 0) + 1
    target.write_text(file_text(result.entries, language, tree_path, project), encoding="utf-8")
    return result


def file_text(entries: Mapping[PathKey, Entry], language: str, tree_path: Path, project: Project) -> str:
    """The translation file: a header for its translator, then each text's English and translation."""
    name = project.language_name(language)
    header = [
        f"# {name} texts of {tree_path.name}: only texts, keyed like the tree file.",
        f"# Under each text, `{SOURCE_KEY}:` is the English it translates and `{language}:` the translation: fill in "
        f"each empty `{language}:`.",
        f"# `{PREVIOUS_KEY}:` marks a translation made from an older English text: update it to `{SOURCE_KEY}:`, then "
        "delete that line.",
    ]
    note = vocabulary.language(language).translator_note if vocabulary.is_known(language) else None
    if note:  # the same, in the translator's own language
        header.append("# " + note.format(language=language, source=SOURCE_KEY, previous=PREVIOUS_KEY))
    # Paths from the project's root (where content.toml is), so the file reads the same wherever it was written.
    root = project.root or tree_path.resolve().parent
    header.append(f"# Check with: wizard check {Path(os.path.relpath(tree_path.resolve(), root)).as_posix()}")
    if (root / SCHEMA_FILE).is_file():
        schema = os.path.relpath(root / SCHEMA_FILE, tree_path.resolve().parent)
        header.insert(0, f"# yaml-language-server: $schema={Path(schema).as_posix()}")
    body = yaml.dump(document(entries, language), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return "\n".join(header) + "\n" + body


class _Dumper(yaml.SafeDumper):
    """Writes texts as a translator reads them: several lines as a block, an empty translation as nothing."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


def _nothing(dumper: yaml.SafeDumper, _: None) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:null", "")


_Dumper.add_representer(str, _text)
_Dumper.add_representer(type(None), _nothing)


def status_lines(translation: Translation | None, tree: LoadedTree, language: str, project: Project) -> list[str]:
    """``wizard translate --status``: each stale text with its old and new English, each text not translated
    yet, and the counts."""
    texts = tree_texts(tree)
    entries = translation.entries if translation else {}
    file = translation.file if translation else translation_path(Path(tree.file), language).as_posix()
    lines: list[str] = []
    counts: dict[str, int] = {}
    for path, english in texts.items():
        entry = entries.get(path)
        status = entry.status(english) if entry else UNTRANSLATED
        counts[status] = counts.get(status, 0) + 1
        line, column = entry.position if entry else (1, 1)
        where = f"{file}:{line}:{column}: {status}: {describe(path)}"
        if status == STALE and entry is not None:
            old = entry.made_from() or "(not recorded)"
            lines += [where, f"    old English: {_one_line(old)}", f"    new English: {_one_line(english)}"]
        elif status in (UNTRANSLATED, UNRECORDED):
            lines += [where, f"    English: {_one_line(english)}"]
    name = project.language_name(language)
    lines.append(f"{name}: {counts.get(DONE, 0)} of {len(texts)} texts translated, {counts.get(STALE, 0)} stale, "
                 f"{counts.get(UNTRANSLATED, 0)} not translated yet"
                 + (f", {counts[UNRECORDED]} not recording their English" if counts.get(UNRECORDED) else ""))
    return lines


def _one_line(text: str) -> str:
    return for_terminal(text, one_line=True)

