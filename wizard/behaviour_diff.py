"""Which answers reach something else in the new version of a tree: both versions run by the engine, side by side.

The answers tried are those of ``wizard.answer_samples``. Both trees are stepped with the same answers; whenever
either asks a question not yet answered, each answer worth trying is given in turn, until both reach an end (an
outcome, an answer one version does not accept, or a failing rule). Where both versions stand at the same question
with the same answers so far and nothing they can meet from there differs, the rest is the same and is skipped,
so an unchanged part of a tree costs nothing. The ends are compared: the outcome, its deadlines and the next steps
it shows. The number of answer combinations tried is bounded; the result says when the bound stopped the search.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from wizard import graph
from wizard.answer_samples import AnswerSpace
from wizard.core import kinds
from wizard.core.engine import step

MAX_COMBINATIONS = 5000
# Fields of a node that decide where answers lead and what an outcome computes (its wording is compared apart).
_DECIDING = ("type", "min", "max", "integer", "optional", "next")


@dataclass(frozen=True)
class End:
    """Where one version of the tree leaves a reader: an outcome, an answer it refuses, or a failing rule."""

    kind: str  # "outcome", "refused" or "error"
    node: str | None
    text: str  # the verdict, or the message the reader gets
    deadlines: tuple[tuple[str, str, str], ...] = ()  # (id, label, date as readers read it)
    next_steps: tuple[str, ...] = ()


@dataclass
class Combination:
    """One set of answers that ends differently: the answers in readers' words, and both ends."""

    answers: list[tuple[str, str]]  # (question, answer as shown)
    today: datetime.date | None
    before: End
    now: End


@dataclass
class Difference:
    """Answer combinations that end differently in the same way (the same two outcomes, or the same deadline)."""

    what: str  # "outcome", "deadline" or "next steps"
    combinations: list[Combination] = field(default_factory=list)


@dataclass
class BehaviourComparison:
    """Every difference found, how many combinations were tried, and how far the result can be trusted."""

    differences: list[Difference] = field(default_factory=list)
    tried: int = 0
    complete: bool = True  # False: the search stopped at MAX_COMBINATIONS
    sampled: list[str] = field(default_factory=list)  # why some answers were only sampled, in plain words

    @property
    def changed(self) -> int:
        """How many answer combinations end differently."""
        return sum(len(d.combinations) for d in self.differences)


def compare(old: Mapping[str, Any], new: Mapping[str, Any], today: datetime.date,
            limit: int = MAX_COMBINATIONS) -> BehaviourComparison:
    """Run both compiled trees on every answer combination worth trying (up to ``limit``) and collect the
    combinations that end differently."""
    space = AnswerSpace(old, new)
    days = space.todays(today)
    unchanged = _unchanged_below(old["nodes"], new["nodes"])
    renamed = _reworded_steps(old["nodes"], new["nodes"])
    result = BehaviourComparison(sampled=space.reasons)
    groups: dict[tuple[str, str, str], Difference] = {}
    for day in days:
        stack: list[dict[str, str]] = [{}]
        while stack:
            answers = stack.pop()
            before, now = step(old, answers, day), step(new, answers, day)
            asked = _asks(before, answers) or _asks(now, answers)
            if asked is None:
                result.tried += 1
                if result.tried > limit:
                    result.tried, result.complete = limit, False
                    break
                _record(groups, answers, day if len(days) > 1 else None,
                        before, now, renamed)
            elif not (asked in unchanged and before["node"] == now["node"] == asked
                      and before["answers"] == now["answers"]):
                stack.extend({**answers, asked: value} for value in reversed(space.values(asked, day)))
        if not result.complete:
            break
    result.differences = list(groups.values())
    return result


def _asks(result: Mapping[str, Any], answers: Mapping[str, str]) -> str | None:
    """The question a version asks next, if it has no answer yet (a refused answer is an end)."""
    if result["state"] == "question" and result["error"] is None and result["node"] not in answers:
        return str(result["node"])
    return None


def _record(groups: dict[tuple[str, str, str], Difference], answers: Mapping[str, str], day: datetime.date | None,
            before_run: Mapping[str, Any], now_run: Mapping[str, Any], renamed: Mapping[tuple[str, str], str]) -> None:
    before, now = _end(before_run, renamed), _end(now_run, {})
    if before == now:
        return
    if (before.kind, before.node, before.text) != (now.kind, now.node, now.text):
        key = ("outcome", f"{before.kind}:{before.node}:{before.text}", f"{now.kind}:{now.node}:{now.text}")
    elif before.deadlines != now.deadlines:
        key = ("deadline", str(before.node), "")
    else:
        key = ("next steps", str(before.node), "")
    combination = Combination(_in_words(answers, before_run, now_run), day, before, now)
    groups.setdefault(key, Difference(key[0])).combinations.append(combination)


def _end(result: Mapping[str, Any], renamed: Mapping[tuple[str, str], str]) -> End:
    node = str(result.get("node") or "")
    if result["state"] == "outcome":
        outcome = result["outcome"]
        deadlines = tuple((d["id"], d["label"], d["date_text"]) for d in outcome["deadlines"])
        # A next step only reworded in the new version is the same step: compare it under its new wording.
        shown = tuple(renamed.get((node, s["text"]), s["text"]) for s in outcome["next_steps"])
        return End("outcome", node, outcome["verdict"], deadlines, shown)
    if result["state"] == "question":
        return End("refused", node, result["error"]["message"])
    return End("error", node, result["message"] or "")


def _in_words(answers: Mapping[str, str], *runs: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The answers as readers gave them: each question's words and the answer as the wizard shows it."""
    shown: dict[str, tuple[str, str]] = {}
    for run in reversed(runs):  # the new version's words first
        for item in run["steps"]:
            shown.setdefault(item["node"], (item["question"], item["display"]))
        if run["state"] == "question" and run["question"]:
            shown.setdefault(run["node"], (run["question"]["question"], answers.get(run["node"], "")))
    return [shown.get(nid, (nid, value)) for nid, value in answers.items()]


def _deciding(node: Mapping[str, Any]) -> object:
    """What in a node decides where answers go and what an outcome computes; wording left out."""
    return (tuple(node.get(key) for key in _DECIDING),
            kinds.deciding_options(node),
            [(b["if"], b["next"]) for b in node.get("branches") or []],
            (node.get("else") or {}).get("next"),
            [s.get("if") for s in node.get("next_steps") or []],
            [(d["id"], d["date"], d.get("if")) for d in node.get("deadlines") or []])


def _unchanged_below(old: Mapping[str, Any], new: Mapping[str, Any]) -> set[str]:
    """The nodes from which nothing a reader can meet differs between the versions (apart from wording)."""
    links = graph.all_links(new)
    unchanged: set[str] = set()
    for nid in reversed(graph.topological_order(links)):
        if nid in old and _deciding(old[nid]) == _deciding(new[nid]) and all(
                link.target in unchanged for link in links[nid]):
            unchanged.add(nid)
    return unchanged


def _reworded_steps(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[tuple[str, str], str]:
    """Old next-step texts that the new version only rewords (same outcome, place and condition): old → new."""
    renamed: dict[tuple[str, str], str] = {}
    for nid, node in old.items():
        after = (new.get(nid) or {}).get("next_steps") or []
        for index, item in enumerate(node.get("next_steps") or []):
            if index < len(after) and after[index].get("if") == item.get("if"):
                renamed[(nid, item["text"])] = after[index]["text"]
    return renamed
