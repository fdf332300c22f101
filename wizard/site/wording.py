"""The words the generated pages add around a tree's own texts, in each language of the site.

A tree's texts come translated from its ``<slug>.<language>.yaml`` file (``wizard.translation``); the page's
own headings, labels and connecting phrases are the ``[page]``, ``[shared]`` and ``[browser]`` words of the language's
vocabulary (``wizard/core/languages/<code>.toml``). The page of a compiled tree speaks the tree's language
(``tree["language"]``, English by default). Values are HTML: the few that hold markup (the disclaimer, the
no-script note) are written in the vocabulary, never built from tree text.
"""

from __future__ import annotations

import datetime
from typing import Any

from wizard.core import vocabulary
from wizard.core.messages import format_date, language_of


def page_words(language: str) -> dict[str, str]:
    """The page words of ``language``: the ``[page]``, ``[shared]`` and ``[browser]`` sections of its vocabulary
    (a page names "All answers", as the browser script's notice does when the wizard cannot start)."""
    return vocabulary.words(language, "page", "shared", "browser")


def wording(tree: Any) -> dict[str, str]:
    """The page words in the language of a compiled tree (English for a tree without a known language)."""
    return page_words(language_of(tree))


def say(tree: Any, key: str, **values: object) -> str:
    """One page phrase in the tree's language, filled with ``values`` (already escaped by the caller)."""
    return wording(tree)[key].format(**values)


def readable_date_in(tree: Any, iso: str) -> str:
    """An ISO date as readers of the tree's language write it; anything that is not a date, as it is."""
    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    return format_date(day, language_of(tree))
