"""The tree as a graph: links between nodes, reachability, loops, path counts and longest paths.

Every analysis here is linear in the number of links (dynamic programming over a topological order), so a
tree with 10^12 root-to-outcome paths is counted as fast as a small one: paths are never enumerated.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

QUESTION_TYPES = frozenset({"choice", "yesno", "number", "date"})


@dataclass(frozen=True)
class Link:
    """One way from a node to the next: which node, and where in the data it is written."""

    source: str
    target: str
    path: tuple[str | int, ...]


def links_of(node_id: str, node: Mapping[str, Any]) -> list[Link]:
    """The links leaving one node of the loaded (or compiled) tree, in the order they are written."""
    base: tuple[str | int, ...] = ("nodes", node_id)
    kind = node.get("type")
    links: list[Link] = []
    if kind in ("choice", "yesno"):
        options = node.get("options") or {}
        # The loader keeps options as a mapping; the compiled form is a list of {key, ...}.
        pairs = options.items() if isinstance(options, dict) else ((o["key"], o) for o in options)
        for key, option in pairs:
            if isinstance(option, Mapping) and option.get("next"):
                links.append(Link(node_id, option["next"], (*base, "options", key, "next")))
    elif kind in ("number", "date"):
        if node.get("next"):
            links.append(Link(node_id, node["next"], (*base, "next")))
    elif kind == "route":
        for index, branch in enumerate(node.get("branches") or []):
            if branch.get("next"):
                links.append(Link(node_id, branch["next"], (*base, "branches", index, "next")))
        other = node.get("else")
        if isinstance(other, Mapping) and other.get("next"):
            links.append(Link(node_id, other["next"], (*base, "else", "next")))
    return links


def all_links(nodes: Mapping[str, Mapping[str, Any]]) -> dict[str, list[Link]]:
    """Every node's outgoing links, keeping only links to nodes that exist."""
    return {nid: [link for link in links_of(nid, node) if link.target in nodes] for nid, node in nodes.items()}


def reachable(start: str, links: Mapping[str, list[Link]]) -> list[str]:
    """The nodes reachable from ``start`` (itself included), in the order first met."""
    if start not in links:
        return []
    seen = {start}
    order = [start]
    stack = [start]
    while stack:
        current = stack.pop()
        for link in links[current]:
            if link.target not in seen:
                seen.add(link.target)
                order.append(link.target)
                stack.append(link.target)
    return order


def find_cycle(links: Mapping[str, list[Link]]) -> list[str] | None:
    """One loop in the graph as a list of node ids (first repeated at the end), or None.

    Iterative depth-first search: a recursive one would overflow Python's stack on long generated trees.
    """
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(links, white)
    for root in links:
        if colour[root] != white:
            continue
        colour[root] = grey
        stack: list[tuple[str, int]] = [(root, 0)]
        while stack:
            current, index = stack[-1]
            outgoing = links[current]
            if index < len(outgoing):
                stack[-1] = (current, index + 1)
                target = outgoing[index].target
                if colour[target] == grey:
                    trail = [frame[0] for frame in stack]
                    return [*trail[trail.index(target):], target]
                if colour[target] == white:
                    colour[target] = grey
                    stack.append((target, 0))
            else:
                colour[current] = black
                stack.pop()
    return None


def topological_order(links: Mapping[str, list[Link]]) -> list[str]:
    """Nodes so that every link goes forward (Kahn's algorithm). Only meaningful when there is no loop."""
    incoming = dict.fromkeys(links, 0)
    for outgoing in links.values():
        for link in outgoing:
            incoming[link.target] += 1
    ready = [nid for nid, count in incoming.items() if count == 0]
    order: list[str] = []
    while ready:
        current = ready.pop()
        order.append(current)
        for link in links[current]:
            incoming[link.target] -= 1
            if incoming[link.target] == 0:
                ready.append(link.target)
    return order


def paths_to_end(links: Mapping[str, list[Link]]) -> dict[str, int]:
    """For each node, how many different ways lead from it to an end: dynamic programming, never enumeration."""
    paths: dict[str, int] = {}
    for nid in reversed(topological_order(links)):
        outgoing = links[nid]
        paths[nid] = sum(paths[link.target] for link in outgoing) if outgoing else 1
    return paths


def count_paths(start: str, links: Mapping[str, list[Link]]) -> int:
    """How many different ways lead from ``start`` to an end (each link counted once per option)."""
    return paths_to_end(links).get(start, 0)


def longest_remaining(nodes: Mapping[str, Mapping[str, Any]], links: Mapping[str, list[Link]]) -> dict[str, int]:
    """For each node, the most questions still to answer on the way to an outcome, counting the node itself."""
    longest: dict[str, int] = {}
    for nid in reversed(topological_order(links)):
        below = max((longest[link.target] for link in links[nid]), default=0)
        longest[nid] = below + (1 if nodes[nid].get("type") in QUESTION_TYPES else 0)
    return longest


def longest_path_nodes(start: str, links: Mapping[str, list[Link]]) -> int:
    """The number of nodes on the longest way from ``start`` to an end, outcome included."""
    depth: dict[str, int] = {}
    for nid in reversed(topological_order(links)):
        depth[nid] = 1 + max((depth[link.target] for link in links[nid]), default=0)
    return depth.get(start, 0)


def must_pass(start: str, links: Mapping[str, list[Link]]) -> dict[str, frozenset[str]]:
    """For each reachable node, the nodes met on *every* way from ``start`` to it (itself excluded).

    A condition may only use answers to questions in this set: anything else might not have been asked.
    """
    order = [nid for nid in topological_order(links)]
    live = set(reachable(start, links))
    before: dict[str, frozenset[str] | None] = dict.fromkeys(live, None)
    before[start] = frozenset()
    for nid in order:
        if nid not in live:
            continue
        here = before[nid]
        if here is None:
            continue
        passed = here | {nid}
        for link in links[nid]:
            known = before[link.target]
            before[link.target] = passed if known is None else known & passed
    return {nid: value for nid, value in before.items() if value is not None}
