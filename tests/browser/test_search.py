"""The site search through its contract (`data-search-input`, `data-search-results`), in both editions.

Every test runs under the page fixture, which fails on any console error, CSP violation or request off-site.
"""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import Page

from wizard.browser.search_driver import (
    ALSO_LINKS,
    INPUT,
    RESULT_LINKS,
    RESULTS,
    enter_query,
    search,
    wait_for_results,
)

from .axe_audit import axe_violations, describe

# Run against the Zensical build too (make test: the subset of docs/architecture.md#one-site-any-generator).
pytestmark = pytest.mark.zensical

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


# A word a tree gives among its keywords in one language, with its twin in the other (the ninth round's content
# work: what the trees' texts cover, said with the words readers use), leads to that procedure, not to another
# whose body happens to use it in another sense (a listing removed, materials for an appeal).
@pytest.mark.parametrize(("edition", "query", "slug"), [
    ("", "remove a complaint", "withdraw-complaint"),
    ("zh/", "投诉表", "complaint-contents"),
    ("zh/", "所需资料", "complaint-contents"),
    ("zh/", "投诉错了", "withdraw-complaint"),
])
def test_a_keyword_of_a_tree_leads_to_its_procedure(page: Page, site_url: str, edition: str, query: str,
                                                    slug: str) -> None:
    page.goto(f"{site_url}{edition}")
    found = search(page, query, "type" if query.isascii() else "insert")
    assert _first(found) == f"{site_url}{edition}procedures/{slug}/", found


# The procedures' profile (wizard/search_profile.py): each edition's file, fetched once by the search box from the
# address it names, and read by the ranking. A misspelt word that no page holds ("witdraw", 徊 for 回) finds only
# the everyday word beside it, on every procedure's page (words alone put another procedure first); the
# profile's letter grams and Chinese characters still find the word's procedure.
@pytest.mark.parametrize(("edition", "query"), [("", "witdraw my complaint"), ("zh/", "撤徊投诉")])
def test_the_procedures_profile_is_served_and_ranks_a_misspelt_query(page: Page, site_url: str, edition: str,
                                                                    query: str) -> None:
    fetched: list[tuple[str, int]] = []
    page.on("response", lambda response: fetched.append((response.url, response.status))
            if response.url.endswith("/search-profile.json") else None)
    page.goto(f"{site_url}{edition}procedures/harassment-penalty/")
    found = search(page, query, "type" if query.isascii() else "insert")
    assert _first(found) == f"{site_url}{edition}procedures/withdraw-complaint/", found
    assert fetched == [(f"{site_url}{edition}search-profile.json", 200)]


# Chinese typed in pinyin, which no page holds: the Chinese edition's profile reads it as the characters that read
# so (wizard/search_pinyin.py), joined or spaced, with tone digits or marks.
@pytest.mark.parametrize(("query", "slug"), [("saorao guke bei koufen", "harassment-penalty"),
                                             ("che4xiao1 tou2su4", "withdraw-complaint"),
                                             ("tóusù shū yào xiě shénme", "complaint-contents")])
def test_chinese_typed_in_pinyin_finds_its_procedure(page: Page, site_url: str, query: str, slug: str) -> None:
    page.goto(f"{site_url}zh/")
    found = search(page, query, "type" if query.isascii() else "insert")
    assert _first(found) == f"{site_url}zh/procedures/{slug}/", found


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
    # In quotes: the exact phrase (without them each word is searched on its own, and every page has "step").
    found = search(page, '"step-by-step wizard needs JavaScript"')
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
    # How the contract counts a result: one <li> per procedure or page, whose own link (a child <a>) is the
    # result; the other pages of a procedure (its guide) are secondary links inside the same <li>.
    page.goto(site_url)
    search(page, "complaint")
    items = page.locator(f"{RESULTS} > li")
    assert items.count() >= 2
    assert page.locator(RESULT_LINKS).count() == items.count()
    for index in range(items.count()):
        assert items.nth(index).locator(":scope > a").count() == 1
    linked = page.eval_on_selector_all(f"{RESULTS} a", "(links) => links.map((a) => a.href)")
    assert len(linked) == len(set(linked)), f"a page is listed twice: {linked}"


def _pagefind_alone(page: Page, query: str) -> list[str]:
    """The pages Pagefind itself ranks for ``query`` (every word on the page; the best text match first)."""
    found: list[str] = page.evaluate("""async (query) => {
        const pagefind = await import(new URL("/pagefind/pagefind.js", location.href).href);
        await pagefind.init();
        const search = await pagefind.search(query);
        return Promise.all(search.results.map(async (result) => (await result.data()).url));
    }""", query)
    return found


# Queries whose best match in the pages' text is a procedure's guide (the procedure page ranks lower, or
# holds none of the words), as Pagefind ranks them alone: the reader still gets the procedure first.
@pytest.mark.parametrize(("edition", "query", "slug"), [
    ("", "withdraw status", "withdraw-complaint"),
    ("zh/", "合同 发票", "complaint-contents"),
])
def test_the_procedure_comes_before_its_guide(page: Page, site_url: str, edition: str, query: str,
                                              slug: str) -> None:
    page.goto(f"{site_url}{edition}")
    guide, procedure = f"{site_url}{edition}guides/{slug}/", f"{site_url}{edition}procedures/{slug}/"
    alone = [f"{site_url}{url.lstrip('/')}" for url in _pagefind_alone(page, query)]
    assert alone and alone[0] == guide, f"the case no longer holds (the guide is not the best match): {alone}"
    found = search(page, query, "type" if query.isascii() else "insert")
    assert _first(found) == procedure, found
    assert guide not in found, "the guide is not a result of its own"
    first = page.locator(f"{RESULTS} > li").first
    also = first.locator(".rc-search-also > a")
    assert also.evaluate_all("(links) => links.map((a) => a.href)") == [guide]
    assert first.locator(":scope > a h1").inner_text().strip(), "the procedure's title is shown"


def test_a_sentence_finds_its_procedure_when_no_page_has_every_word(page: Page, site_url: str) -> None:
    page.goto(site_url)
    query = "buyer harassment points mermaid"  # "mermaid": only the pages about how the site is built
    assert _pagefind_alone(page, query) == [], "the case no longer holds: a page has every word"
    found = search(page, query)
    assert _first(found) == f"{site_url}procedures/harassment-penalty/", found


def test_the_grouped_results_work_from_the_keyboard(page: Page, site_url: str) -> None:
    page.goto(site_url)
    query = "withdraw status"
    search(page, query)
    procedure, guide = f"{site_url}procedures/withdraw-complaint/", f"{site_url}guides/withdraw-complaint/"
    reached = []
    for _ in range(8):  # the field, then the results' scrolling area, then each link in order
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.href || document.activeElement.className"))
        if reached[-1] == guide:
            break
    assert procedure in reached and guide in reached, reached
    assert reached.index(procedure) < reached.index(guide), "the procedure, then its guide"
    page.keyboard.press("Enter")
    page.wait_for_url(guide)
    page.goto(site_url)
    enter_query(page, query)
    wait_for_results(page, query)
    page.keyboard.press("Enter")  # Enter in the field opens the first result: the procedure
    page.wait_for_url(procedure)


@pytest.mark.reliability("audit")
@pytest.mark.parametrize(("context_options", "edition", "query"), [
    ({"bypass_csp": True, "color_scheme": "light"}, "", "refund record"),
    ({"bypass_csp": True, "color_scheme": "dark"}, "zh/", "合同 发票"),
])
def test_the_open_results_pass_axe(page: Page, site_url: str, edition: str, query: str) -> None:
    page.goto(f"{site_url}{edition}")
    search(page, query, "type" if query.isascii() else "insert")
    assert page.locator(ALSO_LINKS).count() >= 1, "a grouped result is on show"
    violations = axe_violations(page, "[data-search]")
    assert not violations, describe(violations)


def test_a_lone_chinese_character_counts_only_with_its_neighbour(page: Page, site_url: str) -> None:
    # The browser splits 投诉信 into 投诉 and 信; Pagefind matches 信 inside every word that holds it (短信, 信用),
    # and the harassment procedure, which says 短信 throughout, is its best match.
    page.goto(f"{site_url}zh/")
    query = "投诉信"
    alone = _pagefind_alone(page, query)
    assert alone and alone[0] == "/zh/procedures/harassment-penalty/", f"the case no longer holds: {alone}"
    found = search(page, query, "insert")
    assert _first(found) == f"{site_url}zh/procedures/complaint-contents/", found


@pytest.mark.parametrize(("edition", "query"), [("", "pagefind index"), ("zh/", "Pagefind 中文")])
def test_a_page_outside_the_procedures_still_comes_first_when_it_alone_matches(page: Page, site_url: str,
                                                                               edition: str, query: str) -> None:
    # Pages that belong to no procedure count half their score, so that they rank below the procedures readers
    # look for; a search only they answer still lists them first.
    page.goto(f"{site_url}{edition}")
    found = search(page, query, "insert")
    assert found and "/procedures/" not in _first(found), found
