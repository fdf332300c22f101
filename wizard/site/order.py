"""The order in which a page lists a tree's nodes, and who links to what."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from typing import Any

from wizard.core import kinds


def next_ids(node: Mapping[str, Any]) -> list[str]:
    """The ids a node leads to, in the order a reader meets them (options, branches, else)."""
    return [way.target for way in kinds.ways_out(node)]


def reading_order(tree: Mapping[str, Any]) -> list[str]:
    """Questions and routes first, then outcomes, each group breadth-first from the start.

    Breadth-first keeps the questions a reader meets early near the top. Nodes the start cannot reach
    (the checker rejects them, but a page must still show everything it is given) come last.
    """
    nodes: dict[str, Any] = tree["nodes"]
    seen: dict[str, None] = {}  # an ordered set: trees with thousands of nodes are listed in linear time
    queue = deque([tree["start"]])
    while queue:
        node_id = queue.popleft()
        if node_id in seen or node_id not in nodes:
            continue
        seen[node_id] = None
        queue.extend(next_ids(nodes[node_id]))
    order = [*seen, *(node_id for node_id in nodes if node_id not in seen)]
    steps = [n for n in order if not kinds.is_outcome(nodes[n])]
    outcomes = [n for n in order if kinds.is_outcome(nodes[n])]
    return steps + outcomes


def outcomes_citing(tree: Mapping[str, Any]) -> dict[str, list[str]]:
    """For each source id, the outcomes whose ``basis`` lists it, in reading order."""
    citing: dict[str, list[str]] = {source_id: [] for source_id in tree["sources"]}
    for node_id in reading_order(tree):
        node: Mapping[str, Any] = tree["nodes"][node_id]
        if kinds.is_outcome(node):
            for source_id in node.get("basis") or []:
                citing.setdefault(source_id, []).append(node_id)
    return citing
