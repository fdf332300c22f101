"""The one way tests and benchmarks edit the playground's texts, as an editor would, and wait for its check.

Each edit waits for the check it starts before the next one is made: a text typed into one editor while the
check of the other's arrives can be redrawn over by the editor library (the benchmark stalled that way).
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page


def checks_done(page: Page) -> str:
    """The count of checks the page has shown (``data-checks`` of the problems' summary), as text."""
    return page.get_attribute("[data-playground-summary]", "data-checks") or ""


def replace_text(page: Page, source: str, text: str) -> None:
    """Focus an editor (``tree`` or ``translation``), select all its text and paste ``text`` over it."""
    # Focused, not clicked: a click aims at the middle of the text, which can lie outside the editor's view.
    page.focus(f"[data-playground-source='{source}']")
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(text)


def wait_for_check(page: Page, changed_from: str) -> None:
    """Wait until the problems' summary shows a check after the one counted in ``changed_from``."""
    page.wait_for_function(
        "(before) => document.querySelector('[data-playground-summary]').dataset.checks !== before",
        arg=changed_from)


def downloaded_tree(page: Page, slug: str) -> str:
    """The procedure file as "Download files" gives it (the first of its two downloads, ``<slug>.yaml``)."""
    with page.expect_download() as download:
        page.click("[data-playground-action='download']")
    if download.value.suggested_filename != f"{slug}.yaml":
        raise AssertionError(f"the first download is {download.value.suggested_filename}, not {slug}.yaml")
    return Path(download.value.path()).read_text(encoding="utf-8")
