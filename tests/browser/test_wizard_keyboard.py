"""The whole wizard works with the keyboard alone (Tab, Space and Enter), and focus follows the questions."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

from .wizard_driver import (
    REPO,
    ROOT,
    act_and_wait,
    expected_outcome,
    load_procedures,
    local_today,
    node,
    open_wizard,
    procedure_url,
    shown_outcome,
    state,
)

REAL = load_procedures(REPO / "trees")
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


def _typed_questions(tree: dict[str, Any]) -> list[str]:
    """The questions answered by typing (numbers, dates) rather than with radios."""
    return [n for n, v in tree["nodes"].items() if v["type"] in ("number", "date")]


def test_complete_a_procedure_with_tab_space_and_enter(page: Page, site_url: str) -> None:
    # The procedure with the longest way through it among those asking only radio questions.
    candidates = [p for p in REAL if not _typed_questions(p.tree)]
    procedure = max(candidates, key=lambda p: max(p.tree["longest"].values()))
    tree = procedure.tree
    open_wizard(page, procedure_url(site_url, procedure.slug))
    given: dict[str, str] = {}
    page.locator("body").focus()
    for _ in range(len(tree["nodes"])):
        if state(page) != "question":
            break
        current = node(page)
        first = tree["nodes"][current]["options"][0]["key"]
        # Tab from wherever focus is (the page top, then the question's legend) to the first radio.
        _tab_until(page, lambda f: f["inWizard"] and f["type"] == "radio", "a radio of the question")
        page.keyboard.press("Space")
        assert page.is_checked(f"#rc-{current}-{first}")
        _tab_until(page, lambda f: "rc-continue" in f["cls"], "the Continue button")
        act_and_wait(page, lambda: page.keyboard.press("Enter"))
        given[current] = first
        if state(page) == "question":
            # Focus is on the new question's legend, so a screen reader reads the question first.
            focused = _focused(page)
            assert "rc-legend" in focused["cls"], focused
            assert focused["text"] == tree["nodes"][node(page)]["question"]
    assert shown_outcome(page) == expected_outcome(tree, given, local_today())
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
