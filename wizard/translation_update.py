"""``wizard translate``: bring a translation file up to date with its tree, and say where the translation stands.

The file is rewritten from the tree's texts and the translations already done (``translation_entries.merge``):
what is new is added empty, and no translated text is ever replaced or dropped. A translation whose place the
tree no longer has moves to the text it was renamed or moved to (``translation_carry``), or else to the file's
``unused:`` section, which only the translator empties. A translation file with errors is not rewritten at all:
what could not be read would be lost.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from wizard.core import vocabulary
from wizard.diagnostics import Diagnostic
from wizard.escaping import for_terminal
from wizard.loader import LoadedTree, PathKey, describe
from wizard.project import Project
from wizard.translation import Translation, load_translation, translation_path, tree_texts
from wizard.translation_carry import carry_over
from wizard.translation_entries import (
    DONE,
    PREVIOUS_KEY,
    SOURCE_KEY,
    STALE,
    UNRECORDED,
    UNTRANSLATED,
    UNUSED_KEY,
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
    carried: int = 0  # translations moved to the text they were renamed or moved to
    kept_newer: int = 0  # the file's translations kept over the PO file's older ones (which went under `unused:`)
    unused: list[tuple[PathKey, Entry]] = field(default_factory=list)  # kept under `unused:`: (was, entry)
    errors: list[Diagnostic] = field(default_factory=list)

    def summary(self) -> str:
        """One line: what the file now holds."""
        total = sum(self.counts.values())
        text = (f"wrote {self.path.as_posix()}: {self.counts.get(DONE, 0)} of {total} texts translated, "
                f"{self.counts.get(STALE, 0)} stale, {self.counts.get(UNTRANSLATED, 0)} not translated yet")
        if self.recorded:
            text += f"; recorded the current English beside {self.recorded} texts that had none"
        if self.carried:
            text += f"; kept {self.carried} translations of renamed or moved texts"
        if self.kept_newer:
            text += (f"; kept {self.kept_newer} translations of the current English over the PO file's older ones "
                     f"(those are under `{UNUSED_KEY}:`)")
        if self.unused:
            text += (f"; {len(self.unused)} translations of texts the tree no longer has are kept under "
                     f"`{UNUSED_KEY}:`")
        return text


def read_existing(tree_path: Path, display: str, language: str, tree: LoadedTree,
                  project: Project) -> Translation | None:
    """The translation file of ``tree`` in ``language`` as it stands, or None when there is none yet."""
    target = translation_path(tree_path, language)
    return load_translation(target, display, language, tree, project) if target.is_file() else None


def update(tree_path: Path, display: str, language: str, tree: LoadedTree, project: Project,
           incoming: Mapping[PathKey, Entry] | None = None,
           incoming_left_over: Iterable[tuple[PathKey, Entry]] = ()) -> Update:
    """Rewrite the translation file of ``tree`` (adding ``incoming`` entries, from a PO file, and carrying over
    its ``incoming_left_over`` ones as the file's own), keeping all work."""
    target = translation_path(tree_path, language)
    existing = read_existing(tree_path, display, language, tree, project)
    result = Update(target)
    if existing is not None and not existing.ok:
        result.errors = [d for d in existing.diagnostics if d.is_error]
        return result
    found = existing.entries if existing else {}
    texts = tree_texts(tree)
    result.recorded = sum(1 for p, e in found.items() if e.status(texts[p]) == UNRECORDED)
    # The PO file's translations first, then what is left over (the file's and the PO file's alike) is carried
    # to the texts still untranslated: a carried translation never displaces one that matched its place.
    combined = combine(found, incoming or {}, texts)
    pool = [*existing.left_over.items(), *existing.unused] if existing else []
    carried = carry_over(texts, combined.entries, [*pool, *incoming_left_over])
    result.carried, result.kept_newer = len(carried.entries), len(combined.older)
    result.entries = merge(texts, {**combined.entries, **carried.entries})
    result.unused = _distinct([*carried.unused, *combined.older], result.entries.values())
    for path, entry in result.entries.items():
        status = entry.status(texts[path])
        result.counts[status] = result.counts.get(status, 0) + 1
    target.write_text(file_text(result.entries, language, tree_path, project, result.unused), encoding="utf-8")
    return result


def _distinct(unused: Iterable[tuple[PathKey, Entry]], kept: Iterable[Entry]) -> list[tuple[PathKey, Entry]]:
    """Each unused translation once, in order, and none that the file already has at a text (the same translation
    of the same English): a PO file made before a rename brings back what the file has carried over already."""
    seen: set[tuple[PathKey | None, str | None, str | None]] = {
        (None, entry.made_from(), entry.text) for entry in kept if entry.text is not None}
    result: list[tuple[PathKey, Entry]] = []
    for was, entry in unused:
        if (None, entry.made_from(), entry.text) in seen or (was, entry.made_from(), entry.text) in seen:
            continue
        seen.add((was, entry.made_from(), entry.text))
        result.append((was, entry))
    return result


def file_text(entries: Mapping[PathKey, Entry], language: str, tree_path: Path, project: Project,
              unused: Iterable[tuple[PathKey, Entry]] = ()) -> str:
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
    body = yaml.dump(document(entries, language, unused), Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     width=100)
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
    yet, each translation kept under ``unused:``, and the counts."""
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
    for was, entry in translation.unused if translation else []:
        lines += [f"{file}:{entry.position[0]}:{entry.position[1]}: unused (was {describe(was)})",
                  f"    English: {_one_line(entry.english or '')}"]
    name = project.language_name(language)
    lines.append(f"{name}: {counts.get(DONE, 0)} of {len(texts)} texts translated, {counts.get(STALE, 0)} stale, "
                 f"{counts.get(UNTRANSLATED, 0)} not translated yet"
                 + (f", {counts[UNRECORDED]} not recording their English" if counts.get(UNRECORDED) else "")
                 + (f", {len(translation.unused)} kept under `{UNUSED_KEY}:`" if translation and translation.unused
                    else ""))
    return lines


def _one_line(text: str) -> str:
    return for_terminal(text, one_line=True)

