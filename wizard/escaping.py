"""Tree text made harmless for the places the tools print it: a terminal, a GitHub workflow log, a pull
request comment in Markdown.

The checker refuses control, bidirectional and invisible characters in a tree (``wizard.text_rules``), but a
tool must print a refused text to say what is wrong with it, and unknown keys or values are printed as they
were written: every printed tree text goes through here. Characters are shown the way Python writes them
(``\\x1b``, ``\\u202e``), so a reviewer sees that they are there and which they are.
"""

from __future__ import annotations

from wizard.text_rules import character_class


def _visible(char: str) -> str:
    point = ord(char)
    if point < 0x100:
        return f"\\x{point:02x}"
    return f"\\u{point:04x}" if point < 0x10000 else f"\\U{point:08x}"


def for_terminal(text: str, *, one_line: bool = False) -> str:
    """``text`` with every control, bidirectional and invisible character shown as an escape.

    Tab and line feed are kept, unless ``one_line`` (a diagnostic is one line: a line break in it would let a
    text print a line of its own, such as a fake "error" or "ok").
    """
    if one_line:
        text = text.replace("\t", "\\t").replace("\n", "\\n")
    return "".join(_visible(char) if character_class(char) else char for char in text)


def for_workflow_command(text: str, *, property_value: bool = False) -> str:
    """Text for a GitHub Actions workflow command (``::error file=…::message``).

    The runner reads ``%``, CR and LF specially (and ``:`` and ``,`` in a property such as ``file=``), so
    they are percent-encoded as the runner expects; other control characters are shown as escapes first.
    """
    text = "".join(_visible(char) if character_class(char) and char not in "\r\n" else char for char in text)
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def for_markdown(text: str) -> str:
    """Text shown verbatim in a pull request comment, also inside a table cell: an inline code span.

    In a code span GitHub links nothing, mentions no one (``@team``), loads no image (``<img>``) and reads
    no HTML; the fence is longer than any run of backticks in the text, and pipes are escaped because a
    table splits its cells on them even inside code.
    """
    flat = " ".join(for_terminal(text).split())
    longest, run = 0, 0
    for char in flat:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    padding = " " if flat.startswith("`") or flat.endswith("`") or not flat else ""
    return f"{fence}{padding}{flat.replace('|', chr(92) + '|')}{padding}{fence}"
