"""Checks against the calendar: public holidays and how much notice customers got."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from parsers.checks.context import CheckContext, CheckSettings
from parsers.checks.windows import (
    dated_windows,
    describe_window,
    flag_origin,
    local_dates,
    start_instant,
    window_evidence,
    window_scope,
)
from parsers.models import Flag, FlagCode, FlagOrigin, Origin, Severity, Window

DEFAULT_REGION = "default"

HolidayCalendars = dict[tuple[str, int], holidays.HolidayBase]


def check_holidays(context: CheckContext) -> list[Flag]:
    """Flag windows on a public holiday of their region, as a local date in the window's zone.

    A window on a weekend day next to a holiday (a long weekend) gets an info-level flag.
    """
    calendars: HolidayCalendars = {}
    flags: list[Flag] = []
    for origin in Origin:
        for window in dated_windows(context.schedule.windows, origin):
            countries = _window_countries(context, window)
            days = local_dates(window, context.profile)
            found = _holidays_on(calendars, countries, days)
            if found:
                flags.append(_holiday_flag(context, origin, window, found))
                continue
            weekend = _long_weekends(calendars, countries, days)
            if weekend:
                flags.append(_long_weekend_flag(context, origin, window, weekend))
    return flags


def check_short_notice(context: CheckContext) -> list[Flag]:
    """Flag a notice posted fewer than the configured days before its first window."""
    posted = context.schedule.notice.posted_at
    if posted is None:
        return []
    zone = ZoneInfo(context.profile.timezone)
    posted_instant = _as_instant(posted, zone)
    upcoming = [
        window for window in dated_windows(context.schedule.windows, Origin.NOTICE)
        if start_instant(window, context.profile) >= posted_instant
    ]
    if not upcoming:
        return []
    first = min(upcoming, key=lambda window: start_instant(window, context.profile))
    lead = start_instant(first, context.profile) - posted_instant
    minimum = context.settings.short_notice_days
    if lead >= timedelta(days=minimum):
        return []
    when = describe_window(first, context.profile)
    return [Flag(
        code=FlagCode.SHORT_NOTICE,
        severity=Severity.WARNING,
        origin=FlagOrigin.NOTICE,
        message=f"The notice was posted {_describe_lead(lead)} before its first window on "
        f"{when}; at least {minimum} days are expected.",
        question=f"Can the change on {when} move so that customers get {minimum} days to prepare?",
        window_ids=[first.id],
        hosts=list(first.hosts),
        evidence=window_evidence(first),
    )]


def _window_countries(context: CheckContext, window: Window) -> list[str]:
    """Return the holiday countries of a window's regions; unlabelled windows use the default."""
    settings = context.settings
    scope = window_scope(window, context.profile)
    regions = sorted(scope.regions) if scope.regions else [DEFAULT_REGION]
    countries: list[str] = []
    for region in regions:
        for country in _region_countries(settings, region):
            if country not in countries:
                countries.append(country)
    return countries


def _region_countries(settings: CheckSettings, region: str) -> tuple[str, ...]:
    table = settings.holiday_countries
    broad = region.split("-", 1)[0]
    for key in (region, broad):
        if key in table:
            return table[key]
    return table.get(DEFAULT_REGION, ("US",))


def _calendar(calendars: HolidayCalendars, country: str, year: int) -> holidays.HolidayBase:
    key = (country, year)
    if key not in calendars:
        calendars[key] = _country_year(country, year)
    return calendars[key]


@lru_cache(maxsize=256)
def _country_year(country: str, year: int) -> holidays.HolidayBase:
    """Build one country's holidays for one year; building them costs far more than a lookup."""
    return holidays.country_holidays(country, years=year)


def _holidays_on(
    calendars: HolidayCalendars, countries: list[str], days: list[date]
) -> list[tuple[date, str, str]]:
    """Return (day, holiday name, country) for each holiday among `days`."""
    found: list[tuple[date, str, str]] = []
    for day in days:
        for country in countries:
            name = _calendar(calendars, country, day.year).get(day)
            if name:
                found.append((day, name, country))
    return found


def _is_day_off(calendars: HolidayCalendars, countries: list[str], day: date) -> bool:
    if day.weekday() >= 5:
        return True
    return any(day in _calendar(calendars, country, day.year) for country in countries)


def _long_weekends(
    calendars: HolidayCalendars, countries: list[str], days: list[date]
) -> list[tuple[date, str, str]]:
    """Return (day, holiday, country) for weekend days that a nearby holiday extends."""
    found: list[tuple[date, str, str]] = []
    for day in (item for item in days if item.weekday() >= 5):
        block = [day]
        for step in (-1, 1):
            cursor = day + timedelta(days=step)
            while _is_day_off(calendars, countries, cursor):
                block.append(cursor)
                cursor += timedelta(days=step)
        named = _holidays_on(calendars, countries, sorted(block))
        if len(block) >= 3 and named:
            _, name, country = named[0]
            found.append((day, name, country))
    return found


def _holiday_flag(
    context: CheckContext, origin: Origin, window: Window, found: list[tuple[date, str, str]]
) -> Flag:
    when = describe_window(window, context.profile)
    names = "; ".join(f"{day.isoformat()} is {name} ({country})" for day, name, country in found)
    first_name = found[0][1]
    return Flag(
        code=FlagCode.HOLIDAY,
        severity=Severity.WARNING,
        origin=flag_origin(origin),
        message=f"The window on {when} falls on a public holiday: {names}.",
        question=f"Can the change on {when} move off {first_name}, or will the vendor's "
        "support be staffed that day?",
        window_ids=[window.id],
        hosts=list(window.hosts),
        evidence=window_evidence(window),
    )


def _long_weekend_flag(
    context: CheckContext, origin: Origin, window: Window, found: list[tuple[date, str, str]]
) -> Flag:
    when = describe_window(window, context.profile)
    day, name, country = found[0]
    return Flag(
        code=FlagCode.HOLIDAY,
        severity=Severity.INFO,
        origin=flag_origin(origin),
        message=f"The window on {when} falls in the long weekend of {name} ({country}), "
        f"on {day.isoformat()}.",
        question=f"Will the vendor's support be staffed during the {name} weekend?",
        window_ids=[window.id],
        hosts=list(window.hosts),
        evidence=window_evidence(window),
    )


def _as_instant(value: datetime | date, zone: ZoneInfo) -> datetime:
    """Return a post time as an aware instant; a date or a naive time is taken in `zone`."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)
    return datetime.combine(value, time(0), zone)


def _describe_lead(lead: timedelta) -> str:
    if lead >= timedelta(days=1):
        days = lead.days
        return f"{days} day{'s' if days != 1 else ''}"
    hours = int(lead.total_seconds() // 3600)
    return f"{hours} hour{'s' if hours != 1 else ''}"
