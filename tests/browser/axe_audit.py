"""axe-core in a Playwright page: one list of the rules the site is held to, and its findings made readable.

The site is held to WCAG 2.2 A and AA and to axe's best practices (heading order, landmarks and their names,
scrollable regions a keyboard can reach, …): 0 violations, in every state, in both languages and palettes. A
rule that is wrong for one element is not switched off here: that element says why, in a comment naming the
rule, where it is made.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Page

from .wizard_driver import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]


def axe_violations(page: Page, selector: str = "html") -> list[dict[str, Any]]:
    """axe-core's violations of ``AXE_TAGS`` in the part of the page that ``selector`` names."""
    if not AXE.is_file():
        pytest.fail("node_modules/axe-core is missing: run `npm ci`", pytrace=False)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        """async ([selector, tags]) => await axe.run(document.querySelector(selector),
             {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
        [selector, AXE_TAGS],
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    """The violations, short enough to read in a test report."""
    return json.dumps(
        [{"rule": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5],
          "summary": v["nodes"][0]["failureSummary"] if v["nodes"] else ""} for v in violations],
        indent=1,
    )
