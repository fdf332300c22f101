"""Translations of a tree: a sibling file per language that holds only the texts, keyed like the tree.

``trees/withdraw-complaint.zh.yaml`` mirrors ``trees/withdraw-complaint.yaml`` but carries only what readers
read (questions, help, labels, reasons, verdicts, explanations, next steps, deadline labels, source titles).
The structure (ids, links, conditions, examples) stays in the one English file, so a change of logic is made
and reviewed once, and a translator cannot break it. The check here makes sure that every text has its
translation and that the translation names nothing the tree does not have, with ``file:line:col`` positions.
"""

from __future__ import annotations

import copy
import functools
import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from wizard.core.messages import message
from wizard.diagnostics import ERROR, WARNING, Diagnostic
from wizard.loader import LoadedTree, PathKey, describe, did_you_mean, suggestion_budget
from wizard.plain_language import check_texts, find_config, load_config, read_config
from wizard.scalar_position import SourceLines
from wizard.schema import MARKDOWN_FIELDS
from wizard.text_rules import check_text, is_blank
from wizard.yamlread import read_tree_file

# The fields that readers see, and so are translated. Everything else belongs to the structure.
TRANSLATED = frozenset({"title", "summary", "keywords", "question", "help", "unit", "label", "because", "verdict",
                        "explanation", "text", "passed", "section", "note"})
# The containers that hold translated fields somewhere inside them.
CONTAINERS = frozenset({"sources", "nodes", "options", "branches", "else", "next_steps", "deadlines"})
LANGUAGES = {"zh": "简体中文"}


@dataclass
class Translation:
    """One language's texts for one tree, by their path in the loaded tree, and what is wrong with them."""

    language: str
    file: str
    texts: dict[PathKey, str] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)  # line and column of each text

    @property
    def ok(self) -> bool:
        """True when the translation has no error."""
        return not any(d.is_error for d in self.diagnostics)


def translation_path(tree_path: Path, language: str) -> Path:
    """Where the translation of a tree into ``language`` lives: beside it, ``<slug>.<language>.yaml``."""
    return tree_path.with_name(f"{tree_path.stem}.{language}{tree_path.suffix}")


def languages_for(tree_path: Path) -> list[str]:
    """The languages a tree has or must have: its translation files beside it, and the required ones."""
    prefix, suffix = f"{tree_path.stem}.", tree_path.suffix
    found = {name[len(prefix):-len(suffix)] for name in _folder_names(tree_path.parent)
             if name.startswith(prefix) and name.endswith(suffix) and "." not in name[len(prefix):-len(suffix)]}
    return sorted(found | set(required_languages(tree_path.resolve().parent)))


def _folder_names(folder: Path) -> frozenset[str]:
    try:
        return _listing(str(folder), folder.stat().st_mtime_ns)
    except OSError:
        return frozenset()


@functools.lru_cache(maxsize=16)
def _listing(folder: str, mtime: int) -> frozenset[str]:
    # One listing per folder while it is unchanged: checking many trees must not list the folder each time.
    del mtime
    return frozenset(p.name for p in Path(folder).iterdir())


def required_languages(start: Path) -> list[str]:
    """The languages every tree must be translated into: ``[languages] required`` in ``content.toml``."""
    config = find_config(start)
    if config is None:
        return []
    data = read_config(config)
    return [str(language) for language in data.get("languages", {}).get("required", [])]


def translated_texts(data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    """Every text of a loaded tree that needs a translation, with its path, in file order."""
    if isinstance(data, Mapping):
        for key, value in data.items():
            if key == "examples":
                continue
            if key in TRANSLATED and isinstance(value, str):
                yield (*path, key), value
            elif isinstance(value, (Mapping, list)):
                yield from translated_texts(value, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield from translated_texts(item, (*path, index))


def load_translation(path: Path, display: str, language: str, tree: LoadedTree) -> Translation:
    """Read a translation file and check it against the loaded tree."""
    result = Translation(language, display)
    read = read_tree_file(path, display)
    result.diagnostics.extend(read.diagnostics)
    if read.root is None or tree.data is None:
        return result
    walker = _Walker(result, display, SourceLines(path), tree)
    with suggestion_budget():
        walker.walk(read.root, tree.data, ())
    result.positions = walker.positions
    for text_path, _ in translated_texts(tree.data):
        if text_path not in result.texts and not walker.failed_under(text_path):
            line, column = walker.nearest(text_path)
            result.diagnostics.append(Diagnostic(
                display, line, column, ERROR, f"the {LANGUAGES.get(language, language)} text of "
                f"{describe(text_path)} is missing.", f"Add `{text_path[-1]}:` with its translation."))
    return result


def check_style(translation: Translation, tree_path: Path) -> None:
    """Add the plain-language warnings of the translation's language (``content.toml``) to its diagnostics."""
    config_path = find_config(tree_path.resolve().parent)
    if config_path is None:
        return
    style = load_config(config_path, translation.language)
    for finding in check_texts(translation.texts.items(), style):
        line, column = translation.positions.get(finding.path, (1, 1))
        translation.diagnostics.append(Diagnostic(translation.file, line, column, WARNING, finding.message,
                                                  finding.hint))


def skeleton(tree: LoadedTree, existing: Translation | None = None) -> dict[str, Any]:
    """The shape of a translation file for ``tree``: every text, translated where ``existing`` has it.

    Texts not yet translated keep their English wording, for the translator to replace.
    """
    result: dict[str, Any] = {}
    for text_path, text in translated_texts(tree.data):
        target: Any = result
        for part, following in itertools.pairwise(text_path):
            if isinstance(target, list):
                while len(target) <= int(part):
                    target.append({})
                target = target[int(part)]
                continue
            target = target.setdefault(part, [] if isinstance(following, int) else {})
        if isinstance(target, list):
            continue  # lists only ever hold mappings in a tree
        target[text_path[-1]] = existing.texts.get(text_path, text) if existing else text
    return result


def apply(compiled: Mapping[str, Any], translation: Translation) -> dict[str, Any]:
    """A copy of a compiled tree with every text in the translation's language (``language`` set)."""
    tree = copy.deepcopy(dict(compiled))
    tree["language"] = translation.language
    # Yes/no options without a label of their own show the engine's word for yes and no in that language.
    for nid, node in tree["nodes"].items():
        if node["type"] == "yesno":
            for option in node["options"]:
                if ("nodes", nid, "options", option["key"], "label") not in translation.texts:
                    option["label"] = message(translation.language, option["key"])
    for text_path, text in translation.texts.items():
        _set(tree, text_path, text)
    return tree


def _set(tree: dict[str, Any], path: PathKey, text: str) -> None:
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
    """Walks the translation's YAML beside the loaded tree, collecting texts and reporting mismatches."""

    def __init__(self, result: Translation, display: str, source: SourceLines, tree: LoadedTree) -> None:
        self.result = result
        self.display = display
        self.source = source
        self.tree = tree  # what the tree file lost to its own errors is not the translation's fault
        self.positions: dict[PathKey, tuple[int, int]] = {}
        self.failed: set[PathKey] = set()

    def error(self, node: yaml.Node, message: str, hint: str | None = None) -> None:
        mark = node.start_mark
        self.result.diagnostics.append(Diagnostic(self.display, mark.line + 1, mark.column + 1, ERROR, message,
                                                  hint))

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

    def walk(self, node: yaml.Node, base: Any, path: PathKey) -> None:
        self.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(base, str):
            if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
                self.failed.add(path)
                self.error(node, f"the translation of {describe(path)} must be a text.")
                return
            self.text(node, path)
            return
        if isinstance(base, list):
            self.walk_list(node, base, path)
            return
        if not isinstance(base, Mapping):
            return
        if path and path[-2:-1] == ("next_steps",) and isinstance(node, yaml.ScalarNode):
            self.walk(node, base.get("text"), (*path, "text"))  # a next step may be written as its text
            return
        if not isinstance(node, yaml.MappingNode):
            self.failed.add(path)
            self.error(node, f"the translation of {describe(path) if path else 'the tree'} must be a mapping of "
                       "keys, like the tree file.")
            return
        keyed = path[-1:] in (("nodes",), ("options",), ("sources",))  # keys here are ids, not fields
        allowed: list[str] | None = None  # listed once per mapping, when a key is unknown
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.failed.add(path)  # the key could be any of them: their missing texts wait until it is fixed
                self.error(key_node, f"a key in the translation of {describe(path) if path else 'the tree'} is a "
                           "list or mapping; keys must be plain words, like in the tree file.")
                continue
            key = str(key_node.value)
            if self.tree.lost((*path, key)):
                self.failed.add((*path, key))  # left out of the tree for its own error: reported there, once
                continue
            if key not in base or (key in TRANSLATED and base[key] is None):  # a text the tree file leaves out
                if allowed is None:
                    allowed = [k for k, value in base.items()
                               if value is not None and (k in TRANSLATED or k in CONTAINERS or keyed)]
                guess = did_you_mean(key, allowed)
                if guess:
                    self.failed.add((*path, guess))  # its texts are most likely here, misnamed: say it once
                where = describe(path) if path else "the tree"
                self.error(key_node, f"`{key}` is not in {where} of the tree file.",
                           f"Did you mean `{guess}`?" if guess else "Translate only what the tree file has.")
                continue
            child = base[key]
            translatable = key in TRANSLATED and isinstance(child, str)
            container = isinstance(child, (Mapping, list)) and (key in CONTAINERS or keyed)
            if not translatable and not container:
                self.error(key_node, f"`{key}` in {describe(path)} is not translated: it belongs to the structure, "
                           "which only the tree file holds.", "Remove it from the translation.")
                continue
            self.walk(value_node, child, (*path, key))

    def text(self, node: yaml.ScalarNode, path: PathKey) -> None:
        """Keep a translated text, or report it under the same text rules as the tree's own texts."""
        raw = str(node.value)
        where = f"the translation of {describe(path)}"
        found = check_text(raw, markdown=path[-1] in MARKDOWN_FIELDS)
        if found is not None:
            line, column = self.source.position(node, found.offset)
            self.failed.add(path)
            self.result.diagnostics.append(Diagnostic(self.display, line, column, ERROR,
                                                      f"{where} {found.message}", found.hint))
        elif is_blank(raw):
            self.failed.add(path)
            self.error(node, f"{where} has no visible character.", "Write a text, or remove the key.")
        else:
            self.result.texts[path] = raw.strip()

    def walk_list(self, node: yaml.Node, base: list[Any], path: PathKey) -> None:
        if not isinstance(node, yaml.SequenceNode):
            self.failed.add(path)
            self.error(node, f"the translation of {describe(path)} must be a list, like the tree file.")
            return
        if len(node.value) != len(base):
            self.failed.add(path)
            if self.tree.lost(path):
                return  # the tree file lost an item of this list to its own error: the counts differ for that
            self.error(node, f"{describe(path)} has {len(base)} item(s) in the tree file but {len(node.value)} in "
                       "the translation.", "Translate each item, in the same order.")
            return
        for index, (item_node, item) in enumerate(zip(node.value, base, strict=True)):
            self.walk(item_node, item, (*path, index))
