"""The JSON Schema of tree files, generated from ``wizard.schema`` so that editors' tools and the loader agree.

Editors whose YAML extension understands ``# yaml-language-server: $schema=...`` get completion, the
documentation of each key and inline errors while they type. The schema covers field-level rules only; the
checker stays the authority for everything that needs the whole tree (links, loops, conditions, examples).
"""

from __future__ import annotations

import json
from typing import Any

from wizard import schema
from wizard.core import vocabulary

SCHEMA_ID = "https://recourse.example/schema/tree.schema.json"
SCHEMA_PATH = "docs/schema/tree.schema.json"  # relative to the repository; also published with the site

# A YAML scalar that the loader reads as text: editors may leave `12` or `yes` unquoted in a label.
_SCALAR = ["string", "number", "boolean"]
_DATE = r"^\d{4}-\d{2}-\d{2}$"


def tree_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one tree file."""
    definitions = {name: _object(spec) for name, spec in schema.OBJECTS.items()}
    # A yes/no question's options are exactly `yes` and `no`: the one key rule the schema can say as well.
    yesno_options = definitions["yesno"]["properties"]["options"]
    yesno_options["propertyNames"] = {"enum": ["yes", "no"]}
    yesno_options["required"] = ["yes", "no"]
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


def _object(spec: schema.ObjectSpec) -> dict[str, Any]:
    properties = {}
    for item in spec.fields:
        prop = _kind(item.kind)
        if item.doc:
            prop = {**prop, "description": item.doc}
        if item.default not in (None, [], {}):
            prop = {**prop, "default": item.default}
        properties[item.name] = prop
    result: dict[str, Any] = {
        "type": "object",
        "description": spec.doc,
        "properties": properties,
        "additionalProperties": False,
    }
    required = [f.name for f in spec.fields if f.required]
    if required:
        result["required"] = required
    return result


def _kind(kind: schema.Kind) -> dict[str, Any]:
    if isinstance(kind, schema.Text):
        return {"type": _SCALAR, "maxLength": kind.max_length}
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
    if isinstance(kind, schema.ListOf):
        result: dict[str, Any] = {"type": "array", "items": _kind(kind.item)}
        if kind.min_items:
            result["minItems"] = kind.min_items
        return result
    if isinstance(kind, schema.MapOf):
        mapping: dict[str, Any] = {
            "type": "object",
            "propertyNames": {"pattern": schema.NODE_ID_PATTERN, "maxLength": schema.MAX_ID_LENGTH},
            "additionalProperties": _kind(kind.value),
        }
        if kind.min_items:
            mapping["minProperties"] = kind.min_items
        return mapping
    if isinstance(kind, schema.Obj):
        return {"$ref": f"#/$defs/{kind.name}"}
    if isinstance(kind, schema.Shorthand):
        return {"anyOf": [_kind(kind.short), {"$ref": f"#/$defs/{kind.name}"}]}
    if isinstance(kind, schema.Tagged):
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
    raise TypeError(f"no JSON Schema for {kind!r}")  # pragma: no cover - every kind is handled above


# Translation files (`<slug>.<language>.yaml`) ----------------------------------------------------------------

TRANSLATION_SCHEMA_ID = "https://recourse.example/schema/translation.schema.json"
TRANSLATION_SCHEMA_PATH = "docs/schema/translation.schema.json"


def translation_schema() -> dict[str, Any]:
    """The JSON Schema of a translation file: the tree's texts only (the same tables as the translation loader),
    each as the English it translates and its translation."""
    from wizard import translation  # the tables of translated fields are derived from wizard.schema there
    from wizard.translation_entries import PREVIOUS_KEY, SOURCE_KEY

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
        if spec.name != "example" and translation.holds_text(schema.Obj(spec.name)):
            definitions[spec.name] = _translated_object([spec], spec.doc)
    node_specs = [schema.spec(variant) for variant in schema.NODE_TYPES]
    definitions["node"] = _translated_object(node_specs, "The texts of one node (question, route or outcome).")
    root = definitions.pop("tree")
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


def _translated_object(specs: list[schema.ObjectSpec], doc: str) -> dict[str, Any]:
    from wizard import translation

    properties: dict[str, Any] = {}
    for spec in specs:
        for item in spec.fields:
            if item.name not in properties and translation.holds_text(item.kind):
                properties[item.name] = {**_translated_kind(item.kind), "description": item.doc}
    return {"type": "object", "description": doc, "properties": properties, "additionalProperties": False}


def _translated_kind(kind: schema.Kind) -> dict[str, Any]:
    if isinstance(kind, schema.Text):
        return {"$ref": "#/$defs/text"}
    if isinstance(kind, schema.ListOf):
        return {"type": "array", "items": _translated_kind(kind.item)}
    if isinstance(kind, schema.MapOf):
        return {"type": "object",
                "propertyNames": {"pattern": schema.NODE_ID_PATTERN, "maxLength": schema.MAX_ID_LENGTH},
                "additionalProperties": _translated_kind(kind.value)}
    if isinstance(kind, (schema.Obj, schema.Shorthand)):
        return {"$ref": f"#/$defs/{kind.name}"}
    if isinstance(kind, schema.Tagged):
        return {"$ref": "#/$defs/node"}
    raise TypeError(f"no translated form for {kind!r}")  # pragma: no cover - only kinds that hold text come here
