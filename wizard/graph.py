"""The tree as a graph: links between nodes, reachability, loops, path counts and longest paths.

Every analysis here is linear in the number of links (dynamic programming over a topological order), so a
tree with 10^12 root-to-outcome paths is counted as fast as a small one: paths are never enumerated.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from typing import Any, NamedTuple, TypeVar

from wizard.core import kinds

_S = TypeVar("_S")


class Link(NamedTuple):
    """One way from a node to the next: which node, and where in the data it is written (a tuple, like
    ``kinds.Way``: every check and every compile makes one per way of every node)."""

    source: str
    target: str
    path: tuple[str | int, ...]


def links_of(node_id: str, node: Mapping[str, Any]) -> list[Link]:
    """The links leaving one node of the loaded (or compiled) tree, in the order they are written."""
    return [Link(node_id, way.target, ("nodes", node_id, *way.path)) for way in kinds.ways_out(node)]


def all_links(nodes: Mapping[str, Mapping[str, Any]],
              written: Mapping[str, list[Link]] | None = None) -> dict[str, list[Link]]:
    """Every node's outgoing links, keeping only links to nodes that exist; ``written`` holds each node's
    ``links_of`` when the caller has them already (the checker reads them first to report the broken ones)."""
    return {nid: [link for link in (written[nid] if written is not None else links_of(nid, node))
                  if link.target in nodes] for nid, node in nodes.items()}


def reachable(start: str, links: Mapping[str, list[Link]]) -> list[str]:
    """The nodes reachable from ``start`` (itself included), in the order first met."""
    return reachable_from([start], links)


def reachable_from(starts: Iterable[str], links: Mapping[str, list[Link]]) -> list[str]:
    """The nodes reachable from any of ``starts`` (themselves included), in one pass, in the order first met."""
    order = list(dict.fromkeys(start for start in starts if start in links))
    seen = set(order)
    stack = order[::-1]
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
        longest[nid] = below + (1 if kinds.is_question(nodes[nid]) else 0)
    return longest


def longest_path_nodes(start: str, links: Mapping[str, list[Link]]) -> int:
    """The number of nodes on the longest way from ``start`` to an end, outcome included."""
    depth: dict[str, int] = {}
    for nid in reversed(topological_order(links)):
        depth[nid] = 1 + max((depth[link.target] for link in links[nid]), default=0)
    return depth.get(start, 0)


def must_pass(start: str, links: Mapping[str, list[Link]], order: list[str] | None = None) -> MustPass:
    """For each reachable node, the nodes met on *every* way from ``start`` to it (itself excluded).

    A condition may only use answers to questions in this set: anything else might not have been asked.
    Only meaningful when there is no loop. The sets are views on the dominator tree, not copies: a chain of
    n questions would otherwise hold n²/2 names. ``order``: the links' ``topological_order``, when the caller
    has it already.
    """
    return MustPass(start, links, order)


class MustPass(Mapping[str, AbstractSet[str]]):
    """The dominators of every node reachable from the start, as a read-only mapping of node id to set view.

    Built in one pass over a topological order: a node's immediate dominator is the nearest common ancestor,
    in the dominator tree built so far, of all its predecessors (Cooper, Harvey and Kennedy's algorithm, which
    needs a single pass on a graph without loops). Common ancestors are found by binary lifting, so that no
    shape of graph makes a query walk a long chain: O((nodes + links) log nodes) in all.
    """

    def __init__(self, start: str, links: Mapping[str, list[Link]], order: list[str] | None = None) -> None:
        live = set(reachable(start, links))
        self._ids: list[str] = []
        self._index: dict[str, int] = {}
        # _up[i][k]: the 2**k-th dominator above node i (for every 2**k up to its depth); _depth[i]: how many
        # nodes dominate node i. Node numbers follow the topological order.
        self._up: list[list[int]] = []
        self._depth: list[int] = []
        idom: dict[str, int] = {}
        for nid in order if order is not None else topological_order(links):
            if nid not in live:
                continue
            index = len(self._ids)
            self._add(nid, idom.get(nid))  # only the start has no predecessor
            for link in links[nid]:
                known = idom.get(link.target)
                idom[link.target] = index if known is None else self._meet(known, index)

    def _add(self, nid: str, parent: int | None) -> None:
        self._index[nid] = len(self._ids)
        self._ids.append(nid)
        if parent is None:
            self._depth.append(0)
            self._up.append([])
            return
        depth = self._depth[parent] + 1
        jumps = [parent]
        while (1 << len(jumps)) <= depth:
            jumps.append(self._up[jumps[-1]][len(jumps) - 1])
        self._depth.append(depth)
        self._up.append(jumps)

    def _ancestor_at(self, node: int, depth: int) -> int:
        """The dominator of ``node`` whose depth is ``depth`` (at most the node's own)."""
        steps = self._depth[node] - depth
        level = 0
        while steps:
            if steps & 1:
                node = self._up[node][level]
            steps >>= 1
            level += 1
        return node

    def _meet(self, a: int, b: int) -> int:
        """The nearest node that dominates (or is) both ``a`` and ``b``."""
        if self._depth[a] < self._depth[b]:
            a, b = b, a
        a = self._ancestor_at(a, self._depth[b])
        if a == b:
            return a
        # Same depth from here on, so both have as many jumps; take each jump that still lands apart.
        for level in range(len(self._up[a]) - 1, -1, -1):
            if level < len(self._up[a]) and self._up[a][level] != self._up[b][level]:
                a, b = self._up[a][level], self._up[b][level]
        return self._up[a][0]

    def always_before(self, before: str, nid: str) -> bool:
        """Whether ``before`` is met on every way from the start to ``nid`` (never when it is ``nid`` itself)."""
        node, other = self._index.get(nid), self._index.get(before)
        if node is None or other is None or self._depth[other] >= self._depth[node]:
            return False
        return self._ancestor_at(node, self._depth[other]) == other

    def __getitem__(self, nid: str) -> AbstractSet[str]:
        if nid not in self._index:
            raise KeyError(nid)
        return _Before(self, nid)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, nid: object) -> bool:
        return nid in self._index

    def chain(self, nid: str) -> Iterator[str]:
        """The nodes that ``nid``'s way always passes, nearest first."""
        node = self._index[nid]
        while self._depth[node]:
            node = self._up[node][0]
            yield self._ids[node]


class _Before(AbstractSet[str]):
    """The set of nodes met on every way to one node: membership in O(log n), without copying the chain."""

    def __init__(self, owner: MustPass, nid: str) -> None:
        self._owner = owner
        self._nid = nid

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._owner.always_before(name, self._nid)

    def __iter__(self) -> Iterator[str]:
        return self._owner.chain(self._nid)

    def __len__(self) -> int:
        return self._owner._depth[self._owner._index[self._nid]]

    @classmethod
    def _from_iterable(cls, it: Iterable[_S]) -> AbstractSet[_S]:
        # What `{...} - view` and the other set operators build: a plain set (a view is tied to its node).
        return frozenset(it)

    def __repr__(self) -> str:
        return f"{{{', '.join(sorted(self))}}}"
