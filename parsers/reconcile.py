"""Reconcile windows read from several lines: merge repeats, let updates replace old dates."""

from __future__ import annotations

from datetime import date, datetime

from parsers.findings import Findings
from parsers.models import FlagCode, Window


def merge_repeats(windows: list[Window], findings: Findings) -> list[Window]:
    """Merge windows of one origin that start at the same instant (a title repeating the body)."""
    kept: list[Window] = []
    for window in windows:
        twin = next((w for w in kept if w.origin is window.origin and w.start == window.start
                     and w.start is not None and w.status is window.status), None)
        if twin is None:
            kept.append(window)
            continue
        richer, poorer = (window, twin) if (window.end and not twin.end) or len(window.hosts) > len(twin.hosts) else (twin, window)
        richer.evidence.extend(e for e in poorer.evidence if e not in richer.evidence)
        if richer is window:
            kept[kept.index(twin)] = window
        findings.rename_window(poorer.id, richer.id)
    return kept


_RESTATEMENT_DISTANCE = 3
"""Lines apart within which a zoneless range and a zoned range of equal length are one window."""


def merge_restatements(windows: list[Window], findings: Findings, assumed_zone: set[str]) -> list[Window]:
    """Drop a zoneless window that restates a neighbouring zoned one in local time.

    E-mail notices often give "LOCAL: 02 JUL 19:00 - 03 JUL 00:00" and "UTC: 02 JUL 10:00 -
    15:00" on adjacent lines: one window written twice. The zoned statement is kept.
    """
    dropped: list[Window] = []
    for window in windows:
        if window.id not in assumed_zone or window.end is None or window.start is None:
            continue
        twin = next(
            (other for other in windows
             if other is not window and other.id not in assumed_zone and other not in dropped
             and other.origin is window.origin and other.start is not None and other.end is not None
             and isinstance(other.start, datetime) and isinstance(window.start, datetime)
             and isinstance(other.end, datetime) and isinstance(window.end, datetime)
             and other.end - other.start == window.end - window.start
             and abs(other.evidence[0].line - window.evidence[0].line) <= _RESTATEMENT_DISTANCE),
            None,
        )
        if twin is None:
            continue
        twin.evidence.extend(e for e in window.evidence if e not in twin.evidence)
        findings.forget_window(window.id)
        dropped.append(window)
    return [w for w in windows if w not in dropped]


def apply_updates(windows: list[Window], findings: Findings, revised_lines: set[int]) -> list[Window]:
    """Let a window from an update line replace the earlier window it re-dates.

    "Update: the production maintenance has been moved to March 10" supersedes the production
    window stated before it: same origin, overlapping coverage, another start.
    """
    updates = [w for w in windows if w.evidence and w.evidence[0].line in revised_lines]
    superseded: list[Window] = []
    for update in updates:
        for window in windows:
            if window is update or window in updates or window.origin is not update.origin:
                continue
            if window.evidence[0].line > update.evidence[0].line or window.start == update.start:
                continue
            moved = set(update.hosts)
            if moved and moved < set(window.hosts):
                # The update moves some of the window's hosts; the rest keep the old date.
                window.hosts = [host for host in window.hosts if host not in moved]
                findings.add(
                    FlagCode.REVISED, update.origin, window.evidence[0], window_id=update.id,
                    message=f"line {update.evidence[0].line} moves {', '.join(sorted(moved))} from "
                    f"{_moment_text(window.start)} to {_moment_text(update.start)}; the other "
                    "hosts keep the earlier date",
                    question="Do the other hosts still change on the earlier date?",
                )
                continue
            if _coverage_overlap(window, update) >= 0.5:
                superseded.append(window)
                findings.add(
                    FlagCode.REVISED, update.origin, window.evidence[0], window_id=update.id,
                    message=f"line {update.evidence[0].line} moves the window of line "
                    f"{window.evidence[0].line} from {_moment_text(window.start)} to "
                    f"{_moment_text(update.start)}; the update is used",
                    question="Is the earlier date withdrawn everywhere, calendars included?",
                )
    return [w for w in windows if w not in superseded]


def _coverage_overlap(first: Window, second: Window) -> float:
    one = set(first.hosts) | {tier.value for tier in first.environments}
    two = set(second.hosts) | {tier.value for tier in second.environments}
    if not one and not two:
        return 1.0
    return len(one & two) / len(one | two)


def _moment_text(value: datetime | date | None) -> str:
    if value is None:
        return "no date"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    return value.isoformat()
