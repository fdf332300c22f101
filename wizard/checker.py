"""Whole-tree checks: links, the shape of the graph, formulas, sources, examples and freshness.

Field-level problems are the loader's; this module needs the whole tree at once. It reports every problem it
can find in one pass, each at the line an editor has to change.
"""

from __future__ import annotations

import datetime
import functools
import math
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wizard import conditions, example_checks, formula_fixes, graph, plain_language, proofs, schema, schema_walk
from wizard.compiled import compile_data, compile_node
from wizard.core import contracts, expr, kinds, readers
from wizard.diagnostics import ERROR, WARNING, Diagnostic
from wizard.loader import LoadedTree, PathKey, describe, did_you_mean, load_tree, suggestion_budget
from wizard.project import Project

STALE_AFTER_DAYS = 365
# Where the ways on from a node are written: losing one of these (or an item in one) leaves the graph incomplete.
_LINK_HOLDERS = frozenset({"next", "else", "options", "branches"})


@dataclass
class CheckedTree:
    """A loaded tree and every problem found in it."""

    loaded: LoadedTree
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # The compiled tree, when the checker compiled it to walk the examples: the compile stage then uses it
    # instead of compiling the same data again (``wizard.compiler.compile_checked``).
    compiled: contracts.CompiledTree | None = None

    @property
    def ok(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not any(d.is_error for d in self.diagnostics)


def check_file(path: Path, display: str | None = None, *, today: datetime.date | None = None,
               project: Project | None = None) -> CheckedTree:
    """Load and check one tree file, with the plain-language rules of its project (by default, the one whose
    ``content.toml`` is above it)."""
    project = project if project is not None else Project.find(path)
    with suggestion_budget():
        return check_loaded(load_tree(path, display), today=today, style=project.style())


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
    kind = kinds.kind_of(node)
    if kind is None or kind.answer_type is None:
        return None
    keys = kinds.option_keys(node)
    return expr.VarInfo(kind.answer_type, keys, _labels(node.get("options") or {}, keys))


def _place(path: PathKey) -> int:
    """The place (from 1) of the list item a field's path ends in: ``(..., "deadlines", 0, "if")`` is 1."""
    return int(path[-2]) + 1


def _labels(options: Mapping[str, Any], keys: tuple[str, ...]) -> tuple[str, ...]:
    """The label of each option key (the key itself where an option has none)."""
    found = []
    for key in keys:
        option = options.get(key)
        label = option.get("label") if isinstance(option, Mapping) else None
        found.append(label if isinstance(label, str) else key)
    return tuple(found)


class _Checker:
    def __init__(self, checked: CheckedTree, today: datetime.date) -> None:
        self.checked = checked
        self.loaded = checked.loaded
        self.data: dict[str, Any] = checked.loaded.data or {}
        self.nodes: dict[str, dict[str, Any]] = self.data.get("nodes") or {}
        self.today = today
        self.links: dict[str, list[graph.Link]] = {}
        self.faulty: set[PathKey] = set()  # where the checker reported an error: what depends on it waits
        # Already reported, so the proofs leave them aside rather than repeat the mistake in other words:
        self.empty_windows: set[str] = set()  # questions whose `min`..`max` can be empty
        self.always_failing: set[PathKey] = set()  # formulas with a part that fails for every answer
        self.swapped: set[PathKey] = set()  # formulas whose `days_between` dates are the wrong way round
        self.later: list[Callable[[], None]] = []  # proofs about outcomes, run once the routes have theirs
        # Questions as the engine reads them, compiled once for all the examples that answer them, and the
        # engine's verdict on each answer given, by question, answer and day (examples repeat their answers):
        self.compiled_questions: dict[str, contracts.Node] = {}
        self.refusals: dict[tuple[str, str, datetime.date], tuple[str, str] | None] = {}
        # The parts of each formula text that fail for every answer: a text a tree repeats is looked at once.
        self.failures: dict[str, list[tuple[expr.Expr, str]]] = {}
        self.proofs_done: dict[tuple[str, str], bool] = {}  # see ``proven``

    def report(self, path: PathKey, severity: str, message: str, hint: str | None = None, *,
               key: bool = False, at: tuple[int, int] | None = None) -> None:
        line, column = at if at is not None else self.loaded.position(path, key=key)
        if severity == ERROR:
            self.faulty.add(path)
        self.checked.diagnostics.append(Diagnostic(self.loaded.file, line, column, severity, message, hint))

    def run(self) -> None:
        self.check_node_fields()
        written = {nid: graph.links_of(nid, node) for nid, node in self.nodes.items()}  # read once for both
        links_ok = self.check_links(written)
        links = self.links = graph.all_links(self.nodes, written)
        start = self.data.get("start")
        cycle = graph.find_cycle(links)
        if cycle:
            shown = _loop_text(cycle)
            # Point at the link that closes the loop: the editor most likely meant another node there.
            closing = next(link for link in links[cycle[-2]] if link.target == cycle[-1])
            self.report(closing.path, ERROR, f"these nodes form a loop: {shown}.",
                        "A procedure must always move forward; point one of these links at another node.")
        # With a node or a way on left out for its own error the graph is incomplete: what lies beyond it, and
        # the answers it would give, are unknown, so those checks wait until it is fixed.
        if start in self.nodes and not self.graph_incomplete():
            if not cycle:
                self.check_formulas(start, links)
            self.check_reachability(start, links, links_ok, links_ok and not cycle)
        self.check_reasons()
        self.check_sources()
        self.check_examples()
        self.check_reviewed()

    # Nodes -------------------------------------------------------------------------------------------------

    def check_node_fields(self) -> None:
        for nid, node in self.nodes.items():
            base: PathKey = ("nodes", nid)
            fixed = kinds.fixed_options(node)
            if fixed:
                keys = list(node.get("options") or {})
                # An option left out for its own error is reported there: that it is missing here is the same one.
                if sorted(keys) != sorted(fixed) and not self.loaded.lost_under((*base, "options")):
                    # Point at the first stray key: that is the line to fix (or the options when one is missing).
                    stray = [k for k in keys if k not in fixed]
                    where: PathKey = (*base, "options", stray[0]) if stray else (*base, "options")
                    self.report(where, ERROR, f"the options of {'/'.join(fixed)} node `{nid}` must be exactly "
                                f"{' and '.join(f'`{k}`' for k in fixed)}, not "
                                f"{', '.join(f'`{k}`' for k in keys) or 'none'}.",
                                "Use type `choice` for other answers.", key=bool(stray))
            if kinds.answer_type(node) in (expr.TYPE_NUMBER, expr.TYPE_DATE):
                self.check_window(nid, node)
            for where, problem, hint in kinds.problems(nid, node):
                self.report((*base, *where), ERROR, problem, hint)
            if kinds.is_outcome(node):
                self.check_basis(nid, node)
                seen: dict[str, int] = {}
                for index, deadline in enumerate(node.get("deadlines") or []):
                    if deadline["id"] in seen:
                        self.report((*base, "deadlines", index, "id"), ERROR, f"outcome `{nid}` has two deadlines "
                                    f"called `{deadline['id']}` (also deadline {seen[deadline['id']] + 1}).",
                                    "Give each deadline its own id: examples refer to them by id.")
                    seen.setdefault(deadline["id"], index)

    def check_window(self, nid: str, node: Mapping[str, Any]) -> None:
        """A number or date question must accept some answer, on every day from today on."""
        low, high = node.get("min"), node.get("max")
        problem = None if low is None or high is None else self.empty_window(nid, node, low, high)
        if problem is not None:
            key, message, hint = problem
            self.report(("nodes", nid, key), ERROR, message, hint)
            self.empty_windows.add(nid)

    def empty_window(self, nid: str, node: Mapping[str, Any], low: Any, high: Any) -> tuple[str, str, str] | None:
        """Why ``min``..``max`` of a question can be empty (the key to fix, message, hint), or None."""
        if low != "today" and high != "today" and low > high:
            return "min", f"`min` of node `{nid}` is larger than its `max`.", \
                "No answer could be accepted: swap them or correct one."
        whole_numbers = kinds.answer_type(node) == expr.TYPE_NUMBER and node.get("integer", True)
        if whole_numbers and math.floor(high) < math.ceil(low):
            return "min", f"node `{nid}` only accepts whole numbers, and none lies between its `min` ({low}) and " \
                f"its `max` ({high}).", "Widen the range, or add `integer: false`."
        if low == "today" and high != "today":
            # Readers' today only moves on: once it passes `max`, nothing is left between them.
            after = datetime.date.fromisoformat(str(high)) + datetime.timedelta(days=1)
            return "max", f"from {after.isoformat()} on, node `{nid}` can accept no date: its `min` is today " \
                f"and its `max` is {high}.", \
                "Readers can only answer between the two: remove `max`, or give `min` a fixed date."
        if high == "today" and low != "today" and datetime.date.fromisoformat(str(low)) > self.today:
            return "min", f"before {low}, node `{nid}` can accept no date: its `min` is {low} and its `max` is " \
                "today.", "Readers cannot answer before `min`: use an earlier `min`, or give `max` a fixed date."
        return None

    def check_basis(self, nid: str, node: Mapping[str, Any]) -> None:
        # That an outcome has a basis at all is the schema's rule (`basis` is required, with one source or more).
        self.check_citations(("nodes", nid, "basis"), node.get("basis") or [], f"outcome `{nid}`")

    def check_citations(self, path: PathKey, basis: list[str], who: str) -> None:
        """Every source id in the ``basis`` list at ``path`` must be a source of the tree."""
        sources = self.data.get("sources") or {}
        for index, source_id in enumerate(basis):
            if source_id in sources or source_id in self.loaded.dropped_sources or self.loaded.lost(
                    ("sources", source_id)):
                continue  # a source left out for its own error is not reported again for each citation
            guess = did_you_mean(source_id, list(sources))
            hint = f"Did you mean `{guess}`?" if guess else f"Sources: {', '.join(sources) or 'none yet'}."
            self.report((*path, index), ERROR, f"{who} cites `{source_id}`, which is not in `sources`.", hint)

    def graph_incomplete(self) -> bool:
        """True when a node, or something that holds a way on (an option, a branch, `else`), was left out."""
        return bool(self.loaded.dropped_nodes) or any(
            path[0] == "nodes" and (len(path) <= 2 or path[-1] in _LINK_HOLDERS or path[-2] in _LINK_HOLDERS)
            for path in self.loaded.dropped)

    # Links and graph -----------------------------------------------------------------------------------------

    def check_links(self, written: Mapping[str, list[graph.Link]]) -> bool:
        """Report every link (and `start`) to a node that does not exist; True when there is none."""
        ok = True
        start = self.data.get("start")
        if start is not None and start not in self.nodes:
            ok = False
            if not self.node_lost(start):
                self.missing_node(("start",), "`start`", start)
        for nid, outgoing in written.items():
            for link in outgoing:
                if link.target not in self.nodes:
                    ok = False
                    if not self.node_lost(link.target):
                        self.missing_node(link.path, f"node `{nid}`", link.target)
        return ok

    def node_lost(self, nid: str) -> bool:
        """True when node ``nid`` may exist but was left out for its own error (its id, or its content)."""
        return nid in self.loaded.dropped_nodes or self.loaded.lost(("nodes", nid))

    def missing_node(self, path: PathKey, where: str, target: str) -> None:
        guess = did_you_mean(target, self.nodes.keys())
        hint = f"Did you mean `{guess}`?" if guess else "Add a node with this id under `nodes`, or fix the id."
        self.report(path, ERROR, f"{where} leads to `{target}`, which is not a node of this tree.", hint)

    def check_reachability(self, start: str, links: Mapping[str, list[graph.Link]], links_ok: bool,
                           complete: bool) -> None:
        seen = set(graph.reachable(start, links))
        # A link to a missing node, or a route reported for lacking `else`, may be the very way to a node that
        # nothing else leads to: those nodes wait until it is fixed.
        open_route = any(kinds.is_route(self.nodes[nid]) and self.nodes[nid].get("else") is None
                         and ("nodes", nid) in self.faulty for nid in seen)
        for nid in self.nodes:
            if nid not in seen and not open_route and links_ok:
                self.report(("nodes", nid), ERROR, f"node `{nid}` cannot be reached from the start node `{start}`.",
                            "Link to it from another node, or delete it.", key=True)
        if not complete:
            return
        # A node from which no outcome can be reached leaves the reader stuck.
        ends_ok: set[str] = set()
        for nid in reversed(self.topological_order):
            node = self.nodes[nid]
            if kinds.is_outcome(node) or any(link.target in ends_ok for link in links[nid]):
                ends_ok.add(nid)
            elif nid in seen:
                self.report(("nodes", nid), ERROR, f"node `{nid}` is a dead end: no outcome can be reached from it.",
                            "Give it a way on to an outcome.", key=True)

    # Formulas ------------------------------------------------------------------------------------------------

    def check_formulas(self, start: str, links: Mapping[str, list[graph.Link]]) -> None:
        """Every formula the schema marks (``schema.Expression``), then the proofs about the fields that have them."""
        env = self.variables
        passed = graph.must_pass(start, links, self.topological_order)
        routes: dict[str, list[tuple[expr.Expr, str]] | None] = {}  # None: a branch has a mistake of its own
        node_kind = schema_walk.node_kind()
        for nid, node in self.nodes.items():
            spec = schema_walk.object_spec(node_kind, node)
            # Questions hold no formula (their kinds say so): walking their fields would find nothing to check.
            if nid not in passed or spec is None or not schema_walk.may_hold(schema.Obj(spec.name),
                                                                            schema_walk.is_formula):
                continue
            # A view on the dominator tree, not a copy: answers every "is this asked before?" in O(log n).
            known = passed[nid]
            for found in schema_walk.walk(node, node_kind, ("nodes", nid),
                                          within=schema_walk.is_formula):
                kind = found.field.kind
                if isinstance(kind, schema.Expression) and isinstance(found.value, str) and found.value:
                    parsed = self.formula(found.path, found.value, kind.result, env, known, nid)
                    self.follow_formula(found, parsed, nid, routes)
        # The proofs of a tree share one budget: routes without `else` come first, as they need a proof.
        complete = [(nid, branch_ifs) for nid, branch_ifs in routes.items() if branch_ifs is not None]
        for nid, branch_ifs in complete:
            if self.nodes[nid].get("else") is None:
                self.check_complete(nid, branch_ifs)
        for nid, branch_ifs in complete:
            self.check_branches_taken(nid, branch_ifs)
        later, self.later = self.later, []  # the list holds bound methods: emptied, the checker is freed at once
        for proof in later:
            proof()

    def follow_formula(self, found: schema_walk.Found, parsed: expr.Expr | None, nid: str,
                       routes: dict[str, list[tuple[expr.Expr, str]] | None]) -> None:
        """What a formula's field promises beyond being well formed: a route's branches cover every case and are
        each taken, a next step or deadline is ever given, a deadline's date can be worked out."""
        path, source = found.path, str(found.value)
        where = (found.owner, found.field.name)
        if where == ("branch", "if"):
            branch_ifs = routes.setdefault(nid, [])
            if parsed is None or path in self.swapped or branch_ifs is None:
                routes[nid] = None  # its own mistake is reported: no proof about the whole route
            else:
                branch_ifs.append((parsed, source))
        elif where == ("next_step", "if"):
            self.check_ever_holds(path, parsed, source, f"next step {_place(path)} of outcome `{nid}` is never shown")
        elif where == ("deadline", "if"):
            self.check_ever_holds(path, parsed, source, f"deadline {_place(path)} of outcome `{nid}` is never given")
        elif where == ("deadline", "date") and parsed is not None:
            self.later.append(functools.partial(self.check_deadline_defined, path, source,
                                                f"deadline {_place(path)} of outcome `{nid}`"))

    def check_deadline_defined(self, path: PathKey, source: str, what: str) -> None:
        """A deadline whose date is out of range for every answer can never be shown."""
        if self.proven("never defined", source):
            self.report(path, ERROR, f"{what} can never be worked out: its date is out of range (before year 1 or "
                        "after 9999) for every answer.", "Check the number of days or months it adds.")

    def formula(self, path: PathKey, source: str, want: str, env: Mapping[str, expr.VarInfo],
                known: AbstractSet[str], nid: str) -> expr.Expr | None:
        try:
            parsed = expr.compile_expression(source)  # the engine's cache: each text parsed once per process
            got = expr.check(parsed, env)
        except expr.ExprError as exc:
            if not self.report_fix(path, source, want, env):
                self.report(path, ERROR, f"in {describe(path)}: {exc.message}",
                            at=self.loaded.expression_position(path, exc.offset))
            return None
        if got != want:
            if self.report_fix(path, source, want, env):
                return None
            self.report(path, ERROR, f"{describe(path)} gives {expr.describe_type(got)}, but "
                        f"{expr.describe_type(want)} is needed here.",
                        "Compare it with something, like `amount > 100`." if want == "bool" else None)
            return None
        for name in sorted(expr.names(parsed) - known):
            self.report(path, ERROR, f"{describe(path)} uses `{name}`, but some ways to node `{nid}` do not ask "
                        f"`{name}`.", "Only use answers to questions asked on every way to this node.")
        if source not in self.failures:
            self.failures[source] = conditions.constant_failures(parsed)
        for part, problem in self.failures[source]:
            self.always_failing.add(path)
            text = source[part.offset:part.offset + part.length]
            at = self.loaded.expression_position(path, part.offset)
            if problem == conditions.DIVISION_BY_ZERO:
                self.report(path, ERROR, f"in {describe(path)}: `{text}` divides by zero, whatever the answers.",
                            "Divide by a number that is not 0.", at=at)
            else:
                self.report(path, ERROR, f"in {describe(path)}: `{text}` can never be worked out ({problem}).",
                            "Correct the numbers or dates in it.", at=at)
        if path not in self.faulty:
            self.check_swapped_dates(path, parsed, source)
        return parsed

    def check_swapped_dates(self, path: PathKey, parsed: expr.Expr, source: str) -> None:
        """``days_between(today, received) <= 7`` always holds when `received` is never after today: a comparison
        of `days_between` that the answers' limits make constant, and that is not constant with its dates the other
        way round, has them swapped. Reported as that, instead of as a branch or text that is never (or always)
        used; the proofs about the formula wait (``swapped``)."""
        for part in expr.walk(parsed):
            if not (isinstance(part, expr.Binary) and part.op in expr.COMPARISONS):
                continue
            for call in (part.left, part.right):
                if not (isinstance(call, expr.Call) and call.name == "days_between" and len(call.args) == 2):
                    continue
                first, second = (source[a.offset:a.offset + a.length] for a in call.args)
                turned = f"days_between({second}, {first})"
                corrected = source[:call.offset] + turned + source[call.offset + call.length:]
                written = source[part.offset:part.offset + part.length]
                verdict = self.constant(written, part)
                other = part.right if call is part.left else part.left
                if verdict == "always holds" and isinstance(other, expr.Literal) and other.value == 0:
                    continue  # `days_between(today, received) <= 0` states the dates' order: redundant, not swapped
                end = part.offset + part.length + len(turned) - call.length
                if verdict is None or self.constant(corrected[part.offset:end]):
                    continue
                self.swapped.add(path)
                shown = source[call.offset:call.offset + call.length]
                self.report(path, ERROR, f"in {describe(path)}: the dates in `{shown}` look "
                            f"swapped: it counts the days from {_date_name(first)} to {_date_name(second)}, so "
                            f"`{written}` {verdict} whatever the answers.", f"Write it as `{corrected}`.",
                            at=self.loaded.expression_position(path, call.offset))
                return

    def constant(self, condition: str, parsed: expr.Expr | None = None) -> str | None:
        """"always holds" or "never holds" when the proofs show that a condition does, for every answer and day.

        ``parsed``: the condition already parsed. When everyday answers make it true for some and false for
        others, it is neither, and that is what the proofs below would find first (``proofs.taken`` tries the
        same answers before any search): known without parsing it again or translating it for the proofs.
        """
        if parsed is not None and proofs.true_and_false(self.prover, parsed):
            return None
        for verdict, text in (("never holds", condition), ("always holds", f"not ({condition})")):
            if self.proven("never holds", text):
                return verdict
        return None

    def report_fix(self, path: PathKey, source: str, want: str, env: Mapping[str, expr.VarInfo]) -> bool:
        """Report a formula's mistake with the whole corrected formula, when the fix is evident (True if so)."""
        fix = formula_fixes.correct(source, functools.partial(_formula_problem, want=want, env=env))
        if fix is None:
            return False
        ending = "" if fix.message.endswith(("?", ".")) else "."
        self.report(path, ERROR, f"in {describe(path)}: {fix.message}{ending}", f"Write it as `{fix.corrected}`.",
                    at=self.loaded.expression_position(path, fix.offset))
        return True

    @functools.cached_property
    def variables(self) -> dict[str, expr.VarInfo]:
        """How each question's answer looks inside a formula, by node id in the tree's order (questions only):
        worked out once for the formulas and the examples both."""
        return {nid: info for nid, node in self.nodes.items() if (info := variable_info(node)) is not None}

    @functools.cached_property
    def prover(self) -> proofs.Prover:
        """The tree's formulas as the proofs see them, with its questions' limits (shared by every proof)."""
        answers = conditions.answers_of(self.nodes)
        for nid in self.empty_windows:  # judged without their limits, which are wrong already
            answers[nid] = conditions.Answer({**self.nodes[nid], "min": None, "max": None})
        return proofs.Prover(conditions.Translation(answers, self.today))

    def check_complete(self, nid: str, branch_ifs: list[tuple[expr.Expr, str]]) -> None:
        """A route without `else` must find a branch for every answer on every day: proven, or `else` is asked."""
        path: PathKey = ("nodes", nid)
        verdict = proofs.route_gap(self.prover, branch_ifs)
        fix = "Add `else:` with the node to go to when no branch holds."
        if verdict.status == "found" and verdict.example is not None:
            reads_today = any(conditions.reads_today(node) for node, _ in branch_ifs)
            shown = _situation(verdict.example, reads_today)
            detail = f": {verdict.detail}" if verdict.detail else ""
            self.report(path, ERROR, f"route `{nid}` has no `else`, and no branch holds when {shown}{detail}.",
                        "Add a branch for that case or an `else:`.", key=True)
        elif verdict.status != "none" and verdict.reason == proofs.TOO_MANY_CASES:
            self.report(path, ERROR, f"route `{nid}` has no `else`, and it has too many answer combinations to "
                        "prove that a branch always holds.", fix, key=True)
        elif verdict.status != "none":
            self.report(path, ERROR, f"route `{nid}` has no `else`, and the checker cannot prove that a branch "
                        f"always holds: {verdict.reason}.", fix, key=True)

    def check_branches_taken(self, nid: str, branch_ifs: list[tuple[expr.Expr, str]]) -> None:
        """A branch that no answer on any day can take is a mistake: its condition, or its place in the list."""
        for index, (node, _) in enumerate(branch_ifs):
            path: PathKey = ("nodes", nid, "branches", index, "if")
            if path in self.always_failing or proofs.taken(self.prover, branch_ifs, index).status != "none":
                continue
            problem = f"branch {index + 1} of route `{nid}` can never be taken"
            if self.proven("never holds", branch_ifs[index][1]):
                self.report(path, ERROR, f"{problem}: its condition never holds{_on_any_day(node)}.",
                            "Correct the condition, or remove the branch.")
            elif proofs.taken(self.prover, branch_ifs, index, after_failures=True).status == "none":
                self.report(path, ERROR, f"{problem}: whenever its condition holds, an earlier branch is taken "
                            "first.", "Put it before the branch that takes its cases, or remove it.")
            else:
                self.report(path, ERROR, f"{problem}: whenever its condition holds, an earlier branch is taken "
                            "first or cannot be worked out.", "Correct the earlier branches, or remove this one.")

    def check_ever_holds(self, path: PathKey, parsed: expr.Expr | None, source: str, what: str) -> None:
        """Warn about a next step or deadline whose `if` never holds: readers never see it (dead text)."""
        if parsed is not None and path not in self.swapped:
            self.later.append(functools.partial(self.prove_ever_holds, path, parsed, source, what))

    def prove_ever_holds(self, path: PathKey, parsed: expr.Expr, source: str, what: str) -> None:
        """The proof for ``check_ever_holds``, run after the routes' proofs."""
        if self.proven("never holds", source):
            self.report(path, WARNING, f"{what}: its condition never holds{_on_any_day(parsed)}.",
                        "Correct the condition, or remove it.")

    def proven(self, claim: str, source: str) -> bool:
        """Whether the proofs show, for every answer on every day, that the condition ``source`` ``"never
        holds"`` or that the date formula ``source`` is ``"never defined"`` (out of range).

        Asked once per claim and text: a tree repeats its formulas (the same `if` on the next steps of several
        outcomes, the same date on their deadlines), and the answer depends only on the text and the tree.
        """
        if (claim, source) not in self.proofs_done:
            formula = expr.compile_expression(source)
            verdict = proofs.taken(self.prover, [(formula, source)], 0) if claim == "never holds" \
                else proofs.date_defined(self.prover, formula)
            self.proofs_done[(claim, source)] = verdict.status == "none"
        return self.proofs_done[(claim, source)]

    # Sources, examples, freshness ----------------------------------------------------------------------------

    def check_reasons(self) -> None:
        """A step into an outcome without a `because` leaves "why this outcome" without its last reason."""
        for link, holder in self.link_holders:
            nid = link.source
            if holder is not None:
                self.check_citations((*link.path[:-1], "basis"), holder.get("basis") or [],
                                     f"the reason of the way from `{nid}`")
            if not kinds.is_outcome(self.nodes[link.target]):
                continue
            if holder is not None and not holder.get("because") and not self.loaded.lost(
                    (*link.path[:-1], "because")):
                self.report(link.path, WARNING, f"the way from `{nid}` to outcome `{link.target}` gives no "
                            "reason.", "Add `because:` with the rule, in one sentence: readers see it under "
                            "\"why this outcome\".")

    @functools.cached_property
    def topological_order(self) -> list[str]:
        """The nodes in an order where every link goes forward (``self.links``; meaningful without a loop): worked
        out once for the formulas' "asked on every way here" and the dead ends both."""
        return graph.topological_order(self.links)

    @functools.cached_property
    def link_holders(self) -> list[tuple[graph.Link, Mapping[str, Any] | None]]:
        """Each link of the tree (``self.links``) with the object it is written in (the node, an option, a
        branch), or None: looked up once for the reasons and the sources both."""
        found = []
        for outgoing in self.links.values():
            for link in outgoing:
                holder = self.value_at(link.path[:-1])
                found.append((link, holder if isinstance(holder, Mapping) else None))
        return found

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
        for _, holder in self.link_holders:
            cited.update(holder.get("basis") or [] if holder is not None else [])
        for sid in self.data.get("sources") or {}:
            if sid not in cited:
                self.report(("sources", sid), WARNING, f"source `{sid}` is not cited by any outcome.",
                            "Cite it in an outcome's `basis`, or remove it.", key=True)

    def check_examples(self) -> None:
        examples = self.data.get("examples") or []
        outcomes = [nid for nid, node in self.nodes.items() if kinds.is_outcome(node)]
        questions = list(self.variables)
        names: dict[str, int] = {}
        faulty = self.faulty_nodes()
        question_ids, outcome_ids = set(questions), set(outcomes)
        for index, example in enumerate(examples):
            base: PathKey = ("examples", index)
            name = example["name"]
            if name in names:
                self.report((*base, "name"), ERROR, f"two examples are called \"{name}\" (also example "
                            f"{names[name] + 1}).", "Give each example its own name.")
            names.setdefault(name, index)
            day = datetime.date.fromisoformat(example["today"]) if example.get("today") else self.today
            for question, raw in (example.get("answers") or {}).items():
                if question in question_ids and question not in faulty:
                    self.check_example_answer((*base, "answers", question), name, question, raw, day)
                elif question not in question_ids and not self.node_lost(question):
                    guess = did_you_mean(question, questions)
                    hint = f"Did you mean `{guess}`?" if guess else "Answers are given by question id."
                    self.report((*base, "answers", question), ERROR,
                                f"example \"{name}\" answers `{question}`, which is not a question of this tree.",
                                hint, key=True)
            target = example.get("outcome")
            if self.node_lost(target):
                continue
            if target not in outcome_ids:
                guess = did_you_mean(str(target), outcomes)
                hint = f"Did you mean `{guess}`?" if guess else f"Outcomes: {_some(outcomes) or 'none yet'}."
                self.report((*base, "outcome"), ERROR, f"example \"{name}\" expects `{target}`, which is not an "
                            "outcome of this tree.", hint)
                continue
            declared = {d["id"] for d in self.nodes[target].get("deadlines") or []}
            for deadline_id in example.get("deadlines") or {}:
                if deadline_id not in declared and not self.loaded.lost_under(("nodes", target, "deadlines")):
                    self.report((*base, "deadlines", deadline_id), ERROR, f"example \"{name}\" expects deadline "
                                f"`{deadline_id}`, which outcome `{target}` does not have.", key=True)
        self.check_example_days(examples)
        if self.loaded.lost(("examples",)):
            return  # an example left out for its own error may be the one that reaches an outcome
        reached = {example.get("outcome") for example in examples}
        for nid in outcomes:
            if nid not in reached:
                self.report(("nodes", nid), WARNING, f"no example reaches outcome `{nid}`.",
                            "Add an example under `examples:` whose answers lead here.", key=True)

    def faulty_nodes(self) -> set[str]:
        """The nodes with an error of their own so far (loader or checker): what depends on them waits."""
        return {str(path[1]) for path in (*self.faulty, *self.loaded.dropped) if len(path) > 1 and path[0] == "nodes"}

    def check_example_answer(self, path: PathKey, name: str, question: str, raw: str, day: datetime.date) -> None:
        """An example's answer must be one the wizard accepts from a reader, by the engine's own rules."""
        asked = (question, raw, day)
        if asked not in self.refusals:
            if question not in self.compiled_questions:
                self.compiled_questions[question] = compile_node(self.nodes[question])
            self.refusals[asked] = example_checks.refused_answer(self.nodes[question], raw, day,
                                                                 compiled=self.compiled_questions[question])
        refusal = self.refusals[asked]
        if refusal is not None:
            reason, hint = refusal
            self.report(path, ERROR, f"example \"{name}\" answers `{question}` with "
                        f"{example_checks.shown_answer(raw)}, which {reason}.", hint)

    def check_example_days(self, examples: list[dict[str, Any]]) -> None:
        """An example without `today:` whose walk changes with the day passes now and fails next week."""
        if not self.checked.ok or all(example.get("today") for example in examples):
            return  # a tree with errors cannot be walked yet; its examples are judged once it is fixed
        tree = self.checked.compiled = compile_data(self.data, self.loaded.slug)
        for index, example in enumerate(examples):
            if example.get("today") is not None:
                continue
            cause = example_checks.depends_on_today(tree, example.get("answers") or {}, self.today)
            if cause is not None:
                self.report(("examples", index), WARNING, f"example \"{example['name']}\" has no `today:`, but "
                            f"what it reaches changes with the day it runs: {cause}.",
                            "Add `today: YYYY-MM-DD` to the example, so that it gives the same result every day.")

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


def _formula_problem(text: str, *, want: str, env: Mapping[str, expr.VarInfo]) -> expr.ExprError | None:
    """What is wrong with a formula where a value of kind ``want`` is needed (None when nothing is)."""
    try:
        parsed = expr.parse(text)
        got = expr.check(parsed, env)
    except expr.ExprError as exc:
        return exc
    if got == want:
        return None
    # A yes/no answer alone where a condition is needed: `accepted` for `accepted == 'yes'`.
    return expr.ExprError(f"{expr.describe_type(want)} is needed here, but `{text.strip()}` gives "
                          f"{expr.describe_type(got)}", parsed.offset, parsed.length,
                          expr.as_kind(parsed, want, env))


def _situation(example: proofs.Example, reads_today: bool) -> str:
    """The answers (and day) of an example as editors read them: "`amount` is `0`, today is `2026-12-02`"."""
    parts = [f"`{name}` is `{readers.written(value)}`" for name, value in sorted(example.values.items())]
    if reads_today:
        parts.append(f"today is `{example.today.isoformat()}`")
    return ", ".join(parts) or "always"


def _date_name(written: str) -> str:
    """A date argument as a message names it: today, or the formula in backticks."""
    return "today" if written == "today" else f"`{written}`"


def _on_any_day(node: expr.Expr) -> str:
    return " on any day from today" if conditions.reads_today(node) else ""


# A loop or a list in a message names at most this many ids: a 3,000-node loop must not print a 30 KB line.
_MAX_NAMED = 8


def _loop_text(cycle: list[str]) -> str:
    """The loop as `a → b → … → a`, shortened in the middle when it is long."""
    if len(cycle) <= _MAX_NAMED + 1:
        return " → ".join(cycle)
    head, tail = cycle[:_MAX_NAMED // 2], cycle[-_MAX_NAMED // 2:]
    return " → ".join(head) + f" → … ({len(cycle) - 1 - len(head) - len(tail) + 1} more) → " + " → ".join(tail)


def _some(ids: list[str]) -> str:
    """Ids for a hint, the first few and how many more."""
    shown = ", ".join(ids[:_MAX_NAMED])
    return shown + (f" and {len(ids) - _MAX_NAMED} more" if len(ids) > _MAX_NAMED else "")
