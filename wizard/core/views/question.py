"""A question as the wizard's form: choice and yes/no as radios, checkbox as boxes, a number's field, a date's
three fields.

The same HTML whether the site build writes it (the first question, inert in a ``<template>``) or the worker
sends it (every later question, and a question shown again with the engine's error). What the reader typed or
chose is put back by the browser script, which keeps it: the HTML depends on the question and the error only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from wizard.core import expr, kinds
from wizard.core.readers import BOX_SEPARATOR
from wizard.core.views.markup import esc, joined_ids, tag, text_tag
from wizard.core.views.phrases import say
from wizard.core.vocabulary import word


def date_parts(language: str) -> list[str]:
    """Day, month and year in the order the language writes a date."""
    return word(language, "date_parts").split()


def input_id(node_id: str, name: object) -> str:
    """The id of one input of a question's form: ``rc-NODE-NAME``, named by an option's or box's key, a date's
    part (day, month, year), or ``answer`` for a number's one field."""
    return f"rc-{node_id}-{name}"


def field_id(node_id: str, question: Mapping[str, Any], language: str, wrong: Sequence[str] = ()) -> str:
    """The id of the field an error summary's link leads to: the question's first field, or for a date the first
    of its ``wrong`` parts (all when none is named), in the order the language writes them."""
    if kinds.answer_type(question) == expr.TYPE_DATE:
        return input_id(node_id, _wrong_parts(language, wrong)[0])
    if (kinds.has_options(question) or kinds.has_boxes(question)) and question.get("options"):
        return input_id(node_id, question["options"][0]["key"])
    return input_id(node_id, "answer")


def _radios(node_id: str, question: Mapping[str, Any]) -> str:
    radios = []
    for option in kinds.options_of(question):
        radio_id = input_id(node_id, option["key"])
        radios.append(tag(
            "div", {"class": "rc-radio"},
            tag("input", {"class": "rc-radio__input", "type": "radio", "name": "answer", "id": radio_id,
                          "value": option["key"]}),
            text_tag("label", {"class": "rc-radio__label", "for": radio_id}, option["label"])))
    return tag("div", {"class": "rc-radios"}, *radios)


def _boxes(node_id: str, question: Mapping[str, Any], language: str) -> str:
    """GOV.UK's checkboxes: each box's hint tied to it, an exclusive box ("None of these") after an "or"."""
    items = []
    for box in question["options"]:
        box_id = input_id(node_id, box["key"])
        hint_id = f"{box_id}-hint" if box.get("hint") else None
        if box.get("exclusive"):
            items.append(text_tag("p", {"class": "rc-checkbox__or"}, word(language, "tick_or")))
        items.append(tag(
            "div", {"class": "rc-radio rc-checkbox"},
            tag("input", {"class": "rc-radio__input", "type": "checkbox", "name": "answer", "id": box_id,
                          "value": box["key"], "aria-describedby": hint_id,
                          "data-rc-exclusive": True if box.get("exclusive") else None}),
            tag("div", {"class": "rc-checkbox__text"},
                text_tag("label", {"class": "rc-radio__label", "for": box_id}, box["label"]),
                text_tag("p", {"class": "rc-hint rc-checkbox__hint", "id": hint_id}, box["hint"]) if hint_id
                else None)))
    return tag("div", {"class": "rc-radios rc-checkboxes"}, *items)


def _field_class(error_id: str | None) -> str:
    return "rc-field rc-field--error" if error_id else "rc-field"


def _wrong_parts(language: str, wrong: Sequence[str]) -> list[str]:
    """A date's parts at fault, in the language's order: those the engine named, or every part."""
    return [part for part in date_parts(language) if part in wrong] or date_parts(language)


def _number(node_id: str, question: Mapping[str, Any], language: str, error_id: str | None) -> str:
    # Phones show digits only for a whole number; a number that may have decimals needs the decimal point.
    field = input_id(node_id, "answer")
    unit = question.get("unit")
    label = word(language, "your_answer_unit", unit=unit) if unit else word(language, "your_answer")
    return tag(
        "div", {"class": _field_class(error_id)},
        text_tag("label", {"class": "rc-label", "for": field}, label),
        tag("input", {"class": "rc-input rc-input--number rc-input--error" if error_id else "rc-input rc-input--number",
                      "id": field, "name": "answer", "autocomplete": "off",
                      "type": "text", "inputmode": "decimal" if question.get("integer") is False else "numeric",
                      "aria-describedby": error_id, "aria-invalid": "true" if error_id else None}),
        # The label already says the unit: screen readers would hear it twice.
        " " + text_tag("span", {"class": "rc-unit", "aria-hidden": "true"}, unit) if unit else None)


def _date(node_id: str, language: str, error_id: str | None, wrong: Sequence[str]) -> str:
    """Day, month and year as three labelled fields (GOV.UK's date input), in the language's order; with an error,
    only the parts at fault are marked (all of them when the date is wrong as a whole)."""
    hint = f"rc-hint-{node_id}"
    marked = set(_wrong_parts(language, wrong)) if error_id else set()
    fields = []
    for part in date_parts(language):
        field = input_id(node_id, part)
        fields.append(tag(
            "div", {"class": f"rc-date__item rc-date__item--{part}"},
            text_tag("label", {"class": "rc-label rc-date__label", "for": field}, word(language, f"date_label_{part}")),
            tag("input", {"class": f"rc-input rc-date__input rc-date__input--{part}"
                                   + (" rc-input--error" if part in marked else ""),
                          "id": field, "type": "text",
                          "name": f"answer-{part}", "data-rc-part": part, "inputmode": "numeric",
                          "autocomplete": "off", "maxlength": 4 if part == "year" else 2,
                          "aria-describedby": joined_ids(hint, error_id),
                          "aria-invalid": "true" if part in marked else None})))
    return tag("div", {"class": _field_class(error_id)},
               text_tag("p", {"class": "rc-hint", "id": hint}, word(language, "date_hint")),
               tag("div", {"class": "rc-date"}, *fields))


def _help(question: Mapping[str, Any], help_id: str) -> str | None:
    if not question.get("help"):
        return None
    rendered = question.get("help_html")
    # The site renders help's Markdown (help_html); a tree without it (the playground's) shows the text.
    body = rendered if rendered and isinstance(rendered, str) else text_tag("p", {}, question["help"])
    return tag("div", {"class": "rc-help", "id": help_id}, body)


def question_form(node_id: str, question: Mapping[str, Any], language: str, error: str | None = None,
                  wrong: Sequence[str] = ()) -> str:
    """The form of one question, with the engine's ``error`` for the answer given (plain text) if any, and the
    parts of the answer at fault (``wrong``: a date's day, month or year; none for the whole answer).

    No action: the form only ever exists once the wizard's script has put it on the page, and the script answers
    every submit itself (the security policy's ``form-action 'none'`` stops any other).
    """
    help_id = f"rc-help-{node_id}"
    error_id = f"rc-error-{node_id}" if error else None
    tick_hint = f"rc-tick-{node_id}" if kinds.has_boxes(question) else None
    if kinds.has_options(question):
        answer = _radios(node_id, question)
    elif tick_hint:
        answer = tag("div", {}, text_tag("p", {"class": "rc-hint", "id": tick_hint},
                                         word(language, "tick_all_that_apply")),
                     _boxes(node_id, question, language))
    elif kinds.answer_type(question) == expr.TYPE_DATE:
        answer = _date(node_id, language, error_id, wrong)
    else:
        answer = _number(node_id, question, language, error_id)
    message = tag("p", {"class": "rc-error-message", "id": error_id},
                  text_tag("span", {"class": "rc-visually-hidden"}, word(language, "error_prefix")),
                  esc(error)) if error else None
    fieldset = tag(
        "fieldset", {"class": "rc-fieldset",
                     "aria-describedby": joined_ids(help_id if question.get("help") else None, tick_hint,
                                                    error_id)},
        text_tag("legend", {"class": "rc-legend", "tabindex": "-1"}, question["question"]),
        _help(question, help_id), message, answer)
    return tag("form", {"class": "rc-question rc-question--error" if error else "rc-question", "data-node": node_id,
                        "novalidate": True},
               fieldset,
               tag("button", {"type": "submit", "class": "md-button md-button--primary rc-continue"},
                   say(language, "continue")))


def answers_listed(question: Mapping[str, Any], language: str) -> tuple[str, str] | None:
    """For the page without the wizard ("All answers"): what to do and the answers listed, as HTML, for a question
    whose answers are neither links nor typed (a checkbox question's boxes, each with its hint, an exclusive box
    after "or"); None for other questions."""
    if not kinds.has_boxes(question):
        return None
    lists: dict[bool, list[str]] = {False: [], True: []}
    for box in question["options"]:
        hint = " " + text_tag("span", {"class": "rc-because"}, box["hint"]) if box.get("hint") else None
        lists[bool(box.get("exclusive"))].append(tag("li", {}, esc(box["label"]), hint))
    alone = (text_tag("p", {"class": "rc-prompt"}, word(language, "tick_or"))
             + tag("ul", {"class": "rc-boxes"}, *lists[True])) if lists[True] else ""
    return esc(word(language, "tick_all_that_apply")), tag("ul", {"class": "rc-boxes"}, *lists[False]) + alone


def typed_into_form(node_id: str, question: Mapping[str, Any], typed: str) -> list[tuple[str, str | bool]]:
    """How a reader puts an answer, written as examples write it, into this question's form: each field's id with
    the text to type, or whether to tick it (a radio, a box), in the order a reader fills them. Tests and
    benchmarks drive the browser with it (``wizard.browser.answer_fields``)."""
    if kinds.has_options(question):
        return [(input_id(node_id, typed), True)]
    if kinds.has_boxes(question):
        ticked = {key.strip() for key in typed.split(BOX_SEPARATOR)}
        return [(input_id(node_id, key), key in ticked) for key in kinds.option_keys(question)]
    if kinds.answer_type(question) == expr.TYPE_DATE:
        parts = typed.split("-")
        year, month, day = parts if len(parts) == 3 else (typed, "", "")
        # Day and month typed without leading zeros, as people do.
        return [(input_id(node_id, name), part.lstrip("0") if name != "year" else part)
                for name, part in (("year", year), ("month", month), ("day", day))]
    return [(input_id(node_id, "answer"), typed)]


def error_summary(node_id: str, question: Mapping[str, Any], language: str, error: str,
                  wrong: Sequence[str] = ()) -> str:
    """GOV.UK's error summary above the form: the problem, linked to the field to fix (the first of the parts
    at fault, ``wrong``)."""
    field = field_id(node_id, question, language, wrong)
    return tag(
        "div", {"class": "rc-error-summary", "role": "alert", "tabindex": "-1",
                "aria-labelledby": "rc-error-summary-title"},
        text_tag("h2", {"class": "rc-error-summary__title", "id": "rc-error-summary-title"}, word(language, "problem")),
        tag("ul", {"class": "rc-error-summary__list"},
            tag("li", {}, text_tag("a", {"href": f"#{field}", "data-rc-field": field}, error))))


def progress(number: int, remaining: int, language: str) -> str:
    """"Question 3" and a bar of the answered questions out of the most there can be."""
    answered = number - 1
    return tag(
        "div", {"class": "rc-progress"},
        text_tag("p", {"class": "rc-progress__label", "id": "rc-progress-label"},
                 word(language, "question_number", number=number)),
        tag("progress", {"class": "rc-progress__bar", "max": max(answered + remaining, 1), "value": answered,
                         "aria-labelledby": "rc-progress-label",
                         "title": word(language, "progress_title", answered=answered, remaining=remaining)}))
