"""Starting the engine: the first question before Python is ready, one worker for the whole visit, and the
fallback when Pyodide cannot start."""

from __future__ import annotations

import html
import re

import pytest
from playwright.sync_api import Page, Route

from wizard.browser.answer_fields import fill_answer
from wizard.core.engine import step

from .wizard_driver import (
    FAILING_SLUG,
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
    wait_settled,
)

REAL = load_procedures(REPO / "trees")
UNDATED = [(p, e) for p in REAL for e in p.examples if e.today is None]


def test_an_answer_given_before_python_is_ready_is_kept(page: Page, site_url: str) -> None:
    procedure = REAL[0]
    tree = procedure.tree
    start = tree["start"]
    held: list[Route] = []
    # Hold Pyodide's WebAssembly back until the reader has answered.

    def hold(route: Route) -> None:
        held.append(route)

    page.context.route("**/assets/pyodide/pyodide.asm.wasm", hold)
    # A table of pre-rendered views that holds nothing: an answer it holds is shown at once
    # (tests/browser/test_prerendered.py); here the answer must wait for the engine.
    page.context.route("**/views.json*", lambda route: route.fulfill(status=200, content_type="application/json",
                                                                     body='{"format": 1, "views": {}}'))
    page.goto(procedure_url(site_url, procedure.slug))
    page.wait_for_function("() => window.__recourseWizard && window.__recourseWizard.engine.state === 'starting'")
    assert state(page) == "loading"
    # The first question is in the HTML already, and can be answered.
    option = tree["nodes"][start]["options"][-1]["key"]
    page.check(f"#rc-{start}-{option}")
    page.click(f"{ROOT} .rc-continue")
    assert "kept" in page.inner_text(f"{ROOT} .rc-wizard__status")
    assert state(page) == "loading"
    for _ in range(600):  # let Playwright deliver the held request (it may not have been made yet)
        if held:
            break
        page.wait_for_timeout(50)
    assert len(held) == 1, "the wasm request was held"
    assert state(page) == "loading"
    held[0].continue_()
    wait_settled(page)
    wanted = step(tree, {start: option}, local_today())
    assert (state(page), node(page)) == (wanted["state"], wanted["node"])
    assert page.inner_text(f"{ROOT} .rc-wizard__status") == ""


def test_the_first_question_is_the_server_rendered_form_until_answered(page: Page, site_url: str) -> None:
    procedure = REAL[0]
    page.goto(procedure_url(site_url, procedure.slug))
    page.evaluate("() => { document.querySelector('.rc-wizard form.rc-question').dataset.fromServer = '1'; }")
    wait_settled(page)
    # The engine agreed on the first question; the form a reader may already be using was not replaced.
    assert page.locator(f"{ROOT} form.rc-question[data-from-server='1']").count() == 1
    assert page.inner_text(f"{ROOT} .rc-progress__label") == "Question 1"


def _run(page: Page, procedure: Procedure, example: Example) -> None:
    drive(page, procedure.tree, example.answers)
    assert shown_outcome(page) == expected_outcome(procedure.tree, example.answers, local_today())


@pytest.mark.zensical
def test_the_worker_started_from_the_head_is_the_one_the_wizard_uses(page: Page, site_url: str) -> None:
    procedure, example = UNDATED[0]
    open_wizard(page, procedure_url(site_url, procedure.slug))
    # start.js leaves its worker in __recourseEarlyEngine; wizard.js takes it over and empties the slot (it
    # would be undefined had start.js not run, and wizard.js would have made a worker of its own).
    assert page.evaluate("() => window.__recourseEarlyEngine === null")
    assert page.evaluate("() => window.__recourseWizard.engine.workersCreated") == 1
    assert len([w for w in page.workers if w.url.endswith("/assets/wizard/worker.js")]) == 1
    _run(page, procedure, example)


@pytest.mark.zensical
def test_one_worker_serves_every_page_under_instant_navigation(page: Page, site_url: str) -> None:
    by_slug: dict[str, list[Example]] = {}
    for procedure, example in UNDATED:
        by_slug.setdefault(procedure.slug, []).append(example)
    procedures = [p for p in REAL if p.slug in by_slug][:2]
    assert len(procedures) == 2, "needs two procedures with undated examples"
    first, second = procedures
    open_wizard(page, procedure_url(site_url, first.slug))
    # A marker that only survives if the page is never reloaded.
    page.evaluate("() => { window.__testNoReload = true; }")
    for example in by_slug[first.slug][:2]:
        _run(page, first, example)
        restart(page)
    # Follow the site's own navigation link to the second procedure (Material loads it in place).
    link = page.locator(f".md-sidebar--primary a.md-nav__link[href$='{second.slug}/']").first
    link.click()
    page.wait_for_url(re.compile(rf"/procedures/{re.escape(second.slug)}/$"))
    page.wait_for_function(
        "(slug) => document.querySelector('.rc-wizard')?.dataset.wizardSlug === slug", arg=second.slug
    )
    wait_settled(page)
    for example in by_slug[second.slug][:2]:
        if state(page) == "outcome":
            restart(page)
        _run(page, second, example)
    assert page.evaluate("() => window.__testNoReload === true"), "the page was reloaded, not navigated in place"
    assert page.evaluate("() => window.__recourseWizard.engine.workersCreated") == 1
    wizard_workers = [w for w in page.workers if w.url.endswith("/assets/wizard/worker.js")]
    assert len(wizard_workers) == 1
    # And back again with the browser's Back button: the first page's wizard mounts anew on the same worker.
    # Each answered step is a history entry, so Back walks back through the second procedure's steps first.
    for _ in range(50):
        if page.evaluate(f"() => !location.pathname.endsWith('/{second.slug}/')"):
            break
        page.go_back()
    page.wait_for_function(
        "(slug) => document.querySelector('.rc-wizard')?.dataset.wizardSlug === slug", arg=first.slug
    )
    wait_settled(page)
    assert page.evaluate("() => window.__testNoReload === true")
    assert page.evaluate("() => window.__recourseWizard.engine.workersCreated") == 1


@pytest.mark.zensical
def test_pages_without_a_wizard_start_nothing(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.wait_for_load_state("load")
    assert page.evaluate("() => window.__recourseWizard.engine.workersCreated") == 0
    assert not [w for w in page.workers if "wizard" in w.url]


@pytest.fixture
def allowed_console_errors() -> list[re.Pattern[str]]:
    """The browser reports the missing file itself; that error is the point of the test."""
    return [re.compile(r"(404|Not Found).*pyodide\.asm\.wasm|pyodide\.asm\.wasm.*(404|Not Found)", re.IGNORECASE)]


@pytest.mark.reliability("fault")
def test_when_pyodide_cannot_start_the_page_points_to_all_answers(page: Page, broken_site_url: str) -> None:
    procedure = REAL[0]
    response = page.goto(procedure_url(broken_site_url, procedure.slug))
    # The first question is in the page as served, whatever happens to Python.
    assert response is not None
    question = procedure.tree["nodes"][procedure.tree["start"]]["question"]
    assert f'<legend class="rc-legend" tabindex="-1">{html.escape(question)}</legend>' in response.text()
    page.wait_for_function("() => document.querySelector('.rc-wizard').dataset.wizardState === 'error'")
    message = page.locator(f"{ROOT} .rc-wizard__error")
    text = message.inner_text()
    assert "could not start" in text
    assert len(re.findall(r"[.!?](\s|$)", text)) == 1, f"one sentence: {text!r}"
    link = message.locator("a[href='#all-answers']")
    assert link.count() == 1
    assert page.locator("#all-answers").count() == 1, "the static section the message points to exists"
    assert page.locator(f"{ROOT} form").count() == 0
    # The static section keeps working: its first question links to where each answer leads.
    link.click()
    assert page.evaluate("() => location.hash") == "#all-answers"
    start_section = page.locator(f"#node-{procedure.tree['start']}")
    assert start_section.count() == 1


@pytest.mark.reliability("fault")
def test_without_webassembly_the_page_says_so_at_once(page: Page, site_url: str) -> None:
    page.add_init_script("delete globalThis.WebAssembly;")
    procedure = REAL[0]
    page.goto(procedure_url(site_url, procedure.slug))
    page.wait_for_function("() => document.querySelector('.rc-wizard').dataset.wizardState === 'error'")
    assert page.locator(f"{ROOT} .rc-wizard__error a[href='#all-answers']").count() == 1
    assert page.evaluate("() => window.__recourseWizard.engine.workersCreated") == 0


@pytest.mark.reliability("fault")
def test_a_rule_that_fails_for_these_answers_is_explained(page: Page, fixture_site_url: str) -> None:
    """The tree is valid, but its rule divides by the answer: 0 makes the engine's state "error"."""
    open_wizard(page, procedure_url(fixture_site_url, FAILING_SLUG))
    question = node(page)
    page.fill(f"#rc-{question}-answer", "0")
    continue_(page)
    tree = page.evaluate("() => fetch('tree.json').then((r) => r.json())")
    wanted = step(tree, {question: "0"}, local_today())
    assert wanted["state"] == "error" and wanted["message"] is not None
    assert state(page) == "error"
    message = page.locator(f"{ROOT} .rc-wizard__error")
    assert wanted["message"] in message.inner_text()
    assert message.locator("a[href='#all-answers']").count() == 1
    # The reader can go back and give another answer.
    act_and_wait(page, lambda: page.click(f"{ROOT} .rc-back"))
    assert (state(page), node(page)) == ("question", question)
    fill_answer(page, tree, question, "5")
    continue_(page)
    assert (state(page), node(page)) == ("outcome", step(tree, {question: "5"}, local_today())["node"])
