"""Building HTML with every text escaped: the one way the renderer writes markup (standard library only)."""

from __future__ import annotations

from collections.abc import Mapping

# Elements without content or end tag.
_VOID = frozenset({"input", "br", "img", "meta", "link"})

Attributes = Mapping[str, "str | int | bool | None"]

# What ``html.escape(text, quote=True)`` replaces, and with what; NUL is dropped and a carriage return kept as a
# reference (see esc). Written out rather than imported: ``import html`` loads its 2,000-entry table of named
# entities, about 30 ms of the engine's first start in Pyodide, for a function it does not need.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;",
                          "\x00": None, "\r": "&#13;"})


def esc(value: object) -> str:
    """Any value as HTML text or a double-quoted attribute value, read back by a browser as the same text.

    A browser's parser turns a carriage return into a line feed and drops NUL: the first is written as a
    character reference, which it keeps; NUL, which no HTML text can hold, is left out here, visibly so.
    """
    return str(value).translate(_ESCAPES)


def tag(name: str, attributes: Attributes, *children: str | None) -> str:
    """One element: attributes escaped (``None`` and ``False`` left out, ``True`` written bare) and children,
    which are HTML already (from ``tag`` or ``esc``), joined; ``None`` children are left out."""
    written = "".join(
        f" {key}" if value is True else f' {key}="{esc(value)}"'
        for key, value in attributes.items()
        if value is not None and value is not False
    )
    if name in _VOID:
        return f"<{name}{written}>"
    return f"<{name}{written}>{''.join(child for child in children if child)}</{name}>"


def text_tag(name: str, attributes: Attributes, text: object) -> str:
    """An element holding one text, escaped."""
    return tag(name, attributes, esc(text))


def joined_ids(*ids: str | None) -> str | None:
    """Ids for ``aria-describedby``: those given, space-separated; ``None`` when there is none."""
    present = [value for value in ids if value]
    return " ".join(present) if present else None


# encodeURIComponent's set: the bytes an address component keeps as they are.
_URI_KEPT = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()")


def uri_component(text: str) -> str:
    """``text`` percent-encoded as JavaScript's ``encodeURIComponent`` does (UTF-8, upper-case hex digits).

    Written here rather than imported: ``urllib.parse`` costs about 60 ms of the engine's first start in
    Pyodide (it loads ``ipaddress``), for one call in the outcome's calendar link.
    """
    return "".join(chr(byte) if byte in _URI_KEPT else f"%{byte:02X}" for byte in text.encode("utf-8"))
