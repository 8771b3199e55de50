"""Host impact: the windows of a schedule that change a given host, and the bundles it needs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from parsers.checks.windows import end_instant, start_instant
from parsers.hosts import Coverage, best_coverage, covers
from parsers.models import Bundle, FlagCode, Origin, Schedule, Status, Window
from parsers.profiles import load_profile


class Timing(StrEnum):
    """The position of a window relative to the reader's "now"."""

    PAST = "past"
    IN_PROGRESS = "in progress"
    UPCOMING = "upcoming"
    NOT_FIXED = "date not fixed"


@dataclass(frozen=True)
class WindowMatch:
    """A window that changes a host, how it reaches the host, and when it is."""

    window: Window
    coverage: Coverage
    pattern: str
    """The host or pattern of the window that covers the host, as the notice writes it."""
    timing: Timing


@dataclass
class HostImpact:
    """The windows and bundles of one notice that concern one host."""

    host: str
    schedule: Schedule
    confirmed: list[WindowMatch] = field(default_factory=list)
    """Windows of the vendor's own notice."""
    unconfirmed: list[WindowMatch] = field(default_factory=list)
    """Windows quoted only in other readers' replies."""
    bundles: list[Bundle] = field(default_factory=list)

    @property
    def affected(self) -> bool:
        return bool(self.confirmed or self.unconfirmed)


def find_impacts(schedule: Schedule, hosts: list[str], now: datetime) -> list[HostImpact]:
    """Return, for each host, the windows of `schedule` that change it, relative to `now`.

    A window reaches a host exactly, through a certificate wildcard (one label), or only
    "possibly" through a vendor phrase such as `<anything>*zuora.com` that the notice writes
    beside the window's hosts.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    phrases = _phrases_by_window(schedule)
    impacts: list[HostImpact] = []
    for host in hosts:
        impact = HostImpact(host=host.lower(), schedule=schedule)
        for window in schedule.windows:
            if window.status is Status.CANCELLED:
                continue
            match = _match(schedule, window, impact.host, phrases.get(window.id, []), now)
            if match is None:
                continue
            if window.origin is Origin.NOTICE:
                impact.confirmed.append(match)
            else:
                impact.unconfirmed.append(match)
        if impact.affected:
            impact.bundles = _bundles_for(schedule, impact.host)
        impacts.append(impact)
    return impacts


def window_timing(schedule: Schedule, window: Window, now: datetime) -> Timing:
    """Return whether a window is past, in progress or upcoming at `now`."""
    if window.start is None:
        return Timing.NOT_FIXED
    if window.status is Status.COMPLETED:
        return Timing.PAST
    profile = load_profile(schedule.notice.vendor)
    start = start_instant(window, profile)
    end = end_instant(window, profile) or start
    if now < start:
        return Timing.UPCOMING
    if now < end:
        return Timing.IN_PROGRESS
    return Timing.PAST


def _match(
    schedule: Schedule, window: Window, host: str, phrases: list[str], now: datetime
) -> WindowMatch | None:
    found = best_coverage(window.hosts, host) or best_coverage(phrases, host)
    if found is None:
        return None
    coverage, pattern = found
    return WindowMatch(window, coverage, pattern, window_timing(schedule, window, now))


def _phrases_by_window(schedule: Schedule) -> dict[str, list[str]]:
    """Tie the nonstandard host phrases of the schedule's flags to the windows they describe.

    A phrase belongs to the windows of its flag's origin that cite the phrase's line as
    evidence or whose hosts that line names, and to the only window when there is one.
    """
    tied: dict[str, list[str]] = {}
    for flag in schedule.flags:
        if flag.code is not FlagCode.NONSTANDARD_WILDCARD:
            continue
        windows = [
            window for window in schedule.windows
            if flag.origin.value in (window.origin.value, "both")
        ]
        for phrase in flag.hosts:
            lines = [item for item in flag.evidence if phrase in item.text.lower()]
            owners = [
                window for window in windows
                if any(_cites(window, item.line, item.text) for item in lines)
            ]
            if not owners and len(windows) == 1:
                owners = windows
            for window in owners:
                tied.setdefault(window.id, []).append(phrase)
    return tied


def _cites(window: Window, line: int, text: str) -> bool:
    if any(item.line == line for item in window.evidence):
        return True
    lowered = text.lower()
    return any(
        re.search(rf"(?<![\w.-]){re.escape(host)}(?![\w-])", lowered) for host in window.hosts
    )


def _bundles_for(schedule: Schedule, host: str) -> list[Bundle]:
    """Return the bundles tied to hosts that cover `host`, and the bundles tied to no host."""
    return [
        bundle for bundle in schedule.bundles
        if not bundle.hosts or any(covers(pattern, host) for pattern in bundle.hosts)
    ]
