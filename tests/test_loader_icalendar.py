"""Loading BCOP maintenance calendars: one window per VEVENT, with text lines as evidence."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from parsers import parse_file
from parsers.document import Document
from parsers.errors import ParseError
from parsers.loaders import load_bytes, load_path
from parsers.models import Origin, Status, Tier, Window

CALENDAR = Path(__file__).parent / "fixtures" / "example-net-maintenance.ics"


def calendar_bytes(*events: str) -> bytes:
    """Wrap VEVENT bodies (property lines) in a minimal calendar."""
    blocks = "".join(
        f"BEGIN:VEVENT\r\nUID:{index}\r\n{body}END:VEVENT\r\n" for index, body in enumerate(events)
    )
    header = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    return f"{header}{blocks}END:VCALENDAR\r\n".encode()


@pytest.fixture
def document() -> Document:
    loaded, _ = load_path(CALENDAR)
    return loaded


@pytest.fixture
def windows(document: Document) -> list[Window]:
    return document.extra_windows


def test_one_window_per_event(windows: list[Window]) -> None:
    assert [window.label for window in windows] == [
        "Sandbox gateway certificate renewal",
        "Production gateway certificate renewal",
        "Data center network upgrade",
        "Webhook relay patching",
    ]
    assert all(window.id == "" for window in windows)
    assert all(window.origin is Origin.NOTICE for window in windows)


def test_tzid_times_converted_to_utc(windows: list[Window]) -> None:
    window = windows[0]
    # 22:00 and 02:00 Pacific daylight time (UTC-7) on 13-14 May 2023.
    assert window.start == datetime(2023, 5, 14, 5, 0, tzinfo=UTC)
    assert window.end == datetime(2023, 5, 14, 9, 0, tzinfo=UTC)
    assert window.timezone == "America/Los_Angeles"
    assert not window.all_day


def test_event_without_dtend_has_no_end(windows: list[Window]) -> None:
    window = windows[1]
    assert window.start == datetime(2023, 6, 3, 6, 0, tzinfo=UTC)
    assert window.end is None
    assert window.timezone == "UTC"


def test_all_day_end_is_last_day(windows: list[Window]) -> None:
    window = windows[2]
    assert window.all_day
    assert window.start == date(2023, 6, 10)
    assert window.end == date(2023, 6, 11)
    assert window.timezone is None


def test_single_all_day_has_null_end(windows: list[Window]) -> None:
    window = windows[3]
    assert window.all_day
    assert window.start == date(2023, 4, 20)
    assert window.end is None


def test_maintnote_status_mapped(windows: list[Window]) -> None:
    assert [window.status for window in windows] == [
        Status.SCHEDULED,
        Status.TENTATIVE,
        Status.CANCELLED,
        Status.COMPLETED,
    ]


def test_object_ids_that_are_hosts(windows: list[Window]) -> None:
    assert windows[0].hosts == ["gateway.sandbox.example.net", "hooks.sandbox.example.net"]
    assert windows[1].hosts == ["gateway.example.net"]
    assert windows[2].hosts == []


def test_tiers_from_summary_phrases(windows: list[Window]) -> None:
    assert windows[0].environments == [Tier.SANDBOX]
    assert windows[1].environments == [Tier.PRODUCTION]
    assert windows[2].environments == []


def test_tiers_from_profile_host_rules() -> None:
    data = calendar_bytes(
        "DTSTART:20240301T100000Z\r\nSUMMARY:Certificate update\r\n"
        "X-MAINTNOTE-OBJECT-ID:rest.apisandbox.zuora.com\r\n"
    )
    document, profile = load_bytes(data, "cal.ics", filename="cal.ics")
    window = document.extra_windows[0]
    assert profile.vendor == "zuora"
    assert window.environments == [Tier.SANDBOX]
    assert window.regions == ["US-DC"]


def test_evidence_points_at_event_lines(document: Document, windows: list[Window]) -> None:
    for window in windows:
        summary, start = window.evidence
        assert document.line(summary.line) == window.label
        assert summary.text == window.label
        assert document.line(start.line).startswith("Start: ")
        assert start.text == document.line(start.line)
    assert windows[1].evidence[0].line == 12
    assert document.line(13) == "Start: 2023-06-03 06:00 UTC"


def test_event_lines_show_maintnote_fields(document: Document) -> None:
    assert document.lines[:10] == [
        "Sandbox gateway certificate renewal",
        "Start: 2023-05-13 22:00 America/Los_Angeles",
        "End: 2023-05-14 02:00 America/Los_Angeles",
        "Status: scheduled (sequence 2)",
        "Provider: example.net",
        "Account: acct-4411",
        "Maintenance id: MAINT-7001",
        "Impact: DEGRADED",
        "Objects: gateway.sandbox.example.net, Hooks.Sandbox.Example.net, circuit-0042",
        "Organizer: Example Payments NOC <noc@example.net>",
    ]
    assert document.line(11) == ""
    assert document.line(24) == "End: 2023-06-11 (all day)"
    assert document.line(34) == "End: same day (all day)"


def test_title_and_post_time_from_first_event(document: Document) -> None:
    assert document.title == "Sandbox gateway certificate renewal"
    assert document.title_line == 1
    assert document.posted_at == datetime(2023, 5, 2, 16, 30, tzinfo=UTC)
    assert document.format == "icalendar"


def test_parse_file_keeps_calendar_windows() -> None:
    schedule = parse_file(CALENDAR)
    assert len(schedule.windows) == 4
    assert len({window.id for window in schedule.windows}) == 4
    assert all(window.id for window in schedule.windows)
    assert [window.start for window in schedule.windows] == [
        datetime(2023, 5, 14, 5, 0, tzinfo=UTC),
        datetime(2023, 6, 3, 6, 0, tzinfo=UTC),
        date(2023, 6, 10),
        date(2023, 4, 20),
    ]


def test_duration_sets_end() -> None:
    data = calendar_bytes("DTSTART:20240301T100000Z\r\nDURATION:PT90M\r\nSUMMARY:x\r\n")
    document, _ = load_bytes(data, "cal.ics", filename="cal.ics")
    assert document.extra_windows[0].end == datetime(2024, 3, 1, 11, 30, tzinfo=UTC)


def test_standard_status_used_without_maintnote() -> None:
    data = calendar_bytes("DTSTART:20240301T100000Z\r\nSTATUS:CANCELLED\r\nSUMMARY:x\r\n")
    document, _ = load_bytes(data, "cal.ics", filename="cal.ics")
    assert document.extra_windows[0].status is Status.CANCELLED


def test_in_process_is_scheduled() -> None:
    data = calendar_bytes("DTSTART:20240301T100000Z\r\nX-MAINTNOTE-STATUS:IN-PROCESS\r\n")
    document, _ = load_bytes(data, "cal.ics", filename="cal.ics")
    assert document.extra_windows[0].status is Status.SCHEDULED
    assert document.extra_windows[0].label == "Maintenance event 1"


def test_floating_time_takes_profile_zone() -> None:
    data = calendar_bytes("DTSTART:20240701T100000\r\nSUMMARY:Zuora sandbox update\r\n")
    document, profile = load_bytes(data, "cal.ics", filename="cal.ics")
    assert profile.vendor == "zuora"
    # 10:00 in Los Angeles in July is daylight time, UTC-7.
    assert document.extra_windows[0].start == datetime(2024, 7, 1, 17, 0, tzinfo=UTC)
    assert document.extra_windows[0].timezone == "America/Los_Angeles"


def test_recurring_event_reads_first_occurrence(caplog: pytest.LogCaptureFixture) -> None:
    data = calendar_bytes("DTSTART:20240301T100000Z\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n")
    document, _ = load_bytes(data, "weekly.ics", filename="weekly.ics")
    assert [window.start for window in document.extra_windows] == [
        datetime(2024, 3, 1, 10, 0, tzinfo=UTC)
    ]
    assert "weekly.ics: event 1 recurs; only its first occurrence is read" in caplog.text


def test_calendar_sniffed_without_extension() -> None:
    data = calendar_bytes("DTSTART:20240301T100000Z\r\n")
    document, _ = load_bytes(data, "download")
    assert document.format == "icalendar"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            b"BEGIN:VCALENDAR\r\nthis is not ical\r\n", "not a valid iCalendar file", id="bad-line"
        ),
        pytest.param(calendar_bytes(), "contains no VEVENT", id="no-event"),
        pytest.param(calendar_bytes("SUMMARY:x\r\n"), "event 1 has no DTSTART", id="no-start"),
        pytest.param(
            calendar_bytes("DTSTART:2024x\r\n"),
            "DTSTART value '2024x' is not a valid date",
            id="bad-start",
        ),
        pytest.param(
            calendar_bytes("DTSTART:20240301T100000Z\r\nX-MAINTNOTE-STATUS:POSTPONED\r\n"),
            "event 1 has an unknown status 'POSTPONED'; use one of: TENTATIVE",
            id="unknown-status",
        ),
        pytest.param(
            b"BEGIN:VCARD\r\nFN:x\r\nEND:VCARD\r\n",
            "does not start with BEGIN:VCALENDAR",
            id="vcard",
        ),
    ],
)
def test_broken_calendar_rejected(data: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message) as raised:
        load_bytes(data, "broken.ics", filename="broken.ics")
    assert str(raised.value).startswith("broken.ics: ")
