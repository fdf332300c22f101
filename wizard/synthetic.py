"""Generated trees for tests and benchmarks: large, valid, and using every kind of node.

The trees are written as YAML text, like an editor's file, so that benchmarks measure the whole pipeline.
"""

from __future__ import annotations

import random
from collections.abc import Callable

_HEADER = """title: Generated procedure {name}
summary: A generated tree used to measure and test the pipeline.
audience: {audience}
reviewed: 2026-11-01
sources:
  rules:
    title: Generated rules
    section: Article {number}
start: {start}
nodes:
"""


def ladder_tree(questions: int) -> str:
    """A chain of yes/no questions whose answers both lead on: 2**questions ways through, linear size."""
    lines = [_HEADER.format(name="ladder", audience="consumers", number=1, start="q0")]
    for i in range(questions):
        following = f"q{i + 1}" if i + 1 < questions else "done"
        lines.append(f"  q{i}:\n    type: yesno\n    question: Question {i}?\n    options:\n"
                     f"      yes: {following}\n      no: {following}\n")
    lines.append("  done:\n    type: outcome\n    verdict: Done\n    explanation: The end.\n    basis: [rules]\n")
    lines.append("examples:\n  - name: all yes\n    answers:\n")
    lines.extend(f"      q{i}: \"yes\"\n" for i in range(questions))
    lines.append("    outcome: done\n")
    return "".join(lines)


def mixed_tree(seed: int, size: int = 30) -> str:
    """A tree of about ``size`` nodes with every node kind, formulas, deadlines and examples for every outcome.

    Layout: a run of questions of all kinds, each linking forward, routes testing the answers, and a few
    outcomes at the end. Deterministic for a seed.
    """
    rng = random.Random(seed)
    outcomes = ["result_a", "result_b", "result_c"]
    body: list[str] = []
    questions = max(4, size - 8)
    kinds = ["choice", "yesno", "number", "date"]
    ids = [f"step_{i}" for i in range(questions)]
    for i, nid in enumerate(ids):
        following = ids[i + 1] if i + 1 < len(ids) else "route_final"
        kind = kinds[i % 4]
        text = f"Question {i} about the complaint number {rng.randint(1, 999)}?"
        if kind == "choice":
            body.append(f"  {nid}:\n    type: choice\n    question: {text}\n    help: Pick the closest answer.\n"
                        f"    options:\n")
            for key in ("first", "second", "third"):
                body.append(f"      {key}:\n        label: The {key} answer\n        next: {following}\n"
                            f"        because: The {key} answer applies.\n")
        elif kind == "yesno":
            body.append(f"  {nid}:\n    type: yesno\n    question: {text}\n    options:\n"
                        f"      yes: {following}\n      no: {following}\n")
        elif kind == "number":
            body.append(f"  {nid}:\n    type: number\n    question: {text}\n    unit: yuan\n    min: 0\n"
                        f"    max: 100000\n    next: {following}\n")
        else:
            body.append(f"  {nid}:\n    type: date\n    question: {text}\n    max: today\n    next: {following}\n")
    number_id = ids[2]
    date_id = ids[3]
    body.append(f"""  route_final:
    type: route
    title: Which result applies?
    branches:
      - if: {number_id} > 500 and days_between({date_id}, today) <= 15
        next: result_a
        because: Large and recent.
      - if: {ids[1]} == 'yes' or {ids[0]} == 'first'
        next: result_b
        because: Confirmed or first.
    else:
      next: result_c
      because: Everything else.
""")
    for name in outcomes:
        body.append(f"""  {name}:
    type: outcome
    verdict: Result {name}
    tone: info
    explanation: This is **{name}**, reached by the rules above.
    next_steps:
      - Keep your receipts.
      - text: Ask for a refund.
        if: {number_id} >= 1000
    deadlines:
      - id: reply_by
        label: Reply by
        date: add_days({date_id}, 15)
    basis: [rules]
""")
    common = {ids[i]: _default_answer(kinds[i % 4]) for i in range(len(ids))}
    examples = []
    for name, overrides in (
        ("result_a", {number_id: "900", date_id: "2026-11-20", ids[1]: "no", ids[0]: "second"}),
        ("result_b", {number_id: "10", ids[1]: "yes"}),
        ("result_c", {number_id: "10", ids[1]: "no", ids[0]: "second"}),
    ):
        answers = {**common, **overrides}
        due = "2026-12-05" if overrides.get(date_id) == "2026-11-20" else "2026-11-16"
        lines = "".join(f"      {k}: \"{v}\"\n" for k, v in answers.items())
        examples.append(f"  - name: reaches {name}\n    today: 2026-11-22\n    answers:\n{lines}"
                        f"    outcome: {name}\n    deadlines:\n      reply_by: {due}\n")
    header = _HEADER.format(name=seed, audience=rng.choice(["consumers", "sellers"]), number=seed, start=ids[0])
    return header + "".join(body) + "examples:\n" + "".join(examples)


def _default_answer(kind: str) -> str:
    return {"choice": "first", "yesno": "no", "number": "10", "date": "2026-11-01"}[kind]


def branching_tree(seed: int, size: int = 20, *, boxes: bool = True) -> str:
    """A random tree that branches and joins again, for property-based tests: valid by construction.

    It opens with four questions asked on every way (a number, a date, a choice and, unless ``boxes`` is false,
    a checkbox question with a "none of these" box), so that routes and deadlines further on may use their
    answers. Then comes a chain of yes/no questions, choices and routes: each node's
    first link goes to the next one in the chain (so every node is reachable) and its other links jump forward
    to random later nodes or outcomes. A last choice leads to each outcome. No examples: tests walk it at random.
    """
    rng = random.Random(seed)
    ids = [f"n{i}" for i in range(max(2, size - 7))]
    after = "papers" if boxes else ids[0]
    outcomes = [f"end_{i}" for i in range(3)]
    chain = [*ids, "last"]
    body = [
        "  amount:\n    type: number\n    question: How much?\n    unit: yuan\n    min: 0\n    max: 10000\n"
        "    integer: false\n    next: received\n",
        "  received:\n    type: date\n    question: When?\n    min: 2000-01-01\n    max: today\n    next: channel\n",
        "  channel:\n    type: choice\n    question: Which way?\n    options:\n"
        f"      web: {{label: Online, next: {after}}}\n      phone: {{label: By phone, next: {after}}}\n"
        f"      letter: {{label: By letter, next: {after}}}\n",
    ]
    if boxes:
        body.append("  papers:\n    type: checkbox\n    question: Which papers do you have?\n    options:\n"
                    "      receipt: {label: A receipt}\n      photos: {label: Photos, hint: Of the goods.}\n"
                    f"      no_papers: {{label: None of these, exclusive: true}}\n    next: {ids[0]}\n")
    conditions = ["amount > 100", "days_between(received, today) <= 30", "channel in ['web', 'phone']",
                  "amount * 2 >= 50 and not (channel == 'letter')", "received + 10 > today or amount < 5",
                  # In double quotes: a YAML value cannot start with a single-quoted part and go on after it.
                  "\"'receipt' in papers\"", "\"'photos' not in papers and count(papers) >= 1\"",
                  "\"'no_papers' in papers or channel == 'web'\""][:None if boxes else 5]
    for index, nid in enumerate(ids):
        following = chain[index + 1]
        ahead = [*chain[index + 1:], *outcomes]
        kind = rng.choice(["yesno", "choice", "route"])
        if kind == "yesno":
            body.append(f"  {nid}:\n    type: yesno\n    question: Question {nid}?\n    options:\n"
                        f"      yes: {rng.choice(ahead)}\n      no: {following}\n")
        elif kind == "choice":
            body.append(f"  {nid}:\n    type: choice\n    question: Question {nid}?\n    options:\n"
                        f"      k0: {{label: Answer 0, next: {following}}}\n")
            body.extend(f"      k{k}: {{label: Answer {k}, next: {rng.choice(ahead)}}}\n"
                        for k in range(1, rng.randint(2, 4)))
        else:
            body.append(f"  {nid}:\n    type: route\n    branches:\n      - if: {rng.choice(conditions)}\n"
                        f"        next: {rng.choice(ahead)}\n    else: {following}\n")
    body.append("  last:\n    type: choice\n    question: Which result?\n    options:\n")
    body.extend(f"      k{k}: {{label: Result {k}, next: {name}}}\n" for k, name in enumerate(outcomes))
    for name in outcomes:
        body.append(f"  {name}:\n    type: outcome\n    verdict: Result {name}\n    explanation: Reached {name}.\n"
                    "    deadlines:\n      - id: act_by\n        label: Act by\n"
                    "        date: add_working_days(received, 10)\n    basis: [rules]\n")
    header = _HEADER.format(name=f"branching {seed}", audience="consumers", number=seed, start="amount")
    return header + "".join(body)


# Adversarial inputs ----------------------------------------------------------------------------------------------
# Each is a tree file just under the size limit built to hit one cost of the checker: a long chain of questions
# (graph analyses), many links to missing nodes ("did you mean"), many unknown keys (repeated errors) and
# bracket-heavy texts (the plain-language scan). `ordinary_tree` is the same size without any of that, to compare.


def long_chain_tree(questions: int) -> str:
    """One way through ``questions`` number questions in a row: every node is asked on every way."""
    lines = [_HEADER.format(name="chain", audience="consumers", number=1, start="q0")]
    for i in range(questions):
        following = f"q{i + 1}" if i + 1 < questions else "done"
        lines.append(f"  q{i}:\n    type: number\n    question: How many days, number {i}?\n    next: {following}\n")
    lines.append("  done:\n    type: outcome\n    verdict: Done\n    explanation: The end.\n    basis: [rules]\n")
    return "".join(lines)


def dangling_links_tree(nodes: int) -> str:
    """``nodes`` questions whose second option leads to a node that does not exist but is spelt like one that does."""
    lines = [_HEADER.format(name="dangling", audience="consumers", number=1, start="step_0")]
    for i in range(nodes):
        following = f"step_{i + 1}" if i + 1 < nodes else "done"
        lines.append(f"  step_{i}:\n    type: yesno\n    question: Question {i}?\n    options:\n"
                     f"      yes: {following}\n      no: stp_{i * 7919 % nodes}x\n")
    lines.append("  done:\n    type: outcome\n    verdict: Done\n    explanation: The end.\n    basis: [rules]\n")
    return "".join(lines)


def unknown_keys_tree(keys: int) -> str:
    """A small valid tree whose outcome carries ``keys`` keys that the format does not know."""
    lines = [_HEADER.format(name="unknown keys", audience="consumers", number=1, start="done"),
             "  done:\n    type: outcome\n    verdict: Done\n    explanation: The end.\n    basis: [rules]\n"]
    lines.extend(f"    extra_{i}: {i}\n" for i in range(keys))
    return "".join(lines)


def bracket_tree(texts: int) -> str:
    """``texts`` outcomes whose explanations are made of unclosed brackets and half-written links."""
    # Each text is just under the longest text allowed (20,000 characters): a scan that goes back over the text
    # for every bracket costs its square.
    patterns = ("[" * 19_000, "[a](" * 4_750, "](" * 9_500, "[[x] " * 3_800, "`[" * 9_500, "[a]\n(" * 3_800)
    lines = [_HEADER.format(name="brackets", audience="consumers", number=1, start="pick"),
             "  pick:\n    type: choice\n    question: Which one?\n    options:\n"]
    lines.extend(f"      k{i}: {{label: Answer {i}, next: end_{i}}}\n" for i in range(texts))
    for i in range(texts):
        text = patterns[i % len(patterns)].replace("'", "''")
        lines.append(f"  end_{i}:\n    type: outcome\n    verdict: Done {i}\n    explanation: '{text}'\n"
                     "    basis: [rules]\n")
    return "".join(lines)


def ordinary_tree(size: int) -> str:
    """A valid tree of about ``size`` nodes of every kind (``mixed_tree``): the baseline for the inputs above."""
    return mixed_tree(0, size)


def fill(generate: Callable[[int], str], max_bytes: int) -> str:
    """The largest text ``generate(n)`` makes within ``max_bytes`` UTF-8 bytes (``generate`` grows with n)."""
    low, high = 1, 2
    while len(generate(high).encode()) <= max_bytes:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        if len(generate(middle).encode()) <= max_bytes:
            low = middle
        else:
            high = middle
    return generate(low)
