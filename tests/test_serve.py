"""The feed over a live uvicorn server on a loopback port, and the subscribe command."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest
import uvicorn
from click.testing import CliRunner
from ical.calendar_stream import IcsCalendarStream
from ical.event import EventStatus
from starlette.testclient import TestClient

from bot.cli import cli
from bot.commands.subscribe import webcal_url
from bot.settings import Settings
from bot.store import Store
from bot.store_records import SubscriptionFilters
from bot.web.app import create_app
from tests.expected_schedules import expected_schedule

STARTUP_LIMIT_SECONDS = 20.0


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(f"sqlite:///{tmp_path / 'noticewatch.db'}") as opened:
        yield opened


@pytest.fixture
def live_url(store: Store) -> Iterator[str]:
    """Run the app on a free loopback port in a thread and yield its base URL."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    config = uvicorn.Config(
        create_app(Settings(), store), log_config=None, access_log=False, lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_LIMIT_SECONDS
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)
    if not server.started:
        pytest.fail(f"uvicorn did not start on 127.0.0.1:{port}")
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join()
    listener.close()


def test_live_server_feed_and_304(live_url: str, store: Store) -> None:
    schedule = expected_schedule("zuora-ssl-certificate-2018", "https://example.test/cert")
    store.add_version(schedule, b"notice", stored_at=schedule.windows[0].start)  # type: ignore[arg-type]
    token = store.add_subscription(SubscriptionFilters()).token

    with httpx.Client(base_url=live_url) as client:
        health = client.get("/healthz")
        first = client.get(f"/calendars/{token}.ics")
        conditional = {"If-None-Match": first.headers["etag"]}
        again = client.get(f"/calendars/{token}.ics", headers=conditional)
        unknown = client.get(f"/calendars/{'B' * len(token)}.ics")

    assert health.status_code == 200
    assert first.status_code == 200
    assert first.headers["content-type"] == "text/calendar; charset=utf-8"
    assert b"DTSTART;TZID=America/Los_Angeles:20181010T010000" in first.content
    assert again.status_code == 304
    assert again.headers["etag"] == first.headers["etag"]
    assert unknown.status_code == 404


def test_webcal_url_replaces_scheme() -> None:
    assert webcal_url("https://cal.example.test/noticewatch/", "abc") == (
        "webcal://cal.example.test/noticewatch/calendars/abc.ics"
    )
    assert webcal_url("http://127.0.0.1:8080", "abc") == "webcal://127.0.0.1:8080/calendars/abc.ics"


def test_subscribe_prints_working_link(tmp_path: Path) -> None:
    environment = {
        "NOTICEWATCH_DATA_DIR": str(tmp_path),
        "NOTICEWATCH_PUBLIC_BASE_URL": "https://cal.example.test",
    }
    result = CliRunner().invoke(cli, ["subscribe", "--environment", "sandbox"], env=environment)

    assert result.exit_code == 0, result.output
    link = result.output.strip()
    assert link.startswith("webcal://cal.example.test/calendars/")
    assert link.endswith(".ics")
    token = link.removeprefix("webcal://cal.example.test/calendars/").removesuffix(".ics")
    with Store.open(f"sqlite:///{tmp_path / 'noticewatch.db'}") as store:
        subscription = store.subscription(token)
    assert subscription is not None
    assert subscription.filters == SubscriptionFilters(environment="sandbox")


def test_subscribe_unknown_vendor_exits_2(tmp_path: Path) -> None:
    environment = {"NOTICEWATCH_DATA_DIR": str(tmp_path)}
    result = CliRunner().invoke(cli, ["subscribe", "--vendor", "nosuchvendor"], env=environment)

    assert result.exit_code == 2
    assert "Invalid value for '--vendor': no vendor profile named 'nosuchvendor'" in result.output
    assert "use one of: authorizenet, generic, salesforce, stripe, zuora" in result.output
    assert not (tmp_path / "noticewatch.db").exists()


def test_subscribe_vendor_ignores_case(tmp_path: Path) -> None:
    environment = {"NOTICEWATCH_DATA_DIR": str(tmp_path)}
    result = CliRunner().invoke(cli, ["subscribe", "--vendor", "Zuora"], env=environment)

    assert result.exit_code == 0, result.output
    token = result.output.strip().rsplit("/", 1)[1].removesuffix(".ics")
    with Store.open(f"sqlite:///{tmp_path / 'noticewatch.db'}") as store:
        subscription = store.subscription(token)
    assert subscription is not None
    assert subscription.filters.vendor == "Zuora"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_command_logs_start_and_stop(tmp_path: Path) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'noticewatch.db'}") as store:
        token = store.add_subscription(SubscriptionFilters()).token
    port = free_port()
    command = [str(Path(sys.executable).parent / "noticewatch"), "serve", "--port", str(port)]
    server = subprocess.Popen(
        command, env={"NOTICEWATCH_DATA_DIR": str(tmp_path)}, stderr=subprocess.PIPE, text=True
    )
    try:
        health = None
        deadline = time.monotonic() + STARTUP_LIMIT_SECONDS
        while health is None and server.poll() is None and time.monotonic() < deadline:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz")
            except httpx.TransportError:
                time.sleep(0.1)
        feed = httpx.get(f"http://127.0.0.1:{port}/calendars/{token}.ics")
    finally:
        server.send_signal(signal.SIGINT)
        _, stderr = server.communicate(timeout=STARTUP_LIMIT_SECONDS)

    assert health is not None, stderr
    assert health.status_code == 200
    assert server.returncode == 0, stderr
    assert f"starting the web server on 127.0.0.1:{port}" in stderr
    assert f"web server on 127.0.0.1:{port} stopped" in stderr
    assert feed.status_code == 200
    # The access log is off, so the token never reaches the log.
    assert token not in stderr


def run_serve(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `noticewatch serve` with the store in tmp_path until it exits by itself."""
    command = [str(Path(sys.executable).parent / "noticewatch"), "serve", *args]
    return subprocess.run(
        command,
        env={"NOTICEWATCH_DATA_DIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=STARTUP_LIMIT_SECONDS,
        check=False,
    )


def test_serve_port_in_use_exits_2(tmp_path: Path) -> None:
    with socket.socket() as occupant:
        occupant.bind(("127.0.0.1", 0))
        occupant.listen()
        port = occupant.getsockname()[1]
        result = run_serve(tmp_path, "--port", str(port))

    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "uvicorn" not in result.stderr
    assert "Usage:" not in result.stderr
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith(f"Error: cannot listen on 127.0.0.1:{port} (")
    assert last_line.endswith("pick another --port, or stop the program that uses it")


def test_serve_unknown_host_exits_2(tmp_path: Path) -> None:
    result = run_serve(tmp_path, "--host", "999.1.1.1", "--port", "0")

    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "uvicorn" not in result.stderr
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("Error: --host '999.1.1.1' is not a valid address (")


def test_add_twice_then_feed_keeps_uid(tmp_path: Path, real_notice: Path) -> None:
    source = "https://community.example.test/ssl-certificate-2018"
    first_notice = Path(__file__).parent / "cases" / "zuora-ssl-certificate-2018-v1.txt"
    environment = {"NOTICEWATCH_DATA_DIR": str(tmp_path)}
    runner = CliRunner()
    link = runner.invoke(cli, ["subscribe"], env=environment).output.strip()
    token = link.rsplit("/", 1)[1].removesuffix(".ics")

    first = runner.invoke(cli, ["add", str(first_notice), "--source", source], env=environment)
    with Store.open(f"sqlite:///{tmp_path / 'noticewatch.db'}") as store:
        client = TestClient(create_app(Settings(data_dir=tmp_path), store))
        before = client.get(f"/calendars/{token}.ics")
        second = runner.invoke(cli, ["add", str(real_notice), "--source", source], env=environment)
        conditional = {"If-None-Match": before.headers["etag"]}
        after = client.get(f"/calendars/{token}.ics", headers=conditional)

    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert after.status_code == 200
    los_angeles = ZoneInfo("America/Los_Angeles")
    old = {item.dtstart: item for item in IcsCalendarStream.calendar_from_ics(before.text).events}
    new = {item.dtstart: item for item in IcsCalendarStream.calendar_from_ics(after.text).events}
    september_12 = old[datetime(2018, 9, 12, 7, 0, tzinfo=los_angeles)]
    october_10 = new[datetime(2018, 10, 10, 1, 0, tzinfo=los_angeles)]
    assert october_10.uid == september_12.uid
    assert september_12.sequence == 0
    assert october_10.sequence == 1
    assert october_10.dtend == datetime(2018, 10, 10, 11, 0, tzinfo=los_angeles)
    vanished = [
        datetime(2018, 8, 29, 7, 0, tzinfo=los_angeles),
        datetime(2018, 9, 3, 7, 0, tzinfo=los_angeles),
        datetime(2018, 9, 5, 7, 0, tzinfo=los_angeles),
    ]
    assert set(new) == {*vanished, datetime(2018, 10, 10, 1, 0, tzinfo=los_angeles)}
    for start in vanished:
        assert new[start].uid == old[start].uid
        assert new[start].status == EventStatus.CANCELLED
