"""The shape of a tree file: every object, its allowed keys and the kind of each value.

This module is the single source of truth for field-level rules. The loader walks YAML with it, and the JSON
Schema for editors is generated from it, so the two cannot disagree. Rules that need the whole tree (links,
cycles, conditions) live in the checker.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from wizard.core import kinds

NODE_ID_PATTERN = r"^[a-z][a-z0-9_]*$"
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
URL_PATTERN = r"^https://[^\s/$.?#][^\s]*$"  # https only: a link to a source must not be altered on the way
MAX_ID_LENGTH = 64
MAX_TEXT_LENGTH = 20_000
RESERVED_IDS = frozenset({"today", "true", "false", "and", "or", "not", "in", "date"})

AUDIENCES = ("consumers", "sellers")
SOURCE_KINDS = ("law", "platform_rule", "platform_practice", "guidance")
TONES = ("yes", "no", "maybe", "info")
# The kinds of node come from their registry (wizard.core.kinds); each has an object spec of the same name below.
NODE_TYPES = kinds.NODE_TYPES


# Kinds of values -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A string. ``markdown`` marks text that the site renders as Markdown; ``translated`` marks text that readers
    read, and so each language edition has in its own words (the examples' names are for editors only);
    ``sentences`` marks text written in sentences, which the plain-language check measures (not a list of words)."""

    markdown: bool = False
    max_length: int = MAX_TEXT_LENGTH
    translated: bool = True
    sentences: bool = True


@dataclass(frozen=True)
class Ident:
    """A snake_case id, such as a node id used in ``next``."""


@dataclass(frozen=True)
class Expression:
    """A condition or calculation in the formula language (checked by the checker)."""

    result: str  # "bool" or "date": what the formula must give


@dataclass(frozen=True)
class Integer:
    """A whole number."""


@dataclass(frozen=True)
class Number:
    """Any number."""


@dataclass(frozen=True)
class Boolean:
    """``true`` or ``false``."""


@dataclass(frozen=True)
class Date:
    """A calendar date written ``YYYY-MM-DD``."""


@dataclass(frozen=True)
class DateBound:
    """A date written ``YYYY-MM-DD`` or the word ``today``."""


@dataclass(frozen=True)
class Url:
    """An ``https://`` address (a reader's link to a source must not be open to tampering on the way)."""


@dataclass(frozen=True)
class Enum:
    """One of a fixed list of words."""

    values: tuple[str, ...]


@dataclass(frozen=True)
class AnswerValue:
    """An example's answer, kept as the text a person would type (option key, yes/no, number, date)."""


@dataclass(frozen=True)
class ListOf:
    """A YAML list whose items are all of one kind."""

    item: Kind
    min_items: int = 0


@dataclass(frozen=True)
class MapOf:
    """A YAML mapping from snake_case ids to values of one kind, in file order."""

    value: Kind
    min_items: int = 0
    what: str = "entry"  # how an editor would name one key ("node", "source", "option")


@dataclass(frozen=True)
class Obj:
    """A YAML mapping described by the object spec of that name."""

    name: str


@dataclass(frozen=True)
class Shorthand:
    """Either a plain string (stored under ``field``) or the full object ``name``."""

    field: str
    short: Kind
    name: str


@dataclass(frozen=True)
class Tagged:
    """A mapping whose ``tag`` key chooses the object spec (``type: choice`` → ``choice``)."""

    tag: str
    variants: tuple[str, ...]


Kind = (
    Text | Ident | Expression | Integer | Number | Boolean | Date | DateBound | Url | Enum | AnswerValue
    | ListOf | MapOf | Obj | Shorthand | Tagged
)


@dataclass(frozen=True)
class Field:
    """One allowed key of an object."""

    name: str
    kind: Kind
    required: bool = False
    default: object = None
    doc: str = ""


@dataclass(frozen=True)
class ObjectSpec:
    """An object: its allowed keys in the order editors should write them."""

    name: str
    doc: str
    fields: tuple[Field, ...] = field(default_factory=tuple)

    def field_names(self) -> list[str]:
        """The allowed keys, in order."""
        return [f.name for f in self.fields]

    def get(self, name: str) -> Field | None:
        """The field called ``name``, or None."""
        return self.by_name.get(name)

    @functools.cached_property
    def by_name(self) -> dict[str, Field]:
        """The fields by name (the first of a name, as a scan finds it)."""
        # Asked for every key of every object the loader, the walks and the checks meet: a look-up, not a scan.
        return {f.name: f for f in reversed(self.fields)}

    @functools.cached_property
    def required_fields(self) -> tuple[Field, ...]:
        """The fields an object must have, in order."""
        return tuple(f for f in self.fields if f.required)

    def defaults(self) -> dict[str, Any]:
        """A new object with every key at its default, in order, so later stages never test for missing keys."""
        filled = self._default_values.copy()
        for name in self._container_defaults:  # a list or mapping of its own for each object, never shared
            filled[name] = type(filled[name])()
        return filled

    @functools.cached_property
    def _default_values(self) -> dict[str, Any]:
        # Worked out once per object spec, not once per object loaded. Defaults are None, words, numbers or
        # empty lists and mappings: a shallow copy, with new containers, is enough.
        return {f.name: f.default for f in self.fields}

    @functools.cached_property
    def _container_defaults(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if isinstance(f.default, (list, dict)))


# The objects of a tree file --------------------------------------------------------------------------------

_QUESTION_COMMON = (
    Field("type", Enum(NODE_TYPES), required=True, doc="What kind of node this is."),
    Field("question", Text(), required=True, doc="The question as the reader sees it."),
    Field("help", Text(markdown=True), doc="Extra explanation under the question (Markdown)."),
)

_LINK_FIELDS = (
    Field("next", Ident(), required=True, doc="The id of the node that comes next."),
    Field("because", Text(), doc="The rule this step applies, in one short sentence (shown in 'why this outcome')."),
    Field("basis", ListOf(Ident()), default=[], doc="Ids of the sources that the `because` rests on."),
)

OBJECTS: dict[str, ObjectSpec] = {
    spec.name: spec
    for spec in (
        ObjectSpec(
            "tree",
            "A procedure: one decision tree in one file.",
            (
                Field("title", Text(max_length=200), required=True, doc="The question the procedure answers."),
                Field("summary", Text(max_length=500), required=True, doc="One sentence: what the reader finds out."),
                Field("audience", Enum(AUDIENCES), required=True, doc="Who the procedure is for."),
                Field("keywords", Text(max_length=500, sentences=False),
                      doc="Other words readers search for this procedure with, separated by commas (synonyms, "
                          "everyday words): shown on its page and weighted in the site search."),
                Field("cues", Text(max_length=500, sentences=False),
                      doc="The words a reader's question uses when it asks what this procedure answers and no other "
                          "procedure does, separated by commas (withdraw, settled for a withdrawal): the site search "
                          "puts this procedure first for a query that holds more of them than of any other's."),
                Field("reviewed", Date(), required=True, doc="When a person last checked it against its sources."),
                Field("sources", MapOf(Obj("source"), min_items=1, what="source"), required=True,
                      doc="The laws and documents that outcomes cite, by id."),
                Field("start", Ident(), required=True, doc="The id of the first node."),
                Field("nodes", MapOf(Tagged("type", NODE_TYPES), min_items=1, what="node"), required=True,
                      doc="The questions, routes and outcomes, by id."),
                Field("examples", ListOf(Obj("example")), default=[],
                      doc="Answer sets and the outcome they must reach: the tree's tests."),
            ),
        ),
        ObjectSpec(
            "source",
            "A law, rule or document that outcomes rely on.",
            (
                Field("title", Text(max_length=300), required=True, doc="Its name."),
                Field("section", Text(max_length=300), doc="The article or part relied on."),
                Field("link", Url(), doc="Where to read it (https)."),
                Field("kind", Enum(SOURCE_KINDS), default="law", doc="What sort of source it is."),
                Field("note", Text(), doc="Anything a reader should know about this source."),
            ),
        ),
        ObjectSpec(
            "choice",
            "A question with a list of answers to pick one from.",
            (
                *_QUESTION_COMMON,
                Field("options", MapOf(Shorthand("next", Ident(), "choice_option"), min_items=2, what="option"),
                      required=True, doc="The answers, by key, each with its label and next node."),
            ),
        ),
        ObjectSpec(
            "yesno",
            "A question answered yes or no.",
            (
                *_QUESTION_COMMON,
                Field("options", MapOf(Shorthand("next", Ident(), "option"), min_items=2, what="option"),
                      required=True, doc="Exactly `yes` and `no`, each with its next node."),
            ),
        ),
        ObjectSpec(
            "checkbox",
            "A question answered by ticking any of a list of boxes (all that apply).",
            (
                *_QUESTION_COMMON,
                Field("options", MapOf(Obj("checkbox_option"), min_items=2, what="option"), required=True,
                      doc="The boxes, by key, each with its label; conditions test one with `'key' in question_id`."),
                Field("optional", Boolean(), default=False,
                      doc="Whether the reader may go on with no box ticked (not with an `exclusive` box)."),
                *_LINK_FIELDS,
            ),
        ),
        ObjectSpec(
            "number",
            "A question answered with a number.",
            (
                *_QUESTION_COMMON,
                Field("unit", Text(max_length=40), doc="What the number counts (days, yuan, ...)."),
                Field("min", Number(), doc="The smallest allowed answer."),
                Field("max", Number(), doc="The largest allowed answer."),
                Field("integer", Boolean(), default=True, doc="Whether only whole numbers are allowed."),
                *_LINK_FIELDS,
            ),
        ),
        ObjectSpec(
            "date",
            "A question answered with a date.",
            (
                *_QUESTION_COMMON,
                Field("min", DateBound(), doc="The earliest allowed date, or `today`."),
                Field("max", DateBound(), doc="The latest allowed date, or `today`."),
                *_LINK_FIELDS,
            ),
        ),
        ObjectSpec(
            "route",
            "A step that asks nothing and picks the next node by rules on earlier answers.",
            (
                Field("type", Enum(NODE_TYPES), required=True, doc="What kind of node this is."),
                Field("title", Text(max_length=200), doc="What the rule decides, shown in the guide."),
                Field("branches", ListOf(Obj("branch"), min_items=1), required=True,
                      doc="Tried in order: the first whose `if` holds is followed."),
                Field("else", Shorthand("next", Ident(), "link"), doc="Where to go when no branch holds."),
            ),
        ),
        ObjectSpec(
            "outcome",
            "An answer to the reader's question.",
            (
                Field("type", Enum(NODE_TYPES), required=True, doc="What kind of node this is."),
                Field("verdict", Text(max_length=200), required=True, doc="The answer in a few words."),
                Field("tone", Enum(TONES), default="info", doc="How the verdict is shown."),
                Field("explanation", Text(markdown=True), required=True, doc="Why (Markdown)."),
                Field("next_steps", ListOf(Shorthand("text", Text(markdown=True), "next_step")), default=[],
                      doc="What to do, in order."),
                Field("deadlines", ListOf(Obj("deadline")), default=[], doc="Dates computed from the answers."),
                Field("basis", ListOf(Ident(), min_items=1), required=True,
                      doc="Ids of the sources this outcome rests on, one or more."),
            ),
        ),
        ObjectSpec("choice_option", "One answer of a choice question.", (
            Field("label", Text(max_length=300), required=True, doc="The answer as the reader sees it."),
            *_LINK_FIELDS,
        )),
        ObjectSpec("checkbox_option", "One box of a checkbox question.", (
            Field("label", Text(max_length=300), required=True, doc="The box's text as the reader sees it."),
            Field("hint", Text(max_length=300), doc="A line under the label that explains it."),
            Field("exclusive", Boolean(), default=False,
                  doc="A box such as 'None of these', ticked only on its own (at most one per question)."),
        )),
        ObjectSpec("option", "One answer of a yes/no question.", (
            Field("label", Text(max_length=300), doc="The answer as the reader sees it (default Yes / No)."),
            *_LINK_FIELDS,
        )),
        ObjectSpec("link", "Where to go next.", _LINK_FIELDS),
        ObjectSpec("branch", "One rule of a route.", (
            Field("if", Expression("bool"), required=True, doc="The condition."),
            *_LINK_FIELDS,
        )),
        ObjectSpec("next_step", "One thing to do.", (
            Field("text", Text(markdown=True), required=True, doc="What to do (Markdown)."),
            Field("if", Expression("bool"), doc="Show this step only when the condition holds."),
        )),
        ObjectSpec("deadline", "A date computed from the answers.", (
            Field("id", Ident(), required=True, doc="A name for the deadline, used by examples."),
            Field("label", Text(max_length=200), required=True, doc="What must happen by then."),
            Field("date", Expression("date"), required=True, doc="A formula that gives the date."),
            Field("if", Expression("bool"), doc="Only when the condition holds."),
            Field("passed", Text(markdown=True),
                  doc="What the reader can still do once the date has passed (Markdown)."),
        )),
        ObjectSpec("example", "A test: answers and the outcome they must reach.", (
            Field("name", Text(max_length=200, translated=False), required=True, doc="What the example shows."),
            Field("today", Date(), doc="The date the example pretends it is."),
            Field("answers", MapOf(AnswerValue(), what="answer"), required=True, doc="The answers, by question id."),
            Field("outcome", Ident(), required=True, doc="The id of the outcome it must reach."),
            Field("deadlines", MapOf(Date(), what="deadline"), default={}, doc="Deadline ids and their dates."),
        )),
    )
}



def spec(name: str) -> ObjectSpec:
    """The object spec called ``name``."""
    return OBJECTS[name]
