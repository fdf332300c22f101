"""The wizard's body for one result of ``step``: what the worker sends to the page after each answer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wizard.core import kinds
from wizard.core.contracts import PageStep
from wizard.core.views.answers import answers_so_far, restart_button
from wizard.core.views.markup import esc, tag, text_tag
from wizard.core.views.outcome import OutcomeContext, outcome_section
from wizard.core.views.phrases import say, sentence
from wizard.core.views.question import error_summary, progress, question_form
from wizard.core.vocabulary import word

NOTES = ("stale",)


def back_button(language: str) -> str:
    """"Back", to the question before."""
    return tag("button", {"type": "button", "class": "rc-linkbutton rc-back", "data-rc-action": "back"},
               say(language, "back"))


def _question(result: Mapping[str, Any], language: str) -> str:
    node, question = result["node"], result["question"]
    refused = result.get("error") or {}
    error, wrong = refused.get("message"), refused.get("parts") or ()
    return "".join(part for part in (
        error_summary(node, question, language, error, wrong) if error else None,
        progress(result["progress"]["number"], result["progress"]["remaining"], language),
        question_form(node, question, language, error, wrong),
        answers_so_far(result["steps"], "your_answers_so_far", "h2", language) if result["steps"] else None,
    ) if part)


def _engine_error(result: Mapping[str, Any], language: str) -> str:
    message = sentence(result.get("message") or word(language, "engine_error_default"), language)
    return tag("p", {"class": "rc-wizard__error", "tabindex": "-1"},
               esc(message + word(language, "engine_error_before")),
               text_tag("a", {"href": "#all-answers"}, word(language, "all_answers")),
               say(language, "engine_error_after")) + restart_button(language)


def render_view(tree: Mapping[str, Any], result: Mapping[str, Any], *, share_url: str, note: str = "") -> str:
    """The wizard's body (everything but its live status region) for ``result``, in the tree's language.

    ``share_url`` is the page's address with the answers in its fragment, put in the calendar files of a result's
    deadlines (a screen without deadlines names no address: the browser adds its own to the printed line), and
    ``note`` ``"stale"`` when a link's answers no longer fit the procedure and the wizard started again. The day
    is the result's: the engine worked out its dates and the days left.
    """
    language = str(result.get("language") or "en")
    head = "".join(part for part in (
        text_tag("p", {"class": "rc-note"}, word(language, "stale_note")) if note in NOTES else None,
        back_button(language) if result.get("steps") else None,
    ) if part)
    if result.get("state") == "question":
        return head + _question(result, language)
    if result.get("state") == "outcome":
        outcome = result["outcome"]
        context = OutcomeContext(language=language, procedure=str(tree.get("title") or ""),
                                 slug=str(tree.get("slug") or "deadline"), share_url=share_url,
                                 verdict=str(outcome.get("verdict") or ""))
        return head + outcome_section(result, context)
    return head + _engine_error(result, language)


def page_step(result: Mapping[str, Any]) -> PageStep:
    """What the page reads of ``result`` (a result of ``step``), sent beside the screen's HTML; see ``PageStep``."""
    question = result.get("question")
    return {
        "state": result["state"],
        "node": result["node"],
        "error": result.get("error"),
        "steps": [{"node": item["node"], "answer": item["answer"]} for item in result.get("steps") or ()],
        "answers": dict(result.get("answers") or {}),
        "ahead": list(kinds.answers_ahead(question)) if result["state"] == "question" and question else [],
    }
