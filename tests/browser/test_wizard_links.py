"""The link to a result: answers in the URL fragment, copied, reopened, and refused when stale or tampered."""

from __future__ import annotations

from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

import pytest
from playwright.sync_api import Page

from wizard.core.engine import step

from .wizard_driver import (
    REPO,
    ROOT,
    Example,
    Procedure,
    drive,
    expected_outcome,
    load_procedures,
    local_today,
    node,
    open_wizard,
    procedure_url,
    shown_outcome,
    state,
)

REAL = load_procedures(REPO / "trees")
UNDATED = [(p, e) for p in REAL for e in p.examples if e.today is None]


def _fragment(answers: list[tuple[str, str]]) -> str:
    return "#a=" + quote(urlencode(answers), safe="")


def _answers_in(url: str) -> list[tuple[str, str]]:
    fragment = urlsplit(url).fragment
    assert fragment.startswith("a="), url
    return parse_qsl(unquote(fragment[2:]), keep_blank_values=True)


@pytest.fixture
def context_options() -> dict[str, object]:
    """Let the page use the clipboard, as a reader who clicks "Copy link" allows."""
    return {"permissions": ["clipboard-read", "clipboard-write"]}


def _example_with_most_answers() -> tuple[Procedure, Example]:
    return max(UNDATED, key=lambda pair: len(pair[1].answers))


def test_the_result_link_holds_the_answers_in_order_and_restores_the_result(page: Page, site_url: str) -> None:
    procedure, example = _example_with_most_answers()
    url = procedure_url(site_url, procedure.slug)
    open_wizard(page, url)
    drive(page, procedure.tree, example.answers)
    shown = shown_outcome(page)
    result = step(procedure.tree, example.answers, local_today())
    # The fragment holds the answers on the path, in the order they were asked.
    assert _answers_in(page.url) == list(result["answers"].items())
    assert urlsplit(page.url).path == urlsplit(url).path
    page.click(f"{ROOT} [data-rc-action='copy']")
    page.wait_for_function("() => document.querySelector('.rc-copy-status').textContent.length > 0")
    assert page.inner_text(f"{ROOT} .rc-copy-status").startswith("Link copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == url + _fragment(list(result["answers"].items()))
    # Opening the link in a new tab shows the same result straight away.
    other = page.context.new_page()
    open_wizard(other, copied)
    assert shown_outcome(other) == shown
    assert other.locator(f"{ROOT} .rc-note").count() == 0
    other.close()


def test_a_link_to_a_question_half_way_resumes_there(page: Page, site_url: str) -> None:
    procedure, example = _example_with_most_answers()
    result = step(procedure.tree, example.answers, local_today())
    first_two = list(result["answers"].items())[:2]
    expected = step(procedure.tree, dict(first_two), local_today())
    assert expected["state"] == "question"
    open_wizard(page, procedure_url(site_url, procedure.slug) + _fragment(first_two))
    assert (state(page), node(page)) == ("question", expected["node"])
    assert page.locator(f"{ROOT} .rc-note").count() == 0
    assert page.locator(f"{ROOT} .rc-answers-list__row").count() == 2


@pytest.mark.reliability("fault")
@pytest.mark.parametrize(
    "tamper",
    [
        "unknown-answer",
        "unknown-question",
        "bad-encoding",
        "empty",
        "duplicate",
    ],
)
def test_a_tampered_or_stale_link_starts_over_with_a_note(page: Page, site_url: str, tamper: str) -> None:
    procedure, example = _example_with_most_answers()
    answers = list(step(procedure.tree, example.answers, local_today())["answers"].items())
    first, value = answers[0]
    fragments = {
        "unknown-answer": _fragment([(first, value + "-no-such-option"), *answers[1:]]),
        "unknown-question": _fragment([*answers, ("no_such_question", "yes")]),
        "bad-encoding": "#a=%E0%A4%A",
        "empty": "#a=",
        "duplicate": _fragment([answers[0], answers[0]]),
    }
    open_wizard(page, procedure_url(site_url, procedure.slug) + fragments[tamper])
    assert (state(page), node(page)) == ("question", procedure.tree["start"])
    note = page.locator(f"{ROOT} .rc-note")
    assert note.count() == 1 and "started again" in note.inner_text()
    assert "#a=" not in page.url, "the bad fragment is removed from the address"
    assert page.locator(f"{ROOT} .rc-answers").count() == 0
    # The wizard works normally from there.
    drive(page, procedure.tree, example.answers)
    assert shown_outcome(page) == expected_outcome(procedure.tree, example.answers, local_today())
    assert page.locator(f"{ROOT} .rc-note").count() == 0


HOSTILE = '"><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


@pytest.mark.reliability("injection")
def test_markup_in_a_link_is_never_run(page: Page, site_url: str) -> None:
    procedure, example = _example_with_most_answers()
    answers = list(step(procedure.tree, example.answers, local_today())["answers"].items())
    for fragment in (_fragment([(answers[0][0], HOSTILE)]), _fragment([(HOSTILE, "yes")]), "#a=" + HOSTILE):
        open_wizard(page, procedure_url(site_url, procedure.slug) + fragment)
        assert (state(page), node(page)) == ("question", procedure.tree["start"])
        assert page.evaluate("() => window.__pwned") is None
        assert page.locator(f"{ROOT} img, {ROOT} script").count() == 0
        page.goto("about:blank")
