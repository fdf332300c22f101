""""Why": each answer or rule of the walk that gave a reason, with what it found and what it rests on."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from wizard.core.views.markup import tag, text_tag
from wizard.core.views.phrases import say, sentence, source_section
from wizard.core.vocabulary import word


def source_title(source: Mapping[str, Any], language: str) -> str:
    """A source as cited in a sentence: its title, and its section when it has one (plain text)."""
    section = source.get("section")
    title = str(source.get("title", ""))
    return title + source_section(section, language) if section else title


def _reason(item: Mapping[str, Any], language: str) -> str:
    # A rule is shown by what it found with the reader's answers ("1 day since 21 November 2026"), never by its
    # title, which is often a question nobody asked the reader; its reason then says what that means.
    if item.get("kind") == "answer":
        step = word(language, "reason_answer", question=item.get("question"), answer=item.get("answer"))
    else:
        step = " ".join(sentence(fact, language) for fact in item.get("facts") or [])
    basis = [source_title(source, language) for source in item.get("basis") or []]
    because_html = item.get("because_html")
    if because_html and isinstance(because_html, str):
        because = tag("span", {"class": "rc-reason__because"}, because_html)
    else:
        because = text_tag("span", {"class": "rc-reason__because"}, item["because"])
    return tag("li", {"class": "rc-reason", "data-node": item.get("node")},
               text_tag("span", {"class": "rc-reason__step"}, step) if step else None,
               because,
               text_tag("span", {"class": "rc-reason__basis"},
                        word(language, "based_on", links=word(language, "list_semicolon").join(basis)))
               if basis else None)


def why(trace: Sequence[Mapping[str, Any]], language: str) -> str | None:
    """The "why" list of a result: each reason once, in the order met; ``None`` when nothing gave a reason."""
    reasons = []
    seen = set()
    for item in trace:
        because = item.get("because")
        if not because or because in seen:
            continue
        seen.add(because)
        reasons.append(_reason(item, language))
    if not reasons:
        return None
    return tag("h3", {}, say(language, "why")) + tag("ol", {"class": "rc-reasons"}, *reasons)
