"""What a result shows: verdict, reasons, explanation, next steps, deadlines (with calendar files), sources and
the answers, each exactly as CPython's engine says."""

from __future__ import annotations

import datetime

import icalendar
import pytest
from playwright.sync_api import Page

from wizard.core.engine import step

from .wizard_driver import (
    FIXTURE_TREES,
    REPO,
    ROOT,
    Example,
    Procedure,
    drive,
    load_procedures,
    open_wizard,
    procedure_url,
    state,
    use_today,
)

REAL = load_procedures(REPO / "trees")
REAL_ZH = load_procedures(REPO / "trees", "zh")
FIXTURE = load_procedures(FIXTURE_TREES[0].parent)[0]


def _with_deadline(procedures: list[Procedure]) -> tuple[Procedure, Example]:
    return next((p, e) for p in procedures for e in p.examples if e.today and e.deadlines)


def _texts(page: Page, selector: str) -> list[str]:
    return [text.strip() for text in page.locator(selector).all_inner_texts()]


@pytest.mark.zensical
def test_the_result_shows_what_the_engine_worked_out(page: Page, site_url: str) -> None:
    procedure, example = _with_deadline(REAL)
    assert example.today is not None
    use_today(page, example.today)
    open_wizard(page, procedure_url(site_url, procedure.slug))
    drive(page, procedure.tree, example.answers)
    result = step(procedure.tree, example.answers, example.today)
    outcome = result["outcome"]
    assert outcome is not None
    assert page.inner_text(f"{ROOT} .rc-verdict") == outcome["verdict"]
    reasons = list(dict.fromkeys(t["because"] for t in result["trace"] if t["because"]))
    assert _texts(page, f"{ROOT} .rc-reasons .rc-reason__because") == reasons
    assert page.locator(f"{ROOT} .rc-explanation").inner_text().strip() != ""
    steps = [s["text"] if isinstance(s, dict) else s for s in outcome["next_steps"]]
    shown_steps = _texts(page, f"{ROOT} .rc-next-steps li")
    assert len(shown_steps) == len(steps)
    for shown, markdown in zip(shown_steps, steps, strict=True):
        # The step is rendered Markdown: its words are all there, the markup is not.
        assert shown.replace(" ", "") in markdown.replace("*", "").replace("`", "").replace(" ", ""), (shown, markdown)
    for deadline in outcome["deadlines"]:
        item = page.locator(f"{ROOT} .rc-deadline[data-deadline='{deadline['id']}']")
        assert deadline["date_text"] in item.inner_text()
        assert item.locator("time").get_attribute("datetime") == deadline["date"]
        days = deadline["days_left"]
        assert (f"{days} days left" if days > 1 else "1 day left" if days == 1 else "today") in item.inner_text()
    for source in outcome["basis"]:
        assert source["title"] in page.inner_text(f"{ROOT} .rc-outcome__basis")
    assert _texts(page, f"{ROOT} .rc-answers-list__answer") == [s["display"] for s in result["steps"]]
    assert _texts(page, f"{ROOT} .rc-answers-list__question") == [s["question"] for s in result["steps"]]


@pytest.mark.parametrize("language", ["en", "zh"])
def test_a_deadline_can_be_saved_as_a_calendar_file(page: Page, site_url: str, language: str) -> None:
    procedure, example = _with_deadline(REAL if language == "en" else REAL_ZH)
    use_today(page, example.today)
    open_wizard(page, procedure_url(site_url, procedure.slug, language))
    drive(page, procedure.tree, example.answers)
    deadline_id, due = next(iter(example.deadlines.items()))
    link = page.locator(f"{ROOT} .rc-deadline[data-deadline='{deadline_id}'] a.rc-calendar")
    link.wait_for()
    href = link.get_attribute("href")
    assert href is not None and href.startswith("data:text/calendar"), "made in the browser, not fetched"
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == f"{procedure.slug}-{deadline_id}.ics"
    path = download.path()
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    event = calendar.walk("VEVENT")[0]
    assert event.decoded("DTSTART") == datetime.date.fromisoformat(due)
    assert procedure.tree["title"] in str(event.get("SUMMARY")), "in the page's language"
    assert "#a=" in str(event.get("URL")), "the event links back to this result"
    assert str(event.get("URL")).startswith(procedure_url(site_url, procedure.slug, language)), "this edition"
    # The page says the same date, in words of its language and as the days left.
    item = page.locator(f"{ROOT} .rc-deadline[data-deadline='{deadline_id}']").inner_text()
    day = datetime.date.fromisoformat(due)
    assert (f"{day.year}年{day.month}月{day.day}日" if language == "zh" else str(day.year)) in item


def test_a_passed_deadline_says_so_and_offers_no_calendar_file(page: Page, fixture_site_url: str) -> None:
    tree = FIXTURE.tree
    for example in FIXTURE.examples:
        if not example.today:
            continue
        result = step(tree, example.answers, example.today)
        deadlines = result["outcome"]["deadlines"] if result["outcome"] else []
        passed = [d for d in deadlines if d["days_left"] < 0]
        ahead = [d for d in deadlines if d["days_left"] >= 0]
        if passed and ahead:
            break
    else:
        raise AssertionError("the fixture tree has no example with a passed and a coming deadline")
    use_today(page, example.today)
    open_wizard(page, procedure_url(fixture_site_url, FIXTURE.slug))
    drive(page, tree, example.answers)
    assert state(page) == "outcome"
    page.locator(f"{ROOT} a.rc-calendar").first.wait_for()
    for deadline in passed:
        item = page.locator(f"{ROOT} .rc-deadline[data-deadline='{deadline['id']}']")
        assert f"passed {-deadline['days_left']} days ago" in item.inner_text()
        assert "rc-deadline--passed" in (item.get_attribute("class") or "")
        assert item.locator("a.rc-calendar").count() == 0
        if deadline["passed_text"]:
            # What the reader can still do, without the Markdown's markup characters.
            words = deadline["passed_text"].replace("**", "").replace("`", "")
            assert item.locator(".rc-deadline__passed").inner_text().strip() == words
    for deadline in ahead:
        item = page.locator(f"{ROOT} .rc-deadline[data-deadline='{deadline['id']}']")
        assert item.locator("a.rc-calendar").count() == 1
