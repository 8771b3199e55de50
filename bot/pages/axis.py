"""The time axis of a timeline: the date range shown, the x scale and the day ticks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from parsers.models import Window

DAY_SECONDS = 86400.0
MIN_DAYS = 7
"""Narrowest range shown, so a single short window still gets a readable axis."""
NOW_REACH_DAYS = 14
"""Days within which "now" widens the range; a farther "now" is marked at the chart edge."""
OPEN_END_DAYS = 1.0
"""Length of the fading bar drawn for a window that has no end."""
LABEL_STEPS_DAYS = (1, 2, 7, 14)
MIN_LABEL_GAP_PX = 44.0


@dataclass(frozen=True)
class Axis:
    """A day-based x scale in one zone: `first_day` starts at x `left`, each day is `day_width`."""

    zone: ZoneInfo
    first_day: date
    last_day: date
    """Last day shown, inclusive."""
    left: float
    width: float

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    @property
    def day_width(self) -> float:
        return self.width / self.days

    @property
    def right(self) -> float:
        return self.left + self.width

    def start_of(self, day: date) -> datetime:
        """Return local midnight that starts `day` in the axis zone."""
        return datetime.combine(day, time(0), tzinfo=self.zone)

    def x_of_instant(self, moment: datetime) -> float:
        """Return the x position of an aware instant (a daylight-saving day is 23 or 25 hours)."""
        elapsed = (moment - self.start_of(self.first_day)).total_seconds()
        return self.left + elapsed / DAY_SECONDS * self.day_width

    def x_of_day(self, day: date) -> float:
        """Return the x position where `day` starts."""
        return self.x_of_instant(self.start_of(day))

    def contains(self, moment: datetime) -> bool:
        return (
            self.start_of(self.first_day)
            <= moment
            < self.start_of(self.last_day + timedelta(days=1))
        )

    def each_day(self) -> Iterator[date]:
        for offset in range(self.days):
            yield self.first_day + timedelta(days=offset)

    def label_step_days(self) -> int:
        """Return the days between two tick labels so labels do not overlap; 0 for months."""
        for step in LABEL_STEPS_DAYS:
            if step * self.day_width >= MIN_LABEL_GAP_PX:
                return step
        return 0


def window_days(window: Window, zone: ZoneInfo) -> tuple[date, date] | None:
    """Return the first and last local day a window touches, or None when it has no date yet."""
    start = window.start
    if start is None:
        return None
    if not isinstance(start, datetime):
        end = (
            window.end
            if isinstance(window.end, date) and not isinstance(window.end, datetime)
            else start
        )
        return start, max(start, end)
    local_start = start.astimezone(zone)
    if isinstance(window.end, datetime):
        local_end = window.end.astimezone(zone)
    else:
        local_end = local_start + timedelta(days=OPEN_END_DAYS)
    return local_start.date(), max(local_start.date(), local_end.date())


def moment_day(moment: datetime | date, zone: ZoneInfo) -> date:
    """Return the local day of an instant, or the date itself."""
    if isinstance(moment, datetime):
        return moment.astimezone(zone).date()
    return moment


def build_axis(
    windows: Iterable[Window],
    zone: ZoneInfo,
    *,
    now: datetime,
    marks: Iterable[datetime | date],
    left: float,
    width: float,
) -> Axis:
    """Choose the days to show: every dated window and mark, one spare day each side, and `now`
    when it lies within two weeks of them."""
    days: list[date] = []
    for window in windows:
        span = window_days(window, zone)
        if span is not None:
            days.extend(span)
    days.extend(moment_day(mark, zone) for mark in marks)

    today = now.astimezone(zone).date()
    if not days or any(abs((today - day).days) <= NOW_REACH_DAYS for day in days):
        days.append(today)

    first = min(days) - timedelta(days=1)
    last = max(days) + timedelta(days=1)
    missing = MIN_DAYS - ((last - first).days + 1)
    if missing > 0:
        first -= timedelta(days=missing // 2)
        last += timedelta(days=missing - missing // 2)
    return Axis(zone=zone, first_day=first, last_day=last, left=left, width=width)
