"""Playground benchmark: from an edit of a 30-node tree to the problems and the preview updated, once loaded.

In headless Chromium against the built site: the playground page is opened and left to start (Pyodide and the
checker in its worker, the wizard's own worker for the preview), a generated 30-node tree
(``wizard.synthetic.mixed_tree``) and its translation (written by ``wizard translate``) are pasted in, and
then one question is reworded, again and again. Each time, the page's measure ``recourse-playground-update``
runs from the edit (the last keystroke) to the moment the preview wizard shows the edited tree; it includes
the page's wait for the end of typing (``DEBOUNCE_MS`` in playground.js). The check alone (the worker's
``check_edit``, measure ``recourse-playground-check``) is reported beside it, from the same edits.

    python scripts/bench_playground.py [--runs N] [--site DIR]     (or: make bench, which runs it too)
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from wizard.serve import serve_in_thread
from wizard.synthetic import mixed_tree

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
TARGET_MS = 300
SLUG = "withdraw-complaint"  # the page starts from a published tree; the benchmark pastes its own over it
_LAST = """(name) => {
  const entries = performance.getEntriesByName(name, "measure");
  return entries.length ? entries[entries.length - 1].duration : null;
}"""
UPDATE, CHECK = "recourse-playground-update", "recourse-playground-check"


def bench_texts(folder: Path) -> tuple[str, str]:
    """A 30-node tree and its translation skeleton, made as an editor would (``wizard translate``)."""
    tree = folder / "bench-tree.yaml"
    tree.write_text(mixed_tree(7, 30), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "wizard", "translate", str(tree)], check=True, capture_output=True)
    return tree.read_text(encoding="utf-8"), (folder / "bench-tree.zh.yaml").read_text(encoding="utf-8")


def bench_playground(site: Path, runs: int = 10) -> dict[str, Any]:
    """Median and worst time from an edit to the problems and the preview updated, over ``runs`` edits."""
    with tempfile.TemporaryDirectory() as folder:
        tree, translation = bench_texts(Path(folder))
    server, url = serve_in_thread(site, "127.0.0.1")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            page = browser.new_page()
            page.set_default_timeout(120_000)
            page.goto(f"{url}playground/?tree={SLUG}")
            page.wait_for_selector(".rc-playground[data-playground-state='ready']")
            for source, text in (("translation", translation), ("tree", tree)):
                page.click(f"[data-playground-source='{source}']")
                page.keyboard.press("Control+a")
                page.keyboard.insert_text(text)
            page.wait_for_function(f"({_LAST})('{UPDATE}') !== null")
            times, checks = [], []
            for run in range(runs):
                before = page.evaluate(
                    "() => performance.getEntriesByName('recourse-playground-update', 'measure').length")
                page.keyboard.press("Control+Home")
                page.keyboard.insert_text(f"# edit {run}\n")
                page.wait_for_function(
                    "(n) => performance.getEntriesByName('recourse-playground-update', 'measure').length > n",
                    arg=before)
                problems = page.locator("[data-playground-diagnostics] [data-severity='error']").all_inner_texts()
                if problems:
                    raise RuntimeError(f"the benchmark tree has errors in the playground: {problems}")
                times.append(page.evaluate(_LAST, UPDATE))
                checks.append(page.evaluate(_LAST, CHECK))
            state = page.get_attribute(".rc-wizard", "data-wizard-state")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return {"nodes": 30, "runs": runs, "median_ms": statistics.median(times), "worst_ms": max(times),
            "check_median_ms": statistics.median(checks), "debounce_included": True, "target_ms": TARGET_MS,
            "preview_state": state}


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
