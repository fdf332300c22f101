"""A compiled tree as one Markdown page, readable from top to bottom without JavaScript.

The page is Markdown with raw HTML blocks: headings of the page's own sections are Markdown (so the
generator's table of contents lists them) and the flowchart is a ``mermaid`` fenced block; everything built
from tree text is HTML, escaped here or rendered by the safe Markdown renderer, so no tree text is ever
interpreted as Markdown or HTML by the generator.
"""

from __future__ import annotations

import json
from typing import Any

from wizard.site.answers import all_answers, sources_list
from wizard.site.form import mount_point
from wizard.site.mermaid import flowchart
from wizard.site.text import AUDIENCE_LABELS, esc, readable_date

DISCLAIMER = (
    "<strong>General information, not legal advice.</strong> This page explains how the procedure usually "
    "works. It cannot know every detail of your case; when in doubt, ask the authority or platform that "
    "handles your complaint, or a lawyer."
)


def front_matter(tree: dict[str, Any]) -> str:
    """YAML front matter with the page title and description.

    The values are HTML-escaped because themes put ``page.title`` into the HTML without escaping it, and
    written as JSON strings, which are valid YAML double-quoted scalars whatever the text holds.
    """
    title = json.dumps(esc(tree["title"]), ensure_ascii=False)
    description = json.dumps(esc(tree["summary"]), ensure_ascii=False)
    return f"---\ntitle: {title}\ndescription: {description}\n---\n"


def intro(tree: dict[str, Any]) -> str:
    """Summary, audience, review date and disclaimer."""
    audience = tree.get("audience", "")
    reviewed = str(tree.get("reviewed", ""))
    return (
        '<div class="rc-intro">'
        f'<p class="rc-summary">{esc(tree["summary"])}</p>'
        '<dl class="rc-facts">'
        f"<div><dt>Who it is for</dt><dd>{esc(AUDIENCE_LABELS.get(audience, audience))}</dd></div>"
        f'<div><dt>Last reviewed</dt><dd><time datetime="{esc(reviewed)}">'
        f"{esc(readable_date(reviewed))}</time></dd></div>"
        "</dl>"
        f'<p class="rc-disclaimer">{DISCLAIMER}</p>'
        "</div>"
    )


def render_page(tree: dict[str, Any], *, tree_url: str = "tree.json", assets_url: str = "../../assets/") -> str:
    """The Markdown source of a tree's page.

    ``tree_url`` and ``assets_url`` are where the compiled JSON and the wizard's assets are, relative to the
    page's address (the defaults fit ``procedures/<slug>/`` with directory URLs).
    """
    # Raw HTML blocks must stand alone between blank lines for Markdown to leave them untouched.
    blocks = [
        front_matter(tree),
        intro(tree),
        mount_point(tree, tree_url=tree_url, assets_url=assets_url),
        "## All answers {#all-answers}",
        '<p class="rc-lead">Every question and every possible outcome, with links from each answer to where '
        "it leads. Start with the first question and follow the links.</p>",
        all_answers(tree),
        "## Flowchart {#flowchart}",
        '<p class="rc-lead">The whole procedure at a glance. The wording is shortened; the full text is in '
        '<a href="#all-answers">All answers</a>.</p>',
        "```mermaid\n" + flowchart(tree) + "```",
        "## Legal basis and sources {#sources}",
        sources_list(tree),
    ]
    return "\n\n".join(blocks) + "\n"
