"""The engine snapshot: after a first visit the wizard starts Python from a snapshot kept in this browser's cache
storage instead of from scratch. The snapshot is made before any tree or answer reaches Python, so it holds none;
a damaged or stale one is replaced, and the reader notices nothing either way."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import Page, Route

from .wizard_driver import (
    REPO,
    SNAPSHOT_CACHE,
    SNAPSHOT_PAGES,
    drive,
    engine_worker,
    expected_outcome,
    kept_snapshot,
    load_procedures,
    local_today,
    open_wizard,
    procedure_url,
    shown_outcome,
    use_today,
    worker_mark,
)

PROCEDURE = load_procedures(REPO / "trees")[0]
EXAMPLE = PROCEDURE.examples[0]
# In the snapshot: the glue's function names (the engine was started). Never in it: what only the tree and the
# reader's answers bring (the first question's text and an answer's id).
ENGINE_WORDS = ["recourse_step", "recourse_load_tree"]
FIRST_QUESTION = PROCEDURE.tree["nodes"][PROCEDURE.tree["start"]]["question"]
TREE_AND_ANSWER_WORDS = [FIRST_QUESTION, *sorted(v for v in EXAMPLE.answers.values() if len(v) >= 8)]


def _walk(page: Page, site_url: str) -> None:
    """Answer the example in the page and check the outcome against CPython's engine."""
    use_today(page, EXAMPLE.today)
    open_wizard(page, procedure_url(site_url, PROCEDURE.slug))
    drive(page, PROCEDURE.tree, EXAMPLE.answers)
    today = EXAMPLE.today or local_today()
    assert shown_outcome(page) == expected_outcome(PROCEDURE.tree, EXAMPLE.answers, today)


def test_a_second_visit_starts_from_the_snapshot_which_holds_no_tree_and_no_answer(page: Page, site_url: str) -> None:
    _walk(page, site_url)
    assert worker_mark(page, "recourse-engine-started") == {"from": "scratch"}
    assert worker_mark(page, "recourse-snapshot-made")["bytes"] > 10_000_000
    assert worker_mark(page, "recourse-snapshot-kept")["bytes"] > 1_000_000
    kept = kept_snapshot(page, ENGINE_WORDS + TREE_AND_ANSWER_WORDS)
    assert len(kept["keys"]) == 1 and kept["size"] > 10_000_000, kept
    assert sorted(kept["found"]) == sorted(ENGINE_WORDS), "the snapshot holds a tree text or an answer"

    again = page.context.new_page()
    _walk(again, site_url)
    assert worker_mark(again, "recourse-engine-started") == {"from": "snapshot"}


@pytest.mark.reliability("fault")
@pytest.mark.parametrize("damage", ["random bytes", "cut short", "not a snapshot"])
def test_a_damaged_snapshot_is_replaced_and_the_wizard_still_answers(page: Page, site_url: str, damage: str) -> None:
    use_today(page, EXAMPLE.today)
    open_wizard(page, procedure_url(site_url, PROCEDURE.slug))
    worker_mark(page, "recourse-snapshot-kept")
    # Random bytes and a copy cut short are refused by the storage format; a well-formed copy of random memory
    # gets as far as Pyodide, which must refuse it too.
    page.evaluate(
        """async ([name, damage, garbage, modulePath]) => {
          const cache = await caches.open(name);
          const [key] = await cache.keys();
          let body = new Uint8Array(garbage);
          if (damage === "cut short") {
            body = new Uint8Array(await (await cache.match(key)).arrayBuffer()).slice(0, -1000);
          }
          if (damage === "not a snapshot") {
            const { packPages } = await import(new URL(modulePath, location.origin).href);
            body = packPages(body);
          }
          await cache.put(key, new Response(body));
        }""",
        [SNAPSHOT_CACHE, damage, list(os.urandom(4096)), SNAPSHOT_PAGES],
    )

    again = page.context.new_page()
    _walk(again, site_url)
    assert worker_mark(again, "recourse-engine-started") == {"from": "scratch"}
    worker_mark(again, "recourse-snapshot-kept")
    kept = kept_snapshot(again, ENGINE_WORDS)
    assert len(kept["keys"]) == 1 and sorted(kept["found"]) == sorted(ENGINE_WORDS), kept


def test_a_stale_snapshot_is_deleted_when_the_new_one_is_kept(page: Page, site_url: str) -> None:
    page.goto(site_url)
    stale = f"{site_url}assets/wizard/engine-snapshot?pyodide=0.0.0&engine=older"
    page.evaluate(
        "async ([name, key]) => (await caches.open(name)).put(key, new Response('an older engine'))",
        [SNAPSHOT_CACHE, stale],
    )
    use_today(page, EXAMPLE.today)
    open_wizard(page, procedure_url(site_url, PROCEDURE.slug))
    assert worker_mark(page, "recourse-engine-started") == {"from": "scratch"}
    worker_mark(page, "recourse-snapshot-kept")
    kept = kept_snapshot(page, ENGINE_WORDS)
    assert len(kept["keys"]) == 1 and stale not in kept["keys"], kept
    assert sorted(kept["found"]) == sorted(ENGINE_WORDS)


# Pyodide's own module, wrapped so that a start asking for snapshots fails: what a browser in which Pyodide's
# private snapshot API breaks would do. The wrapper imports the real module under another query string.
_NO_SNAPSHOTS_PYODIDE = """
import { loadPyodide as realLoadPyodide, version } from "./pyodide.mjs?real=1";
export { version };
export function loadPyodide(options) {
  if (options && options._makeSnapshot) return Promise.reject(new Error("snapshots are not supported here"));
  return realLoadPyodide(options);
}
"""


@pytest.mark.reliability("fault")
def test_where_pyodide_cannot_make_snapshots_the_wizard_starts_as_usual(page: Page, site_url: str) -> None:
    def wrap(route: Route) -> None:
        if "real=1" in route.request.url:
            route.continue_()
        else:
            route.fulfill(status=200, content_type="text/javascript", body=_NO_SNAPSHOTS_PYODIDE)

    page.route(re.compile(r"/assets/pyodide/pyodide\.mjs(\?.*)?$"), wrap)
    _walk(page, site_url)
    assert worker_mark(page, "recourse-engine-started") == {"from": "scratch"}
    # The snapshot is made before the engine says it is ready, so by now it would have been.
    made = engine_worker(page).evaluate("() => performance.getEntriesByName('recourse-snapshot-made').length")
    assert made == 0
    assert kept_snapshot(page, [])["keys"] == []
