"""Conditions and date formulas of a tree in words, for the readers of the static page.

Without JavaScript nobody works out a condition for the reader, so the page says what it checks: "you
answered “By phone” to “How did you complain?”" reads better than ``channel == 'phone'``, whose ids readers
never see anywhere else. Only the shapes editors write most are put into words:

- an answer compared with option keys (``==``, ``!=``, ``in [...]``, ``not in``), with a number, or with a
  date written ``date('2026-01-01')``; a box ticked or not (``'dated' in details``, ``not in``);
- the days since a date answer: ``days_between(received, today) <= 3`` or ``today - received <= 3``;
- ``and`` of those, or ``or`` of those (never the two mixed, which words would make ambiguous);
- a date: ``received + 3``, ``add_days``, ``add_working_days`` and ``add_months`` of a date answer.

Anything else gives None, and the page falls back to the editor's reason or a general sentence. The text
returned is HTML, escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wizard.core import kinds
from wizard.core.expr import (
    TYPE_DATE,
    TYPE_NUMBER,
    TYPE_SET,
    Binary,
    Call,
    Expr,
    ExprError,
    Literal,
    Member,
    Name,
    Within,
    parse,
)
from wizard.core.messages import language_of
from wizard.core.views.markup import esc
from wizard.core.vocabulary import word, words
from wizard.site.wording import readable_date_in

# Operators by the name their word has in the vocabulary's [conditions] section (``number_gt``, ``date_le``...).
_OPERATORS = {">": "gt", ">=": "ge", "<": "lt", "<=": "le", "==": "eq", "!=": "ne"}
# A date formula's function -> the word that counts its unit (with plural forms); ``+`` and ``-`` count days.
_UNITS = {"add_days": "count_days", "add_working_days": "count_working_days", "add_months": "count_months"}


class _Describer:
    """Puts the formulas of one tree into words; every method returns None for a shape it does not know."""

    def __init__(self, tree: Mapping[str, Any]) -> None:
        self.tree = tree
        self.nodes: dict[str, Any] = tree.get("nodes", {})
        self.language = language_of(tree)

    def say(self, key: str, **values: object) -> str:
        return word(self.language, key, **values)

    def has(self, group: str, op: str) -> bool:
        """Whether the vocabulary has a word for ``op`` in ``group`` (``number``, ``date``, ``passed``)."""
        return op in _OPERATORS and f"{group}_{_OPERATORS[op]}" in words(self.language, "conditions")

    def quoted(self, text: object) -> str:
        return self.say("said_quote", text=esc(text))

    def counted(self, count: float, unit: str) -> str:
        """``count`` with its unit (``unit`` is a plural word of the vocabulary: ``count_days``...)."""
        return self.say(unit, count=f"{count:g}")

    def related(self, answer: str, group: str, op: str, value: str) -> str:
        """The answer, its relation and the value: "is more than 5", or "is 5" for equality."""
        if op == "==":
            return self.say("said_equal", answer=answer, value=value)
        return self.say("said_relation", answer=answer, relation=self.say(f"{group}_{_OPERATORS[op]}"), value=value)

    def question(self, node: Expr) -> Mapping[str, Any] | None:
        if isinstance(node, Name) and node.name in self.nodes:
            question: Mapping[str, Any] = self.nodes[node.name]
            if kinds.is_question(question):
                return question
        return None

    def answer_to(self, question: Mapping[str, Any]) -> str:
        template = "date_given" if kinds.answer_type(question) == TYPE_DATE else "answer_to"
        return self.say(template, question=self.quoted(question["question"]))

    def labels(self, question: Mapping[str, Any], keys: tuple[Expr, ...]) -> list[str] | None:
        by_key = {option["key"]: option["label"] for option in question.get("options") or []}
        found = [by_key.get(key.value) if isinstance(key, Literal) else None for key in keys]
        return None if any(label is None for label in found) else [self.quoted(label) for label in found]

    def condition(self, node: Expr) -> str | None:
        if isinstance(node, Binary) and node.op in ("and", "or"):
            parts = self.joined(node, node.op)
            return None if parts is None else self.say(f"join_{node.op}").join(parts)
        if isinstance(node, Member):
            return self.chosen(node.item, node.choices, negated=node.negated)
        if isinstance(node, Within):
            return self.ticked(node)
        if isinstance(node, Binary) and (node.op == "==" or self.has("number", node.op)):
            return self.comparison(node)
        return None

    def joined(self, node: Expr, op: str) -> list[str] | None:
        """The words of each side of a chain of the same ``and`` or ``or``."""
        if isinstance(node, Binary) and node.op == op:
            left, right = self.joined(node.left, op), self.joined(node.right, op)
            return None if left is None or right is None else left + right
        if isinstance(node, Binary) and node.op in ("and", "or"):
            return None  # the other of the two, nested: words cannot show the brackets
        words = self.condition(node)
        return None if words is None else [words]

    def chosen(self, item: Expr, keys: tuple[Expr, ...], *, negated: bool) -> str | None:
        question = self.question(item)
        if question is None or not kinds.has_options(question):
            return None
        labels = self.labels(question, keys)
        if not labels:
            return None
        return self.say("not_chosen" if negated else "chosen", labels=self.say("label_or").join(labels),
                        question=self.quoted(question["question"]))

    def ticked(self, node: Within) -> str | None:
        """``'dated' in details``: "you ticked “The date” for “Which of these…?”" (or did not)."""
        question = self.question(node.ticked)
        # `'key' in question` reads a set of keys: only a question whose answer formulas see as one.
        labels = (self.labels(question, (node.item,)) if question is not None
                  and kinds.answer_type(question) == TYPE_SET else None)
        if question is None or not labels:
            return None
        return self.say("not_ticked" if node.negated else "ticked", labels=labels[0],
                        question=self.quoted(question["question"]))

    def comparison(self, node: Binary) -> str | None:
        passed = self.days_passed(node)
        if passed is not None:
            return passed
        question = self.question(node.left)
        if question is None:
            return None
        kind = kinds.answer_type(question)
        if kinds.has_options(question) and node.op in ("==", "!="):
            return self.chosen(node.left, (node.right,), negated=node.op == "!=")
        right = node.right
        if kind == TYPE_NUMBER and isinstance(right, Literal) and isinstance(right.value, (int, float)):
            value = f"{right.value:g}" + (f" {question['unit']}" if question.get("unit") else "")
            return self.related(self.answer_to(question), "number", node.op, esc(value))
        if kind == TYPE_DATE:
            day = self.date_literal(right)
            if day is not None:
                return self.related(self.answer_to(question), "date", node.op, day)
        return None

    def days_passed(self, node: Binary) -> str | None:
        """``days_between(answer, today) <= n`` or ``today - answer <= n``."""
        since: Expr | None = None
        left = node.left
        if isinstance(left, Call) and left.name == "days_between" and len(left.args) == 2:
            if isinstance(left.args[1], Name) and left.args[1].name == "today":
                since = left.args[0]
        elif isinstance(left, Binary) and left.op == "-" and isinstance(left.left, Name) and left.left.name == "today":
            since = left.right
        right = node.right
        if since is None or not self.has("passed", node.op) or not isinstance(right, Literal):
            return None
        question = self.question(since)
        if question is None or kinds.answer_type(question) != TYPE_DATE or not isinstance(right.value, (int, float)):
            return None
        return self.say("said_passed", relation=self.say(f"passed_{_OPERATORS[node.op]}"),
                        count=self.counted(right.value, "count_days_passed"), answer=self.answer_to(question))

    def date_literal(self, node: Expr) -> str | None:
        if isinstance(node, Call) and node.name == "date" and len(node.args) == 1:
            argument = node.args[0]
            if isinstance(argument, Literal) and isinstance(argument.value, str):
                return esc(readable_date_in(self.tree, argument.value))
        return None

    def date(self, node: Expr) -> str | None:
        if isinstance(node, Binary) and node.op in ("+", "-"):
            start, count, unit = node.left, node.right, "count_days"
        elif isinstance(node, Call) and node.name in _UNITS and len(node.args) == 2:
            start, count = node.args
            unit = _UNITS[node.name]
        else:
            return None
        question = self.question(start)
        if question is None or kinds.answer_type(question) != TYPE_DATE:
            return None
        if not isinstance(count, Literal) or not isinstance(count.value, (int, float)) or count.value < 0:
            return None
        if count.value == 0:
            return self.answer_to(question)
        side = "said_before" if isinstance(node, Binary) and node.op == "-" else "said_after"
        return self.say(side, count=self.counted(count.value, unit), answer=self.answer_to(question))


def _parsed(source: object) -> Expr | None:
    try:
        return parse(str(source))
    except ExprError:
        return None  # the checker has reported it; the page just cannot describe it


def describe_condition(tree: Mapping[str, Any], source: str) -> str | None:
    """A condition of ``tree`` as words that follow "if" or "only if", in HTML; None if it has no simple form."""
    node = _parsed(source)
    return None if node is None else _Describer(tree).condition(node)


def describe_date(tree: Mapping[str, Any], source: str) -> str | None:
    """A deadline's date formula as words ("3 days after the date you gave for …"), in HTML; or None."""
    node = _parsed(source)
    return None if node is None else _Describer(tree).date(node)
