"""A result prints cleanly, and the wizard passes axe's WCAG 2.2 AA checks in the light and dark palettes."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import Page

from .wizard_driver import (
    REPO,
    ROOT,
    Procedure,
    continue_,
    drive,
    load_procedures,
    open_wizard,
    procedure_url,
    state,
)

REAL = load_procedures(REPO / "trees")
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


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
    open_wizard(page, procedure_url(site_url, procedure.slug, example.today))
    drive(page, procedure.tree, example.answers)
    assert state(page) == "outcome"
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", "#all-answers", "#flowchart",
                     f"{ROOT} button", f"{ROOT} .rc-actions", f"{ROOT} .rc-back", ".rc-facts"):
        if page.locator(selector).count():
            assert not _visible(page, selector), f"{selector} is printed"
    for selector in ("h1", ".rc-disclaimer", f"{ROOT} .rc-verdict", f"{ROOT} .rc-reasons", f"{ROOT} .rc-next-steps",
                     f"{ROOT} .rc-deadlines", f"{ROOT} .rc-outcome__basis", f"{ROOT} .rc-answers-list",
                     f"{ROOT} .rc-print-meta"):
        assert _visible(page, selector), f"{selector} is not printed"
    meta = page.inner_text(f"{ROOT} .rc-print-meta")
    # The printed address is the link to this result (the test's ?today= is not part of it).
    link = page.url.replace(f"?today={example.today}", "")
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


@pytest.fixture
def context_options(request: pytest.FixtureRequest) -> dict[str, object]:
    """The colour scheme under test; the page's CSP is bypassed only so that axe can be injected."""
    scheme = getattr(request, "param", "light")
    return {"color_scheme": scheme, "bypass_csp": True}


def _axe(page: Page) -> list[dict[str, Any]]:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        """async (tags) => await axe.run(document.querySelector('.rc-wizard'),
             {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
        WCAG_TAGS,
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def _describe(violations: list[dict[str, Any]]) -> str:
    return json.dumps(
        [{"rule": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5],
          "summary": v["nodes"][0]["failureSummary"] if v["nodes"] else ""} for v in violations],
        indent=1,
    )


@pytest.mark.reliability("audit")
@pytest.mark.parametrize("context_options", ["light", "dark"], indirect=True)
def test_axe_finds_no_wcag_problem_in_any_state(page: Page, site_url: str, context_options: dict[str, Any]) -> None:
    if not AXE.is_file():
        pytest.fail("node_modules/axe-core is missing: run `npm ci`", pytrace=False)
    procedure, example = _dated_example_with_deadlines()
    open_wizard(page, procedure_url(site_url, procedure.slug, example.today))
    expected_scheme = "slate" if context_options["color_scheme"] == "dark" else "default"
    assert page.evaluate("() => document.body.dataset.mdColorScheme") == expected_scheme
    problems = {}
    problems["first question"] = _axe(page)
    continue_(page)  # nothing selected: the error summary
    assert page.locator(f"{ROOT} .rc-error-summary").count() == 1
    problems["error summary"] = _axe(page)
    drive(page, procedure.tree, example.answers)
    problems["outcome"] = _axe(page)
    page.click(f"{ROOT} [data-rc-action='back']")
    page.wait_for_function("() => document.querySelector('.rc-wizard').dataset.wizardState === 'question'")
    problems["later question"] = _axe(page)
    found = [f"{where}: {_describe(v)}" for where, v in problems.items() if v]
    if found:
        pytest.fail("axe found WCAG problems:\n" + "\n".join(found), pytrace=False)


def test_targets_are_at_least_24_pixels(page: Page, site_url: str) -> None:
    procedure, example = _dated_example_with_deadlines()
    open_wizard(page, procedure_url(site_url, procedure.slug, example.today))
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
