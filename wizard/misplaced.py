"""Keys that YAML read at the wrong level because of their indentation, and the object they belong to.

A key indented one level too shallow lands in the object around it, or becomes a node of its own; one indented
too far lands in an object inside. YAML cannot tell: the file is valid, and the loader sees an unknown key or
a node without a type. When the key is a known key of the object above or below, and that object lacks it,
the mistake is named as indentation, with the object and line where the key belongs. A key that fits nowhere
keeps the loader's "unknown key" message, with its did-you-mean.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import yaml

from wizard import schema

PathKey = tuple[str | int, ...]
Describe = Callable[[PathKey], str]


@dataclass(frozen=True)
class Placement:
    """Why a key is misplaced, how to move it, and ``target``: the path where it belongs (its object's, and it)."""

    message: str
    hint: str
    target: PathKey


@dataclass(frozen=True)
class Enclosing:
    """An object being loaded around the current one: where it is, its kind and its YAML mapping."""

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
                         f"{where}.", f"Move it {_spaces(_column(key_node) - column)} to the left, in line with the "
                         f"keys of {where} (line {outer.node.start_mark.line + 1}).", (*outer.path, key))
    return None


def belongs_below(key: str, key_node: yaml.Node, above: tuple[yaml.Node, yaml.Node], spec: schema.ObjectSpec,
                  path: PathKey, describe: Describe) -> Placement | None:
    """``key`` is a key of the last item of the list or mapping written just ``above`` it (key and value nodes)
    in the same object, which lacks it: not indented far enough."""
    holder_key, holder = above
    if not isinstance(holder_key, yaml.ScalarNode):
        return None
    field = spec.get(str(holder_key.value))
    if field is None:
        return None
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
                     f"of {where} above it.", f"Move it {_spaces(column - _column(key_node))} to the right, in line "
                     f"with the keys of {where} (line {item.start_mark.line + 1}).", (*item_path, key))


def stray_node_keys(nodes: yaml.MappingNode) -> dict[str, Placement]:
    """Entries of ``nodes:`` that are a node's keys written at the level of the node ids (they became nodes).

    Two shapes: one key of the node above, which lacks it (one level too shallow), and a node whose keys all
    follow it at its own level (its value is empty). Each is one mistake, reported at its first key.
    """
    found: dict[str, Placement] = {}
    node_keys = {f.name for name in schema.NODE_TYPES for f in schema.spec(name).fields}
    entries = [(k, v) for k, v in nodes.value if isinstance(k, yaml.ScalarNode)]
    previous: tuple[yaml.ScalarNode, yaml.Node] | None = None
    previous_keys: dict[str, yaml.Node] = {}  # the keys of the node above, read once for all its strays
    index = 0
    while index < len(entries):
        key_node, value = entries[index]
        key = str(key_node.value)
        if _is_node(value) or key not in node_keys:
            previous = (key_node, value)
            previous_keys = keys_of(value) if isinstance(value, yaml.MappingNode) else {}
            index += 1
            continue
        if previous is not None and is_empty(previous[1]):
            run = [k for k, _ in _run(entries[index:], node_keys)]
            owner = str(previous[0].value)
            names = ", ".join(f"`{k.value}`" for k in run)
            found[key] = Placement(
                f"the keys of node `{owner}` are not indented: {names} are read as nodes of their own.",
                f"Indent {'them' if len(run) > 1 else 'it'} under `{owner}` (line {previous[0].start_mark.line + 1}), "
                f"further than `{owner}`, like the keys of the other nodes.", ("nodes", owner, key))
            for stray in run[1:]:
                found[str(stray.value)] = found[key]
            index += len(run)
            continue
        spec = item_spec(schema.Tagged("type", schema.NODE_TYPES), previous[1]) if previous else None
        if previous is not None and spec is not None and spec.get(key) is not None and isinstance(
                previous[1], yaml.MappingNode) and key not in previous_keys:
            owner = str(previous[0].value)
            column = _first_key_column(previous[1]) or 0
            found[key] = Placement(
                f"`{key}` is not indented far enough: it is read as a node of its own, but it is a key of node "
                f"`{owner}` above it.", f"Move it {_spaces(column - _column(key_node))} to the right, in line with "
                f"the keys of node `{owner}` (line {previous[0].start_mark.line + 1}).", ("nodes", owner, key))
        index += 1
    return found


def _run(entries: list[tuple[yaml.ScalarNode, yaml.Node]],
         node_keys: set[str]) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
    """The entries from the first on whose keys are node keys, and that are not nodes themselves."""
    run = []
    for key_node, value in entries:
        if str(key_node.value) not in node_keys or _is_node(value):
            break
        run.append((key_node, value))
    return run


def _is_node(value: yaml.Node) -> bool:
    return isinstance(value, yaml.MappingNode) and "type" in keys_of(value)


def is_empty(value: yaml.Node) -> bool:
    """True for a key written with no value (``first:`` alone on its line)."""
    return isinstance(value, yaml.ScalarNode) and str(value.value).strip() in ("", "~", "null")


def _spaces(count: int) -> str:
    return f"{count} space" + ("" if count == 1 else "s")
