"""One walk over a tree, guided by ``wizard.schema``: every field with its path, its spec and its value.

Translation (which texts each language edition needs), Markdown rendering (which texts the site turns into HTML)
and the formula checks (which texts are formulas) all ask this walk and the flags of each field's kind
(``Text.translated``, ``Text.markdown``, ``Expression``), rather than keep lists of field names of their own: a
field added to the schema is translated, rendered and checked with no other change.

The walk reads loaded trees (``wizard.loader``) and compiled trees (``wizard.compiled``) alike: compiled options
are a list of ``{key, ...}`` where the loaded tree maps option keys to options, and both get the same paths.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple

from wizard import schema

PathKey = tuple[str | int, ...]
TREE: schema.Kind = schema.Obj("tree")
KindTest = Callable[[schema.Kind], bool]
# The kinds whose values hold fields of their own; every other kind is a plain value.
_CONTAINERS = (schema.ListOf, schema.MapOf, schema.Obj, schema.Shorthand, schema.Tagged)


class Found(NamedTuple):
    """One field met by the walk."""

    path: PathKey  # from the tree's root: ("nodes", "done", "next_steps", 0, "text")
    field: schema.Field  # its spec: name, kind (with its flags), whether required
    value: Any  # its value in the walked data (None when the tree leaves it out)
    holder: Mapping[str, Any]  # the object it belongs to, for a stage that adds a key beside it
    owner: str  # the name of that object's spec: "deadline", "branch", ...


def walk(data: Any, kind: schema.Kind = TREE, path: PathKey = (), within: KindTest | None = None) -> Iterator[Found]:
    """Every field of every object inside ``data`` (a value of ``kind``), in the data's order, then the fields it
    leaves out (with the value None).

    Keys that the schema does not describe (``longest`` and the ``*_html`` of a compiled tree) are passed over,
    and so is what does not have the shape the schema says (the loader reports that). With ``within``, the walk
    goes into a field only if the schema lets it hold a field whose kind passes that test (every field met is
    still given): a walk for formulas skips the texts, which are most of a tree.
    """
    if isinstance(kind, schema.ListOf):
        for index, item in enumerate(data if isinstance(data, list) else ()):
            yield from walk(item, kind.item, (*path, index), within)
        return
    if isinstance(kind, schema.MapOf):
        for key, value in _entries(data):
            yield from walk(value, kind.value, (*path, key), within)
        return
    spec = object_spec(kind, data)
    if spec is None or not isinstance(data, Mapping):
        return
    for key, value in list(data.items()):  # a list: a stage may add keys beside the fields it is given
        field = spec.get(key)
        if field is not None:
            yield Found((*path, key), field, value, data, spec.name)
            # A plain value (a text, a number...) holds no field: no walk into it, which would find nothing.
            if isinstance(field.kind, _CONTAINERS) and (within is None or may_hold(field.kind, within)):
                yield from walk(value, field.kind, (*path, key), within)
    for field in spec.fields:
        if field.name not in data:  # left out (the loader fills in every key; hand-made data may not)
            yield Found((*path, field.name), field, None, data, spec.name)


def node_kind() -> schema.Kind:
    """The kind of one node of a tree (``type`` chooses its object), as the tree's own spec says."""
    nodes = schema.spec("tree").get("nodes")
    assert nodes is not None and isinstance(nodes.kind, schema.MapOf), "the tree spec has a map of nodes"
    return nodes.kind.value


def _entries(data: Any) -> Iterator[tuple[str | int, Any]]:
    """The entries of a mapping by id; a compiled list of options by each option's ``key``."""
    if isinstance(data, Mapping):
        yield from data.items()
    elif isinstance(data, list):
        for index, item in enumerate(data):
            yield (item.get("key", index) if isinstance(item, Mapping) else index), item


def object_spec(kind: schema.Kind, data: Any) -> schema.ObjectSpec | None:
    """The object spec that describes ``data`` as a value of ``kind`` (None for a plain value or an unknown tag)."""
    if isinstance(kind, (schema.Obj, schema.Shorthand)):
        return schema.spec(kind.name)
    if isinstance(kind, schema.Tagged) and isinstance(data, Mapping) and data.get(kind.tag) in kind.variants:
        return schema.spec(str(data[kind.tag]))
    return None


# What a field is, from its kind ------------------------------------------------------------------------------


def is_translated(kind: schema.Kind) -> bool:
    """A text that readers read: each language edition has it in its own words."""
    return isinstance(kind, schema.Text) and kind.translated


def is_prose(kind: schema.Kind) -> bool:
    """A text that readers read in sentences: the plain-language check measures it."""
    return is_translated(kind) and isinstance(kind, schema.Text) and kind.sentences


def is_markdown(kind: schema.Kind) -> bool:
    """A text that the site renders as Markdown (and that follows the Markdown text rules)."""
    return isinstance(kind, schema.Text) and kind.markdown


def is_formula(kind: schema.Kind) -> bool:
    """A condition or calculation in the formula language."""
    return isinstance(kind, schema.Expression)


def holds(kind: schema.Kind, test: KindTest, seen: frozenset[str] = frozenset()) -> bool:
    """Whether a value of ``kind`` is, or has somewhere inside it, a value whose kind passes ``test``."""
    if test(kind):
        return True
    if isinstance(kind, schema.ListOf):
        return holds(kind.item, test, seen)
    if isinstance(kind, schema.MapOf):
        return holds(kind.value, test, seen)
    if isinstance(kind, schema.Shorthand):
        return holds(kind.short, test, seen) or holds(schema.Obj(kind.name), test, seen)
    if isinstance(kind, schema.Tagged):
        return any(holds(schema.Obj(variant), test, seen) for variant in kind.variants)
    if isinstance(kind, schema.Obj) and kind.name not in seen:
        return any(holds(f.kind, test, seen | {kind.name}) for f in schema.spec(kind.name).fields)
    return False


@functools.cache
def may_hold(kind: schema.Kind, test: KindTest) -> bool:
    """``holds``, remembered: the schema does not change while the program runs, and walks ask it for each field."""
    return holds(kind, test)


def fields(test: KindTest) -> list[tuple[str, schema.Field]]:
    """(object name, field) for every field of the schema whose kind passes ``test``, in the schema's order."""
    return [(spec.name, f) for spec in schema.OBJECTS.values() for f in spec.fields if test(f.kind)]


def field_names(test: KindTest) -> frozenset[str]:
    """The names of the fields whose kind passes ``test``, in any object."""
    return frozenset(f.name for _, f in fields(test))


def kinds_by_path(data: Any) -> dict[PathKey, schema.Kind]:
    """The kind of every field of a tree, by its path (to judge a text that arrives by its path, as in a PO file)."""
    return {found.path: found.field.kind for found in walk(data)}
