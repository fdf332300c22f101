"""The wizard's mount point, with the first question already on the page.

The page shows the first question at once, as links: each answer of a choice goes to where it leads in
"All answers", and a number or date question links to its own section there. Links work without JavaScript and
send nothing anywhere (a form would send the answer to the server in its address). The form that takes the
answer in the wizard comes beside them in a ``<template>``, inert until the script puts it in their place; its
markup follows the contract with the browser wizard, which re-renders the same structure. The links take the
same room as the form, so the page does not move when the script swaps them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from wizard.browser.bundle import asset_digest
from wizard.core import expr, kinds, vocabulary
from wizard.core.messages import language_of
from wizard.core.vocabulary import SOURCE_LANGUAGE
from wizard.markdown_render import render_markdown
from wizard.site.text import esc, node_anchor
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


def _choices(node_id: str, node: Mapping[str, Any]) -> str:
    radios = []
    for option in node["options"]:
        key = esc(option["key"])
        field_id = f"rc-{esc(node_id)}-{key}"
        radios.append(
            '<div class="rc-radio">'
            f'<input class="rc-radio__input" type="radio" name="answer" id="{field_id}" value="{key}">'
            f'<label class="rc-radio__label" for="{field_id}">{esc(option["label"])}</label>'
            "</div>"
        )
    return '<div class="rc-radios">' + "".join(radios) + "</div>"


def _number(node_id: str, node: Mapping[str, Any], words: dict[str, str]) -> str:
    field_id = f"rc-{esc(node_id)}-answer"
    unit = node.get("unit")
    label = words["your_answer_unit"].format(unit=esc(unit)) if unit else words["your_answer"]
    unit_span = f' <span class="rc-unit">{esc(unit)}</span>' if unit else ""
    return (
        f'<div class="rc-field"><label class="rc-label" for="{field_id}">{label}</label>'
        f'<input class="rc-input" type="text" inputmode="decimal" id="{field_id}" name="answer">'
        f"{unit_span}</div>"
    )


def _date(node_id: str, words: dict[str, str]) -> str:
    """Day, month and year as three labelled fields (GOV.UK's date input), in the language's order."""
    nid = esc(node_id)
    fields = []
    for part in words["date_parts"].split():
        field_id = f"rc-{nid}-{part}"
        fields.append(
            f'<div class="rc-date__item rc-date__item--{part}">'
            f'<label class="rc-label rc-date__label" for="{field_id}">{words[f"date_label_{part}"]}</label>'
            f'<input class="rc-input rc-date__input rc-date__input--{part}" id="{field_id}" type="text" '
            f'name="answer-{part}" data-rc-part="{part}" inputmode="numeric" autocomplete="off" '
            f'maxlength="{4 if part == "year" else 2}" aria-describedby="rc-hint-{nid}"></div>'
        )
    return (
        f'<div class="rc-field"><p class="rc-hint" id="rc-hint-{nid}">{words["date_hint"]}</p>'
        f'<div class="rc-date">{"".join(fields)}</div></div>'
    )


def question_form(node_id: str, node: Mapping[str, Any], words: dict[str, str] | None = None) -> str:
    """One question as the wizard's form (choice, yesno, number or date), labelled with ``words``.

    ``words`` is the page wording of the tree's language (``wizard.site.wording``); English by default.
    """
    words = words or page_words(SOURCE_LANGUAGE)
    nid = esc(node_id)
    help_text = node.get("help")
    described = f' aria-describedby="rc-help-{nid}"' if help_text else ""
    help_html = f'<div class="rc-help" id="rc-help-{nid}">{render_markdown(help_text)}</div>' if help_text else ""
    if kinds.has_options(node):
        answer = _choices(node_id, node)
    elif kinds.answer_type(node) == expr.TYPE_NUMBER:
        answer = _number(node_id, node, words)
    else:
        answer = _date(node_id, words)
    # No action: the form only ever exists once the wizard's script has put it on the page, and the script
    # answers every submit itself (the security policy's form-action 'none' stops any other).
    return (
        f'<form class="rc-question" data-node="{nid}" novalidate>'
        f'<fieldset class="rc-fieldset"{described}>'
        f'<legend class="rc-legend" tabindex="-1">{esc(node["question"])}</legend>'
        f"{help_html}{answer}</fieldset>"
        f'<button type="submit" class="md-button md-button--primary rc-continue">{words["continue"]}</button>'
        "</form>"
    )


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
            f'<div class="rc-radio"><a class="rc-radio__label rc-radio__link" '
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
                + f'<template class="rc-first-question">{question_form(start, node, words)}</template>')
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
    starts the worker itself, later.
    """
    return (
        f'<script src="{esc(assets_url)}wizard/start.js?v={asset_digest("start.js")}" async '
        f'data-wizard-tree="{esc(tree_url)}" data-wizard-assets="{esc(assets_url)}"></script>'
    )


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
