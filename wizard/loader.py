"""Strict, schema-driven loading of a tree file: plain data, the position of every value, field-level errors.

The loader reads YAML *nodes*, not Python objects, so it decides the type of every value from the schema,
not from YAML's guessing: `label: no` stays the text "no" and `reviewed: 2026-02-30` is reported as a date
that does not exist, instead of surprising an editor later.
"""

from __future__ import annotations

import collections
import contextlib
import contextvars
import datetime
import difflib
import functools
import itertools
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from wizard import indentation, misplaced, schema, text_rules
from wizard.diagnostics import ERROR, Diagnostic
from wizard.scalar_position import SourceLines
from wizard.yamlread import ReadResult, read_tree_file

PathKey = tuple[str | int, ...]

# Used with fullmatch, never match: `$` also matches before a final line break, and "amount\n" is no id.
# ASCII only: \d would take other scripts' digits, which int() reads but an editor would not expect.
_ID_RE = re.compile(schema.NODE_ID_PATTERN, re.ASCII)
_SLUG_RE = re.compile(schema.SLUG_PATTERN, re.ASCII)
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_INT_RE = re.compile(r"[-+]?\d{1,15}", re.ASCII)
_NUMBER_RE = re.compile(r"[-+]?(\d{1,15}(\.\d{1,10})?|\.\d{1,10})", re.ASCII)
# Not ASCII-only: `\s` must also refuse the other scripts' spaces inside an address.
_URL_RE = re.compile(schema.URL_PATTERN)
_NULLS = {"", "~", "null", "Null", "NULL"}
_DEFINED_IDS = ("node", "source", "option")  # the mappings whose keys define ids (see ``schema.MapOf.what``)


class _Invalid:
    """Marks a value that had an error; the caller leaves it out and goes on, to report every problem."""


INVALID = _Invalid()


@dataclass
class LoadedTree:
    """A tree file as plain data, with where each value stands in the file."""

    file: str
    slug: str
    data: dict[str, Any] | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    value_positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    quoted: dict[PathKey, None] = field(default_factory=dict)  # formulas written in quotes (an ordered set)
    # Node ids left out because the node itself has an error (and the lower-case id the editor likely meant):
    # the checker must not report links to them, or the loss of what lies beyond them, a second time.
    dropped_nodes: set[str] = field(default_factory=set)
    dropped_sources: set[str] = field(default_factory=set)
    # Paths whose value was left out, whole or in part, for an error already reported: a field or list item that
    # could not be read, a mapping that lost an entry with an unusable id, a list or mapping with too few items.
    # What depends on them waits until they are fixed: one error per mistake.
    dropped: set[PathKey] = field(default_factory=set)
    _within: tuple[int, frozenset[PathKey]] | None = field(default=None, repr=False, compare=False)

    def lost(self, path: PathKey) -> bool:
        """True when the value at ``path``, or a container of it, was left out for its own reported error."""
        return any(path[:i] in self.dropped for i in range(1, len(path) + 1))

    def lost_under(self, path: PathKey) -> bool:
        """True when something inside the value at ``path`` (or the value itself) was left out."""
        return self.lost(path) or path in self.dropped_within()

    def dropped_within(self) -> frozenset[PathKey]:
        """Every path that holds something left out (the dropped paths and all their containers)."""
        # Worked out once loading is over and kept: the checker asks for every node and answer.
        if self._within is None or self._within[0] != len(self.dropped):
            within = frozenset(p[:i] for p in self.dropped for i in range(1, len(p) + 1))
            self._within = (len(self.dropped), within)
        return self._within[1]

    def position(self, path: PathKey, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value (or its key) at ``path``, or of the nearest enclosing one."""
        table = self.key_positions if key else self.value_positions
        probe = path
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.value_positions:
                return self.value_positions[probe]
            probe = probe[:-1]
        return (1, 1)

    def expression_position(self, path: PathKey, offset: int) -> tuple[int, int]:
        """Line and column of character ``offset`` of the formula stored at ``path``."""
        line, column = self.position(path)
        # A quoted formula starts one column after its opening quote.
        return line, column + offset + (1 if path in self.quoted else 0)


def slug_of(path: Path) -> str:
    """The slug of a tree file: its name without ``.yaml``."""
    return path.name[: -len(path.suffix)] if path.suffix else path.name


def load_tree(path: Path, display: str | None = None) -> LoadedTree:
    """Read and load one tree file, collecting every field-level problem."""
    name = display if display is not None else str(path)
    return load_read(path, name, read_tree_file(path, name))


def load_read(path: Path, name: str, result: ReadResult) -> LoadedTree:
    """Load a tree file already read into YAML nodes (``wizard.yamlread``), collecting every field-level problem;
    ``name`` is the file's name in messages."""
    slug = slug_of(path)
    loaded = LoadedTree(name, slug, None, list(result.diagnostics))
    if result.root is None:
        return loaded
    if path.suffix not in (".yaml", ".yml"):
        loaded.diagnostics.append(Diagnostic(name, 1, 1, ERROR, "a tree file must end in `.yaml`."))
    if not _SLUG_RE.fullmatch(slug):
        loaded.diagnostics.append(Diagnostic(
            name, 1, 1, ERROR, f"the file name `{slug}` cannot be a page address.",
            "Use lower-case letters, digits and hyphens, like `withdraw-complaint.yaml`.",
        ))
    walker = _Walker(loaded, SourceLines(path))
    data = walker.walk(result.root, schema.Obj("tree"), ())
    if isinstance(data, dict):
        loaded.data = data
    return loaded


def describe(path: PathKey) -> str:
    """A path as an editor would say it: ``node `accepted`, option `yes```."""
    parts: list[str] = []
    i = 0
    while i < len(path):
        part = path[i]
        nxt = path[i + 1] if i + 1 < len(path) else None
        if part in ("nodes", "sources", "options") and nxt is not None:
            noun = {"nodes": "node", "sources": "source", "options": "option"}[str(part)]
            parts.append(f"{noun} `{nxt}`")
            i += 2
            continue
        if part in ("examples", "branches", "next_steps", "deadlines") and isinstance(nxt, int):
            item = {"examples": "example", "branches": "branch", "next_steps": "next step", "deadlines": "deadline"}
            parts.append(f"{item[str(part)]} {nxt + 1}")
            i += 2
            continue
        parts.append(f"`{part}`")
        i += 1
    return ", ".join(parts) if parts else "the file"


# "Did you mean" compares the word with candidates one by one (difflib). Over thousands of node ids, for thousands
# of misspelt links, that is quadratic: each word is compared with at most MAX_CANDIDATES_TRIED candidates (those
# nearest in length), and a file gets at most MAX_COMPARISONS_PER_FILE comparisons in all; after that its
# messages go without a guess. A file with that many typos has its first errors shown with guesses anyway.
MAX_CANDIDATES_TRIED = 200
MAX_COMPARISONS_PER_FILE = 10_000
# difflib's ratio is 2·matches / (len(a) + len(b)) ≥ 0.6 only when the longer is at most 7/3 of the shorter.
_CUTOFF = 0.6


@dataclass
class _Budget:
    left: int


_budget: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("suggestion_budget", default=None)


@contextlib.contextmanager
def suggestion_budget(comparisons: int = MAX_COMPARISONS_PER_FILE) -> Iterator[None]:
    """Bound the "did you mean" work of everything inside (one file's check) to ``comparisons`` comparisons."""
    token = _budget.set(_Budget(comparisons))
    try:
        yield
    finally:
        _budget.reset(token)


def did_you_mean(word: str, candidates: Collection[str]) -> str | None:
    """The closest candidate to a misspelt word, if one is close enough (bounded work, see above)."""
    budget = _budget.get()
    if budget is not None and budget.left <= 0:
        return None
    pool = list(candidates) if len(candidates) <= MAX_CANDIDATES_TRIED else _likely_candidates(word, candidates)
    if budget is not None:
        budget.left -= len(pool)
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=_CUTOFF)
    return matches[0] if matches else None


def _likely_candidates(word: str, candidates: Collection[str]) -> list[str]:
    """Up to MAX_CANDIDATES_TRIED candidates most likely to be close: those sharing the most three-letter pieces
    with the word, then those nearest in length. Lengths too far apart to reach the cutoff are never taken.

    Pieces shared by more than MAX_CANDIDATES_TRIED candidates (``ste`` in ``step_1`` … ``step_9999``) tell
    nothing and would cost a pass over them all, so they are not counted.
    """
    index = _index(tuple(candidates))
    size = len(word)
    shared: collections.Counter[str] = collections.Counter()
    for piece in _pieces(word):
        holders = index.by_piece.get(piece, ())
        if len(holders) <= MAX_CANDIDATES_TRIED:
            shared.update(holders)
    pool = [c for c, _ in shared.most_common(MAX_CANDIDATES_TRIED // 2) if _may_reach_cutoff(len(c), size)]
    taken = set(pool)
    for distance in range(0, size + 1):
        for length in (size - distance, size + distance) if distance else (size,):
            if _may_reach_cutoff(length, size):
                for candidate in index.by_length.get(length, ())[:MAX_CANDIDATES_TRIED]:
                    if len(pool) < MAX_CANDIDATES_TRIED and candidate not in taken:
                        pool.append(candidate)
                        taken.add(candidate)
        if len(pool) >= MAX_CANDIDATES_TRIED or not _may_reach_cutoff(size + distance, size):
            break
    return pool


def _may_reach_cutoff(length: int, size: int) -> bool:
    return 3 * max(length, size) <= 7 * min(length, size)


def _pieces(word: str) -> set[str]:
    return {word[i:i + 3] for i in range(len(word) - 2)}


@dataclass(frozen=True)
class _CandidateIndex:
    by_length: dict[int, list[str]]
    by_piece: dict[str, list[str]]


@functools.lru_cache(maxsize=8)
def _index(candidates: tuple[str, ...]) -> _CandidateIndex:
    # Built once per list of candidates (a file's node ids), not once per misspelt word.
    index = _CandidateIndex({}, {})
    for candidate in dict.fromkeys(candidates):
        index.by_length.setdefault(len(candidate), []).append(candidate)
        for piece in _pieces(candidate):
            index.by_piece.setdefault(piece, []).append(candidate)
    return index


class _Walker:
    """Walks YAML nodes against the schema, recording values, positions and problems."""

    def __init__(self, loaded: LoadedTree, source: SourceLines) -> None:
        self.loaded = loaded
        self.source = source
        self.enclosing: list[misplaced.Enclosing] = []  # the objects being walked, outermost first
        # Keys reported as misplaced by their indentation: that their object lacks them is the same mistake.
        self.moved: set[PathKey] = set()
        self.moved_into: set[PathKey] = set()  # the objects and mappings those keys belong to
        # Ids that passed every rule, reserved words included: a file names each of its ids many times.
        self.good_ids: set[str] = set()

    # Reporting ---------------------------------------------------------------------------------------------

    def error(self, node: yaml.Node, message: str, hint: str | None = None) -> _Invalid:
        mark = node.start_mark
        self.loaded.diagnostics.append(Diagnostic(
            self.loaded.file, mark.line + 1, mark.column + 1, ERROR, message, hint,
        ))
        return INVALID

    def place(self, node: yaml.Node, path: PathKey) -> None:
        self.loaded.value_positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)

    # Dispatch ----------------------------------------------------------------------------------------------

    def walk(self, node: yaml.Node, kind: schema.Kind, path: PathKey) -> object:
        mark = node.start_mark  # ``place``, written out: this runs for every value of every file
        self.loaded.value_positions[path] = (mark.line + 1, mark.column + 1)
        # One look-up in a table made once (``_READERS``), not a chain of isinstance tests at every value.
        return _READERS[type(kind)](self, node, kind, path)

    def read_obj(self, node: yaml.Node, kind: schema.Obj, path: PathKey) -> object:
        return self.obj(node, schema.spec(kind.name), path)

    def shorthand(self, node: yaml.Node, kind: schema.Shorthand, path: PathKey) -> object:
        spec = schema.spec(kind.name)
        if not isinstance(node, yaml.ScalarNode):
            return self.obj(node, spec, path)
        value = self.walk(node, kind.short, path)
        if value is INVALID:
            return INVALID
        filled = spec.defaults()
        filled[kind.field] = value
        missing = [f.name for f in spec.required_fields if f.name != kind.field]
        if missing:
            return self.error(node, f"{describe(path)} needs {_keys(missing)}, so it cannot be written "
                              "as a single value.", f"Write it as a mapping with {_keys(missing)}.")
        return filled

    # Containers --------------------------------------------------------------------------------------------

    def mapping_items(self, node: yaml.MappingNode, path: PathKey,
                      end: int | None = None) -> list[tuple[str, yaml.Node, yaml.Node]]:
        """The (key, key node, value node) pairs of a mapping (up to entry ``end``); duplicate and non-text keys
        are reported."""
        seen: dict[str, yaml.Node] = {}
        items: list[tuple[str, yaml.Node, yaml.Node]] = []
        positions = self.loaded.key_positions
        for key_node, value_node in node.value if end is None else node.value[:end]:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(key_node, f"a key in {describe(path)} is a list or mapping; keys must be plain words.")
                continue
            key = str(key_node.value)
            if key in seen:
                first = seen[key].start_mark
                self.error(key_node, f"duplicate key `{key}` in {describe(path)}; it is already used on line "
                           f"{first.line + 1}.", "Remove one of the two or rename it.")
                continue
            seen[key] = key_node
            mark = key_node.start_mark
            positions[(*path, key)] = (mark.line + 1, mark.column + 1)
            items.append((key, key_node, value_node))
        return items

    def obj(self, node: yaml.Node, spec: schema.ObjectSpec, path: PathKey) -> object:
        if not isinstance(node, yaml.MappingNode):
            what = "the file" if not path else describe(path)
            return self.error(node, f"{what} must be a mapping of keys ({_keys(spec.field_names()[:3])}, ...), "
                              f"not {_shape(node)}.", _shape_hint(node))
        result: dict[str, Any] = {}
        present: set[str] = set()
        broken = False  # a required key missing or unreadable: later stages could not use the object
        # Keys of an item above written one level too shallow: known before that item is walked, so that it does
        # not also report them missing.
        below: dict[str, misplaced.Placement] = {}
        fields = spec.by_name
        end = None
        # Both searches below start from a plain key the object does not have: most objects have none, and skip
        # them after this one pass.
        if not all(type(key) is yaml.ScalarNode and str(key.value) in fields for key, _ in node.value):
            for above, entry in zip(node.value, node.value[1:], strict=False):
                key = str(entry[0].value)
                if isinstance(entry[0], yaml.ScalarNode) and key not in fields:
                    placement = misplaced.belongs_below(entry, above, spec, path, describe)
                    if placement is not None:
                        below[key] = placement
            for placement in below.values():
                self.move(placement.target)
            end = misplaced.nested_id(node, spec) if path else None
            if end is not None:
                self.nested_id(node.value[end][0], path)
        self.enclosing.append(misplaced.Enclosing(path, spec, node))
        for key, key_node, value_node in self.mapping_items(node, path, end):
            field_spec = fields.get(key)
            if field_spec is None:
                self.unknown_key(key, key_node, path, spec, below.get(key))
                continue
            present.add(key)
            value = self.walk(value_node, field_spec.kind, (*path, key))
            if value is not INVALID:
                result[key] = value
            else:
                self.loaded.dropped.add((*path, key))
                broken = broken or field_spec.required
        self.enclosing.pop()
        for field_spec in spec.required_fields:
            if field_spec.name not in present:
                broken = True
                self.loaded.dropped.add((*path, field_spec.name))
                if (*path, field_spec.name) in self.moved:
                    continue  # reported where it was written, with where it belongs
                if self.swallowed(field_spec.name, node):
                    continue
                self.error(node, f"{describe(path)} is missing the required key `{field_spec.name}`.",
                           f"Add `{field_spec.name}:` ({field_spec.doc.rstrip('.').lower()}).")
        if broken and path:
            # Its errors are reported; leaving the object out keeps later checks from tripping over it. The
            # file itself (empty path) is kept in part, so that what can still be checked is.
            return INVALID
        ordered = spec.defaults()
        ordered.update(result)
        return ordered

    def swallowed(self, key: str, node: yaml.MappingNode) -> bool:
        """Report a missing ``key`` written inside a text of the same object, as far indented as the text (YAML
        reads it, and all under it, as more of that text). True if so."""
        pattern = re.compile(rf"\s*{re.escape(key)}\s*:(\s|$)")
        lines = self.source.lines
        for key_node, value in node.value:
            if not (isinstance(value, yaml.ScalarNode) and value.end_mark.line > value.start_mark.line):
                continue
            for number in range(value.start_mark.line + 1, min(value.end_mark.line + 1, len(lines))):
                if pattern.match(lines[number]):
                    column = len(lines[number]) - len(lines[number].lstrip())
                    shift = indentation.spaces(column - key_node.start_mark.column)
                    self.loaded.diagnostics.append(Diagnostic(
                        self.loaded.file, number + 1, column + 1, ERROR,
                        f"{indentation.PREFIX}`{key}` is indented too far: YAML reads it as more of the text of "
                        f"`{key_node.value}` on line {key_node.start_mark.line + 1}.",
                        f"Move it {shift} to the left, in line with `{key_node.value}`, and what is under it too."))
                    return True
        return False

    def move(self, target: PathKey) -> None:
        """Note a key reported as misplaced, by the path where it belongs."""
        self.moved.add(target)
        self.moved_into.add(target[:-1])

    def nested_id(self, key_node: yaml.Node, path: PathKey) -> None:
        """Report the id of the next item written inside the object at ``path`` (see ``misplaced.nested_id``)."""
        key = str(key_node.value)
        line, column = self.loaded.key_positions.get(path, (0, 0))
        owner = f"`{path[-1]}`" if isinstance(path[-1], str) else describe(path)
        shift = indentation.spaces(key_node.start_mark.column + 1 - column)
        self.error(key_node, f"{indentation.PREFIX}`{key}` is indented too far: it is read as a key of "
                   f"{describe(path)}, but the keys after it repeat those of {owner}: it looks like the id of the next "
                   f"one.", f"Move it {shift} to the left, in line with {owner} (line {line}), and its keys with it."
                   if line else "Move it to the left, in line with the ids above it, and its keys with it.")
        self.loaded.dropped.update({path, (*path[:-1], key)})
        self.moved_into.add(path[:-1])
        if path[:-1] == ("nodes",):
            self.loaded.dropped_nodes.add(key)
        elif path[:-1] == ("sources",):
            self.loaded.dropped_sources.add(key)

    def unknown_key(self, key: str, key_node: yaml.Node, path: PathKey, spec: schema.ObjectSpec,
                    placement: misplaced.Placement | None) -> None:
        """A key the object does not have: misplaced by its indentation when it fits an object above or below."""
        placement = placement or misplaced.belongs_above(key, key_node, self.enclosing, path, describe)
        if placement is not None:
            self.move(placement.target)
            self.loaded.dropped.add(placement.target[:-1])
            self.error(key_node, indentation.PREFIX + placement.message, placement.hint)
            return
        allowed = spec.field_names()
        guess = did_you_mean(key, allowed)
        hint = (f"Did you mean `{guess}`? " if guess else "") + f"Allowed keys: {', '.join(allowed)}."
        self.error(key_node, f"unknown key `{key}` in {describe(path)}.", hint)

    def tagged(self, node: yaml.Node, kind: schema.Tagged, path: PathKey) -> object:
        if not isinstance(node, yaml.MappingNode):
            return self.error(node, f"{describe(path)} must be a mapping with a `{kind.tag}`, not {_shape(node)}.",
                              _shape_hint(node))
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == kind.tag:
                if not isinstance(value_node, yaml.ScalarNode):
                    return self.error(value_node, f"`{kind.tag}` of {describe(path)} must be a single word, not "
                                      f"{_shape(value_node)}.", f"Use one of: {', '.join(kind.variants)}.")
                variant = str(value_node.value)
                if variant in kind.variants:
                    return self.obj(node, schema.spec(variant), path)
                guess = did_you_mean(variant, kind.variants) if variant else None
                hint = (f"Did you mean `{guess}`? " if guess else "") + f"Use one of: {', '.join(kind.variants)}."
                return self.error(value_node, f"`{variant}` is not a {kind.tag} of {describe(path)}.", hint)
        return self.error(node, f"{describe(path)} is missing the required key `{kind.tag}`.",
                          f"Add `{kind.tag}:` with one of: {', '.join(kind.variants)}.")

    def list_of(self, node: yaml.Node, kind: schema.ListOf, path: PathKey) -> object:
        if not isinstance(node, yaml.SequenceNode):
            hint = "Write it as a list: one item per line starting with `- `, or [a, b] on one line."
            return self.error(node, f"{describe(path)} must be a list, not {_shape(node)}.", hint)
        if len(node.value) < kind.min_items:
            # Reported, but the items are still read, so that the rest of the tree is checked as written.
            self.loaded.dropped.add(path)
            self.error(node, f"{describe(path)} needs at least {kind.min_items} item(s).")
        items = []
        kept: list[int] = []
        marks = tuple(len(table) for table in self.tables())
        for index, item_node in enumerate(node.value):
            value = self.walk(item_node, kind.item, (*path, index))
            if value is not INVALID:
                items.append(value)
                kept.append(index)
        if len(kept) < len(node.value):
            self.loaded.dropped.add(path)
            self.renumber(path, kept, marks)
        return items

    def renumber(self, path: PathKey, kept: list[int], marks: tuple[int, ...]) -> None:
        """After items of the list at ``path`` were left out, file the positions of the rest under their new
        index, so that a later message about item ``i`` of the loaded list points at that item's line.

        ``marks`` are the sizes of the position tables before the list's items were walked: only entries added
        since then (the newest, as tables keep insertion order) belong to the list, so this never rescans a file.
        """
        new_index = {old: new for new, old in enumerate(kept)}
        size = len(path)
        for table, mark in zip(self.tables(), marks, strict=True):
            recent = list(itertools.islice(reversed(table), len(table) - mark))[::-1]
            moved = {}
            for key in recent:
                where = table.pop(key)
                index = key[size] if len(key) > size else None
                if isinstance(index, int) and index in new_index:
                    moved[(*path, new_index[index], *key[size + 1:])] = where
            table.update(moved)

    def tables(self) -> tuple[dict[PathKey, Any], ...]:
        """The position tables, in insertion order (``quoted`` maps to None)."""
        return (self.loaded.value_positions, self.loaded.key_positions, self.loaded.quoted)

    def map_of(self, node: yaml.Node, kind: schema.MapOf, path: PathKey) -> object:
        if not isinstance(node, yaml.MappingNode) and path in self.moved_into:
            return INVALID  # its entries were written at another level: reported there
        if not isinstance(node, yaml.MappingNode):
            return self.error(node, f"{describe(path)} must be a mapping of {kind.what} ids to values, "
                              f"not {_shape(node)}.", _shape_hint(node))
        result: dict[str, Any] = {}
        # Ids that only refer to something defined elsewhere (answers, expected deadlines) may be any word: the
        # checker reports one that names nothing. Reserved words are refused where an id is defined.
        defines = kind.what in _DEFINED_IDS
        strays = misplaced.stray_entries(node, kind, path, self.enclosing[-1] if self.enclosing else None, describe)
        emptied = {p.target[-2] for p in strays.values() if p.message.startswith("the keys of")}
        for placement in strays.values():  # before the objects they belong to are walked
            self.move(placement.target)
        reported: set[int] = set()
        for key, key_node, value_node in self.mapping_items(node, path):
            stray = strays.get(key)
            if stray is not None or key in emptied:
                # Keys written at the level of the ids: one mistake, reported once at its first key.
                self.loaded.dropped.update({path, stray.target[:-1]} if stray is not None else {path})
                if path == ("nodes",):
                    self.loaded.dropped_nodes.add(key)
                if stray is not None and id(stray) not in reported:
                    reported.add(id(stray))
                    self.error(key_node, indentation.PREFIX + stray.message, stray.hint)
                continue
            if not self.check_id(key_node, key, f"{kind.what} id", path, reserved=defines):
                self.loaded.dropped.add(path)
                if path == ("nodes",):
                    self.loaded.dropped_nodes.update({key, _id_suggestion(key)})
                continue
            value = self.walk(value_node, kind.value, (*path, key))
            if value is not INVALID:
                result[key] = value
                continue
            self.loaded.dropped.add((*path, key))
            if path == ("nodes",):
                self.loaded.dropped_nodes.add(key)
            elif path == ("sources",):
                self.loaded.dropped_sources.add(key)
        if len(node.value) < kind.min_items:
            self.loaded.dropped.add(path)
            if path not in self.moved_into:  # an item written at another level is reported there, with where
                self.error(node, f"{describe(path)} needs at least {kind.min_items} {kind.what}(s).")
        return result

    def check_id(self, node: yaml.Node, value: str, what: str, path: PathKey, *, reserved: bool = True) -> bool:
        if value in self.good_ids:
            return True
        if len(value) > schema.MAX_ID_LENGTH:
            self.error(node, f"the {what} `{value[:20]}...` in {describe(path)} is longer than "
                       f"{schema.MAX_ID_LENGTH} characters.")
            return False
        if not _ID_RE.fullmatch(value):
            self.error(node, f"`{value}` cannot be used as {misplaced.with_article(what)}: use lower-case letters, "
                       "digits and underscores, starting with a letter.", f"For example `{_id_suggestion(value)}`.")
            return False
        if reserved and value in schema.RESERVED_IDS:
            self.error(node, f"`{value}` is a reserved word of the formula language and cannot be used as "
                       f"{misplaced.with_article(what)}.",
                       f"Pick another name, like `{value}_answer`.")
            return False
        if value not in schema.RESERVED_IDS:
            self.good_ids.add(value)
        return True

    # Scalars -----------------------------------------------------------------------------------------------

    def scalar(self, node: yaml.Node, kind: schema.Kind, path: PathKey) -> object:
        if not isinstance(node, yaml.ScalarNode):
            return self.error(node, f"{describe(path)} must be {_expected(kind)}, not {_shape(node)}.",
                              _shape_hint(node))
        raw = str(node.value)
        if node.style in ('"', "'"):
            self.loaded.quoted[path] = None
        elif raw in _NULLS and not isinstance(kind, schema.AnswerValue):
            return self.error(node, f"{describe(path)} is empty.", "Write a value, or remove the key.")
        # Each message words the path only when it is written: most values are fine.
        return _SCALAR_READERS[type(kind)](self, node, raw, kind, path)

    def text(self, node: yaml.ScalarNode, raw: str, kind: schema.Text, path: PathKey) -> object:
        text = raw.strip()
        if not text:
            return self.error(node, f"{describe(path)} is empty.", "Write a text, or remove the key.")
        if len(text) > kind.max_length:
            return self.error(node, f"{describe(path)} is {len(text)} characters long; at most {kind.max_length} "
                              "are allowed.", "Shorten it, or move detail into the guide page.")
        found = text_rules.check_text(raw, markdown=kind.markdown)
        if found is not None:
            line, column = self.source.position(node, found.offset)
            self.loaded.diagnostics.append(Diagnostic(self.loaded.file, line, column, ERROR,
                                                      f"{describe(path)} {found.message}", found.hint))
            return INVALID
        if text_rules.is_blank(text):
            return self.error(node, f"{describe(path)} has no visible character.", "Write a text, or remove the key.")
        return text

    def ident(self, node: yaml.ScalarNode, raw: str, kind: schema.Ident, path: PathKey) -> object:
        # Only a deadline's `id` defines a name; every other id value (`next`, `start`, ...) refers to one.
        return raw if self.check_id(node, raw, "id", path, reserved=path[-1:] == ("id",)) else INVALID

    def expression(self, node: yaml.ScalarNode, raw: str, kind: schema.Expression, path: PathKey) -> object:
        if not raw.strip():
            return self.error(node, f"{describe(path)} is empty.", "Write a condition, like `amount > 100`.")
        return raw

    def integer(self, node: yaml.ScalarNode, raw: str, kind: schema.Integer, path: PathKey) -> object:
        if not _INT_RE.fullmatch(raw):
            return self.error(node, f"{describe(path)} must be a whole number, not `{raw}`.")
        return int(raw)

    def number(self, node: yaml.ScalarNode, raw: str, kind: schema.Number, path: PathKey) -> object:
        if not _NUMBER_RE.fullmatch(raw):
            return self.error(node, f"{describe(path)} must be a number, not `{raw}`.", "Write digits, like 10 or 2.5.")
        number = float(raw)
        return int(number) if number.is_integer() and "." not in raw else number

    def boolean(self, node: yaml.ScalarNode, raw: str, kind: schema.Boolean, path: PathKey) -> object:
        if raw not in ("true", "false"):
            return self.error(node, f"{describe(path)} must be `true` or `false`, not `{raw}`.")
        return raw == "true"

    def calendar_date(self, node: yaml.ScalarNode, raw: str, kind: schema.Date, path: PathKey) -> object:
        return self.date(node, raw, path)

    def date_bound(self, node: yaml.ScalarNode, raw: str, kind: schema.DateBound, path: PathKey) -> object:
        return raw if raw == "today" else self.date(node, raw, path, also="or the word `today`")

    def url(self, node: yaml.ScalarNode, raw: str, kind: schema.Url, path: PathKey) -> object:
        if not _URL_RE.fullmatch(raw):
            return self.error(node, f"{describe(path)} must be a web address starting with https://, not `{raw}`.")
        return raw

    def enum(self, node: yaml.ScalarNode, raw: str, kind: schema.Enum, path: PathKey) -> object:
        if raw not in kind.values:
            guess = did_you_mean(raw, kind.values)
            hint = (f"Did you mean `{guess}`? " if guess else "") + f"Use one of: {', '.join(kind.values)}."
            return self.error(node, f"`{raw}` is not allowed for {describe(path)}.", hint)
        return raw

    def answer_value(self, node: yaml.ScalarNode, raw: str, kind: schema.AnswerValue, path: PathKey) -> object:
        return raw

    def date(self, node: yaml.Node, raw: str, path: PathKey, also: str = "") -> object:
        hint = "Write it as YYYY-MM-DD, like 2026-11-22" + (f", {also}" if also else "") + "."
        if not _DATE_RE.fullmatch(raw):
            return self.error(node, f"{describe(path)} must be a date, not `{raw}`.", hint)
        try:
            datetime.date.fromisoformat(raw)
        except ValueError:
            return self.error(node, f"{describe(path)}: {raw} is not a real date.", "Check the month and the day.")
        return raw


# The part of a scalar's reading that depends on its kind, once the text is known to be there.
_ScalarReader = Callable[[_Walker, yaml.ScalarNode, str, Any, PathKey], object]
_SCALAR_READERS: dict[type, _ScalarReader] = {
    schema.Text: _Walker.text, schema.Ident: _Walker.ident, schema.Expression: _Walker.expression,
    schema.Integer: _Walker.integer, schema.Number: _Walker.number, schema.Boolean: _Walker.boolean,
    schema.Date: _Walker.calendar_date, schema.DateBound: _Walker.date_bound, schema.Url: _Walker.url,
    schema.Enum: _Walker.enum, schema.AnswerValue: _Walker.answer_value,
}
# How each kind of value is read, by the kind's class: made once, asked for every value of every file (a new
# kind of value needs its reader here or above; a test checks that every kind of ``schema.Kind`` has one). Every
# scalar kind goes through ``scalar`` first, so the scalar kinds are the ones named above.
_Reader = Callable[[_Walker, yaml.Node, Any, PathKey], object]
_READERS: dict[type, _Reader] = {
    schema.Obj: _Walker.read_obj, schema.Tagged: _Walker.tagged, schema.Shorthand: _Walker.shorthand,
    schema.ListOf: _Walker.list_of, schema.MapOf: _Walker.map_of,
    **dict.fromkeys(_SCALAR_READERS, _Walker.scalar),
}


def _shape(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"the value `{str(node.value)[:40]}`"


def _shape_hint(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.MappingNode):
        return "If the text contains a colon followed by a space, put the whole text in quotes."
    return None


def _expected(kind: schema.Kind) -> str:
    names = {
        schema.Text: "text", schema.Ident: "an id", schema.Expression: "a formula", schema.Integer: "a whole number",
        schema.Number: "a number", schema.Boolean: "`true` or `false`", schema.Date: "a date (YYYY-MM-DD)",
        schema.DateBound: "a date or `today`", schema.Url: "a web address", schema.Enum: "a single word",
        schema.AnswerValue: "a single answer",
    }
    return names.get(type(kind), "a value")


def _keys(names: list[str]) -> str:
    return ", ".join(f"`{n}`" for n in names)


def _id_suggestion(value: str) -> str:
    """A valid id close to ``value``: ``Amount`` → ``amount``, ``1`` → ``node_1``."""
    suggestion = re.sub(r"[^a-z0-9_]+", "_", value.lower()).strip("_") or "my_node"
    return suggestion if suggestion[0].isalpha() else f"node_{suggestion}"
