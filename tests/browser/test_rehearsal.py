"""The engine rehearses each procedure it is given (wizard.core.rehearsal) while the reader reads its first
question: the worker marks it done, and the reader's page, address and history are as they were."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from .wizard_driver import (
    REPO,
    Procedure,
    drive,
    edition_ids,
    editions,
    expected_outcome,
    local_today,
    node,
    procedure_url,
    shown_outcome,
    state,
    use_today,
    worker_mark,
)

# Each language's edition of a procedure that asks for a date: the kind whose first answer was slowest.
EDITIONS = [(language, procedure) for language, procedure in editions(REPO / "trees")
            if any(n["type"] == "date" for n in procedure.tree["nodes"].values())]


@pytest.mark.parametrize(("language", "procedure"), EDITIONS, ids=edition_ids(EDITIONS))
def test_each_procedure_is_rehearsed_and_the_reader_s_place_is_untouched(
        page: Page, site_url: str, language: str, procedure: Procedure) -> None:
    example = procedure.examples[0]
    use_today(page, example.today)
    page.goto(procedure_url(site_url, procedure.slug, language))
    history = page.evaluate("() => history.length")
    rehearsed = worker_mark(page, "recourse-rehearsed")
    assert urlsplit(rehearsed["url"]).path.endswith(f"/{procedure.slug}/tree.json")
    assert rehearsed["steps"] > 0
    # Nothing of the rehearsal reached the page: the first question, no answers in the address, no history.
    assert (state(page), node(page)) == ("question", procedure.tree["start"])
    assert urlsplit(page.url).fragment == ""
    assert page.evaluate("() => history.length") == history
    # And the reader's own answers lead where the engine says they do.
    drive(page, procedure.tree, example.answers)
    assert shown_outcome(page) == expected_outcome(procedure.tree, example.answers, example.today or local_today())
