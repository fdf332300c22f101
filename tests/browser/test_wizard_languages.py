"""Switching language in the header keeps the wizard's answers: same page, same question or result, other words."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from wizard.browser.answer_fields import fill_answer
from wizard.browser.search_driver import ALSO_LINKS, search
from wizard.core.engine import step

from .wizard_driver import (
    REPO,
    ROOT,
    continue_,
    drive,
    load_procedures,
    local_today,
    node,
    open_wizard,
    procedure_url,
    state,
    use_today,
    wait_settled,
)

# Run against the Zensical build too (make test: the subset of docs/architecture.md#one-site-any-generator).
pytestmark = pytest.mark.zensical

PROCEDURES = {language: {p.slug: p for p in load_procedures(REPO / "trees", language)} for language in ("en", "zh")}


def _switch_to(page: Page, language: str) -> None:
    """Open the header's language menu and choose ``language``, as a reader does; wait for the wizard."""
    page.hover(".md-header .md-select")
    link = page.locator(f".md-header a.md-select__link[hreflang='{language}']")
    with page.expect_navigation():
        link.click()
    page.wait_for_function(f"document.documentElement.lang === '{language}'")
    wait_settled(page)


def test_switching_language_at_the_result_keeps_the_answers(page: Page, site_url: str) -> None:
    english = PROCEDURES["en"]["withdraw-complaint"]
    example = next(e for e in english.examples if len(e.answers) >= 2)
    today = example.today or local_today()
    use_today(page, today)
    open_wizard(page, procedure_url(site_url, english.slug))
    drive(page, english.tree, example.answers)
    assert state(page) == "outcome"
    _switch_to(page, "zh")
    chinese = PROCEDURES["zh"]["withdraw-complaint"]
    assert "/zh/procedures/withdraw-complaint/" in page.url
    assert state(page) == "outcome" and node(page) == example.outcome
    outcome = step(chinese.tree, example.answers, today)["outcome"]
    assert outcome is not None and page.inner_text(f"{ROOT} .rc-verdict") == outcome["verdict"]
    answers = [text.strip() for text in page.locator(f"{ROOT} .rc-answers-list__question").all_inner_texts()]
    assert answers == [s["question"] for s in step(chinese.tree, example.answers, today)["steps"]]


def test_switching_language_half_way_keeps_the_answers_given(page: Page, site_url: str) -> None:
    chinese = PROCEDURES["zh"]["tmall-store-complaint"]
    example = next(e for e in chinese.examples if len(e.answers) >= 2)
    today = example.today or local_today()
    use_today(page, today)
    open_wizard(page, procedure_url(site_url, chinese.slug, "zh"))
    first = node(page)
    fill_answer(page, chinese.tree, first, example.answers[first])
    continue_(page)
    second = node(page)
    assert state(page) == "question" and second != first
    _switch_to(page, "en")
    english = PROCEDURES["en"]["tmall-store-complaint"]
    assert "/zh/" not in page.url
    assert state(page) == "question" and node(page) == second, "the same question, in English"
    assert page.inner_text(f"{ROOT} legend") == english.tree["nodes"][second]["question"]
    # And the walk goes on from there to the example's result.
    drive(page, english.tree, example.answers)
    assert node(page) == example.outcome


def test_without_answers_the_switch_goes_to_the_same_page_start(page: Page, site_url: str) -> None:
    use_today(page, None)
    open_wizard(page, procedure_url(site_url, "complaint-contents", "zh"))
    _switch_to(page, "en")
    assert page.url.rstrip("/").endswith("/procedures/complaint-contents")
    assert "#" not in page.url and state(page) == "question"


def _search(page: Page, url: str, query: str) -> list[str]:
    """Search the site from the page at ``url`` through the search contract; the addresses of the results."""
    page.goto(url)
    return search(page, query, "type" if query.isascii() else "insert")


def test_search_finds_chinese_words_in_the_chinese_edition(page: Page, site_url: str) -> None:
    found = _search(page, f"{site_url}zh/", "撤回")
    assert found and all("/zh/" in url for url in found), found
    # The procedure's guide is listed under the procedure itself (results are grouped by procedure).
    assert any("/zh/procedures/withdraw-complaint/" in url for url in found), found
    also = page.eval_on_selector_all(ALSO_LINKS, "(links) => links.map((a) => a.href)")
    assert any("/zh/guides/withdraw-complaint/" in url for url in also), also
    english = _search(page, site_url, "withdraw")
    assert any("/procedures/withdraw-complaint/" in url and "/zh/" not in url for url in english), english
