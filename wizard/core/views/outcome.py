"""The outcome: the verdict, "why", the explanation, next steps, deadlines (with calendar files), the sources,
the reader's answers, and the print and copy-link actions."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from wizard.core.calendar_file import deadline_calendar
from wizard.core.views.answers import answers_so_far
from wizard.core.views.markup import esc, tag, text_tag, uri_component
from wizard.core.views.phrases import markdown_to_plain, readable_date, say, say_with, source_section
from wizard.core.views.why import why
from wizard.core.vocabulary import word

TONES = ("yes", "no", "maybe", "info")


def _html_or_text(element: str, attributes: Mapping[str, str], item: Mapping[str, Any], field: str) -> str:
    """``item[field]`` in an element: its rendered Markdown (``<field>_html``) when the site added it."""
    rendered = item.get(f"{field}_html")
    if rendered and isinstance(rendered, str):
        return tag(element, attributes, rendered)
    return text_tag(element, attributes, item.get(field) or "")


def _calendar_link(deadline: Mapping[str, Any], context: OutcomeContext) -> str:
    """"Add to calendar": the .ics file, made here, carried in a data: address (nothing is fetched or sent)."""
    ics = deadline_calendar(procedure=context.procedure, label=deadline["label"],
                            due=datetime.date.fromisoformat(deadline["date"]), details=context.verdict,
                            url=context.share_url)
    data = uri_component(ics)
    return " " + tag("a", {"class": "rc-calendar", "href": f"data:text/calendar;charset=utf-8,{data}",
                           "download": f"{context.slug}-{deadline['id']}.ics"},
                     say(context.language, "add_to_calendar"),
                     text_tag("span", {"class": "rc-visually-hidden"},
                              word(context.language, "calendar_hidden", label=deadline["label"])))


def _deadline(deadline: Mapping[str, Any], context: OutcomeContext) -> str:
    language = context.language
    passed = deadline["days_left"] < 0
    afterwards = None
    if passed and deadline.get("passed_html"):
        afterwards = tag("div", {"class": "rc-deadline__passed"}, deadline["passed_html"])
    elif passed and deadline.get("passed_text"):
        afterwards = tag("div", {"class": "rc-deadline__passed"},
                         text_tag("p", {}, markdown_to_plain(str(deadline["passed_text"]))))
    return tag(
        "li", {"class": "rc-deadline rc-deadline--passed" if passed else "rc-deadline",
               "data-deadline": deadline["id"]},
        text_tag("span", {"class": "rc-deadline__label"}, word(language, "deadline_label", label=deadline["label"])),
        tag("strong", {}, text_tag("time", {"datetime": deadline["date"]},
                                   deadline.get("date_text") or readable_date(deadline["date"], language))),
        text_tag("span", {"class": "rc-deadline__left"},
                 word(language, "deadline_left", text=deadline["days_left_text"])),
        None if passed else _calendar_link(deadline, context),
        afterwards)


def _source(source: Mapping[str, Any], language: str) -> str:
    link = source.get("link")
    if isinstance(link, str) and link.lower().startswith(("http://", "https://")):
        title = text_tag("a", {"href": link, "rel": "noopener noreferrer"}, source.get("title", ""))
    else:
        title = text_tag("span", {"class": "rc-outcome__source"}, source.get("title", ""))
    return tag("li", {}, title,
               esc(source_section(source["section"], language)) if source.get("section") else None,
               text_tag("span", {"class": "rc-outcome__source-note"}, source["note"]) if source.get("note") else None)


def _listed(heading_key: str, element: str, list_class: str, items: Sequence[str], language: str) -> str | None:
    """A heading and a list of rendered items; nothing when there are none."""
    if not items:
        return None
    return tag("h3", {}, say(language, heading_key)) + tag(element, {"class": list_class}, *items)


@dataclass(frozen=True)
class OutcomeContext:
    """What an outcome's screen needs besides the result: the procedure, the link that restores it, the date."""

    language: str
    procedure: str  # the tree's title, named in calendar events
    slug: str  # the tree's slug, which names the calendar files
    share_url: str  # the page's address with the answers in its fragment
    verdict: str


def outcome_section(result: Mapping[str, Any], context: OutcomeContext) -> str:
    """The outcome of a result of state ``outcome``, named "Your result: <verdict>"."""
    language = context.language
    outcome = result["outcome"]
    tone = outcome.get("tone") if outcome.get("tone") in TONES else "info"
    explanation = None
    if outcome.get("explanation_html"):
        explanation = tag("div", {"class": "rc-explanation"}, outcome["explanation_html"])
    elif outcome.get("explanation"):
        explanation = tag("div", {"class": "rc-explanation"}, text_tag("p", {}, outcome["explanation"]))
    return tag(
        "section", {"class": f"rc-outcome rc-outcome--{tone}", "aria-labelledby": "rc-kicker rc-verdict"},
        text_tag("p", {"class": "rc-outcome__kicker", "id": "rc-kicker"}, word(language, "your_result")),
        text_tag("h2", {"class": "rc-verdict", "id": "rc-verdict", "tabindex": "-1"}, outcome.get("verdict", "")),
        why(result.get("trace") or [], language),
        explanation,
        _listed("next_steps", "ol", "rc-next-steps",
                [_html_or_text("li", {}, item, "text") for item in outcome.get("next_steps") or []], language),
        _listed("deadlines", "ul", "rc-deadlines",
                [_deadline(item, context) for item in outcome.get("deadlines") or []], language),
        _listed("sources", "ul", "rc-outcome__basis",
                [_source(source, language) for source in outcome.get("basis") or []], language),
        answers_so_far(result["steps"], "your_answers", "h3", language) if result.get("steps") else None,
        # Where and when the page was printed: the browser fills in its own address and the day it shows the
        # result (wizard-view.js), so that the screen is the same at any address and on any day, and a view drawn
        # at build time (wizard.site.prerender) is the worker's.
        tag("p", {"class": "rc-print-meta"},
            say_with(language, "printed_from", url=tag("span", {"class": "rc-print-meta__url"}),
                     date=tag("time", {"class": "rc-print-meta__date"}))),
        tag("div", {"class": "rc-actions"},
            tag("button", {"type": "button", "class": "md-button rc-print", "data-rc-action": "print"},
                say(language, "print")),
            " ",
            tag("button", {"type": "button", "class": "md-button rc-copy", "data-rc-action": "copy"},
                say(language, "copy_link")),
            tag("p", {"class": "rc-copy-status", "role": "status", "aria-live": "polite"})))

