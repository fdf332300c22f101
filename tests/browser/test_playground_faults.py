"""The playground when Pyodide cannot start: it says so, and the editors still hold the texts to download."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, Route

from wizard.browser.playground_driver import checks_done, downloaded_tree, replace_text, wait_for_check

from .test_playground import SLUG, TREE


@pytest.fixture
def allowed_console_errors() -> list[re.Pattern[str]]:
    """The browser reports the missing file itself; that error is the point of the test."""
    return [re.compile(r"(404|Not Found).*pyodide\.asm\.wasm|pyodide\.asm\.wasm.*(404|Not Found)", re.IGNORECASE)]


@pytest.mark.reliability("fault")
def test_without_pyodide_the_playground_says_so_and_keeps_the_texts(page: Page, broken_site_url: str) -> None:
    page.goto(f"{broken_site_url}playground/?tree={SLUG}")
    page.wait_for_selector(".rc-playground[data-playground-state='failed']", timeout=120_000)
    assert "could not start" in page.inner_text(".rc-playground__status")
    first_line = TREE.splitlines()[0]
    assert first_line in page.inner_text("[data-playground-source='tree']")
    with page.expect_download() as download:
        page.click("[data-playground-action='download']")
    assert download.value.suggested_filename in {f"{SLUG}.yaml", f"{SLUG}.zh.yaml"}


@pytest.mark.reliability("fault")
def test_a_check_that_stops_says_so_and_shows_no_earlier_result(page: Page, site_url: str) -> None:
    # The worker's check is made to fail as a fault of ours would (its answer cannot be read): the page must not
    # leave the previous edit's problems, examples or preview on show as if they were this edit's.
    def broken_worker(route: Route) -> None:
        script = route.fetch().text()
        assert "JSON.parse(python.check(" in script
        route.fulfill(body=script.replace("JSON.parse(python.check(", "JSON.parse('{' + python.check("),
                      content_type="text/javascript")

    page.context.route("**/playground-worker.js*", broken_worker)
    page.goto(f"{site_url}playground/?tree={SLUG}")
    page.wait_for_selector(".rc-playground[data-playground-state='ready']", timeout=120_000)
    before = checks_done(page)
    replace_text(page, "tree", TREE.replace("type: choice", "type: choise", 1))
    wait_for_check(page, before)
    summary = page.locator("[data-playground-summary]")
    assert summary.get_attribute("data-check-failed") == "" and "stopped" in summary.inner_text()
    assert page.locator("[data-playground-diagnostics] > *").count() == 0
    assert page.locator("[data-playground-preview] .rc-wizard").count() == 0
    assert downloaded_tree(page, SLUG) == TREE.replace("type: choice", "type: choise", 1)  # the edit is kept
