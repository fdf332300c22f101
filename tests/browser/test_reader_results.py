"""Issue 17, results people can use: the Print button and the printout, "why" as the facts found, the flowchart
on a 360 px phone and on paper without JavaScript, and the wizard's Back button as the browser's own Back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from wizard.browser.answer_fields import fill_answer
from wizard.core.contracts import StepResult
from wizard.core.engine import step

from .test_flowchart import OPEN_SHADOW_ROOTS
from .wizard_driver import (
    LANGUAGES,
    REPO,
    ROOT,
    Procedure,
    act_and_wait,
    continue_,
    drive,
    load_procedures,
    node,
    open_wizard,
    procedure_url,
    state,
    use_today,
    wait_settled,
)

EDITIONS = {language: load_procedures(REPO / "trees", language) for language in LANGUAGES}
# Counts calls of window.print instead of opening the print dialog (which would block a headless page).
STUB_PRINT = "window.__printed = 0; window.print = () => { window.__printed += 1; };"


@pytest.fixture
def context_options(request: pytest.FixtureRequest) -> dict[str, object]:
    """The browser context's options: a test may ask for a viewport."""
    options: dict[str, object] = getattr(request, "param", {})
    return options


def _example_with_facts(language: str) -> tuple[Procedure, Any, StepResult]:
    """A dated example whose walk passes a rule that worked out facts, and whose outcome has deadlines."""
    for procedure in EDITIONS[language]:
        for example in procedure.examples:
            result = step(procedure.tree, example.answers, example.today)
            if example.today and example.deadlines and any(item.get("facts") for item in result["trace"]):
                return procedure, example, result
    raise AssertionError(f"no {language} example passes a rule with facts")


def _at_outcome(page: Page, base: str, language: str) -> tuple[Procedure, Any, StepResult]:
    procedure, example, result = _example_with_facts(language)
    use_today(page, example.today)
    open_wizard(page, procedure_url(base, procedure.slug, language))
    drive(page, procedure.tree, example.answers)
    assert state(page) == "outcome"
    return procedure, example, result


def _shown(page: Page, selector: str) -> bool:
    """Whether any element that ``selector`` matches is shown (print media hides by display, not by removal)."""
    return any(item.is_visible() for item in page.locator(selector).all())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_print_button_opens_the_browsers_print(page: Page, site_url: str, language: str) -> None:
    page.add_init_script(STUB_PRINT)
    _at_outcome(page, site_url, language)
    button = page.locator(f"{ROOT} .rc-print")
    assert button.get_attribute("type") == "button" and button.inner_text().strip()
    assert page.get_attribute("html", "lang") == language
    button.click()
    assert page.evaluate("() => window.__printed") == 1


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_printed_result_has_the_verdict_answers_reasons_sources_and_review_date(page: Page, site_url: str,
                                                                                 language: str) -> None:
    procedure, _, result = _at_outcome(page, site_url, language)
    page.emulate_media(media="print")
    verdict = page.inner_text(f"{ROOT} .rc-verdict")
    assert result["outcome"] is not None
    assert verdict.strip() == result["outcome"]["verdict"].strip()
    for selector in (".rc-answers-list", ".rc-reasons", ".rc-outcome__basis"):
        assert _shown(page, f"{ROOT} {selector}"), f"{selector} is not printed"
    answers = page.inner_text(f"{ROOT} .rc-answers-list")
    for answered in result["steps"]:
        assert answered["question"] in answers and answered["display"] in answers, answered
    assert page.inner_text(f"{ROOT} .rc-outcome__basis").strip()
    reviewed = procedure.tree["reviewed"]
    assert page.locator(f".rc-facts time[datetime='{reviewed}']").is_visible(), "the reviewed date is printed"
    assert not _shown(page, f"{ROOT} button"), "buttons are not printed"
    assert not _shown(page, ".rc-chart") and not _shown(page, ".md-typeset .mermaid"), "no drawn chart on paper"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_printed_procedure_has_the_flowchart_as_an_open_list(page: Page, site_url: str, language: str) -> None:
    """Before a result the page prints as the procedure: the flowchart's text version is open, not its drawing."""
    procedure = EDITIONS[language][0]
    open_wizard(page, procedure_url(site_url, procedure.slug, language))
    assert not page.locator("details.rc-flow-list li").first.is_visible(), "closed on screen"
    page.emulate_media(media="print")
    items = page.locator("details.rc-flow-list > ol > li")
    assert items.count() >= len(procedure.tree["nodes"])
    assert all(item.is_visible() for item in items.all()), "every step of the list is printed"
    assert not _shown(page, ".rc-chart") and not _shown(page, ".md-typeset .mermaid")
    assert not _shown(page, f"{ROOT} button") and not _shown(page, ".md-header")


@pytest.mark.parametrize("language", LANGUAGES)
def test_why_shows_each_rule_as_the_fact_it_found(page: Page, site_url: str, language: str) -> None:
    procedure, _, result = _at_outcome(page, site_url, language)
    rules = [item for item in result["trace"] if item["kind"] != "answer" and item["because"]]
    assert any(item["facts"] for item in rules)
    for item in rules:
        reason = page.locator(f"{ROOT} .rc-reasons .rc-reason[data-node='{item['node']}']")
        text = reason.inner_text()
        found = reason.locator(".rc-reason__step")
        if item["facts"]:
            # "1 day since 21 November 2026." — the fact, as a statement, in the page's language.
            assert found.inner_text().startswith(item["facts"][0]), found.inner_text()
        assert item["text"] not in text, f"{procedure.slug}: the rule's title {item['text']!r} is shown"
        assert "?" not in text and "？" not in text, text


def _chart_frame(page: Page, url: str) -> None:
    page.add_init_script(OPEN_SHADOW_ROOTS)
    open_wizard(page, url)
    page.locator(".rc-chart").scroll_into_view_if_needed()
    page.locator("div.mermaid svg").first.wait_for(state="visible", timeout=30_000)


# The frame's edges with the chart itself hidden (its place kept): what is left there is the scroll shadow.
HIDE_CHART = "() => { document.querySelector('div.mermaid').style.visibility = 'hidden'; }"


@pytest.mark.parametrize("context_options", [{"viewport": {"width": 360, "height": 740}}], indirect=True)
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_flowchart_at_360_pixels_starts_at_its_left_edge_and_scrolls(page: Page, site_url: str,
                                                                         language: str) -> None:
    procedure = max(EDITIONS[language], key=lambda p: len(p.tree["nodes"]))
    _chart_frame(page, procedure_url(site_url, procedure.slug, language))
    frame = page.locator(".rc-chart")
    sizes = frame.evaluate("(f) => ({scroll: f.scrollWidth, client: f.clientWidth, left: f.scrollLeft,"
                           " frame: f.getBoundingClientRect().left,"
                           " chart: f.querySelector('div.mermaid').shadowRoot.querySelector('svg')"
                           "   .getBoundingClientRect().left})")
    assert sizes["scroll"] > sizes["client"], f"{procedure.slug}'s chart is not wider than a phone: {sizes}"
    assert sizes["left"] == 0 and sizes["chart"] >= sizes["frame"], f"the chart's left edge is cut off: {sizes}"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, "the page itself does not scroll sideways"
    # It shows that it scrolls: a shadow at the edge with more chart beyond, none at the edge reached.
    page.evaluate(HIDE_CHART)
    box = frame.bounding_box()
    assert box is not None

    def edge(side: str) -> bytes:
        x = box["x"] if side == "left" else box["x"] + box["width"] - 12
        return page.screenshot(clip={"x": x, "y": box["y"] + 20, "width": 12, "height": 40})

    at_start = edge("left"), edge("right")
    frame.evaluate("(f) => { f.scrollLeft = f.scrollWidth; }")
    at_end = edge("left"), edge("right")
    assert at_start[1] != at_end[1], "no shadow on the right while the chart goes on"
    assert at_start[0] != at_end[0], "no shadow on the left once scrolled"


@pytest.mark.parametrize("context_options", [{"viewport": {"width": 360, "height": 740}}], indirect=True)
def test_the_flowchart_can_be_reached_and_scrolled_with_the_keyboard(page: Page, site_url: str) -> None:
    procedure = max(EDITIONS["en"], key=lambda p: len(p.tree["nodes"]))
    _chart_frame(page, procedure_url(site_url, procedure.slug))
    page.focus("#flowchart ~ .rc-lead a")  # the last link before the chart
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('rc-chart')"), "Tab reaches the chart"
    frame = page.locator(".rc-chart")
    assert frame.get_attribute("aria-labelledby") == "flowchart", "it is named by its heading"
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.rc-chart').scrollLeft > 0")


@pytest.fixture
def page_without_javascript(browser: Browser) -> Iterator[Page]:
    """A page in a context with JavaScript switched off (no wizard, no Mermaid)."""
    context = browser.new_context(java_script_enabled=False)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.mark.zensical
@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_the_printed_flowchart_is_its_text_version(page_without_javascript: Page, site_url: str,
                                                                       language: str) -> None:
    page = page_without_javascript
    procedure = EDITIONS[language][0]
    page.goto(procedure_url(site_url, procedure.slug, language))
    page.emulate_media(media="print")
    items = page.locator("details.rc-flow-list > ol > li")
    assert items.count() >= len(procedure.tree["nodes"])
    assert all(item.is_visible() for item in items.all())
    assert not _shown(page, ".rc-chart") and not _shown(page, ".md-typeset .mermaid")


def _three_choices(language: str) -> tuple[Procedure, list[tuple[str, str]]]:
    """A procedure and the first three choice answers of one of its undated examples."""
    for procedure in EDITIONS[language]:
        for example in procedure.examples:
            walk = step(procedure.tree, example.answers, "2026-12-02")["steps"]
            if example.today is None and len(walk) >= 3 and all(s["type"] in ("choice", "yesno") for s in walk[:3]):
                return procedure, [(s["node"], s["answer"]) for s in walk[:3]]
    raise AssertionError("no example with three choice questions")


def _back_button(page: Page) -> None:
    act_and_wait(page, page.locator(f"{ROOT} [data-rc-action='back']").click)


def _node_is(page: Page, wanted: str) -> None:
    page.wait_for_function("(id) => document.querySelector('.rc-wizard').dataset.wizardNode === id", arg=wanted)


def test_after_a_reload_the_back_button_adds_an_entry(page: Page, site_url: str) -> None:
    """After a reload the page cannot know the entry before it is its own: Back is a new entry, never a jump
    out of the procedure."""
    procedure, pairs = _three_choices("en")
    open_wizard(page, procedure_url(site_url, procedure.slug))
    for question, value in pairs[:2]:
        fill_answer(page, procedure.tree, question, value)
        continue_(page)
    third, at_third = node(page), page.url
    page.reload()
    wait_settled(page)
    _back_button(page)
    assert node(page) == pairs[1][0] and page.url != at_third
    page.go_back()
    _node_is(page, third)
    assert page.url == at_third
