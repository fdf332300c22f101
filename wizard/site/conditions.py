"""Conditions and date formulas of a tree in words, for the readers of the static page.

Without JavaScript nobody works out a condition for the reader, so the page says what it checks: "you
answered “By phone” to “How did you complain?”" reads better than ``channel == 'phone'``, whose ids readers
never see anywhere else. Only the shapes editors write most are put into words:

- an answer compared with option keys (``==``, ``!=``, ``in [...]``, ``not in``), with a number, or with a
  date written ``date('2026-01-01')``;
- the days since a date answer: ``days_between(received, today) <= 3`` or ``today - received <= 3``;
- ``and`` of those, or ``or`` of those (never the two mixed, which words would make ambiguous);
- a date: ``received + 3``, ``add_days``, ``add_working_days`` and ``add_months`` of a date answer.

Anything else gives None, and the page falls back to the editor's reason or a general sentence. The text
returned is HTML, escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from wizard.core import kinds
from wizard.core.expr import TYPE_DATE, TYPE_NUMBER, Binary, Call, Expr, ExprError, Literal, Member, Name, parse
from wizard.core.messages import language_of
from wizard.site.text import esc
from wizard.site.wording import readable_date_in


@dataclass(frozen=True)
class _Phrases:
    """How one language puts the pieces of a condition together (every template is filled with HTML)."""

    number_words: dict[str, str]  # relation of an answer to a number
    date_words: dict[str, str]  # relation of a date answer to a date
    days_passed: dict[str, str]  # relation of the days since a date answer to a count
    units: dict[str, tuple[str, str]]  # date formula function -> (one, many)
    quote: str  # a question or label quoted: {text}
    answer_to: str  # {question}
    date_given: str  # {question}
    chosen: str  # {labels} {question}
    not_chosen: str  # {labels} {question}
    label_or: str
    joiners: dict[str, str]  # and / or between conditions
    relation: str  # {answer} {relation} {value}
    equal: str  # {answer} {value}, for == (a relation without a word)
    passed: str  # {relation} {count} {answer}
    count: str  # {count} {unit}
    after: str  # {count} {answer}
    before: str  # {count} {answer}


_ENGLISH = _Phrases(
    number_words={">": "more than", ">=": "at least", "<": "less than", "<=": "at most", "==": "", "!=": "not"},
    date_words={">": "after", ">=": "on or after", "<": "before", "<=": "on or before", "==": "", "!=": "not"},
    days_passed={">": "more than", ">=": "at least", "<": "fewer than", "<=": "at most", "==": "exactly"},
    units={"+": ("day", "days"), "add_days": ("day", "days"), "add_working_days": ("working day", "working days"),
           "add_months": ("month", "months"), "passed": ("day has", "days have")},
    quote="“{text}”",
    answer_to="your answer to {question}",
    date_given="the date you gave for {question}",
    chosen="you answered {labels} to {question}",
    not_chosen="you did not answer {labels} to {question}",
    label_or=" or ",
    joiners={"and": " and ", "or": " or "},
    relation="{answer} is {relation} {value}",
    equal="{answer} is {value}",
    passed="{relation} {count} passed since {answer}",
    count="{count} {unit}",
    after="{count} after {answer}",
    before="{count} before {answer}",
)

_CHINESE = _Phrases(
    number_words={">": "大于", ">=": "不小于", "<": "小于", "<=": "不大于", "==": "", "!=": "不是"},
    date_words={">": "晚于", ">=": "不早于", "<": "早于", "<=": "不晚于", "==": "", "!=": "不是"},
    days_passed={">": "超过", ">=": "至少", "<": "不到", "<=": "不超过", "==": "正好"},
    units={"+": ("天", "天"), "add_days": ("天", "天"), "add_working_days": ("个工作日", "个工作日"),
           "add_months": ("个月", "个月"), "passed": ("天", "天")},
    quote="“{text}”",
    answer_to="你对{question}的回答",
    date_given="你为{question}填写的日期",
    chosen="你对{question}的回答是{labels}",
    not_chosen="你对{question}的回答不是{labels}",
    label_or="或",
    joiners={"and": "，并且", "or": "，或者"},
    relation="{answer}{relation} {value}",
    equal="{answer}是 {value}",
    passed="从{answer}到今天{relation} {count}",
    count="{count} {unit}",
    after="{answer}之后 {count}",
    before="{answer}之前 {count}",
)

_PHRASES = {"en": _ENGLISH, "zh": _CHINESE}


def _plural(count: float, one: str, many: str) -> tuple[str, str]:
    return f"{count:g}", one if count == 1 else many


class _Describer:
    """Puts the formulas of one tree into words; every method returns None for a shape it does not know."""

    def __init__(self, tree: Mapping[str, Any]) -> None:
        self.tree = tree
        self.nodes: dict[str, Any] = tree.get("nodes", {})
        self.say = _PHRASES.get(language_of(tree), _ENGLISH)

    def quoted(self, text: object) -> str:
        return self.say.quote.format(text=esc(text))

    def counted(self, count: float, unit: str) -> str:
        number, word = _plural(count, *self.say.units[unit])
        return self.say.count.format(count=number, unit=word)

    def related(self, answer: str, relation: str, value: str) -> str:
        """The answer, its relation and the value: "is more than 5", or "is 5" for equality."""
        if relation:
            return self.say.relation.format(answer=answer, relation=relation, value=value)
        return self.say.equal.format(answer=answer, value=value)

    def question(self, node: Expr) -> Mapping[str, Any] | None:
        if isinstance(node, Name) and node.name in self.nodes:
            question: Mapping[str, Any] = self.nodes[node.name]
            if kinds.is_question(question):
                return question
        return None

    def answer_to(self, question: Mapping[str, Any]) -> str:
        template = self.say.date_given if kinds.answer_type(question) == TYPE_DATE else self.say.answer_to
        return template.format(question=self.quoted(question["question"]))

    def labels(self, question: Mapping[str, Any], keys: tuple[Expr, ...]) -> list[str] | None:
        by_key = {option["key"]: option["label"] for option in question.get("options") or []}
        found = [by_key.get(key.value) if isinstance(key, Literal) else None for key in keys]
        return None if any(label is None for label in found) else [self.quoted(label) for label in found]

    def condition(self, node: Expr) -> str | None:
        if isinstance(node, Binary) and node.op in ("and", "or"):
            parts = self.joined(node, node.op)
            return None if parts is None else self.say.joiners[node.op].join(parts)
        if isinstance(node, Member):
            return self.chosen(node.item, node.choices, negated=node.negated)
        if isinstance(node, Binary) and node.op in self.say.number_words:
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
        template = self.say.not_chosen if negated else self.say.chosen
        return template.format(labels=self.say.label_or.join(labels), question=self.quoted(question["question"]))

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
            return self.related(self.answer_to(question), self.say.number_words[node.op], esc(value))
        if kind == TYPE_DATE:
            day = self.date_literal(right)
            if day is not None:
                return self.related(self.answer_to(question), self.say.date_words[node.op], day)
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
        if since is None or node.op not in self.say.days_passed or not isinstance(right, Literal):
            return None
        question = self.question(since)
        if question is None or kinds.answer_type(question) != TYPE_DATE or not isinstance(right.value, (int, float)):
            return None
        return self.say.passed.format(relation=self.say.days_passed[node.op], count=self.counted(right.value, "passed"),
                                      answer=self.answer_to(question))

    def date_literal(self, node: Expr) -> str | None:
        if isinstance(node, Call) and node.name == "date" and len(node.args) == 1:
            argument = node.args[0]
            if isinstance(argument, Literal) and isinstance(argument.value, str):
                return esc(readable_date_in(self.tree, argument.value))
        return None

    def date(self, node: Expr) -> str | None:
        if isinstance(node, Binary) and node.op in ("+", "-"):
            start, count, unit = node.left, node.right, "+"
        elif isinstance(node, Call) and node.name in self.say.units and len(node.args) == 2:
            start, count = node.args
            unit = node.name
        else:
            return None
        question = self.question(start)
        if question is None or kinds.answer_type(question) != TYPE_DATE:
            return None
        if not isinstance(count, Literal) or not isinstance(count.value, (int, float)) or count.value < 0:
            return None
        if count.value == 0:
            return self.answer_to(question)
        side = self.say.before if isinstance(node, Binary) and node.op == "-" else self.say.after
        return side.format(count=self.counted(count.value, unit), answer=self.answer_to(question))


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
