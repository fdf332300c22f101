"""What a tree's text may hold: the characters, and the Markdown block structure, that are refused.

One home for these rules: the loader applies them to every text of a tree file and ``wizard.translation`` to
every text of a translation file; the output escapers (``wizard.escaping``) use the same classes of
characters. The rules work on plain strings and report offsets; callers turn offsets into ``line:col``.

Decisions (written down in docs/authoring.md):

- **Refused everywhere**: control characters (C0 except tab and line feed, DEL, C1: a carriage return or an
  escape sequence can add lines to a calendar file or rewrite a reviewer's terminal), the line and paragraph
  separators U+2028/U+2029, bidirectional controls (U+202E and its kin reorder what is displayed), and
  invisible format characters (zero-width space, word joiner, soft hyphen, tag characters, Hangul fillers…).
  A zero-width joiner is allowed only between two emoji, where it joins them into one (👩‍⚕️).
- **Allowed**: tab, line feed, every space character (U+3000 IDEOGRAPHIC SPACE included) and all CJK
  punctuation; a text made only of invisible characters is refused as empty.
- **Markdown fields** (help, explanation, next steps, passed) may not hold block structure that would change
  the page: headings (`# …` and setext underlines), horizontal rules and link reference definitions. Raw
  HTML, tables and code fences are not refused: the renderer shows them as text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Bidirectional controls: embeddings, overrides, isolates and the marks.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Letters that draw nothing (Hangul fillers) and the combining grapheme joiner: invisible, like format marks.
INVISIBLE_LETTERS = frozenset("\u034f\u115f\u1160\u3164\uffa0")
# Drawn as nothing, though not refused: a text made only of these (and spaces) is still empty.
BLANK_SYMBOLS = frozenset("\u2800")
ZERO_WIDTH_JOINER = "\u200d"
ALLOWED_CONTROLS = frozenset("\t\n")
# Short names for the control characters, which have no Unicode name of their own.
_CONTROL_NAMES = {"\x00": "NULL", "\x07": "BELL", "\x08": "BACKSPACE", "\x0b": "LINE TABULATION",
                  "\x0c": "FORM FEED", "\r": "CARRIAGE RETURN", "\x1b": "ESCAPE", "\x7f": "DELETE",
                  "\x85": "NEXT LINE", "\x9b": "CONTROL SEQUENCE INTRODUCER"}


@dataclass(frozen=True)
class Finding:
    """A problem at ``offset`` (0-based) of a text, worded to follow the name of the text."""

    offset: int
    message: str
    hint: str


def code_point(char: str) -> str:
    """``U+202E (RIGHT-TO-LEFT OVERRIDE)``: how messages and escapes name a character."""
    name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "") or "a control character"
    return f"U+{ord(char):04X} ({name})"


def character_class(char: str) -> str | None:
    """Why a character is refused in a text ("control", "bidi", "invisible"), or None if it is allowed.

    The zero-width joiner is "invisible" here; ``check_characters`` allows it between two emoji.
    """
    if char in ALLOWED_CONTROLS:
        return None
    if char in BIDI_CONTROLS:
        return "bidi"
    category = unicodedata.category(char)
    if category in ("Cc", "Cs", "Zl", "Zp"):
        return "control"
    if category == "Cf" or char in INVISIBLE_LETTERS:
        return "invisible"
    return None


_WHY = {
    "control": "a control character that can add lines to a calendar file or take over a terminal",
    "bidi": "which can make text display in a different order than it is stored",
    "invisible": "an invisible character that can hide or change what a reader sees",
}


def _is_emoji(char: str) -> bool:
    point = ord(char)
    return 0x1F000 <= point <= 0x1FAFF or 0x2600 <= point <= 0x27BF or 0x2B00 <= point <= 0x2BFF


def _joins_emoji(text: str, index: int) -> bool:
    """Whether the zero-width joiner at ``index`` sits between two emoji (modifiers and selectors skipped)."""
    before = index - 1
    while before >= 0 and (0xFE00 <= ord(text[before]) <= 0xFE0F or 0x1F3FB <= ord(text[before]) <= 0x1F3FF):
        before -= 1
    return before >= 0 and index + 1 < len(text) and _is_emoji(text[before]) and _is_emoji(text[index + 1])


# Tab and line feed taken out before ``str.isprintable``, which counts them as unprintable.
_WITHOUT_ALLOWED_CONTROLS = str.maketrans("", "", "".join(ALLOWED_CONTROLS))


def _surely_allowed(text: str) -> bool:
    """A fast answer for most texts: ``str.isprintable`` is false for every refused category (Cc, Cs, Zl, Zp and
    Cf, which holds the bidi controls and the zero-width joiner), so a printable text needs only the invisible
    letters checked. A text it cannot vouch for (one with a no-break space, say) takes the full per-character way.
    """
    # Most texts are one line, and printable as they are: the copy without tab and line feed is for the others.
    return (text.isprintable() or text.translate(_WITHOUT_ALLOWED_CONTROLS).isprintable()) \
        and INVISIBLE_LETTERS.isdisjoint(text)


def check_characters(text: str) -> Finding | None:
    """The first refused character of a text, named by its code point, or None."""
    if _surely_allowed(text):
        return None
    for index, char in enumerate(text):
        kind = character_class(char)
        if kind is None or (char == ZERO_WIDTH_JOINER and _joins_emoji(text, index)):
            continue
        return Finding(index, f"contains {code_point(char)}, {_WHY[kind]}.", "Remove it.")
    return None


def is_blank(text: str) -> bool:
    """True when no character of the text would be seen: spaces, format characters, fillers only."""
    # A letter or digit that draws something settles it at once, as it does for almost every text (letters and
    # digits are none of the categories below; the invisible letters are the exception).
    if text[:1].isalnum() and text[0] not in INVISIBLE_LETTERS:
        return False
    return all(char.isspace() or char in BLANK_SYMBOLS or char in INVISIBLE_LETTERS
               or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me") for char in text)


_HEADING = re.compile(r"[ ]{0,3}#")
_UNDERLINE = re.compile(r"[ ]{0,3}(?:=+|-+)[ ]*")
_RULE = re.compile(r"[ ]{0,3}([-*_])(?:[ ]*\1){2,}[ ]*")
_REFERENCE = re.compile(r"[ ]{0,3}\[[^\]\n]+\]:")

_HEADING_HINT = "The page has its own headings; use **bold** text, or put a word before the `#`."


def check_markdown_blocks(text: str) -> Finding | None:
    """The first Markdown construct of a text that would change the page's structure, or None.

    Headings would become the page's ``<h1>`` (and the page would lose its own title), a horizontal rule
    under text is a heading too, and a link reference definition hides its line. The renderer does not build
    any of them either (``wizard.markdown_render``); refusing them here tells the editor at the right line.
    """
    offset = 0
    previous = ""
    for line in text.split("\n"):
        column = len(line) - len(line.lstrip(" "))
        if _HEADING.match(line):
            return Finding(offset + column, "has a line starting with `#`, which Markdown makes a heading.",
                           _HEADING_HINT)
        if previous.strip() and _UNDERLINE.fullmatch(line):
            return Finding(offset + column, "has a line of `=` or `-` under text, which Markdown makes a "
                           "heading.", "The page has its own headings; use **bold** text, or leave an empty line "
                           "above a list item that starts with `-`.")
        if _RULE.fullmatch(line):
            return Finding(offset + column, "has a line of only `-`, `*` or `_`, which Markdown draws as a "
                           "line across the page.", "Remove it; leave an empty line to start a new paragraph.")
        if _REFERENCE.match(line):
            return Finding(offset + column, "has a line like `[name]: address`, which Markdown hides (it "
                           "defines a link target).", "Write the link where it is used: [text](https://…).")
        previous = line
        offset += len(line) + 1
    return None


def check_text(text: str, *, markdown: bool) -> Finding | None:
    """The first problem of a text (its characters, then its Markdown blocks), or None."""
    found = check_characters(text)
    if found is None and markdown:
        found = check_markdown_blocks(text)
    return found
