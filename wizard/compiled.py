"""The compiled form of loaded tree data: plain JSON that the engine, the site and the browser read.

Kept apart from ``wizard.compiler`` (which loads and checks files first) so that the checker can run a tree's
examples through the engine on the very form readers get, without a circular import.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wizard import graph
from wizard.core.vocabulary import SOURCE_LANGUAGE, word

FORMAT_VERSION = 1


def compile_data(data: Mapping[str, Any], slug: str) -> dict[str, Any]:
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


def compile_node(node: Mapping[str, Any]) -> dict[str, Any]:
    """One node as the engine reads it: options become a list of ``{key, label, next, because, basis}``."""
    compiled = dict(node)
    if node["type"] in ("choice", "yesno"):
        options = []
        for key, option in node["options"].items():
            label = option.get("label") or (word(SOURCE_LANGUAGE, key) if key in ("yes", "no") else key)
            options.append({"key": key, "label": label, "next": option["next"], "because": option.get("because"),
                            "basis": option.get("basis") or []})
        if node["type"] == "yesno":
            options.sort(key=lambda o: 0 if o["key"] == "yes" else 1)
        compiled["options"] = options
    return compiled
