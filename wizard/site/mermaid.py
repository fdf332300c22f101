"""The flowchart of a tree, as Mermaid source.

Made to be legible on a phone: top-down, labels at the page's text size in short lines (cut with an
ellipsis when long: the full text is in "All answers"), node ids never shown (Mermaid gets ``n0``, ``n1``…
so that no tree id can collide with Mermaid keywords such as ``end``), outcomes coloured by tone.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Mapping
from typing import Any

from wizard.core import kinds
from wizard.site.order import reading_order
from wizard.site.text import node_title, shorten
from wizard.site.wording import say

# Lines of at most this many characters, and at most this many lines: narrow boxes keep a wide tree
# narrow, and four lines are enough to tell the questions apart ("By calling the 12315 hotline" and "By
# calling the 12345 hotline" must not both become "By calling the…").
NODE_LINE, NODE_LINES = 18, 4
EDGE_LINE, EDGE_LINES = 16, 2
# Closer nodes than Mermaid's default; the wrapping width is wider than a line of NODE_LINE characters, so
# Mermaid keeps our line breaks rather than adding its own.
INIT = {"flowchart": {"useMaxWidth": False, "nodeSpacing": 16, "rankSpacing": 40, "wrappingWidth": 200}}

# Named where Mermaid has a name, numeric otherwise. "ﬂ" and "¶" are escaped because Mermaid uses them
# internally as markers while decoding entity codes. "%" is escaped because Mermaid looks for `%%{…}%%`
# directives anywhere in the source, even inside a quoted label, and a directive from a label would restyle
# the chart or blank it: with no "%" in any label, the project's own `%%{init}%%` is the only one. ":" is
# escaped because, before decoding entity codes, Mermaid drops the last ";" of any line matching
# `style.*:\S*#.*;` or `classDef.*:\S*#.*;`: a label such as "style: #1;" would lose the end of an entity
# code and show "#35" where the text has "#" (seen in Chromium with Mermaid 12).
_ENTITY_CODES = {
    "%": "#37;",
    ":": "#58;",
    '"': "#quot;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "#": "#35;",
    "`": "#96;",
    "ﬂ": "#64258;",
    "¶": "#182;",
}

# Outcome colours: a translucent fill and a strong border, so the theme's label colour (dark on the light
# palette, light on the dark one) stays readable on both.
TONE_STYLES = {
    "yes": "fill:#2e9e5b33,stroke:#2e9e5b,stroke-width:2px",
    "no": "fill:#d9392b33,stroke:#d9392b,stroke-width:2px",
    "maybe": "fill:#e0a10033,stroke:#c98a00,stroke-width:2px",
    "info": "fill:#3b6fe033,stroke:#3b6fe0,stroke-width:2px",
}


def mermaid_text(text: str) -> str:
    """Text made safe for a double-quoted Mermaid label: one line, with entity codes for special characters.

    The entity codes keep quotes from ending the label and keep ``<b>`` or ``&amp;`` from being read as
    HTML when Mermaid renders the label.
    """
    line = " ".join(text.split())
    return "".join(_ENTITY_CODES.get(ch, ch) if ch.isprintable() else " " for ch in line)


def plain_line(text: str) -> str:
    """Text for the chart's accessible title, which Mermaid reads to the end of the line without decoding
    entity codes: one line, printable characters only, and "%" as the full-width "％" so that no `%%{…}%%`
    directive can form (a screen reader says "percent" for both)."""
    line = " ".join(text.split())
    return "".join(("％" if ch == "%" else ch) if ch.isprintable() else " " for ch in line)


def label_lines(text: str, width: int, most: int) -> list[str]:
    """Text in lines of at most ``width`` characters; the last of ``most`` lines ends in "…" if text is left."""
    if any(_is_wide(ch) for ch in text):
        # A Chinese character takes about two Latin letters' room: fewer of them make a line of the same width.
        width = max(8, width * 3 // 5)
    lines = textwrap.wrap(" ".join(text.split()), width) or [""]
    if len(lines) > most:
        lines = [*lines[: most - 1], shorten(" ".join(lines[most - 1 :]), width)]
    return lines


def _is_wide(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef"


def _label(text: str, width: int, most: int) -> str:
    # `<br>` is the one tag a label holds: the text around it is escaped by mermaid_text.
    return '"' + "<br>".join(mermaid_text(line) for line in label_lines(text, width, most)) + '"'


def _shape(mermaid_id: str, node: Mapping[str, Any], route_title: str) -> str:
    label = _label(node_title(node, route_title), NODE_LINE, NODE_LINES)
    if kinds.is_outcome(node):
        return f"{mermaid_id}([{label}])"
    if kinds.is_route(node):
        return f"{mermaid_id}{{{{{label}}}}}"
    return f"{mermaid_id}[{label}]"


def edges(node: Mapping[str, Any], otherwise: str) -> list[tuple[str, str | None]]:
    """(target id, edge label or None) for every way out of a node."""
    return [(way.target, _edge_label(way, otherwise)) for way in kinds.ways_out(node)]


def _edge_label(way: kinds.Way, otherwise: str) -> str | None:
    """An option's label, a rule's reason, ``otherwise`` for a rule's ``else``; none for a plain ``next``."""
    if way.holder == kinds.OPTION:
        return str(way.item["label"])
    if way.holder == kinds.BRANCH:
        return way.item.get("because")
    return otherwise if way.holder == kinds.ELSE else None


def flowchart(tree: Mapping[str, Any]) -> str:
    """Mermaid ``flowchart TD`` source for a compiled tree."""
    nodes: dict[str, Any] = tree["nodes"]
    order = reading_order(tree)
    ids = {node_id: f"n{index}" for index, node_id in enumerate(order)}
    # useMaxWidth off: on a phone the chart keeps a readable text size and the page scrolls it sideways
    # (see .mermaid in the site stylesheet) instead of shrinking it to an illegible thumbnail.
    lines = [
        f"%%{{init: {json.dumps(INIT)}}}%%",
        "flowchart TD",
        # The chart's name for screen readers; the text alternative is "All answers", which says it all.
        f"  accTitle: {say(tree, 'flowchart_title', title=plain_line(str(tree['title'])))}",
        f"  accDescr: {say(tree, 'flowchart_description')}",
    ]
    route_title, otherwise = say(tree, "route_title"), say(tree, "otherwise_edge")
    for node_id in order:
        lines.append(f"  {_shape(ids[node_id], nodes[node_id], route_title)}")
    for node_id in order:
        for target, text in edges(nodes[node_id], otherwise):
            if target not in ids:
                continue  # a dangling link: the checker reports it, the chart just leaves it out
            arrow = f"-->|{_label(text, EDGE_LINE, EDGE_LINES)}|" if text else "-->"
            lines.append(f"  {ids[node_id]} {arrow} {ids[target]}")
    for tone, style in TONE_STYLES.items():
        lines.append(f"  classDef tone_{tone} {style}")
    for node_id in order:
        node = nodes[node_id]
        if kinds.is_outcome(node):
            tone = node.get("tone") or "info"
            if tone in TONE_STYLES:
                lines.append(f"  class {ids[node_id]} tone_{tone}")
    lines.append("  classDef start stroke-width:3px")
    lines.append(f"  class {ids[tree['start']]} start")
    return "\n".join(lines) + "\n"
