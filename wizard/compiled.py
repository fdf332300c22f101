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
        "cues": data.get("cues"),
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
    options = kinds.compiled_options(node)
    if options is not None:
        compiled["options"] = options
    # The loader gave every key of the node's object spec (wizard.schema), the shape its contract names.
    return cast(Node, compiled)
