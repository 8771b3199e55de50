"""The timeline of a notice as a self-contained SVG: one row per environment and region.

The SVG uses presentation attributes only (no `style` attributes or elements), so it renders
the same alone, inline in a page under a strict Content-Security-Policy, and without JavaScript.
Every text from the notice passes through `html.escape`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from html import escape
from zoneinfo import ZoneInfo

from bot.pages.axis import OPEN_END_DAYS, Axis, build_axis
from bot.pages.holiday_calendar import HolidayCalendar
from bot.render import format_moment
from parsers.models import Origin, Schedule, Status, Tier, Window

CHART_WIDTH = 960.0
LABEL_WIDTH = 200.0
RIGHT_PAD = 16.0
AXIS_HEIGHT = 48.0
ROW_HEIGHT = 32.0
GROUP_HEIGHT = 24.0
BAR_HEIGHT = 16.0
FOOT_HEIGHT = 24.0
MIN_MONTH_LABEL_GAP = 60.0
"""Pixels a month label needs, so a partial first month does not overprint the next label."""
MIN_DAY_TICK_WIDTH = 4.0
"""Narrower days get ticks only where a label or a month starts."""
FONT = "system-ui, -apple-system, 'Segoe UI', sans-serif"

TIER_COLORS = {
    Tier.PRODUCTION: "#c2410c",
    Tier.SANDBOX: "#1d4ed8",
    Tier.TEST: "#047857",
    Tier.SERVICES: "#7c3aed",
    None: "#475569",
}
WEEKEND_FILL = "#eef2f6"
HOLIDAY_FILL = "#fde68a"
NOW_COLOR = "#dc2626"
DEADLINE_COLOR = "#111827"
TIER_ORDER = [Tier.PRODUCTION, Tier.SANDBOX, Tier.TEST, Tier.SERVICES, None]
GROUP_TITLES = {
    Origin.NOTICE: "Notice schedule",
    Origin.COMMENT: "Quoted in replies (evidence, not the vendor's schedule)",
}


@dataclass
class TimelineRow:
    """The windows of one origin, tier and region, drawn on one line."""

    origin: Origin
    tier: Tier | None
    region: str | None
    windows: list[Window] = field(default_factory=list)

    @property
    def label(self) -> str:
        name = self.tier.value if self.tier else "environment not named"
        return f"{name} · {self.region}" if self.region else name


def chart_zone(schedule: Schedule) -> ZoneInfo:
    """Return the zone most of the notice's windows are written in, or UTC."""
    zones = Counter(window.timezone for window in schedule.windows if window.timezone)
    if not zones:
        return ZoneInfo("UTC")
    return ZoneInfo(zones.most_common(1)[0][0])


def build_rows(schedule: Schedule) -> list[TimelineRow]:
    """Group windows into rows: the notice's own first, then reply-quoted ones, tiers in order."""
    rows: dict[tuple[Origin, Tier | None, str | None], TimelineRow] = {}
    # NOTE: a window lists its tiers and regions separately, so it is drawn in every tier and
    # region pair, including pairs its hosts may not cover (sandbox in EU on the real notice).
    for window in schedule.windows:
        tiers: list[Tier | None] = list(window.environments) or [None]
        regions: list[str | None] = list(window.regions) or [None]
        for tier in tiers:
            for region in regions:
                key = (window.origin, tier, region)
                rows.setdefault(key, TimelineRow(window.origin, tier, region)).windows.append(
                    window
                )

    origin_order = [Origin.NOTICE, Origin.COMMENT]

    def sort_key(row: TimelineRow) -> tuple[int, int, str]:
        return (origin_order.index(row.origin), TIER_ORDER.index(row.tier), row.region or "")

    return sorted(rows.values(), key=sort_key)


def timeline_axis(schedule: Schedule, now: datetime) -> Axis:
    """Return the axis the timeline of `schedule` uses: its days, zone and x scale."""
    marks: list[datetime | date] = [schedule.notice.deadline] if schedule.notice.deadline else []
    return build_axis(
        schedule.windows,
        chart_zone(schedule),
        now=now,
        marks=marks,
        left=LABEL_WIDTH,
        width=CHART_WIDTH - LABEL_WIDTH - RIGHT_PAD,
    )


def render_timeline(
    schedule: Schedule, *, now: datetime, calendar: HolidayCalendar | None = None
) -> str:
    """Render the schedule's windows as an SVG document fragment (an `<svg>` element)."""
    holiday_calendar = calendar or HolidayCalendar()
    axis = timeline_axis(schedule, now)
    zone = axis.zone
    rows = build_rows(schedule)
    canvas = _Canvas(axis, holiday_calendar)
    body_top = AXIS_HEIGHT
    y = body_top
    current_origin: Origin | None = None
    for row in rows:
        if row.origin != current_origin:
            current_origin = row.origin
            canvas.group_heading(GROUP_TITLES[row.origin], y)
            y += GROUP_HEIGHT
        canvas.row(row, y)
        y += ROW_HEIGHT
    if not rows:
        canvas.text(LABEL_WIDTH + 8, y + ROW_HEIGHT / 2 + 4, "No windows found in this notice.")
        y += ROW_HEIGHT
    body_bottom = y

    canvas.draw_weekends(body_top, body_bottom)
    canvas.draw_axis(body_top, body_bottom)
    if schedule.notice.deadline:
        canvas.draw_deadline(schedule.notice.deadline, body_top, body_bottom)
    canvas.draw_now(now, body_top, body_bottom)

    height = body_bottom + FOOT_HEIGHT
    title = f"Timeline of {schedule.notice.title or schedule.notice.source}"
    return canvas.finish(title, f"Dates in {zone.key}", height)


class _Canvas:
    """The SVG layers of a timeline: background shading first, bars above it, marks on top."""

    def __init__(self, axis: Axis, calendar: HolidayCalendar) -> None:
        self.axis = axis
        self.calendar = calendar
        self.background: list[str] = []
        self.middle: list[str] = []
        self.top: list[str] = []

    def text(
        self,
        x: float,
        y: float,
        content: str,
        *,
        size: int = 12,
        anchor: str = "start",
        weight: str = "normal",
        fill: str = "#111827",
    ) -> None:
        self.top.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}">{escape(content)}</text>'
        )

    def group_heading(self, title: str, y: float) -> None:
        self.background.append(
            f'<line x1="0" y1="{y:.1f}" x2="{CHART_WIDTH:.0f}" y2="{y:.1f}" stroke="#94a3b8"/>'
        )
        self.text(6, y + 16, title, weight="bold", size=12)

    def row(self, row: TimelineRow, y: float) -> None:
        axis = self.axis
        attributes = (
            f'class="row" data-origin="{row.origin.value}" '
            f'data-tier="{escape(row.tier.value if row.tier else "")}" '
            f'data-region="{escape(row.region or "")}"'
        )
        parts = [f"<g {attributes}>"]
        parts.append(
            f'<text class="row-label" x="10" y="{y + ROW_HEIGHT / 2 + 4:.1f}" font-size="13" '
            f'fill="#111827">{escape(row.label)}</text>'
        )

        parts.append(
            f'<line x1="{axis.left:.1f}" y1="{y + ROW_HEIGHT:.1f}" x2="{axis.right:.1f}" '
            f'y2="{y + ROW_HEIGHT:.1f}" stroke="#e2e8f0"/>'
        )

        holidays = self.calendar.holidays_between(row.region, axis.first_day, axis.last_day)
        for day, names in sorted(holidays.items()):
            label = escape(", ".join(names))
            parts.append(
                f'<rect class="holiday" data-date="{day.isoformat()}" x="{axis.x_of_day(day):.1f}" '
                f'y="{y:.1f}" width="{max(axis.day_width, 2.0):.1f}" height="{ROW_HEIGHT:.1f}" '
                f'fill="{HOLIDAY_FILL}"><title>{day.isoformat()}: {label}</title></rect>'
            )

        undated = 0
        for window in row.windows:
            if window.start is None:
                undated += 1
                continue
            parts.append(self._bar(window, row, y, holidays))
        if undated:
            parts.append(
                f'<text x="{axis.left + 6:.1f}" y="{y + ROW_HEIGHT / 2 + 4:.1f}" font-size="11" '
                f'fill="#475569">{undated} window(s) with no date yet</text>'
            )
        parts.append("</g>")
        self.middle.append("".join(parts))

    def _bar(
        self, window: Window, row: TimelineRow, y: float, holidays: dict[date, list[str]]
    ) -> str:
        axis = self.axis
        color = TIER_COLORS[row.tier]
        x_start, x_end, open_end = self._bar_extent(window)
        x_start = max(x_start, axis.left)
        x_end = min(max(x_end, x_start + 3.0), axis.right)
        top = y + (ROW_HEIGHT - BAR_HEIGHT) / 2
        fill = (
            f"url(#hatch-{row.tier.value if row.tier else 'none'})"
            if row.origin is Origin.COMMENT
            else color
        )
        opacity = {Status.CANCELLED: "0.3", Status.COMPLETED: "0.55"}.get(window.status, "1")
        start_day = _local_day(window.start, axis.zone) if window.start else axis.first_day

        parts = [
            f'<g class="bar" data-window-id="{escape(window.id)}" '
            f'data-origin="{window.origin.value}" '
            f'data-status="{window.status.value}" data-start="{start_day.isoformat()}" '
            f'data-open-end="{str(open_end).lower()}" opacity="{opacity}">',
            f"<title>{escape(_describe(window, row))}</title>",
            f'<rect x="{x_start:.1f}" y="{top:.1f}" width="{x_end - x_start:.1f}" '
            f'height="{BAR_HEIGHT:.1f}" rx="2" fill="{fill}" stroke="{color}"/>',
        ]
        if open_end:
            parts.append(
                f'<rect x="{x_start:.1f}" y="{top - 1:.1f}" width="{x_end - x_start + 1:.1f}" '
                f'height="{BAR_HEIGHT + 2:.1f}" fill="url(#fade)"/>'
            )
            middle = top + BAR_HEIGHT / 2
            parts.append(
                f'<path d="M{x_end + 1:.1f},{middle - 5:.1f} l6,5 l-6,5" fill="none" '
                f'stroke="{color}" stroke-width="2"/>'
            )
        if window.status is Status.CANCELLED:
            parts.append(
                f'<line x1="{x_start:.1f}" y1="{top + BAR_HEIGHT / 2:.1f}" x2="{x_end:.1f}" '
                f'y2="{top + BAR_HEIGHT / 2:.1f}" stroke="#111827" stroke-width="2"/>'
            )
        if start_day in holidays:
            names = escape(", ".join(holidays[start_day]))
            parts.append(
                f'<g class="holiday-mark" data-date="{start_day.isoformat()}">'
                f"<title>Starts on a public holiday: {names}</title>"
                f'<circle cx="{x_start:.1f}" cy="{top - 2:.1f}" r="6" fill="{HOLIDAY_FILL}" '
                f'stroke="#92400e"/><text x="{x_start:.1f}" y="{top + 2:.1f}" font-size="10" '
                f'font-weight="bold" text-anchor="middle" fill="#92400e">!</text></g>'
            )
        parts.append("</g>")
        return "".join(parts)

    def _bar_extent(self, window: Window) -> tuple[float, float, bool]:
        """Return the bar's left and right x and whether the window is open-ended."""
        axis = self.axis
        start = window.start
        assert start is not None  # undated windows are listed as text, never drawn
        if not isinstance(start, datetime):
            last = (
                window.end
                if isinstance(window.end, date) and not isinstance(window.end, datetime)
                else start
            )
            return axis.x_of_day(start), axis.x_of_day(max(start, last) + timedelta(days=1)), False
        if isinstance(window.end, datetime):
            return axis.x_of_instant(start), axis.x_of_instant(window.end), False
        tail = start + timedelta(days=OPEN_END_DAYS)
        return axis.x_of_instant(start), axis.x_of_instant(tail), True

    def draw_weekends(self, top: float, bottom: float) -> None:
        axis = self.axis
        for day in axis.each_day():
            if day.weekday() >= 5:
                self.background.append(
                    f'<rect class="weekend" data-date="{day.isoformat()}" '
                    f'x="{axis.x_of_day(day):.1f}" '
                    f'y="{top:.1f}" width="{axis.day_width:.1f}" height="{bottom - top:.1f}" '
                    f'fill="{WEEKEND_FILL}"/>'
                )

    def draw_axis(self, top: float, bottom: float) -> None:
        axis = self.axis
        step = axis.label_step_days()
        previous_month: tuple[int, int] | None = None
        last_month_label = float("-inf")
        for day in axis.each_day():
            x = axis.x_of_day(day)
            month = (day.year, day.month)
            if month != previous_month:
                previous_month = month
                self.background.append(
                    f'<line x1="{x:.1f}" y1="4" x2="{x:.1f}" y2="{bottom:.1f}" stroke="#cbd5e1"/>'
                )
                # A month that starts too close to the previous label keeps its line only.
                if x - last_month_label >= MIN_MONTH_LABEL_GAP:
                    self.text(x + 3, 14, day.strftime("%b %Y"), size=11, weight="bold")
                    last_month_label = x
            labelled = (step and (day - axis.first_day).days % step == 0) or (
                not step and day.day == 1
            )
            if not labelled and axis.day_width < MIN_DAY_TICK_WIDTH:
                continue
            tick = 8 if labelled else 4
            self.background.append(
                f'<line class="tick" x1="{x:.1f}" y1="{top - tick:.1f}" x2="{x:.1f}" '
                f'y2="{top:.1f}" stroke="#64748b"/>'
            )
            if labelled and step:
                label = day.strftime("%a %d").replace(" 0", " ")
                self.text(x + 2, top - 12, label, size=10, fill="#334155")
        self.background.append(
            f'<line x1="{axis.left:.1f}" y1="{top:.1f}" x2="{axis.right:.1f}" y2="{top:.1f}" '
            f'stroke="#64748b"/>'
        )

    def draw_deadline(self, deadline: datetime | date, top: float, bottom: float) -> None:
        axis = self.axis
        x = (
            axis.x_of_instant(deadline)
            if isinstance(deadline, datetime)
            else axis.x_of_day(deadline)
        )
        self.top.append(
            f'<g class="deadline"><title>Action deadline {format_moment(deadline, None)}</title>'
            f'<line x1="{x:.1f}" y1="{top:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" '
            f'stroke="{DEADLINE_COLOR}" '
            f'stroke-dasharray="2 3"/></g>'
        )
        self.text(x - 3, bottom + 14, "deadline", size=10, anchor="end")

    def draw_now(self, now: datetime, top: float, bottom: float) -> None:
        axis = self.axis
        label = f"now {format_moment(now, axis.zone.key)}"
        if axis.contains(now):
            x = axis.x_of_instant(now)
            self.top.append(
                f'<g class="now" data-now="{now.astimezone(UTC).isoformat()}"><line x1="{x:.1f}" '
                f'y1="{top - 6:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" stroke="{NOW_COLOR}" '
                f'stroke-width="2"/></g>'
            )
            self.text(x + 3, bottom + 14, label, size=10, fill=NOW_COLOR)
            return
        before = now < axis.start_of(axis.first_day)
        arrow = f"← {label} (before this range)" if before else f"{label} (after this range) →"
        x = axis.left if before else axis.right
        self.text(
            x, bottom + 14, arrow, size=10, fill=NOW_COLOR, anchor="start" if before else "end"
        )

    def finish(self, title: str, description: str, height: float) -> str:
        patterns = "".join(
            f'<pattern id="hatch-{tier.value if tier else "none"}" width="6" height="6" '
            f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
            f'<rect width="6" height="6" fill="#ffffff"/>'
            f'<line x1="0" y1="0" x2="0" y2="6" stroke="{color}" stroke-width="3"/></pattern>'
            for tier, color in TIER_COLORS.items()
        )
        fade = (
            '<linearGradient id="fade" x1="0" y1="0" x2="1" y2="0">'
            '<stop offset="0.35" stop-color="#ffffff" stop-opacity="0"/>'
            '<stop offset="1" stop-color="#ffffff" stop-opacity="0.95"/></linearGradient>'
        )
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" role="img" '
            f'viewBox="0 0 {CHART_WIDTH:.0f} {height:.0f}" width="{CHART_WIDTH:.0f}" '
            f'height="{height:.0f}" font-family="{escape(FONT)}">'
            f"<title>{escape(title)}</title><desc>{escape(description)}</desc>"
            f"<defs>{patterns}{fade}</defs>"
            f'<rect width="{CHART_WIDTH:.0f}" height="{height:.0f}" fill="#ffffff"/>'
            + "".join(self.background)
            + "".join(self.middle)
            + "".join(self.top)
            + "</svg>"
        )


def _local_day(moment: datetime | date, zone: ZoneInfo) -> date:
    return moment.astimezone(zone).date() if isinstance(moment, datetime) else moment


def _describe(window: Window, row: TimelineRow) -> str:
    """Return a bar's tooltip: row, status, origin, and times in UTC and the notice's zone."""
    origin = "notice" if window.origin is Origin.NOTICE else "quoted in a reply"
    start_utc = format_moment(window.start, None)
    if window.all_day:
        end = format_moment(window.end, None) if window.end else start_utc
        when = f"{start_utc} to {end} (all day)"
    else:
        when = f"{start_utc} to {format_moment(window.end, None) if window.end else 'no end given'}"
        if window.timezone:
            local_end = format_moment(window.end, window.timezone) if window.end else "no end given"
            when += f"; {format_moment(window.start, window.timezone)} to {local_end}"
    return f"{row.label}: {window.status.value}, {origin}; {when}"
