"""The static half of a tree page: every question and outcome as a linked section, and the sources.

Every option is a link to the section it leads to, so the whole procedure can be followed by plain links,
printed, and indexed by search, with or without JavaScript.
"""

from __future__ import annotations

from typing import Any

from wizard.markdown_render import is_safe_url, render_markdown
from wizard.site.conditions import describe_condition, describe_date
from wizard.site.order import outcomes_citing, reading_order
from wizard.site.text import esc, is_question_type, node_anchor, node_title, source_anchor

SOURCE_KIND_LABELS = {
    "law": "Law or regulation",
    "platform_rule": "Platform rule",
    "platform_practice": "How the platform works in practice",
    "guidance": "Official guidance",
}


def _link_to(tree: dict[str, Any], node_id: str, text: str | None = None) -> str:
    target = tree["nodes"].get(node_id)
    shown = text if text is not None else (node_title(target) if target else node_id)
    return f'<a class="rc-link" href="#{esc(node_anchor(node_id))}">{esc(shown)}</a>'


def _sources_links(tree: dict[str, Any], basis: list[str]) -> str:
    sources = tree.get("sources", {})
    return ", ".join(
        f'<a href="#{esc(source_anchor(source_id))}">{esc(_source_name(sources.get(source_id), source_id))}</a>'
        for source_id in basis
    )


def _because(tree: dict[str, Any], way: dict[str, Any], *, with_reason: bool = True) -> str:
    """The reason of an option, branch or ``next`` (unless already shown) and the sources it rests on."""
    reason = esc(way["because"]) if with_reason and way.get("because") else ""
    basis = way.get("basis") or []
    sources = f"Based on: {_sources_links(tree, basis)}." if basis else ""
    text = " ".join(part for part in (reason, sources) if part)
    return f' <span class="rc-because">{text}</span>' if text else ""


def _question_body(tree: dict[str, Any], node: dict[str, Any]) -> str:
    kind = node["type"]
    if kind in ("choice", "yesno"):
        items = "".join(
            f"<li>{_link_to(tree, option['next'], str(option['label']))}{_because(tree, option)}</li>"
            for option in node["options"]
        )
        return f'<p class="rc-prompt">Choose your answer:</p><ul class="rc-options">{items}</ul>'
    if kind == "number":
        limits = []
        if node.get("min") is not None:
            limits.append(f"at least {esc(node['min'])}")
        if node.get("max") is not None:
            limits.append(f"at most {esc(node['max'])}")
        if node.get("integer", True):
            limits.append("a whole number")
        unit = f" ({esc(node['unit'])})" if node.get("unit") else ""
        what = f"Answer with a number{unit}" + (": " + ", ".join(limits) if limits else "") + "."
    else:
        bounds = []
        for key, word in (("min", "not before"), ("max", "not after")):
            value = node.get(key)
            if value is not None:
                bounds.append(f"{word} {'today' if value == 'today' else esc(value)}")
        what = "Answer with a date" + (", " + " and ".join(bounds) if bounds else "") + "."
    return (
        f'<p class="rc-prompt">{what}</p>'
        f'<ul class="rc-options"><li>Then: {_link_to(tree, node["next"])}{_because(tree, node)}</li></ul>'
    )


def _route_body(tree: dict[str, Any], node: dict[str, Any]) -> str:
    items = []
    for branch in node.get("branches", []):
        # The condition in words when it has a simple form; else the editor's reason, which states the rule;
        # the formula itself only as a last resort.
        words = describe_condition(tree, branch["if"])
        if words is not None:
            rule, with_reason = f"If {words}:", True
        elif branch.get("because"):
            rule, with_reason = f"If: {esc(branch['because'])}", False
        else:
            rule, with_reason = f"If: <code>{esc(branch['if'])}</code>", True
        items.append(
            f'<li><span class="rc-rule">{rule}</span> {_link_to(tree, branch["next"])}'
            f"{_because(tree, branch, with_reason=with_reason)}</li>"
        )
    otherwise = node.get("else")
    if otherwise is not None:
        items.append(
            f'<li><span class="rc-rule">Otherwise:</span> {_link_to(tree, otherwise["next"])}'
            f"{_because(tree, otherwise)}</li>"
        )
    return (
        '<p class="rc-prompt">Nothing to answer here: the next step depends on your earlier answers.</p>'
        f'<ul class="rc-options rc-options--rules">{"".join(items)}</ul>'
    )


def _only_if(tree: dict[str, Any], condition: str | None) -> str:
    """When a conditional step or deadline applies, in words where possible."""
    if not condition:
        return ""
    words = describe_condition(tree, condition)
    if words is None:
        return '<p class="rc-when">Only in some cases: the wizard shows it when it applies to you.</p>'
    return f'<p class="rc-when">Only if {words}.</p>'


def _deadline(tree: dict[str, Any], deadline: dict[str, Any]) -> str:
    words = describe_date(tree, deadline["date"])
    when = words if words is not None else "a date the wizard works out from your answers"
    passed = deadline.get("passed")
    afterwards = ""
    if passed:
        lead = '<p class="rc-passed__lead">Once this date has passed:</p>'
        afterwards = f'<div class="rc-passed">{lead}{render_markdown(passed)}</div>'

    return (
        f'<li><span class="rc-deadline__label">{esc(deadline["label"])}</span>: {when}.'
        f"{_only_if(tree, deadline.get('if'))}{afterwards}</li>"
    )


def _outcome_body(tree: dict[str, Any], node: dict[str, Any]) -> str:
    parts = [f'<div class="rc-explanation">{render_markdown(str(node.get("explanation") or ""))}</div>']
    steps = node.get("next_steps") or []
    if steps:
        items = "".join(
            f"<li>{render_markdown(str(step.get('text') or ''))}{_only_if(tree, step.get('if'))}</li>" for step in steps
        )
        parts.append(f'<h4>What to do next</h4><ol class="rc-steps">{items}</ol>')
    deadlines = node.get("deadlines") or []
    if deadlines:
        items = "".join(_deadline(tree, deadline) for deadline in deadlines)
        parts.append(f'<h4>Deadlines</h4><ul class="rc-deadlines">{items}</ul>')
    basis = node.get("basis") or []
    if basis:
        parts.append(f'<p class="rc-basis">Based on: {_sources_links(tree, basis)}.</p>')
    parts.append(f'<p class="rc-restart">{_link_to(tree, tree["start"], "Start again from the first question")}</p>')
    return "".join(parts)


def _source_name(source: dict[str, Any] | None, source_id: str) -> str:
    if not source:
        return source_id
    section = source.get("section")
    return f"{source['title']}, {section}" if section else str(source["title"])


def node_section(tree: dict[str, Any], node_id: str) -> str:
    """One node as a ``<section>`` whose heading has the id ``node-<id>``."""
    node = tree["nodes"][node_id]
    kind = node["type"]
    classes = f"rc-node rc-node--{esc(kind)}"
    if kind == "outcome":
        classes += f" rc-tone--{esc(node.get('tone') or 'info')}"
        body = _outcome_body(tree, node)
    elif kind == "route":
        body = _route_body(tree, node)
    else:
        help_text = node.get("help")
        help_html = f'<div class="rc-help">{render_markdown(help_text)}</div>' if help_text else ""
        body = help_html + _question_body(tree, node)
    anchor = esc(node_anchor(node_id))
    kind_label = "Outcome" if kind == "outcome" else "Question" if is_question_type(kind) else "Rule"
    return (
        f'<section class="{classes}" aria-labelledby="{anchor}">'
        f'<p class="rc-node__kind">{kind_label}</p>'
        f'<h3 id="{anchor}">{esc(node_title(node))}</h3>{body}</section>'
    )


def all_answers(tree: dict[str, Any]) -> str:
    """Every node of the tree as linked sections, questions first, then outcomes."""
    sections = "\n".join(node_section(tree, node_id) for node_id in reading_order(tree))
    return f'<div class="rc-answers">\n{sections}\n</div>'


def sources_list(tree: dict[str, Any]) -> str:
    """The legal basis and sources, each with links to the outcomes that rely on it."""
    citing = outcomes_citing(tree)
    items = []
    for source_id, source in tree.get("sources", {}).items():
        parts = [f'<cite class="rc-source__title">{esc(source["title"])}</cite>']
        if source.get("section"):
            parts.append(f", {esc(source['section'])}")
        kind = source.get("kind") or "law"
        parts.append(f' <span class="rc-source__kind">({esc(SOURCE_KIND_LABELS.get(kind, kind))})</span>')
        link = source.get("link")
        if link and is_safe_url(link) and str(link).lower().startswith(("https://", "http://")):
            # noreferrer: the address of this page is nobody else's business.
            parts.append(f' <a href="{esc(link)}" rel="noopener noreferrer">Read the source</a>')
        if source.get("note"):
            parts.append(f'<br><span class="rc-source__note">{esc(source["note"])}</span>')
        users = citing.get(source_id, [])
        if users:
            links = ", ".join(_link_to(tree, node_id) for node_id in users)
            parts.append(f'<br><span class="rc-source__users">Relied on by: {links}</span>')
        items.append(f'<li id="{esc(source_anchor(source_id))}">{"".join(parts)}</li>')
    return f'<ul class="rc-sources">{"".join(items)}</ul>'
