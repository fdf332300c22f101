"""Safe Markdown to HTML for the text of a tree (help, explanations, next steps).

Tree files are written by editors and reviewed in pull requests, but their text still ends up inside pages
and inside the browser wizard's DOM, so it is treated as untrusted: raw HTML is shown as text, links keep
only harmless schemes, and images are reduced to their description (an image could be fetched from another
host, which the site never does).

The text sits inside a page that has its own structure, so the renderer builds no block that would change it,
whatever the text holds (the checker refuses these first, at their line: ``wizard.text_rules``): no headings
(``#`` or underlined; they would take the page's ``<h1>``), no horizontal rules, no link reference
definitions (the line stays visible). Tables and code fences are not extensions here: they stay text.

Rendering is linear in the text's length. Python-Markdown looks for the closing ``]`` (and then ``)``) from
every ``[``, so a text with many ``[`` took quadratic time (19 KB of brackets: over 30 s). Before rendering,
every ``[`` that cannot start an inline link ``[text](address)`` (text without brackets, address without
brackets, quotes or line breaks) is replaced by a marker the link patterns ignore, and turned back into ``[``
in the HTML; the remaining ``[`` each scan only their own link. Link titles (``[a](url "title")``) are
therefore not supported: such a link is shown as text.
"""

from __future__ import annotations

import contextlib
import contextvars
import copy
import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator, Mapping
from typing import Any

import markdown
from markdown import util
from markdown.treeprocessors import Treeprocessor

from wizard import schema_walk

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})

# Browsers drop ASCII tabs and newlines anywhere in a URL and ignore leading control characters and spaces,
# so "java\tscript:" is "javascript:" to them: remove all of those before looking at the scheme.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


def is_safe_url(url: str) -> bool:
    """Whether a link target is relative or uses http, https or mailto.

    Character references are decoded first, as the browser would decode them in an attribute.
    """
    decoded = html.unescape(url.replace(util.AMP_SUBSTITUTE, "&"))
    match = _SCHEME.match(_IGNORED_IN_URL.sub("", decoded))
    return match is None or match.group(1).lower() in ALLOWED_SCHEMES


class _SafeLinksTreeprocessor(Treeprocessor):
    """Turns links with other schemes into plain text and images into their alt text."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "a" and not is_safe_url(element.get("href", "")):
                element.tag = "span"
                element.attrib.clear()
            elif element.tag == "img":
                alt = element.get("alt", "")
                element.tag = "span"
                element.attrib.clear()
                element.text = alt


class _NoHeadingsTreeprocessor(Treeprocessor):
    """Any heading that a future change lets through becomes a paragraph: the page's own title stays its only
    ``<h1>``."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag in _HEADINGS:
                element.tag = "p"
                element.attrib.clear()


_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Block processors that build what a text inside a page must not: headings, rules, hidden reference lines.
_STRUCTURE_BLOCKS = ("hashheader", "setextheader", "hr", "reference")
_REFERENCE_PATTERNS = ("reference", "short_reference", "image_reference", "short_image_ref")


def _make_markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    # Without these two, "<tag>" is ordinary text and the serializer escapes it.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    for name in _STRUCTURE_BLOCKS:
        md.parser.blockprocessors.deregister(name)
    # Without reference definitions, reference links have nothing to point to: "[a][b]" stays text.
    for name in _REFERENCE_PATTERNS:
        md.inlinePatterns.deregister(name)
    md.treeprocessors.register(_NoHeadingsTreeprocessor(md), "recourse_no_headings", -20)
    # After "unescape" (priority 0), so backslash-escaped characters in URLs are already restored.
    md.treeprocessors.register(_SafeLinksTreeprocessor(md), "recourse_safe_links", -10)
    return md


_MARKDOWN = _make_markdown()

# A noncharacter (never text): stands for a "[" that cannot start a link while Python-Markdown runs.
_BRACKET_MARKER = "\ufdd0"
# An inline link whose scans are bounded by its own length: Python-Markdown's getText stops at this "]" (no
# bracket inside) and getLink at this ")" (no quote, so no title search, and at most one level of parentheses).
_LINK = re.compile(r"""\[[^\[\]]*\]\((?:[^()\[\]"'\n]|\([^()\[\]"'\n]*\))*\)""")


def _mark_lone_brackets(text: str) -> str:
    """``text`` with every "[" that cannot start an inline link replaced by the marker, in linear time.

    A "[" after an odd run of backslashes is left alone: Markdown already shows it as text (or it is in code).
    """
    text = text.replace(_BRACKET_MARKER, "\ufffd")
    links = {match.start() for match in _LINK.finditer(text)}
    parts: list[str] = []
    done = 0
    for index in (i for i, char in enumerate(text) if char == "["):
        if index in links:
            continue
        before = index
        while before > done and text[before - 1] == "\\":  # runs of backslashes are disjoint: linear
            before -= 1
        if (index - before) % 2:
            continue
        parts += [text[done:index], _BRACKET_MARKER]
        done = index + 1
    parts.append(text[done:])
    return "".join(parts)


# Within ``rendered_once``: each text's HTML, by the text. The HTML depends on nothing but the text.
_RENDERED: contextvars.ContextVar[dict[str, str] | None] = contextvars.ContextVar("rendered", default=None)


@contextlib.contextmanager
def rendered_once() -> Iterator[None]:
    """Within the block, each distinct text is rendered once and its HTML reused.

    A tree's page shows the very texts its JSON carries rendered (``add_html``); the site renders both inside
    one block per tree, so that each text goes through Python-Markdown once instead of twice. The block is
    per tree: what it keeps is freed when the tree's files are made.
    """
    token = _RENDERED.set({} if _RENDERED.get() is None else _RENDERED.get())
    try:
        yield
    finally:
        _RENDERED.reset(token)


def render_markdown(text: str) -> str:
    """Render Markdown to HTML that is safe to insert into a page.

    Raw HTML in the source is escaped and shown as text; links keep only http, https, mailto and relative
    targets (others become plain text); images become their alt text.
    """
    rendered = _RENDERED.get()
    if rendered is None:
        return _render(text)
    found = rendered.get(text)
    if found is None:
        found = rendered[text] = _render(text)
    return found


def _render(text: str) -> str:
    _MARKDOWN.reset()
    return _MARKDOWN.convert(_mark_lone_brackets(text)).replace(_BRACKET_MARKER, "[")


def render_optional(text: str | None) -> str | None:
    """``render_markdown`` for optional fields: ``None`` stays ``None``."""
    return None if text is None else render_markdown(text)


def add_html(tree: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of a compiled tree with rendered HTML beside each Markdown field.

    Each field the schema marks as Markdown gets ``<name>_html`` beside it (``help_html`` on questions,
    ``explanation_html`` on outcomes, ``text_html`` on next steps, ``passed_html`` on deadlines): an optional field
    that is left out gets None, a required one at least an empty text. The engine passes unknown keys through, so
    the copy is still a valid compiled tree.
    """
    result = copy.deepcopy(dict(tree))
    # Only into fields that may hold a Markdown text: formulas, answers and sources are most of a tree.
    for found in list(schema_walk.walk(result, within=schema_walk.is_markdown)):
        if schema_walk.is_markdown(found.field.kind) and isinstance(found.holder, dict):
            text = found.value if isinstance(found.value, str) else None
            html_text = render_markdown(text or "") if found.field.required else render_optional(text)
            found.holder[f"{found.field.name}_html"] = html_text
    return result
