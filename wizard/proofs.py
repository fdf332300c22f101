"""Proofs about a tree's conditions for every answer and every day: does a route always find a branch, can a
branch ever be taken, can a deadline ever be worked out?

Method. A question like "can no branch hold?" is a formula over the literals of ``wizard.conditions``. A
depth-first search splits its ``or``s into cases (conjunctions of literals), drops cases with clashing choices
or opaque states, and decides each case's linear constraints, with the facts of their variables, by
``wizard.linear``. No case left is a proof. A satisfiable case gives a candidate example, which is *checked
concretely* with the engine (``expr.evaluate``, ``engine.validate_answer``) before it is shown; a candidate that
does not check out (because of an opaque part, a bounded shift or whole-number gaps) only makes the result
"unproven". Before any search, a few everyday answers are tried: one that shows a branch taken needs no proof.

Limits: a search stops after ``MAX_CASES`` steps or ``MAX_SOLVES`` eliminations, all the proofs about a tree
share a ``Budget``, and elimination stops at ``linear.MAX_CONSTRAINTS`` constraints: each gives "unproven",
never a claim. Conditions are judged on their own, not on the way the reader came: a case that no way to the
route can produce is still reported. Standard library only.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from wizard import linear
from wizard.conditions import (
    TODAY,
    All,
    AlwaysFails,
    Among,
    Answer,
    Formula,
    Linear,
    Some,
    Translation,
    Unsupported,
    conj,
    disj,
)
from wizard.core import engine, expr

# Search steps (literals placed and cases split) per question asked of a route; past it the answer is "unproven".
MAX_CASES = 4096
# Everyday answers tried before a proof is searched for (see _samples).
SAMPLES = 5
# Distinct sets of linear constraints decided per question (each costs an elimination).
MAX_SOLVES = 200
# What all the questions about one tree may spend together (about a second on a slow machine at worst).
TREE_STEPS = 60_000
TREE_SOLVES = 1000
# Candidate examples checked concretely before giving up on finding a true one.
MAX_CANDIDATES = 32
TOO_MANY_CASES = "it has too many cases to try"
OUT_OF_BUDGET = "the tree has too many cases to try in all"


class _OutOfSteps(Exception):
    """A search used up its own steps or eliminations (``TOO_MANY_CASES``), or the tree's (``OUT_OF_BUDGET``)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Budget:
    """What all the proofs about one tree may spend together, so that no tree makes the check slow."""

    steps: int = TREE_STEPS
    solves: int = TREE_SOLVES


@dataclass
class Prover:
    """The proofs about one tree: its translated conditions, what was decided already, and the shared budget."""

    translation: Translation
    solutions: dict[frozenset[linear.Constraint], linear.Solution] = field(default_factory=dict)
    budget: Budget = field(default_factory=Budget)
    samples: dict[str, list[object]] = field(default_factory=dict)

    def samples_of(self, name: str) -> list[object]:
        """``SAMPLES`` everyday answers to a question (its limits, zero, today's date...), as formulas see them."""
        if name not in self.samples:
            self.samples[name] = list(_typical_answers(self.translation.answers[name],
                                                       self.translation.check_day))
        return self.samples[name]


# Searching for a case ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One way a formula can hold: choices narrowed to sets, opaque states, and linear constraints."""

    choices: Mapping[str, frozenset[str]]
    states: Mapping[int, str]
    constraints: tuple[linear.Constraint, ...]


# Goals still to satisfy, as a linked list (first, rest): splitting a case then copies nothing.
_Goals = tuple[Formula, "_Goals"] | None


def _cases(goal: Formula, budget: Budget) -> Iterator[Case]:
    """Every case of ``goal`` whose choices and opaque states agree, depth first (linear parts undecided)."""
    stack: list[tuple[_Goals, Case]] = [((goal, None), Case({}, {}, ()))]
    steps = 0
    while stack:
        steps += 1
        budget.steps -= 1
        if steps > MAX_CASES or budget.steps < 0:
            raise _OutOfSteps(TOO_MANY_CASES if steps > MAX_CASES else OUT_OF_BUDGET)
        goals, case = stack.pop()
        if goals is None:
            yield case
            continue
        first, rest = goals
        if isinstance(first, All):
            for part in reversed(first.parts):
                rest = (part, rest)
            stack.append((rest, case))
        elif isinstance(first, Some):
            stack.extend(((part, rest), case) for part in reversed(first.parts))
        elif isinstance(first, Linear):
            stack.append((rest, Case(case.choices, case.states, (*case.constraints, first.item))))
        elif isinstance(first, Among):
            allowed = case.choices.get(first.name, first.values) & first.values
            if allowed:
                stack.append((rest, Case({**case.choices, first.name: allowed}, case.states, case.constraints)))
        elif case.states.get(first.index, first.state) == first.state:
            stack.append((rest, Case(case.choices, {**case.states, first.index: first.state}, case.constraints)))


@dataclass(frozen=True)
class Example:
    """Concrete answers (as formulas see them) and the day."""

    values: Mapping[str, object]
    today: datetime.date


@dataclass(frozen=True)
class Verdict:
    """``found`` (with a checked example), ``none`` (proven: no case exists) or ``unknown`` (with the reason)."""

    status: str
    example: Example | None = None
    detail: str = ""
    reason: str = ""


def search(prover: Prover, goal: Formula, names: set[str],
           confirm: Callable[[Example], str | None] | None = None) -> Verdict:
    """Look for answers and a day for which ``goal`` holds.

    With ``confirm``, a candidate counts only when ``confirm`` (which works it out concretely) returns a
    detail for it; without, the first satisfiable case ends the search as ``found`` (without an example).
    """
    unknown = ""
    tried = 0
    solved = len(prover.solutions)
    try:
        for case in _cases(goal, prover.budget):
            solution = _solve(prover, case)
            if len(prover.solutions) - solved > MAX_SOLVES:
                raise _OutOfSteps(TOO_MANY_CASES)
            if len(prover.solutions) > prover.budget.solves:
                raise _OutOfSteps(OUT_OF_BUDGET)
            if solution.feasible is False:
                continue
            if solution.feasible is None or confirm is None:
                if confirm is None:
                    return Verdict("found")
                unknown = unknown or "the checker could not settle it in whole numbers"
                continue
            example = _example(prover, case, solution.model or {}, names)
            detail = confirm(example) if example is not None else None
            if detail is not None:
                return Verdict("found", example, detail)
            unknown = unknown or _reason(prover, case)
            tried += 1
            if tried >= MAX_CANDIDATES:
                break
    except _OutOfSteps as exc:
        return Verdict("unknown", reason=exc.reason)
    return Verdict("unknown", reason=unknown) if unknown else Verdict("none")


def _reason(prover: Prover, case: Case) -> str:
    """Why a candidate may not be real: the opaque parts it relied on, or the approximate shifts."""
    parts = [prover.translation.opaque[i][1] for i in sorted(case.states)]
    if parts:
        return parts[0]
    if prover.translation.approximations:
        return prover.translation.approximations[0]
    return "the checker could not find answers that show it"


def _solve(prover: Prover, case: Case) -> linear.Solution:
    key = frozenset(case.constraints)
    if key not in prover.solutions:
        prover.solutions[key] = _solve_with_facts(prover, list(case.constraints))
    return prover.solutions[key]


def _solve_with_facts(prover: Prover, constraints: list[linear.Constraint]) -> linear.Solution:
    """Solve the constraints of a case together with the limits of every variable they involve."""
    if not constraints:
        return linear.Solution(True, {})
    pending = [v for c in constraints for v, _ in c.coefficients]
    seen: set[str] = set()
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        for fact in prover.translation.facts_of(name):
            constraints.append(fact)
            pending.extend(v for v, _ in fact.coefficients)
    answers = prover.translation.answers
    prefer = {name: Fraction(prover.translation.check_day.toordinal()) for name in seen
              if name == TODAY or (name in answers and answers[name].type == expr.TYPE_DATE)}
    return linear.solve(constraints, prover.translation.integers, prefer)


def _example(prover: Prover, case: Case, model: Mapping[str, Fraction],
             names: set[str]) -> Example | None:
    """The answers of a case, checked by the engine as a reader's answers would be (None when refused)."""
    today = datetime.date.fromordinal(int(model[TODAY])) if TODAY in model else prover.translation.check_day
    values: dict[str, object] = {}
    for name in sorted(names):
        answer = prover.translation.answers[name]
        if answer.options:  # an option key, as formulas see it (always one the question offers)
            allowed = case.choices.get(name, frozenset(answer.options))
            values[name] = answer.value(next(o for o in answer.options if o in allowed))
            continue
        if name not in model:  # not constrained in this case: any answer the question takes
            typical = prover.samples_of(name)
            if not typical:
                return None
            raw = str(_plain(typical[0]))
        elif answer.type == expr.TYPE_DATE:
            raw = datetime.date.fromordinal(int(model[name])).isoformat()
        else:
            raw = _number_text(model[name])
        try:
            values[name] = engine.validate_answer(answer.node, raw, today)[0]
        except engine.AnswerError:
            return None
    return Example(values, today)


def _number_text(value: Fraction) -> str:
    if value.denominator == 1:
        return str(value.numerator)
    return f"{float(value):.10f}".rstrip("0").rstrip(".")


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime.date) else value


# Questions asked by the checker --------------------------------------------------------------------------------


def route_gap(prover: Prover, conditions: list[tuple[expr.Expr, str]]) -> Verdict:
    """Answers and a day for which no branch of a route without ``else`` is taken (a branch that fails never is).

    ``found``: the example, with ``detail`` naming the failing branch if one fails; ``none``: proven complete.
    """
    results = [prover.translation.condition(node, source) for node, source in conditions]
    goal = disj(conj(*(r.false for r in results)),
                *(conj(*(r.false for r in results[:i]), r.fails) for i, r in enumerate(results)))
    names = set().union(*(expr.names(node) for node, _ in conditions))

    def confirm(example: Example) -> str | None:
        taken, why = _first_taken(conditions, example)
        return None if taken is not None else why

    return search(prover, goal, names, confirm)


def taken(prover: Prover, conditions: list[tuple[expr.Expr, str]], index: int,
          *, after_failures: bool = False) -> Verdict:
    """Whether branch ``index`` can be taken: its condition holds and every earlier one is false.

    With ``after_failures``, earlier branches may also fail instead (to tell "taken first" from "fails first").
    ``none`` is a proof that it never is.
    """
    if not after_failures:
        for example in _samples(prover, conditions[:index + 1]):
            if _first_taken(conditions, example)[0] == index:
                return Verdict("found", example)
    results = [prover.translation.condition(node, source) for node, source in conditions[:index + 1]]
    earlier = [disj(r.false, r.fails) if after_failures else r.false for r in results[:-1]]
    return search(prover, conj(*earlier, results[-1].true), set())


def true_and_false(prover: Prover, condition: expr.Expr) -> bool:
    """Whether the everyday answers of ``_samples`` make ``condition`` true for some and false for others.

    Then neither it nor its negation is a proof's "never": ``taken`` finds the same answers for each, from the
    same samples, before any search.
    """
    true = false = False
    for example in _samples(prover, [(condition, "")]):
        try:
            value = expr.evaluate(condition, example.values, example.today)
        except expr.EvalError:
            continue
        true, false = true or value is True, false or value is False
        if true and false:
            return True
    return False


def _first_taken(conditions: list[tuple[expr.Expr, str]], example: Example) -> tuple[int | None, str]:
    """The index of the branch the engine takes for these answers, or None and why (``""``: none holds)."""
    for index, (node, _) in enumerate(conditions):
        try:
            if expr.evaluate(node, example.values, example.today) is True:
                return index, ""
        except expr.EvalError as exc:
            return None, f"branch {index + 1} cannot be worked out ({exc.message})"
    return None, ""


def _samples(prover: Prover, formulas: list[tuple[expr.Expr, str]]) -> Iterator[Example]:
    """A few everyday answers to try before any proof: an answer found this way needs no search.

    Sample ``k`` gives each answer its ``k``-th typical value (see ``_typical_answers``).
    """
    names = sorted(set().union(*(expr.names(node) for node, _ in formulas)))
    values = [prover.samples_of(name) for name in names]
    for k in range(min((len(v) for v in values), default=SAMPLES)):
        yield Example({name: v[k] for name, v in zip(names, values, strict=True)}, prover.translation.check_day)


def _typical_answers(answer: Answer, day: datetime.date) -> Iterator[object]:
    """Up to ``SAMPLES`` answers the engine accepts on ``day``, spread over the question's range."""
    if answer.options:
        yield from (answer.value(answer.options[k % len(answer.options)]) for k in range(SAMPLES))
        return
    low, high = answer.node.get("min"), answer.node.get("max")
    typical: list[object]
    if answer.type == expr.TYPE_DATE:
        typical = [day, day, low, high, day - datetime.timedelta(days=30)]
    else:
        typical = [low, high, 0, 100, 1000]
    accepted = []
    for raw in typical:
        text = day.isoformat() if raw in (None, TODAY) else str(raw)
        try:
            accepted.append(engine.validate_answer(answer.node, text, day)[0])
        except engine.AnswerError:
            continue  # outside the question's limits
    yield from accepted


def date_defined(prover: Prover, node: expr.Expr) -> Verdict:
    """Whether a date formula can be worked out for some answers and day (``none``: never, it is out of range).

    Formulas outside the reasoning, or failing for a constant part, give ``unknown``.
    """
    for example in _samples(prover, [(node, "")]):
        try:
            expr.evaluate(node, example.values, example.today)
        except expr.EvalError:
            continue
        return Verdict("found", example)
    try:
        term = prover.translation.term(node)
    except (Unsupported, AlwaysFails):
        return Verdict("unknown")
    return search(prover, conj(*(Linear(c) for c in term.in_range)), set())
