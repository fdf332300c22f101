"""The reader's answers so far: each question, the answer, and a button to change it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from wizard.core.views.markup import tag, text_tag
from wizard.core.views.phrases import say


def restart_button(language: str) -> str:
    """"Start again", which forgets every answer."""
    return tag("p", {"class": "rc-start-again"},
               tag("button", {"type": "button", "class": "rc-linkbutton", "data-rc-action": "restart"},
                   say(language, "restart")))


def answers_so_far(steps: Sequence[Mapping[str, Any]], title_key: str, level: str, language: str) -> str:
    """The summary of answers, titled by the word ``title_key`` in a heading of ``level``.

    ``level`` is h2 beside a question (no other heading of the wizard above it) and h3 under a result's verdict.
    """
    rows = [
        tag("div", {"class": "rc-answers-list__row"},
            text_tag("dt", {"class": "rc-answers-list__question"}, item["question"]),
            text_tag("dd", {"class": "rc-answers-list__answer"}, item["display"]),
            tag("dd", {"class": "rc-answers-list__change"},
                tag("button", {"type": "button", "class": "rc-linkbutton", "data-rc-action": "change",
                               "data-node": item["node"]},
                    say(language, "change"),
                    tag("span", {"class": "rc-visually-hidden"},
                        say(language, "change_hidden", question=item["question"])))))
        for item in steps
    ]
    return tag("section", {"class": "rc-answers", "aria-labelledby": "rc-answers-title"},
               tag(level, {"id": "rc-answers-title"}, say(language, title_key)),
               tag("dl", {"class": "rc-answers-list"}, *rows),
               restart_button(language))
