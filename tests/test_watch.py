"""Polling notice pages from a local HTTP server: changes, 304s, failures and suspicious pages."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from bot.fetch import Fetcher, FetchError, FetchPolicy
from bot.store import Store
from bot.watch import Outcome, Watcher
from tests.conftest import CASES_DIR
from tests.expected_schedules import expected_schedule

REAL_TEXT = (CASES_DIR / "zuora-ssl-certificate-2018.txt").read_bytes()
FIRST_TEXT = (CASES_DIR / "zuora-ssl-certificate-2018-v1.txt").read_bytes()
FIXED_NOW = datetime(2018, 9, 20, 12, 0, tzinfo=UTC)


def _fetcher(delays: list[float], retries: int = 2, timeout: float = 5.0) -> Fetcher:
    policy = FetchPolicy(
        timeout_seconds=timeout, retries=retries, backoff_seconds=1.0, host_delay_seconds=0.0
    )
    return Fetcher(policy, sleep=delays.append, rng=random.Random(7))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(f"sqlite:///{tmp_path / 'store.db'}")
    yield opened
    opened.close()


def _watcher(store: Store, delays: list[float], **policy: float) -> Watcher:
    return Watcher(store, _fetcher(delays, **policy), clock=lambda: FIXED_NOW)  # type: ignore[arg-type]


def test_watch_stores_new_then_unchanged(httpserver: HTTPServer, store: Store) -> None:
    url = httpserver.url_for("/notice")
    httpserver.expect_request("/notice").respond_with_data(REAL_TEXT, content_type="text/plain")
    watcher = _watcher(store, [])
    first = watcher.poll(url)
    second = watcher.poll(url)
    assert first.outcome is Outcome.STORED
    assert first.added is not None
    assert first.added.version == 1
    assert second.outcome is Outcome.UNCHANGED
    assert [version.number for version in store.versions(first.added.notice_id)] == [1]
    assert store.tracked_urls() == [url]


def test_watch_changed_content_new_version(httpserver: HTTPServer, store: Store) -> None:
    url = httpserver.url_for("/notice")
    httpserver.expect_oneshot_request("/notice").respond_with_data(FIRST_TEXT)
    httpserver.expect_oneshot_request("/notice").respond_with_data(REAL_TEXT)
    watcher = _watcher(store, [])
    first = watcher.poll(url)
    second = watcher.poll(url)
    assert first.outcome is Outcome.STORED
    assert second.outcome is Outcome.STORED
    assert second.added is not None
    assert second.added.version == 2
    assert second.added.diff is not None
    stored = store.latest(second.added.notice_id)
    assert stored is not None
    assert stored.raw == REAL_TEXT
    assert stored.source_url == url


def test_watch_sends_validators_and_accepts_304(httpserver: HTTPServer, store: Store) -> None:
    url = httpserver.url_for("/notice")
    validators = {"ETag": '"v1"', "Last-Modified": "Wed, 19 Sep 2018 10:00:00 GMT"}
    httpserver.expect_oneshot_request("/notice").respond_with_data(REAL_TEXT, headers=validators)
    httpserver.expect_oneshot_request(
        "/notice",
        headers={"If-None-Match": '"v1"', "If-Modified-Since": validators["Last-Modified"]},
    ).respond_with_data(b"", status=304)
    watcher = _watcher(store, [])
    assert watcher.poll(url).outcome is Outcome.STORED
    assert watcher.poll(url).outcome is Outcome.NOT_MODIFIED
    httpserver.check_assertions()


def test_watch_server_error_retries_then_holds(httpserver: HTTPServer, store: Store) -> None:
    url = httpserver.url_for("/notice")
    httpserver.expect_request("/notice").respond_with_data(b"busy", status=500)
    delays: list[float] = []
    result = _watcher(store, delays).poll(url)
    assert result.outcome is Outcome.HELD
    assert result.reason is not None
    assert "HTTP 500" in result.reason
    assert "3 attempts" in result.reason
    assert len(httpserver.log) == 3
    # Exponential backoff from 1 s with up to 50% jitter: [1, 1.5] then [2, 3].
    assert len(delays) == 2
    assert 1.0 <= delays[0] <= 1.5
    assert 2.0 <= delays[1] <= 3.0
    assert store.notices() == []


def test_watch_server_error_then_recovers(httpserver: HTTPServer, store: Store) -> None:
    url = httpserver.url_for("/notice")
    httpserver.expect_oneshot_request("/notice").respond_with_data(b"busy", status=503)
    httpserver.expect_oneshot_request("/notice").respond_with_data(REAL_TEXT)
    delays: list[float] = []
    result = _watcher(store, delays).poll(url)
    assert result.outcome is Outcome.STORED
    assert len(delays) == 1


def test_watch_timeout_holds(httpserver: HTTPServer, store: Store) -> None:
    def slow(_request: Request) -> Response:
        time.sleep(1.0)
        return Response(REAL_TEXT)

    url = httpserver.url_for("/slow")
    httpserver.expect_request("/slow").respond_with_handler(slow)
    result = _watcher(store, [], retries=0, timeout=0.2).poll(url)
    assert result.outcome is Outcome.HELD
    assert result.reason is not None
    assert "timed out" in result.reason
    assert store.notices() == []


def test_watch_empty_page_holds(httpserver: HTTPServer, store: Store) -> None:
    url = httpserver.url_for("/notice")
    httpserver.expect_request("/notice").respond_with_data(b"  \n\n ")
    result = _watcher(store, []).poll(url)
    assert result.outcome is Outcome.HELD
    assert result.reason == "the page is empty"


def test_watch_page_without_body_holds(httpserver: HTTPServer, store: Store) -> None:
    url = httpserver.url_for("/notice")
    httpserver.expect_request("/notice").respond_with_data(b"Happy Business Starts Here\n\n")
    result = _watcher(store, []).poll(url)
    assert result.outcome is Outcome.HELD
    assert result.reason == "the page has no notice body"


def test_watch_cut_connection_holds(httpserver: HTTPServer, store: Store) -> None:
    url = httpserver.url_for("/notice")
    # The declared length is longer than the body, as when a connection drops mid-page.
    cut = Response(REAL_TEXT[:2000])
    cut.headers["Content-Length"] = str(len(REAL_TEXT))
    httpserver.expect_request("/notice").respond_with_response(cut)
    result = _watcher(store, [], retries=0, timeout=2.0).poll(url)
    assert result.outcome is Outcome.HELD
    assert result.reason is not None
    assert "fetch failed after 1 attempt," in result.reason
    assert store.notices() == []


def test_watch_truncated_page_losing_windows_holds(httpserver: HTTPServer, store: Store) -> None:
    url = httpserver.url_for("/notice")
    previous = expected_schedule("zuora-ssl-certificate-2018", source=url)
    store.add_version(previous, REAL_TEXT, stored_at=FIXED_NOW, source_url=url)
    # Cut before the schedule paragraph: the endpoint list remains, but no dated window.
    truncated = REAL_TEXT[: REAL_TEXT.index(b"When will these changes")]
    httpserver.expect_request("/notice").respond_with_data(truncated)
    result = _watcher(store, []).poll(url)
    assert result.outcome is Outcome.HELD
    assert result.reason is not None
    assert "lost every window (1 before)" in result.reason
    assert [version.number for version in store.versions(previous.notice.id)] == [1]
    states = store.window_states(previous.notice.id)
    assert {state.status for state in states} == {"scheduled"}


def test_fetch_client_error_not_retried(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/missing").respond_with_data(b"gone", status=404)
    delays: list[float] = []
    with _fetcher(delays) as fetcher, pytest.raises(FetchError, match="HTTP 404"):
        fetcher.fetch(httpserver.url_for("/missing"))
    assert delays == []
    assert len(httpserver.log) == 1


def test_fetch_waits_between_requests_to_host(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/page").respond_with_data(b"text")
    delays: list[float] = []
    ticks = iter([100.0, 100.5, 102.0])
    policy = FetchPolicy(host_delay_seconds=2.0, retries=0)
    with Fetcher(policy, sleep=delays.append, clock=lambda: next(ticks)) as fetcher:
        fetcher.fetch(httpserver.url_for("/page"))
        fetcher.fetch(httpserver.url_for("/page"))
    assert delays == [1.5]


def test_fetch_redirect_loop_not_retried(httpserver: HTTPServer) -> None:
    loop = httpserver.url_for("/loop")
    httpserver.expect_request("/loop").respond_with_response(
        Response(status=302, headers={"Location": loop})
    )
    fetcher = Fetcher(FetchPolicy(retries=3, backoff_seconds=0.0, host_delay_seconds=0.0))
    with fetcher, pytest.raises(FetchError, match="too many redirects"):
        fetcher.fetch(loop)
    requests_made = len(httpserver.log)
    assert requests_made <= 25
