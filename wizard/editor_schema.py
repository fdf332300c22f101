"""The JSON Schema of tree files, generated from ``wizard.schema`` so that editors' tools and the loader agree.

Editors whose YAML extension understands ``# yaml-language-server: $schema=...`` get completion, the
documentation of each key and inline errors while they type. The schema covers field-level rules only; the
checker stays the authority for everything that needs the whole tree (links, loops, conditions, examples).
"""

from __future__ import annotations

import json
from typing import Any

from wizard import schema, schema_walk
from wizard.core import kinds, vocabulary

SCHEMA_ID = "https://recourse.example/schema/tree.schema.json"
SCHEMA_PATH = "docs/schema/tree.schema.json"  # relative to the repository; also published with the site

# A YAML scalar that the loader reads as text: editors may leave `12` or `yes` unquoted in a label.
_SCALAR = ["string", "number", "boolean"]
_DATE = r"^\d{4}-\d{2}-\d{2}$"


def tree_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one tree file."""
    definitions = {name: _object([spec], spec.doc, texts_only=False) for name, spec in schema.OBJECTS.items()}
    # Options a kind fixes (a yes/no question's `yes` and `no`) are exactly those: a key rule the schema can say.
    for name, kind in kinds.KINDS.items():
        if kind.fixed_options:
            fixed = definitions[name]["properties"]["options"]
            fixed["propertyNames"] = {"enum": list(kind.fixed_options)}
            fixed["required"] = list(kind.fixed_options)
    root = definitions.pop("tree")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Recourse procedure",
        "description": "One procedure of Recourse as a decision tree. Generated from wizard/schema.py by "
                       "`wizard schema`; do not edit by hand.",
        **root,
        "$defs": definitions,
    }


def schema_text() -> str:
    """The schema as the JSON text kept in the repository (stable key order, newline at the end)."""
    return json.dumps(tree_schema(), indent=2, ensure_ascii=False) + "\n"


def _object(specs: list[schema.ObjectSpec], doc: str, *, texts_only: bool) -> dict[str, Any]:
    """One object of the tree (or several merged, as a translation's nodes are); ``texts_only``: only the fields
    that hold translated text, as a translation file has them."""
    properties: dict[str, Any] = {}
    for spec in specs:
        for item in spec.fields:
            if texts_only and not schema_walk.holds(item.kind, schema_walk.is_translated):
                continue
            if item.name in properties:
                # Merged objects (a translation's nodes) whose field of one name holds other things in each: any
                # of them (a choice's options and a checkbox question's boxes).
                other = _kind(item.kind, texts_only)
                known = properties[item.name]
                shapes = known.get("anyOf", [{k: v for k, v in known.items() if k != "description"}])
                if other not in shapes:
                    properties[item.name] = {"anyOf": [*shapes, other], "description": known.get("description", "")}
                continue
            prop = _kind(item.kind, texts_only)
            if item.doc:
                prop = {**prop, "description": item.doc}
            if item.default not in (None, [], {}) and not texts_only:
                prop = {**prop, "default": item.default}
            properties[item.name] = prop
    result: dict[str, Any] = {
        "type": "object",
        "description": doc,
        "properties": properties,
        "additionalProperties": False,
    }
    required = [f.name for spec in specs for f in spec.fields if f.required]
    if required and not texts_only:
        result["required"] = required
    return result


def _kind(kind: schema.Kind, texts_only: bool) -> dict[str, Any]:
    """The JSON Schema of a value of ``kind``: as the tree file writes it, or (``texts_only``) as a translation
    file does, where every text is an entry with its English and a list or mapping may leave items out."""
    if isinstance(kind, schema.Text):
        return {"$ref": "#/$defs/text"} if texts_only else {"type": _SCALAR, "maxLength": kind.max_length}
    if isinstance(kind, schema.ListOf):
        result: dict[str, Any] = {"type": "array", "items": _kind(kind.item, texts_only)}
        if kind.min_items and not texts_only:
            result["minItems"] = kind.min_items
        return result
    if isinstance(kind, schema.MapOf):
        mapping: dict[str, Any] = {
            "type": "object",
            "propertyNames": {"pattern": schema.NODE_ID_PATTERN, "maxLength": schema.MAX_ID_LENGTH},
            "additionalProperties": _kind(kind.value, texts_only),
        }
        if kind.min_items and not texts_only:
            mapping["minProperties"] = kind.min_items
        return mapping
    if isinstance(kind, schema.Obj) or (isinstance(kind, schema.Shorthand) and texts_only):
        return {"$ref": f"#/$defs/{kind.name}"}
    if isinstance(kind, schema.Shorthand):
        return {"anyOf": [_kind(kind.short, texts_only), {"$ref": f"#/$defs/{kind.name}"}]}
    if isinstance(kind, schema.Tagged):
        return {"$ref": "#/$defs/node"} if texts_only else _tagged(kind)
    return _plain(kind)


def _tagged(kind: schema.Tagged) -> dict[str, Any]:
    # `type: choice` selects the `choice` object; if/then keeps the error messages about the right variant.
    return {
        "type": "object",
        "required": [kind.tag],
        "properties": {kind.tag: {"enum": list(kind.variants)}},
        "allOf": [
            {"if": {"properties": {kind.tag: {"const": variant}}},
             "then": {"$ref": f"#/$defs/{variant}"}}
            for variant in kind.variants
        ],
    }


def _plain(kind: schema.Kind) -> dict[str, Any]:
    """A value that holds no other value: an id, a formula, a number, a date, a link, a word from a list."""
    if isinstance(kind, schema.Ident):
        return {"type": "string", "pattern": schema.NODE_ID_PATTERN, "maxLength": schema.MAX_ID_LENGTH}
    if isinstance(kind, schema.Expression):
        return {"type": "string", "description": f"A formula that gives a {kind.result}."}
    if isinstance(kind, schema.Integer):
        return {"type": "integer"}
    if isinstance(kind, schema.Number):
        return {"type": "number"}
    if isinstance(kind, schema.Boolean):
        return {"type": "boolean"}
    if isinstance(kind, schema.Date):
        return {"type": "string", "pattern": _DATE, "format": "date"}
    if isinstance(kind, schema.DateBound):
        return {"anyOf": [{"const": "today"}, {"type": "string", "pattern": _DATE, "format": "date"}]}
    if isinstance(kind, schema.Url):
        return {"type": "string", "pattern": schema.URL_PATTERN}
    if isinstance(kind, schema.Enum):
        return {"enum": list(kind.values)}
    if isinstance(kind, schema.AnswerValue):
        return {"type": _SCALAR}
    raise TypeError(f"no JSON Schema for {kind!r}")  # pragma: no cover - every kind is handled above


# Translation files (`<slug>.<language>.yaml`) ----------------------------------------------------------------

TRANSLATION_SCHEMA_ID = "https://recourse.example/schema/translation.schema.json"
TRANSLATION_SCHEMA_PATH = "docs/schema/translation.schema.json"


def translation_schema() -> dict[str, Any]:
    """The JSON Schema of a translation file: the tree's texts only (the fields the schema marks as translated),
    each as the English it translates and its translation."""
    from wizard.translation_entries import PREVIOUS_KEY, SOURCE_KEY, UNUSED_KEY, WAS_KEY

    text: dict[str, Any] = {
        "type": "object",
        "description": "A translated text: the English it translates and its translation.",
        "properties": {
            SOURCE_KEY: {"type": "string", "description": "The English text of the tree file that this translates "
                         "(written by `wizard translate`)."},
            PREVIOUS_KEY: {"type": "string", "description": "While stale: the older English the translation was "
                           "made from. Update the translation to the English above, then delete this line."},
            **{code: {"type": ["string", "null"], "description": f"The {name} translation; empty until translated."}
               for code in vocabulary.translations() for name in [vocabulary.name_of(code)]},
        },
        "required": [SOURCE_KEY],
        "additionalProperties": False,
    }
    definitions: dict[str, Any] = {"text": text}
    for spec in schema.OBJECTS.values():
        if schema_walk.holds(schema.Obj(spec.name), schema_walk.is_translated):
            definitions[spec.name] = _object([spec], spec.doc, texts_only=True)
    node_specs = [schema.spec(variant) for variant in schema.NODE_TYPES]
    definitions["node"] = _object(node_specs, "The texts of one node (question, route or outcome).",
                                  texts_only=True)
    root = definitions.pop("tree")
    root["properties"][UNUSED_KEY] = {
        "type": "array",
        "description": "Translations of texts the tree file no longer has, kept by `wizard translate`: copy any you "
                       "still need to its text, then delete them.",
        "items": {**text, "properties": {WAS_KEY: {"type": "string", "description": "Where its text was."},
                                         **text["properties"]}, "required": [WAS_KEY, SOURCE_KEY]},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": TRANSLATION_SCHEMA_ID,
        **root,
        "title": "Recourse procedure translation",
        "description": "The texts of one procedure in another language, keyed like the tree file. Generated from "
                       "wizard/schema.py by `wizard schema --translation`; do not edit by hand.",
        "$defs": definitions,
    }


def translation_schema_text() -> str:
    """The translation files' schema as the JSON text kept in the repository."""
    return json.dumps(translation_schema(), indent=2, ensure_ascii=False) + "\n"
