"""A deadline as an iCalendar file (RFC 5545), so that a reader can keep it in their own calendar.

Made in the reader's browser by the same engine (standard library only): nothing is sent anywhere. The event
is an all-day event on the deadline, with an alarm the day before.
"""

from __future__ import annotations

import datetime
import hashlib

PRODUCT_ID = "-//Recourse//Complaint procedures//EN"


def deadline_calendar(*, procedure: str, label: str, due: datetime.date, details: str = "", url: str = "",
                      stamp: datetime.datetime | None = None) -> str:
    """The text of an ``.ics`` file with one all-day event for a deadline.

    ``procedure`` is the procedure's title, ``label`` what must happen by then ("Appeal by"), ``details`` a
    plain-text note (the verdict and what to do), ``url`` the link that restores the result.
    """
    stamp = stamp or datetime.datetime.now(datetime.UTC)
    uid = hashlib.sha256(f"{procedure}|{label}|{due.isoformat()}|{url}".encode()).hexdigest()[:32]
    description = "\n".join(part for part in (details, url) if part)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}@recourse",
        f"DTSTAMP:{stamp.astimezone(datetime.UTC).strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART;VALUE=DATE:{due.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{(due + datetime.timedelta(days=1)).strftime('%Y%m%d')}",
        f"SUMMARY:{_escape(f'{label} ({procedure})')}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{_escape(description)}")
    if url:
        lines.append(f"URL:{url}")
    lines += [
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{_escape(label)}",
        "TRIGGER:-P1D",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(_fold(line) + "\r\n" for line in lines)


def _escape(text: str) -> str:
    """Text values escape backslashes, semicolons, commas and line breaks (RFC 5545, 3.3.11)."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545, 3.1), never inside a
    character."""
    parts: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not parts else 74  # continuation lines start with a space
        if len((current + char).encode("utf-8")) > limit:
            parts.append(current)
            current = char
        else:
            current += char
    parts.append(current)
    return "\r\n ".join(parts)
