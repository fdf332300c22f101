"""A compiled tree as one Markdown page, readable from top to bottom without JavaScript.

The page is Markdown with raw HTML blocks: headings of the page's own sections are Markdown (so the
generator's table of contents lists them) and the flowchart is a ``mermaid`` fenced block; everything built
from tree text is HTML, escaped here or rendered by the safe Markdown renderer, so no tree text is ever
interpreted as Markdown or HTML by the generator.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from wizard.core.views.markup import esc
from wizard.site.answers import all_answers, sources_list
from wizard.site.flowlist import flow_list
from wizard.site.form import mount_point
from wizard.site.mermaid import flowchart
from wizard.site.wording import readable_date_in, say, wording


def front_matter(tree: Mapping[str, Any]) -> str:
    """YAML front matter with the page title and description.

    The values are HTML-escaped because themes put ``page.title`` into the HTML without escaping it, and
    written as JSON strings, which are valid YAML double-quoted scalars whatever the text holds.
    """
    title = json.dumps(esc(tree["title"]), ensure_ascii=False)
    description = json.dumps(esc(tree["summary"]), ensure_ascii=False)
    return f"---\ntitle: {title}\ndescription: {description}\n---\n"


# How much more a match in the page's summary and keywords counts in the site search than one in its body
# (Pagefind's `data-pagefind-weight`; a page's <h1> title counts 7): a procedure page comes before the pages
# that merely mention its words, such as its own guide.
SUMMARY_WEIGHT = 5
KEYWORDS_WEIGHT = 7


def intro(tree: Mapping[str, Any]) -> str:
    """Summary, audience, the words readers also search it with, review date and disclaimer."""
    audience = str(tree.get("audience", ""))
    reviewed = str(tree.get("reviewed", ""))
    words = wording(tree)
    keywords = tree.get("keywords")
    # The search indexes the keywords themselves, and neither the labels nor the other facts: without a
    # space between them, a label would run into its value in a result's snippet ("适用对象消费者").
    also = (f'<div><dt data-pagefind-ignore>{words["keywords"]}</dt>'
            f'<dd data-pagefind-weight="{KEYWORDS_WEIGHT}">{esc(keywords)}</dd></div>') if keywords else ""
    return (
        '<div class="rc-intro">'
        f'<p class="rc-summary" data-pagefind-weight="{SUMMARY_WEIGHT}">{esc(tree["summary"])}</p>'
        '<dl class="rc-facts">'
        f"<div data-pagefind-ignore><dt>{words['who_for']}</dt>"
        f"<dd>{esc(words.get(f'audience_{audience}', audience))}</dd></div>"
        f"{also}"
        f'<div data-pagefind-ignore><dt>{words["last_reviewed"]}</dt><dd><time datetime="{esc(reviewed)}">'
        f"{esc(readable_date_in(tree, reviewed))}</time></dd></div>"
        "</dl>"
        f'<p class="rc-disclaimer">{words["disclaimer"]}</p>'
        "</div>"
    )


def chart_frame(fence: str) -> str:
    """The flowchart's fenced block in the frame that scrolls it sideways (a wide chart on a phone).

    The frame is focusable so that keyboard users can scroll it too (axe's ``scrollable-region-focusable``),
    and a region named by the "Flowchart" heading, so that a screen reader says what has the focus.
    """
    return (f'<div class="rc-chart" role="region" aria-labelledby="flowchart" tabindex="0" markdown="1">\n\n'
            f"{fence}\n</div>")


# Where Zensical's "Skip to content" link (always `#__skip`) leads on a procedure page: just before the wizard, not
# the top of the article, where overrides/main.html puts it on a page without one. MkDocs' link is pointed at the
# wizard itself (wizard.mkdocs_plugin.skip_to_wizard).
SKIP_TARGET = '<div id="__skip" tabindex="-1"></div>'


def render_page(tree: Mapping[str, Any], *, tree_url: str = "tree.json", assets_url: str = "../../assets/") -> str:
    """The Markdown source of a tree's page.

    ``tree_url`` and ``assets_url`` are where the compiled JSON and the wizard's assets are, relative to the
    page's address (the defaults fit ``procedures/<slug>/`` with directory URLs).
    """
    # Raw HTML blocks must stand alone between blank lines for Markdown to leave them untouched.
    blocks = [
        front_matter(tree),
        intro(tree),
        SKIP_TARGET,
        mount_point(tree, tree_url=tree_url, assets_url=assets_url),
        f"## {say(tree, 'all_answers')} {{#all-answers}}",
        f'<p class="rc-lead">{say(tree, "all_answers_lead")}</p>',
        all_answers(tree),
        f"## {say(tree, 'flowchart')} {{#flowchart}}",
        f'<p class="rc-lead">{say(tree, "flowchart_lead")}</p>',
        chart_frame("```mermaid\n" + flowchart(tree) + "```"),
        flow_list(tree),
        f"## {say(tree, 'sources')} {{#sources}}",
        sources_list(tree),
    ]
    return "\n\n".join(blocks) + "\n"
