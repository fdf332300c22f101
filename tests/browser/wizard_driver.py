"""Driving the wizard in a page the way a reader does, and what CPython's engine says should happen.

Waits use the wizard's hooks (``data-wizard-state``, ``data-wizard-node``), the DOM and the worker's performance
marks, never the clock.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from playwright.sync_api import Page, Worker

from wizard.browser.answer_fields import fill_answer
from wizard.browser.today_hook import today_script
from wizard.compiler import compile_folder
from wizard.core.engine import step

REPO = Path(__file__).resolve().parents[2]
# The test fixture trees the browser tests also run: they have number and date questions and examples on
# several dates, which the real trees do not all cover.
FIXTURE_TREES = [REPO / "tests" / "fixtures" / "trees" / "kitchen-sink.yaml"]
# A valid tree whose rule fails at run time for one answer (100 / 0): the engine's state "error".
FAILING_SLUG = "share-ratio"
FAILING_TREE = """\
title: Share of the items
summary: A test fixture whose rule cannot be worked out for one answer.
audience: consumers
reviewed: 2026-11-01

sources:
  rule_book:
    title: The rule book
    kind: law

start: items

nodes:
  items:
    type: number
    question: How many items did you buy?
    min: 0
    max: 100
    next: share

  share:
    type: route
    title: Is each item a large share?
    branches:
      - if: 100 / items > 10
        next: large
        because: Each of a few items is a large share.
    else:
      next: small
      because: Each of many items is a small share.

  large:
    type: outcome
    verdict: Each item is a large share
    explanation: You bought only a few items.
    basis: [rule_book]

  small:
    type: outcome
    verdict: Each item is a small share
    explanation: You bought many items.
    basis: [rule_book]

examples:
  - name: few items
    answers: {items: 5}
    outcome: large
  - name: many items
    answers: {items: 50}
    outcome: small
"""
ROOT = ".rc-wizard"
SETTLED_STATES = ("question", "outcome", "error")


@dataclass(frozen=True)
class Example:
    """One example of a tree: its answers in the order written, the date it is for, and what it promises."""

    name: str
    today: str | None
    answers: dict[str, str]
    outcome: str
    deadlines: dict[str, str]


@dataclass(frozen=True)
class Procedure:
    """A compiled tree and its examples."""

    slug: str
    tree: dict[str, Any]
    examples: list[Example]


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def load_procedures(folder: Path, language: str = "en") -> list[Procedure]:
    """Every tree of ``folder`` compiled, with its examples (answers as a reader would type them).

    With a ``language`` other than English, each tree carries that translation's texts (the examples are
    the same: only the texts differ between the editions).
    """
    procedures = []
    for result in compile_folder(folder):
        assert result.ok and result.tree is not None and result.checked is not None, [
            d.format() for d in result.errors
        ]
        # Seen as plain data: the browser tests read any node's keys and hand-edit copies for hostile cases.
        tree = cast(dict[str, Any], result.tree if language == "en" else result.translations[language])
        data = result.checked.loaded.data or {}
        examples = [
            Example(
                name=str(item["name"]),
                today=_text(item["today"]) if item.get("today") else None,
                answers={str(key): _text(value) for key, value in (item.get("answers") or {}).items()},
                outcome=str(item["outcome"]),
                deadlines={str(key): _text(value) for key, value in (item.get("deadlines") or {}).items()},
            )
            for item in data.get("examples") or []
        ]
        procedures.append(Procedure(result.slug, tree, examples))
    assert procedures, f"no trees in {folder}"
    return procedures


LANGUAGES = ("en", "zh")


def editions(folder: Path) -> list[tuple[str, Procedure]]:
    """Every tree of ``folder`` in every language edition of the site, as (language, procedure)."""
    return [(language, procedure) for language in LANGUAGES for procedure in load_procedures(folder, language)]


def edition_ids(pairs: list[tuple[str, Procedure]]) -> list[str]:
    """Test ids for ``editions``: ``zh-withdraw-complaint``."""
    return [f"{language}-{procedure.slug}" for language, procedure in pairs]


def local_today() -> str:
    """Today's date on this machine, as the browser computes it from local time."""
    return datetime.date.today().isoformat()


# The page ----------------------------------------------------------------------------------------------------


def state(page: Page) -> str:
    """The wizard's ``data-wizard-state``."""
    return page.get_attribute(ROOT, "data-wizard-state") or ""


def node(page: Page) -> str:
    """The wizard's ``data-wizard-node``."""
    return page.get_attribute(ROOT, "data-wizard-node") or ""


def open_wizard(page: Page, url: str) -> None:
    """Go to a procedure page and wait until the engine has answered (question, outcome or error)."""
    page.goto(url)
    wait_settled(page)


# The wizard writes the address after the screen it records is painted (wizard-place.js, setAddress).
ADDRESS_WRITTEN = "!(window.__recourseWizard && window.__recourseWizard.addressWaiting())"


def wait_settled(page: Page) -> None:
    """Wait until the wizard is no longer loading, and the address holds the place it shows."""
    page.wait_for_function(
        "(states) => states.includes(document.querySelector('.rc-wizard')?.dataset.wizardState) && "
        + ADDRESS_WRITTEN,
        arg=list(SETTLED_STATES),
    )


def frames_rendered(page: Page, frames: int = 2) -> None:
    """Wait until the page has rendered ``frames`` more times: by then layout has run and intersection observers
    and the tasks queued before have been delivered (a wait for a state, where a fixed pause would guess)."""
    page.evaluate("(n) => new Promise((done) => { const next = (left) => left ? requestAnimationFrame(() => "
                  "next(left - 1)) : done(null); next(n); })", frames)


def scroll_settled(page: Page) -> None:
    """Wait until the page's scroll position has stayed the same for five frames in a row (smooth scrolling
    ends, or a late jump back to the top happens, before this returns)."""
    page.evaluate("""() => new Promise((done) => {
      let last = -1, still = 0;
      const tick = () => {
        still = window.scrollY === last ? still + 1 : 0;
        last = window.scrollY;
        if (still >= 5) done(null); else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })""")


def engine_idle(page: Page) -> None:
    """Wait until the wizard's engine has answered every request the page sent it, and the page drew it."""
    page.wait_for_function("() => window.__recourseWizard && window.__recourseWizard.engine.requests.size === 0")
    wait_settled(page)
    frames_rendered(page)


def act_and_wait(page: Page, action: Callable[[], None]) -> None:
    """Do something that makes the wizard render anew (Continue, Back, Change...) and wait for that render (and
    for the address that records it).

    Every element the wizard shows now is marked first; the wizard replaces them all when it renders, so the
    wait ends exactly when the new view is in the page (even when it shows the same question again).
    """
    page.evaluate(
        """() => {
          for (const child of document.querySelector('.rc-wizard').children) {
            if (!child.matches('.rc-wizard__status')) child.dataset.testStale = '1';
          }
        }"""
    )
    action()
    page.wait_for_function(
        """(states) => {
          const root = document.querySelector('.rc-wizard');
          return states.includes(root.dataset.wizardState)
            && !root.querySelector(':scope > [data-test-stale]:not(.rc-wizard__status)')
            && ADDRESS_WRITTEN;
        }""".replace("ADDRESS_WRITTEN", ADDRESS_WRITTEN),
        arg=list(SETTLED_STATES),
    )


def typed_answer(page: Page, question: str) -> str:
    """What a question's field holds, as the wizard sends it (a date's three fields as ``year-month-day``)."""
    fields = {name: f"#rc-{question}-{name}" for name in ("year", "month", "day")}
    if page.locator(fields["year"]).count():
        return "-".join(page.input_value(selector) for selector in fields.values())
    return page.input_value(f"#rc-{question}-answer")


def continue_(page: Page) -> None:
    """Press Continue and wait for the next view."""
    act_and_wait(page, lambda: page.click(f"{ROOT} .rc-continue"))


def error_message(page: Page) -> str | None:
    """The error summary's message, if the page shows one."""
    summary = page.locator(f"{ROOT} .rc-error-summary")
    return summary.inner_text() if summary.count() else None


def drive(page: Page, tree: Mapping[str, Any], answers: Mapping[str, str]) -> list[str]:
    """Answer each question the page asks from ``answers`` until an outcome; returns the questions asked."""
    asked = []
    for _ in range(len(tree["nodes"]) + 1):
        if state(page) != "question":
            break
        current = node(page)
        assert current in answers, f"the wizard asks `{current}`, which these answers do not cover ({answers})"
        asked.append(current)
        fill_answer(page, tree, current, answers[current])
        continue_(page)
        problem = error_message(page)
        assert problem is None, f"the answer {answers[current]!r} to `{current}` was refused: {problem}"
    return asked


@dataclass(frozen=True)
class Shown:
    """What an outcome in the page says: the outcome id, its verdict and its deadlines (id -> YYYY-MM-DD)."""

    node: str
    verdict: str
    deadlines: dict[str, str]


def shown_outcome(page: Page) -> Shown:
    """Read the outcome the page shows."""
    assert state(page) == "outcome", f"the wizard is in state {state(page)!r} at {node(page)!r}"
    deadlines = page.eval_on_selector_all(
        f"{ROOT} .rc-deadline",
        "(items) => items.map((li) => [li.dataset.deadline, li.querySelector('time').getAttribute('datetime')])",
    )
    return Shown(node(page), page.inner_text(f"{ROOT} .rc-verdict"), dict(deadlines))


def expected_outcome(tree: Mapping[str, Any], answers: Mapping[str, str], today: str) -> Shown:
    """What CPython's engine gives for these answers on this date."""
    result = step(tree, answers, today)
    assert result["state"] == "outcome", result
    outcome = result["outcome"]
    assert outcome is not None and result["node"] is not None
    return Shown(result["node"], outcome["verdict"], {d["id"]: d["date"] for d in outcome["deadlines"]})


def restart(page: Page) -> None:
    """Press "Start again" and wait for the first question."""
    act_and_wait(page, lambda: page.click(f"{ROOT} [data-rc-action='restart']"))
    assert state(page) == "question"


def procedure_url(base: str, slug: str, language: str = "en") -> str:
    """The address of a procedure page in an edition."""
    edition = "" if language == "en" else f"{language}/"
    return f"{base}{edition}procedures/{slug}/"


def use_today(page: Page, today: str | None) -> None:
    """From the next page this tab loads on, the wizard takes ``today`` as the date (None: this machine's date).

    The last call wins: each adds a script that runs on every page load, in the order they were added.
    """
    page.add_init_script(today_script(today))


def plain(markdown: str) -> str:
    """A short Markdown text as the page shows it: no markup characters, no spaces (for comparisons)."""
    return markdown.replace("**", "").replace("*", "").replace("`", "").replace(" ", "").replace("\n", "")


def check_reasons(page: Page, result: Mapping[str, Any]) -> list[str]:
    """What the "Why" panel gets wrong against the engine's trace: each reason in order, with its sources."""
    wanted: list[Mapping[str, Any]] = []
    for item in result["trace"]:
        if item["because"] and item["because"] not in [w["because"] for w in wanted]:
            wanted.append(item)
    shown = page.eval_on_selector_all(
        f"{ROOT} .rc-reasons .rc-reason",
        """(items) => items.map((li) => ({
             node: li.dataset.node,
             because: li.querySelector('.rc-reason__because')?.innerText ?? '',
             step: li.querySelector('.rc-reason__step')?.innerText ?? '',
             basis: li.querySelector('.rc-reason__basis')?.innerText ?? ''}))""",
    )
    problems = []
    if [item["node"] for item in shown] != [item["node"] for item in wanted]:
        problems.append(f"reasons for {[i['node'] for i in shown]}, engine {[i['node'] for i in wanted]}")
        return problems
    for got, item in zip(shown, wanted, strict=True):
        if plain(got["because"]) != plain(item["because"]):
            problems.append(f"{item['node']}: reason {got['because']!r}, engine {item['because']!r}")
        if item["kind"] == "answer" and plain(item["answer"]) not in plain(got["step"]):
            problems.append(f"{item['node']}: the step {got['step']!r} does not name the answer {item['answer']!r}")
        if item["kind"] != "answer":
            # A rule is shown as the facts it found ("2 days since 30 November 2026"), never by its title,
            # which is often a question the reader was never asked.
            missing = [fact for fact in item.get("facts") or [] if plain(fact) not in plain(got["step"])]
            if missing:
                problems.append(f"{item['node']}: the facts {missing!r} are missing from {got['step']!r}")
            if item["text"] and plain(item["text"]) in plain(got["step"] + got["because"]):
                problems.append(f"{item['node']}: the rule is shown by its title {item['text']!r}")
            if got["step"].rstrip().endswith(("?", "？")):
                problems.append(f"{item['node']}: the rule is shown as a question: {got['step']!r}")
        for source in item["basis"]:
            if plain(source["title"]) not in plain(got["basis"]):
                problems.append(f"{item['node']}: source {source['title']!r} missing from {got['basis']!r}")
        if not item["basis"] and got["basis"]:
            problems.append(f"{item['node']}: sources shown where the engine has none: {got['basis']!r}")
    return problems


# The engine snapshot ------------------------------------------------------------------------------------------

SNAPSHOT_CACHE = "recourse-engine-snapshot"  # the Cache Storage name worker.js keeps its snapshot under
# The engine snapshot's storage format (packPages / unpackPages), imported by the tests that read or damage a kept copy.
SNAPSHOT_PAGES = "/assets/wizard/snapshot-pages.js"
_KEPT_SNAPSHOT = """async ([name, needles, modulePath]) => {
  const cache = await caches.open(name);
  const keys = await cache.keys();
  if (keys.length !== 1) return { keys: keys.map((k) => k.url), size: 0, found: [] };
  const { unpackPages } = await import(new URL(modulePath, location.origin).href);
  const bytes = unpackPages(await (await cache.match(keys[0])).arrayBuffer());
  const text = new TextDecoder("latin1").decode(bytes);
  return { keys: keys.map((k) => k.url), size: bytes.length, found: needles.filter((n) => text.includes(n)) };
}"""


def engine_worker(page: Page) -> Worker:
    """The page's wizard worker."""
    workers = [w for w in page.workers if urlsplit(w.url).path.endswith("/assets/wizard/worker.js")]
    assert workers, f"no wizard worker among {[w.url for w in page.workers]}"
    return workers[-1]


def worker_mark(page: Page, name: str, timeout_ms: int = 60_000) -> Any:
    """The detail of the worker's performance mark ``name``, waiting until the worker has made it."""
    for _ in range(timeout_ms // 100):
        detail = engine_worker(page).evaluate(
            "(name) => { const mark = performance.getEntriesByName(name)[0]; return mark ? mark.detail : null; }",
            name,
        )
        if detail is not None:
            return detail
        page.wait_for_timeout(100)
    raise AssertionError(f"the wizard worker never marked {name!r}")


def kept_snapshot(page: Page, needles: list[str]) -> dict[str, Any]:
    """The snapshot kept in the page's origin: its cache keys, its size unpacked, and which ``needles`` it holds."""
    result: dict[str, Any] = page.evaluate(_KEPT_SNAPSHOT, [SNAPSHOT_CACHE, needles, SNAPSHOT_PAGES])
    return result
