"""Build calendar sources from notice files read directly."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path

from bot.calendar import FALLBACK_STAMP, CalendarSource
from bot.impact import impact_from_document
from bot.settings import Settings
from parsers import ParseOptions, parse_document
from parsers.loaders import load_bytes, read_notice_bytes
from parsers.models import Schedule


def source_from_file(
    path: Path, settings: Settings, source_url: str | None = None
) -> CalendarSource:
    """Parse a notice file into a calendar source whose windows are all at SEQUENCE 0.

    `source_url` is the notice's canonical URL; it sets the notice id, as `add --source` does.
    """
    data = read_notice_bytes(path)
    document, profile = load_bytes(data, str(path), filename=path.name)
    options = ParseOptions(source=source_url, checks=settings.check_settings())
    schedule = parse_document(document, profile, options)
    stamp = stamp_from_schedule(schedule)
    return CalendarSource(schedule=schedule, stamp=stamp, impact=impact_from_document(document))


def stamp_from_schedule(schedule: Schedule) -> datetime:
    """Return the DTSTAMP of a notice outside the store: post time, else earliest window start.

    A date without a time counts as midnight UTC of that date. A post time without a zone is
    skipped rather than taken as UTC.
    """
    posted_at = schedule.notice.posted_at
    if isinstance(posted_at, datetime) and posted_at.tzinfo is None:
        posted_at = None
    if posted_at is not None:
        return _as_utc(posted_at)
    starts = [_as_utc(window.start) for window in schedule.windows if window.start is not None]
    return min(starts, default=FALLBACK_STAMP)


def _as_utc(moment: datetime | date) -> datetime:
    if isinstance(moment, datetime):
        return moment.astimezone(UTC)
    return datetime.combine(moment, time(), tzinfo=UTC)
