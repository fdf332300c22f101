"""Walking through a tree in the terminal, one question at a time."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from wizard.core import kinds
from wizard.core.contracts import CompiledTree, StepResult
from wizard.core.engine import step
from wizard.escaping import for_terminal

_TONE_MARK = {"yes": "✔", "no": "✘", "maybe": "?", "info": "•"}


def describe_step(result: StepResult) -> str:
    """The current step as plain text: the question with its answers, the outcome, or the problem.

    Control, bidirectional and invisible characters of the tree's texts are shown as escapes (``\\x1b``), so
    a tree cannot retitle or clear the terminal it is walked in.
    """
    lines: list[str] = []
    # The question seen through the registry, whatever its kind.
    node: Mapping[str, Any] | None = result["question"]
    outcome = result["outcome"]
    if result["state"] == "question" and node is not None:
        lines.append(f"Question {result['progress']['number']}: {node['question']}")
        if node.get("help"):
            lines.append(f"  {node['help']}")
        if result["error"]:
            lines.append(f"  ! {result['error']['message']}")
        lines.extend(kinds.how_to_answer(node))
    elif result["state"] == "outcome" and outcome is not None:
        lines.append(f"{_TONE_MARK.get(outcome.get('tone', 'info'), '•')} {outcome['verdict']}")
        lines.append("")
        lines.append(outcome["explanation"])
        if outcome["deadlines"]:
            lines.append("")
            lines.extend(f"{d['label']}: {d['date_text']} ({d['date']})" for d in outcome["deadlines"])
        if outcome["next_steps"]:
            lines.append("")
            lines.append("Next steps:")
            lines.extend(f"  {i}. {s['text']}" for i, s in enumerate(outcome["next_steps"], 1))
        if outcome["basis"]:
            lines.append("")
            lines.append("Legal basis:")
            lines.extend(f"  - {s['title']}" + (f", {s['section']}" if s.get("section") else "")
                         for s in outcome["basis"])
        if result["trace"]:
            lines.append("")
            lines.append("Why:")
            for item in result["trace"]:
                reason = f" → {item['because']}" if item.get("because") else ""
                lines.append(f"  - {item['text']}{reason}")
    else:
        lines.append(f"Sorry: {result['message']}")
    return for_terminal("\n".join(lines))


def interactive(tree: CompiledTree, answers: dict[str, str], today: datetime.date | None) -> int:
    """Ask each question in the terminal until an outcome; `b` goes back, `q` quits."""
    order: list[str] = list(answers)
    while True:
        result = step(tree, answers, today)
        print()
        print(describe_step(result))
        if result["state"] != "question":
            return 0 if result["state"] == "outcome" else 1
        node_id = result["node"]
        node: Mapping[str, Any] | None = result["question"]
        if node_id is None or node is None:
            return 1  # a question state always names its question: see wizard.core.contracts
        try:
            reply = input("> ").strip()
        except EOFError:
            print()
            return 1
        if reply == "q":
            return 1
        if reply == "b":
            order = [n for n in order if n in result["answers"]]
            if order:
                answers.pop(order.pop(), None)
            continue
        if kinds.has_options(node) and reply.isdigit() and 1 <= int(reply) <= len(node["options"]):
            reply = node["options"][int(reply) - 1]["key"]
        answers[node_id] = reply
        if node_id not in order:
            order.append(node_id)
