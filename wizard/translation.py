"""Translations of a tree: a sibling file per language that holds only the texts, keyed like the tree.

``trees/withdraw-complaint.zh.yaml`` mirrors ``trees/withdraw-complaint.yaml`` but carries only what readers
read (questions, help, labels, reasons, verdicts, explanations, next steps, deadline labels, source titles).
The structure (ids, links, conditions, examples) stays in the one English file, so a change of logic is made
and reviewed once, and a translator cannot break it. Each text is written as the English it translates (``en:``)
and its translation (``zh:``), so the translator has the source beside it and a changed English text is
noticed (``wizard.translation_entries``). The check here makes sure that the translation names nothing the tree
does not have, with ``file:line:col`` positions, and says how much is not translated yet or stale.

Which fields are translated comes from ``wizard.schema`` (each text field says so; ``wizard.schema_walk`` finds
them), so a text field added to the tree's schema is translated, checked and exported without a change here.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import yaml

from wizard import schema, schema_walk
from wizard.core import kinds
from wizard.core.contracts import CompiledTree
from wizard.core.messages import message
from wizard.diagnostics import ERROR, WARNING, Diagnostic
from wizard.loader import LoadedTree, PathKey, describe, did_you_mean, suggestion_budget
from wizard.plain_language import check_texts
from wizard.scalar_position import SourceLines
from wizard.text_rules import check_text, is_blank
from wizard.translation_entries import (
    PREVIOUS_KEY,
    SOURCE_KEY,
    STALE,
    UNRECORDED,
    UNUSED_KEY,
    WAS_KEY,
    Entry,
    path_of,
    resolve,
)
from wizard.yamlread import read_tree_file

if TYPE_CHECKING:
    from wizard.project import Project

_NULLS = ("", "~", "null", "Null", "NULL")
_PLAIN = schema.Text()  # a text whose field the tree no longer has: held to the rules every text follows


@dataclass
class Translation:
    """One language's texts for one tree, by their path in the loaded tree, and what is wrong with them."""

    language: str
    file: str
    texts: dict[PathKey, str] = field(default_factory=dict)  # the translations readers get (stale ones too)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)  # line and column of each text
    entries: dict[PathKey, Entry] = field(default_factory=dict)  # every text found, with the English it records
    left_over: dict[PathKey, Entry] = field(default_factory=dict)  # texts at places the tree no longer has
    unused: list[tuple[PathKey, Entry]] = field(default_factory=list)  # the `unused:` section: (was, entry)

    @property
    def ok(self) -> bool:
        """True when the translation has no error."""
        return not any(d.is_error for d in self.diagnostics)


def translation_path(tree_path: Path, language: str) -> Path:
    """Where the translation of a tree into ``language`` lives: beside it, ``<slug>.<language>.yaml``."""
    return tree_path.with_name(f"{tree_path.stem}.{language}{tree_path.suffix}")


def languages_for(tree_path: Path, project: Project) -> list[str]:
    """The languages a tree has or must have: its translation files beside it, and the project's required ones."""
    prefix, suffix = f"{tree_path.stem}.", tree_path.suffix
    # Only the names starting with the tree's own name and a dot are looked at, not the whole folder for every
    # tree: checking a folder of many trees would otherwise be quadratic in its size.
    # The tree's own name (`refund.yaml` under `refund.`) is no translation: its prefix and suffix overlap.
    found = {name[len(prefix):-len(suffix)] for name in _names_by_prefix(tree_path.parent).get(prefix, ())
             if name.endswith(suffix) and len(name) >= len(prefix) + len(suffix)
             and "." not in name[len(prefix):-len(suffix)]}
    return sorted(found | set(project.required_languages))


def _names_by_prefix(folder: Path) -> dict[str, tuple[str, ...]]:
    try:
        return _listing(str(folder), folder.stat().st_mtime_ns)
    except OSError:
        return {}


@functools.lru_cache(maxsize=16)
def _listing(folder: str, mtime: int) -> dict[str, tuple[str, ...]]:
    """The names in a folder under each of their beginnings that end in a dot (``a.zh.yaml`` under ``a.`` and
    ``a.zh.``), so that a tree's translations are found by its name alone."""
    # One listing per folder while it is unchanged: checking many trees must not list the folder each time.
    del mtime
    index: dict[str, list[str]] = {}
    for path in Path(folder).iterdir():
        dot = path.name.find(".")
        while dot != -1:
            index.setdefault(path.name[:dot + 1], []).append(path.name)
            dot = path.name.find(".", dot + 1)
    return {prefix: tuple(names) for prefix, names in index.items()}


def translated_texts(data: Any) -> Iterator[tuple[PathKey, str]]:
    """Every text of a loaded tree that needs a translation, with its path, in file order."""
    for found in schema_walk.walk(data):
        if schema_walk.is_translated(found.field.kind) and isinstance(found.value, str):
            yield found.path, found.value


def tree_texts(tree: LoadedTree) -> dict[PathKey, str]:
    """The texts of a loaded tree to translate, by path, in file order (none for a tree that did not load)."""
    return dict(translated_texts(tree.data)) if tree.data is not None else {}


def load_translation(path: Path, display: str, language: str, tree: LoadedTree, project: Project) -> Translation:
    """Read a translation file and check it against the loaded tree."""
    result = Translation(language, display)
    read = read_tree_file(path, display)
    result.diagnostics.extend(read.diagnostics)
    if read.root is None or tree.data is None:
        return result
    walker = _Walker(result, display, SourceLines(path), tree)
    with suggestion_budget():
        walker.walk(read.root, tree.data, (), schema_walk.TREE)
    texts = tree_texts(tree)
    result.entries, left_over = resolve(walker.found, texts)
    result.left_over = {p: e for p, e in left_over.items() if not tree.lost_under(p[:_list_end(p)])}
    result.unused = walker.unused
    result.texts = {p: e.text for p, e in result.entries.items() if e.text is not None}
    result.positions = {p: e.position for p, e in result.entries.items()}
    _report_progress(result, texts, walker, tree.file, project.language_name(language))
    return result


def _list_end(path: PathKey) -> int:
    return next((i for i, part in enumerate(path) if isinstance(part, int)), len(path))


def _report_progress(result: Translation, texts: dict[PathKey, str], walker: _Walker, tree_file: str,
                     name: str) -> None:
    """What is not translated yet (once, with a count), stale or left over: warnings, errors under --strict."""
    entries = result.entries
    waiting = [p for p in texts if (p not in entries or entries[p].text is None) and not walker.failed_under(p)]
    if waiting:
        first = waiting[0]
        line, column = entries[first].position if first in entries else walker.nearest(first)
        result.diagnostics.append(Diagnostic(
            result.file, line, column, WARNING, f"{len(waiting)} of {len(texts)} texts are not translated into "
            f"{name} yet (the first is {describe(first)}).",
            f"Fill in each empty `{result.language}:`; `wizard translate {tree_file}` adds any that are missing and "
            f"`wizard translate --status {tree_file}` lists them."))
    unrecorded = [p for p, e in entries.items() if e.status(texts[p]) == UNRECORDED]
    if unrecorded:
        line, column = entries[unrecorded[0]].position
        result.diagnostics.append(Diagnostic(
            result.file, line, column, WARNING, f"{len(unrecorded)} of {len(texts)} {name} texts do not record which "
            "English they translate, so a change to the English would go unnoticed.",
            f"Run `wizard translate {tree_file}`: it writes the current English beside each, taking them to be up "
            "to date (check them first if the English changed since they were translated)."))
    for text_path, entry in entries.items():
        if entry.status(texts[text_path]) != STALE:
            continue
        hint = (f"Update it to the English in `{SOURCE_KEY}:`, then delete the `{PREVIOUS_KEY}:` line."
                if entry.previous is not None else
                f"Run `wizard translate {tree_file}` to write the new English beside it (`--status` shows the old "
                "and the new), then update the translation.")
        result.diagnostics.append(Diagnostic(
            result.file, *entry.position, WARNING,
            f"the {name} text of {describe(text_path)} translates an older English text.", hint))
    for text_path, entry in result.left_over.items():
        if any(text_path[:i] in walker.orphan_roots for i in range(1, len(text_path) + 1)):
            continue  # its place was reported, once
        result.diagnostics.append(Diagnostic(
            result.file, *entry.position, WARNING,
            f"the {name} text of {describe(text_path)} translates English that the tree file no longer has.",
            f"Run `wizard translate {tree_file}`: it moves the translation to the text it was renamed or moved to, "
            f"or keeps it under `{UNUSED_KEY}:` at the end of the file."))
    kept = [entry for _, entry in result.unused if entry.text is not None]
    if kept:
        result.diagnostics.append(Diagnostic(
            result.file, *kept[0].position, WARNING,
            f"{len(kept)} {name} texts under `{UNUSED_KEY}:` translate texts that the tree file no longer has.",
            "Copy any you still need to its text, then delete them from the file; `wizard translate` moves one "
            "back by itself when a text gets its English again."))


def check_style(translation: Translation, project: Project) -> None:
    """Add the plain-language warnings of the translation's language (``content.toml``) to its diagnostics."""
    style = project.style(translation.language)
    if style is None:
        return
    for finding in check_texts(translation.texts.items(), style):
        line, column = translation.positions.get(finding.path, (1, 1))
        translation.diagnostics.append(Diagnostic(translation.file, line, column, WARNING, finding.message,
                                                  finding.hint))


def apply(compiled: CompiledTree, translation: Translation) -> CompiledTree:
    """A copy of a compiled tree with every text in the translation's language (``language`` set)."""
    tree = copy.deepcopy(compiled)
    tree["language"] = translation.language
    # Options the kind itself sets (yes, no) without a label of their own show the engine's word for them in
    # that language.
    nodes: dict[str, dict[str, Any]] = cast(dict[str, dict[str, Any]], tree["nodes"])  # any kind
    for nid, node in nodes.items():
        fixed = kinds.fixed_options(node)
        for option in node["options"] if fixed else []:
            if option["key"] in fixed and ("nodes", nid, "options", option["key"], "label") not in translation.texts:
                option["label"] = message(translation.language, option["key"])
    for text_path, text in translation.texts.items():
        _set(tree, text_path, text)
    return tree


def _set(tree: Mapping[str, Any], path: PathKey, text: str) -> None:
    target: Any = tree
    for index, part in enumerate(path[:-1]):
        if path[index - 1:index] == ("options",) and isinstance(target, list):
            # Compiled options are a list of {key, ...}; the loaded tree keys them by option key.
            target = next(option for option in target if option["key"] == part)
        else:
            target = target[part]
    if isinstance(target, dict):
        target[path[-1]] = text


class _Walker:
    """Walks the translation's YAML beside the loaded tree, collecting its entries and reporting mismatches.

    Entries are kept by their path in the file; list items are matched to the tree's afterwards (``resolve``).
    """

    def __init__(self, result: Translation, display: str, source: SourceLines, tree: LoadedTree) -> None:
        self.result = result
        self.language = result.language
        self.display = display
        self.source = source
        self.tree = tree  # what the tree file lost to its own errors is not the translation's fault
        self.positions: dict[PathKey, tuple[int, int]] = {}
        self.failed: set[PathKey] = set()
        self.found: dict[PathKey, Entry] = {}
        self.unused: list[tuple[PathKey, Entry]] = []
        self.orphan_roots: set[PathKey] = set()  # places the tree no longer has, reported once each

    def error(self, node: yaml.Node, message: str, hint: str | None = None) -> None:
        mark = node.start_mark
        self.result.diagnostics.append(Diagnostic(self.display, mark.line + 1, mark.column + 1, ERROR, message,
                                                  hint))

    def fail(self, path: PathKey) -> None:
        """Note that ``path`` was reported as wrong; inside a list, the whole list (its items are matched later)."""
        self.failed.add(path[:_list_end(path)])

    def nearest(self, path: PathKey) -> tuple[int, int]:
        """The position of the closest part of ``path`` that the translation has."""
        probe = path
        while probe:
            if probe in self.positions:
                return self.positions[probe]
            probe = probe[:-1]
        return self.positions.get((), (1, 1))

    def failed_under(self, path: PathKey) -> bool:
        """True when a part of ``path`` was already reported as wrong (no second message below it)."""
        return any(path[:i] in self.failed for i in range(len(path) + 1))

    def walk(self, node: yaml.Node, base: Any, path: PathKey, kind: schema.Kind) -> None:
        """Check the translation's ``node`` against ``base``, the tree's value of ``kind`` at ``path``."""
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(base, str):
            self.entry(node, path, kind)
            return
        if isinstance(base, list):
            self.walk_list(node, base, path, kind)
            return
        if not isinstance(base, Mapping):
            return
        if (isinstance(kind, schema.Shorthand) and isinstance(node, yaml.ScalarNode)
                and schema_walk.is_translated(kind.short)):
            # An object that may be written as its one text (a next step) may be translated that way too.
            self.walk(node, base.get(kind.field), (*path, kind.field), kind.short)
            return
        if not isinstance(node, yaml.MappingNode):
            self.fail(path)
            self.error(node, f"the translation of {describe(path) if path else 'the tree'} must be a mapping of "
                       "keys, like the tree file.")
            return
        kinds = _KindsOf(kind, base)
        allowed: list[str] | None = None  # listed once per mapping, when a key is unknown
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(path)  # the key could be any of them: their missing texts wait until it is fixed
                self.error(key_node, f"a key in the translation of {describe(path) if path else 'the tree'} is a "
                           "list or mapping; keys must be plain words, like in the tree file.")
                continue
            key = str(key_node.value)
            if self.tree.lost((*path, key)):
                self.fail((*path, key))  # left out of the tree for its own error: reported there, once
                continue
            if key not in base or (kinds.text(key) and base[key] is None):  # a text the tree file leaves out
                if not path and key == UNUSED_KEY:
                    self.unused_section(value_node)
                    continue
                if allowed is None:
                    allowed = [k for k, value in base.items() if value is not None and kinds.reads(k, value)]
                guess = did_you_mean(key, allowed)
                if guess:
                    self.fail((*path, guess))  # its texts are most likely here, misnamed: say it once
                where = describe(path) if path else "the tree"
                if self.orphans(value_node, (*path, key)):
                    # Translations of a part renamed or removed (or misspelt here): read, for `wizard translate`.
                    self.warn(key_node, f"`{key}` is not in {where} of the tree file, so its translations are "
                              "not used.", (f"Did you mean `{guess}`? " if guess else "") + self.carry_hint)
                    continue
                self.error(key_node, f"`{key}` is not in {where} of the tree file.",
                           f"Did you mean `{guess}`?" if guess else "Translate only what the tree file has.")
                continue
            child, child_kind = base[key], kinds.of(key)
            if child_kind is None or not kinds.reads(key, child):
                self.error(key_node, f"`{key}` in {describe(path)} is not translated: it belongs to the structure, "
                           "which only the tree file holds.", "Remove it from the translation.")
                continue
            self.walk(value_node, child, (*path, key), child_kind)

    def warn(self, node: yaml.Node, message: str, hint: str) -> None:
        mark = node.start_mark
        self.result.diagnostics.append(Diagnostic(self.display, mark.line + 1, mark.column + 1, WARNING, message,
                                                  hint))

    @property
    def carry_hint(self) -> str:
        """What to do about translations of texts the tree no longer has."""
        return (f"`wizard translate {self.tree.file}` moves them to the texts they were renamed or moved to, or "
                f"keeps them under `{UNUSED_KEY}:` at the end of the file.")

    def orphans(self, node: yaml.Node, path: PathKey) -> bool:
        """Read ``node``, at a place the tree no longer has, as left-over entries if it holds only translated
        texts that record their English (what ``wizard translate`` wrote; in a list, plain texts too, since a
        list's items are matched by their English anyway); False when it does not. The caller reports the place
        once (``orphan_roots``), not each text."""
        found = _entry_nodes(node, path, plain=isinstance(node, yaml.SequenceNode))
        if not found:
            return False
        for entry_path, entry_node in found:
            self.entry(entry_node, entry_path, _PLAIN)
        self.orphan_roots.add(path)
        return True

    def unused_section(self, node: yaml.Node) -> None:
        """The ``unused:`` list: translations that matched no text of the tree, each with ``was:``, its place."""
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        for index, item in enumerate(items):
            was = next((v for k, v in item.value if isinstance(k, yaml.ScalarNode) and k.value == WAS_KEY), None) \
                if isinstance(item, yaml.MappingNode) else None
            if not isinstance(was, yaml.ScalarNode) or _is_null(was):
                self.error(item, f"each item of `{UNUSED_KEY}:` is a translation the tree no longer uses: "
                           f"`{WAS_KEY}:` (where its text was), `{SOURCE_KEY}:` and `{self.language}:`.",
                           "Write it as `wizard translate` does, or delete the item.")
                continue
            rest = yaml.MappingNode(item.tag, [(k, v) for k, v in item.value if v is not was],
                                    item.start_mark, item.end_mark)
            entry = self.read_entry(rest, (UNUSED_KEY, index), _PLAIN)
            if entry is not None:
                self.unused.append((path_of(str(was.value)), entry))

    def entry(self, node: yaml.Node, path: PathKey, kind: schema.Kind) -> None:
        """One translated text, kept by its path (``read_entry``)."""
        found = self.read_entry(node, path, kind)
        if found is not None:
            self.found[path] = found

    def read_entry(self, node: yaml.Node, path: PathKey, kind: schema.Kind) -> Entry | None:
        """One translated text: ``en:`` (+ ``previous_en:``) and the translation, or a plain text (older files);
        None after reporting what is wrong with it."""
        where = f"the translation of {describe(path)}"
        position = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            text = None if _is_null(node) else self.text(node, path, kind)
            return Entry(None, text, position=position) if text is not None or _is_null(node) else None
        if not isinstance(node, yaml.MappingNode):
            self.fail(path)
            self.error(node, f"{where} must be a text, or `{SOURCE_KEY}:` and `{self.language}:`.")
            return None
        keys = (SOURCE_KEY, PREVIOUS_KEY, self.language)
        values: dict[str, yaml.ScalarNode] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else ""
            if key not in keys:
                guess = did_you_mean(key, keys)
                self.fail(path)
                self.error(key_node, f"`{key}` is not a part of {where}: it has `{SOURCE_KEY}:` (the English), "
                           f"`{self.language}:` (the translation) and, while stale, `{PREVIOUS_KEY}:`.",
                           f"Did you mean `{guess}`?" if guess else "Remove it.")
                continue
            if not isinstance(value_node, yaml.ScalarNode):
                self.fail(path)
                self.error(value_node, f"`{key}:` in {where} must be a text.")
                continue
            values[key] = value_node
        if path in self.failed:
            return None
        if SOURCE_KEY not in values:
            self.fail(path)
            self.error(node, f"{where} does not say which English it translates.",
                       f"Add `{SOURCE_KEY}:` with the English text of the tree file (`wizard translate` writes it).")
            return None
        text_node = values.get(self.language)
        text = None if text_node is None or _is_null(text_node) else self.text(text_node, path, kind)
        if text_node is not None and text is None and not _is_null(text_node):
            return None  # reported by `text`
        previous = values.get(PREVIOUS_KEY)
        if text_node is not None:
            position = (text_node.start_mark.line + 1, text_node.start_mark.column + 1)
        return Entry(_scalar(values[SOURCE_KEY]), text, None if previous is None else _scalar(previous), position)

    def text(self, node: yaml.ScalarNode, path: PathKey, kind: schema.Kind) -> str | None:
        """A translated text, or None after reporting it under the same text rules as the tree's own texts."""
        raw = str(node.value)
        where = f"the translation of {describe(path)}"
        found = check_text(raw, markdown=schema_walk.is_markdown(kind))
        if found is not None:
            line, column = self.source.position(node, found.offset)
            self.fail(path)
            self.result.diagnostics.append(Diagnostic(self.display, line, column, ERROR,
                                                      f"{where} {found.message}", found.hint))
            return None
        if is_blank(raw):
            self.fail(path)
            self.error(node, f"{where} has no visible character.", "Write a text, or leave it empty.")
            return None
        return raw.strip()

    def walk_list(self, node: yaml.Node, base: list[Any], path: PathKey, kind: schema.Kind) -> None:
        if not isinstance(node, yaml.SequenceNode):
            self.fail(path)
            self.error(node, f"the translation of {describe(path)} must be a list, like the tree file.")
            return
        if not base and node.value:
            self.orphans(node, path)
            self.result.diagnostics.append(Diagnostic(
                self.display, *self.positions[path], WARNING, f"the tree file has no {describe(path)} any more.",
                self.carry_hint))
            return
        # Any item may be matched to any of the tree's (by its English): check it against what they all have.
        union: Any = "" if base and all(isinstance(item, str) for item in base) else {}
        for item in base:
            for key, value in item.items() if isinstance(item, Mapping) else ():
                if union.get(key) is None:
                    union[key] = value
        for index, item_node in enumerate(node.value):
            self.walk(item_node, union, (*path, index), kind.item if isinstance(kind, schema.ListOf) else kind)


class _KindsOf:
    """The kinds of the keys of one mapping of the tree: an object's fields, or the entries of a map of ids."""

    def __init__(self, kind: schema.Kind, base: Mapping[str, Any]) -> None:
        self.entries = kind.value if isinstance(kind, schema.MapOf) else None  # keys here are ids, not fields
        self.spec = schema_walk.object_spec(kind, base)

    def of(self, key: str) -> schema.Kind | None:
        """The kind of the value under ``key`` (None for a key the schema does not have)."""
        if self.entries is not None:
            return self.entries
        found = self.spec.get(key) if self.spec is not None else None
        return found.kind if found is not None else None

    def text(self, key: str) -> bool:
        """Whether ``key`` holds a text that is translated."""
        kind = self.of(key)
        return kind is not None and schema_walk.is_translated(kind)

    def reads(self, key: str, value: Any) -> bool:
        """Whether a translation may have ``key``: a translated text, or a list or mapping with one inside."""
        kind = self.of(key)
        if kind is None or isinstance(value, str):
            return self.text(key)
        return isinstance(value, (Mapping, list)) and schema_walk.holds(kind, schema_walk.is_translated)


def _entry_nodes(node: yaml.Node, path: PathKey, *, plain: bool) -> list[tuple[PathKey, yaml.Node]] | None:
    """The translated texts (mappings with ``en:``, and plain texts if ``plain``) under ``node`` with their
    paths; None if it holds anything else."""
    if plain and isinstance(node, yaml.ScalarNode):
        return [(path, node)]
    if isinstance(node, yaml.MappingNode):
        keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
        if SOURCE_KEY in keys:
            return [(path, node)]
        parts: list[tuple[PathKey, yaml.Node]] = [(((*path, str(k.value)) if isinstance(k, yaml.ScalarNode)
                                                   else ()), v) for k, v in node.value]
    elif isinstance(node, yaml.SequenceNode):
        parts = [((*path, index), item) for index, item in enumerate(node.value)]
    else:
        return None
    found: list[tuple[PathKey, yaml.Node]] = []
    for part_path, part in parts:
        inner = _entry_nodes(part, part_path, plain=plain) if part_path else None
        if inner is None:
            return None
        found += inner
    return found


def _is_null(node: yaml.ScalarNode) -> bool:
    """An empty value (``zh:`` with nothing after it): a text not translated yet."""
    return not node.style and str(node.value) in _NULLS  # plain (this project's reader marks plain as "")


def _scalar(node: yaml.ScalarNode) -> str:
    return "" if _is_null(node) else str(node.value).strip()
