"""Every procedure can be completed with the keyboard alone (Tab, arrows, Space, typing and Enter), and focus
follows the questions."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from .wizard_driver import (
    REPO,
    ROOT,
    Example,
    Procedure,
    act_and_wait,
    edition_ids,
    editions,
    expected_outcome,
    local_today,
    node,
    open_wizard,
    procedure_url,
    shown_outcome,
    state,
    typed_answer,
    use_today,
)

# Every procedure in both language editions (the Chinese wizard has its own labels and button texts).
EDITIONS = editions(REPO / "trees")
REAL = [procedure for language, procedure in EDITIONS if language == "en"]
MAX_TABS = 200


def _focused(page: Page) -> dict[str, Any]:
    value: dict[str, Any] = page.evaluate(
        """() => {
          const el = document.activeElement;
          return {tag: el.tagName, type: el.type || '', value: el.value || '', cls: el.className || '',
                  action: el.dataset ? (el.dataset.rcAction || '') : '', text: el.textContent || '',
                  inWizard: Boolean(el.closest('.rc-wizard'))};
        }"""
    )
    return value


def _tab_until(page: Page, wanted: Any, what: str) -> dict[str, Any]:
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if wanted(focused):
            return focused
    raise AssertionError(f"{MAX_TABS} presses of Tab never reached {what}")


def _longest_example(procedure: Procedure) -> Example:
    return max(procedure.examples, key=lambda e: len(e.answers))


def _answer_by_keyboard(page: Page, tree: dict[str, Any], current: str, value: str) -> None:
    """Tab to the question's control and answer it: arrow keys in a radio group, Space on each box to tick,
    digits in a field."""
    question = tree["nodes"][current]
    if question["type"] == "checkbox":
        # Each box is a stop of its own: Tab to it, Space ticks it.
        ticked = {key.strip() for key in value.split(",")}
        for box in question["options"]:
            _tab_until(page, lambda f, key=box["key"]: f["inWizard"] and f["type"] == "checkbox" and f["value"] == key,
                       f"the box {box['key']}")
            if box["key"] in ticked:
                page.keyboard.press("Space")
        assert [box["key"] for box in question["options"] if page.is_checked(f"#rc-{current}-{box['key']}")] == [
            box["key"] for box in question["options"] if box["key"] in ticked]
    elif question["type"] in ("choice", "yesno"):
        # Tab enters a radio group at its first radio; each arrow press moves to the next one and selects it.
        _tab_until(page, lambda f: f["inWizard"] and f["type"] == "radio", "a radio of the question")
        keys = [option["key"] for option in question["options"]]
        if keys.index(value) == 0:
            page.keyboard.press("Space")
        for _ in range(keys.index(value)):
            page.keyboard.press("ArrowDown")
        assert page.is_checked(f"#rc-{current}-{value}")
    else:
        _tab_until(page, lambda f: f["inWizard"] and f["tag"] == "INPUT" and f["type"] in ("text", "date"),
                   "the answer field")
        if question["type"] == "date":
            # Day, month and year fields, in the order of the page's language: each part, then Tab to the next.
            parts = dict(zip(("year", "month", "day"), value.split("-"), strict=True))
            for index in range(3):
                if index:
                    page.keyboard.press("Tab")
                part = page.evaluate("() => document.activeElement.dataset.rcPart")
                page.keyboard.type(parts[part])
            assert typed_answer(page, current) == value
        else:
            page.keyboard.type(value)
            assert page.input_value(f"#rc-{current}-answer") == value


@pytest.mark.parametrize(("language", "procedure"), EDITIONS, ids=edition_ids(EDITIONS))
def test_complete_every_procedure_with_the_keyboard_alone(page: Page, site_url: str, language: str,
                                                          procedure: Procedure) -> None:
    tree = procedure.tree
    example = _longest_example(procedure)
    today = example.today or local_today()
    use_today(page, example.today)
    open_wizard(page, procedure_url(site_url, procedure.slug, language))
    page.locator("body").focus()
    for _ in range(len(tree["nodes"])):
        if state(page) != "question":
            break
        current = node(page)
        _answer_by_keyboard(page, tree, current, example.answers[current])
        _tab_until(page, lambda f: "rc-continue" in f["cls"], "the Continue button")
        act_and_wait(page, lambda: page.keyboard.press("Enter"))
        if state(page) == "question":
            # Focus is on the new question's legend, so a screen reader reads the question first.
            focused = _focused(page)
            assert "rc-legend" in focused["cls"], focused
            assert focused["text"] == tree["nodes"][node(page)]["question"]
    assert shown_outcome(page) == expected_outcome(tree, example.answers, today)
    assert "rc-verdict" in _focused(page)["cls"], "focus moves to the verdict"
    # Start again, by keyboard too.
    _tab_until(page, lambda f: f["action"] == "restart", "Start again")
    act_and_wait(page, lambda: page.keyboard.press("Enter"))
    assert (state(page), node(page)) == ("question", tree["start"])
    assert "rc-legend" in _focused(page)["cls"]


def test_the_focused_control_is_visibly_outlined(page: Page, site_url: str) -> None:
    procedure = REAL[0]
    open_wizard(page, procedure_url(site_url, procedure.slug))
    page.locator(f"{ROOT} .rc-legend").focus()
    _tab_until(page, lambda f: f["inWizard"] and f["type"] == "radio", "a radio")
    outline = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert outline[0] != "none" and float(outline[1].removesuffix("px")) >= 2, outline
