"""The shapes of the data that passes between the compiler, the engine, the site and the browser's worker.

Written as ``TypedDict``s so that strict mypy checks each hand-over (standard library only, like all of
``wizard.core``); ``docs/architecture.md`` shows the same shapes as JSON, and a test checks its examples
against these. Every key is present (the loader fills defaults, the engine fills every key of its result);
``NotRequired`` marks the keys that only some stages add: rendered Markdown from the site build
(``*_html``) and a translated tree's ``language``. Values are JSON values: dates are ``YYYY-MM-DD`` texts.
"""

# No ``from __future__ import annotations``: TypedDict must see ``NotRequired`` as an object, not a string, to
# know which keys are required (``__required_keys__``), and the contract test reads those.
from typing import Literal, NotRequired, TypedDict

# The compiled tree (format 1) ----------------------------------------------------------------------------------


class Source(TypedDict):
    """A law, rule or document that outcomes cite, by its id in ``sources``."""

    title: str
    section: str | None
    link: str | None
    kind: str
    note: str | None


class Way(TypedDict):
    """Where a step leads and why: a rule's ``else``, and the base of options, branches and plain questions."""

    next: str
    because: str | None
    basis: list[str]
    because_html: NotRequired[str | None]


class Option(Way):
    """One answer of a question with options; ``label`` filled in for yes/no."""

    key: str
    label: str


# ``if`` and ``else`` are Python keywords: the class syntax cannot name them, so these parts use the functional form.
_Condition = TypedDict("_Condition", {"if": str})
_OptionalCondition = TypedDict("_OptionalCondition", {"if": str | None})
_Otherwise = TypedDict("_Otherwise", {"else": Way | None})


class Branch(Way, _Condition):
    """One rule of a route: followed when ``if`` is the first condition that holds."""


class NextStep(_OptionalCondition):
    """One thing to do, shown when ``if`` holds (or always)."""

    text: str
    text_html: NotRequired[str]


class Deadline(_OptionalCondition):
    """A date worked out from the answers, as the tree writes it (``date`` is a formula)."""

    id: str
    label: str
    date: str
    passed: str | None
    passed_html: NotRequired[str | None]


class _Question(TypedDict):
    question: str
    help: str | None
    help_html: NotRequired[str | None]


class ChoiceNode(_Question):
    """A question answered by picking one of its options (``type`` is ``choice`` or ``yesno``)."""

    type: Literal["choice", "yesno"]
    options: list[Option]


class TickBox(TypedDict):
    """One box of a checkbox question; ``exclusive`` marks the box ("None of these") ticked only on its own."""

    key: str
    label: str
    hint: str | None
    exclusive: bool


class CheckboxNode(_Question, Way):
    """A question answered by ticking any of its boxes; ``optional`` lets the reader go on with none ticked."""

    type: Literal["checkbox"]
    options: list[TickBox]
    optional: bool


class NumberNode(_Question, Way):
    """A question answered with a number, whole unless ``integer`` is false."""

    type: Literal["number"]
    unit: str | None
    min: int | float | None
    max: int | float | None
    integer: bool


class DateNode(_Question, Way):
    """A question answered with a date; ``min`` and ``max`` are dates or ``today``."""

    type: Literal["date"]
    min: str | None
    max: str | None


class RouteNode(_Otherwise):
    """A step that asks nothing: the first branch whose condition holds, else ``else``."""

    type: Literal["route"]
    title: str | None
    branches: list[Branch]


class OutcomeNode(TypedDict):
    """An answer to the reader's question, with what to do next and by when."""

    type: Literal["outcome"]
    verdict: str
    tone: str
    explanation: str
    explanation_html: NotRequired[str]
    next_steps: list[NextStep]
    deadlines: list[Deadline]
    basis: list[str]


Node = ChoiceNode | CheckboxNode | NumberNode | DateNode | RouteNode | OutcomeNode


class CompiledTree(TypedDict):
    """What ``wizard.compiled.compile_data`` makes and ``wizard.core.engine.step`` reads."""

    format: int
    slug: str
    title: str
    summary: str
    keywords: str | None
    cues: str | None
    audience: str
    reviewed: str
    sources: dict[str, Source]
    start: str
    nodes: dict[str, Node]
    longest: dict[str, int]
    language: NotRequired[str]


# The engine's result -------------------------------------------------------------------------------------------


class AnswerRefused(TypedDict):
    """An answer that does not fit its question, with what to do."""

    node: str
    message: str
    parts: list[str]  # the parts of the answer at fault (a date's day, month, year); [] when it is wrong as a whole


class AnsweredStep(TypedDict):
    """A question answered on the way: the answer as kept in links and as shown."""

    node: str
    type: str
    question: str
    answer: str
    display: str
    because: str | None


class CitedSource(Source):
    """A source in full, with its id."""

    id: str


class AnswerTrace(TypedDict):
    """An answer that led here, for "why this outcome"."""

    kind: Literal["answer"]
    node: str
    text: str
    question: str
    answer: str
    because: str | None
    basis: list[CitedSource]
    because_html: NotRequired[str | None]


class RuleTrace(TypedDict):
    """A rule that led here, with what its conditions worked out (``facts``), for "why this outcome"."""

    kind: Literal["rule"]
    node: str
    text: str
    facts: list[str]
    because: str | None
    basis: list[CitedSource]
    because_html: NotRequired[str | None]


TraceItem = AnswerTrace | RuleTrace


class DueDate(TypedDict):
    """A deadline worked out for the reader's answers and today."""

    id: str
    label: str
    date: str
    date_text: str
    days_left: int
    days_left_text: str  # "3 days left", "passed yesterday", in the tree's language
    passed: bool
    passed_text: str | None
    passed_html: NotRequired[str | None]


class ShownNextStep(TypedDict):
    """A next step whose condition holds (the condition itself left out)."""

    text: str
    text_html: NotRequired[str]


class Outcome(TypedDict):
    """The outcome reached: its node's texts with ``id``, conditions applied, deadlines worked out, sources."""

    id: str
    type: Literal["outcome"]
    verdict: str
    tone: str
    explanation: str
    explanation_html: NotRequired[str]
    next_steps: list[ShownNextStep]
    deadlines: list[DueDate]
    basis: list[CitedSource]


class Progress(TypedDict):
    """The question's number, and the most questions left (itself included) on the way to an outcome."""

    number: int
    remaining: int


class StepState(TypedDict):
    """Where a walk stopped: a step result before the engine adds the tree's language."""

    state: Literal["question", "outcome", "error"]
    node: str | None
    question: Node | None
    error: AnswerRefused | None
    steps: list[AnsweredStep]
    trace: list[TraceItem]
    answers: dict[str, str]
    progress: Progress
    outcome: Outcome | None
    message: str | None


class StepResult(StepState):
    """What ``wizard.core.engine.step`` returns: where the reader is, how they got there, in which language."""

    language: str


# What the page reads ------------------------------------------------------------------------------------------


class AnswerKept(TypedDict):
    """An answer on the path, as the page's address keeps it."""

    node: str
    answer: str


class PageStep(TypedDict):
    """What the page reads of a step's result (``wizard.core.views.page_step``): the worker sends it, with the
    screen's ``html``, after each answer, and ``views.json`` holds it for the views the build worked out.

    The screen itself (questions, "why", deadlines, sources) is already in ``html``: the page needs only where
    the reader is, the answers to put in the address and to go back with, and the answers worth working out in
    advance (``ahead``: a choice's options). Sending the whole result made every step's message, every view of
    the table and every step the page keeps several kilobytes larger (the trace repeats each source in full).
    """

    state: Literal["question", "outcome", "error"]
    node: str | None
    error: AnswerRefused | None
    steps: list[AnswerKept]
    answers: dict[str, str]
    ahead: list[str]
