"""Page generation from a compiled tree: the wizard's first form, "All answers", sources, escaping."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import yaml

from wizard.site.answers import all_answers, sources_list
from wizard.site.form import mount_point
from wizard.site.page import front_matter, intro, render_page

Parse = Callable[[str], Any]


def test_mount_point_follows_the_contract(tree: dict[str, Any], html_parser: Parse) -> None:
    doc = html_parser(mount_point(tree))
    wizard = doc.by_id("wizard")
    assert wizard is not None and wizard.classes() == {"rc-wizard"}
    assert wizard.attrs["data-wizard-state"] == "loading"
    assert wizard.attrs["data-wizard-node"] == "penalty_kind"
    assert wizard.attrs["data-wizard-tree"] == "tree.json"
    assert wizard.attrs["data-wizard-assets"] == "../../assets/"
    assert wizard.attrs["data-wizard-slug"] == "appeal-penalty"
    status = wizard.find_all("div", "rc-wizard__status")[0]
    assert status.attrs["role"] == "status" and status.attrs["aria-live"] == "polite"
    (form,) = wizard.find_all("form", "rc-question")
    assert form.attrs["data-node"] == "penalty_kind" and "novalidate" in form.attrs
    (fieldset,) = form.find_all("fieldset", "rc-fieldset")
    assert fieldset.attrs["aria-describedby"] == "rc-help-penalty_kind"
    (legend,) = fieldset.find_all("legend", "rc-legend")
    assert legend.text() == "What kind of penalty did your store receive?" and legend.attrs["tabindex"] == "-1"
    help_div = doc.by_id("rc-help-penalty_kind")
    assert help_div is not None and "rc-help" in help_div.classes()
    assert [e.text() for e in help_div.iter("em")] == ["Integrity management"]
    radios = form.find_all("input", "rc-radio__input")
    options = tree["nodes"]["penalty_kind"]["options"]
    assert [r.attrs["value"] for r in radios] == [o["key"] for o in options]
    for radio, option in zip(radios, options, strict=True):
        assert radio.attrs["type"] == "radio" and radio.attrs["name"] == "answer"
        assert radio.attrs["id"] == f"rc-penalty_kind-{option['key']}"
        (label,) = [lab for lab in doc.iter("label") if lab.attrs.get("for") == radio.attrs["id"]]
        assert label.text() == option["label"]
    (button,) = form.find_all("button", "rc-continue")
    assert button.attrs["type"] == "submit" and button.text() == "Continue"
    (noscript,) = wizard.find_all("noscript")
    assert [a.attrs["href"] for a in noscript.iter("a")] == ["#all-answers"]
    # The form is inert in a template (the script puts it on the page) and sends nothing anywhere itself.
    (template,) = wizard.find_all("template", "rc-first-question")
    assert form.parent is template and "action" not in form.attrs and "method" not in form.attrs
    # What the page shows before the script, and without it: the question, each answer a link to where it
    # leads in "All answers" (as that section's own links), and the room of the Continue button, empty.
    (links,) = wizard.find_all("div", "rc-question--links")
    assert links.attrs["data-node"] == "penalty_kind"
    assert [e.text() for e in links.iter("legend")] == ["What kind of penalty did your store receive?"]
    assert [a.text() for a in links.iter("a")] == [o["label"] for o in options]
    assert [a.attrs["href"] for a in links.iter("a")] == [f"#node-{o['next']}" for o in options]
    assert links.find_all("input") == [] and links.find_all("button") == []
    (room,) = links.find_all("span", "rc-continue--room")
    assert room.attrs["aria-hidden"] == "true"


def test_a_number_or_date_first_question_links_to_its_section(tree: dict[str, Any], html_parser: Parse) -> None:
    for start in ("amount", "received"):
        tree["start"] = start
        doc = html_parser(mount_point(tree))
        (links,) = doc.find_all("div", "rc-question--links")
        assert [a.attrs["href"] for a in links.iter("a")] == [f"#node-{start}"]
        assert links.find_all("input") == []


def test_question_without_help_has_no_help_div(tree: dict[str, Any], html_parser: Parse) -> None:
    tree["nodes"]["penalty_kind"]["help"] = None
    doc = html_parser(mount_point(tree))
    assert doc.find_all("div", "rc-help") == []
    assert "aria-describedby" not in doc.find_all("fieldset")[0].attrs


def test_number_and_date_questions_as_first_form(tree: dict[str, Any], html_parser: Parse) -> None:
    tree["start"] = "amount"
    # Issue 20: the one renderer's field (the wizard's own): digits only on phones for a whole number, a decimal
    # point when the question allows decimals, and the unit, already in the label, hidden from screen readers.
    for integer, keyboard in ((True, "numeric"), (False, "decimal")):
        tree["nodes"]["amount"]["integer"] = integer
        doc = html_parser(mount_point(tree))
        (field,) = doc.find_all("input", "rc-input")
        assert field.attrs == {
            "class": "rc-input rc-input--number",
            "type": "text",
            "inputmode": keyboard,
            "id": "rc-amount-answer",
            "name": "answer",
            "autocomplete": "off",
        }
        assert doc.find_all("label", "rc-label")[0].text() == "Your answer (yuan)"
        (unit,) = doc.find_all("span", "rc-unit")
        assert unit.text() == "yuan" and unit.attrs["aria-hidden"] == "true"
    tree["start"] = "received"
    doc = html_parser(mount_point(tree))
    # Issue 17: a date is asked as day, month and year fields (GOV.UK's date input), digits only.
    fields = doc.find_all("input", "rc-input")
    assert [f.attrs["id"] for f in fields] == ["rc-received-day", "rc-received-month", "rc-received-year"]
    assert all(f.attrs["type"] == "text" and f.attrs["inputmode"] == "numeric" for f in fields)
    assert [label.text() for label in doc.find_all("label", "rc-label")] == ["Day", "Month", "Year"]
    assert doc.find_all("p", "rc-hint")[0].text() == "For example, 27 3 2026"


def test_a_route_at_the_start_links_to_it_instead_of_a_form(tree: dict[str, Any], html_parser: Parse) -> None:
    tree["start"] = "window"
    doc = html_parser(mount_point(tree))
    assert doc.find_all("form") == []
    assert [a.attrs["href"] for a in doc.by_id("wizard").iter("a")] == ["#node-window", "#all-answers"]


def _sections(doc: Any) -> dict[str, Any]:
    sections = {}
    for section in doc.find_all("section", "rc-node"):
        (heading,) = section.find_all("h3")
        sections[heading.attrs["id"]] = section
    return sections


def test_every_node_is_a_section_with_its_anchor(tree: dict[str, Any], html_parser: Parse) -> None:
    sections = _sections(html_parser(all_answers(tree)))
    assert set(sections) == {f"node-{node_id}" for node_id in tree["nodes"]}
    # Questions before outcomes, the first question first.
    order = list(sections)
    assert order[0] == "node-penalty_kind"
    outcomes = [f"node-{n}" for n, node in tree["nodes"].items() if node["type"] == "outcome"]
    assert sorted(order[-len(outcomes) :]) == sorted(outcomes)


def test_every_way_out_of_a_node_is_a_link(tree: dict[str, Any], html_parser: Parse) -> None:
    sections = _sections(html_parser(all_answers(tree)))

    def links(node_id: str) -> list[str]:
        return [a.attrs["href"] for a in sections[f"node-{node_id}"].find_all("a", "rc-link")]

    assert links("penalty_kind") == ["#node-no_appeal_needed", "#node-received", "#node-amount"]
    assert links("amount") == ["#node-first_time"]
    assert links("received") == ["#node-window"]
    assert links("first_time") == ["#node-appeal_now", "#node-too_late"]
    assert links("window") == ["#node-appeal_now", "#node-maybe_late", "#node-too_late"]
    # Outcomes only link back to the start.
    assert links("too_late") == ["#node-penalty_kind"]
    option_texts = [a.text() for a in sections["node-penalty_kind"].find_all("a", "rc-link")]
    assert option_texts == [o["label"] for o in tree["nodes"]["penalty_kind"]["options"]]


def test_outcomes_show_tone_steps_deadlines_and_basis(tree: dict[str, Any], html_parser: Parse) -> None:
    sections = _sections(html_parser(all_answers(tree)))
    for node_id, node in tree["nodes"].items():
        if node["type"] == "outcome":
            assert f"rc-tone--{node['tone']}" in sections[f"node-{node_id}"].classes()
    appeal = sections["node-appeal_now"]
    steps = appeal.find_all("ol", "rc-steps")[0].find_all("li")
    assert [s.find_all("p")[0].text() for s in steps] == [
        "Collect chat records and order numbers.",
        "Submit the appeal from the complaint page.",
    ]
    assert steps[1].find_all("p", "rc-when") and not steps[0].find_all("p", "rc-when")
    assert "Submit your appeal by" in appeal.find_all("ul", "rc-deadlines")[0].text()
    basis = sections["node-maybe_late"].find_all("p", "rc-basis")[0]
    assert [a.attrs["href"] for a in basis.iter("a")] == ["#source-platform_rules", "#source-measures"]


RECEIVED = "the date you gave for “On which day did the penalty notice arrive?”"


def test_routes_show_the_condition_in_words_or_else_the_reason(tree: dict[str, Any], html_parser: Parse) -> None:
    node = tree["nodes"]["window"]
    node["branches"] += [
        {"if": "days_between(received, today) * 2 <= 14", "next": "too_late", "because": "Late appeals are rare."},
        {"if": "days_between(received, today) * 2 <= 16", "next": "too_late", "because": None},
    ]
    node["else"]["basis"] = ["measures"]
    window = _sections(html_parser(all_answers(tree)))["node-window"]
    rules = [r.text() for r in window.find_all("span", "rc-rule")]
    assert rules == [
        f"If at most 3 days have passed since {RECEIVED}:",
        f"If at most 5 days have passed since {RECEIVED}:",
        "If: Late appeals are rare.",  # no words for this formula: the reason states the rule
        "If: days_between(received, today) * 2 <= 16",  # neither: the formula itself
        "Otherwise:",
    ]
    reasons = [r.text() for r in window.find_all("span", "rc-because")]
    assert reasons == [
        "Appeals are accepted for 3 days after the notice.",
        "More than 5 days have passed since the notice. Based on: Measures.",
    ]
    (source,) = window.find_all("span", "rc-because")[1].iter("a")
    assert source.attrs["href"] == "#source-measures"


def test_options_show_their_reason_and_sources(tree: dict[str, Any], html_parser: Parse) -> None:
    tree["nodes"]["penalty_kind"]["options"][0]["basis"] = ["platform_rules"]
    question = _sections(html_parser(all_answers(tree)))["node-penalty_kind"]
    (warning, *_) = question.find_all("li")
    assert warning.find_all("span", "rc-because")[0].text() == (
        "A warning carries no points. Based on: Tmall rules on complaints, Appeals."
    )


def test_conditional_steps_and_deadlines_say_when_they_apply(tree: dict[str, Any], html_parser: Parse) -> None:
    outcome = tree["nodes"]["appeal_now"]
    outcome["next_steps"].append({"text": "Ask for a fine review.", "if": "penalty_kind == 'fine'"})
    outcome["next_steps"].append({"text": "Check the rules.", "if": "min(amount, 3) > 1"})
    outcome["deadlines"][0]["passed"] = "Appeal **anyway**."
    outcome["deadlines"].append({"id": "x", "label": "Hear back by", "date": "add_months(today, 1)", "if": None})
    appeal = _sections(html_parser(all_answers(tree)))["node-appeal_now"]
    conditions = [p.text() for p in appeal.find_all("p", "rc-when")]
    assert conditions == [
        f"Only if {RECEIVED} is after 1 January 2026.",
        "Only if you answered “A fine” to “What kind of penalty did your store receive?”.",
        "Only in some cases: the wizard shows it when it applies to you.",
    ]
    deadlines = appeal.find_all("ul", "rc-deadlines")[0].find_all("li")
    assert deadlines[0].text().startswith(f"Submit your appeal by: 3 days after {RECEIVED}.")
    (passed,) = deadlines[0].find_all("div", "rc-passed")
    assert passed.text() == "Once this date has passed:Appeal anyway." and passed.find_all("strong")
    assert deadlines[1].text() == "Hear back by: a date the wizard works out from your answers."


def test_sources_list_links_and_the_outcomes_that_rely_on_them(tree: dict[str, Any], html_parser: Parse) -> None:
    doc = html_parser(sources_list(tree))
    rules = doc.by_id("source-platform_rules")
    assert rules is not None
    external = [a for a in rules.iter("a") if not a.attrs["href"].startswith("#")]
    assert [a.attrs["href"] for a in external] == ["https://rule.tmall.com/appeals"]
    assert external[0].attrs["rel"] == "noopener noreferrer"
    users = rules.find_all("span", "rc-source__users")[0]
    assert [a.attrs["href"] for a in users.iter("a")] == ["#node-appeal_now", "#node-maybe_late", "#node-too_late"]
    unused = doc.by_id("source-unused")
    assert unused is not None and list(unused.iter("a")) == []  # a javascript: link is never a link


def test_tree_text_is_escaped_everywhere(tree: dict[str, Any], html_parser: Parse) -> None:
    hostile = tree["nodes"]["penalty_kind"]["options"][1]["label"]
    tree["title"] = hostile
    tree["summary"] = hostile
    tree["nodes"]["too_late"]["verdict"] = hostile
    tree["nodes"]["window"]["title"] = hostile
    tree["sources"]["measures"]["note"] = hostile
    html = "".join(part(tree) for part in (intro, mount_point, all_answers, sources_list))
    doc = html_parser(html)
    # No script in the page's body: the engine starter goes into the head (form.start_script).
    assert list(doc.iter("script")) == []
    assert list(doc.iter("b")) == [] and list(doc.iter("i")) == []
    texts = [e.text() for e in doc.iter() if e.tag in ("h3", "label", "p", "a", "span")]
    assert texts.count(hostile) >= 5


def test_front_matter_is_yaml_with_escaped_title(tree: dict[str, Any]) -> None:
    tree["title"] = 'Can I "appeal" <now>?\nReally: yes # no'
    text = front_matter(tree)
    meta = yaml.safe_load(text.strip().strip("-"))
    assert meta["title"] == "Can I &quot;appeal&quot; &lt;now&gt;?\nReally: yes # no"
    assert meta["description"] == "Find out whether the appeal window is still open &amp; what to send."


def test_page_has_its_sections_in_order(tree: dict[str, Any]) -> None:
    page = render_page(tree)
    positions = [
        page.index(marker)
        for marker in (
            "---\ntitle:",
            'class="rc-intro"',
            'id="wizard"',
            "## All answers {#all-answers}",
            "```mermaid\n",
            "## Legal basis and sources {#sources}",
        )
    ]
    assert positions == sorted(positions)
    assert "Who it is for" in page and "22 November 2026" in page and "not legal advice" in page
    # Every raw HTML block stands alone between blank lines, as Markdown requires.
    for block in re.findall(r"\n\n(<[^\n]*)", page):
        assert block.startswith(("<div", "<p", "<ul", "<details")), block


def test_assets_and_tree_url_can_be_moved(tree: dict[str, Any], html_parser: Parse) -> None:
    doc = html_parser(mount_point(tree, tree_url="x/tree.json", assets_url="../../../assets/"))
    wizard = doc.by_id("wizard")
    assert wizard.attrs["data-wizard-tree"] == "x/tree.json"
    assert wizard.attrs["data-wizard-assets"] == "../../../assets/"
