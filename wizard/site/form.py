"""The wizard's mount point, with the first question already on the page.

The page shows the first question at once, as links: each answer of a choice goes to where it leads in
"All answers", and a number or date question links to its own section there. Links work without JavaScript and
send nothing anywhere (a form would send the answer to the server in its address). The form that takes the
answer in the wizard comes beside them in a ``<template>``, inert until the script puts it in their place; it is
the renderer's own form (``wizard.core.views``), the HTML the worker sends for the same question. The links
take the same room as the form, so the page does not move when the script swaps them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from wizard.browser.bundle import asset_digest, module_graph
from wizard.core import kinds, views, vocabulary
from wizard.core.messages import language_of
from wizard.core.views.markup import esc
from wizard.core.vocabulary import SOURCE_LANGUAGE
from wizard.markdown_render import render_markdown, render_optional
from wizard.site.text import node_anchor
from wizard.site.wording import page_words, wording


def words_attribute(language: str) -> str:
    """The browser wizard's words in ``language``: a ``data-wizard-words`` attribute (JSON) that ``wizard.js`` reads.

    An attribute, not a ``<script>`` data block: a page's body holds no script element at all, and the
    attribute is escaped like any other.
    """
    data = json.dumps(vocabulary.browser_words(language), ensure_ascii=False, separators=(",", ":"))
    return f'data-wizard-words="{esc(data)}"'


def _noscript(words: dict[str, str]) -> str:
    return f'<noscript><p class="rc-nojs">{words["noscript"]}</p></noscript>'


def question_form(node_id: str, node: Mapping[str, Any], language: str = SOURCE_LANGUAGE) -> str:
    """One question as the wizard's form in ``language``: the renderer's (``wizard.core.views``) own form, byte
    for byte the one the worker sends for the same question, with its help's Markdown rendered as in tree.json.
    """
    question = {**node, "help_html": render_optional(node.get("help"))}
    return views.question_form(node_id, question, language)


def question_links(node_id: str, node: Mapping[str, Any], words: dict[str, str] | None = None) -> str:
    """One question as links into "All answers", laid out like its form (``question_form``).

    A choice's answers link to where each leads; a number or date question links to its own section, which
    says what to enter and where it leads. The room of the form's Continue button is kept (empty) while the
    script may still replace the links, so that nothing below moves.
    """
    words = words or page_words(SOURCE_LANGUAGE)
    help_text = node.get("help")
    help_html = f'<div class="rc-help">{render_markdown(help_text)}</div>' if help_text else ""
    if kinds.has_options(node):
        answer = '<div class="rc-radios">' + "".join(
            '<div class="rc-radio"><a class="rc-radio__label rc-radio__link" '
            f'href="#{esc(node_anchor(option["next"]))}">'
            f'{esc(option["label"])}</a></div>'
            for option in node["options"]
        ) + "</div>"
    else:
        link = f'<a href="#{esc(node_anchor(node_id))}">{words["all_answers"]}</a>'
        answer = f'<p class="rc-answer-link">{words["answer_in_all_answers"].format(link=link)}</p>'
    return (
        f'<div class="rc-question rc-question--links" data-node="{esc(node_id)}">'
        f'<fieldset class="rc-fieldset"><legend class="rc-legend">{esc(node["question"])}</legend>'
        f"{help_html}{answer}</fieldset>"
        f'<span class="md-button md-button--primary rc-continue rc-continue--room" aria-hidden="true">'
        f'{words["continue"]}</span></div>'
    )


def mount_point(tree: Mapping[str, Any], *, tree_url: str = "tree.json", assets_url: str = "../../assets/") -> str:
    """The ``div#wizard`` the browser wizard mounts on, holding the first question (links, and its form inert).

    When the start is not a question (a route that only looks at today's date, say) there is nothing to
    ask before the script runs, so the div holds a link to the start in "All answers" instead of a form.
    """
    start = tree["start"]
    node = tree["nodes"][start]
    words = wording(tree)
    if kinds.is_question(node):
        body = (question_links(start, node, words)
                + f'<template class="rc-first-question">{question_form(start, node, language_of(tree))}</template>')
    else:
        body = f'<p class="rc-start"><a href="#{node_anchor(start)}">{words["start_here"]}</a></p>'
    return (
        f'<div class="rc-wizard" id="wizard" data-wizard-state="loading" data-wizard-node="{esc(start)}" '
        f'data-wizard-tree="{esc(tree_url)}" data-wizard-assets="{esc(assets_url)}" '
        f'data-wizard-slug="{esc(tree["slug"])}" {words_attribute(language_of(tree))} data-pagefind-ignore>'
        '<div class="rc-wizard__status" role="status" aria-live="polite"></div>'
        f"{body}{_noscript(words)}</div>"
    )


def start_script(*, tree_url: str = "tree.json", assets_url: str = "../../assets/") -> str:
    """The ``<script>`` for a tree page's ``<head>`` that starts the engine while the page is still loading.

    In the head, the browser fetches it beside the stylesheets and runs it as soon as it arrives (``async``
    holds nothing up), so the worker's seconds of loading begin before the page is even parsed. It carries
    what the worker needs in its own ``data-`` attributes, since the mount point is not parsed yet. The
    digest in the link lets browsers keep the file a year. A page without it still works: wizard.js then
    starts the worker itself, later. ``data-wizard-modules`` lists the modules start.js preloads once the page
    has painted (``preloaded_modules``).
    """
    return (
        f'<script src="{esc(assets_url)}wizard/start.js?v={asset_digest("start.js")}" async '
        f'data-wizard-tree="{esc(tree_url)}" data-wizard-assets="{esc(assets_url)}" '
        f'data-wizard-modules="{esc(preloaded_modules())}"></script>'
    )


def preloaded_modules() -> str:
    """wizard.js and every module it imports, as addresses under the assets folder, separated by spaces.

    wizard.js is linked at the end of the page, and the browser learns of each module only once the one that
    imports it has arrived: three round trips in a row after the whole page is parsed, and the form took the
    first question's place half a second after it was painted (make bench). start.js adds a
    ``<link rel="modulepreload">`` for each once the first frame is painted, as it starts the engine: named in
    the head as links, they competed with the stylesheets on a slow phone (first question painted at 1.35 times
    the plain page instead of 1.04, make bench). The addresses carry the digests the imports carry
    (``wizard.browser.bundle.asset_text``), so they name the very modules that are imported.
    """
    return " ".join(f"wizard/{name}?v={digest}" for name, digest in module_graph("wizard.js"))


def prerendered_script(*, views_url: str, tree_url: str = "tree.json", assets_url: str = "../../assets/") -> str:
    """The ``<script type="module">`` for a tree page's ``<head>`` that answers from the pre-rendered views.

    ``wizard/assets/prerendered.js`` fetches ``views_url`` (the table of ``wizard.site.prerender``, with a
    digest of its text) once the page is painted, and gives wizard.js the views it holds while the engine is
    still loading. Its own ``data-`` attributes say which table goes with which tree.
    """
    return (
        f'<script type="module" src="{esc(assets_url)}wizard/prerendered.js?v={asset_digest("prerendered.js")}" '
        f'data-wizard-tree="{esc(tree_url)}" data-wizard-views="{esc(views_url)}"></script>'
    )
