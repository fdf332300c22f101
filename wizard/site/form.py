"""The wizard's mount point, with the first question already rendered as an HTML form.

The markup follows the contract with the browser wizard, which re-renders the same structure: the page
shows the first question at once, and the script takes over the form when it has loaded.
"""

from __future__ import annotations

from typing import Any

from wizard.browser.bundle import asset_digest
from wizard.markdown_render import render_markdown
from wizard.site.text import esc, is_question_type, node_anchor
from wizard.site.wording import WORDING, wording


def _noscript(words: dict[str, str]) -> str:
    return f'<noscript><p class="rc-nojs">{words["noscript"]}</p></noscript>'


def _choices(node_id: str, node: dict[str, Any]) -> str:
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


def _number(node_id: str, node: dict[str, Any], words: dict[str, str]) -> str:
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
    field_id = f"rc-{esc(node_id)}-answer"
    return (
        f'<div class="rc-field"><label class="rc-label" for="{field_id}">{words["date_label"]}</label>'
        f'<input class="rc-input" type="date" id="{field_id}" name="answer"></div>'
    )


def question_form(node_id: str, node: dict[str, Any], words: dict[str, str] | None = None) -> str:
    """One question as the wizard's form (choice, yesno, number or date), labelled with ``words``.

    ``words`` is the page wording of the tree's language (``wizard.site.wording``); English by default.
    """
    words = words or WORDING["en"]
    nid = esc(node_id)
    help_text = node.get("help")
    described = f' aria-describedby="rc-help-{nid}"' if help_text else ""
    help_html = f'<div class="rc-help" id="rc-help-{nid}">{render_markdown(help_text)}</div>' if help_text else ""
    kind = node["type"]
    if kind in ("choice", "yesno"):
        answer = _choices(node_id, node)
    elif kind == "number":
        answer = _number(node_id, node, words)
    else:
        answer = _date(node_id, words)
    # The action only matters while the script has not taken over yet (or never does): submitting then
    # lands on the same question in "All answers", where every option is a link.
    return (
        f'<form class="rc-question" data-node="{nid}" action="#{node_anchor(node_id)}" novalidate>'
        f'<fieldset class="rc-fieldset"{described}>'
        f'<legend class="rc-legend" tabindex="-1">{esc(node["question"])}</legend>'
        f"{help_html}{answer}</fieldset>"
        f'<button type="submit" class="md-button md-button--primary rc-continue">{words["continue"]}</button>'
        "</form>"
    )


def mount_point(tree: dict[str, Any], *, tree_url: str = "tree.json", assets_url: str = "../../assets/") -> str:
    """The ``div#wizard`` the browser wizard mounts on, holding the first question.

    When the start is not a question (a route that only looks at today's date, say) there is nothing to
    ask before the script runs, so the div holds a link to the start in "All answers" instead of a form.
    """
    start = tree["start"]
    node = tree["nodes"][start]
    words = wording(tree)
    if is_question_type(node.get("type")):
        body = question_form(start, node, words)
    else:
        body = f'<p class="rc-start"><a href="#{node_anchor(start)}">{words["start_here"]}</a></p>'
    return (
        f'<div class="rc-wizard" id="wizard" data-wizard-state="loading" data-wizard-node="{esc(start)}" '
        f'data-wizard-tree="{esc(tree_url)}" data-wizard-assets="{esc(assets_url)}" '
        f'data-wizard-slug="{esc(tree["slug"])}">'
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
