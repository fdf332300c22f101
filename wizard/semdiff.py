"""``wizard diff``: what a change to a tree means for readers, for reviewers who are not programmers.

Questions and outcomes are named by their words (the id comes second). Three things are compared:

- behaviour (``wizard.behaviour_diff``): both versions are run by the engine on every answer combination worth
  trying, and the combinations that now reach another outcome, deadline or next steps are listed in readers'
  words, with a note wherever numbers or dates were only sampled or the search stopped at its bound;
- wording (``wizard.wording_diff``): old and new text of every changed text, in English and in each translation;
- structure: questions, answers, outcomes, rules, deadlines and sources added or removed, and what an outcome
  cites. A rule whose condition was rewritten is listed too, but only the answers decide whether it changes
  anything.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from wizard import routes
from wizard.behaviour_diff import BehaviourComparison, Combination, Difference, End, compare
from wizard.core import expr, kinds
from wizard.escaping import for_markdown, for_terminal
from wizard.wording_diff import ENGLISH, Rewording, language_name, rewordings

BEHAVIOUR = "behaviour"
OUTCOME = "outcome"
ADDED = "added"
REMOVED = "removed"
REWORDED = "reworded"
RULE = "rule"
METADATA = "metadata"
SHOWN_COMBINATIONS = 10  # per difference in the report; the count covers them all


class Quoted(str):
    """A text taken from a tree: quoted in the terminal, a code span in Markdown, never read as markup."""

    __slots__ = ()


Part = str | Quoted


@dataclass
class Change:
    """One difference between the old and the new tree, as words and tree texts (``parts``)."""

    kind: str
    parts: tuple[Part, ...]
    node: str | None = None
    difference: Difference | None = None  # the answer combinations behind a behaviour change
    examples: list[tuple[Part, ...]] = field(default_factory=list)  # the first combinations, in readers' words

    @property
    def message(self) -> str:
        """The change as one line of plain text."""
        return render(self.parts, markdown=False)


@dataclass
class TreeDiff:
    """All differences of one tree file, and what kept the comparison from being complete."""

    name: str
    changes: list[Change] = field(default_factory=list)
    behaviour: BehaviourComparison | None = None
    errors: list[str] = field(default_factory=list)  # the checker's errors of either version, formatted
    cannot_compare: list[str] = field(default_factory=list)  # why a version could not be run at all
    routes: tuple[int, int] | None = None  # routes before and now, only when both counts are exact

    @property
    def behaviour_changed(self) -> bool:
        """True when some answers now reach another outcome, deadline or next steps, an outcome cites or shows
        itself differently, a procedure is added or removed, or a version could not be compared at all."""
        return bool(self.cannot_compare) or any(
            c.kind in (BEHAVIOUR, OUTCOME) or (c.kind in (ADDED, REMOVED) and c.node is None) for c in self.changes)

    @property
    def needs_review(self) -> bool:
        """True when behaviour changed or a version has errors (so its comparison may be partial)."""
        return self.behaviour_changed or bool(self.errors)

    def by_kind(self, kind: str) -> list[Change]:
        """The changes of one kind, in the order found."""
        return [c for c in self.changes if c.kind == kind]


def render(parts: tuple[Part, ...], *, markdown: bool) -> str:
    """Words and tree texts as one line: tree texts quoted (terminal) or as code spans (Markdown)."""
    if markdown:
        return "".join(for_markdown(p) if isinstance(p, Quoted) else p for p in parts)
    return "".join(f"“{p}”" if isinstance(p, Quoted) else p for p in parts)


def added_tree(name: str, tree: Mapping[str, Any]) -> TreeDiff:
    """The diff of a tree that did not exist before."""
    return TreeDiff(name, [Change(ADDED, ("new procedure ", Quoted(str(tree.get("title")))))])


def removed_tree(name: str, tree: Mapping[str, Any]) -> TreeDiff:
    """The diff of a tree that was deleted."""
    return TreeDiff(name, [Change(REMOVED, ("procedure ", Quoted(str(tree.get("title")))))])


def diff_trees(name: str, old: Mapping[str, Any], new: Mapping[str, Any], *,
               old_languages: Mapping[str, Mapping[str, Any]] | None = None,
               new_languages: Mapping[str, Mapping[str, Any]] | None = None,
               today: datetime.date | None = None) -> TreeDiff:
    """Compare two compiled trees (the JSON of ``wizard compile``) and their translations (language → compiled
    tree); ``today`` is the day the answers are tried on (default: the computer's date)."""
    result = TreeDiff(name)
    result.changes.extend(_metadata_changes(old, new))
    result.changes.extend(_structure_changes(old["nodes"], new["nodes"]))
    before = {**(old_languages or {}), ENGLISH: old}
    now = {**(new_languages or {}), ENGLISH: new}
    result.changes.extend(_wording_changes(rewordings(before, now), old["nodes"], new["nodes"]))
    for language in sorted(before.keys() ^ now.keys()):
        verb = "added" if language in now else "removed"
        result.changes.append(Change(METADATA, (f"{language_name(language)} translation {verb}",)))
    result.behaviour = compare(old, new, today or datetime.date.today())
    for difference in result.behaviour.differences:
        examples = [combination_parts(c, difference.what, old["nodes"], new["nodes"])
                    for c in difference.combinations[:SHOWN_COMBINATIONS]]
        result.changes.append(Change(BEHAVIOUR, _headline(difference, old["nodes"], new["nodes"]),
                                     difference.combinations[0].now.node, difference, examples))
    counts = _exact_routes(old), _exact_routes(new)
    if counts[0] is not None and counts[1] is not None and counts[0] != counts[1]:
        result.routes = (counts[0], counts[1])
    return result


def _exact_routes(tree: Mapping[str, Any]) -> int | None:
    try:
        return routes.exact_count(tree)
    except (KeyError, TypeError, expr.ExprError):  # a version with errors: no count rather than a wrong one
        return None


# Naming ----------------------------------------------------------------------------------------------------------


def node_name(nodes: Mapping[str, Any], nid: str | None) -> tuple[Part, ...]:
    """A node as reviewers know it: its words first (a question's question, an outcome's verdict), then its id."""
    node = nodes.get(nid or "") or {}
    if kinds.is_outcome(node):
        return ("outcome ", Quoted(node.get("verdict") or ""), f" ({nid})")
    if kinds.is_route(node):
        return ("rule ", Quoted(node["title"]), f" ({nid})") if node.get("title") else (f"rule {nid}",)
    if node.get("question"):
        return ("question ", Quoted(node["question"]), f" ({nid})")
    return (f"{nid}",)


def _place_name(place: tuple[str | int, ...], old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[Part, ...]:
    """Where a text stands, in words: ``question “…” (id): answer “…”: label``."""
    if place[0] != "nodes":
        if place[0] == "sources":
            return (f"source {place[1]}: {place[-1]}",)
        return (str(place[-1]),)
    nid = str(place[1])
    nodes = new if nid in new else old
    name = node_name(nodes, nid)
    rest = place[2:]
    node = nodes[nid]
    if rest[0] == "options":
        label = next((o["label"] for o in node.get("options") or [] if o["key"] == rest[1]), str(rest[1]))
        return (*name, ": answer ", Quoted(label), f": {rest[-1]}")
    if rest[0] == "branches":
        return (*name, f": reason of condition {int(rest[1]) + 1}",)
    if rest[0] == "else":
        return (*name, ": reason when no condition applies")
    if rest[0] == "next_steps":
        return (*name, f": next step {int(rest[1]) + 1}")
    if rest[0] == "deadlines":
        return (*name, f": deadline {rest[1]}: {rest[-1]}")
    return (*name, f": {rest[-1]}")


def end_name(end: End, nodes: Mapping[str, Any]) -> tuple[Part, ...]:
    """Where a version leaves the reader, in words."""
    if end.kind == "outcome":
        return node_name(nodes, end.node)
    if end.kind == "refused":
        return ("the answer is not accepted: ", Quoted(end.text))
    return ("an error: ", Quoted(end.text))


# Changes -------------------------------------------------------------------------------------------------------


def _metadata_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[Change]:
    for key in ("audience", "reviewed"):
        if old.get(key) != new.get(key):
            yield Change(METADATA, (f"{key}: ", Quoted(str(old.get(key) or "")), " → ",
                                    Quoted(str(new.get(key) or ""))))
    old_sources, new_sources = old.get("sources") or {}, new.get("sources") or {}
    for sid, source in new_sources.items():
        if sid not in old_sources:
            yield Change(METADATA, (f"new source {sid}: ", Quoted(str(source.get("title")))))
        else:
            for key in ("link", "kind"):
                if source.get(key) != old_sources[sid].get(key):
                    yield Change(METADATA, (f"source {sid}: {key} ", Quoted(str(old_sources[sid].get(key) or "")),
                                            " → ", Quoted(str(source.get(key) or ""))))
    for sid, source in old_sources.items():
        if sid not in new_sources:
            yield Change(METADATA, (f"source {sid} removed: ", Quoted(str(source.get("title")))))


def _structure_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[Change]:
    for nid in new:
        if nid not in old:
            yield Change(ADDED, ("new ", *node_name(new, nid)), nid)
    for nid in old:
        if nid not in new:
            yield Change(REMOVED, node_name(old, nid), nid)
    for nid, node in new.items():
        before = old.get(nid)
        if before is None:
            continue
        yield from _option_changes(nid, before, node, old, new)
        yield from _rule_changes(nid, before, node, new)
        yield from _outcome_changes(nid, before, node, new)


def _option_changes(nid: str, before: Mapping[str, Any], now: Mapping[str, Any], old: Mapping[str, Any],
                    new: Mapping[str, Any]) -> Iterator[Change]:
    old_options = {o["key"]: o for o in before.get("options") or []}
    new_options = {o["key"]: o for o in now.get("options") or []}
    for key, option in new_options.items():
        if key not in old_options:
            yield Change(ADDED, (*node_name(new, nid), ": new answer ", Quoted(option["label"])), nid)
    for key, option in old_options.items():
        if key not in new_options:
            yield Change(REMOVED, (*node_name(new, nid), ": answer ", Quoted(option["label"])), nid)
    for key in ("min", "max", "integer"):
        if before.get(key) != now.get(key) and before["type"] == now["type"]:
            yield Change(RULE, (*node_name(new, nid), f": {key} ", Quoted(_shown(before.get(key))), " → ",
                                Quoted(_shown(now.get(key)))), nid)
    if before["type"] != now["type"]:
        yield Change(RULE, (*node_name(new, nid), f": now a {now['type']} step (was {before['type']})"), nid)
    del old


def _rule_changes(nid: str, before: Mapping[str, Any], now: Mapping[str, Any],
                  new: Mapping[str, Any]) -> Iterator[Change]:
    old_branches, new_branches = before.get("branches") or [], now.get("branches") or []
    for index in range(max(len(old_branches), len(new_branches))):
        was = old_branches[index]["if"] if index < len(old_branches) else None
        is_now = new_branches[index]["if"] if index < len(new_branches) else None
        if was != is_now:
            yield Change(RULE, (*node_name(new, nid), f": condition {index + 1} ", Quoted(_shown(was)), " → ",
                                Quoted(_shown(is_now))), nid)
    for kind, items in (("deadline", "deadlines"), ("next step condition", "next_steps")):
        old_items = [(d.get("id"), d.get("date"), d.get("if")) for d in before.get(items) or []]
        new_items = [(d.get("id"), d.get("date"), d.get("if")) for d in now.get(items) or []]
        for index, item in enumerate(new_items):
            if item not in old_items:
                formula = " if ".join(str(v) for v in item[1:] if v)
                yield Change(RULE, (*node_name(new, nid), f": {kind} {item[0] or index + 1} is now ",
                                    Quoted(formula or "always")), nid)


def _outcome_changes(nid: str, before: Mapping[str, Any], now: Mapping[str, Any],
                     new: Mapping[str, Any]) -> Iterator[Change]:
    for key, what in (("basis", "legal basis"), ("tone", "tone")):
        if before.get(key) != now.get(key) and kinds.is_outcome(now):
            yield Change(OUTCOME, (*node_name(new, nid), f": {what} ", Quoted(_shown(before.get(key))), " → ",
                                   Quoted(_shown(now.get(key)))), nid)


def _shown(value: object) -> str:
    if value is None:
        return "none"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "none"
    return str(value).lower() if isinstance(value, bool) else str(value)


def _wording_changes(found: list[Rewording], old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[Change]:
    for item in found:
        where = _place_name(item.place, old, new)
        language = language_name(item.language)
        if item.stale:
            yield Change(REWORDED, (*where, f": English changed but the {language} text did not: ",
                                    Quoted(item.now or "")), str(item.place[1]))
            continue
        lead = ": " if item.language == ENGLISH else f": {language} wording changed: "
        yield Change(REWORDED, (*where, lead, Quoted(item.before or ""), " → ", Quoted(item.now or "")),
                     str(item.place[1]) if item.place[0] == "nodes" else None)


def _headline(difference: Difference, old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[Part, ...]:
    first = difference.combinations[0]
    if difference.what == "outcome":
        return ("before → ", *end_name(first.before, old), ", now → ", *end_name(first.now, new))
    return (*node_name(new, first.now.node), f": other {difference.what}" + ("s" if difference.what == "deadline"
                                                                              else ""))


def combination_parts(combination: Combination, what: str, old: Mapping[str, Any],
                      new: Mapping[str, Any]) -> tuple[Part, ...]:
    """One combination in readers' words: "If you answered “…” to “…” and …: before …, now …"."""
    parts: list[Part] = ["If you answered "] if combination.answers else ["With no answer"]
    for index, (question, answer) in enumerate(combination.answers):
        if index:
            parts.append(" and ")
        parts += [Quoted(answer), " to ", Quoted(question)]
    if combination.today is not None:
        parts.append(f" (today being {combination.today.isoformat()})")
    parts.append(": ")
    if what == "outcome":
        return (*parts, "before → ", *end_name(combination.before, old), ", now → ",
                *end_name(combination.now, new))
    if what == "deadline":
        return (*parts, "before ", Quoted(_deadlines(combination.before)), ", now ",
                Quoted(_deadlines(combination.now)))
    return (*parts, "before ", Quoted(" / ".join(combination.before.next_steps) or "none"), ", now ",
            Quoted(" / ".join(combination.now.next_steps) or "none"))


def _deadlines(end: End) -> str:
    return "; ".join(f"{label} {date}" for _, label, date in end.deadlines) or "no deadline"


# Reports ---------------------------------------------------------------------------------------------------------

_SUMMARY = {"outcome": ("now reaches another outcome", "now reach another outcome"),
            "deadline": ("now gets another deadline", "now get another deadline"),
            "next steps": ("now shows other next steps", "now show other next steps")}


def summary(diff: TreeDiff) -> list[tuple[Part, ...]]:
    """Short sentences first: how many answer combinations change, and how sure that is."""
    if diff.cannot_compare:
        return [(Quoted(line),) for line in diff.cannot_compare]
    lines: list[tuple[Part, ...]] = [(line,) for line in _counts(diff)]
    if diff.behaviour is not None and (diff.behaviour.differences or diff.changes):
        # The reasons quote the trees' formulas: tree text.
        lines += [("sampled: ", Quoted(reason)) for reason in diff.behaviour.sampled]
    return lines


def _counts(diff: TreeDiff) -> list[str]:
    lines: list[str] = []
    behaviour = diff.behaviour
    if behaviour is not None:
        for what, (one, many) in _SUMMARY.items():
            count = sum(len(d.combinations) for d in behaviour.differences if d.what == what)
            if count:
                lines.append(f"{count} answer combination{'s' if count != 1 else ''} {one if count == 1 else many}")
        if behaviour.differences or diff.changes:
            lines.append(f"{behaviour.tried} answer combination{'s' if behaviour.tried != 1 else ''} tried")
        if not behaviour.complete:
            lines.append(f"stopped at the bound of {behaviour.tried} combinations: there may be more changes")
    reworded = diff.by_kind(REWORDED)
    if reworded:
        lines.append(f"{len(reworded)} text{'s' if len(reworded) != 1 else ''} reworded")
    if diff.routes is not None:
        lines.append(f"routes through the procedure: {diff.routes[0]} before, {diff.routes[1]} now")
    if diff.errors:
        lines.append(f"{len(diff.errors)} checker error{'s' if len(diff.errors) != 1 else ''}: compared anyway")
    return lines


def _verdict(diff: TreeDiff) -> str:
    if diff.cannot_compare:
        return "cannot compare"
    return "outcomes change" if diff.behaviour_changed else "no outcome changes"


def format_text(diffs: list[TreeDiff]) -> str:
    """A plain-text report (for the terminal), tree texts' control characters shown as escapes."""
    lines: list[str] = []
    for diff in diffs:
        if not (diff.changes or diff.errors or diff.cannot_compare):
            continue
        lines.append(f"{diff.name}: {_verdict(diff)}")
        lines += [f"  {render(line, markdown=False)}" for line in summary(diff)]
        for change in sorted(diff.changes, key=lambda c: c.kind != BEHAVIOUR):  # behaviour first, order kept
            lines.append(f"  {change.kind}: {change.message}")
            lines += [f"    {render(example, markdown=False)}" for example in change.examples]
            hidden = _hidden(change)
            if hidden:
                lines.append(f"    … and {hidden} more")
        lines += [f"  {error}" for error in diff.errors]
    if not lines:
        lines.append("no differences")
    return for_terminal("\n".join(lines))


def format_markdown(diffs: list[TreeDiff]) -> str:
    """A Markdown report (for a pull request comment): a short summary first, then details in ``<details>``."""
    lines = ["## What this change does to the procedures", ""]
    changed = [d for d in diffs if d.changes or d.errors or d.cannot_compare]
    if not changed:
        lines.append("No procedure changed.")
    for diff in changed:
        mark = f"**{_verdict(diff)}**" if diff.needs_review else _verdict(diff)
        lines += [f"### {for_markdown(diff.name)}: {mark}", ""]
        lines += [f"- {render(line, markdown=True)}" for line in summary(diff)]
        lines.append("")
        behaviour = diff.by_kind(BEHAVIOUR)
        if behaviour:
            lines += _details("Answers that end differently", [
                f"- {render(change.parts, markdown=True)}\n" + "".join(
                    f"  - {render(c, markdown=True)}\n" for c in change.examples)
                + (f"  - … and {_hidden(change)} more\n" if _hidden(change) else "")
                for change in behaviour])
        for title, shown in (("Other changes", (OUTCOME, ADDED, REMOVED, RULE, METADATA)), ("Wording", (REWORDED,))):
            items = [c for c in diff.changes if c.kind in shown]
            if items:
                lines += _details(f"{title} ({len(items)})",
                                  [f"- {c.kind}: {render(c.parts, markdown=True)}\n" for c in items])
        if diff.errors:
            lines += _details(f"Checker errors ({len(diff.errors)})", [f"- {for_markdown(e)}\n" for e in diff.errors])
    return "\n".join(lines).rstrip() + "\n"


def _details(title: str, items: list[str]) -> list[str]:
    # A blank line after <summary> lets GitHub render the Markdown inside the block.
    return [f"<details><summary>{title}</summary>", "", "".join(items).rstrip("\n"), "", "</details>", ""]


def _hidden(change: Change) -> int:
    return max(0, len(change.difference.combinations) - SHOWN_COMBINATIONS) if change.difference else 0
