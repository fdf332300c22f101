"""What the engine says to readers, in each language of the site (standard library only, runs in the browser).

Messages follow the GOV.UK pattern for errors: say what to do, not what went wrong. The words are in the
``[engine]`` section of each language's vocabulary (``wizard.core.vocabulary``); this module is the engine's
way to them.
"""

from __future__ import annotations

import datetime

from wizard.core import vocabulary


def language_of(tree: object) -> str:
    """The language of a compiled tree (English unless a translation set another declared language)."""
    language = tree.get("language") if isinstance(tree, dict) else None
    return language if isinstance(language, str) and vocabulary.is_known(language) else vocabulary.SOURCE_LANGUAGE


def message(language: str, key: str, **values: object) -> str:
    """The message ``key`` in ``language`` (English when the language is unknown), filled with ``values``."""
    return vocabulary.word(language, key, **values)


def format_date(value: datetime.date, language: str = vocabulary.SOURCE_LANGUAGE) -> str:
    """A date as readers write it: ``25 November 2026``, ``2026年11月25日``."""
    return format_parts(value.year, value.month, value.day, language)


def format_parts(year: int, month: int, day: int, language: str = vocabulary.SOURCE_LANGUAGE) -> str:
    """Year, month (1 to 12) and day as readers write a date, even one that does not exist (31 February)."""
    return vocabulary.format_date(language, year, month, day)


def days_left_text(days_left: int, language: str) -> str:
    """How long is left until a deadline, or since it passed: ``3 days left``, ``passed yesterday``."""
    if days_left > 0:
        return message(language, "days_left", count=days_left)
    if days_left == 0:
        return message(language, "last_day")
    return message(language, "passed_yesterday") if days_left == -1 else message(
        language, "passed_days_ago", count=-days_left)
