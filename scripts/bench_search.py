"""Search quality: how often the right procedure comes first, for queries people type, in each language.

The queries (bench/search-queries.yaml) are written from the procedures in people's own words, with the
synonyms they use (cancel, undo, revoke for withdraw; 撤销, 取消 for 撤回). Each is typed into the real
search box of the built site in headless Chromium (Chinese is committed in one piece, as an input method
does), and the first result must be the expected procedure's page in that edition. Each query belongs to a
named set (its ``set``; none: ``tuned``), and the sets are reported apart (SETS): the newest held-out set,
never used to tune keywords or weights; earlier rounds' held-out sets, whose results have since been read;
and the tuned queries.

    python scripts/bench_search.py [SITE_DIR] [--theme] [--tuned-only | --set NAME]
        --theme:       the theme's own search box, for a baseline
        --tuned-only:  skip the newest held-out set, so that its results stay unseen while tuning (the
                       earlier ones run)
        --set NAME:    run the queries of one set alone (its line of the table; the others read none)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import Page, sync_playwright

from wizard.browser.search_driver import search
from wizard.serve import serve_in_thread

REPO = Path(__file__).resolve().parents[1]
QUERIES = REPO / "bench" / "search-queries.yaml"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
EDITIONS = {"en": "", "zh": "zh/"}
PROCEDURES = "procedures"
# The sets of queries, in the table's order: the name a query's `set` gives (none: tuned) and the table's words.
# The first is the newest held-out set, the one whose results stay unseen while tuning (--tuned-only).
SETS = (("round-14", "held-out, 14th set"), ("round-13", "held-out, 13th set, seen"),
        ("round-12", "held-out, 12th set, seen"),
        ("round-11", "held-out, 11th round, seen"),
        ("round-10", "held-out, 10th round, seen"),
        ("round-9", "held-out, 9th round, seen"),
        ("round-8", "held-out, 8th round, seen"),
        ("round-7", "held-out, 7th round, seen"),
        ("round-6", "held-out, 6th round, seen"),
        ("rounds-4-5", "held-out, 4th and 5th rounds, seen"), ("tuned", "tuned"))
SET_NAMES = tuple(name for name, _ in SETS)
NEWEST = SETS[0][0]
TUNED = "tuned"


def load_queries(path: Path = QUERIES) -> dict[str, list[dict[str, Any]]]:
    """The queries: language -> [{query, expect, and ``set`` unless tuned}]. Raises ValueError for a query whose
    ``set`` is none of SETS (a misspelt set would otherwise be counted nowhere)."""
    data: dict[str, list[dict[str, Any]]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    unknown = sorted({query_set(item) for items in data.values() for item in items} - set(SET_NAMES))
    if unknown:
        raise ValueError(f"{path}: unknown query set {', '.join(unknown)}; the sets are {', '.join(SET_NAMES)} "
                         "(scripts/bench_search.py, SETS)")
    return data


def chosen_queries(queries: dict[str, list[dict[str, Any]]], *, only: str | None = None,
                   tuned_only: bool = False) -> dict[str, list[dict[str, Any]]]:
    """The queries to run, per language: those of the set named ``only`` if given; else every set, less the
    newest held-out one when ``tuned_only``."""
    def wanted(item: dict[str, Any]) -> bool:
        name = query_set(item)
        return name == only if only is not None else not (tuned_only and name == NEWEST)

    return {language: [item for item in items if wanted(item)] for language, items in queries.items()}


def first_procedure(found: list[str], edition: str) -> str | None:
    """The slug of the procedure page at the top of ``found``, or None when the first result is another page."""
    if not found:
        return None
    parts = urlsplit(found[0]).path.strip("/").split("/")
    if edition:
        if not parts or parts[0] != edition.strip("/"):
            return None
        parts = parts[1:]
    return parts[1] if len(parts) == 2 and parts[0] == PROCEDURES else None


def _theme_search(page: Page, query: str) -> list[str]:
    """The theme's own search (Material's), for the baseline: typed, then its list read when it settles."""
    page.click("input.md-search__input")
    page.keyboard.type(query)
    page.keyboard.press("Space")  # the theme misses text typed while its index loads; a new key press asks again
    page.keyboard.press("Backspace")
    page.wait_for_timeout(1500)
    found: list[str] = page.eval_on_selector_all(".md-search-result__item > a", "(links) => links.map((a) => a.href)")
    return found


def query_set(item: dict[str, Any]) -> str:
    """The name of the set a query belongs to (its ``set``; ``tuned`` when it names none)."""
    return str(item.get("set", TUNED))


def rate(rows: list[dict[str, Any]]) -> float | None:
    """The share of rows whose first result was right, or None for no rows."""
    return sum(row["first"] for row in rows) / len(rows) if rows else None


def bench_search(site: Path, *, theme: bool = False, tuned_only: bool = False,
                 only: str | None = None) -> dict[str, Any]:
    """Run the queries against the built ``site``; per language, each set's top-1 rate and the misses.

    ``tuned_only``: leave out the newest held-out set; ``only``: run the set of that name alone (see
    ``chosen_queries``). A set left out is reported with no queries and no rate.
    """
    queries = chosen_queries(load_queries(), only=only, tuned_only=tuned_only)
    server, url = serve_in_thread(site)
    results: dict[str, Any] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            for language, items in queries.items():
                edition = EDITIONS[language]
                page = browser.new_context().new_page()
                rows = []
                for item in items:
                    page.goto(f"{url}{edition}")
                    query = str(item["query"])
                    if theme:
                        found = _theme_search(page, query)
                    else:
                        found = search(page, query, "type" if language == "en" else "insert")
                    top = first_procedure(found, edition)
                    rows.append({"query": query, "expect": item["expect"], "got": top,
                                 "first_page": urlsplit(found[0]).path if found else None,
                                 "first": top == item["expect"], "set": query_set(item)})
                page.context.close()
                results[language] = {"sets": {name: {"queries": len(chosen), "top1": rate(chosen)}
                                              for name, _ in SETS
                                              for chosen in [[row for row in rows if row["set"] == name]]},
                                     "misses": [row for row in rows if not row["first"]]}
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return results


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def markdown_table(results: dict[str, Any]) -> str:
    """The search results as a Markdown table: a row per query set, a column per language (narrow enough for a
    phone: a table wider than the page scrolls in a box that keyboard users cannot reach)."""
    languages = list(results)
    lines = ["| search: right procedure first | " + " | ".join(languages) + " |",
             "| --- | " + " | ".join("---:" for _ in languages) + " |"]
    for name, title in SETS:
        if not any(results[language]["sets"][name]["queries"] for language in languages):
            continue  # a set left out of this run (--set, --tuned-only)
        cells = " | ".join(f"{_percent(results[language]['sets'][name]['top1'])} of "
                           f"{results[language]['sets'][name]['queries']}" for language in languages)
        lines.append(f"| {title} | {cells} |")
    lines.append("| target | " + " | ".join("≥ 95%" for _ in languages) + " |")
    return "\n".join(lines)


def arguments(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line read: ``site``, ``theme``, ``tuned_only`` and ``only`` (the one set to run, or None)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built site (default: build the repository's)")
    parser.add_argument("--theme", action="store_true", help="use the theme's own search box (baseline)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--tuned-only", action="store_true",
                       help=f"skip the newest held-out set, {NEWEST} (while tuning)")
    which.add_argument("--set", choices=SET_NAMES, dest="only", metavar="NAME",
                       help=f"run one set of queries alone: {', '.join(SET_NAMES)}")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """Build the site (unless a built one is given), run the chosen queries, print the table and the JSON."""
    args = arguments(argv)
    with tempfile.TemporaryDirectory() as folder:
        site = args.site
        if site is None:
            from bench_browser import build_site

            site = Path(folder) / "site"
            build_site(site)
        results = bench_search(site, theme=args.theme, tuned_only=args.tuned_only, only=args.only)
    print(markdown_table(results))
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
