"""Whole-tree checks: links, the shape of the graph, formulas, sources, examples and freshness.

Field-level problems are the loader's; this module needs the whole tree at once. It reports every problem it
can find in one pass, each at the line an editor has to change.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wizard import graph, plain_language
from wizard.core import expr
from wizard.diagnostics import ERROR, WARNING, Diagnostic
from wizard.loader import LoadedTree, PathKey, describe, did_you_mean, load_tree, suggestion_budget

STALE_AFTER_DAYS = 365
# Routes without `else` are proven complete by trying every combination of their finite answers, up to this many.
MAX_COMBINATIONS = 4096


@dataclass
class CheckedTree:
    """A loaded tree and every problem found in it."""

    loaded: LoadedTree
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not any(d.is_error for d in self.diagnostics)


def check_file(path: Path, display: str | None = None, *, today: datetime.date | None = None) -> CheckedTree:
    """Load and check one tree file (with the plain-language check when a config file is found above it)."""
    config_path = plain_language.find_config(path.resolve().parent)
    config = plain_language.load_config(config_path) if config_path else None
    with suggestion_budget():
        return check_loaded(load_tree(path, display), today=today, style=config)


def check_loaded(loaded: LoadedTree, *, today: datetime.date | None = None,
                 style: plain_language.PlainLanguageConfig | None = None) -> CheckedTree:
    """Check a loaded tree; returns loader and checker problems together."""
    checked = CheckedTree(loaded, list(loaded.diagnostics))
    if loaded.data is not None and "nodes" in loaded.data:
        checker = _Checker(checked, today or datetime.date.today())
        checker.run()
        if style is not None:
            for finding in plain_language.check_tree(loaded.data, style):
                checker.report(finding.path, WARNING, finding.message, finding.hint)
    return checked


def variable_info(node: Mapping[str, Any]) -> expr.VarInfo | None:
    """How a question's answer looks inside a formula (None for nodes that are not questions)."""
    kind = node.get("type")
    if kind == "choice":
        return expr.VarInfo(expr.TYPE_TEXT, tuple(node.get("options") or ()))
    if kind == "yesno":
        # Formulas read a yes/no answer as the text 'yes' or 'no', like a choice: `accepted == 'yes'`.
        return expr.VarInfo(expr.TYPE_TEXT, ("yes", "no"))
    if kind == "number":
        return expr.VarInfo(expr.TYPE_NUMBER)
    if kind == "date":
        return expr.VarInfo(expr.TYPE_DATE)
    return None


class _Checker:
    def __init__(self, checked: CheckedTree, today: datetime.date) -> None:
        self.checked = checked
        self.loaded = checked.loaded
        self.data: dict[str, Any] = checked.loaded.data or {}
        self.nodes: dict[str, dict[str, Any]] = self.data.get("nodes") or {}
        self.today = today
        self.links: dict[str, list[graph.Link]] = {}
        self.suggested: set[str] = set()  # nodes that misspelt links most likely meant

    def report(self, path: PathKey, severity: str, message: str, hint: str | None = None, *,
               key: bool = False, at: tuple[int, int] | None = None) -> None:
        line, column = at if at is not None else self.loaded.position(path, key=key)
        self.checked.diagnostics.append(Diagnostic(self.loaded.file, line, column, severity, message, hint))

    def run(self) -> None:
        self.check_node_fields()
        links_ok = self.check_links()
        links = self.links = graph.all_links(self.nodes)
        start = self.data.get("start")
        cycle = graph.find_cycle(links)
        if cycle:
            shown = " → ".join(cycle)
            # Point at the link that closes the loop: the editor most likely meant another node there.
            closing = next(link for link in links[cycle[-2]] if link.target == cycle[-1])
            self.report(closing.path, ERROR, f"these nodes form a loop: {shown}.",
                        "A procedure must always move forward; point one of these links at another node.")
        # With a node left out for its own error the graph is incomplete: what lies beyond it, and the answers
        # it would give, are unknown, so those checks wait until the node is fixed.
        if start in self.nodes and not self.loaded.dropped_nodes:
            self.check_reachability(start, links, links_ok and not cycle)
            if not cycle:
                self.check_formulas(start, links)
        self.check_reasons(links)
        self.check_sources()
        self.check_examples()
        self.check_reviewed()

    # Nodes -------------------------------------------------------------------------------------------------

    def check_node_fields(self) -> None:
        for nid, node in self.nodes.items():
            base: PathKey = ("nodes", nid)
            kind = node["type"]
            if kind == "yesno":
                keys = list(node.get("options") or {})
                if sorted(keys) != ["no", "yes"]:
                    # Point at the first stray key: that is the line to fix (or the options when one is missing).
                    stray = [k for k in keys if k not in ("yes", "no")]
                    where: PathKey = (*base, "options", stray[0]) if stray else (*base, "options")
                    self.report(where, ERROR, f"the options of yes/no node `{nid}` must be exactly "
                                f"`yes` and `no`, not {', '.join(f'`{k}`' for k in keys) or 'none'}.",
                                "Use type `choice` for other answers.", key=bool(stray))
            if kind in ("number", "date"):
                low, high = node.get("min"), node.get("max")
                if low is not None and high is not None and low != "today" and high != "today" and low > high:
                    self.report((*base, "min"), ERROR, f"`min` of node `{nid}` is larger than its `max`.",
                                "No answer could be accepted: swap them or correct one.")
            if kind == "outcome":
                self.check_basis(nid, node)
                seen: dict[str, int] = {}
                for index, deadline in enumerate(node.get("deadlines") or []):
                    if deadline["id"] in seen:
                        self.report((*base, "deadlines", index, "id"), ERROR, f"outcome `{nid}` has two deadlines "
                                    f"called `{deadline['id']}` (also deadline {seen[deadline['id']] + 1}).",
                                    "Give each deadline its own id: examples refer to them by id.")
                    seen.setdefault(deadline["id"], index)

    def check_basis(self, nid: str, node: Mapping[str, Any]) -> None:
        sources = self.data.get("sources") or {}
        basis = node.get("basis") or []
        if not basis:
            self.report(("nodes", nid), WARNING, f"outcome `{nid}` cites no legal basis.",
                        "Add `basis:` with the ids of the sources it rests on.", key=True)
        for index, source_id in enumerate(basis):
            if source_id not in sources and source_id not in self.loaded.dropped_sources:
                guess = did_you_mean(source_id, list(sources))
                hint = f"Did you mean `{guess}`?" if guess else f"Sources: {', '.join(sources) or 'none yet'}."
                self.report(("nodes", nid, "basis", index), ERROR,
                            f"outcome `{nid}` cites `{source_id}`, which is not in `sources`.", hint)

    # Links and graph -----------------------------------------------------------------------------------------

    def check_links(self) -> bool:
        ok = True
        start = self.data.get("start")
        if start is not None and start not in self.nodes:
            ok = False
            self.missing_node(("start",), "`start`", start)
        for nid, node in self.nodes.items():
            for link in graph.links_of(nid, node):
                if link.target not in self.nodes and link.target not in self.loaded.dropped_nodes:
                    ok = False
                    self.missing_node(link.path, f"node `{nid}`", link.target)
        return ok

    def missing_node(self, path: PathKey, where: str, target: str) -> None:
        guess = did_you_mean(target, self.nodes.keys())
        if guess:
            self.suggested.add(guess)
        hint = f"Did you mean `{guess}`?" if guess else "Add a node with this id under `nodes`, or fix the id."
        self.report(path, ERROR, f"{where} leads to `{target}`, which is not a node of this tree.", hint)

    def check_reachability(self, start: str, links: Mapping[str, list[graph.Link]], complete: bool) -> None:
        # A node that a misspelt link almost names is reached once the typo is fixed: reporting it as unreachable
        # too would only repeat the first error. One pass from all of them: a pass per guess would be quadratic.
        seen = set(graph.reachable_from([start, *sorted(self.suggested)], links))
        for nid in self.nodes:
            if nid not in seen:
                self.report(("nodes", nid), ERROR, f"node `{nid}` cannot be reached from the start node `{start}`.",
                            "Link to it from another node, or delete it.", key=True)
        if not complete:
            return
        # A node from which no outcome can be reached leaves the reader stuck.
        ends_ok: set[str] = set()
        for nid in reversed(graph.topological_order(links)):
            node = self.nodes[nid]
            if node["type"] == "outcome" or any(link.target in ends_ok for link in links[nid]):
                ends_ok.add(nid)
            elif nid in seen:
                self.report(("nodes", nid), ERROR, f"node `{nid}` is a dead end: no outcome can be reached from it.",
                            "Give it a way on to an outcome.", key=True)

    # Formulas ------------------------------------------------------------------------------------------------

    def check_formulas(self, start: str, links: Mapping[str, list[graph.Link]]) -> None:
        env = {nid: info for nid, node in self.nodes.items() if (info := variable_info(node)) is not None}
        passed = graph.must_pass(start, links)
        for nid, node in self.nodes.items():
            if nid not in passed:
                continue
            # A view on the dominator tree, not a copy: answers every "is this asked before?" in O(log n).
            known = passed[nid]
            base: PathKey = ("nodes", nid)
            if node["type"] == "route":
                parsed = [self.formula((*base, "branches", i, "if"), b["if"], "bool", env, known, nid)
                          for i, b in enumerate(node["branches"])]
                if node.get("else") is None:
                    self.check_complete(nid, parsed, env)
            elif node["type"] == "outcome":
                for i, step in enumerate(node.get("next_steps") or []):
                    if step.get("if"):
                        self.formula((*base, "next_steps", i, "if"), step["if"], "bool", env, known, nid)
                for i, deadline in enumerate(node.get("deadlines") or []):
                    self.formula((*base, "deadlines", i, "date"), deadline["date"], "date", env, known, nid)
                    if deadline.get("if"):
                        self.formula((*base, "deadlines", i, "if"), deadline["if"], "bool", env, known, nid)

    def formula(self, path: PathKey, source: str, want: str, env: Mapping[str, expr.VarInfo],
                known: AbstractSet[str], nid: str) -> expr.Expr | None:
        try:
            parsed = expr.parse(source)
            got = expr.check(parsed, env)
        except expr.ExprError as exc:
            self.report(path, ERROR, f"in {describe(path)}: {exc.message}",
                        at=self.loaded.expression_position(path, exc.offset))
            return None
        if got != want:
            self.report(path, ERROR, f"{describe(path)} gives {expr.describe_type(got)}, but "
                        f"{expr.describe_type(want)} is needed here.",
                        "Compare it with something, like `amount > 100`." if want == "bool" else None)
            return None
        for name in sorted(expr.names(parsed) - known):
            self.report(path, ERROR, f"{describe(path)} uses `{name}`, but some ways to node `{nid}` do not ask "
                        f"`{name}`.", "Only use answers to questions asked on every way to this node.")
        return parsed

    def check_complete(self, nid: str, parsed: list[expr.Expr | None], env: Mapping[str, expr.VarInfo]) -> None:
        path: PathKey = ("nodes", nid)
        if any(p is None for p in parsed):
            return  # already reported
        conditions = [p for p in parsed if p is not None]
        names = sorted(set().union(*(expr.names(p) for p in conditions)))
        domains: list[list[object]] = []
        for name in names:
            info = env[name]
            if info.type == expr.TYPE_BOOL:
                domains.append([True, False])
            elif info.type == expr.TYPE_TEXT and info.options:
                domains.append(list(info.options))
            else:
                self.report(path, ERROR, f"route `{nid}` has no `else`, and whether a branch holds depends on "
                            f"`{name}`, which can take any value.",
                            "Add `else:` with the node to go to when no branch holds.", key=True)
                return
        combinations = 1
        for domain in domains:
            combinations *= len(domain)
        if combinations > MAX_COMBINATIONS:
            self.report(path, ERROR, f"route `{nid}` has no `else`, and it has too many answer combinations to "
                        "prove that a branch always holds.", "Add `else:`.", key=True)
            return
        for values in itertools.product(*domains):
            answers = dict(zip(names, values, strict=True))
            try:
                if any(expr.evaluate(p, answers, self.today) is True for p in conditions):
                    continue
            except expr.EvalError:
                continue
            shown = ", ".join(f"`{n}` is `{_show(v)}`" for n, v in answers.items()) or "always"
            self.report(path, ERROR, f"route `{nid}` has no `else`, and no branch holds when {shown}.",
                        "Add a branch for that case or an `else:`.", key=True)
            return

    # Sources, examples, freshness ----------------------------------------------------------------------------

    def check_reasons(self, links: Mapping[str, list[graph.Link]]) -> None:
        """A step into an outcome without a `because` leaves "why this outcome" without its last reason."""
        sources = self.data.get("sources") or {}
        for nid, outgoing in links.items():
            for link in outgoing:
                holder = self.value_at(link.path[:-1])
                for index, source_id in enumerate(holder.get("basis") or [] if isinstance(holder, Mapping) else []):
                    if source_id not in sources and source_id not in self.loaded.dropped_sources:
                        guess = did_you_mean(source_id, list(sources))
                        self.report((*link.path[:-1], "basis", index), ERROR, f"the reason of the way from `{nid}` "
                                    f"cites `{source_id}`, which is not in `sources`.",
                                    f"Did you mean `{guess}`?" if guess else None)
                if self.nodes[link.target]["type"] != "outcome":
                    continue
                if isinstance(holder, Mapping) and not holder.get("because"):
                    self.report(link.path, WARNING, f"the way from `{nid}` to outcome `{link.target}` gives no "
                                "reason.", "Add `because:` with the rule, in one sentence: readers see it under "
                                "\"why this outcome\".")

    def value_at(self, path: PathKey) -> object:
        """The loaded value at ``path`` (None when absent)."""
        value: object = self.data
        for part in path:
            if isinstance(value, Mapping):
                value = value.get(part)
            elif isinstance(value, list) and isinstance(part, int) and part < len(value):
                value = value[part]
            else:
                return None
        return value

    def check_sources(self) -> None:
        cited = {sid for node in self.nodes.values() for sid in (node.get("basis") or [])}
        for outgoing in self.links.values():
            for link in outgoing:
                holder = self.value_at(link.path[:-1])
                cited.update(holder.get("basis") or [] if isinstance(holder, Mapping) else [])
        for sid in self.data.get("sources") or {}:
            if sid not in cited:
                self.report(("sources", sid), WARNING, f"source `{sid}` is not cited by any outcome.",
                            "Cite it in an outcome's `basis`, or remove it.", key=True)

    def check_examples(self) -> None:
        examples = self.data.get("examples") or []
        outcomes = [nid for nid, node in self.nodes.items() if node["type"] == "outcome"]
        questions = [nid for nid, node in self.nodes.items() if variable_info(node) is not None]
        names: dict[str, int] = {}
        for index, example in enumerate(examples):
            base: PathKey = ("examples", index)
            name = example["name"]
            if name in names:
                self.report((*base, "name"), ERROR, f"two examples are called \"{name}\" (also example "
                            f"{names[name] + 1}).", "Give each example its own name.")
            names.setdefault(name, index)
            for question in example.get("answers") or {}:
                if question not in questions and question not in self.loaded.dropped_nodes:
                    guess = did_you_mean(question, questions)
                    hint = f"Did you mean `{guess}`?" if guess else "Answers are given by question id."
                    self.report((*base, "answers", question), ERROR,
                                f"example \"{name}\" answers `{question}`, which is not a question of this tree.",
                                hint, key=True)
            target = example.get("outcome")
            if target in self.loaded.dropped_nodes:
                continue
            if target not in outcomes:
                guess = did_you_mean(str(target), outcomes)
                hint = f"Did you mean `{guess}`?" if guess else f"Outcomes: {', '.join(outcomes)}."
                self.report((*base, "outcome"), ERROR, f"example \"{name}\" expects `{target}`, which is not an "
                            "outcome of this tree.", hint)
                continue
            declared = {d["id"] for d in self.nodes[target].get("deadlines") or []}
            for deadline_id in example.get("deadlines") or {}:
                if deadline_id not in declared:
                    self.report((*base, "deadlines", deadline_id), ERROR, f"example \"{name}\" expects deadline "
                                f"`{deadline_id}`, which outcome `{target}` does not have.", key=True)
        reached = {example.get("outcome") for example in examples}
        for nid in outcomes:
            if nid not in reached:
                self.report(("nodes", nid), WARNING, f"no example reaches outcome `{nid}`.",
                            "Add an example under `examples:` whose answers lead here.", key=True)

    def check_reviewed(self) -> None:
        reviewed = self.data.get("reviewed")
        if not reviewed:
            return
        age = (self.today - datetime.date.fromisoformat(reviewed)).days
        if age > STALE_AFTER_DAYS:
            self.report(("reviewed",), WARNING, f"the content was last reviewed {age} days ago ({reviewed}).",
                        "Check it against its sources and update `reviewed`.")
        elif age < 0:
            self.report(("reviewed",), ERROR, f"`reviewed` ({reviewed}) is in the future.",
                        "Write the day you last checked the content against its sources.")


def _show(value: object) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return str(value)
