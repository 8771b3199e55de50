"""Window reading for checks: instants, local dates, tiers, scopes and evidence."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from parsers.document import Document
from parsers.hosts import host_rule
from parsers.models import Evidence, FlagOrigin, Origin, Status, Tier, Window
from parsers.profiles import Profile

NON_PRODUCTION = frozenset({Tier.SANDBOX, Tier.TEST, Tier.SERVICES})


@dataclass(frozen=True)
class Scope:
    """Data centers and services a window covers; None means every one (none was named)."""

    regions: frozenset[str] | None
    services: frozenset[str] | None


def dated_windows(windows: list[Window], origin: Origin) -> list[Window]:
    """Return the windows of `origin` that have a start and are not done or cancelled."""
    return [
        window for window in windows
        if window.origin is origin
        and window.start is not None
        and window.status not in (Status.COMPLETED, Status.CANCELLED)
    ]


def window_zone(window: Window, profile: Profile) -> ZoneInfo:
    """Return the window's own zone, or the vendor's default zone for all-day windows."""
    return ZoneInfo(window.timezone or profile.timezone)


def start_instant(window: Window, profile: Profile) -> datetime:
    """Return the start as an aware instant; an all-day window starts at local midnight."""
    start = window.start
    if start is None:
        raise ValueError(f"window {window.id} has no start")
    if isinstance(start, datetime):
        return start
    return datetime.combine(start, time(0), window_zone(window, profile))


def end_instant(window: Window, profile: Profile) -> datetime | None:
    """Return the end as an aware instant, or None for a timed window without an end.

    An all-day window ends at the local midnight after its last day.
    """
    if isinstance(window.end, datetime):
        return window.end
    if window.all_day and isinstance(window.start, date):
        last_day = window.end or window.start
        return datetime.combine(last_day + timedelta(days=1), time(0), window_zone(window, profile))
    return None


def local_dates(window: Window, profile: Profile) -> list[date]:
    """Return every calendar day the window touches, in the window's own zone."""
    zone = window_zone(window, profile)
    first = start_instant(window, profile).astimezone(zone).date()
    end = end_instant(window, profile)
    if end is None:
        return [first]
    last = (end - timedelta(microseconds=1)).astimezone(zone).date()
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def has_production(window: Window) -> bool:
    """Return whether the window changes a production environment."""
    return Tier.PRODUCTION in window.environments


def has_non_production(window: Window) -> bool:
    """Return whether the window changes a sandbox, test or services environment."""
    return any(tier in NON_PRODUCTION for tier in window.environments)


def window_scope(window: Window, profile: Profile) -> Scope:
    """Return the data centers and services of a window.

    Host names give the finest regions (the profile's host rules name data centers such as
    US-DC and US-CLOUD), so they win over the broad region words of the window's text.
    """
    host_regions: set[str] = set()
    for host in window.hosts:
        rule = host_rule(profile, host)
        if rule is not None and rule.region:
            host_regions.add(rule.region.upper())
    regions = host_regions or {region.upper() for region in window.regions}
    services = {service.lower() for service in window.services}
    return Scope(frozenset(regions) or None, frozenset(services) or None)


def shared_scope(first: Scope, second: Scope) -> Scope | None:
    """Return the part of two scopes that both cover, or None when they share nothing."""
    regions = _shared_names(first.regions, second.regions, _regions_match)
    services = _shared_names(first.services, second.services, str.__eq__)
    if regions is not None and not regions or services is not None and not services:
        return None
    return Scope(regions, services)


def describe_window(window: Window, profile: Profile) -> str:
    """Return a short name for a window: its start in its own zone, or its first day."""
    start = start_instant(window, profile).astimezone(window_zone(window, profile))
    return start.date().isoformat() if window.all_day else start.strftime("%Y-%m-%d %H:%M %Z")


def window_evidence(*windows: Window) -> list[Evidence]:
    """Return the evidence lines of the windows, each line once, in document order."""
    lines: dict[int, Evidence] = {}
    for window in windows:
        for item in window.evidence:
            lines.setdefault(item.line, item)
    return [lines[number] for number in sorted(lines)]


def line_evidence(document: Document, line: int) -> Evidence:
    """Return line `line` (1-based) of the document as evidence."""
    return Evidence(line=line, text=document.line(line).strip())


def flag_origin(origin: Origin) -> FlagOrigin:
    """Return the flag origin for checks that compare windows of one origin."""
    return FlagOrigin(origin.value)


def _regions_match(first: str, second: str) -> bool:
    """Return whether two region labels name the same place; "US" includes "US-DC"."""
    return first == second or first.startswith(f"{second}-") or second.startswith(f"{first}-")


def _shared_names(
    first: frozenset[str] | None,
    second: frozenset[str] | None,
    match: Callable[[str, str], bool],
) -> frozenset[str] | None:
    if first is None:
        return second
    if second is None:
        return first
    shared = {left if len(left) >= len(right) else right
              for left in first for right in second if match(left, right)}
    return frozenset(shared)
