"""The `ics` and `run` commands write calendars that a strict parser reads."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from click.testing import CliRunner
from ical.calendar_stream import IcsCalendarStream
from ical.event import EventStatus

from bot.cli import cli
from bot.store import Store
from parsers import ParseOptions, parse_file
from tests.conftest import CASES_DIR

NOTICEWATCH = Path(sys.executable).parent / "noticewatch"


def test_ics_output_file_matches_stdout(tmp_path: Path, real_notice: Path) -> None:
    environment = {"NOTICEWATCH_DATA_DIR": str(tmp_path)}
    output = tmp_path / "notice.ics"
    runner = CliRunner()

    written = runner.invoke(cli, ["ics", str(real_notice), "-o", str(output)], env=environment)
    printed = runner.invoke(cli, ["ics", str(real_notice)], env=environment)

    assert written.exit_code == 0, written.output
    assert printed.exit_code == 0, printed.output
    assert output.read_bytes() == printed.stdout_bytes
    calendar = IcsCalendarStream.calendar_from_ics(output.read_text(encoding="utf-8"))
    assert calendar.prodid == "-//noticewatch//Vendor maintenance calendar//EN"


def test_ics_real_notice_october_event(tmp_path: Path, real_notice: Path) -> None:
    environment = {"NOTICEWATCH_DATA_DIR": str(tmp_path)}
    result = CliRunner().invoke(cli, ["ics", str(real_notice)], env=environment)

    assert result.exit_code == 0, result.output
    calendar = IcsCalendarStream.calendar_from_ics(result.stdout)
    assert len(calendar.events) == 1
    event = calendar.events[0]
    los_angeles = ZoneInfo("America/Los_Angeles")
    assert event.dtstart == datetime(2018, 10, 10, 1, 0, tzinfo=los_angeles)
    assert event.dtend == datetime(2018, 10, 10, 11, 0, tzinfo=los_angeles)
    assert isinstance(event.dtstart, datetime)
    assert str(event.dtstart.tzinfo) == "America/Los_Angeles"
    assert event.status == EventStatus.CONFIRMED
    assert event.sequence == 0


def test_ics_creates_no_store(tmp_path: Path, real_notice: Path) -> None:
    environment = {"NOTICEWATCH_DATA_DIR": str(tmp_path)}
    result = CliRunner().invoke(cli, ["ics", str(real_notice)], env=environment)

    assert result.exit_code == 0, result.output
    assert not (tmp_path / "noticewatch.db").exists()


def test_ics_missing_file_exit_2(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = subprocess.run(
        [str(NOTICEWATCH), "ics", str(missing)],
        capture_output=True, text=True, check=False, env={"NOTICEWATCH_DATA_DIR": str(tmp_path)},
    )

    assert result.returncode == 2
    assert result.stderr == f"error: {missing}: file not found; check the path\n"
    assert result.stdout == ""


def test_run_writes_notice_and_combined_calendars(tmp_path: Path, real_notice: Path) -> None:
    notices = tmp_path / "notices"
    notices.mkdir()
    (notices / real_notice.name).write_bytes(real_notice.read_bytes())
    environment = {"NOTICEWATCH_DATA_DIR": str(tmp_path / "var")}

    result = CliRunner().invoke(cli, ["run", "--notices", str(notices)], env=environment)

    assert result.exit_code == 0, result.output
    folder = tmp_path / "var" / "out" / "calendars"
    written = sorted(path.name for path in folder.iterdir())
    assert len(written) == 2
    assert "all-notices.ics" in written
    assert f"calendars: 1 notice calendar and all-notices.ics in {folder}" in result.output
    for path in folder.iterdir():
        IcsCalendarStream.calendar_from_ics(path.read_text(encoding="utf-8"))


def test_ics_stored_notice_uses_store_ids(tmp_path: Path, real_notice: Path) -> None:
    source = "https://community.example.test/ssl-certificate-2018"
    first_path = CASES_DIR / "zuora-ssl-certificate-2018-v1.txt"
    with Store.open(f"sqlite:///{tmp_path / 'noticewatch.db'}") as store:
        for path, day in ((first_path, 24), (real_notice, 28)):
            schedule = parse_file(path, ParseOptions(source=source))
            stored_at = datetime(2018, 8, day, tzinfo=ZoneInfo("UTC"))
            store.add_version(schedule, path.read_bytes(), stored_at=stored_at, source_url=source)
        states = {state.window.start: state for state in store.window_states(schedule.notice.id)}
    environment = {"NOTICEWATCH_DATA_DIR": str(tmp_path)}

    result = CliRunner().invoke(
        cli, ["ics", str(real_notice), "--source", source], env=environment
    )

    assert result.exit_code == 0, result.output
    events = IcsCalendarStream.calendar_from_ics(result.stdout).events
    october_10 = datetime(2018, 10, 10, 8, 0, tzinfo=ZoneInfo("UTC"))
    by_uid = {event.uid: event for event in events}
    assert by_uid[states[october_10].window_id].sequence == states[october_10].sequence
    assert states[october_10].sequence == 1
    assert len(events) == 4
    statuses = sorted(event.status for event in events if event.status is not None)
    assert statuses == [EventStatus.CANCELLED] * 3 + [EventStatus.CONFIRMED]


def test_ics_environment_and_host_filters(tmp_path: Path, real_notice: Path) -> None:
    environment = {"NOTICEWATCH_DATA_DIR": str(tmp_path)}

    def event_count(*options: str) -> int:
        result = CliRunner().invoke(cli, ["ics", str(real_notice), *options], env=environment)
        assert result.exit_code == 0, result.output
        return len(IcsCalendarStream.calendar_from_ics(result.stdout).events)

    # The Oct 10 window changes production, sandbox and PT1, and its *.zuora.com covers
    # rest.zuora.com; sandbox.eu.zuora.com is named as not changing.
    assert event_count("--environment", "sandbox") == 1
    assert event_count("--environment", "services") == 0
    assert event_count("--host", "REST.zuora.com") == 1
    assert event_count("--host", "sandbox.eu.zuora.com") == 0
