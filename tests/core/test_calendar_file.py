"""Deadline calendar files parse with a real iCalendar library and carry the right date."""

from __future__ import annotations

import datetime

import icalendar

from wizard.core.calendar_file import deadline_calendar

STAMP = datetime.datetime(2026, 11, 22, 9, 30, tzinfo=datetime.UTC)


def test_the_event_is_on_the_deadline_all_day() -> None:
    text = deadline_calendar(procedure="My Tmall store received a complaint", label="Appeal by",
                             due=datetime.date(2026, 11, 25), details="Appeal now, within 3 days.",
                             url="https://example.org/procedures/tmall/#a=received%3D2026-11-22", stamp=STAMP)
    calendar = icalendar.Calendar.from_ical(text)
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert event.decoded("DTSTART") == datetime.date(2026, 11, 25)
    assert event.decoded("DTEND") == datetime.date(2026, 11, 26)
    assert str(event["SUMMARY"]) == "Appeal by (My Tmall store received a complaint)"
    assert "within 3 days" in str(event["DESCRIPTION"])
    assert event.walk("VALARM")[0].decoded("TRIGGER") == datetime.timedelta(days=-1)


def test_special_characters_and_long_lines_survive() -> None:
    label = "Reply; to the mediator, by letter \\ or 电话 " * 4
    text = deadline_calendar(procedure="Test", label=label, due=datetime.date(2027, 1, 1), stamp=STAMP)
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == f"{label} (Test)"


def test_the_same_deadline_keeps_the_same_identity() -> None:
    first = deadline_calendar(procedure="P", label="L", due=datetime.date(2026, 1, 1), stamp=STAMP)
    again = deadline_calendar(procedure="P", label="L", due=datetime.date(2026, 1, 1), stamp=STAMP)
    other = deadline_calendar(procedure="P", label="L", due=datetime.date(2026, 1, 2), stamp=STAMP)
    uid = next(line for line in first.split("\r\n") if line.startswith("UID:"))
    assert uid in again and uid not in other
