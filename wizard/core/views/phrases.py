"""Words of the wizard's screen as escaped HTML, and the small text rules the screen applies to them."""

from __future__ import annotations

import datetime
import re
import string

from wizard.core.messages import format_date
from wizard.core.views.markup import esc
from wizard.core.vocabulary import word

_SENTENCE_END = re.compile(r"[.!?。！？]$")
# Markdown marks of a short text that comes without rendered HTML: links, bold, italics and code.
_MARKDOWN_MARKS = (
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),
    (re.compile(r"([*_])(\S.*?)\1"), r"\2"),
    (re.compile(r"`([^`]+)`"), r"\1"),
)


def say(language: str, key: str, **values: object) -> str:
    """The word ``key`` filled with ``values``, escaped for HTML."""
    return esc(word(language, key, **values))


def say_with(language: str, key: str, **parts: str) -> str:
    """The word ``key`` as HTML: its own text escaped, each of its places filled with the HTML ``parts`` give."""
    template = word(language, key, **{name: f"{{{name}}}" for name in parts})
    return "".join(esc(literal) + (parts[field] if field else "")
                   for literal, field, _, _ in string.Formatter().parse(template))


def sentence(text: str, language: str) -> str:
    """``text`` as a sentence: with the language's full stop unless it ends a sentence already (plain text)."""
    trimmed = str(text).strip()
    return trimmed if _SENTENCE_END.search(trimmed) else trimmed + word(language, "full_stop")


def markdown_to_plain(text: str) -> str:
    """Plain text from a short Markdown text: the marks go, the words stay."""
    for pattern, replacement in _MARKDOWN_MARKS:
        text = pattern.sub(replacement, text)
    return text


def readable_date(iso: str, language: str) -> str:
    """An ISO date as readers of the language write it; anything that is not a date, as it is."""
    try:
        return format_date(datetime.date.fromisoformat(iso), language)
    except ValueError:
        return iso


def source_section(section: object, language: str) -> str:
    """A source's section as it follows the source's title: ``, Article 12`` (plain text)."""
    return word(language, "list_comma") + str(section)
