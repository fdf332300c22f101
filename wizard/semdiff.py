"""``wizard diff``: what a change to a tree means for readers, for reviewers who are not programmers.

Two compiled trees are walked side by side from their start: a pair of nodes is visited once, whichever answers
led there, so the cost grows with the size of the trees, not with the number of ways through them (which can be
astronomically large). Wherever the same answers now lead somewhere else, reach a different outcome, or compute
a deadline differently, that is a *behaviour change*, reported with one readable sequence of answers that shows
it and the number of ways through the old tree that it affects. Changes of wording only are listed apart: they
change no outcome.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from wizard import graph
from wizard.escaping import for_markdown, for_terminal

BEHAVIOUR = "behaviour"
ADDED = "added"
REMOVED = "removed"
REWORDED = "reworded"
METADATA = "metadata"

_WORDING = ("question", "help", "title", "verdict", "explanation", "unit", "because")
_PAIR = tuple[str, str]


@dataclass
class Change:
    """One difference between the old and the new tree."""

    kind: str
    message: str
    node: str | None = None
    answers: list[str] = field(default_factory=list)  # a readable way to get there (behaviour changes)
    ways: int | None = None  # how many complete ways through the old tree pass there


@dataclass
class TreeDiff:
    """All differences of one tree file."""

    name: str
    changes: list[Change] = field(default_factory=list)

    @property
    def behaviour_changed(self) -> bool:
        """True when some answers now lead to another outcome, question or deadline."""
        # A node added or removed changes behaviour only through the links to it, which the walk reports;
        # a whole procedure added or removed (node None) is a change in itself.
        return any(c.kind == BEHAVIOUR or (c.kind in (ADDED, REMOVED) and c.node is None) for c in self.changes)

    def by_kind(self, kind: str) -> list[Change]:
        """The changes of one kind, in the order found."""
        return [c for c in self.changes if c.kind == kind]


def added_tree(name: str, tree: Mapping[str, Any]) -> TreeDiff:
    """The diff of a tree that did not exist before."""
    return TreeDiff(name, [Change(ADDED, f"new procedure: {tree.get('title')}")])


def removed_tree(name: str, tree: Mapping[str, Any]) -> TreeDiff:
    """The diff of a tree that was deleted."""
    return TreeDiff(name, [Change(REMOVED, f"procedure removed: {tree.get('title')}")])


def diff_trees(name: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> TreeDiff:
    """Compare two compiled trees (the JSON of ``wizard compile``)."""
    result = TreeDiff(name)
    result.changes.extend(_metadata_changes(old, new))
    old_nodes: Mapping[str, Any] = old["nodes"]
    new_nodes: Mapping[str, Any] = new["nodes"]
    for nid in new_nodes:
        if nid not in old_nodes:
            result.changes.append(Change(ADDED, f"new node `{nid}` ({new_nodes[nid]['type']})", nid))
    for nid in old_nodes:
        if nid not in new_nodes:
            result.changes.append(Change(REMOVED, f"node `{nid}` removed ({old_nodes[nid]['type']})", nid))
    for nid, node in new_nodes.items():
        if nid in old_nodes and old_nodes[nid]["type"] == node["type"]:
            reworded = sorted(_wording(old_nodes[nid]) ^ _wording(node))
            if reworded:
                fields = ", ".join(sorted({key for key, _ in reworded}))
                result.changes.append(Change(REWORDED, f"`{nid}`: {fields} reworded", nid))
    result.changes.extend(_Walk(old, new).behaviour())
    return result


def _metadata_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[Change]:
    for key in ("title", "summary", "audience", "reviewed"):
        if old.get(key) != new.get(key):
            yield Change(METADATA, f"{key}: {old.get(key)!r} → {new.get(key)!r}")
    old_sources, new_sources = old.get("sources") or {}, new.get("sources") or {}
    for sid in new_sources:
        if sid not in old_sources:
            yield Change(METADATA, f"new source `{sid}`: {new_sources[sid].get('title')}")
        elif new_sources[sid] != old_sources[sid]:
            yield Change(METADATA, f"source `{sid}` changed")
    for sid in old_sources:
        if sid not in new_sources:
            yield Change(METADATA, f"source `{sid}` removed")


def _wording(node: Mapping[str, Any]) -> set[tuple[str, str]]:
    """The texts of a node that readers see but that change no outcome, as (field, text) pairs."""
    texts = {(key, str(node[key])) for key in _WORDING if node.get(key)}
    for option in node.get("options") or []:
        texts.add((f"option {option['key']} label", str(option.get("label"))))
        if option.get("because"):
            texts.add((f"option {option['key']} because", str(option["because"])))
    for index, branch in enumerate(node.get("branches") or []):
        if branch.get("because"):
            texts.add((f"branch {index + 1} because", str(branch["because"])))
    for index, item in enumerate(node.get("next_steps") or []):
        texts.add((f"next step {index + 1}", str(item.get("text"))))
    for item in node.get("deadlines") or []:
        texts.add((f"deadline {item['id']} label", str(item.get("label"))))
    return texts


@dataclass
class _Edge:
    target: _PAIR | None
    step: str


class _Walk:
    """The side-by-side walk over pairs (old node, new node) reached by the same answers."""

    def __init__(self, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        self.old: Mapping[str, Any] = old["nodes"]
        self.new: Mapping[str, Any] = new["nodes"]
        self.start: _PAIR = (old["start"], new["start"])
        self.first_way: dict[_PAIR, list[str]] = {self.start: []}
        self.found: list[tuple[_PAIR, Change]] = []
        self.pair_edges: dict[_PAIR, list[_PAIR]] = {}

    def behaviour(self) -> list[Change]:
        order = self.visit()
        ways = self.count_ways(order)
        onward = graph.paths_to_end(graph.all_links(self.old))
        for pair, change in self.found:
            change.answers = self.first_way[pair]
            # Complete ways through the old tree that pass here: ways to this point times ways on from it.
            change.ways = ways.get(pair, 0) * onward.get(pair[0], 1)
        return [change for _, change in self.found]

    def visit(self) -> list[_PAIR]:
        """Visit every reachable pair once (iteratively); returns them in an order where parents come first."""
        edges: dict[_PAIR, list[_PAIR]] = {}
        stack = [self.start]
        while stack:
            pair = stack.pop()
            if pair in edges:
                continue
            followers = list(self.edges(pair))
            edges[pair] = [edge.target for edge in followers if edge.target is not None]
            # The first written option names the way to a pair; pushing in reverse makes the walk, and so the
            # report, follow the order in which the options are written.
            fresh = []
            for edge in followers:
                if edge.target is not None and edge.target not in self.first_way:
                    self.first_way[edge.target] = [*self.first_way[pair], edge.step]
                    fresh.append(edge.target)
            stack.extend(reversed(fresh))
        self.pair_edges = edges
        return _topological(self.start, edges)

    def count_ways(self, order: list[_PAIR]) -> dict[_PAIR, int]:
        """How many answer sequences reach each pair: dynamic programming over the (acyclic) pair graph."""
        ways = {self.start: 1}
        for pair in order:
            for target in self.pair_edges.get(pair, []):
                ways[target] = ways.get(target, 0) + ways.get(pair, 0)
        return ways

    def report(self, pair: _PAIR, message: str) -> None:
        self.found.append((pair, Change(BEHAVIOUR, message, pair[1])))

    def edges(self, pair: _PAIR) -> Iterator[_Edge]:
        old_id, new_id = pair
        old, new = self.old.get(old_id), self.new.get(new_id)
        if old is None or new is None:
            return
        if old_id != new_id:
            if old["type"] == new["type"] == "outcome":
                self.report(pair, f"now reaches outcome `{new_id}` ({new.get('verdict')}) instead of "
                            f"`{old_id}` ({old.get('verdict')})")
            else:
                self.report(pair, f"now goes to `{new_id}` instead of `{old_id}`")
            return
        if old["type"] != new["type"]:
            self.report(pair, f"`{new_id}` is now a {new['type']} node (was {old['type']})")
            return
        kind = new["type"]
        if kind == "outcome":
            self.compare_outcomes(pair, old, new)
        elif kind in ("choice", "yesno"):
            yield from self.option_edges(pair, old, new)
        elif kind in ("number", "date"):
            for key in ("min", "max", "integer"):
                if old.get(key) != new.get(key):
                    self.report(pair, f"`{new_id}` now accepts other answers: {key} {old.get(key)!r} → "
                                f"{new.get(key)!r}")
            yield _Edge((old["next"], new["next"]), f"{new['question']} → any answer")
        elif kind == "route":
            yield from self.route_edges(pair, old, new)

    def option_edges(self, pair: _PAIR, old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[_Edge]:
        old_options = {o["key"]: o for o in old["options"]}
        for option in new["options"]:
            step = f"{new['question']} → {option['label']}"
            before = old_options.get(option["key"])
            if before is None:
                self.report(pair, f"new answer `{option['key']}` ({option['label']}) leads to `{option['next']}`")
                continue
            yield _Edge((before["next"], option["next"]), step)
        new_keys = {o["key"] for o in new["options"]}
        for key, option in old_options.items():
            if key not in new_keys:
                self.report(pair, f"answer `{key}` ({option['label']}) was removed")

    def route_edges(self, pair: _PAIR, old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[_Edge]:
        name = new.get("title") or pair[1]
        old_branches, new_branches = old["branches"], new["branches"]
        for index, branch in enumerate(new_branches):
            step = f"rule “{name}”: {branch['if']}"
            if index >= len(old_branches):
                self.report(pair, f"rule “{name}” has a new branch: if {branch['if']} → `{branch['next']}`")
                continue
            before = old_branches[index]
            if before["if"] != branch["if"]:
                self.report(pair, f"rule “{name}”, branch {index + 1}: the condition changed from "
                            f"`{before['if']}` to `{branch['if']}`")
            yield _Edge((before["next"], branch["next"]), step)
        for index in range(len(new_branches), len(old_branches)):
            self.report(pair, f"rule “{name}”: branch {index + 1} (if {old_branches[index]['if']}) was removed")
        old_else, new_else = old.get("else"), new.get("else")
        if old_else and new_else:
            yield _Edge((old_else["next"], new_else["next"]), f"rule “{name}”: none of the conditions")
        elif old_else != new_else:
            self.report(pair, f"rule “{name}”: the `else` branch was {'added' if new_else else 'removed'}")

    def compare_outcomes(self, pair: _PAIR, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        old_deadlines = {d["id"]: d for d in old.get("deadlines") or []}
        new_deadlines = {d["id"]: d for d in new.get("deadlines") or []}
        for did, deadline in new_deadlines.items():
            before = old_deadlines.get(did)
            if before is None:
                self.report(pair, f"outcome `{pair[1]}` has a new deadline `{did}`: {deadline['date']}")
            elif (before["date"], before.get("if")) != (deadline["date"], deadline.get("if")):
                self.report(pair, f"outcome `{pair[1]}`: deadline `{did}` is now {deadline['date']}"
                            + (f" if {deadline['if']}" if deadline.get("if") else "")
                            + f" (was {before['date']}" + (f" if {before['if']}" if before.get("if") else "") + ")")
        for did in old_deadlines:
            if did not in new_deadlines:
                self.report(pair, f"outcome `{pair[1]}`: deadline `{did}` was removed")
        old_conditions = [step.get("if") for step in old.get("next_steps") or []]
        new_conditions = [step.get("if") for step in new.get("next_steps") or []]
        if old_conditions != new_conditions:
            self.report(pair, f"outcome `{pair[1]}`: which next steps are shown now depends on other answers")
        if old.get("basis") != new.get("basis"):
            self.report(pair, f"outcome `{pair[1]}`: legal basis {old.get('basis')} → {new.get('basis')}")
        if old.get("tone") != new.get("tone"):
            self.report(pair, f"outcome `{pair[1]}`: verdict tone {old.get('tone')} → {new.get('tone')}")


def _topological(start: _PAIR, edges: Mapping[_PAIR, list[_PAIR]]) -> list[_PAIR]:
    """Pairs so that each comes before those it leads to (iterative depth-first post-order, reversed)."""
    order: list[_PAIR] = []
    done: set[_PAIR] = set()
    stack: list[tuple[_PAIR, int]] = [(start, 0)]
    while stack:
        pair, index = stack.pop()
        followers = edges.get(pair, [])
        if index < len(followers):
            stack.append((pair, index + 1))
            target = followers[index]
            if target not in done:  # the pair graph has no loops (both trees have none): no in-progress check
                stack.append((target, 0))
        elif pair not in done:
            done.add(pair)
            order.append(pair)
    order.reverse()
    return order


def format_text(diffs: list[TreeDiff]) -> str:
    """A plain-text report (for the terminal), tree texts' control characters shown as escapes."""
    lines: list[str] = []
    for diff in diffs:
        if not diff.changes:
            continue
        verdict = "outcomes change" if diff.behaviour_changed else "no outcome changes"
        lines.append(f"{diff.name}: {verdict}")
        for change in diff.changes:
            lines.append(f"  {change.kind}: {change.message}")
            if change.kind == BEHAVIOUR:
                way = "; ".join(change.answers) or "at the start"
                lines.append(f"    for example: {way}")
                if change.ways is not None:
                    lines.append(f"    ways through the old tree that pass here: {change.ways}")
    if not lines:
        lines.append("no differences")
    return for_terminal("\n".join(lines))


def format_markdown(diffs: list[TreeDiff]) -> str:
    """A Markdown report (for a pull request's job summary); tree texts are inline code spans."""
    lines = ["## What this change does to the procedures", ""]
    changed = [d for d in diffs if d.changes]
    if not changed:
        lines.append("No procedure changed.")
    for diff in changed:
        mark = "**outcomes change**" if diff.behaviour_changed else "no outcome changes"
        lines += [f"### `{diff.name}`: {mark}", ""]
        behaviour = [c for c in diff.changes if c.kind == BEHAVIOUR]
        if behaviour:
            lines += ["| change | for example, after these answers | ways through the old tree that pass here |",
                      "| --- | --- | --- |"]
            for change in behaviour:
                way = "<br>".join(_cell(a) for a in change.answers) or "at the start"
                lines.append(f"| {_cell(change.message)} | {way} | {change.ways} |")
            lines.append("")
        others = [c for c in diff.changes if c.kind != BEHAVIOUR]
        for change in others:
            lines.append(f"- {change.kind}: {_cell(change.message)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _cell(text: str) -> str:
    # Tree text in a pull request comment: shown verbatim, never read as Markdown, HTML or a mention.
    return for_markdown(text)
