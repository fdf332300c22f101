"""How each kind of answer is read: from what a reader typed to the value formulas use, the text kept in links
and the text shown back (standard library only; the registry in ``wizard.core.kinds`` names a reader per kind).

A reader raises ``AnswerError`` with a message for the reader, in the tree's language, when an answer does not
fit its question.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import Any

from wizard.core.messages import format_date, format_parts, message

# What a reader returns: the typed value used in formulas, the normalised text kept in links and the shown text.
Reading = tuple[object, str, str]

_NUMBER_RE = re.compile(r"^[-+]?(\d{1,15}(\.\d{1,10})?|\.\d{1,10})$")
# A date as the wizard's three fields send it (year-month-day, each as typed, without padding) or as links and
# examples write it (YYYY-MM-DD): three parts, so that each can be judged on its own.
_DATE_PARTS_RE = re.compile(r"^([^-]*)-([^-]*)-([^-]*)$")
_DIGITS_RE = re.compile(r"^\d{1,4}$")
# Commas are refused, not guessed at: "1,5" is one and a half in much of the world and fifteen in Python's
# reading of "1,500"; a reader asked to write it again loses a moment, a reader misread loses a deadline.
_COMMAS = (",", "，")
_YES = {"yes", "true", "y"}
_NO = {"no", "false", "n"}


class AnswerError(ValueError):
    """An answer that does not fit its question; ``args[0]`` is the message for the reader.

    ``key`` names the rule that refused it (a key of ``wizard.core.messages``) and ``values`` fill that message,
    so that tools (the checker, for a tree's examples) can say why in their own words. ``parts`` names the parts
    of the answer at fault (a date's ``day``, ``month``, ``year``), so that the form marks only those, as GOV.UK's
    date input does; none when the answer is wrong as a whole.
    """

    def __init__(self, language: str, key: str, *, parts: tuple[str, ...] = (), **values: object) -> None:
        super().__init__(message(language, key, **values))
        self.key = key
        self.values = values
        self.parts = parts


def answer_text(raw: object) -> str:
    """The answer as the text a reader would have typed; a value with no readable text counts as no answer."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "yes" if raw else "no"
    try:
        return str(raw).strip()
    except (ValueError, RecursionError):
        # An integer too long to write out (Python refuses past 4300 digits) or a value nested too deeply.
        return ""


def read_choice(node: Mapping[str, Any], text: str, today: datetime.date, language: str) -> Reading:
    """One of the listed options, by its key."""
    for option in node["options"]:
        if option["key"] == text:
            return text, text, str(option["label"])
    raise AnswerError(language, "select_option")


# Ticked boxes are written as their keys joined by commas, in the order shown: keys are snake_case, never a comma.
BOX_SEPARATOR = ","


def read_checkbox(node: Mapping[str, Any], text: str, today: datetime.date, language: str) -> Reading:
    """Any set of the listed boxes, as their keys joined by commas (in any order, spaces allowed); an
    ``exclusive`` box ("None of these") only on its own; none at all only when the question is ``optional``."""
    boxes = {box["key"]: box for box in node["options"]}
    ticked = {part.strip() for part in text.split(BOX_SEPARATOR)} - {""}
    if not ticked <= boxes.keys():
        raise AnswerError(language, "tick_listed")
    exclusive = [box for box in node["options"] if box.get("exclusive")]
    if any(box["key"] in ticked for box in exclusive) and len(ticked) > 1:
        raise AnswerError(language, "tick_alone", none=exclusive[0]["label"])
    if not ticked and exclusive:
        raise AnswerError(language, "tick_some_or_none", none=exclusive[0]["label"])
    if not ticked and not node.get("optional"):
        raise AnswerError(language, "tick_some")
    shown = [box for box in node["options"] if box["key"] in ticked]
    normal = BOX_SEPARATOR.join(box["key"] for box in shown)
    labels = message(language, "ticked_join").join(str(box["label"]) for box in shown)
    return frozenset(ticked), normal, labels or message(language, "ticked_nothing")


def box_sets(boxes: list[tuple[str, bool]], optional: bool, most: int) -> tuple[str, ...]:
    """The answers (as typed) a checkbox question with ``boxes`` (key, exclusive) accepts: every set while there
    are at most ``most`` ordinary boxes, else each box alone, all but each one, all and none (see
    ``wizard.core.kinds.answers_worth_trying``)."""
    ordinary = [key for key, exclusive in boxes if not exclusive]
    alone = [key for key, exclusive in boxes if exclusive]
    if len(ordinary) <= most:
        sets = [[key for index, key in enumerate(ordinary) if mask >> index & 1]
                for mask in range(1, 2 ** len(ordinary))]
    else:
        sets = [[key] for key in ordinary] + [[k for k in ordinary if k != key] for key in ordinary] + [ordinary]
    found = [BOX_SEPARATOR.join(keys) for keys in sets] + alone
    if optional and not alone:
        found.append("")
    return tuple(dict.fromkeys(found))


def read_yes_no(node: Mapping[str, Any], text: str, today: datetime.date, language: str) -> Reading:
    """Yes or no, in any case (also ``true``/``false``, ``y``/``n``), shown with the option's label."""
    lowered = text.lower()
    labels = {o["key"]: o["label"] for o in node["options"]}
    if lowered in _YES:
        return "yes", "yes", str(labels.get("yes", message(language, "yes")))
    if lowered in _NO:
        return "no", "no", str(labels.get("no", message(language, "no")))
    raise AnswerError(language, "select_yes_no")


def read_number(node: Mapping[str, Any], text: str, today: datetime.date, language: str) -> Reading:
    """A number in digits (no commas), whole unless ``integer`` is false, within ``min`` and ``max``."""
    unit = node.get("unit")
    # Spaces group digits and never mark a decimal, so every kind is dropped: copied from a page or typed on a
    # phone set to French or Russian, thousands are grouped with a no-break or a narrow no-break space.
    cleaned = "".join(text.split())
    if not cleaned:
        raise AnswerError(language, "enter_number")
    if any(comma in cleaned for comma in _COMMAS):
        raise AnswerError(language, "number_comma")
    if not _NUMBER_RE.match(cleaned):
        shown_unit = message(language, "number_unit", unit=unit) if unit else ""
        raise AnswerError(language, "number_digits", unit=shown_unit)
    number = float(cleaned)
    integer = node.get("integer", True)
    if integer and not number.is_integer():
        raise AnswerError(language, "number_whole")
    value: int | float = int(number) if number.is_integer() else number
    low, high = node.get("min"), node.get("max")
    suffix = f" {unit}" if unit else ""
    if low is not None and value < low:
        raise AnswerError(language, "number_min", low=_num(low), unit=suffix)
    if high is not None and value > high:
        raise AnswerError(language, "number_max", high=_num(high), unit=suffix)
    shown = f"{_num(value)}{suffix}"
    return value, _num(value), shown


def read_date(node: Mapping[str, Any], text: str, today: datetime.date, language: str) -> Reading:
    """A real date written year-month-day, within ``min`` and ``max`` (either may be ``today``)."""
    value = _parse_date(text, language)
    low = _bound(node.get("min"), today)
    high = _bound(node.get("max"), today)
    if low is not None and value < low:
        raise AnswerError(language, "date_min", low=format_date(low, language))
    if high is not None and value > high:
        if node.get("max") == "today":
            raise AnswerError(language, "date_future")
        raise AnswerError(language, "date_max", high=format_date(high, language))
    return value, value.isoformat(), format_date(value, language)


def _parse_date(text: str, language: str) -> datetime.date:
    """The date in ``year-month-day`` (parts as typed), or the message that says which part is wrong."""
    parts = _DATE_PARTS_RE.match(text)
    if not text or (parts and not any(part.strip() for part in parts.groups())):
        raise AnswerError(language, "enter_date")
    if not parts:
        raise AnswerError(language, "date_format")
    year, month, day = (part.strip() for part in parts.groups())
    typed = {"day": day, "month": month, "year": year}
    for name, part in typed.items():
        if not part:
            raise AnswerError(language, "date_missing", part=message(language, f"part_{name}"), parts=(name,))
    not_digits = tuple(name for name, part in typed.items() if not _DIGITS_RE.match(part))
    if not_digits:
        raise AnswerError(language, "date_digits", parts=not_digits)
    # A year typed with a leading zero (0026) is a short year padded, not one of the first millennium.
    if len(year) != 4 or year.startswith("0"):
        raise AnswerError(language, "date_year", parts=("year",))
    if not 1 <= int(month) <= 12:
        raise AnswerError(language, "date_month", parts=("month",))
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        # No such day (31 February): the date as a whole is wrong, as GOV.UK marks it.
        raise AnswerError(language, "date_real", date=format_parts(int(year), int(month), int(day), language)) from None


def number_samples(node: Mapping[str, Any], today: datetime.date) -> tuple[str, ...]:
    """Numbers worth typing into a number question when no reader chose them (a rehearsal, see
    ``wizard.core.rehearsal``): its bounds first, which it accepts, then a few common ones."""
    bounds = (node.get("min"), node.get("max"))
    found = [_num(bound) for bound in bounds if isinstance(bound, (int, float)) and not isinstance(bound, bool)]
    return tuple(dict.fromkeys([*found, "1", "0", "100"]))


def date_samples(node: Mapping[str, Any], today: datetime.date) -> tuple[str, ...]:
    """Dates worth typing into a date question when no reader chose them: its bounds (``min``, ``max``, which may
    be ``today``), then today, a month and a year and a half ago, and a month ahead."""
    try:
        bounds = [_bound(node.get("min"), today), _bound(node.get("max"), today)]
    except ValueError:  # a damaged bound: the reader will be told, the samples need not be
        bounds = []
    others = (today, today - datetime.timedelta(days=30), today - datetime.timedelta(days=550),
              today + datetime.timedelta(days=30))
    return tuple(dict.fromkeys(day.isoformat() for day in (*bounds, *others) if day is not None))


def _bound(value: object, today: datetime.date) -> datetime.date | None:
    if value is None:
        return None
    if value == "today":
        return today
    return datetime.date.fromisoformat(str(value))


def _num(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# What each kind of answer tells the tools besides its reading: editors' words, the terminal's prompt ----------
# (the registry names these per kind in ``wizard.core.kinds``; every tool asks it, never a kind by name).

# Why a reader refused an answer, in an editor's words (the checker speaks English), by the key of the reader's
# message: (reason after "which ...", hint). ``{low}``, ``{high}``, ``{unit}`` and ``{none}`` come from the
# refusal; ``{options}``, ``{min}`` and ``{max}`` from the question (``wizard.example_checks`` fills them).
_NOT_A_NUMBER = ("is not a number", "Write digits, like 12 or 2.5.")
_NOT_A_DATE = ("is not a date", "Write it as YYYY-MM-DD, like 2026-11-22.")
REFUSALS: dict[str, tuple[str, str]] = {
    "select_option": ("is not one of its options", "Use one of: {options}."),
    "select_yes_no": ("is not yes or no", "Answer `yes` or `no`."),
    "no_answer_here": ("is given to a step that asks nothing", "Remove the answer."),
    "tick_listed": ("names a box the question does not have", "Use the keys of its boxes, separated by commas: "
                    "{options}."),
    "tick_alone": ("ticks “{none}” with other boxes, which the wizard refuses", "Tick “{none}” on its own, or "
                   "leave it out."),
    "tick_some": ("ticks no box, and the question is not `optional`", "Tick at least one box, or add "
                  "`optional: true` to the question."),
    "tick_some_or_none": ("ticks no box", "Tick at least one box, or “{none}”."),
    "enter_number": _NOT_A_NUMBER,
    "number_digits": _NOT_A_NUMBER,
    "number_comma": ("has a comma, which the wizard refuses as ambiguous", "Write digits without commas, like 1500."),
    "number_whole": ("is not a whole number, and the question takes whole numbers only",
                     "Give a whole number, or set `integer: false` on the question."),
    "number_min": ("is below the question's `min` ({low}{unit})", "Give an answer the question accepts."),
    "number_max": ("is above the question's `max` ({high}{unit})", "Give an answer the question accepts."),
    "enter_date": _NOT_A_DATE,
    "date_format": _NOT_A_DATE,
    "date_missing": _NOT_A_DATE,
    "date_digits": _NOT_A_DATE,
    "date_year": _NOT_A_DATE,
    "date_month": ("is not a real date", "Check the month and the day."),
    "date_real": ("is not a real date", "Check the month and the day."),
    "date_min": ("is before the question's `min` ({min})", "Give a date the question accepts."),
    "date_max": ("is after the question's `max` ({max})", "Give a date the question accepts."),
    "date_future": ("is after the question's `max` ({max})", "Give a date the question accepts."),
}

# A problem a question's own fields make, for the checker: (path inside the node, message, hint).
Problem = tuple[tuple[str | int, ...], str, str]


def box_problems(nid: str, node: Mapping[str, Any]) -> list[Problem]:
    """A checkbox question (loaded) has at most one exclusive box, and is not also `optional` (a reader ticks it)."""
    exclusive = [key for key, box in (node.get("options") or {}).items() if box.get("exclusive")]
    if len(exclusive) > 1:
        return [(("options", exclusive[1], "exclusive"), f"checkbox question `{nid}` has two exclusive boxes, "
                 f"`{exclusive[0]}` and `{exclusive[1]}`.",
                 "Keep one box like “None of these” with `exclusive: true`.")]
    if exclusive and node.get("optional"):
        return [(("optional",), f"checkbox question `{nid}` is `optional` and has the exclusive box "
                 f"`{exclusive[0]}`: a reader with nothing to tick ticks that box.",
                 "Remove `optional: true`, or the exclusive box.")]
    return []


def written(value: object) -> str:
    """A value formulas see for an answer, as an example writes the answer (for the checker's messages)."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, frozenset):  # a checkbox question's boxes, as an example writes them
        return ", ".join(sorted(str(key) for key in value)) or "nothing ticked"
    return str(value)


# How the terminal (``wizard run``) asks each kind of question, below its text: lines, unescaped.

def options_prompt(node: Mapping[str, Any]) -> list[str]:
    """A choice's or yes/no question's options, numbered, each with the key to type."""
    return [f"  {i}. {o['label']}  [{o['key']}]" for i, o in enumerate(node["options"], 1)]


def boxes_prompt(node: Mapping[str, Any]) -> list[str]:
    """A checkbox question's boxes, each with its key, and how to type several."""
    return [*(f"  [{o['key']}] {o['label']}" for o in node["options"]),
            "  (the keys of all that apply, separated by commas)"]


def number_prompt(node: Mapping[str, Any]) -> list[str]:
    """What a number question takes, with its unit."""
    return [f"  (a number{' of ' + node['unit'] if node.get('unit') else ''})"]


def date_prompt(node: Mapping[str, Any]) -> list[str]:
    """How to write a date."""
    return ["  (a date, YYYY-MM-DD)"]
