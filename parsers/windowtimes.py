"""Turn a date and a clock range into aware window instants, noting what had to be assumed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from parsers.dates import TimeRange, read_time_range, scan_line
from parsers.models import FlagCode, Window
from parsers.profiles import Profile
from parsers.timezones import contradicts_daylight, zone

Problem = tuple[FlagCode, str, str | None]


@dataclass
class WindowTimes:
    """Start and end in UTC, the IANA zone the notice meant, and the assumptions made."""

    start: datetime
    end: datetime | None
    zone: str
    local_start: datetime
    local_end: datetime | None
    problems: list[Problem] = field(default_factory=list)


def build_timed(start_day: date, end_day: date | None, times: TimeRange, profile: Profile) -> WindowTimes:
    """Combine a date with a clock range in the zone the notice named (or the vendor's default)."""
    problems: list[Problem] = []
    label = times.zone.meaning if times.zone else None
    zone_name = label.zone if label else profile.timezone
    tz = zone(zone_name)
    if label is None:
        problems.append((
            FlagCode.MISSING_TIMEZONE,
            f"no time zone given for {start_day.isoformat()} {times.start.strftime('%H:%M')}; "
            f"assumed {zone_name}, the vendor's usual zone",
            "Which time zone are these times in?",
        ))
    local_start = datetime.combine(start_day + timedelta(days=times.start_day_shift), times.start, tzinfo=tz)
    if label is not None and times.zone and contradicts_daylight(label, local_start):
        actual = local_start.strftime("%Z")
        problems.append((
            FlagCode.TIMEZONE_MISMATCH,
            f"{times.zone.label} on {local_start.date().isoformat()} disagrees with daylight saving "
            f"({zone_name} is on {actual} then); read as {local_start.strftime('%H:%M')} {actual}",
            f"Is {local_start.strftime('%H:%M')} meant as local time ({actual}) or as {times.zone.label}?",
        ))

    local_end: datetime | None = None
    if times.end is not None:
        day = (end_day or start_day) + timedelta(days=times.end_day_shift)
        local_end = datetime.combine(day, times.end, tzinfo=tz)
        if local_end <= local_start and end_day is None:
            local_end += timedelta(days=1)
    else:
        problems.append((
            FlagCode.MISSING_END,
            f"the window starting {local_start.strftime('%Y-%m-%d %H:%M %Z')} has no end time",
            "When does this window end?",
        ))
    return WindowTimes(
        start=local_start.astimezone(UTC),
        end=local_end.astimezone(UTC) if local_end else None,
        zone=zone_name,
        local_start=local_start,
        local_end=local_end,
        problems=problems,
    )


def check_conversion(text: str, built: WindowTimes) -> str | None:
    """Compare the notice's own conversion ("(UTC 11PM-12AM next day)") with ours."""
    scan = scan_line(text)
    converted = read_time_range(scan)
    if converted is None or converted.zone is None:
        return None
    tz = zone(converted.zone.meaning.zone)
    ours_start = built.start.astimezone(tz)
    stated = converted.start
    problems = []
    if (ours_start.hour, ours_start.minute) != (stated.hour, stated.minute):
        problems.append(f"start {stated.strftime('%H:%M')} where {ours_start.strftime('%H:%M')} is right")
    if converted.start_date is not None and (converted.start_date.month, converted.start_date.day) != (
        ours_start.month, ours_start.day
    ):
        problems.append(f"date {converted.start_date.month}/{converted.start_date.day} where "
                        f"{ours_start.month}/{ours_start.day} is right")
    if converted.end is not None and built.end is not None:
        ours_end = built.end.astimezone(tz)
        if (ours_end.hour, ours_end.minute) != (converted.end.hour, converted.end.minute):
            problems.append(f"end {converted.end.strftime('%H:%M')} where {ours_end.strftime('%H:%M')} is right")
    if not problems:
        return None
    label = converted.zone.label
    return f"the notice's conversion {text.strip()!r} to {label} is wrong: " + ", ".join(problems)


def shift_to_day(window: Window, day: date) -> WindowTimes:
    """Return a timed window's clock times moved to another day in its own zone."""
    assert isinstance(window.start, datetime) and window.timezone is not None
    tz = zone(window.timezone)
    old_start = window.start.astimezone(tz)
    local_start = datetime.combine(day, old_start.time(), tzinfo=tz)
    local_end: datetime | None = None
    if isinstance(window.end, datetime):
        old_end = window.end.astimezone(tz)
        days = (old_end.date() - old_start.date()).days
        local_end = datetime.combine(day + timedelta(days=days), old_end.time(), tzinfo=tz)
    return WindowTimes(
        start=local_start.astimezone(UTC),
        end=local_end.astimezone(UTC) if local_end else None,
        zone=window.timezone,
        local_start=local_start,
        local_end=local_end,
    )
