"""Safe Markdown to HTML for the text of a tree (help, explanations, next steps).

Tree files are written by editors and reviewed in pull requests, but their text still ends up inside pages
and inside the browser wizard's DOM, so it is treated as untrusted: raw HTML is shown as text, links keep
only harmless schemes, and images are reduced to their description (an image could be fetched from another
host, which the site never does).
"""

from __future__ import annotations

import copy
import html
import re
import xml.etree.ElementTree as etree
from typing import Any

import markdown
from markdown import util
from markdown.treeprocessors import Treeprocessor

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


def _make_markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    # Without these two, "<tag>" is ordinary text and the serializer escapes it.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    # After "unescape" (priority 0), so backslash-escaped characters in URLs are already restored.
    md.treeprocessors.register(_SafeLinksTreeprocessor(md), "recourse_safe_links", -10)
    return md


_MARKDOWN = _make_markdown()


def render_markdown(text: str) -> str:
    """Render Markdown to HTML that is safe to insert into a page.

    Raw HTML in the source is escaped and shown as text; links keep only http, https, mailto and relative
    targets (others become plain text); images become their alt text.
    """
    _MARKDOWN.reset()
    return _MARKDOWN.convert(text)


def render_optional(text: str | None) -> str | None:
    """``render_markdown`` for optional fields: ``None`` stays ``None``."""
    return None if text is None else render_markdown(text)


def add_html(tree: dict[str, Any]) -> dict[str, Any]:
    """A copy of a compiled tree with rendered HTML beside each Markdown field.

    Adds ``help_html`` to questions, ``explanation_html`` to outcomes, ``text_html`` to every next step and
    ``passed_html`` to every deadline (None when the deadline says nothing about a passed date). The engine
    passes unknown keys through, so the copy is still a valid compiled tree.
    """
    result = copy.deepcopy(tree)
    for node in result.get("nodes", {}).values():
        kind = node.get("type")
        if kind in ("choice", "yesno", "number", "date"):
            node["help_html"] = render_optional(node.get("help"))
        elif kind == "outcome":
            node["explanation_html"] = render_markdown(node.get("explanation") or "")
            for next_step in node.get("next_steps") or []:
                next_step["text_html"] = render_markdown(next_step.get("text") or "")
            for deadline in node.get("deadlines") or []:
                deadline["passed_html"] = render_optional(deadline.get("passed"))
    return result
