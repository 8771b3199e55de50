"""The date grammar: each written form read by hand to its instant, range and flags."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parsers import parse_text
from parsers.dates import read_time_range, scan_line
from parsers.models import FlagCode

Z = UTC


def _window_times(text: str) -> list[tuple[object, object]]:
    schedule = parse_text(text, source="notice-2018.txt")
    return [(window.start, window.end) for window in schedule.windows]


def _codes(text: str) -> set[str]:
    return {flag.code.value for flag in parse_text(text, source="notice-2018.txt").flags}


TIMED_CASES = [
    pytest.param(
        "Maintenance: Wednesday, September 5th 2018 7:00AM PDT - 9:00AM PDT",
        datetime(2018, 9, 5, 14, 0, tzinfo=Z), datetime(2018, 9, 5, 16, 0, tzinfo=Z), id="pdt-range",
    ),
    pytest.param(
        "The change runs on October 10th, 2018, starting at 1AM PT and continuing until 11:00AM PT.",
        datetime(2018, 10, 10, 8, 0, tzinfo=Z), datetime(2018, 10, 10, 18, 0, tzinfo=Z), id="pt-until",
    ),
    pytest.param(
        "We will work on July 14, 2021 from 5:00 PM to 7:00 PM Pacific Time.",
        datetime(2021, 7, 15, 0, 0, tzinfo=Z), datetime(2021, 7, 15, 2, 0, tzinfo=Z), id="pacific-time",
    ),
    pytest.param(
        "Window: 11:55 pm PT Friday, Oct 4th, 2019 - 10 am PT Saturday, Oct 5th, 2019",
        datetime(2019, 10, 5, 6, 55, tzinfo=Z), datetime(2019, 10, 5, 17, 0, tzinfo=Z), id="across-midnight",
    ),
    pytest.param(
        "Maintenance on 2023-11-11 from 10:00 to 12:00 UTC",
        datetime(2023, 11, 11, 10, 0, tzinfo=Z), datetime(2023, 11, 11, 12, 0, tzinfo=Z), id="iso-utc",
    ),
    pytest.param(
        "Maintenance: 12-Jan-2021 3:59:59 PM PST - 5:00 PM PST",
        datetime(2021, 1, 12, 23, 59, 59, tzinfo=Z), datetime(2021, 1, 13, 1, 0, tzinfo=Z), id="dmy-dash",
    ),
    pytest.param(
        "Wartung: Freitag 14. August 2020 von 10:00 Uhr bis 12:00 Uhr MESZ",
        datetime(2020, 8, 14, 8, 0, tzinfo=Z), datetime(2020, 8, 14, 10, 0, tzinfo=Z), id="german-mesz",
    ),
    pytest.param(
        "Maintenance : lundi 3 septembre 2018 de 10:00 à 12:00 CEST",
        datetime(2018, 9, 3, 8, 0, tzinfo=Z), datetime(2018, 9, 3, 10, 0, tzinfo=Z), id="french-cest",
    ),
    pytest.param(
        "Manutenzione: 14 agosto 2020 dalle 22:00 alle 23:00 CET",
        datetime(2020, 8, 14, 20, 0, tzinfo=Z), datetime(2020, 8, 14, 21, 0, tzinfo=Z), id="italian-cet-in-summer",
    ),
    pytest.param(
        "Mantenimiento: 14 de agosto de 2020 de 10:00 a 11:00 UTC-7",
        datetime(2020, 8, 14, 17, 0, tzinfo=Z), datetime(2020, 8, 14, 18, 0, tzinfo=Z), id="spanish-offset",
    ),
    pytest.param(
        "Maintenance 10/4/2019 from 9:00 AM ET to 10:00 AM ET",
        datetime(2019, 10, 4, 13, 0, tzinfo=Z), datetime(2019, 10, 4, 14, 0, tzinfo=Z), id="us-numeric-et",
    ),
    pytest.param(
        "All Environments on Saturday May 13 2023: 7PM (Sat) - 1AM PT ( Sun, Next Day)",
        datetime(2023, 5, 14, 2, 0, tzinfo=Z), datetime(2023, 5, 14, 8, 0, tzinfo=Z), id="next-day-marker",
    ),
]


@pytest.mark.parametrize(("text", "start", "end"), TIMED_CASES)
def test_timed_window_instants(text: str, start: datetime, end: datetime) -> None:
    assert _window_times(text) == [(start, end)]


DATE_ONLY_CASES = [
    pytest.param("• Sandbox: August 15th, 2024", date(2024, 8, 15), None, id="bullet-label"),
    pytest.param("• Sandbox/Production: October 23rd and 24th, 2024", date(2024, 10, 23), date(2024, 10, 24), id="and-range"),
    pytest.param("Friday 14th August, 2020 - production cut-over", date(2020, 8, 14), None, id="day-first"),
    pytest.param("On June 13, 2018 we will stop accepting old TLS.", date(2018, 6, 13), None, id="sentence-future"),
]


@pytest.mark.parametrize(("text", "start", "end"), DATE_ONLY_CASES)
def test_date_only_window(text: str, start: date, end: date | None) -> None:
    assert _window_times(text) == [(start, end)]


FLAG_CASES = [
    pytest.param("Maintenance: February 4th 2016 from 7 AM PDT - 11 AM PDT", FlagCode.TIMEZONE_MISMATCH, id="pdt-in-february"),
    pytest.param("Maintenance: August 4th 2016 from 7 AM CET - 11 AM CET", FlagCode.TIMEZONE_MISMATCH, id="cet-in-august"),
    pytest.param("Maintenance: March 24th 2016 from 7 AM PST - 11 AM PST", FlagCode.TIMEZONE_MISMATCH, id="pst-late-march"),
    pytest.param("Maintenance: December 12, 2018, from 1am through 11am", FlagCode.MISSING_TIMEZONE, id="no-zone"),
    pytest.param("Maintenance: Monday, September 3rd 2018 7:00AM PDT", FlagCode.MISSING_END, id="no-end"),
    pytest.param("• Production: September 17th, 2024", FlagCode.MISSING_TIME, id="no-time"),
    pytest.param("• Monday, February 19: test mode blocks old TLS.", FlagCode.MISSING_YEAR, id="no-year"),
    pytest.param("• Production: June 31, 2024", FlagCode.INVALID_DATE, id="june-31"),
    pytest.param("Thursday May 28, 220 - Non production API endpoints\nFriday May 29, 2020 - Production", FlagCode.INVALID_DATE, id="typo-year"),
    pytest.param("• Tuesday, September 3rd 2018: sandbox", FlagCode.INVALID_DATE, id="wrong-weekday"),
    pytest.param("4:00 PM PDT to 5:00 PM PDT Saturday May 6, 2023 (UTC 10PM-11PM)", FlagCode.CONVERSION_MISMATCH, id="wrong-conversion"),
    pytest.param("For existing integrations the change comes soon (TBD).", FlagCode.DATE_TBD, id="tbd"),
    pytest.param("The change will happen in February 2025.", FlagCode.DATE_TBD, id="month-only"),
    pytest.param("The same work was carried out on Thursday Oct 3rd, 2019 without impact.", FlagCode.PAST_WINDOW, id="past"),
    pytest.param("Phase 2 - Production [UPDATED 06/03/16]\nOn October 13th, 2016, we will switch.", FlagCode.REVISED, id="updated-marker"),
]


@pytest.mark.parametrize(("text", "code"), FLAG_CASES)
def test_date_flag_raised(text: str, code: FlagCode) -> None:
    assert code.value in _codes(text)


def test_correct_conversion_raises_nothing() -> None:
    codes = _codes("4:00 PM PDT to 5:00 PM PDT Saturday May 6, 2023 (UTC 11PM-12AM next day)")
    assert "conversion_mismatch" not in codes


def test_year_stated_elsewhere_is_no_missing_year() -> None:
    text = "Act prior to October 10th, 2018.\nThe change occurs on October 10th, starting at 1AM PT until 11AM PT."
    assert "missing_year" not in _codes(text)


def test_typo_year_recovered_from_weekday() -> None:
    schedule = parse_text("Thursday May 28, 220 - Non production\nFriday May 29, 2020 - Production")
    assert [window.start for window in schedule.windows] == [date(2020, 5, 28), date(2020, 5, 29)]
    invalid = next(flag for flag in schedule.flags if flag.code is FlagCode.INVALID_DATE)
    assert "read as 2020" in invalid.message


def test_tbd_window_has_no_start() -> None:
    schedule = parse_text("For existing integrations the change comes soon (TBD).")
    assert [(window.start, window.status.value) for window in schedule.windows] == [(None, "tentative")]


def test_past_window_is_completed() -> None:
    schedule = parse_text("The same work was carried out on Thursday Oct 3rd, 2019 without impact.")
    assert [window.status.value for window in schedule.windows] == ["completed"]


def test_range_with_listed_days_is_several_windows() -> None:
    text = (
        "Disabling TLS 1.0\n\n"
        "From March 17th-31st 2016 7AM PST - 11AM PST, Services will refuse TLS 1.0.\n\n"
        "3/17/2016 Services environments 101-266\n\n3/24/2016 Services environments 276-385\n"
    )
    starts = [window.start for window in parse_text(text).windows]
    assert starts == [datetime(2016, 3, 17, 14, tzinfo=Z), datetime(2016, 3, 24, 14, tzinfo=Z)]


def test_version_numbers_are_not_dates() -> None:
    scan = scan_line("TLS 1.0 and 1.1 on Windows 2008/2012 R2, 24/7 support, range 101-266")
    assert (scan.dates, scan.times) == ([], [])


def test_meridiem_carries_to_range_start() -> None:
    times = read_time_range(scan_line("Thursday, September 22 from 7:00-10:00pm PT"))
    assert times is not None
    assert (times.start.hour, times.end.hour if times.end else None) == (19, 22)


_ZONES = {"PDT": -7, "EDT": -4, "UTC": 0, "CEST": 2}
_STYLES = [
    "{month} {day}, {year} {time} {zone}",
    "{weekday}, {month} {day}{suffix} {year} {time} {zone}",
    "{day} {month} {year} {time24} {zone}",
    "{year}-{mm}-{dd} {time24} {zone}",
]


@settings(max_examples=150, deadline=None)
@given(
    day=st.dates(min_value=date(2017, 6, 1), max_value=date(2030, 9, 1)).filter(lambda d: 6 <= d.month <= 9),
    hour=st.integers(min_value=1, max_value=22),
    zone=st.sampled_from(sorted(_ZONES)),
    style=st.sampled_from(_STYLES),
)
def test_rendered_date_parses_back(day: date, hour: int, zone: str, style: str) -> None:
    """A summer date written in any supported style and zone reads back to the same instant."""
    twelve = hour % 12 or 12
    text = "Maintenance: " + style.format(
        month=day.strftime("%B"), day=day.day, year=day.year, weekday=day.strftime("%A"),
        suffix={1: "st", 2: "nd", 3: "rd"}.get(day.day % 10 if day.day not in (11, 12, 13) else 0, "th"),
        time=f"{twelve}:00 {'AM' if hour < 12 else 'PM'}", time24=f"{hour:02d}:00",
        zone=zone, mm=f"{day.month:02d}", dd=f"{day.day:02d}",
    )
    expected = datetime(day.year, day.month, day.day, hour, tzinfo=Z).timestamp() - _ZONES[zone] * 3600
    windows = parse_text(text).windows
    assert len(windows) == 1
    start = windows[0].start
    assert isinstance(start, datetime)
    assert start.timestamp() == expected


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400).filter(lambda value: value.strip() and "\x00" not in value))
def test_arbitrary_text_never_raises_or_goes_naive(text: str) -> None:
    schedule = parse_text(text)
    for window in schedule.windows:
        for bound in (window.start, window.end):
            if isinstance(bound, datetime):
                assert bound.tzinfo is not None


def test_update_line_replaces_earlier_window() -> None:
    text = (
        "Production maintenance\n\n"
        "Maintenance on March 3, 2025 from 1AM to 3AM PT for production.\n\n"
        "Update: the production maintenance has been moved to March 10, 2025 from 1AM to 3AM PT.\n"
    )
    schedule = parse_text(text)
    assert [window.start for window in schedule.windows] == [datetime(2025, 3, 10, 8, tzinfo=Z)]
    revised = next(flag for flag in schedule.flags if flag.code is FlagCode.REVISED)
    assert "moves the window of line 3" in revised.message


def test_reader_move_request_not_revised(real_notice_text: str) -> None:
    assert "revised" not in {flag.code.value for flag in parse_text(real_notice_text).flags}


SHAPE_CASES = [
    pytest.param(
        "Two phases\n\nSandbox: March 3, 2026 9:00 to 11:00 ET; Production: March 10, 2026 9:00 to 11:00 ET\n",
        [(datetime(2026, 3, 3, 14, tzinfo=Z), ["sandbox"]), (datetime(2026, 3, 10, 13, tzinfo=Z), ["production"])],
        id="two-windows-one-line",
    ),
    pytest.param(
        "Table\n\nEnvironment | Date | Time (UTC)\nSandbox | 2026-03-03 | 09:00-11:00\n"
        "Production | 2026-03-10 | 09:00-11:00\n",
        [(datetime(2026, 3, 3, 9, tzinfo=Z), ["sandbox"]), (datetime(2026, 3, 10, 9, tzinfo=Z), ["production"])],
        id="table-zone-in-header",
    ),
    pytest.param(
        "Table\n\nEnvironment | Start | End\nSandbox | May 13, 2023 10:00 PM PDT | May 14, 2023 2:00 AM PDT\n",
        [(datetime(2023, 5, 14, 5, tzinfo=Z), ["sandbox"])],
        id="table-start-end-cells",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SHAPE_CASES)
def test_window_shapes(text: str, expected: list[tuple[datetime, list[str]]]) -> None:
    schedule = parse_text(text)
    got = [(w.start, [tier.value for tier in w.environments]) for w in schedule.windows]
    assert got == expected
    assert all(w.end is not None for w in schedule.windows)
    assert "missing_timezone" not in {flag.code.value for flag in schedule.flags}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("• Productie: 3 mei 2023", date(2023, 5, 3), id="dutch"),
        pytest.param("Manutenção em 3 de maio de 2023", date(2023, 5, 3), id="portuguese"),
    ],
)
def test_other_language_fragment_uses_dateparser(line: str, expected: date) -> None:
    dates = scan_line(line).dates
    assert [(d.year, d.month, d.day) for d in dates] == [(expected.year, expected.month, expected.day)]
