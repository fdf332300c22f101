"""Faults in the browser: broken files, a crashing worker and a hasty or impatient reader. Each leaves a page
that works (the static "All answers" at the least) and keeps the reader's answers where it can.

Missing Pyodide files and a browser without WebAssembly are in test_wizard_startup.py; a tampered link is in
test_wizard_links.py.
"""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import pytest
from playwright.sync_api import Page, Route

from wizard.browser.answer_fields import fill_answer

from .wizard_driver import (
    REPO,
    ROOT,
    continue_,
    engine_idle,
    expected_outcome,
    load_procedures,
    local_today,
    node,
    open_wizard,
    procedure_url,
    shown_outcome,
    state,
    use_today,
    wait_settled,
)

REAL = load_procedures(REPO / "trees")
# The longest walk of the real trees: a fault half-way through it has answers to lose.
PROCEDURE, EXAMPLE = max(((p, e) for p in REAL for e in p.examples), key=lambda pe: len(pe[1].answers))


def _answer(page: Page, count: int) -> list[str]:
    """Answer the first ``count`` questions of the example; returns the questions answered."""
    answered = []
    for _ in range(count):
        assert state(page) == "question"
        current = node(page)
        fill_answer(page, PROCEDURE.tree, current, EXAMPLE.answers[current])
        continue_(page)
        answered.append(current)
    return answered


def _answers_in_address(page: Page) -> dict[str, str]:
    fragment = page.evaluate("() => location.hash")
    assert fragment.startswith("#a="), fragment
    return dict(pair.split("=", 1) for pair in unquote(fragment[3:]).split("&"))


def _finish(page: Page) -> None:
    """Answer the rest of the example and check that the outcome is CPython's."""
    while state(page) == "question":
        current = node(page)
        fill_answer(page, PROCEDURE.tree, current, EXAMPLE.answers[current])
        continue_(page)
    today = EXAMPLE.today or local_today()
    assert shown_outcome(page) == expected_outcome(PROCEDURE.tree, EXAMPLE.answers, today)


def _fails_to_all_answers(page: Page) -> str:
    page.wait_for_function("() => document.querySelector('.rc-wizard').dataset.wizardState === 'error'")
    message = page.locator(f"{ROOT} .rc-wizard__error")
    assert message.locator("a[href='#all-answers']").count() == 1
    assert page.locator(f"#node-{PROCEDURE.tree['start']}").count() == 1, "the static section is still there"
    return message.inner_text()


@pytest.fixture
def allowed_console_errors() -> list[re.Pattern[str]]:
    """Broken files are reported by the browser itself (failed loads): expected here, and only those."""
    return [re.compile(r"Failed to load resource|CompileError|WebAssembly|pyodide", re.IGNORECASE)]


@pytest.mark.reliability("fault")
def test_a_corrupted_pyodide_fails_to_all_answers(page: Page, site_url: str) -> None:
    def garbage(route: Route) -> None:
        route.fulfill(status=200, content_type="application/wasm", body=b"\0asm\x01\0\0\0this is not wasm")

    page.route(re.compile(r"pyodide\.asm\.wasm"), garbage)
    use_today(page, EXAMPLE.today)
    page.goto(procedure_url(site_url, PROCEDURE.slug))
    assert "could not start" in _fails_to_all_answers(page)


@pytest.mark.reliability("fault")
def test_a_missing_tree_file_fails_to_all_answers(page: Page, site_url: str) -> None:
    page.route(re.compile(r"/tree\.json$"), lambda route: route.fulfill(status=404, body="not found"))
    use_today(page, EXAMPLE.today)
    page.goto(procedure_url(site_url, PROCEDURE.slug))
    _fails_to_all_answers(page)


@pytest.mark.reliability("fault")
def test_a_tree_file_from_an_older_build_asks_for_a_reload(page: Page, site_url: str) -> None:
    def older(route: Route) -> None:
        tree = json.loads(route.fetch().text())
        tree["format"] = 0
        route.fulfill(status=200, content_type="application/json", body=json.dumps(tree))

    page.route(re.compile(r"/tree\.json$"), older)
    use_today(page, EXAMPLE.today)
    page.goto(procedure_url(site_url, PROCEDURE.slug))
    assert "Reload the page" in _fails_to_all_answers(page)


@pytest.mark.reliability("fault")
def test_the_worker_crashing_mid_walk_is_restarted_and_the_walk_goes_on(page: Page, site_url: str) -> None:
    use_today(page, EXAMPLE.today)
    open_wizard(page, procedure_url(site_url, PROCEDURE.slug))
    _answer(page, 2)
    before = node(page)
    # What a crashed worker does: it stops, and the page gets an error event from it.
    page.evaluate("""() => {
      const engine = window.__recourseWizard.engine;
      engine.worker.terminate();
      engine.worker.dispatchEvent(new ErrorEvent("error", {message: "out of memory"}));
    }""")
    assert page.evaluate("() => window.__recourseWizard.engine.workersCreated") == 2
    assert node(page) == before
    _finish(page)


@pytest.mark.reliability("fault")
def test_a_worker_that_keeps_crashing_fails_with_the_answers_kept(page: Page, site_url: str) -> None:
    use_today(page, EXAMPLE.today)
    open_wizard(page, procedure_url(site_url, PROCEDURE.slug))
    _answer(page, 2)
    kept = _answers_in_address(page)
    for _ in range(2):
        page.evaluate("""() => {
          const engine = window.__recourseWizard.engine;
          if (engine.state === "starting") engine.state = "ready";  // crash again once it is back
          engine.worker.dispatchEvent(new ErrorEvent("error", {message: "out of memory"}));
        }""")
    text = _fails_to_all_answers(page)
    assert "reload the page" in text
    assert _answers_in_address(page) == kept
    page.reload()
    wait_settled(page)
    assert state(page) == "question" and len(page.evaluate("() => location.hash")) > 3
    _finish(page)


@pytest.mark.reliability("fault")
def test_a_double_click_on_continue_answers_once(page: Page, site_url: str) -> None:
    use_today(page, EXAMPLE.today)
    open_wizard(page, procedure_url(site_url, PROCEDURE.slug))
    first = node(page)
    fill_answer(page, PROCEDURE.tree, first, EXAMPLE.answers[first])
    page.dblclick(f"{ROOT} .rc-continue")
    page.wait_for_function(
        "(first) => { const r = document.querySelector('.rc-wizard');"
        " return r.dataset.wizardState !== 'loading' && r.dataset.wizardNode !== first; }", arg=first)
    engine_idle(page)  # a second submission, if there was one, has been answered and drawn
    assert list(_answers_in_address(page)) == [first]
    assert page.locator(f"{ROOT} .rc-error-summary").count() == 0
    _finish(page)


@pytest.mark.reliability("fault")
def test_the_browser_back_button_and_forward_keep_the_answers(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.click(f"a[href*='procedures/{PROCEDURE.slug}/']")
    page.wait_for_url(re.compile(f"procedures/{PROCEDURE.slug}/"))
    wait_settled(page)
    _answer(page, 2)
    kept, where = _answers_in_address(page), node(page)
    kept_hash = page.evaluate("() => location.hash")
    page.evaluate("() => { document.querySelector('.rc-wizard').dataset.testBefore = '1'; }")
    # Each answered step is a history entry: Back walks back through them, then leaves the procedure.
    for _ in range(4):
        page.go_back()
        if page.url == site_url:
            break
    page.wait_for_url(site_url)
    # Forward comes back to the procedure, then through the steps to where the reader was.
    for _ in range(4):
        page.go_forward()
        page.wait_for_url(re.compile(f"procedures/{PROCEDURE.slug}/"))
        if page.evaluate("() => location.hash") == kept_hash:
            break
    # The page comes back (from the browser's cache or the theme's instant navigation) at the same question.
    page.wait_for_function(
        "(where) => { const r = document.querySelector('.rc-wizard');"
        " return r && !r.dataset.testBefore && r.dataset.wizardState === 'question'"
        " && r.dataset.wizardNode === where; }", arg=where)
    page.wait_for_load_state("networkidle")
    assert _answers_in_address(page) == kept
    _finish(page)


@pytest.mark.reliability("fault")
def test_a_reload_mid_walk_resumes_where_the_reader_was(page: Page, site_url: str) -> None:
    use_today(page, EXAMPLE.today)
    open_wizard(page, procedure_url(site_url, PROCEDURE.slug))
    _answer(page, 2)
    where = node(page)
    page.reload()
    wait_settled(page)
    assert (state(page), node(page)) == ("question", where)
    _finish(page)
