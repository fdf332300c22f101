"""Playground benchmark: from an edit of a published tree to the problems and the preview updated, once loaded.

In headless Chromium against the built site: the playground page is opened on the largest published tree and
left to start (Pyodide and the checker in its worker, the wizard's own worker for the preview), then the tree
is edited (a line added at its top), again and again, as an editor changes a published procedure. (A
generated tree pasted over a published one was measured before; the readers' diff of two unrelated trees
tries thousands of answer combinations, seconds for each check, which is not the editing this measures.)
Each time, the page's measure ``recourse-playground-problems`` runs from the edit (the last keystroke) to
the problems shown (the target, ``TARGET_MS``), ``recourse-playground-update`` to the moment the preview wizard
shows the edited tree, and ``recourse-playground-diff`` to the readers' difference shown, which comes last (the
worker compares only once the page has shown the rest); all include the page's wait for the end of typing
(``DEBOUNCE_MS`` in playground.js). The check alone (the worker's ``check_edit`` without the difference, measure
``recourse-playground-check``) is reported beside them, from the same edits.

    python scripts/bench_playground.py [--runs N] [--site DIR]     (or: make bench, which runs it too)
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from wizard.compiler import compile_folder
from wizard.serve import serve_in_thread

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
TARGET_MS = 300
_LAST = """(name) => {
  const entries = performance.getEntriesByName(name, "measure");
  return entries.length ? entries[entries.length - 1].duration : null;
}"""
UPDATE, CHECK = "recourse-playground-update", "recourse-playground-check"
PROBLEMS, DIFF = "recourse-playground-problems", "recourse-playground-diff"


def largest_tree() -> tuple[str, int]:
    """The published tree with the most nodes: its slug and node count."""
    sizes = [(len(result.tree["nodes"]), result.slug) for result in compile_folder(REPO / "trees") if result.tree]
    count, slug = max(sizes)
    return slug, count


def bench_playground(site: Path, runs: int = 10) -> dict[str, Any]:
    """Median and worst time from an edit to the problems and the preview updated, over ``runs`` edits."""
    slug, nodes = largest_tree()
    server, url = serve_in_thread(site, "127.0.0.1")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page()
            page.set_default_timeout(120_000)
            page.goto(f"{url}playground/?tree={slug}")
            page.wait_for_selector(".rc-playground[data-playground-state='ready']")
            # Focused, not clicked: a click aims at the middle of the text, which can lie under the next pane.
            page.focus("[data-playground-source='tree']")
            times, checks, problems_times, diffs = [], [], [], []
            for run in range(runs):
                before = page.evaluate(
                    "() => performance.getEntriesByName('recourse-playground-update', 'measure').length")
                page.keyboard.press("Control+Home")
                page.keyboard.insert_text(f"# edit {run}\n")
                page.wait_for_function(
                    "(n) => performance.getEntriesByName('recourse-playground-update', 'measure').length > n",
                    arg=before)
                # The difference comes after (it is measured to its end: the next edit would wait for it).
                page.wait_for_function("() => !document.querySelector('[data-playground-diff]')"
                                       ".hasAttribute('aria-busy')")
                problems = page.locator("[data-playground-diagnostics] [data-severity='error']").all_inner_texts()
                if problems:
                    raise RuntimeError(f"the benchmark tree has errors in the playground: {problems}")
                times.append(page.evaluate(_LAST, UPDATE))
                checks.append(page.evaluate(_LAST, CHECK))
                problems_times.append(page.evaluate(_LAST, PROBLEMS))
                diffs.append(page.evaluate(_LAST, DIFF))
            state = page.get_attribute(".rc-wizard", "data-wizard-state")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return {"tree": slug, "nodes": nodes, "runs": runs,
            "problems_median_ms": statistics.median(problems_times), "problems_worst_ms": max(problems_times),
            "median_ms": statistics.median(times), "worst_ms": max(times),
            # (None from a page that shows the difference with the rest, as before the split.)
            "diff_median_ms": _median([d for d in diffs if d is not None]),
            "diff_worst_ms": max((d for d in diffs if d is not None), default=None),
            "check_median_ms": statistics.median(checks), "debounce_included": True, "target_ms": TARGET_MS,
            "preview_state": state}


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def main(argv: list[str] | None = None) -> None:
    """Build the site (or use ``--site``) and print the playground's figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--site", type=Path, help="a built site (default: build one)")
    args = parser.parse_args(argv)
    if args.site:
        print(json.dumps(bench_playground(args.site, args.runs), indent=2))
        return
    from bench_browser import build_site

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        build_site(site)
        print(json.dumps(bench_playground(site, args.runs), indent=2))


if __name__ == "__main__":
    main()
