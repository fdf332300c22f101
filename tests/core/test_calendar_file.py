"""Deadline calendar files parse with a real iCalendar library and carry the right date."""

from __future__ import annotations

import datetime

import icalendar
import pytest

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


# Texts that try to end their line and start a property or component of their own.
INJECTIONS = [
    "Appeal\rBEGIN:VALARM\rACTION:AUDIO\rTRIGGER:-PT1M\rEND:VALARM",
    "Appeal\r\nATTENDEE:mailto:boss@example.org",
    "Appeal\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:Fake",
    "Appeal\x0bLOCATION:x\x0cGEO:1;2\x85ORGANIZER:x\u2028CLASS:PRIVATE\u2029STATUS:CANCELLED",
    "Appeal \x00\x1b[2J\x7f\x9b; , \\ \"quoted\" :colon",
    "长" * 200 + "\r" + "é" * 100,
]


@pytest.mark.reliability("injection")
@pytest.mark.parametrize("text", INJECTIONS)
def test_no_text_adds_a_property_or_component(text: str) -> None:
    body = deadline_calendar(procedure=text, label=text, due=datetime.date(2026, 11, 25), details=text,
                             url="https://example.org/#a=x\r\nATTENDEE:mailto:x", stamp=STAMP)
    assert all(len(line.encode("utf-8")) <= 75 for line in body.split("\r\n"))
    assert "\r" not in body.replace("\r\n", "") and "\n" not in body.replace("\r\n", "")
    calendar = icalendar.Calendar.from_ical(body)
    assert [c.name for c in calendar.walk()] == ["VCALENDAR", "VEVENT", "VALARM"]
    event = calendar.walk("VEVENT")[0]
    assert sorted(event) == ["DESCRIPTION", "DTEND", "DTSTAMP", "DTSTART", "SUMMARY", "TRANSP", "UID", "URL"]
    assert sorted(event.walk("VALARM")[0]) == ["ACTION", "DESCRIPTION", "TRIGGER"]
    # The text is kept in its own property, its line breaks as line breaks of the value.
    assert str(event["SUMMARY"]).startswith(("Appeal", "长"))
    assert "\n" in str(event["SUMMARY"]) or "\r" not in text
    assert str(event["URL"]) == "https://example.org/#a=xATTENDEE:mailto:x"
