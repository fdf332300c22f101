"""The playground page passes axe (WCAG 2.2 AA) in both palettes and both languages, with a problem shown.

The site audit (test_site_audit.py) checks the page as it starts; this one checks it at work: diagnostics
listed, the editor's lint marks in view, the preview wizard running.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from wizard.browser.playground_driver import checks_done, replace_text, wait_for_check

from .axe_audit import axe_violations, describe
from .test_playground import SLUG, TREE, _open
from .test_site_audit import context_options
from .wizard_driver import wait_settled

__all__ = ["context_options"]  # the audit's fixture: a colour scheme, and the policy bypassed to inject axe


@pytest.mark.reliability("audit")
@pytest.mark.parametrize("context_options", ["light", "dark"], indirect=True)
@pytest.mark.parametrize("language", ["en", "zh"])
def test_the_playground_with_a_problem_shown_passes_axe(page: Page, site_url: str, language: str,
                                                        context_options: dict[str, object]) -> None:
    _open(page, f"{site_url}{'' if language == 'en' else 'zh/'}playground/?tree={SLUG}")
    wait_settled(page)
    before = checks_done(page)
    replace_text(page, "tree", TREE.replace("type: choice", "type: choise", 1))
    wait_for_check(page, before)
    page.click("[data-playground-diagnostics] > * button")  # the lint marks in view too
    violations = axe_violations(page)
    assert not violations, describe(violations)
