"""A result prints cleanly, and its controls are large enough to hit (axe runs over every state in test_site_audit)."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page

from .wizard_driver import (
    REPO,
    ROOT,
    Procedure,
    drive,
    load_procedures,
    open_wizard,
    procedure_url,
    state,
    use_today,
)

REAL = load_procedures(REPO / "trees")


def _dated_example_with_deadlines() -> tuple[Procedure, Any]:
    for procedure in REAL:
        for example in procedure.examples:
            if example.today and example.deadlines:
                return procedure, example
    raise AssertionError("no example with a deadline in trees/")


def _visible(page: Page, selector: str) -> bool:
    return page.locator(selector).first.is_visible()


def test_a_result_prints_on_its_own_with_address_and_date(page: Page, site_url: str) -> None:
    procedure, example = _dated_example_with_deadlines()
    use_today(page, example.today)
    open_wizard(page, procedure_url(site_url, procedure.slug))
    drive(page, procedure.tree, example.answers)
    assert state(page) == "outcome"
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", "#all-answers", "#flowchart",
                     f"{ROOT} button", f"{ROOT} .rc-actions", f"{ROOT} .rc-back"):
        if page.locator(selector).count():
            assert not _visible(page, selector), f"{selector} is printed"
    for selector in ("h1", ".rc-disclaimer", f"{ROOT} .rc-verdict", f"{ROOT} .rc-reasons", f"{ROOT} .rc-next-steps",
                     f"{ROOT} .rc-deadlines", f"{ROOT} .rc-outcome__basis", f"{ROOT} .rc-answers-list",
                     f"{ROOT} .rc-print-meta", ".rc-facts time"):
        assert _visible(page, selector), f"{selector} is not printed"
    meta = page.inner_text(f"{ROOT} .rc-print-meta")
    # The printed address is the link to this result.
    link = page.url
    assert "#a=" in link and f" {link} on " in meta, "the printed page says where it came from"
    day, month, year = int(example.today[8:]), int(example.today[5:7]), example.today[:4]
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    assert f"{day} {months[month - 1]} {year}" in meta
    # Deadlines print as real dates.
    for date in example.deadlines.values():
        assert page.locator(f"{ROOT} .rc-deadline time[datetime='{date}']").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    page.emulate_media(media="screen")
    assert _visible(page, f"{ROOT} .rc-actions") and not _visible(page, f"{ROOT} .rc-print-meta")


def test_targets_are_at_least_24_pixels(page: Page, site_url: str) -> None:
    procedure, example = _dated_example_with_deadlines()
    use_today(page, example.today)
    open_wizard(page, procedure_url(site_url, procedure.slug))
    drive(page, procedure.tree, example.answers)
    sizes = page.eval_on_selector_all(
        f"{ROOT} button, {ROOT} input, {ROOT} a",
        "(items) => items.filter((e) => e.offsetParent).map((e) => [e.outerHTML.slice(0, 80),"
        " e.getBoundingClientRect().width, e.getBoundingClientRect().height])",
    )
    assert sizes
    # Links inside sentences are exempt from the target size (WCAG 2.5.8 "inline"); controls are not.
    small = [s for s in sizes if (s[1] < 24 or s[2] < 24) and not re.match(r"<a ", s[0])]
    assert not small, small
