"""The playground when Pyodide cannot start: it says so, and the editors still hold the texts to download."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

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
