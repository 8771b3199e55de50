"""Load a BCOP maintenance calendar (maintnote `X-MAINTNOTE-*` iCalendar) into a document.

The maintnote format is described at https://github.com/jda/maintnote-std: one VEVENT per
maintenance, with provider, account, maintenance id, affected objects, impact and status.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Component

from parsers.coverage import coverage_of_lines
from parsers.document import Document, Section, SectionKind
from parsers.errors import ParseError
from parsers.models import Evidence, Origin, Status, Window
from parsers.profiles import Profile

logger = logging.getLogger(__name__)

STATUS_BY_MAINTNOTE = {
    "TENTATIVE": Status.TENTATIVE,
    "CONFIRMED": Status.SCHEDULED,
    "IN-PROCESS": Status.SCHEDULED,
    "CANCELLED": Status.CANCELLED,
    "COMPLETED": Status.COMPLETED,
}
"""`X-MAINTNOTE-STATUS` values and the standard VEVENT STATUS values, as window states."""

_HOST_NAME = re.compile(r"^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_MAX_DETAIL = 80
"""Characters of the icalendar parser's message quoted in an error."""
_FIX = "export the calendar again from the vendor's page or e-mail, or save the notice as text"


def load_icalendar(text: str, source: str, profile: Profile) -> Document:
    """Render each VEVENT as a block of text lines and read it as one window of the notice.

    Windows go to `Document.extra_windows` with an empty id (ids are assigned after
    extraction) and evidence pointing at the event's summary and start lines.
    """
    calendar = _parse_calendar(text, source)
    events = calendar.walk("VEVENT")
    if not events:
        raise ParseError(source, "calendar contains no VEVENT (no maintenance event)", _FIX)

    timezone = ZoneInfo(profile.timezone)
    lines: list[str] = []
    windows: list[Window] = []
    for number, event in enumerate(events, 1):
        if lines:
            lines.append("")
        windows.append(_render_event(event, number, source, profile, lines))

    first_summary = _text(events[0], "SUMMARY")
    stamp = _moment(events[0], "DTSTAMP", source, timezone)
    return Document(
        lines=lines,
        source=source,
        title=first_summary,
        title_line=1 if first_summary else None,
        posted_at=stamp if isinstance(stamp, datetime) else None,
        sections=[
            Section(SectionKind.BODY, 1, len(lines), author=_organizer(events[0]), is_staff=True)
        ],
        format="icalendar",
        extra_windows=windows,
    )


def _parse_calendar(text: str, source: str) -> Calendar:
    try:
        calendar = Calendar.from_ical(text)
    except ValueError as error:
        # icalendar quotes the offending content lines; keep the message on one short line.
        detail = " ".join(str(error).split())
        if len(detail) > _MAX_DETAIL:
            detail = f"{detail[:_MAX_DETAIL]}..."
        raise ParseError(source, f"file is not a valid iCalendar file ({detail})", _FIX) from error
    if not isinstance(calendar, Calendar) or calendar.name != "VCALENDAR":
        raise ParseError(source, "file does not start with BEGIN:VCALENDAR", _FIX)
    return calendar


def _render_event(
    event: Component, number: int, source: str, profile: Profile, lines: list[str]
) -> Window:
    """Append the event's text lines to `lines` and return its window.

    Tiers, regions and services come from the vendor phrases in SUMMARY and the profile's
    host rules for the OBJECT-ID host names, as for windows read from text.
    """
    timezone = ZoneInfo(profile.timezone)
    start = _moment(event, "DTSTART", source, timezone)
    if start is None:
        raise ParseError(source, f"event {number} has no DTSTART", _FIX)
    end = _end(event, start, source, timezone)
    if "RRULE" in event or "RDATE" in event:
        # NOTE: recurrences are not expanded; a recurring event gives its first occurrence only.
        logger.warning("%s: event %d recurs; only its first occurrence is read", source, number)
    all_day = not isinstance(start, datetime)
    status = _status(event, number, source)
    objects = _values(event, "X-MAINTNOTE-OBJECT-ID")
    hosts = [value.lower() for value in objects if _HOST_NAME.match(value.lower())]

    summary = _text(event, "SUMMARY") or f"Maintenance event {number}"
    summary_line = len(lines) + 1
    lines.append(summary)
    start_line = len(lines) + 1
    lines.append(f"Start: {_format(start)}")
    lines.append(f"End: {_format_end(start, end)}")
    lines.append(f"Status: {status.value} (sequence {_text(event, 'SEQUENCE') or '0'})")
    for label, name in (
        ("Provider", "X-MAINTNOTE-PROVIDER"),
        ("Account", "X-MAINTNOTE-ACCOUNT"),
        ("Maintenance id", "X-MAINTNOTE-MAINTENANCE-ID"),
        ("Impact", "X-MAINTNOTE-IMPACT"),
    ):
        value = _text(event, name)
        if value:
            lines.append(f"{label}: {value}")
    if objects:
        lines.append(f"Objects: {', '.join(objects)}")
    organizer = _organizer(event)
    if organizer:
        lines.append(f"Organizer: {organizer}")

    coverage = coverage_of_lines([summary], profile).with_hosts(hosts, profile)
    return Window(
        id="",
        start=start.astimezone(UTC) if isinstance(start, datetime) else start,
        end=end.astimezone(UTC) if isinstance(end, datetime) else end,
        timezone=_zone_name(start),
        all_day=all_day,
        origin=Origin.NOTICE,
        status=status,
        environments=coverage.tiers,
        regions=coverage.regions,
        services=coverage.services,
        hosts=hosts,
        label=summary,
        evidence=[
            Evidence(line=summary_line, text=summary.strip()),
            Evidence(line=start_line, text=lines[start_line - 1]),
        ],
    )


def _moment(event: Component, name: str, source: str, timezone: ZoneInfo) -> datetime | date | None:
    """Read a date or date-time property, reading a floating time (no TZID, no Z) in `timezone`."""
    prop = event.get(name)
    if prop is None:
        return None
    value = _decoded(prop, name, source)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            # NOTE: a floating time is read in the vendor profile's zone, but no
            # missing_timezone flag is raised for it, because loaders have no way to raise flags.
            logger.warning("%s: %s %s has no zone; read in %s", source, name, value, timezone.key)
            return value.replace(tzinfo=timezone)
        return value
    if isinstance(value, date):
        return value
    raise ParseError(
        source, f"{name} value {str(prop)[:40]!r} is not a valid date, time or duration", _FIX
    )


def _decoded(prop: object, name: str, source: str) -> object:
    """Return a property's decoded value (`.dt`), raising ParseError for a broken property."""
    try:
        return getattr(prop, "dt", None)
    except ValueError as error:
        # icalendar 7 keeps an unparsable value as vBroken, whose `.dt` raises a ValueError.
        raise ParseError(
            source, f"{name} value {str(prop)[:40]!r} is not a valid date, time or duration", _FIX
        ) from error


def _end(
    event: Component, start: datetime | date, source: str, timezone: ZoneInfo
) -> datetime | date | None:
    """Return the window end from DTEND, or DTSTART plus DURATION, or None without either.

    iCalendar's DTEND of an all-day event is the day after the last day, while a window's end
    is the last day itself, and null for a single day.
    """
    end = _moment(event, "DTEND", source, timezone)
    duration = _decoded(event.get("DURATION"), "DURATION", source)
    if end is None and isinstance(duration, timedelta):
        end = start + duration
    if end is None or isinstance(end, datetime) or isinstance(start, datetime):
        return end
    last_day = end - timedelta(days=1)
    return None if last_day <= start else last_day


def _status(event: Component, number: int, source: str) -> Status:
    """Map X-MAINTNOTE-STATUS, or the standard STATUS when it is absent, to a window status."""
    value = (_text(event, "X-MAINTNOTE-STATUS") or _text(event, "STATUS")).upper()
    if not value:
        return Status.SCHEDULED
    if value not in STATUS_BY_MAINTNOTE:
        known = ", ".join(STATUS_BY_MAINTNOTE)
        raise ParseError(
            source, f"event {number} has an unknown status {value!r}", f"use one of: {known}"
        )
    return STATUS_BY_MAINTNOTE[value]


def _zone_name(moment: datetime | date) -> str | None:
    if not isinstance(moment, datetime):
        return None
    zone = moment.tzinfo
    if isinstance(zone, ZoneInfo):
        return zone.key
    return "UTC" if moment.utcoffset() == timedelta(0) else None


def _format(moment: datetime | date) -> str:
    if isinstance(moment, datetime):
        return f"{moment:%Y-%m-%d %H:%M} {_zone_name(moment) or moment.strftime('%z')}"
    return f"{moment:%Y-%m-%d} (all day)"


def _format_end(start: datetime | date, end: datetime | date | None) -> str:
    if end is not None:
        return _format(end)
    # An all-day event without a later last day covers its start day only (RFC 5545 3.6.1).
    return "same day (all day)" if not isinstance(start, datetime) else "not given"


def _values(event: Component, name: str) -> list[str]:
    """Return every value of a property that may repeat or hold a comma list."""
    prop = event.get(name)
    if prop is None:
        return []
    items = prop if isinstance(prop, list) else [prop]
    values: list[str] = []
    for item in items:
        values.extend(part.strip() for part in str(item).split(",") if part.strip())
    return values


def _text(event: Component, name: str) -> str:
    prop = event.get(name)
    if isinstance(prop, list):
        prop = prop[0] if prop else None
    return str(prop).strip() if prop is not None else ""


def _organizer(event: Component) -> str | None:
    prop = event.get("ORGANIZER")
    if prop is None:
        return None
    address = str(prop).removeprefix("mailto:").removeprefix("MAILTO:")
    name = getattr(prop, "params", {}).get("CN")
    return f"{name} <{address}>" if name else address
