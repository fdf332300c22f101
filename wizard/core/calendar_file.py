"""A deadline as an iCalendar file (RFC 5545), so that a reader can keep it in their own calendar.

Made in the reader's browser by the same engine (standard library only): nothing is sent anywhere. The event
is an all-day event on the deadline, with an alarm the day before.
"""

from __future__ import annotations

import datetime
import hashlib
import re

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
        lines.append(f"URL:{_uri(url)}")
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


# Every line break a text may hold (a bare CR too: a calendar reads it as the end of a line, and the rest of
# the text as a property of its own, such as an extra alarm or attendee).
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
# Other control characters are not allowed in a TEXT value at all (RFC 5545, 3.3.11: no CONTROL but HTAB).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _escape(text: str) -> str:
    """A TEXT value (RFC 5545, 3.3.11): backslashes, semicolons and commas escaped, every line break as
    ``\\n``, other control characters dropped. Tree texts cannot hold these (the checker refuses them);
    the date file must be sound anyway, whatever reaches it."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return _CONTROL.sub("", _LINE_BREAK.sub("\\\\n", text))


def _uri(url: str) -> str:
    """A URI value: no whitespace or control character may end the line early (the browser's own address
    never has one; a hand-made link might)."""
    return re.sub(r"[\x00-\x20\x7f-\x9f\u2028\u2029]", "", url)


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
