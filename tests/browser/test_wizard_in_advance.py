"""Answers worked out in advance: Continue renders the next view at once, without waiting for the engine.

A choice's every option is asked for while the reader reads the question; a number or a date as soon as it is
typed. Either way the click's answer is already known, so the view changes within the click's own task (its
microtasks), with no round trip to the worker; without that, it would change only after the worker answers.
"""

from __future__ import annotations

from playwright.sync_api import Page

from wizard.browser.answer_fields import fill_answer

from .wizard_driver import (
    FIXTURE_TREES,
    ROOT,
    load_procedures,
    node,
    open_wizard,
    procedure_url,
    state,
    use_today,
)

FIXTURE = load_procedures(FIXTURE_TREES[0].parent)[0]

# Click Continue and let the microtasks of the click run (a few turns), but no other task: which node shows then?
CLICK_AND_LOOK = """async () => {
  const root = document.querySelector('.rc-wizard');
  root.querySelector('.rc-continue').click();
  for (let i = 0; i < 10; i++) await Promise.resolve();
  return root.dataset.wizardNode;
}"""
IDLE = "() => window.__recourseWizard.engine.requests.size === 0"


def _example_with(kind: str) -> tuple[str, dict[str, str], str]:
    for example in FIXTURE.examples:
        for question in example.answers:
            if FIXTURE.tree["nodes"][question]["type"] == kind:
                return question, example.answers, example.today or ""
    raise AssertionError(f"the fixture tree has no example answering a {kind} question")


def _walk_to(page: Page, question: str, answers: dict[str, str]) -> None:
    for _ in range(len(FIXTURE.tree["nodes"])):
        if node(page) == question:
            return
        fill_answer(page, FIXTURE.tree, node(page), answers[node(page)])
        before = node(page)
        page.click(f"{ROOT} .rc-continue")
        page.wait_for_function(f"() => document.querySelector('.rc-wizard').dataset.wizardNode !== '{before}'")
    raise AssertionError(f"the walk never reached {question}")


def test_a_typed_number_and_date_are_worked_out_before_continue(page: Page, fixture_site_url: str) -> None:
    for kind in ("number", "date"):
        question, answers, today = _example_with(kind)
        use_today(page, today or None)
        open_wizard(page, procedure_url(fixture_site_url, FIXTURE.slug))
        _walk_to(page, question, answers)
        assert state(page) == "question"
        fill_answer(page, FIXTURE.tree, question, answers[question])  # typing fires `input`: asked at once
        page.wait_for_function(IDLE)
        assert page.evaluate(CLICK_AND_LOOK) != question, f"the {kind} answer waited for the engine"


def test_a_choice_is_worked_out_while_the_reader_reads(page: Page, fixture_site_url: str) -> None:
    first = FIXTURE.tree["start"]
    example = next(e for e in FIXTURE.examples if first in e.answers)
    use_today(page, example.today)
    open_wizard(page, procedure_url(fixture_site_url, FIXTURE.slug))
    page.wait_for_function(IDLE)
    fill_answer(page, FIXTURE.tree, first, example.answers[first])
    assert page.evaluate(CLICK_AND_LOOK) != first


def test_without_a_typed_answer_continue_waits_for_the_engine(page: Page, fixture_site_url: str) -> None:
    # The control: the same check fails when nothing could be worked out in advance (an empty number field
    # gives an error, which only the engine can say).
    question, answers, today = _example_with("number")
    use_today(page, today or None)
    open_wizard(page, procedure_url(fixture_site_url, FIXTURE.slug))
    _walk_to(page, question, answers)
    page.wait_for_function(IDLE)
    assert page.evaluate(CLICK_AND_LOOK) == question
