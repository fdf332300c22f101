"""Answers at once: while Pyodide is held back, each choice answer shows the build's pre-rendered view (views.json),
with the address, history and focus the engine would give; the engine, once ready, gives the same screens for the
same answers. The table keeps answering what it holds once the engine is ready (the worker is not asked), and a
table the page cannot use, or that is late, changes nothing: the answer goes to the engine."""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

import pytest
from playwright.sync_api import Page, Route

from wizard.site.pages import tree_page
from wizard.site.prerender import answers_key

from .wizard_driver import (
    REPO,
    ROOT,
    Procedure,
    continue_,
    edition_ids,
    editions,
    node,
    procedure_url,
    restart,
    state,
    wait_settled,
)

EDITIONS = editions(REPO / "trees")
WASM = "**/assets/pyodide/pyodide.asm.wasm"
# The wizard's view without its live status region, which only speaks while something is awaited.
SCREEN = """() => [...document.querySelector('.rc-wizard').children]
  .filter((child) => !child.matches('.rc-wizard__status')).map((child) => child.outerHTML).join('')"""
# Where the focus is: the focused element's tag, class and text.
FOCUSED = """() => { const at = document.activeElement;
  return at ? [at.tagName, at.className, (at.textContent || '').trim()].join('|') : ''; }"""


def deepest_walk(tree: dict[str, Any]) -> list[tuple[str, str]]:
    """The answers of the table's view furthest from the start, an outcome if the table holds one (the first of
    them, in the table's order)."""
    views = json.loads(tree_page(tree).views_text)["views"]
    key = max(views, key=lambda found: (views[found]["result"]["state"] == "outcome",
                                        len(urllib.parse.parse_qsl(found))))
    return urllib.parse.parse_qsl(key)


def engine_state(page: Page) -> str:
    return str(page.evaluate("() => window.__recourseWizard.engine.state"))


def hold_pyodide(page: Page) -> list[Route]:
    held: list[Route] = []

    def hold(route: Route) -> None:
        held.append(route)

    page.context.route(WASM, hold)
    return held


def answer(page: Page, question: str, key: str) -> None:
    page.check(f"#rc-{question}-{key}")
    continue_(page)


@pytest.mark.parametrize(("language", "procedure"), EDITIONS, ids=edition_ids(EDITIONS))
def test_answers_before_the_engine_is_ready_show_the_build_s_views_then_the_same_screens(
        page: Page, site_url: str, language: str, procedure: Procedure) -> None:
    walk = deepest_walk(procedure.tree)
    assert len(walk) >= 2, "a walk of at least two choice answers"
    held = hold_pyodide(page)
    page.goto(procedure_url(site_url, procedure.slug, language))
    page.wait_for_function("() => window.__recourseWizard && window.__recourseWizard.engine.state === 'starting'")
    views = json.loads(tree_page(procedure.tree).views_text)["views"]
    screens, focused = [], []
    for count, (question, key) in enumerate(walk, start=1):
        assert node(page) == question
        answer(page, question, key)
        answers = walk[:count]
        expected = views[answers_key(answers)]["result"]
        assert engine_state(page) == "starting", "Pyodide was held back"
        assert (state(page), node(page)) == (expected["state"], expected["node"])
        assert page.inner_text(f"{ROOT} .rc-wizard__status") == ""  # no "your answer is kept"
        # The address and focus as the engine's views give them (checked against the engine's below).
        assert page.evaluate("() => location.hash") == "#a=" + urllib.parse.quote(answers_key(answers), safe="")
        if expected["state"] == "question":
            assert page.evaluate("() => document.activeElement.matches('.rc-legend')")
        screens.append(page.evaluate(SCREEN))
        focused.append(page.evaluate(FOCUSED))
    if any(view["result"]["state"] == "outcome" for view in views.values()):
        assert state(page) == "outcome", "the walk ends at an outcome the build worked out"
    # The browser's Back goes to the view before, from the table too (the theme's instant navigation may load the
    # page again: the new wizard starts at the place in the address).
    for move, answers in ((page.go_back, walk[:-1]), (page.go_forward, walk)):
        move()
        page.wait_for_function("(id) => document.querySelector('.rc-wizard').dataset.wizardNode === id",
                               arg=views[answers_key(answers)]["result"]["node"], timeout=10_000)
        assert engine_state(page) == "starting"
    # The wizard marks its place before it draws it (and a page loaded again by instant navigation shows the
    # build's first question until then): wait for the screen itself, which must become the one shown before.
    page.wait_for_function(f"(expected) => ({SCREEN})() === expected", arg=screens[-1], timeout=10_000)
    # The engine arrives: the same answers now go through it, and give the same screens.
    for _ in range(600):
        if held:
            break
        page.wait_for_timeout(50)
    held[0].continue_()
    page.wait_for_function("() => window.__recourseWizard.engine.state === 'ready'")
    # The table would still answer (see the next test): without it, every screen comes from the engine.
    page.evaluate("() => { window.__recoursePrerendered = null; }")
    restart(page)
    for count, (question, key) in enumerate(walk, start=1):
        answer(page, question, key)
        assert page.evaluate(SCREEN) == screens[count - 1], f"after {walk[:count]}"
        assert page.evaluate(FOCUSED) == focused[count - 1], f"focus after {walk[:count]}"


@pytest.mark.reliability("fault")
@pytest.mark.parametrize("body", ["not JSON", '{"format": 2, "views": {"": {}}}', '{"format": 1, "views": null}'])
def test_a_table_the_page_cannot_use_leaves_the_answer_to_the_engine(page: Page, site_url: str, body: str) -> None:
    language, procedure = EDITIONS[0]
    tree = procedure.tree
    (question, key), *_ = deepest_walk(tree)
    page.context.route("**/views.json*", lambda route: route.fulfill(status=200, content_type="application/json",
                                                                      body=body))
    held = hold_pyodide(page)
    page.goto(procedure_url(site_url, procedure.slug, language))
    page.wait_for_function("() => window.__recourseWizard && window.__recourseWizard.engine.state === 'starting'")
    page.check(f"#rc-{question}-{key}")
    page.click(f"{ROOT} .rc-continue")
    page.wait_for_function("(root) => document.querySelector(root + ' .rc-wizard__status').innerText !== ''",
                           arg=ROOT)
    assert "kept" in page.inner_text(f"{ROOT} .rc-wizard__status")
    assert (state(page), node(page)) == ("loading", question)
    for _ in range(600):
        if held:
            break
        page.wait_for_timeout(50)
    held[0].continue_()
    wait_settled(page)
    page.wait_for_function(f"() => document.querySelector('{ROOT}').dataset.wizardNode !== '{question}'")
    assert state(page) == "question"


# Records the answers of every step the page asks the worker for, from now on.
COUNT_STEPS = """() => { const worker = window.__recourseWizard.engine.worker; window.__stepsAsked = [];
  const post = worker.postMessage.bind(worker);
  worker.postMessage = (message) => {
    if (message && message.type === 'step') window.__stepsAsked.push(JSON.stringify(message.answers));
    post(message);
  }; }"""


@pytest.mark.parametrize(("language", "procedure"), EDITIONS[:1] + EDITIONS[-1:], ids=edition_ids(EDITIONS[:1] +
                                                                                                    EDITIONS[-1:]))
def test_once_the_engine_is_ready_the_table_still_answers_what_it_holds(
        page: Page, site_url: str, language: str, procedure: Procedure) -> None:
    walk = deepest_walk(procedure.tree)
    views = json.loads(tree_page(procedure.tree).views_text)["views"]
    page.goto(procedure_url(site_url, procedure.slug, language))
    page.wait_for_function("() => window.__recourseWizard && window.__recourseWizard.engine.state === 'ready'")
    wait_settled(page)
    page.evaluate(COUNT_STEPS)
    for count, (question, key) in enumerate(walk, start=1):
        answer(page, question, key)
        expected = views[answers_key(walk[:count])]["result"]
        assert (state(page), node(page)) == (expected["state"], expected["node"])
    asked = [json.loads(answers) for answers in page.evaluate("() => window.__stepsAsked")]
    # The worker may work out options the table does not hold, in advance; never an answer the reader gave.
    given = [[list(pair) for pair in walk[:count]] for count in range(1, len(walk) + 1)]
    assert not [answers for answers in asked if answers in given], "a held answer went to the worker"


@pytest.mark.reliability("fault")
def test_a_table_that_never_arrives_does_not_hold_up_the_ready_engine(page: Page, site_url: str) -> None:
    language, procedure = EDITIONS[0]
    (question, key), *_ = deepest_walk(procedure.tree)
    page.context.route("**/views.json*", lambda route: None)  # never answered
    page.goto(procedure_url(site_url, procedure.slug, language))
    page.wait_for_function("() => window.__recourseWizard && window.__recourseWizard.engine.state === 'ready'")
    wait_settled(page)
    answer(page, question, key)  # waits for the next view: with the table awaited, it never came
    assert node(page) != question
