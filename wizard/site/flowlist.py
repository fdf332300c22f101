"""The flowchart as text: every step with the ways out of it, as nested lists in a ``<details>``.

The drawn chart needs JavaScript (Mermaid draws it in the browser) and is blank on paper; this list says the
same thing with links into "All answers", readable without JavaScript, by screen readers and in print.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wizard.core.views.markup import esc
from wizard.site.mermaid import edges
from wizard.site.order import reading_order
from wizard.site.text import node_anchor, node_title
from wizard.site.wording import say


def flow_list(tree: Mapping[str, Any]) -> str:
    """The steps in reading order, each a link to its section with the answers or rules that lead on."""
    nodes: dict[str, Any] = tree["nodes"]
    route_title, otherwise = say(tree, "route_title"), say(tree, "otherwise_edge")

    def link(node_id: str) -> str:
        return f'<a href="#{esc(node_anchor(node_id))}">{esc(node_title(nodes[node_id], route_title))}</a>'

    items = []
    for node_id in reading_order(tree):
        ways = "".join(
            f"<li>{esc(label.rstrip('.。')) + say(tree, 'flow_leads') if label else ''}{link(target)}</li>"
            for target, label in edges(nodes[node_id], otherwise)
            if target in nodes
        )
        items.append(f"<li>{link(node_id)}{f'<ul>{ways}</ul>' if ways else ''}</li>")
    return (
        f'<details class="rc-flow-list"><summary>{say(tree, "flow_list")}</summary>'
        f'<ol>{"".join(items)}</ol></details>'
    )
