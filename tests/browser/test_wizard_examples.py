"""Every example of every tree, answered in the browser, reaches what CPython's engine reaches.

One page load per tree and date: between examples the reader presses "Start again", so Pyodide starts once.
The fixture tree (numbers, dates, examples on several dates) runs on a small site of its own.
"""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import Page

from wizard.core.engine import step

from .wizard_driver import (
    FIXTURE_TREES,
    REPO,
    Procedure,
    check_reasons,
    drive,
    edition_ids,
    editions,
    expected_outcome,
    load_procedures,
    local_today,
    open_wizard,
    procedure_url,
    restart,
    shown_outcome,
    state,
    use_today,
)

REAL = editions(REPO / "trees")
FIXTURES = load_procedures(FIXTURE_TREES[0].parent)


def _run_all_examples(page: Page, base: str, procedure: Procedure, language: str = "en") -> None:
    assert procedure.examples, f"{procedure.slug} has no examples"
    failures = []
    # Examples without a date must not depend on it; they run on the reader's date, as in real use.
    by_date = sorted(procedure.examples, key=lambda e: e.today or local_today())
    for today, group in itertools.groupby(by_date, key=lambda e: e.today or local_today()):
        use_today(page, today)
        open_wizard(page, procedure_url(base, procedure.slug, language))
        for number, example in enumerate(group):
            if number:
                restart(page)
            assert state(page) == "question", f"{procedure.slug}: the wizard did not start ({state(page)})"
            drive(page, procedure.tree, example.answers)
            shown = shown_outcome(page)
            wanted = expected_outcome(procedure.tree, example.answers, today)
            if shown != wanted:
                failures.append(f"{example.name!r} on {today}: browser {shown}, CPython {wanted}")
            # The example's own promises hold too (the CPython run is the reference, this guards both).
            if shown.node != example.outcome or any(shown.deadlines.get(k) != v for k, v in example.deadlines.items()):
                failures.append(f"{example.name!r}: expected {example.outcome} {example.deadlines}, got {shown}")
            # "Why": every answer and rule that led here, with its reason and sources, as the engine says.
            failures.extend(f"{example.name!r}: {problem}"
                            for problem in check_reasons(page, step(procedure.tree, example.answers, today)))
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(("language", "procedure"), REAL, ids=edition_ids(REAL))
def test_every_example_of_the_real_trees_in_both_languages(page: Page, site_url: str, language: str,
                                                           procedure: Procedure) -> None:
    _run_all_examples(page, site_url, procedure, language)
    assert page.get_attribute("html", "lang") == language


@pytest.mark.parametrize("procedure", FIXTURES, ids=[p.slug for p in FIXTURES])
def test_every_example_of_the_fixture_trees(page: Page, fixture_site_url: str, procedure: Procedure) -> None:
    _run_all_examples(page, fixture_site_url, procedure)
