"""Moving around the wizard: back, change an answer, start again, validation errors, progress and focus."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from wizard.browser.answer_fields import fill_answer
from wizard.core.engine import step

from .wizard_driver import (
    FIXTURE_TREES,
    REPO,
    ROOT,
    Example,
    Procedure,
    act_and_wait,
    continue_,
    drive,
    expected_outcome,
    load_procedures,
    local_today,
    node,
    open_wizard,
    procedure_url,
    restart,
    shown_outcome,
    state,
    typed_answer,
    use_today,
)

REAL = load_procedures(REPO / "trees")
FIXTURE = load_procedures(FIXTURE_TREES[0].parent)[0]


def _longest_undated(procedures: list[Procedure]) -> tuple[Procedure, Example]:
    """The example with the most answers that does not depend on the date, and its procedure."""
    pairs = [(p, e) for p in procedures for e in p.examples if e.today is None]
    return max(pairs, key=lambda pair: len(pair[1].answers))


def _path(tree: dict[str, Any], answers: dict[str, str]) -> list[str]:
    return [s["node"] for s in step(tree, answers, local_today())["steps"]]


def _active(page: Page) -> dict[str, str]:
    value: dict[str, str] = page.evaluate(
        "() => ({cls: document.activeElement.className, text: document.activeElement.textContent,"
        " id: document.activeElement.id, tag: document.activeElement.tagName})"
    )
    return value


def _checked(page: Page) -> str | None:
    checked = page.locator(f"{ROOT} input[name='answer']:checked")
    return checked.get_attribute("value") if checked.count() else None


@pytest.mark.zensical
def test_back_goes_one_question_at_a_time_with_answers_kept(page: Page, site_url: str) -> None:
    procedure, example = _longest_undated(REAL)
    tree = procedure.tree
    path = _path(tree, example.answers)
    assert len(path) >= 3, "needs an example with three questions"
    open_wizard(page, procedure_url(site_url, procedure.slug))
    assert page.locator(f"{ROOT} .rc-back").count() == 0, "no Back on the first question"
    for question in path[:3]:
        fill_answer(page, tree, question, example.answers[question])
        continue_(page)
    for question in reversed(path[:3]):
        act_and_wait(page, lambda: page.click(f"{ROOT} .rc-back"))
        assert (state(page), node(page)) == ("question", question)
        assert _checked(page) == example.answers[question], "the answer given is selected again"
        assert _active(page)["cls"] == "rc-legend"
        assert _active(page)["text"] == tree["nodes"][question]["question"]
    assert page.locator(f"{ROOT} .rc-back").count() == 0
    # Continuing after going back asks the next question again (with its answer ready), not the last one.
    continue_(page)
    assert node(page) == path[1]
    assert _checked(page) == example.answers[path[1]]


def test_change_an_answer_from_the_summary(page: Page, site_url: str) -> None:
    procedure, example = _longest_undated(REAL)
    tree = procedure.tree
    open_wizard(page, procedure_url(site_url, procedure.slug))
    drive(page, tree, example.answers)
    assert shown_outcome(page) == expected_outcome(tree, example.answers, local_today())
    first = tree["start"]
    rows = page.locator(f"{ROOT} .rc-answers-list__row")
    assert rows.count() == len(_path(tree, example.answers))
    # The Change buttons name the question for screen readers.
    change = page.locator(f"{ROOT} [data-rc-action='change'][data-node='{first}']")
    assert tree["nodes"][first]["question"] in change.inner_text()
    act_and_wait(page, change.click)
    assert (state(page), node(page)) == ("question", first)
    assert _checked(page) == example.answers[first]
    # The answers stay in the address while one is being changed (a reload must not lose them), with the
    # question being changed: `#a=…&c=<node>`.
    assert "#a=" in page.url and f"&c={first}" in page.url
    # Pick another answer: the wizard comes back with the other answers kept, to wherever they now lead.
    others = [o["key"] for o in tree["nodes"][first]["options"] if o["key"] != example.answers[first]]
    changed = {**example.answers, first: others[0]}
    fill_answer(page, tree, first, others[0])
    continue_(page)
    wanted = step(tree, changed, local_today())
    assert (state(page), node(page)) == (wanted["state"], wanted["node"])
    # Changing it back returns to the original result at once.
    act_and_wait(page, page.locator(f"{ROOT} [data-rc-action='change'][data-node='{first}']").click)
    fill_answer(page, tree, first, example.answers[first])
    continue_(page)
    assert shown_outcome(page) == expected_outcome(tree, example.answers, local_today())


def test_start_again_clears_everything(page: Page, site_url: str) -> None:
    procedure, example = _longest_undated(REAL)
    open_wizard(page, procedure_url(site_url, procedure.slug))
    drive(page, procedure.tree, example.answers)
    assert "#a=" in page.url
    restart(page)
    assert node(page) == procedure.tree["start"]
    assert _checked(page) is None
    assert page.locator(f"{ROOT} .rc-answers").count() == 0
    assert "#a=" not in page.url
    assert _active(page)["cls"] == "rc-legend"


def test_error_summary_for_a_missing_choice(page: Page, site_url: str) -> None:
    procedure = REAL[0]
    tree = procedure.tree
    start = tree["start"]
    open_wizard(page, procedure_url(site_url, procedure.slug))
    continue_(page)
    refused = step(tree, {start: ""}, local_today())["error"]
    assert refused is not None
    message = refused["message"]
    summary = page.locator(f"{ROOT} .rc-error-summary")
    assert summary.get_attribute("role") == "alert"
    assert summary.locator("h2").inner_text() == "There is a problem"
    link = summary.locator("a")
    assert link.inner_text() == message
    first_radio = f"rc-{start}-{tree['nodes'][start]['options'][0]['key']}"
    assert link.get_attribute("href") == f"#{first_radio}"
    assert _active(page)["cls"] == "rc-error-summary", "focus moves to the error summary"
    # The same message above the field, linked to the question by aria-describedby.
    inline = page.locator(f"{ROOT} .rc-fieldset .rc-error-message")
    assert message in inline.inner_text()
    described = (page.get_attribute(f"{ROOT} .rc-fieldset", "aria-describedby") or "").split()
    assert inline.get_attribute("id") in described
    assert (state(page), node(page)) == ("question", start)
    link.click()
    assert _active(page)["id"] == first_radio, "the summary's link moves focus to the field"
    assert "#a=" not in page.url and not page.url.endswith(f"#{first_radio}")
    # Answering clears the error.
    fill_answer(page, tree, start, tree["nodes"][start]["options"][0]["key"])
    continue_(page)
    assert page.locator(f"{ROOT} .rc-error-summary").count() == 0


@pytest.mark.reliability("injection")
def test_number_and_date_errors_use_the_engines_messages(page: Page, fixture_site_url: str) -> None:
    tree = FIXTURE.tree
    today = "2026-11-22"
    numbers = [n for n, v in tree["nodes"].items() if v["type"] == "number"]
    dates = [n for n, v in tree["nodes"].items() if v["type"] == "date"]
    assert numbers and dates
    example = next(e for e in FIXTURE.examples if numbers[0] in e.answers and dates[0] in e.answers)
    use_today(page, today)
    open_wizard(page, procedure_url(fixture_site_url, FIXTURE.slug))
    answers: dict[str, str] = {}
    # Markup typed into a field comes back as the field's text, never as part of the page.
    bad = {numbers[0]: '12<img src=x onerror="window.__pwned=1">', dates[0]: "2999-1-1"}
    for _ in range(len(tree["nodes"])):
        if state(page) != "question":
            break
        current = node(page)
        if current in bad:
            fill_answer(page, tree, current, bad[current])
            continue_(page)
            refused = step(tree, {**answers, current: bad[current]}, today)["error"]
            assert refused is not None
            message = refused["message"]
            assert page.locator(f"{ROOT} .rc-error-summary a").inner_text() == message
            # A number's one field, or a date's first field (day): marked, described by the message.
            field_id = f"rc-{current}-{'day' if current in dates else 'answer'}"
            field = page.locator(f"#{field_id}")
            assert field.get_attribute("aria-invalid") == "true"
            assert f"rc-error-{current}" in (field.get_attribute("aria-describedby") or "")
            assert typed_answer(page, current) == bad[current], "the refused answer stays in the field to be fixed"
            page.click(f"{ROOT} .rc-error-summary a")
            assert _active(page)["id"] == field_id
        answers[current] = example.answers[current]
        fill_answer(page, tree, current, example.answers[current])
        continue_(page)
    assert shown_outcome(page) == expected_outcome(tree, example.answers, today)
    assert page.evaluate("() => window.__pwned") is None
    # The unit is shown with the number field, and the date field is a date input.
    act_and_wait(page, page.locator(f"{ROOT} [data-rc-action='change'][data-node='{numbers[0]}']").click)
    unit = tree["nodes"][numbers[0]]["unit"]
    assert page.inner_text(f"{ROOT} label[for='rc-{numbers[0]}-answer']") == f"Your answer ({unit})"
    assert page.get_attribute(f"#rc-{numbers[0]}-answer", "inputmode") in ("numeric", "decimal")



def test_a_date_with_one_wrong_part_marks_that_part_only(page: Page, fixture_site_url: str) -> None:
    # GOV.UK's date input: a month of 13 marks the month field alone, and the summary's link leads to it.
    tree = FIXTURE.tree
    today = "2026-11-22"
    date = next(n for n, v in tree["nodes"].items() if v["type"] == "date")
    example = next(e for e in FIXTURE.examples if date in e.answers)
    use_today(page, today)
    open_wizard(page, procedure_url(fixture_site_url, FIXTURE.slug))
    while node(page) != date:
        fill_answer(page, tree, node(page), example.answers[node(page)])
        continue_(page)
    fill_answer(page, tree, date, "2026-13-3")
    continue_(page)
    fields = {part: page.locator(f"#rc-{date}-{part}") for part in ("day", "month", "year")}
    assert {part: field.get_attribute("aria-invalid") for part, field in fields.items()} == {
        "day": None, "month": "true", "year": None}
    border = "(el) => getComputedStyle(el).borderTopColor"
    assert fields["month"].evaluate(border) != fields["day"].evaluate(border), "only the month is drawn in red"
    assert fields["day"].evaluate(border) == fields["year"].evaluate(border)
    assert typed_answer(page, date) == "2026-13-3", "what was typed stays, to be fixed"
    page.click(f"{ROOT} .rc-error-summary a")
    assert _active(page)["id"] == f"rc-{date}-month"

def test_progress_counts_questions_against_the_longest_way(page: Page, site_url: str) -> None:
    procedure, example = _longest_undated(REAL)
    tree = procedure.tree
    open_wizard(page, procedure_url(site_url, procedure.slug))
    given: dict[str, str] = {}
    while state(page) == "question":
        result = step(tree, given, local_today())
        number, remaining = result["progress"]["number"], result["progress"]["remaining"]
        assert page.inner_text(f"{ROOT} .rc-progress__label") == f"Question {number}"
        bar = page.locator(f"{ROOT} progress.rc-progress__bar")
        assert bar.get_attribute("value") == str(number - 1)
        assert bar.get_attribute("max") == str(max(number - 1 + remaining, 1))
        current = node(page)
        given[current] = example.answers[current]
        fill_answer(page, tree, current, given[current])
        continue_(page)
    assert state(page) == "outcome"
    assert page.locator(f"{ROOT} .rc-progress").count() == 0


def test_labels_and_text_from_the_tree_are_never_markup(page: Page, site_url: str) -> None:
    """Every label and question is inserted as text: what the page shows is exactly the tree's text."""
    procedure, example = _longest_undated(REAL)
    tree = procedure.tree
    open_wizard(page, procedure_url(site_url, procedure.slug))
    for question in _path(tree, example.answers):
        labels = page.locator(f"{ROOT} .rc-radio__label").all_inner_texts()
        assert labels == [o["label"] for o in tree["nodes"][question]["options"]]
        fill_answer(page, tree, question, example.answers[question])
        continue_(page)
    assert page.inner_text(f"{ROOT} .rc-verdict") == tree["nodes"][node(page)]["verdict"]
