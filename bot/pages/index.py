"""The list of tracked notices: each with its next window and its flag counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from html import escape

from bot.pages.html_shell import render_html_document
from bot.render import describe_window_times
from parsers.models import Origin, Schedule, Severity, Status, Window


@dataclass(frozen=True)
class IndexEntry:
    """One tracked notice as the list shows it."""

    schedule: Schedule
    """The newest stored version's schedule."""
    url: str
    version: int
    updated_at: datetime


def _last_moment(window: Window) -> datetime | None:
    """Return when a window is over: its end, else its start (an all-day date: 23:59:59 UTC)."""
    last = window.end or window.start
    if last is None or isinstance(last, datetime):
        return last
    return datetime(last.year, last.month, last.day, 23, 59, 59, tzinfo=UTC)


def _start_key(window: Window) -> datetime:
    start = window.start
    if isinstance(start, datetime):
        return start
    assert isinstance(start, date)  # only dated windows are candidates
    return datetime(start.year, start.month, start.day, tzinfo=UTC)


def next_window(schedule: Schedule, now: datetime) -> Window | None:
    """Return the notice's own earliest dated window that is scheduled or tentative and not over.

    Reply-quoted windows never count: they are evidence, not the vendor's schedule.
    """
    candidates = []
    for window in schedule.windows:
        last = _last_moment(window)
        if window.origin is not Origin.NOTICE or last is None:
            continue
        if window.status in (Status.SCHEDULED, Status.TENTATIVE) and last >= now:
            candidates.append(window)
    return min(candidates, key=_start_key, default=None)


def render_index_page(entries: Sequence[IndexEntry], now: datetime) -> str:
    """Render the HTML list of tracked notices, soonest next window first."""
    if not entries:
        body = "<h1>Tracked notices</h1>\n<p>No notices stored yet.</p>"
        return render_html_document("Tracked notices", body, embed_policy=False)

    def sort_key(entry: IndexEntry) -> tuple[int, datetime, str]:
        upcoming = next_window(entry.schedule, now)
        if upcoming is None:
            return (1, entry.updated_at, entry.schedule.notice.title)
        return (0, _start_key(upcoming), entry.schedule.notice.title)

    rows = [_render_row(entry, now) for entry in sorted(entries, key=sort_key)]
    head = (
        "<thead><tr><th>Notice</th><th>Next window</th><th>Flags</th><th>Version</th></tr></thead>"
    )
    table = f'<table class="notices">{head}<tbody>{"".join(rows)}</tbody></table>'
    body = (
        "<h1>Tracked notices</h1>\n"
        f'<div class="table-wrap">{table}</div>\n'
        f'<p class="muted">Next window: the notice\'s own earliest window that has not ended by '
        f"{now.astimezone(UTC).strftime('%Y-%m-%d %H:%M UTC')}.</p>"
    )
    return render_html_document("Tracked notices", body, embed_policy=False)


def _render_row(entry: IndexEntry, now: datetime) -> str:
    notice = entry.schedule.notice
    upcoming = next_window(entry.schedule, now)
    if upcoming is None:
        when = "none upcoming"
    else:
        tiers = ", ".join(tier.value for tier in upcoming.environments) or "environment not named"
        when = "<br>".join(escape(text) for text in describe_window_times(upcoming))
        when += f'<br><span class="muted">{escape(tiers)}</span>'
    counts = Counter(flag.severity for flag in entry.schedule.flags)
    plurals = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "info"}
    flags = ", ".join(
        f"{counts[severity]} {severity.value if counts[severity] == 1 else plurals[severity]}"
        for severity in Severity
        if counts[severity]
    )
    flags = flags or "none"
    return (
        f'<tr data-notice-id="{escape(notice.id)}">'
        f'<td><a href="{escape(entry.url)}">{escape(notice.title or notice.source)}</a>'
        f'<br><span class="muted">{escape(notice.vendor)}</span></td>'
        f'<td class="next-window">{when}</td>'
        f'<td class="flag-counts">{escape(flags)}</td>'
        f"<td>{entry.version}, {escape(entry.updated_at.astimezone(UTC).strftime('%Y-%m-%d'))}</td>"
        "</tr>"
    )
