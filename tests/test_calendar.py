"""ICS rendering, read back with the independent strict `ical` parser."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from ical.calendar import Calendar as ParsedCalendar
from ical.calendar_stream import IcsCalendarStream
from ical.event import Event as ParsedEvent
from ical.event import EventStatus

from bot.calendar import (
    CalendarFilter,
    CalendarOptions,
    CalendarSource,
    EventRecord,
    render_calendar,
)
from bot.impact import Impact
from parsers.models import Bundle, Notice, Origin, Schedule, Status, Tier, Window

CASES_DIR = Path(__file__).parent / "cases"

LOS_ANGELES = ZoneInfo("America/Los_Angeles")
STORED_AT = datetime(2018, 9, 20, 17, 30, tzinfo=UTC)


def schedule_from_case(stem: str) -> Schedule:
    """Build the schedule a correct parse gives, from the windows in the case's expected facts."""
    expected = json.loads((CASES_DIR / f"{stem}.expected.json").read_text(encoding="utf-8"))
    windows = []
    for index, item in enumerate(expected["windows"]):
        all_day = len(item["start"]) == 10
        windows.append(
            Window(
                id=f"w-{stem}-{index}",
                start=(date if all_day else datetime).fromisoformat(item["start"]),
                end=None if item["end"] is None else datetime.fromisoformat(item["end"]),
                timezone=item["timezone"],
                all_day=all_day,
                origin=Origin(item["origin"]),
                environments=[Tier(tier) for tier in item["environments"]],
                hosts=item["hosts"],
            )
        )
    notice = Notice(
        id=f"zuora-{stem}",
        title="Re: [ACTION REQUIRED]: Maintenance to Update SSL Certificate for zuora.com",
        vendor=expected["vendor"],
        source=f"https://community.example.test/{stem}",
        deadline=date(2018, 10, 10),
        fingerprint="0" * 64,
    )
    bundles = [Bundle(file=name) for name in expected["bundles"]]
    return Schedule(
        notice=notice, windows=windows, hosts_excluded=expected["hosts_excluded"], bundles=bundles
    )


def parse_ics(data: bytes) -> ParsedCalendar:
    return IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))


def events_by_uid(data: bytes) -> dict[str, ParsedEvent]:
    return {event.uid: event for event in parse_ics(data).events}


def extra_values(event: ParsedEvent, name: str) -> list[str]:
    return [str(extra.value) for extra in event.extras if extra.name.upper() == name]


def options(**changes: object) -> CalendarOptions:
    values: dict[str, object] = {"name": "Zuora certificates", "uid": "calendar-test@noticewatch"}
    values.update(changes)
    return CalendarOptions(**values)  # type: ignore[arg-type]


def real_source(**changes: object) -> CalendarSource:
    values: dict[str, object] = {
        "schedule": schedule_from_case("zuora-ssl-certificate-2018"), "stamp": STORED_AT,
    }
    values.update(changes)
    return CalendarSource(**values)  # type: ignore[arg-type]


def test_real_notice_event_in_pacific_time() -> None:
    events = events_by_uid(render_calendar([real_source()], options()))

    assert list(events) == ["w-zuora-ssl-certificate-2018-0"]
    event = events["w-zuora-ssl-certificate-2018-0"]
    assert event.dtstart == datetime(2018, 10, 10, 1, 0, tzinfo=LOS_ANGELES)
    assert event.dtend == datetime(2018, 10, 10, 11, 0, tzinfo=LOS_ANGELES)
    assert isinstance(event.dtstart, datetime)
    assert str(event.dtstart.tzinfo) == "America/Los_Angeles"
    assert event.status == EventStatus.CONFIRMED
    assert event.sequence == 0
    assert event.dtstamp == STORED_AT


def test_real_notice_vtimezone_covers_2018_only() -> None:
    calendar = parse_ics(render_calendar([real_source()], options()))

    assert [zone.tz_id for zone in calendar.timezones] == ["America/Los_Angeles"]
    observances = [*calendar.timezones[0].standard, *calendar.timezones[0].daylight]
    assert {item.dtstart.year for item in observances if item.dtstart is not None} == {2018}


def test_real_notice_bcop_properties() -> None:
    data = render_calendar([real_source(impact=Impact.NO_IMPACT)], options(account="acme-billing"))
    event = events_by_uid(data)["w-zuora-ssl-certificate-2018-0"]

    assert extra_values(event, "X-MAINTNOTE-PROVIDER") == ["zuora"]
    assert extra_values(event, "X-MAINTNOTE-ACCOUNT") == ["acme-billing"]
    assert extra_values(event, "X-MAINTNOTE-MAINTENANCE-ID") == ["zuora-zuora-ssl-certificate-2018"]
    assert extra_values(event, "X-MAINTNOTE-IMPACT") == ["NO-IMPACT"]
    assert extra_values(event, "X-MAINTNOTE-STATUS") == ["CONFIRMED"]
    assert extra_values(event, "X-MAINTNOTE-OBJECT-ID") == [
        "eu.zuora.com", "soap.eu.zuora.com", "dataloader.eu.zuora.com", "zconnect.eu.zuora.com",
        "static.eu.zuora.com", "rest.eu.zuora.com", "aqua.eu.zuora.com", "*.zuora.com",
        "rest.pt1.zuora.com",
    ]


def test_real_notice_summary_and_description() -> None:
    data = render_calendar([real_source()], options())
    event = events_by_uid(data)["w-zuora-ssl-certificate-2018-0"]

    assert event.summary == (
        "Zuora production, sandbox, test: [ACTION REQUIRED]: Maintenance to Update SSL "
        "Certificate for zuora.com"
    )
    assert event.description is not None
    assert "Hosts: eu.zuora.com, soap.eu.zuora.com," in event.description
    assert "Not changing: sandbox.eu.zuora.com" in event.description
    assert "- zuora-com-root.cer" in event.description
    assert "Act before: 2018-10-10" in event.description
    assert "Notice: https://community.example.test/zuora-ssl-certificate-2018" in event.description


def test_calendar_name_uid_and_refresh() -> None:
    data = render_calendar([real_source()], options())
    text = data.decode("utf-8")

    assert "\r\nNAME:Zuora certificates\r\n" in text
    assert "\r\nX-WR-CALNAME:Zuora certificates\r\n" in text
    assert "\r\nUID:calendar-test@noticewatch\r\n" in text
    assert "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in text
    assert "\r\nX-PUBLISHED-TTL:PT1H\r\n" in text


def test_replies_left_out_by_default() -> None:
    events = events_by_uid(render_calendar([real_source()], options()))

    assert len(events) == 1


def test_replies_included_as_tentative() -> None:
    events = events_by_uid(render_calendar([real_source()], options(include_replies=True)))

    assert len(events) == 5
    reply_event = events["w-zuora-ssl-certificate-2018-4"]
    assert reply_event.dtstart == datetime(2018, 9, 12, 7, 0, tzinfo=LOS_ANGELES)
    assert reply_event.status == EventStatus.TENTATIVE
    assert reply_event.summary is not None
    assert reply_event.summary.endswith("(quoted in a reply)")
    assert extra_values(reply_event, "X-MAINTNOTE-STATUS") == ["TENTATIVE"]
    assert events["w-zuora-ssl-certificate-2018-0"].status == EventStatus.CONFIRMED


def test_window_without_end_has_no_dtend() -> None:
    data = render_calendar([real_source()], options(include_replies=True))
    event = events_by_uid(data)["w-zuora-ssl-certificate-2018-1"]

    assert event.dtstart == datetime(2018, 8, 29, 7, 0, tzinfo=LOS_ANGELES)
    assert event.dtend is None
    assert event.description is not None
    assert "End: the notice gives no end time." in event.description


def test_cancelled_window_keeps_uid_with_sequence() -> None:
    schedule = schedule_from_case("zuora-ssl-certificate-2018-v1")
    removed = schedule.windows[0].model_copy(update={"status": Status.CANCELLED})
    changed_at = datetime(2018, 9, 25, tzinfo=UTC)
    records = [EventRecord(removed, sequence=1, last_modified=changed_at)]
    source = CalendarSource(schedule=schedule, stamp=changed_at, records=records)

    event = events_by_uid(render_calendar([source], options()))["w-zuora-ssl-certificate-2018-v1-0"]

    assert event.status == EventStatus.CANCELLED
    assert event.sequence == 1
    assert event.last_modified == changed_at
    assert event.dtstart == datetime(2018, 8, 29, 7, 0, tzinfo=LOS_ANGELES)
    assert extra_values(event, "X-MAINTNOTE-STATUS") == ["CANCELLED"]


def all_day_source(end: date | None, status: Status = Status.SCHEDULED) -> CalendarSource:
    window = Window(
        id="w-all-day", start=date(2020, 5, 28), end=end, timezone=None, all_day=True,
        origin=Origin.NOTICE, status=status, environments=[Tier.SANDBOX],
    )
    notice = Notice(
        id="zuora-all-day", title="Root CA expiry", vendor="zuora", source="notice.txt",
        fingerprint="1" * 64,
    )
    schedule = Schedule(notice=notice, windows=[window])
    return CalendarSource(schedule=schedule, stamp=datetime(2020, 5, 1, tzinfo=UTC))


def test_all_day_single_day_ends_next_day() -> None:
    event = events_by_uid(render_calendar([all_day_source(None)], options()))["w-all-day"]

    assert event.dtstart == date(2020, 5, 28)
    assert event.dtend == date(2020, 5, 29)


def test_all_day_range_ends_after_last_day() -> None:
    data = render_calendar([all_day_source(date(2020, 5, 30))], options())
    event = events_by_uid(data)["w-all-day"]

    assert event.dtstart == date(2020, 5, 28)
    assert event.dtend == date(2020, 5, 31)


def test_all_day_calendar_has_no_vtimezone() -> None:
    calendar = parse_ics(render_calendar([all_day_source(None)], options()))

    assert calendar.timezones == []


def test_tentative_window_is_tentative() -> None:
    source = all_day_source(None, Status.TENTATIVE)
    event = events_by_uid(render_calendar([source], options()))["w-all-day"]

    assert event.status == EventStatus.TENTATIVE


def test_completed_window_left_out() -> None:
    calendar = parse_ics(render_calendar([all_day_source(None, Status.COMPLETED)], options()))

    assert calendar.events == []


def test_undated_window_left_out() -> None:
    source = all_day_source(None)
    window = source.schedule.windows[0]
    undated = window.model_copy(update={"start": None, "status": Status.TENTATIVE})
    schedule = source.schedule.model_copy(update={"windows": [undated]})
    undated_source = CalendarSource(schedule=schedule, stamp=source.stamp)
    calendar = parse_ics(render_calendar([undated_source], options()))

    assert calendar.events == []


def test_render_twice_same_bytes() -> None:
    first = render_calendar([real_source()], options(include_replies=True))
    second = render_calendar([real_source()], options(include_replies=True))

    assert first == second


def test_combined_calendar_orders_by_start() -> None:
    sources = [all_day_source(None), real_source()]
    calendar = parse_ics(render_calendar(sources, options()))

    uids = [event.uid for event in calendar.events]
    assert uids == ["w-zuora-ssl-certificate-2018-0", "w-all-day"]


def test_filter_environment_sandbox() -> None:
    sandbox_only = CalendarFilter(environments=(Tier.SANDBOX,))
    data = render_calendar([real_source()], options(include_replies=True, filter=sandbox_only))

    assert sorted(events_by_uid(data)) == [
        "w-zuora-ssl-certificate-2018-0",
        "w-zuora-ssl-certificate-2018-2",
        "w-zuora-ssl-certificate-2018-4",
    ]


def test_filter_host_through_wildcard() -> None:
    host_filter = CalendarFilter(hosts=("connect.zuora.com",))
    data = render_calendar([real_source()], options(include_replies=True, filter=host_filter))

    # connect.zuora.com is listed on Aug 29 and covered by *.zuora.com on Oct 10 and Sep 12.
    assert sorted(events_by_uid(data)) == [
        "w-zuora-ssl-certificate-2018-0",
        "w-zuora-ssl-certificate-2018-1",
        "w-zuora-ssl-certificate-2018-4",
    ]


def test_filter_vendor_other_leaves_nothing() -> None:
    data = render_calendar([real_source()], options(filter=CalendarFilter(vendors=("stripe",))))

    assert parse_ics(data).events == []


def test_filter_host_wildcard_subscription() -> None:
    host_filter = CalendarFilter(hosts=("*.EU.zuora.com",))
    data = render_calendar([real_source()], options(include_replies=True, filter=host_filter))

    # Oct 10 and Sep 12 list soap.eu.zuora.com and more; Aug 29 lists connect.eu.zuora.com.
    # Sep 3 and Sep 5 list only US hosts.
    assert sorted(events_by_uid(data)) == [
        "w-zuora-ssl-certificate-2018-0",
        "w-zuora-ssl-certificate-2018-1",
        "w-zuora-ssl-certificate-2018-4",
    ]


def test_utc_window_without_vtimezone() -> None:
    window = Window(
        id="w-utc", start=datetime(2019, 10, 3, 16, 0, tzinfo=UTC),
        end=datetime(2019, 10, 3, 17, 0, tzinfo=UTC), timezone="UTC", all_day=False,
        origin=Origin.NOTICE, environments=[Tier.PRODUCTION],
    )
    notice = Notice(
        id="zuora-utc", title="Certificate rotation", vendor="zuora", source="notice.txt",
        fingerprint="2" * 64,
    )
    source = CalendarSource(schedule=Schedule(notice=notice, windows=[window]), stamp=STORED_AT)
    data = render_calendar([source], options())
    calendar = parse_ics(data)

    assert calendar.timezones == []
    assert calendar.events[0].dtstart == datetime(2019, 10, 3, 16, 0, tzinfo=UTC)
    assert b"DTSTART:20191003T160000Z" in data


def test_filter_region_ignores_case() -> None:
    source = all_day_source(None)
    eu_window = source.schedule.windows[0].model_copy(update={"id": "w-eu", "regions": ["EU"]})
    us_window = source.schedule.windows[0].model_copy(update={"id": "w-us", "regions": ["US"]})
    schedule = source.schedule.model_copy(update={"windows": [eu_window, us_window]})
    regional = CalendarSource(schedule=schedule, stamp=source.stamp)
    data = render_calendar([regional], options(filter=CalendarFilter(regions=("eu",))))

    assert list(events_by_uid(data)) == ["w-eu"]
