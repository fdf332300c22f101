"""A rehearsal of a tree: the engine walks it once by itself, while the reader reads, so that answers come fast.

A fresh browser worker runs each piece of the engine slowly the first time: the browser compiles the WebAssembly
behind Python's date and text functions when they are first called, each formula of a tree is parsed when it is
first evaluated, and the interface's words and plural rules are looked up once per language. In Pyodide the first
date answer of a new worker took 8 to 14 ms on a quiet machine (20 to 50 ms on a busy one), 3 to 6 ms once the
tree was rehearsed. The worker therefore rehearses each tree it is given, a step at a time while it has nothing
else to do (wizard/assets/worker.js): answers no reader gave,
chosen to meet every kind of question the tree asks and to reach an outcome, each step worked out and rendered
as a reader's would be. Nothing of it is kept, shown or sent: the results are dropped, the caches it fills are
the engine's own.
"""

from __future__ import annotations

import datetime
from collections.abc import Generator, Iterator, Mapping
from typing import Any

from wizard.core import kinds
from wizard.core.engine import step
from wizard.core.views import render_view

# The most steps a rehearsal takes: a tree whose questions branch widely is not searched through, and the worker
# spends at most this many steps (1 to 5 ms each once warm) on it.
MAX_STEPS = 24
# Where the rendered views link to: the worker's own link is the reader's page with their answers.
_SHARE_URL = "#rehearsal"


def question_kinds(tree: Mapping[str, Any]) -> set[str]:
    """The kinds of question (``type``) that a compiled tree asks."""
    nodes = tree.get("nodes")
    if not isinstance(nodes, Mapping):
        return set()
    return {str(node["type"]) for node in nodes.values() if isinstance(node, Mapping) and kinds.is_question(node)}


def rehearse(tree: Mapping[str, Any], today: datetime.date, *, limit: int = MAX_STEPS) -> Generator[str, None, None]:
    """Walk ``tree`` with answers no reader gave, one step per item taken, each step worked out by the engine and
    rendered as a reader's is; yields the node each step reached (``""`` for none).

    The walk goes deep first: at each question it tries the answers of ``kinds.sample_answers`` in turn (an
    answer the question refuses is a step too: its message is rendered as a reader's would be). It ends once it
    has reached an outcome and answered every kind of question the tree asks, when it has tried everything, or
    after ``limit`` steps. The caller may stop taking items at any point: nothing is left half done.
    """
    nodes = tree.get("nodes")
    if not isinstance(nodes, Mapping):
        return
    kinds_left = question_kinds(tree)
    seen: set[str] = set()  # questions already reached: what follows them has been walked once
    ended = False
    taken = 0
    # The walk so far, one entry per step: its answers, the kind of question its last answer was given to, and
    # once worked out, the question it reached with the answers still to try there (None: not worked out yet).
    stack: list[tuple[dict[str, str], str, tuple[str, Iterator[str]] | None]] = [({}, "", None)]
    while stack and taken < limit and not (ended and not kinds_left):
        answers, answered, asked = stack[-1]
        if asked is None:
            result = step(tree, answers, today)
            render_view(tree, result, share_url=_SHARE_URL, note="")
            taken += 1
            node_id = result.get("node") or ""
            yield node_id
            refused = bool(result.get("error"))
            if not refused:
                kinds_left.discard(answered)  # its answer was read, and the walk went on from it
            ended = ended or result.get("state") == "outcome"
            node = nodes.get(node_id)
            if result.get("state") != "question" or refused or node_id in seen or not isinstance(node, Mapping):
                stack.pop()  # an end, an answer refused or a question met before: the next answer back is tried
                continue
            seen.add(node_id)
            asked = (node_id, iter(kinds.sample_answers(node, today)))
            stack[-1] = (answers, answered, asked)
        node_id, untried = asked
        answer = next(untried, None)
        if answer is None:
            stack.pop()
        else:
            stack.append(({**answers, node_id: answer}, str(nodes[node_id].get("type")), None))
