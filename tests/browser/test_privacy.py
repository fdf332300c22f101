"""Privacy: after a whole walk through every tree, the browser holds no cookie and stores no answer anywhere, and
no request left the site's origin. Answers live only in the page and in the address's fragment. The one thing
kept is the engine's snapshot (test_engine_snapshot.py), which holds no tree and no answer."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page, Request

from .wizard_driver import (
    REPO,
    SNAPSHOT_CACHE,
    drive,
    kept_snapshot,
    load_procedures,
    open_wizard,
    procedure_url,
    state,
    use_today,
    worker_mark,
)

REAL = load_procedures(REPO / "trees")
# Everything a page can keep: both storages (every key and value) and the names of its IndexedDB databases.
STORED = """async () => {
  const dump = (storage) => Object.keys(storage).map((key) => `${key}=${storage.getItem(key)}`);
  const databases = indexedDB.databases ? (await indexedDB.databases()).map((db) => db.name) : [];
  return {local: dump(localStorage), session: dump(sessionStorage), databases,
          caches: "caches" in self ? await caches.keys() : []};
}"""


def test_answers_are_never_stored_and_never_sent(page: Page, site_url: str) -> None:
    origin = urlsplit(site_url).netloc
    requests: list[Request] = []

    def record(request: Request) -> None:
        # A bound method such as requests.append cannot be given to Playwright's event API.
        requests.append(request)

    page.on("request", record)
    answers_given: set[str] = set()
    for procedure in REAL:
        example = procedure.examples[0]
        use_today(page, example.today)
        open_wizard(page, procedure_url(site_url, procedure.slug))
        drive(page, procedure.tree, example.answers)
        assert state(page) == "outcome"
        answers_given.update(f"{key}" for key in example.answers)
        stored = page.evaluate(STORED)
        # The theme may remember the colour scheme; nothing may hold a question id or an answer.
        everything = " ".join(stored["local"] + stored["session"] + stored["databases"] + stored["caches"])
        leaked = [key for key in answers_given if key in everything]
        assert not leaked, (leaked, stored)
        assert stored["session"] == [] and stored["databases"] == [] and stored["caches"] in ([], [SNAPSHOT_CACHE])
    assert page.context.cookies() == []
    # What only the trees and the answers bring into Python's memory is not in the kept snapshot.
    if worker_mark(page, "recourse-engine-started")["from"] == "scratch":
        worker_mark(page, "recourse-snapshot-kept")  # else an earlier page kept it
    private = [p.tree["nodes"][p.tree["start"]]["question"] for p in REAL]
    private += sorted({v for p in REAL for v in p.examples[0].answers.values() if len(v) >= 8})
    kept = kept_snapshot(page, ["recourse_step", *private])
    assert kept["found"] == ["recourse_step"], kept
    assert requests and all(urlsplit(r.url).netloc == origin for r in requests if r.url.startswith("http"))
    # The answers reached no server: they are only in fragments, which browsers never send.
    assert not [r.url for r in requests if "#" in r.url or any(f"{k}=" in r.url for k in answers_given)]
