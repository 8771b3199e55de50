"""The SVG timeline: rows, bars, holidays, weekends and the "now" mark."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from datetime import UTC, date, datetime

from bot.pages.holiday_calendar import HolidayCalendar
from bot.pages.timeline import render_timeline, timeline_axis
from parsers.models import Origin, Schedule, Tier, Window

SVG = "{http://www.w3.org/2000/svg}"
LABOR_DAY_WEEK = datetime(2018, 9, 4, 12, 0, tzinfo=UTC)


def parse_svg(schedule: Schedule, now: datetime = LABOR_DAY_WEEK) -> ElementTree.Element:
    return ElementTree.fromstring(render_timeline(schedule, now=now))


def find_row(root: ElementTree.Element, origin: str, tier: str) -> ElementTree.Element:
    matches = [
        row
        for row in root.iter(f"{SVG}g")
        if row.get("class") == "row"
        and row.get("data-origin") == origin
        and row.get("data-tier") == tier
    ]
    assert len(matches) == 1, f"expected one {origin} {tier} row, found {len(matches)}"
    return matches[0]


def bars_of(row: ElementTree.Element) -> list[ElementTree.Element]:
    return [group for group in row.iter(f"{SVG}g") if group.get("class") == "bar"]


def test_timeline_rows_per_origin_and_tier(notice_schedule: Schedule) -> None:
    root = parse_svg(notice_schedule)
    labels = [
        (row.get("data-origin"), row.findtext(f"{SVG}text"))
        for row in root.iter(f"{SVG}g")
        if row.get("class") == "row"
    ]
    assert labels == [
        ("notice", "production"),
        ("notice", "sandbox"),
        ("notice", "test"),
        ("comment", "production"),
        ("comment", "sandbox"),
        ("comment", "test"),
    ]


def test_timeline_body_window_bar_on_october_10(notice_schedule: Schedule) -> None:
    root = parse_svg(notice_schedule)
    for tier in ("production", "sandbox", "test"):
        bars = bars_of(find_row(root, "notice", tier))
        assert [bar.get("data-start") for bar in bars] == ["2018-10-10"]
        assert bars[0].get("data-open-end") == "false"


def test_timeline_body_bar_spans_ten_hours(notice_schedule: Schedule) -> None:
    axis = timeline_axis(notice_schedule, LABOR_DAY_WEEK)
    bar = bars_of(find_row(parse_svg(notice_schedule), "notice", "production"))[0]
    rect = bar.find(f"{SVG}rect")
    assert rect is not None
    assert float(rect.get("width", "0")) == round(axis.day_width * 10 / 24, 1)


def test_timeline_reply_windows_open_ended(notice_schedule: Schedule) -> None:
    bars = bars_of(find_row(parse_svg(notice_schedule), "comment", "production"))
    assert [bar.get("data-start") for bar in bars] == ["2018-08-29", "2018-09-05", "2018-09-12"]
    assert {bar.get("data-open-end") for bar in bars} == {"true"}
    assert {bar.find(f"{SVG}rect").get("fill") for bar in bars} == {"url(#hatch-production)"}  # type: ignore[union-attr]


def test_timeline_labor_day_marks_reply_sandbox_window(notice_schedule: Schedule) -> None:
    row = find_row(parse_svg(notice_schedule), "comment", "sandbox")
    holidays = [rect for rect in row.iter(f"{SVG}rect") if rect.get("class") == "holiday"]
    assert [rect.get("data-date") for rect in holidays] == ["2018-09-03", "2018-10-08"]
    assert "Labor Day (US)" in (holidays[0].findtext(f"{SVG}title") or "")
    marks = [group for group in row.iter(f"{SVG}g") if group.get("class") == "holiday-mark"]
    assert [mark.get("data-date") for mark in marks] == ["2018-09-03"]


def test_timeline_weekends_shaded(notice_schedule: Schedule) -> None:
    root = parse_svg(notice_schedule)
    weekend_days = {
        rect.get("data-date") for rect in root.iter(f"{SVG}rect") if rect.get("class") == "weekend"
    }
    assert "2018-09-01" in weekend_days
    assert "2018-09-02" in weekend_days
    assert "2018-09-03" not in weekend_days


def test_timeline_now_inside_range(notice_schedule: Schedule) -> None:
    root = parse_svg(notice_schedule)
    marks = [group for group in root.iter(f"{SVG}g") if group.get("class") == "now"]
    assert [mark.get("data-now") for mark in marks] == ["2018-09-04T12:00:00+00:00"]


def test_timeline_now_after_range(notice_schedule: Schedule) -> None:
    svg = render_timeline(notice_schedule, now=datetime(2026, 1, 5, 12, 0, tzinfo=UTC))
    root = ElementTree.fromstring(svg)
    assert [group for group in root.iter(f"{SVG}g") if group.get("class") == "now"] == []
    assert "now 2026-01-05 04:00 PST (after this range)" in svg


def test_timeline_all_day_window_fills_days(notice_schedule: Schedule) -> None:
    notice_schedule.windows = [
        Window(
            id="w-day",
            start=date(2018, 10, 9),
            end=date(2018, 10, 10),
            timezone=None,
            all_day=True,
            origin=Origin.NOTICE,
            environments=[Tier.SERVICES],
        ),
    ]
    axis = timeline_axis(notice_schedule, LABOR_DAY_WEEK)
    rect = bars_of(find_row(parse_svg(notice_schedule), "notice", "services"))[0].find(f"{SVG}rect")
    assert rect is not None
    assert float(rect.get("x", "0")) == round(axis.x_of_day(date(2018, 10, 9)), 1)
    assert float(rect.get("width", "0")) == round(axis.day_width * 2, 1)


def test_timeline_region_row_uses_region_holidays(notice_schedule: Schedule) -> None:
    notice_schedule.windows[0].regions = ["EU"]
    calendar = HolidayCalendar({"default": ["US"], "EU": ["DE"]})
    root = ElementTree.fromstring(
        render_timeline(notice_schedule, now=LABOR_DAY_WEEK, calendar=calendar)
    )
    row = [
        row
        for row in root.iter(f"{SVG}g")
        if row.get("class") == "row"
        and row.get("data-region") == "EU"
        and row.get("data-tier") == "test"
    ][0]
    holidays = [
        rect.get("data-date") for rect in row.iter(f"{SVG}rect") if rect.get("class") == "holiday"
    ]
    assert holidays == ["2018-10-03"]
    assert row.findtext(f"{SVG}text") == "test · EU"


def test_timeline_escapes_notice_text(notice_schedule: Schedule) -> None:
    notice_schedule.windows[0].regions = ['<script>alert("x")</script>']
    notice_schedule.notice.title = "</title><script>alert(1)</script>"
    root = parse_svg(notice_schedule)
    assert list(root.iter(f"{SVG}script")) == []
    labels = [
        row.findtext(f"{SVG}text") for row in root.iter(f"{SVG}g") if row.get("class") == "row"
    ]
    assert 'production · <script>alert("x")</script>' in labels


def test_timeline_undated_window_listed_as_text(notice_schedule: Schedule) -> None:
    notice_schedule.windows = [
        Window(
            id="w-tbd",
            start=None,
            end=None,
            timezone=None,
            all_day=False,
            origin=Origin.NOTICE,
            environments=[Tier.PRODUCTION],
        ),
    ]
    row = find_row(parse_svg(notice_schedule), "notice", "production")
    assert bars_of(row) == []
    assert "1 window(s) with no date yet" in [text.text for text in row.iter(f"{SVG}text")]
