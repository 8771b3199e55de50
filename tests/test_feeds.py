"""Calendar feeds over HTTP: tokens, filters, ETag and 304, re-dated and cancelled windows."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from ical.calendar_stream import IcsCalendarStream
from ical.event import Event as ParsedEvent
from ical.event import EventStatus
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from bot.calendar_feed import etag_matches
from bot.settings import Settings
from bot.store import Store
from bot.store_records import SubscriptionFilters
from bot.web.app import create_app
from parsers import ParseOptions, parse_file
from tests.conftest import CASES_DIR
from tests.expected_schedules import expected_schedule

LOS_ANGELES = ZoneInfo("America/Los_Angeles")
SOURCE = "https://community.example.test/ssl-certificate-2018"
FIRST_STORED = datetime(2018, 8, 24, 18, 0, tzinfo=UTC)
SECOND_STORED = datetime(2018, 9, 20, 17, 30, tzinfo=UTC)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store.open(store_url) as opened:
        yield opened


@pytest.fixture
def client(store: Store) -> TestClient:
    return TestClient(create_app(Settings(calendar_account="acme"), store))


def add_first_version(store: Store) -> None:
    schedule = expected_schedule("zuora-ssl-certificate-2018-v1", SOURCE)
    store.add_version(schedule, b"first version", stored_at=FIRST_STORED)


def add_second_version(store: Store) -> None:
    schedule = expected_schedule("zuora-ssl-certificate-2018", SOURCE)
    store.add_version(schedule, b"second version", stored_at=SECOND_STORED)


def feed_path(store: Store, **filters: str) -> str:
    subscription = store.add_subscription(SubscriptionFilters(**filters))
    return f"/calendars/{subscription.token}.ics"


def events_by_start(body: bytes) -> dict[datetime, ParsedEvent]:
    calendar = IcsCalendarStream.calendar_from_ics(body.decode("utf-8"))
    return {event.start: event for event in calendar.events}  # type: ignore[misc]


def test_app_serves_notice_pages(client: TestClient, store: Store) -> None:
    add_first_version(store)

    response = client.get("/")

    assert response.status_code == 200
    assert "zuora-ssl-certificate-2018-v1" in response.text


def test_healthz_ok(client: TestClient) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.text == "ok\n"


def test_feed_content_type_and_strong_etag(client: TestClient, store: Store) -> None:
    add_first_version(store)
    response = client.get(feed_path(store))

    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    etag = response.headers["etag"]
    assert etag.startswith('"')
    assert not etag.startswith("W/")


def test_feed_first_version_events(client: TestClient, store: Store) -> None:
    add_first_version(store)
    body = client.get(feed_path(store)).content
    events = events_by_start(body)

    assert sorted(events) == [
        datetime(2018, 8, 29, 7, 0, tzinfo=LOS_ANGELES),
        datetime(2018, 9, 3, 7, 0, tzinfo=LOS_ANGELES),
        datetime(2018, 9, 5, 7, 0, tzinfo=LOS_ANGELES),
        datetime(2018, 9, 12, 7, 0, tzinfo=LOS_ANGELES),
    ]
    for event in events.values():
        assert event.status == EventStatus.CONFIRMED
        assert event.sequence == 0
        assert event.dtstamp == FIRST_STORED


def test_feed_if_none_match_gets_304(client: TestClient, store: Store) -> None:
    add_first_version(store)
    path = feed_path(store)
    first = client.get(path)

    again = client.get(path, headers={"If-None-Match": first.headers["etag"]})

    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == first.headers["etag"]


def test_feed_other_etag_gets_body(client: TestClient, store: Store) -> None:
    add_first_version(store)
    path = feed_path(store)

    response = client.get(path, headers={"If-None-Match": '"0123456789abcdef"'})

    assert response.status_code == 200
    assert response.content.startswith(b"BEGIN:VCALENDAR")


def test_feed_same_bytes_twice(client: TestClient, store: Store) -> None:
    add_first_version(store)
    path = feed_path(store)

    assert client.get(path).content == client.get(path).content


def test_feed_redated_window_keeps_uid(client: TestClient, store: Store) -> None:
    add_first_version(store)
    path = feed_path(store)
    before = events_by_start(client.get(path).content)
    add_second_version(store)
    after = events_by_start(client.get(path).content)

    september_12 = before[datetime(2018, 9, 12, 7, 0, tzinfo=LOS_ANGELES)]
    october_10 = after[datetime(2018, 10, 10, 1, 0, tzinfo=LOS_ANGELES)]
    assert october_10.uid == september_12.uid
    assert october_10.end == datetime(2018, 10, 10, 11, 0, tzinfo=LOS_ANGELES)
    assert october_10.sequence == 1
    assert october_10.status == EventStatus.CONFIRMED
    assert october_10.dtstamp == SECOND_STORED
    assert october_10.last_modified == SECOND_STORED


def test_feed_vanished_windows_cancelled(client: TestClient, store: Store) -> None:
    add_first_version(store)
    path = feed_path(store)
    before = events_by_start(client.get(path).content)
    add_second_version(store)
    after = events_by_start(client.get(path).content)

    vanished = [
        datetime(2018, 8, 29, 7, 0, tzinfo=LOS_ANGELES),
        datetime(2018, 9, 3, 7, 0, tzinfo=LOS_ANGELES),
        datetime(2018, 9, 5, 7, 0, tzinfo=LOS_ANGELES),
    ]
    assert sorted(after) == [*vanished, datetime(2018, 10, 10, 1, 0, tzinfo=LOS_ANGELES)]
    for start in vanished:
        assert after[start].uid == before[start].uid
        assert after[start].status == EventStatus.CANCELLED
        assert after[start].sequence == 1


def test_feed_etag_changes_with_new_version(client: TestClient, store: Store) -> None:
    add_first_version(store)
    path = feed_path(store)
    first_etag = client.get(path).headers["etag"]
    add_second_version(store)

    response = client.get(path, headers={"If-None-Match": first_etag})

    assert response.status_code == 200
    assert response.headers["etag"] != first_etag


def test_feed_environment_filter(client: TestClient, store: Store) -> None:
    add_first_version(store)
    events = events_by_start(client.get(feed_path(store, environment="sandbox")).content)

    assert sorted(events) == [
        datetime(2018, 9, 3, 7, 0, tzinfo=LOS_ANGELES),
        datetime(2018, 9, 12, 7, 0, tzinfo=LOS_ANGELES),
    ]


def test_feed_host_filter_through_wildcard(client: TestClient, store: Store) -> None:
    add_first_version(store)
    events = events_by_start(client.get(feed_path(store, host="connect.zuora.com")).content)

    # Listed on Aug 29; *.zuora.com on Sep 12 covers it too.
    assert sorted(events) == [
        datetime(2018, 8, 29, 7, 0, tzinfo=LOS_ANGELES),
        datetime(2018, 9, 12, 7, 0, tzinfo=LOS_ANGELES),
    ]


def test_feed_vendor_filter_other_vendor(client: TestClient, store: Store) -> None:
    add_first_version(store)
    events = events_by_start(client.get(feed_path(store, vendor="stripe")).content)

    assert events == {}


def test_feed_unknown_token_404(client: TestClient, store: Store) -> None:
    add_first_version(store)
    path = feed_path(store)
    token = path.removeprefix("/calendars/").removesuffix(".ics")
    store.remove_subscription(token)

    removed = client.get(path)
    never = client.get(f"/calendars/{'A' * len(token)}.ics")
    malformed = client.get("/calendars/short.ics")

    assert removed.status_code == 404
    assert never.status_code == 404
    assert malformed.status_code == 404
    assert removed.content == never.content
    assert malformed.content == never.content
    assert "etag" not in never.headers


def add_parsed(store: Store, path: Path, stored_at: datetime) -> None:
    schedule = parse_file(path, ParseOptions(source=SOURCE))
    store.add_version(schedule, path.read_bytes(), stored_at=stored_at, source_url=SOURCE)


def test_feed_parsed_versions_keep_uid(
    client: TestClient, store: Store, real_notice: Path
) -> None:
    add_parsed(store, CASES_DIR / "zuora-ssl-certificate-2018-v1.txt", FIRST_STORED)
    path = feed_path(store)
    before = events_by_start(client.get(path).content)
    add_parsed(store, real_notice, SECOND_STORED)
    after = events_by_start(client.get(path).content)

    september_12 = before[datetime(2018, 9, 12, 7, 0, tzinfo=LOS_ANGELES)]
    october_10 = after[datetime(2018, 10, 10, 1, 0, tzinfo=LOS_ANGELES)]
    assert october_10.uid == september_12.uid
    assert october_10.sequence is not None
    assert september_12.sequence is not None
    assert october_10.sequence > september_12.sequence
    assert october_10.status == EventStatus.CONFIRMED
    cancelled = sorted(
        start for start, event in after.items() if event.status == EventStatus.CANCELLED
    )
    assert cancelled == [
        datetime(2018, 8, 29, 7, 0, tzinfo=LOS_ANGELES),
        datetime(2018, 9, 3, 7, 0, tzinfo=LOS_ANGELES),
        datetime(2018, 9, 5, 7, 0, tzinfo=LOS_ANGELES),
    ]
    for start in cancelled:
        assert after[start].uid == before[start].uid


def test_app_adds_extra_routes(store: Store) -> None:
    async def pong(request: Request) -> PlainTextResponse:
        return PlainTextResponse("pong")

    app = create_app(Settings(), store, extra_routes=[Route("/ping", pong)])

    assert TestClient(app).get("/ping").text == "pong"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        pytest.param(None, False, id="absent"),
        pytest.param('"abc"', True, id="same"),
        pytest.param('W/"abc"', True, id="weak-form"),
        pytest.param('"xyz", "abc"', True, id="in-list"),
        pytest.param("*", True, id="any"),
        pytest.param('"abcd"', False, id="other"),
    ],
)
def test_etag_matches_if_none_match(header: str | None, expected: bool) -> None:
    assert etag_matches(header, '"abc"') is expected


def test_feed_head_has_etag(client: TestClient, store: Store) -> None:
    add_first_version(store)
    path = feed_path(store)

    head = client.head(path)

    assert head.status_code == 200
    assert head.headers["etag"] == client.get(path).headers["etag"]
    assert head.content == b""
