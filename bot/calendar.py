"""Render schedules as an iCalendar feed: one VEVENT per window, with BCOP X-MAINTNOTE properties.

The output depends only on its input, so the same stored schedule always gives the same bytes
and the same ETag. DTSTAMP and LAST-MODIFIED come from the data, never from the clock, and the
caller gives the calendar UID.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vDuration

from bot.impact import Impact
from parsers.errors import ConfigError
from parsers.hosts import covers
from parsers.models import Flag, FlagOrigin, Origin, Schedule, Status, Tier, Window
from parsers.profiles import load_profile

logger = logging.getLogger(__name__)

PRODID = "-//noticewatch//Vendor maintenance calendar//EN"
REFRESH_INTERVAL = timedelta(hours=1)
"""How often clients should fetch the feed again: REFRESH-INTERVAL and X-PUBLISHED-TTL."""
FALLBACK_STAMP = datetime(1970, 1, 1, tzinfo=UTC)
"""DTSTAMP of a notice with no post time and no dated window; it then has no events to stamp."""


@dataclass(frozen=True)
class EventRecord:
    """A window as published: its last snapshot, how often it changed, and when it last did.

    A window that a later version of the notice removed keeps its last snapshot with status
    cancelled, so calendar clients replace the event instead of keeping a stale one.
    """

    window: Window
    sequence: int = 0
    """SEQUENCE: 0 for the first version, raised each time the window changes."""
    last_modified: datetime | None = None
    """UTC time of the version that last changed the window; None uses the source's stamp."""


@dataclass(frozen=True)
class CalendarSource:
    """Everything the calendar shows of one notice."""

    schedule: Schedule
    stamp: datetime
    """DTSTAMP: when the version was stored, else the post time, else the earliest window start."""
    impact: Impact = Impact.OUTAGE
    records: Sequence[EventRecord] = ()
    """Windows with their sequence; empty means every window of `schedule` at sequence 0."""

    def event_records(self) -> list[EventRecord]:
        """Return the records to publish, defaulting to the schedule's windows."""
        if self.records:
            return list(self.records)
        return [EventRecord(window) for window in self.schedule.windows]


@dataclass(frozen=True)
class CalendarFilter:
    """Filter of the windows a calendar shows; an empty field matches everything."""

    vendors: tuple[str, ...] = ()
    environments: tuple[Tier, ...] = ()
    regions: tuple[str, ...] = ()
    hosts: tuple[str, ...] = ()
    """Host names; a certificate wildcard on either side covers one label (`*.zuora.com`).

    Matching is case-insensitive."""

    def matches(self, schedule: Schedule, window: Window) -> bool:
        """Return whether `window` of `schedule` passes every non-empty filter."""
        if self.vendors and schedule.notice.vendor.lower() not in {v.lower() for v in self.vendors}:
            return False
        if self.environments and not set(self.environments) & set(window.environments):
            return False
        regions = {region.lower() for region in self.regions}
        if regions and not regions & {region.lower() for region in window.regions}:
            return False
        if not self.hosts:
            return True
        # A vendor phrase that only possibly covers the host counts, so a feed errs on showing.
        return any(
            covers(pattern, host) is not None or covers(host, pattern) is not None
            for pattern in window.hosts
            for host in self.hosts
        )

    def describe(self) -> str:
        """Return the filter as stable text, for calendar names and UIDs."""
        parts = [
            *(f"vendor={value}" for value in sorted(self.vendors)),
            *(f"environment={tier.value}" for tier in sorted(self.environments)),
            *(f"region={value}" for value in sorted(self.regions)),
            *(f"host={value}" for value in sorted(self.hosts)),
        ]
        return ", ".join(parts)


@dataclass(frozen=True)
class CalendarOptions:
    """Name, UID, account and contents of a calendar."""

    name: str
    uid: str
    """The calendar's own UID; fixed so that regenerating it gives the same bytes."""
    account: str = "noticewatch"
    """X-MAINTNOTE-ACCOUNT: the customer account the maintenance concerns."""
    include_replies: bool = False
    """Publish windows seen only in readers' replies, as TENTATIVE events."""
    filter: CalendarFilter = field(default_factory=CalendarFilter)


def calendar_uid(*parts: str) -> str:
    """Return a stable calendar UID from the parts that identify the calendar."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]
    return f"calendar-{digest}@noticewatch"


def render_calendar(sources: Iterable[CalendarSource], options: CalendarOptions) -> bytes:
    """Render the windows of `sources` that pass the options' filter as one iCalendar file."""
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    calendar.add("UID", options.uid)
    calendar.calendar_name = options.name
    calendar.add("REFRESH-INTERVAL", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH_INTERVAL))

    events: list[Event] = []
    zone_years: dict[str, set[int]] = {}
    for source in sorted(sources, key=lambda item: item.schedule.notice.id):
        for record in source.event_records():
            if not _is_published(record.window, source.schedule, options):
                continue
            events.append(_build_event(source, record, options.account))
            _collect_zone_years(record.window, zone_years)

    for zone_name, years in sorted(zone_years.items()):
        calendar.add_component(_timezone(zone_name, min(years), max(years)))
    for event in sorted(events, key=_event_order):
        calendar.add_component(event)
    logger.debug("rendered calendar %s with %d events", options.uid, len(events))
    return bytes(calendar.to_ical())


def _is_published(window: Window, schedule: Schedule, options: CalendarOptions) -> bool:
    """Leave out undated and completed windows, and reply-quoted ones unless asked for."""
    if window.start is None or window.status is Status.COMPLETED:
        return False
    if window.origin is Origin.COMMENT and not options.include_replies:
        return False
    return options.filter.matches(schedule, window)


def _event_status(window: Window) -> str:
    if window.status is Status.CANCELLED:
        return "CANCELLED"
    if window.status is Status.TENTATIVE or window.origin is Origin.COMMENT:
        return "TENTATIVE"
    return "CONFIRMED"


def _build_event(source: CalendarSource, record: EventRecord, account: str) -> Event:
    schedule = source.schedule
    window = record.window
    status = _event_status(window)
    event = Event()
    event.add("UID", window.id)
    event.add("DTSTAMP", source.stamp.astimezone(UTC))
    event.add("SEQUENCE", record.sequence)
    event.add("LAST-MODIFIED", (record.last_modified or source.stamp).astimezone(UTC))
    start, end = _event_times(window)
    event.add("DTSTART", start)
    if end is not None:
        event.add("DTEND", end)
    event.add("STATUS", status)
    event.add("SUMMARY", _summary(schedule, window))
    event.add("DESCRIPTION", _description(schedule, window))
    if schedule.notice.source.startswith(("https://", "http://")):
        event.add("URL", schedule.notice.source)
    event.add("X-MAINTNOTE-PROVIDER", schedule.notice.vendor)
    event.add("X-MAINTNOTE-ACCOUNT", account)
    event.add("X-MAINTNOTE-MAINTENANCE-ID", schedule.notice.id)
    for host in window.hosts:
        event.add("X-MAINTNOTE-OBJECT-ID", host)
    event.add("X-MAINTNOTE-IMPACT", source.impact.value)
    event.add("X-MAINTNOTE-STATUS", status)
    return event


def _event_times(window: Window) -> tuple[date | datetime, date | datetime | None]:
    """Return DTSTART and DTEND: local times in the notice's zone, or dates for all-day windows.

    An all-day DTEND is the day after the last day, because iCalendar's DTEND is exclusive. A
    timed window without an end has no DTEND, so clients show it as a moment at its start.
    """
    start = window.start
    assert start is not None, "undated windows are filtered out before rendering"
    if window.all_day or not isinstance(start, datetime):
        first_day = start.date() if isinstance(start, datetime) else start
        last = window.end if window.end is not None else first_day
        last_day = last.date() if isinstance(last, datetime) else last
        return first_day, last_day + timedelta(days=1)
    zone = ZoneInfo(window.timezone) if window.timezone else UTC
    end = window.end.astimezone(zone) if isinstance(window.end, datetime) else None
    return start.astimezone(zone), end


def _collect_zone_years(window: Window, zone_years: dict[str, set[int]]) -> None:
    """Record the years in which a window uses its zone, so VTIMEZONE covers only those."""
    if window.all_day or not window.timezone or window.timezone == "UTC":
        return
    zone = ZoneInfo(window.timezone)
    for moment in (window.start, window.end):
        if isinstance(moment, datetime):
            zone_years.setdefault(window.timezone, set()).add(moment.astimezone(zone).year)


@cache
def _timezone(zone_name: str, first_year: int, last_year: int) -> Timezone:
    """Build the VTIMEZONE of a zone for the given years from the tz database (via zoneinfo)."""
    try:
        return Timezone.from_tzid(
            zone_name, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1)
        )
    except ValueError as error:
        raise ConfigError(
            "timezone", f"no VTIMEZONE can be built for {zone_name!r} ({error})",
            "use an IANA zone name such as America/Los_Angeles",
        ) from error


def _event_order(event: Event) -> tuple[str, str]:
    start = event.decoded("DTSTART")
    if isinstance(start, datetime):
        key = start.astimezone(UTC).isoformat()
    else:
        key = datetime.combine(start, time(), tzinfo=UTC).isoformat()
    return key, str(event["UID"])


def _vendor_name(vendor: str) -> str:
    try:
        return load_profile(vendor).name
    except ConfigError:
        return vendor


def _summary(schedule: Schedule, window: Window) -> str:
    """Name the vendor, the environments and the change, such as "Zuora production: ..."."""
    vendor = _vendor_name(schedule.notice.vendor)
    tiers = ", ".join(tier.value for tier in window.environments) or "all environments"
    # The title names the change; a window's label is a whole schedule line, so it goes into
    # the description instead.
    change = strip_reply_prefix(schedule.notice.title) or window.label or "maintenance"
    summary = f"{vendor} {tiers}: {change}"
    if window.origin is Origin.COMMENT:
        summary += " (quoted in a reply)"
    return summary


def strip_reply_prefix(title: str) -> str:
    text = title.strip()
    while text[:3].lower() == "re:":
        text = text[3:].strip()
    return text


def _flag_concerns(flag: Flag, window: Window) -> bool:
    """Return whether a flag names the window, or names no window and is about its origin."""
    if flag.window_ids:
        return window.id in flag.window_ids
    return flag.origin.value in (window.origin.value, FlagOrigin.BOTH.value)


def _description(schedule: Schedule, window: Window) -> str:
    """List hosts, bundles, the deadline, the flags about the window and the notice link."""
    notice = schedule.notice
    lines: list[str] = []
    if window.label:
        lines.append(f"Schedule line: {window.label.strip()}")
    if window.hosts:
        lines.append(f"Hosts: {', '.join(window.hosts)}")
    if schedule.hosts_excluded:
        lines.append(f"Not changing: {', '.join(schedule.hosts_excluded)}")
    if window.regions:
        lines.append(f"Regions: {', '.join(window.regions)}")
    if window.services:
        lines.append(f"Services: {', '.join(window.services)}")
    if schedule.bundles:
        lines.append("Install:")
        for bundle in schedule.bundles:
            alias = f" (keytool alias {bundle.alias})" if bundle.alias else ""
            lines.append(f"- {bundle.file}{alias}")
    if notice.deadline is not None:
        lines.append(f"Act before: {notice.deadline.isoformat()}")
    if not window.all_day and window.end is None:
        lines.append("End: the notice gives no end time.")
    flags = [flag for flag in schedule.flags if _flag_concerns(flag, window)]
    if flags:
        lines.append("Flags:")
        lines.extend(f"- {flag.severity.value} {flag.code.value}: {flag.message}" for flag in flags)
    lines.append(f"Notice: {notice.source}")
    return "\n".join(lines)
