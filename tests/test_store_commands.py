"""The add, diff, run, watch and parse-URL commands over a store in a temporary folder."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pytest_httpserver import HTTPServer

from bot.cli import cli
from bot.store import Store
from tests.conftest import CASES_DIR, REPO_ROOT

GOLDEN_DIR = Path(__file__).parent / "golden"
FIRST = CASES_DIR / "zuora-ssl-certificate-2018-v1.txt"
REAL = REPO_ROOT / "data" / "notices" / "zuora-ssl-certificate-2018.txt"
SOURCE = (
    "https://community.zuora.com/t5/Maintenance-Notifications/"
    "ACTION-REQUIRED-Maintenance-to-Update-SSL-Certificate-for-zuora/bc-p/24874/highlight/true"
)


def _invoke(tmp_path: Path, *args: str) -> Result:
    runner = CliRunner()
    env = {"NOTICEWATCH_DATA_DIR": str(tmp_path / "var"), "NOTICEWATCH_CONFIG": ""}
    return runner.invoke(cli, list(args), env=env, catch_exceptions=False)


def _store(tmp_path: Path) -> Store:
    return Store.open(f"sqlite:///{tmp_path / 'var' / 'noticewatch.db'}")


def test_diff_command_real_notice_golden(tmp_path: Path) -> None:
    result = _invoke(tmp_path, "diff", "--source", SOURCE, str(FIRST), str(REAL))
    assert result.exit_code == 0, result.output
    golden = (GOLDEN_DIR / "diff-zuora-ssl-certificate-2018.txt").read_text(encoding="utf-8")
    assert result.stdout == golden


def test_diff_command_authorizenet_golden(tmp_path: Path) -> None:
    old = CASES_DIR / "authorizenet-digicert-migration-v1-2024.txt"
    new = CASES_DIR / "authorizenet-digicert-migration-v2-2024.txt"
    result = _invoke(tmp_path, "diff", str(old), str(new))
    assert result.exit_code == 0, result.output
    golden = (GOLDEN_DIR / "diff-authorizenet-digicert-migration-2024.txt").read_text("utf-8")
    assert result.stdout == golden
    assert "    was 2024-09-17 (all day)\n    now 2024-10-23 to 2024-10-24 (all day)\n" in golden


def test_diff_command_json(tmp_path: Path) -> None:
    result = _invoke(tmp_path, "diff", "--format", "json", str(FIRST), str(REAL))
    assert result.exit_code == 0, result.output
    assert '"has_schedule_change": true' in result.stdout


def test_add_command_matches_diff_and_keeps_id(tmp_path: Path) -> None:
    first = _invoke(tmp_path, "add", "--source", SOURCE, str(FIRST))
    second = _invoke(tmp_path, "add", "--source", SOURCE, str(REAL))
    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert first.stdout == ""
    assert "stored version 1 (4 windows)" in first.stderr
    assert "stored version 2 (5 windows)" in second.stderr
    golden = (GOLDEN_DIR / "diff-zuora-ssl-certificate-2018.txt").read_text(encoding="utf-8")
    assert second.stdout == golden

    with _store(tmp_path) as store:
        [notice] = store.notices()
        versions = store.versions(notice.id)
    september = [w for w in versions[0].schedule.windows if str(w.start).startswith("2018-09-12")]
    october = [w for w in versions[1].schedule.windows if str(w.start).startswith("2018-10-10")]
    assert len(september) == 1
    assert len(october) == 1
    assert october[0].id == september[0].id
    assert versions[0].raw == FIRST.read_bytes()


def test_add_command_unchanged_stores_nothing(tmp_path: Path) -> None:
    _invoke(tmp_path, "add", str(REAL))
    again = _invoke(tmp_path, "add", str(REAL))
    assert again.exit_code == 0, again.output
    assert again.stdout == ""
    assert "unchanged, still version 1" in again.stderr
    with _store(tmp_path) as store:
        [notice] = store.notices()
        assert notice.latest_version == 1


def test_run_command_second_run_stores_nothing(tmp_path: Path) -> None:
    notices = tmp_path / "notices"
    notices.mkdir()
    shutil.copy(FIRST, notices / "zuora-ssl-certificate.txt")
    shutil.copy(CASES_DIR / "stripe-tls12-final-deprecation-2018.txt", notices / "stripe.txt")
    first = _invoke(tmp_path, "run", "--notices", str(notices))
    second = _invoke(tmp_path, "run", "--notices", str(notices))
    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert "Changes to" not in first.stdout
    assert "Changes to" not in second.stdout
    with _store(tmp_path) as store:
        assert [record.latest_version for record in store.notices()] == [1, 1]


def test_run_command_prints_diff_after_edit(tmp_path: Path) -> None:
    notices = tmp_path / "notices"
    notices.mkdir()
    shutil.copy(FIRST, notices / "zuora-ssl-certificate.txt")
    _invoke(tmp_path, "run", "--notices", str(notices))
    shutil.copy(REAL, notices / "zuora-ssl-certificate.txt")
    edited = _invoke(tmp_path, "run", "--notices", str(notices))
    assert edited.exit_code == 0, edited.output
    assert "Changed windows (1, 1 re-dated):" in edited.stdout
    assert "Removed windows (3):" in edited.stdout


def test_watch_once_stores_and_reports(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/notice").respond_with_data(FIRST.read_bytes())
    httpserver.expect_oneshot_request("/notice").respond_with_data(REAL.read_bytes())
    url = httpserver.url_for("/notice")
    options = ["--retries", "0", "--host-delay", "0"]
    first = _invoke(tmp_path, "watch", "--once", *options, url)
    # The second round finds the URL among the stored notices.
    second = _invoke(tmp_path, "watch", "--once", *options)
    assert first.exit_code == 0, first.output
    assert second.exit_code == 0, second.output
    assert f"{url}: stored version 1" in first.stderr
    assert f"{url}: stored version 2" in second.stderr
    assert "Changed windows (1, 1 re-dated):" in second.stdout


def test_watch_once_held_exits_one(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/notice").respond_with_data(b"down", status=500)
    url = httpserver.url_for("/notice")
    result = _invoke(tmp_path, "watch", "--once", "--retries", "0", "--host-delay", "0", url)
    assert result.exit_code == 1, result.output
    assert f"held {url}: fetch failed after 1 attempt," in result.stderr
    with _store(tmp_path) as store:
        assert store.notices() == []


def test_watch_rejects_file_path(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["watch", "--once", "notes.txt"])
    assert result.exit_code == 2
    assert "invalid URL 'notes.txt': watch polls http and https pages only" in result.output


def test_parse_command_url(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/notice").respond_with_data(REAL.read_bytes())
    url = httpserver.url_for("/notice")
    result = _invoke(tmp_path, "parse", "--format", "json", url)
    assert result.exit_code == 0, result.output
    assert f'"source": "{url}"' in result.stdout
    assert '"start": "2018-10-10T08:00:00Z"' in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "missing.txt"], "missing.txt: file not found"),
        (["diff", "missing.txt", "other.txt"], "missing.txt: file not found"),
    ],
    ids=["add-missing-file", "diff-missing-file"],
)
def test_missing_file_exits_two(tmp_path: Path, args: list[str], message: str) -> None:
    env = {"NOTICEWATCH_DATA_DIR": str(tmp_path / "var"), "PATH": ""}
    completed = subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", *args],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=False,
    )
    assert completed.returncode == 2
    assert message in completed.stderr
    assert "Traceback" not in completed.stderr
    assert completed.stderr.count("\n") == 1


def test_parse_command_url_not_found_exit_two(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/gone").respond_with_data(b"not here", status=404)
    url = httpserver.url_for("/gone")
    completed = subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", "parse", url],
        capture_output=True, text=True, env={"PATH": ""}, cwd=tmp_path, check=False,
    )
    assert completed.returncode == 2
    assert completed.stderr == (
        f"error: {url}: server returned HTTP 404; check the URL and the network, then try again\n"
    )


def test_diff_command_reader_zone(tmp_path: Path) -> None:
    result = _invoke(tmp_path, "diff", "--tz", "Asia/Tokyo", str(FIRST), str(REAL))
    assert result.exit_code == 0, result.output
    now = next(line.strip() for line in result.stdout.splitlines() if "now 2018-10-10" in line)
    assert now.endswith("| 2018-10-10 17:00 JST -> 2018-10-11 03:00 JST")


def test_add_to_corrupt_database_exits_two(tmp_path: Path) -> None:
    database = tmp_path / "var" / "noticewatch.db"
    database.parent.mkdir()
    garbage = b"this file was overwritten by another program\n" * 100
    database.write_bytes(garbage)
    env = {"NOTICEWATCH_DATA_DIR": str(tmp_path / "var"), "PATH": ""}
    completed = subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", "add", str(REAL)],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=False,
    )

    assert completed.returncode == 2
    assert completed.stderr.count("\n") == 1
    assert f"cannot open the store at sqlite:///{database}: file is not a database" in (
        completed.stderr
    )
    assert "is a noticewatch SQLite database" in completed.stderr
    assert "database is running" not in completed.stderr
    assert database.read_bytes() == garbage
