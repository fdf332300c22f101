"""A checkbox question in the browser: ticking boxes, "None of these" on its own, Back with the boxes kept,
a change that reaches another outcome, the refusal of nothing ticked, in both languages (complaint-contents)."""

from __future__ import annotations

import urllib.parse

import pytest
from playwright.sync_api import Page

from wizard.core import kinds
from wizard.core.engine import step

from .axe_audit import axe_violations, describe
from .wizard_driver import (
    REPO,
    ROOT,
    act_and_wait,
    continue_,
    error_message,
    load_procedures,
    local_today,
    node,
    open_wizard,
    procedure_url,
    state,
)

SLUG = "complaint-contents"
QUESTION = "written_details"
BEFORE = {"in_remit": "yes", "method": "written", "respondent": "name_and_address", "request_and_facts": "yes"}
PROCEDURES = {language: next(p for p in load_procedures(REPO / "trees", language) if p.slug == SLUG)
              for language in ("en", "zh")}


@pytest.fixture
def context_options() -> dict[str, object]:
    """axe-core is added to the page as a script of its own: the page's security policy would refuse it."""
    return {"bypass_csp": True}


def _ticked(page: Page) -> list[str]:
    return [box.get_attribute("value") or "" for box in page.locator(f"{ROOT} input[type='checkbox']:checked").all()]


def _tick(page: Page, key: str, ticked: bool = True) -> None:
    page.set_checked(f"#rc-{QUESTION}-{key}", ticked)


def _next_steps(page: Page) -> list[str]:
    return [text.strip() for text in page.locator(f"{ROOT} .rc-next-steps li").all_inner_texts()]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_ticking_boxes_going_back_and_changing_them_reaches_the_right_outcome(page: Page, site_url: str,
                                                                              language: str) -> None:
    tree = PROCEDURES[language].tree
    boxes = tree["nodes"][QUESTION]["options"]
    labels = {box["key"]: box["label"] for box in boxes}
    open_wizard(page, procedure_url(site_url, SLUG, language))
    for question, answer in BEFORE.items():
        assert node(page) == question
        page.check(f"#rc-{question}-{answer}")
        continue_(page)
    assert (state(page), node(page)) == ("question", QUESTION)
    assert page.locator(f"{ROOT} fieldset input[type='checkbox']").count() == len(boxes)

    # Nothing ticked is refused, with the reader's words and the first box named by the error summary (once the
    # wizard no longer takes an empty Continue for the tail of a double click on the last one).
    page.wait_for_timeout(600)
    continue_(page)
    refused = step(tree, {**BEFORE, QUESTION: ""}, local_today())["error"]
    assert refused is not None and refused["message"] in (error_message(page) or "")
    assert page.get_attribute(f"{ROOT} .rc-error-summary a", "href") == f"#rc-{QUESTION}-{boxes[0]['key']}"
    violations = axe_violations(page, ROOT)
    assert not violations, describe(violations)

    # "None of these" unticks the others, and another box unticks it (GOV.UK's exclusive box).
    _tick(page, "your_name")
    _tick(page, "none")
    assert _ticked(page) == ["none"]
    _tick(page, "dated")
    assert _ticked(page) == ["dated"]

    # Two boxes: the outcome lists what is missing, and the answers summary shows the labels ticked.
    _tick(page, "your_name")
    continue_(page)
    answers = {**BEFORE, QUESTION: "your_name,dated"}
    expected = step(tree, answers, local_today())
    assert expected["outcome"] is not None
    assert (state(page), node(page)) == ("outcome", "written_missing")
    assert _next_steps(page) == [s["text"] for s in expected["outcome"]["next_steps"]]
    summary = page.inner_text(f"{ROOT} .rc-answers-list")
    assert f"{labels['your_name']}{'；' if language == 'zh' else '; '}{labels['dated']}" in summary
    # In the address as the engine keeps it: the keys in the order shown, joined by a comma.
    assert "written_details%3Dyour_name%252Cdated" in page.url

    # Back: the question again, with the same two boxes ticked; tick the rest and reach the other outcome.
    act_and_wait(page, lambda: page.click(f"{ROOT} [data-rc-action='back']"))
    assert (state(page), node(page)) == ("question", QUESTION)
    assert _ticked(page) == ["your_name", "dated"]
    for key in kinds.option_keys(tree["nodes"][QUESTION]):
        if key != "none":
            _tick(page, key)
    continue_(page)
    assert (state(page), node(page)) == ("outcome", "written_ready")
    ready = step(tree, {**BEFORE, QUESTION: "your_name,your_address,contact,dated"}, local_today())["outcome"]
    assert ready is not None and page.inner_text(f"{ROOT} .rc-verdict") == ready["verdict"]


@pytest.mark.parametrize("ticked", ["none,dated", "dated,signed"])
def test_a_link_ticking_boxes_no_reader_could_starts_over_with_a_note(page: Page, site_url: str,
                                                                       ticked: str) -> None:
    """As any link with an answer the engine refuses (see test_wizard_links): a tampered or stale link."""
    tree = PROCEDURES["en"].tree
    assert step(tree, {**BEFORE, QUESTION: ticked}, local_today())["error"] is not None
    fragment = urllib.parse.quote(urllib.parse.urlencode({**BEFORE, QUESTION: ticked}), safe="")
    open_wizard(page, procedure_url(site_url, SLUG) + "#a=" + fragment)
    assert (state(page), node(page)) == ("question", "in_remit")
    note = page.locator(f"{ROOT} .rc-note")
    assert note.count() == 1 and "started again" in note.inner_text()
