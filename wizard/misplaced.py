"""Keys that YAML read at the wrong level because of their indentation, and the object they belong to.

A key indented one level too shallow lands in the object around it, or becomes a node of its own; one indented
too far lands in an object inside. YAML cannot tell: the file is valid, and the loader sees an unknown key or
a node without a type. When the key is a known key of the object above or below, and that object lacks it,
the mistake is named as indentation, with the object and line where the key belongs. A key that fits nowhere
keeps the loader's "unknown key" message, with its did-you-mean.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import yaml

from wizard import schema
from wizard.indentation import spaces

PathKey = tuple[str | int, ...]
Describe = Callable[[PathKey], str]


@dataclass(frozen=True)
class Placement:
    """Why a key is misplaced, how to move it, and ``target``: the path where it belongs (its object's, and it)."""

    message: str
    hint: str
    target: PathKey


class Enclosing(NamedTuple):
    """An object being loaded around the current one: where it is, its kind and its YAML mapping."""

    # A named tuple, not a dataclass: the loader makes one for every object of every file.

    path: PathKey
    spec: schema.ObjectSpec
    node: yaml.MappingNode


def keys_of(node: yaml.MappingNode) -> dict[str, yaml.Node]:
    """The plain keys of a mapping, with their key nodes."""
    return {str(k.value): k for k, _ in node.value if isinstance(k, yaml.ScalarNode)}


def item_spec(kind: schema.Kind, item: yaml.Node) -> schema.ObjectSpec | None:
    """The object kind of one item of a list or mapping of ``kind`` (by its `type` for nodes), if it is one."""
    if isinstance(kind, schema.Obj):
        return schema.spec(kind.name)
    if isinstance(kind, schema.Shorthand):
        return schema.spec(kind.name)
    if isinstance(kind, schema.Tagged) and isinstance(item, yaml.MappingNode):
        variant = keys_of(item).get(kind.tag)
        value = next((v for k, v in item.value if k is variant), None)
        name = str(value.value) if isinstance(value, yaml.ScalarNode) else ""
        return schema.spec(name) if name in kind.variants else None
    return None


def _column(node: yaml.Node) -> int:
    return int(node.start_mark.column)


def _first_key_column(node: yaml.MappingNode) -> int | None:
    return _column(node.value[0][0]) if node.value else None


def belongs_above(key: str, key_node: yaml.Node, enclosing: list[Enclosing], path: PathKey,
                  describe: Describe) -> Placement | None:
    """``key`` is not a key of the object at ``path`` but of one around it, which lacks it: indented too far."""
    for outer in reversed(enclosing[:-1]):
        field = outer.spec.get(key)
        if field is None:
            continue
        if key in keys_of(outer.node):
            return None
        column = _first_key_column(outer.node)
        if column is None or column >= _column(key_node):
            return None
        where = describe(outer.path) if outer.path else "the file"
        return Placement(f"`{key}` is indented too far: it is read as a key of {describe(path)}, but it is a key of "
                         f"{where}.", f"Move it {spaces(_column(key_node) - column)} to the left, in line with the "
                         f"keys of {where} (line {outer.node.start_mark.line + 1}).", (*outer.path, key))
    return None


def belongs_below(entry: tuple[yaml.Node, yaml.Node], above: tuple[yaml.Node, yaml.Node], spec: schema.ObjectSpec,
                  path: PathKey, describe: Describe) -> Placement | None:
    """The key of ``entry`` (key and value nodes) is a key of the last item of the list or mapping written just
    ``above`` it in the same object, which lacks it, or an entry of that mapping of ids: not indented far
    enough."""
    key_node, value = entry
    key = str(key_node.value)
    holder_key, holder = above
    if not isinstance(holder_key, yaml.ScalarNode):
        return None
    field = spec.get(str(holder_key.value))
    if field is None:
        return None
    if isinstance(field.kind, schema.MapOf) and is_empty(holder) and isinstance(value, yaml.MappingNode) and (
            _is_item(value, field.kind.value)):
        # The first entry of a mapping of ids (`sources:` left empty), written at the level of its key.
        return Placement(f"`{key}` is not indented far enough: it is read as a key of {describe(path)}, but it looks "
                         f"like {with_article(field.kind.what)} of `{holder_key.value}` above it, which is empty.",
                         f"Indent it under `{holder_key.value}` (line {holder_key.start_mark.line + 1}), further than "
                         f"`{holder_key.value}`, with what is under it.", (*path, str(holder_key.value), key))
    last = item_spec(field.kind.value, holder.value[-1][1]) if isinstance(field.kind, schema.MapOf) and isinstance(
        holder, yaml.MappingNode) and holder.value else None
    if isinstance(field.kind, schema.MapOf) and isinstance(holder, yaml.MappingNode) and (
            last is None or last.get(key) is None) and _is_item(value, field.kind.value) and (
            not _item_fields(field.kind.value) or isinstance(value, yaml.MappingNode)) and key not in keys_of(holder):
        # An entry of the mapping of ids just above (an answer, an option, a source), not a key of its last item.
        column = _first_key_column(holder)
        if column is not None and column > _column(key_node):
            where = describe((*path, str(holder_key.value)))
            return Placement(f"`{key}` is not indented far enough: it is read as a key of {describe(path)}, but it "
                             f"looks like one of the {field.kind.what}s of {where} above it.",
                             f"Move it {spaces(column - _column(key_node))} to the right, in line with them (line "
                             f"{holder.start_mark.line + 1}).", (*path, str(holder_key.value), key))
    items: list[tuple[str | int, yaml.Node]] = []
    if isinstance(field.kind, schema.ListOf) and isinstance(holder, yaml.SequenceNode):
        items = list(enumerate(holder.value))
    elif isinstance(field.kind, schema.MapOf) and isinstance(holder, yaml.MappingNode):
        items = [(str(k.value), v) for k, v in holder.value]
    elif isinstance(field.kind, (schema.Obj, schema.Shorthand)):
        items = [("", holder)]
    if not items:
        return None
    index, item = items[-1]
    kind = field.kind.item if isinstance(field.kind, schema.ListOf) else \
        field.kind.value if isinstance(field.kind, schema.MapOf) else field.kind
    target = item_spec(kind, item)
    if target is None or target.get(key) is None or not isinstance(item, yaml.MappingNode) or key in keys_of(item):
        return None
    column = _first_key_column(item)
    if column is None or column <= _column(key_node):
        return None
    item_path = (*path, str(holder_key.value), index) if index != "" else (*path, str(holder_key.value))
    where = describe(item_path)
    return Placement(f"`{key}` is not indented far enough: it is read as a key of {describe(path)}, but it is a key "
                     f"of {where} above it.", f"Move it {spaces(column - _column(key_node))} to the right, in line "
                     f"with the keys of {where} (line {item.start_mark.line + 1}).", (*item_path, key))


def nested_id(node: yaml.MappingNode, spec: schema.ObjectSpec) -> int | None:
    """The index of an entry that is the id of the next item indented too far: a key the object does not have,
    with no value, followed by keys that repeat the object's own (``accepted:`` under node ``channel``, then
    ``type:``, ``question:``... again). Everything from it on belongs to that item."""
    # Only an entry with no value that the object does not know can be such an id: an object without one (almost
    # every object) needs no look at its repeated keys.
    if not any(isinstance(key, yaml.ScalarNode) and spec.get(str(key.value)) is None and is_empty(value)
               for key, value in node.value):
        return None
    keys = [str(k.value) if isinstance(k, yaml.ScalarNode) else None for k, _ in node.value]
    first: dict[str, int] = {}
    # reach[i]: the furthest repeat of a key first written before entry i (linear, whatever the file holds).
    reach = [-1] * (len(keys) + 1)
    for index, key in enumerate(keys):
        if key is None:
            continue
        if key in first:
            reach[first[key] + 1] = max(reach[first[key] + 1], index)
        else:
            first[key] = index
    furthest = -1
    for index, (key, (_, value)) in enumerate(zip(keys, node.value, strict=True)):
        furthest = max(furthest, reach[index])
        if key is not None and spec.get(key) is None and is_empty(value) and furthest > index:
            return index  # without it, the keys after it would each repeat one of the object's own
    return None


def stray_entries(nodes: yaml.MappingNode, kind: schema.MapOf, path: PathKey, enclosing: Enclosing | None,
                  describe: Describe) -> dict[str, Placement]:
    """Entries of a mapping of ids (``nodes:``, ``sources:``, ``options:``, ``answers:``...) that are keys written
    at the wrong level: a key of the object holding the mapping, which lacks it (indented too far); a key of the
    item above, which lacks it (not indented far enough); the keys of an item left empty, written at its own
    level. Each is one mistake, reported at its first key; entries that read as items are left alone.
    """
    found: dict[str, Placement] = {}
    fields = _item_fields(kind.value)
    entries = [(k, v) for k, v in nodes.value if isinstance(k, yaml.ScalarNode)]
    outer_keys: dict[str, yaml.Node] | None = None  # the keys of the object around, read when first needed
    previous: tuple[yaml.ScalarNode, yaml.Node] | None = None
    # The keys of the item above, read once for all its strays, and only when an entry may be one: most entries'
    # keys (node ids, option keys) are no key of an item at all.
    previous_keys: dict[str, yaml.Node] | None = None
    index = 0
    while index < len(entries):
        key_node, value = entries[index]
        key = str(key_node.value)
        outer_field = enclosing.spec.get(key) if enclosing is not None else None
        # A required key that its object lacks is taken as misplaced even where it could read as an item.
        if enclosing is not None and outer_field is not None:
            outer_keys = keys_of(enclosing.node) if outer_keys is None else outer_keys
            if key not in outer_keys and (outer_field.required or not _is_item(value, kind.value)):
                found[key] = _too_far(key, key_node, kind, path, enclosing, describe)
                index += 1
                continue
        if key not in fields:  # an item, whatever the item above lacks
            previous, previous_keys = (key_node, value), None
            index += 1
            continue
        if previous_keys is None:
            previous_keys = keys_of(previous[1]) if previous is not None and isinstance(
                previous[1], yaml.MappingNode) else {}
        spec = item_spec(kind.value, previous[1]) if previous is not None else None
        lacked = spec is not None and previous is not None and key not in previous_keys and (
            (field := spec.get(key)) is not None and field.required)
        if _is_item(value, kind.value) and not lacked:
            previous, previous_keys = (key_node, value), None
            index += 1
            continue
        owner = str(previous[0].value) if previous is not None else ""
        if previous is not None and is_empty(previous[1]):
            run = [k for k, _ in _run(entries[index:], fields, kind.value)]
            names = ", ".join(f"`{k.value}`" for k in run)
            found[key] = Placement(
                f"the keys of {kind.what} `{owner}` are not indented: {names} "
                f"{'are' if len(run) > 1 else 'is'} read as {kind.what}s of {'their' if len(run) > 1 else 'its'} own.",
                f"Indent {'them' if len(run) > 1 else 'it'} under `{owner}` (line {previous[0].start_mark.line + 1}), "
                f"further than `{owner}`, like the keys of the other {kind.what}s.", (*path, owner, key))
            for stray in run[1:]:
                found[str(stray.value)] = found[key]
            index += len(run)
            continue
        if previous is not None and spec is not None and spec.get(key) is not None and isinstance(
                previous[1], yaml.MappingNode) and key not in previous_keys:
            column = _first_key_column(previous[1]) or 0
            found[key] = Placement(
                f"`{key}` is not indented far enough: it is read as {with_article(kind.what)} of its own, but it is a "
                f"key of {kind.what} `{owner}` above it.",
                f"Move it {spaces(column - _column(key_node))} to the right, in line with the keys of {kind.what} "
                f"`{owner}` (line {previous[0].start_mark.line + 1}).",
                (*path, owner, key))
        index += 1
    return found


def _too_far(key: str, key_node: yaml.Node, kind: schema.MapOf, path: PathKey, enclosing: Enclosing,
             describe: Describe) -> Placement:
    """A key of the object holding a mapping of ids, written among the ids."""
    where = describe(enclosing.path) if enclosing.path else "the file"
    holder = keys_of(enclosing.node).get(str(path[-1]))
    line = f" (line {holder.start_mark.line + 1})" if holder is not None else ""
    shift = _column(key_node) - _column(holder) if holder is not None else 0
    return Placement(f"`{key}` is indented too far: it is read as {kind.what} `{key}` of {describe(path)}, but it "
                     f"is a key of {where}.", f"Move it {spaces(shift)} to the left, in line with `{path[-1]}`"
                     f"{line}.", (*enclosing.path, key))


@functools.cache
def _item_fields(kind: schema.Kind) -> frozenset[str]:
    """Every key an item of a mapping of ``kind`` may have (of any of its variants, for nodes); worked out once
    per kind, as the schema does not change while the program runs."""
    if isinstance(kind, schema.Tagged):
        return frozenset(f.name for name in kind.variants for f in schema.spec(name).fields)
    if isinstance(kind, (schema.Obj, schema.Shorthand)):
        return frozenset(schema.spec(kind.name).field_names())
    return frozenset()


def _is_item(value: yaml.Node, kind: schema.Kind) -> bool:
    """Whether a value reads as an item of a mapping of ``kind``: a node with its type, an object, a one-word link,
    a single answer..."""
    if isinstance(kind, schema.Tagged):  # a scan that stops at the tag, usually the first key (no dict built)
        return isinstance(value, yaml.MappingNode) and any(
            isinstance(k, yaml.ScalarNode) and str(k.value) == kind.tag for k, _ in value.value)
    if isinstance(kind, schema.Obj):
        return isinstance(value, yaml.MappingNode)
    if isinstance(kind, schema.Shorthand):
        return isinstance(value, yaml.MappingNode) or (
            isinstance(value, yaml.ScalarNode) and re.fullmatch(schema.NODE_ID_PATTERN, str(value.value)) is not None)
    return isinstance(value, yaml.ScalarNode)


def _run(entries: list[tuple[yaml.ScalarNode, yaml.Node]], fields: frozenset[str],
         kind: schema.Kind) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
    """The entries from the first on whose keys are an item's keys, and that are not items themselves."""
    run = []
    for key_node, value in entries:
        if str(key_node.value) not in fields or _is_item(value, kind):
            break
        run.append((key_node, value))
    return run


def is_empty(value: yaml.Node) -> bool:
    """True for a key written with no value (``first:`` alone on its line)."""
    return isinstance(value, yaml.ScalarNode) and str(value.value).strip() in ("", "~", "null")


def with_article(noun: str) -> str:
    """The noun with its indefinite article: ``an option``, ``a node id``."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"
