"""The date the wizard works with: the reader's own, whatever a link says; a test sets another on the page itself."""

from __future__ import annotations

from playwright.sync_api import Page

from .wizard_driver import (
    REPO,
    drive,
    expected_outcome,
    load_procedures,
    local_today,
    open_wizard,
    procedure_url,
    shown_outcome,
    use_today,
)

REAL = load_procedures(REPO / "trees")
# An example whose result on its own date differs from the result on this machine's date (a deadline open
# then and passed now, or another outcome): what a link carrying a date would try to show.
DATED = next((p, e) for p in REAL for e in p.examples if e.today and (
    expected_outcome(p.tree, e.answers, e.today) != expected_outcome(p.tree, e.answers, local_today())))


def test_a_date_in_the_link_changes_nothing(page: Page, site_url: str) -> None:
    procedure, example = DATED
    assert example.today is not None
    open_wizard(page, procedure_url(site_url, procedure.slug) + f"?today={example.today}&date={example.today}")
    assert page.get_attribute(".rc-wizard", "data-wizard-today") is None
    drive(page, procedure.tree, example.answers)
    assert shown_outcome(page) == expected_outcome(procedure.tree, example.answers, local_today())


def test_a_test_sets_the_date_on_the_mount_point(page: Page, site_url: str) -> None:
    procedure, example = DATED
    assert example.today is not None
    use_today(page, example.today)
    open_wizard(page, procedure_url(site_url, procedure.slug))
    drive(page, procedure.tree, example.answers)
    assert shown_outcome(page) == expected_outcome(procedure.tree, example.answers, example.today)
