"""The one way tests and benchmarks use the site search: through its contract, as a reader does.

The contract (wizard/assets/search.js): the field ``[data-search-input]`` searches on every input, and
``[data-search-results]`` lists the results in rank order, one ``<li>`` each, whose own link (a child ``<a>``)
is the result; the pages of a procedure are one result, the procedure page's link first and each of its
other pages (its guide) a secondary link in ``.rc-search-also``. Once the list shows the results of a query
it carries that query in ``data-search-query``. Needs Playwright (a development dependency).
"""

from __future__ import annotations

import json
from typing import Literal

from playwright.sync_api import Page

INPUT = "[data-search-input]"
RESULTS = "[data-search-results]"
# The links to results (each result's own link), without the pointer to another edition that may come first.
RESULT_LINKS = f"{RESULTS} > li:not(.rc-search-elsewhere) > a"
# The secondary links: the other pages of a procedure, under its result.
ALSO_LINKS = f"{RESULTS} > li > .rc-search-also > a"

How = Literal["type", "insert", "paste"]


def enter_query(page: Page, query: str, how: How = "type") -> None:
    """Put ``query`` into the search field of the open page: typed key by key, committed in one piece as an
    input method does (``insert``), or pasted from the clipboard (``paste``; the context needs the clipboard
    permissions)."""
    field = page.locator(INPUT)
    field.click()  # on a wide screen the field is in the header; a click opens the search
    field.fill("")
    if how == "type":
        page.keyboard.type(query)
    elif how == "insert":
        page.keyboard.insert_text(query)
    else:
        page.evaluate("(text) => navigator.clipboard.writeText(text)", query)
        page.keyboard.press("ControlOrMeta+V")


def wait_for_results(page: Page, query: str, timeout_ms: float = 30_000) -> list[str]:
    """Wait until the list shows the results of ``query``; their addresses, in rank order."""
    # A selector, not a script: the site's security policy forbids evaluating strings (Playwright's
    # wait_for_function with an expression would).
    wanted = json.dumps(query.strip(), ensure_ascii=False)
    page.wait_for_selector(f"{RESULTS}[data-search-query={wanted}]", state="attached", timeout=timeout_ms)
    found: list[str] = page.eval_on_selector_all(RESULT_LINKS, "(links) => links.map((a) => a.href)")
    return found


def search(page: Page, query: str, how: How = "type") -> list[str]:
    """Search the open page's site for ``query``; the addresses of the results, best first."""
    enter_query(page, query, how)
    return wait_for_results(page, query)
