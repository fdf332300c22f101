"""The first question of a procedure page: links that send nothing without JavaScript, the wizard's form with it,
in the same place on the page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, Route

from .wizard_driver import REPO, ROOT, load_procedures, procedure_url, state

# Run against the Zensical build too (make test: the subset of docs/architecture.md#one-site-any-generator).
pytestmark = pytest.mark.zensical

REAL = load_procedures(REPO / "trees")
CHOICE = next(p for p in REAL if p.tree["nodes"][p.tree["start"]]["type"] in ("choice", "yesno"))

# Where each part of the first question is: the question, each answer's row, and the bottom of the block.
LAYOUT = """() => {
  const root = document.querySelector('.rc-wizard');
  const top = root.getBoundingClientRect().top;
  const box = (el) => { const r = el.getBoundingClientRect(); return [Math.round(r.top - top), Math.round(r.height)]; };
  const block = root.querySelector('.rc-question');
  return {
    legend: box(block.querySelector('.rc-legend')),
    rows: [...block.querySelectorAll('.rc-radio')].map(box),
    block: box(block),
    after: box(root.nextElementSibling || root),
  };
}"""


@pytest.mark.parametrize("context_options", [{"java_script_enabled": False}])
def test_without_javascript_the_first_question_is_answered_by_links_that_send_nothing(
        page: Page, site_url: str, context_options: dict[str, object]) -> None:
    tree = CHOICE.tree
    start = tree["nodes"][tree["start"]]
    sent: list[str] = []  # pages asked of the server (the favicon may still come, after the page)
    page.on("request", lambda request: sent.append(request.url) if request.resource_type == "document" else None)
    page.goto(procedure_url(site_url, CHOICE.slug))
    assert page.locator(f"{ROOT} form").count() == 0, "no form on the page"
    assert page.locator(f"{ROOT} input, {ROOT} button").count() == 0, "nothing to type into or press in vain"
    links = page.locator(f"{ROOT} .rc-question--links .rc-radio a")
    assert links.all_inner_texts() == [o["label"] for o in start["options"]]
    assert not page.locator(f"{ROOT} .rc-continue--room").is_visible()
    option = start["options"][-1]
    sent.clear()
    links.last.click()
    # The answer's link goes to where it leads in "All answers", in the page: no request at all.
    assert page.url == procedure_url(site_url, CHOICE.slug) + f"#node-{option['next']}"
    assert sent == []
    assert page.locator(f"#node-{option['next']}").is_visible()


def test_the_form_takes_the_place_of_the_links_without_moving_anything(page: Page, site_url: str) -> None:
    held: list[Route] = []

    def hold(route: Route) -> None:
        held.append(route)  # keeps the wizard loading

    page.context.route("**/assets/pyodide/pyodide.asm.wasm", hold)
    url = procedure_url(site_url, CHOICE.slug)

    def empty_script(route: Route) -> None:
        route.fulfill(status=200, content_type="text/javascript", body="")

    # First the page as painted before the wizard's script runs: the links, with the script allowed.
    page.route("**/assets/wizard/wizard.js*", empty_script)
    page.goto(url)
    page.wait_for_load_state("load")
    assert page.locator(f"{ROOT} .rc-question--links").count() == 1
    before: dict[str, Any] = page.evaluate(LAYOUT)
    page.unroute("**/assets/wizard/wizard.js*", empty_script)
    # Then with the script: the form, while the engine is still loading (no progress bar yet).
    page.goto(url)
    page.wait_for_function("() => window.__recourseWizard && window.__recourseWizard.engine.state === 'starting'")
    assert state(page) == "loading"
    assert page.locator(f"{ROOT} .rc-question--links").count() == 0
    assert page.locator(f"{ROOT} form.rc-question").count() == 1
    after: dict[str, Any] = page.evaluate(LAYOUT)
    assert after == before
    for route in held:
        route.abort()


def test_with_javascript_the_first_answer_stays_in_the_page(page: Page, site_url: str) -> None:
    sent: list[str] = []
    page.on("request", lambda request: sent.append(request.url))
    page.goto(procedure_url(site_url, CHOICE.slug))
    start = CHOICE.tree["start"]
    page.wait_for_selector(f"{ROOT}[data-wizard-state='question']")
    page.check(f"#rc-{start}-{CHOICE.tree['nodes'][start]['options'][0]['key']}")
    page.click(f"{ROOT} .rc-continue")
    page.wait_for_function(f"() => document.querySelector('.rc-wizard').dataset.wizardNode !== '{start}'")
    assert [url for url in sent if "answer" in url] == [] and "?" not in page.url.split("#")[0]
