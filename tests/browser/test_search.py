"""The site search through its contract (`data-search-input`, `data-search-results`), in both editions.

Every test runs under the page fixture, which fails on any console error, CSP violation or request off-site.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import Page

from wizard.browser.search_driver import INPUT, RESULT_LINKS, RESULTS, enter_query, search, wait_for_results

PASTE = {"permissions": ["clipboard-read", "clipboard-write"]}


def _first(found: list[str]) -> str:
    assert found, "no result"
    return found[0]


@pytest.mark.parametrize(("edition", "query", "slug"), [
    ("", "cancel my complaint", "withdraw-complaint"),
    ("zh/", "怎么撤销投诉", "withdraw-complaint"),
    ("zh/", "骚扰买家", "harassment-penalty"),
])
def test_a_query_puts_its_procedure_first(page: Page, site_url: str, edition: str, query: str, slug: str) -> None:
    page.goto(f"{site_url}{edition}")
    found = search(page, query, "type" if query.isascii() else "insert")
    assert _first(found) == f"{site_url}{edition}procedures/{slug}/", found
    assert all(url.startswith(f"{site_url}zh/") == bool(edition) for url in found), "each edition its own pages"


@pytest.mark.parametrize("context_options", [PASTE])
def test_pasted_text_is_searched_without_a_key_press(page: Page, site_url: str) -> None:
    page.goto(site_url)
    found = search(page, "harassment", "paste")
    assert _first(found).endswith("/procedures/harassment-penalty/"), found


def test_text_from_an_input_method_is_searched_when_the_composition_ends(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}zh/")
    field = page.locator(INPUT)
    field.click()
    # What an input method does: `input` events with the unfinished letters while composing, then the finished
    # words and `compositionend`. Only the finished words are searched.
    page.dispatch_event(INPUT, "compositionstart")
    field.evaluate("(el) => { el.value = 'sao'; el.dispatchEvent(new InputEvent('input', {isComposing: true})); }")
    field.evaluate("(el) => { el.value = '骚扰'; el.dispatchEvent(new CompositionEvent('compositionend', "
                   "{data: '骚扰'})); }")
    found = wait_for_results(page, "骚扰")
    assert _first(found).endswith("/zh/procedures/harassment-penalty/"), found
    assert page.locator(f"{RESULTS}[data-search-query='sao']").count() == 0


def test_the_no_javascript_notice_and_the_wizard_are_not_indexed(page: Page, site_url: str) -> None:
    page.goto(site_url)
    # Words of the wizard's no-JavaScript notice, found on no page's content but that notice.
    found = search(page, "step-by-step wizard needs JavaScript")
    assert not any("/procedures/" in url for url in found), found


@pytest.mark.parametrize(("edition", "query"), [("", "withdraw"), ("zh/", "撤回")])
def test_snippets_are_readable_and_mark_whole_words(page: Page, site_url: str, edition: str, query: str) -> None:
    page.goto(f"{site_url}{edition}")
    search(page, query, "type" if query.isascii() else "insert")
    texts = page.locator(f"{RESULTS} p").all_inner_texts()
    assert texts and all(text.strip() for text in texts)
    # The intro's fields are separated: no label runs into its value ("Who it is forConsumers").
    assert not any("forConsumers" in text or "forSellers" in text or "对象消费者" in text for text in texts), texts
    marks = page.locator(f"{RESULTS} mark").all_inner_texts()
    assert marks, "the words found are marked"
    if edition:
        assert all(len(mark) > 1 for mark in marks), f"single Chinese characters marked: {marks}"
    else:
        assert all("withdr" in mark.lower() for mark in marks), marks
    assert not any("¶" in text for text in texts), "no heading permalink in a snippet"


def test_chinese_words_on_the_english_site_lead_to_the_chinese_edition(page: Page, site_url: str) -> None:
    page.goto(site_url)
    enter_query(page, "撤回", "insert")
    wait_for_results(page, "撤回")
    pointer = page.locator(f"{RESULTS} > li.rc-search-elsewhere a")
    assert pointer.get_attribute("href") == f"{site_url}zh/?q={quote('撤回')}"
    pointer.click()
    page.wait_for_url(f"{site_url}zh/**")
    found = wait_for_results(page, "撤回")
    assert _first(found).startswith(f"{site_url}zh/"), found


def test_each_result_is_one_link_in_rank_order(page: Page, site_url: str) -> None:
    page.goto(site_url)
    search(page, "complaint")
    items = page.locator(f"{RESULTS} > li")
    assert items.count() >= 2
    assert page.locator(RESULT_LINKS).count() == items.count()
    for index in range(items.count()):
        assert items.nth(index).locator("a").count() == 1
