"""The compiled form of loaded tree data: plain JSON that the engine, the site and the browser read.

Kept apart from ``wizard.compiler`` (which loads and checks files first) so that the checker can run a tree's
examples through the engine on the very form readers get, without a circular import.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from wizard import graph
from wizard.core import kinds
from wizard.core.contracts import CompiledTree, Node
from wizard.core.messages import message
from wizard.core.vocabulary import SOURCE_LANGUAGE

FORMAT_VERSION = 1


def compile_data(data: Mapping[str, Any], slug: str) -> CompiledTree:
    """The compiled tree of loaded data whose links all lead to nodes and form no loop."""
    nodes = {nid: compile_node(node) for nid, node in data["nodes"].items()}
    links = graph.all_links(nodes)
    return {
        "format": FORMAT_VERSION,
        "slug": slug,
        "title": data["title"],
        "summary": data["summary"],
        "keywords": data.get("keywords"),
        "audience": data["audience"],
        "reviewed": data["reviewed"],
        "sources": data["sources"],
        "start": data["start"],
        "nodes": nodes,
        "longest": graph.longest_remaining(nodes, links),
    }


def compile_node(node: Mapping[str, Any]) -> Node:
    """One node as the engine reads it: options become a list of ``{key, label, next, because, basis}``."""
    compiled: dict[str, Any] = dict(node)
    kind = kinds.kind_of(node)
    if kind is not None and kind.ticks:
        compiled["options"] = [{"key": key, **box} for key, box in node["options"].items()]
    elif kind is not None and kind.options:
        fixed = kind.fixed_options
        options = []
        for key, option in node["options"].items():
            # An option the kind itself sets (yes, no) is labelled with the engine's word for it by default.
            label = option.get("label") or (message(SOURCE_LANGUAGE, key) if key in fixed else key)
            options.append({"key": key, "label": label, "next": option["next"], "because": option.get("because"),
                            "basis": option.get("basis") or []})
        if fixed:
            options.sort(key=lambda o: fixed.index(o["key"]) if o["key"] in fixed else len(fixed))
        compiled["options"] = options
    # The loader gave every key of the node's object spec (wizard.schema), the shape its contract names.
    return cast(Node, compiled)
