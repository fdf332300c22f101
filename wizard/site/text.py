"""Small text helpers shared by the page parts: shortening, names of nodes and anchors.

Escaping is ``wizard.core.views.markup.esc``, the one the engine's renderer uses too.

Dates in words are in ``wizard.site.wording`` (``readable_date_in``), in the tree's language.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wizard.core import kinds


def shorten(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, cut at a word boundary with an ellipsis."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-") + "…"


def node_anchor(node_id: str) -> str:
    """The id of a node's heading in "All answers" (``node-<id>``)."""
    return f"node-{node_id}"


def source_anchor(source_id: str) -> str:
    """The id of a source's entry in "Legal basis and sources"."""
    return f"source-{source_id}"


def node_title(node: Mapping[str, Any], route_fallback: str) -> str:
    """What a node is called on the page: its question, its verdict, or a route's title.

    A route without a title of its own gets ``route_fallback`` (the page passes it in the tree's language).
    """
    if kinds.is_outcome(node):
        return str(node.get("verdict", ""))
    if kinds.is_route(node):
        return str(node.get("title") or route_fallback)
    return str(node.get("question", ""))
