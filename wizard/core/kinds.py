"""The registry of node kinds: what each ``type`` of node is, in one place (standard library only).

For every kind: whether it asks the reader something, the type its answer has in formulas, how an answer is
read and shown (``wizard.core.readers``), the option keys it fixes, and where a node of that kind leads.
Every module asks this registry (``kind_of``, ``is_question``, ``ways_out``...) instead of comparing type
strings, so that a new kind of question is one entry here, its fields in ``wizard.schema`` and its form.

``ways_out`` reads both forms of a tree: the loaded one (options as a mapping by key) and the compiled one
(options as a list of ``{key, ...}``).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple, TypeGuard

from wizard.core import readers
from wizard.core.contracts import Option
from wizard.core.functions import DATE, NUMBER, SET, TEXT
from wizard.core.messages import message
from wizard.core.vocabulary import SOURCE_LANGUAGE

# A reader: (node, answer as typed, today, language) -> (value for formulas, text kept in links, text shown).
Reader = Callable[[Mapping[str, Any], str, datetime.date, str], readers.Reading]

# What holds a way on: an option, a rule's branch, its ``else``, or the node's own ``next``.
OPTION, NEXT, BRANCH, ELSE = "option", "next", "branch", "else"


class Way(NamedTuple):
    """One way out of a node, in the order a reader meets them (a tuple: the engine makes some at each step).

    ``path`` is where its ``next`` is written inside the node (``("options", "yes", "next")``); ``item`` is
    the mapping that holds it (the option, branch, ``else`` or the node itself), with its ``because`` and
    ``basis``; ``answer`` is the option key that takes this way (None when any answer, or a rule, does).
    """

    target: str
    path: tuple[str | int, ...]
    item: Mapping[str, Any]
    holder: str  # OPTION, NEXT, BRANCH or ELSE
    answer: str | None = None


def _option_ways(node: Mapping[str, Any]) -> Iterator[Way]:
    options = node.get("options") or {}
    # The loader keeps options as a mapping by key; the compiled form is a list of {key, ...}.
    if isinstance(options, Mapping):
        for key, option in options.items():
            if isinstance(option, Mapping) and option.get("next"):
                yield Way(option["next"], ("options", key, "next"), option, OPTION, key)
        return
    for option in options:
        if isinstance(option, Mapping) and isinstance(option.get("key"), str) and option.get("next"):
            yield Way(option["next"], ("options", option["key"], "next"), option, OPTION, option["key"])


def _next_way(node: Mapping[str, Any]) -> Iterator[Way]:
    if node.get("next"):
        yield Way(node["next"], ("next",), node, NEXT)


def _rule_ways(node: Mapping[str, Any]) -> Iterator[Way]:
    for index, branch in enumerate(node.get("branches") or []):
        if isinstance(branch, Mapping) and branch.get("next"):
            yield Way(branch["next"], ("branches", index, "next"), branch, BRANCH)
    other = node.get("else")
    if isinstance(other, Mapping) and other.get("next"):
        yield Way(other["next"], ("else", "next"), other, ELSE)


def _no_ways(node: Mapping[str, Any]) -> Iterator[Way]:
    return iter(())


# Takers: the one way an answer takes, found without listing every way (the engine asks at each answered step).
# Each gives what the first fitting way of its kind's ``ways`` would: a test holds them to it.


def _take_option(node: Mapping[str, Any], answer: str) -> Way | None:
    options = node.get("options") or {}
    option: object = None
    if isinstance(options, list):  # compiled: a plain loop, the cheapest way through a few options
        for candidate in options:
            if _is_mapping(candidate) and candidate.get("key") == answer:
                option = candidate
                break
    elif isinstance(options, Mapping):
        option = options.get(answer)
    if _is_mapping(option) and option.get("next"):
        return Way(option["next"], ("options", answer, "next"), option, OPTION, answer)
    return None


def _is_mapping(value: object) -> TypeGuard[Mapping[str, Any]]:
    # A plain dict (as JSON and YAML give) is told apart without the slower check against the abstract class.
    return isinstance(value, (dict, Mapping))


def _take_next(node: Mapping[str, Any], answer: str) -> Way | None:
    return Way(node["next"], ("next",), node, NEXT) if node.get("next") else None


def _take_none(node: Mapping[str, Any], answer: str) -> Way | None:
    return None


@dataclass(frozen=True)
class NodeKind:
    """What one ``type`` of node is; see the module's docstring."""

    name: str
    ways: Callable[[Mapping[str, Any]], Iterator[Way]]
    take: Callable[[Mapping[str, Any], str], Way | None]  # a question's: the first of ``ways`` that fits an answer
    answer_type: str | None = None  # the formula type of the answer (wizard.core.functions); None: asks nothing
    read: Reader | None = None
    options: bool = False  # the answer is picked from the node's listed options
    ticks: bool = False  # the answer is any set of the node's listed options (a checkbox question)
    fixed_options: tuple[str, ...] = ()  # option keys the kind itself sets, in the order shown (yes, no)
    decides: bool = False  # picks the next node by rules on earlier answers
    ends: bool = False  # an end of the walk: the reader's outcome
    check: Callable[[str, Mapping[str, Any]], list[readers.Problem]] | None = None  # its own fields' rules
    prompt: Callable[[Mapping[str, Any]], list[str]] | None = None  # how the terminal asks it
    # Answers worth typing when no reader chose one (a number or a date has too many to list): see ``sample_answers``.
    samples: Callable[[Mapping[str, Any], datetime.date], tuple[str, ...]] | None = None

    @property
    def asks(self) -> bool:
        """Whether a node of this kind is a question the reader answers."""
        return self.read is not None

    @property
    def lists_answers(self) -> bool:
        """Whether its answers are picked among listed options or boxes (a choice, yes/no, boxes to tick)."""
        return self.options or self.ticks



ROUTE = "route"
OUTCOME = "outcome"

KINDS: dict[str, NodeKind] = {kind.name: kind for kind in (
    NodeKind("choice", _option_ways, _take_option, TEXT, readers.read_choice, options=True,
             prompt=readers.options_prompt),
    # Formulas read a yes/no answer as the text 'yes' or 'no', like a choice: `accepted == 'yes'`.
    NodeKind("yesno", _option_ways, _take_option, TEXT, readers.read_yes_no, options=True,
             fixed_options=("yes", "no"), prompt=readers.options_prompt),
    # Formulas read the ticked boxes as a set of option keys: `'dated' in details`, `count(details)`.
    NodeKind("checkbox", _next_way, _take_next, SET, readers.read_checkbox, ticks=True, check=readers.box_problems,
             prompt=readers.boxes_prompt),
    NodeKind("number", _next_way, _take_next, NUMBER, readers.read_number, prompt=readers.number_prompt,
             samples=readers.number_samples),
    NodeKind("date", _next_way, _take_next, DATE, readers.read_date, prompt=readers.date_prompt,
             samples=readers.date_samples),
    NodeKind(ROUTE, _rule_ways, _take_none, decides=True),
    NodeKind(OUTCOME, _no_ways, _take_none, ends=True),
)}

NODE_TYPES = tuple(KINDS)
QUESTION_TYPES = tuple(name for name, kind in KINDS.items() if kind.asks)


def kind_of(node: Mapping[str, Any]) -> NodeKind | None:
    """The kind of a node (by its ``type``), or None for a type the registry does not know."""
    kind = node.get("type")
    return KINDS.get(kind) if isinstance(kind, str) else None


def is_question(node: Mapping[str, Any]) -> bool:
    """Whether a node asks the reader something."""
    kind = kind_of(node)
    return kind is not None and kind.asks


def is_route(node: Mapping[str, Any]) -> bool:
    """Whether a node picks the next one by rules on earlier answers."""
    kind = kind_of(node)
    return kind is not None and kind.decides


def is_outcome(node: Mapping[str, Any]) -> bool:
    """Whether a node is an outcome, where a walk ends."""
    kind = kind_of(node)
    return kind is not None and kind.ends


def answer_type(node: Mapping[str, Any]) -> str | None:
    """The type a node's answer has in formulas (``text``, ``number``, ``date``), or None for no question."""
    kind = kind_of(node)
    return kind.answer_type if kind is not None else None


def has_options(node: Mapping[str, Any]) -> bool:
    """Whether a node's answer is picked from its listed options."""
    kind = kind_of(node)
    return kind is not None and kind.options


def fixed_options(node: Mapping[str, Any]) -> tuple[str, ...]:
    """The option keys a node's kind itself sets (``yes``, ``no``), in the order shown; () for other kinds."""
    kind = kind_of(node)
    return kind.fixed_options if kind is not None else ()


def option_keys(node: Mapping[str, Any]) -> tuple[str, ...]:
    """The option keys of a question with options or boxes to tick, in the order shown; () for other nodes."""
    kind = kind_of(node)
    if kind is None or not kind.lists_answers:
        return ()
    if kind.fixed_options:
        return kind.fixed_options
    options = node.get("options") or {}
    if isinstance(options, Mapping):
        return tuple(options)
    return tuple(o["key"] for o in options if isinstance(o, Mapping) and isinstance(o.get("key"), str))


def has_boxes(node: Mapping[str, Any]) -> bool:
    """Whether a node's answer is any set of its listed options (a checkbox question)."""
    kind = kind_of(node)
    return kind is not None and kind.ticks


def has_listed_answers(node: Mapping[str, Any]) -> bool:
    """Whether a node's answers are picked among listed options or boxes (what ``answers_worth_trying`` lists):
    choice, yes/no and checkbox questions, not numbers, dates or nodes that ask nothing."""
    kind = kind_of(node)
    return kind is not None and kind.lists_answers


def answers_worth_trying(node: Mapping[str, Any]) -> tuple[str, ...] | None:
    """Every answer a question with options or boxes can take, as typed; None for a number or a date.

    A choice gives its keys. A checkbox question gives every set of boxes it accepts while there are at most
    ``MAX_BOXES_TRIED`` ordinary boxes (2^n sets); with more, the sets of one box, all boxes but one, all of
    them and none: each box is then seen ticked and unticked, but not every combination
    (``tries_every_answer`` says which). The one home of this answer list: samples, paths, views and tests ask it.
    """
    if not has_listed_answers(node):
        return None
    if not has_boxes(node):
        return option_keys(node)
    return readers.box_sets(_boxes(node), bool(node.get("optional")), MAX_BOXES_TRIED)


def answers_ahead(node: Mapping[str, Any]) -> tuple[str, ...]:
    """The answers the browser works out while the reader reads the question: a choice's (or yes/no's) option
    keys, one of which Continue will send; () for every other node. A checkbox question has a set of boxes for
    an answer, not one of them, so it is worked out as its boxes are ticked, like a number as it is typed."""
    return option_keys(node) if has_options(node) else ()


def sample_answers(node: Mapping[str, Any], today: datetime.date) -> tuple[str, ...]:
    """Answers a question can be given, as typed, for a walk no reader chose: every answer of
    ``answers_worth_trying`` for a question with options or boxes, the kind's ``samples`` for a number or a date
    (each may still be refused by the node's own bounds); () for a node that asks nothing."""
    listed = answers_worth_trying(node)
    if listed is not None:
        return listed
    kind = kind_of(node)
    return kind.samples(node, today) if kind is not None and kind.samples is not None else ()


def tries_every_answer(node: Mapping[str, Any]) -> bool:
    """Whether ``answers_worth_trying`` gives every answer the node takes (True for a node with none to try).

    Only a checkbox question with more than ``MAX_BOXES_TRIED`` ordinary boxes has its sets sampled."""
    return not has_boxes(node) or sum(1 for _, exclusive in _boxes(node) if not exclusive) <= MAX_BOXES_TRIED


def untried_answers(nid: str, node: Mapping[str, Any]) -> str | None:
    """In an editor's words, which answers ``answers_worth_trying`` leaves out of question ``nid``; None if none."""
    return None if tries_every_answer(node) else f"the boxes of {nid} are tried one at a time, not in every combination"


# Above this many boxes (2^8 = 256 sets), a checkbox question's sets are sampled, not listed in full.
MAX_BOXES_TRIED = 8


def _boxes(node: Mapping[str, Any]) -> list[tuple[str, bool]]:
    """A checkbox question's boxes as (key, exclusive), loaded or compiled."""
    options = node.get("options") or {}
    items = options.items() if isinstance(options, Mapping) else ((o.get("key"), o) for o in options)
    return [(str(key), bool(box.get("exclusive"))) for key, box in items if isinstance(box, Mapping)]


def options_of(node: Mapping[str, Any]) -> list[Option]:
    """The options of a compiled question with options (key, label, next...), in the order shown; [] otherwise."""
    return list(node["options"]) if has_options(node) else []


def ways_out(node: Mapping[str, Any]) -> list[Way]:
    """Every way out of a node, in the order a reader meets them (none for an outcome or an unknown type)."""
    kind = kind_of(node)
    return list(kind.ways(node)) if kind is not None else []


def way_taken(node: Mapping[str, Any], answer: str) -> Way | None:
    """The way a question's normalised answer takes: its option's, or the question's own ``next``."""
    kind = kind_of(node)
    return kind.take(node, answer) if kind is not None else None


def compiled_options(node: Mapping[str, Any]) -> list[dict[str, Any]] | None:
    """A loaded question's options as the compiled tree lists them, in the order shown; None for other nodes.

    Options to pick become ``{key, label, next, because, basis}`` (an option the kind sets, yes or no, is labelled
    with the engine's word for it by default, and shown in the kind's order); boxes to tick keep their fields.
    """
    kind = kind_of(node)
    if kind is None or not kind.lists_answers:
        return None
    if kind.ticks:
        return [{"key": key, **box} for key, box in node["options"].items()]
    fixed = kind.fixed_options
    options = [{"key": key, "label": option.get("label") or (message(SOURCE_LANGUAGE, key) if key in fixed else key),
                "next": option.get("next"), "because": option.get("because"), "basis": option.get("basis") or []}
               for key, option in node["options"].items()]
    if fixed:
        options.sort(key=lambda o: fixed.index(o["key"]) if o["key"] in fixed else len(fixed))
    return options


def deciding_options(node: Mapping[str, Any]) -> list[tuple[object, ...]]:
    """What in a compiled question's options decides where its answers go, wording left out: each option's key
    and ``next``, and whether it stands alone (boxes lead nowhere themselves, but which one is exclusive counts)."""
    return [(o["key"], o.get("next"), o.get("exclusive")) for o in node.get("options") or []]


def problems(nid: str, node: Mapping[str, Any]) -> list[readers.Problem]:
    """What is wrong in a loaded question's own fields by its kind's rules: (path inside the node, message, hint)."""
    kind = kind_of(node)
    return kind.check(nid, node) if kind is not None and kind.check is not None else []


def how_to_answer(node: Mapping[str, Any]) -> list[str]:
    """The lines the terminal shows under a compiled question: its options with their keys, or what to type."""
    kind = kind_of(node)
    return kind.prompt(node) if kind is not None and kind.prompt is not None else []
