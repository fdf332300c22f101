"""The static half of a tree page: every question and outcome as a linked section, and the sources.

Every option is a link to the section it leads to, so the whole procedure can be followed by plain links,
printed, and indexed by search, with or without JavaScript.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wizard.core import expr, kinds
from wizard.core.messages import language_of
from wizard.core.views.markup import esc
from wizard.core.views.question import answers_listed
from wizard.markdown_render import is_safe_url, render_markdown
from wizard.site.conditions import describe_condition, describe_date
from wizard.site.order import outcomes_citing, reading_order
from wizard.site.text import node_anchor, node_title, source_anchor
from wizard.site.wording import readable_date_in, say, wording


def _link_to(tree: Mapping[str, Any], node_id: str, text: str | None = None) -> str:
    target = tree["nodes"].get(node_id)
    shown = text if text is not None else (_title(tree, target) if target else node_id)
    return f'<a class="rc-link" href="#{esc(node_anchor(node_id))}">{esc(shown)}</a>'


def _title(tree: Mapping[str, Any], node: Mapping[str, Any]) -> str:
    return node_title(node, say(tree, "route_title"))


def _sources_links(tree: Mapping[str, Any], basis: list[str]) -> str:
    sources = tree.get("sources", {})
    return say(tree, "list_comma").join(
        f'<a href="#{esc(source_anchor(source_id))}">{esc(_source_name(tree, sources.get(source_id), source_id))}</a>'
        for source_id in basis
    )


def _because(tree: Mapping[str, Any], way: Mapping[str, Any], *, with_reason: bool = True) -> str:
    """The reason of an option, branch or ``next`` (unless already shown) and the sources it rests on."""
    reason = esc(way["because"]) if with_reason and way.get("because") else ""
    basis = way.get("basis") or []
    sources = say(tree, "based_on", links=_sources_links(tree, basis)) if basis else ""
    text = " ".join(part for part in (reason, sources) if part)
    return f' <span class="rc-because">{text}</span>' if text else ""


def _question_body(tree: Mapping[str, Any], node: Mapping[str, Any]) -> str:
    words = wording(tree)
    if kinds.has_options(node):
        items = "".join(
            f"<li>{_link_to(tree, option['next'], str(option['label']))}{_because(tree, option)}</li>"
            for option in node["options"]
        )
        return f'<p class="rc-prompt">{words["choose"]}</p><ul class="rc-options">{items}</ul>'
    listed_boxes = ""
    answers = answers_listed(node, language_of(tree))
    if answers is not None:
        what, listed_boxes = answers
    elif kinds.answer_type(node) == expr.TYPE_NUMBER:
        limits = []
        if node.get("min") is not None:
            limits.append(words["number_at_least"].format(value=esc(node["min"])))
        if node.get("max") is not None:
            limits.append(words["number_at_most"].format(value=esc(node["max"])))
        if node.get("integer", True):
            limits.append(words["number_whole_limit"])
        unit = words["number_unit"].format(unit=esc(node["unit"])) if node.get("unit") else ""
        listed = words["limits_lead"] + words["list_comma"].join(limits) if limits else ""
        what = words["number_answer"].format(unit=unit, limits=listed)
    else:
        bounds = []
        for key, word in (("min", "date_not_before"), ("max", "date_not_after")):
            value = node.get(key)
            if value is not None:
                day = words["today"] if value == "today" else esc(readable_date_in(tree, str(value)))
                bounds.append(words[word].format(value=day))
        listed = words["bounds_lead"] + words["bounds_and"].join(bounds) if bounds else ""
        what = words["date_answer"].format(bounds=listed)
    then = words["then"].format(link=_link_to(tree, node["next"]))
    return (
        f'<p class="rc-prompt">{what}</p>{listed_boxes}'
        f'<ul class="rc-options"><li>{then}{_because(tree, node)}</li></ul>'
    )


def _route_body(tree: Mapping[str, Any], node: Mapping[str, Any]) -> str:
    items = []
    for branch in node.get("branches", []):
        # The condition in words when it has a simple form; else the editor's reason, which states the rule;
        # the formula itself only as a last resort.
        words = describe_condition(tree, branch["if"])
        if words is not None:
            rule, with_reason = say(tree, "if_words", words=words), True
        elif branch.get("because"):
            rule, with_reason = say(tree, "if_rule", rule=esc(branch["because"])), False
        else:
            rule, with_reason = say(tree, "if_rule", rule=f"<code>{esc(branch['if'])}</code>"), True
        items.append(
            f'<li><span class="rc-rule">{rule}</span> {_link_to(tree, branch["next"])}'
            f"{_because(tree, branch, with_reason=with_reason)}</li>"
        )
    otherwise = node.get("else")
    if otherwise is not None:
        items.append(
            f'<li><span class="rc-rule">{say(tree, "otherwise")}</span> {_link_to(tree, otherwise["next"])}'
            f"{_because(tree, otherwise)}</li>"
        )
    return (
        f'<p class="rc-prompt">{say(tree, "nothing_to_answer")}</p>'
        f'<ul class="rc-options rc-options--rules">{"".join(items)}</ul>'
    )


def _only_if(tree: Mapping[str, Any], condition: str | None) -> str:
    """When a conditional step or deadline applies, in words where possible."""
    if not condition:
        return ""
    words = describe_condition(tree, condition)
    if words is None:
        return f'<p class="rc-when">{say(tree, "only_some_cases")}</p>'
    return f'<p class="rc-when">{say(tree, "only_if", words=words)}</p>'


def _deadline(tree: Mapping[str, Any], deadline: dict[str, Any]) -> str:
    words = describe_date(tree, deadline["date"])
    when = words if words is not None else say(tree, "worked_out_date")
    passed = deadline.get("passed")
    afterwards = ""
    if passed:
        lead = f'<p class="rc-passed__lead">{say(tree, "once_passed")}</p>'
        afterwards = f'<div class="rc-passed">{lead}{render_markdown(passed)}</div>'

    label = f'<span class="rc-deadline__label">{esc(deadline["label"])}</span>'
    return (
        f'<li>{say(tree, "deadline_line", label=label, when=when)}'
        f"{_only_if(tree, deadline.get('if'))}{afterwards}</li>"
    )


def _outcome_body(tree: Mapping[str, Any], node: Mapping[str, Any]) -> str:
    parts = [f'<div class="rc-explanation">{render_markdown(str(node.get("explanation") or ""))}</div>']
    steps = node.get("next_steps") or []
    if steps:
        items = "".join(
            f"<li>{render_markdown(str(step.get('text') or ''))}{_only_if(tree, step.get('if'))}</li>" for step in steps
        )
        parts.append(f'<h4>{say(tree, "next_steps")}</h4><ol class="rc-steps">{items}</ol>')
    deadlines = node.get("deadlines") or []
    if deadlines:
        items = "".join(_deadline(tree, deadline) for deadline in deadlines)
        parts.append(f'<h4>{say(tree, "deadlines")}</h4><ul class="rc-deadlines">{items}</ul>')
    basis = node.get("basis") or []
    if basis:
        parts.append(f'<p class="rc-basis">{say(tree, "based_on", links=_sources_links(tree, basis))}</p>')
    parts.append(f'<p class="rc-restart">{_link_to(tree, tree["start"], say(tree, "start_again"))}</p>')
    return "".join(parts)


def _source_name(tree: Mapping[str, Any], source: Mapping[str, Any] | None, source_id: str) -> str:
    if not source:
        return source_id
    section = source.get("section")
    return f"{source['title']}{say(tree, 'list_comma')}{section}" if section else str(source["title"])


def node_section(tree: Mapping[str, Any], node_id: str) -> str:
    """One node as a ``<section>`` whose heading has the id ``node-<id>``.

    The section is not named (no ``aria-labelledby``), so it is not a landmark: two outcomes may share a
    verdict, and landmarks must have unique names (axe's ``landmark-unique``); a landmark per node would also
    bury the page's real landmarks. Readers move between nodes by their headings.
    """
    node: Mapping[str, Any] = tree["nodes"][node_id]
    kind = node["type"]
    classes = f"rc-node rc-node--{esc(kind)}"
    if kinds.is_outcome(node):
        classes += f" rc-tone--{esc(node.get('tone') or 'info')}"
        body = _outcome_body(tree, node)
    elif kinds.is_route(node):
        body = _route_body(tree, node)
    else:
        help_text = node.get("help")
        help_html = f'<div class="rc-help">{render_markdown(help_text)}</div>' if help_text else ""
        body = help_html + _question_body(tree, node)
    anchor = esc(node_anchor(node_id))
    kind_label = say(tree, "kind_outcome" if kinds.is_outcome(node) else
                     "kind_question" if kinds.is_question(node) else "kind_rule")
    return (
        f'<section class="{classes}">'
        f'<p class="rc-node__kind">{kind_label}</p>'
        f'<h3 id="{anchor}">{esc(_title(tree, node))}</h3>{body}</section>'
    )


def all_answers(tree: Mapping[str, Any]) -> str:
    """Every node of the tree as linked sections, questions first, then outcomes."""
    sections = "\n".join(node_section(tree, node_id) for node_id in reading_order(tree))
    return f'<div class="rc-answers">\n{sections}\n</div>'


def sources_list(tree: Mapping[str, Any]) -> str:
    """The legal basis and sources, each with links to the outcomes that rely on it."""
    citing = outcomes_citing(tree)
    words = wording(tree)
    items = []
    for source_id, source in tree.get("sources", {}).items():
        parts = [f'<cite class="rc-source__title">{esc(source["title"])}</cite>']
        if source.get("section"):
            parts.append(f"{words['list_comma']}{esc(source['section'])}")
        kind = source.get("kind") or "law"
        parts.append(f' <span class="rc-source__kind">({esc(words.get(f"kind_{kind}", kind))})</span>')
        link = source.get("link")
        if link and is_safe_url(link) and str(link).lower().startswith(("https://", "http://")):
            # noreferrer: the address of this page is nobody else's business.
            parts.append(f' <a href="{esc(link)}" rel="noopener noreferrer">{words["read_source"]}</a>')
        if source.get("note"):
            parts.append(f'<br><span class="rc-source__note">{esc(source["note"])}</span>')
        users = citing.get(source_id, [])
        if users:
            links = words["list_comma"].join(_link_to(tree, node_id) for node_id in users)
            parts.append(f'<br><span class="rc-source__users">{words["relied_on_by"].format(links=links)}</span>')
        items.append(f'<li id="{esc(source_anchor(source_id))}">{"".join(parts)}</li>')
    return f'<ul class="rc-sources">{"".join(items)}</ul>'
