"""The parse options, `check` and `affects` through the installed command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CASES_DIR

COMMAND = Path(sys.executable).parent / "noticewatch"
REAL_CASE = CASES_DIR / "zuora-ssl-certificate-2018.txt"
QUIET_NOTICE = "Zuora Support\n\nWe thank you for using Zuora. Nothing changes.\n"


def run_cli(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed command with NOTICEWATCH_* variables of the caller removed."""
    clean = {
        name: value for name, value in os.environ.items() if not name.startswith("NOTICEWATCH_")
    }
    clean.update(env or {})
    return subprocess.run(
        [str(COMMAND), *args], capture_output=True, text=True, cwd=cwd, env=clean, check=False
    )


@pytest.fixture
def quiet_notice(tmp_path: Path) -> Path:
    """A notice with no date and no host, so no check can raise a flag."""
    path = tmp_path / "quiet.txt"
    path.write_text(QUIET_NOTICE, encoding="utf-8")
    return path


def assert_one_error(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert expected in result.stderr
    assert result.stdout == ""


def test_parse_posted_at_date(tmp_path: Path) -> None:
    result = run_cli(
        "parse", str(REAL_CASE), "--format", "json", "--posted-at", "2018-08-24", cwd=tmp_path
    )
    assert result.returncode in (0, 1), result.stderr
    assert json.loads(result.stdout)["notice"]["posted_at"] == "2018-08-24"


def test_parse_posted_at_vendor_zone(tmp_path: Path) -> None:
    # A time without offset takes Zuora's zone: Pacific, PDT (UTC-7) in August 2018.
    result = run_cli(
        "parse", str(REAL_CASE), "--format", "json", "--posted-at", "2018-08-24T18:00", cwd=tmp_path
    )
    assert result.returncode in (0, 1), result.stderr
    assert json.loads(result.stdout)["notice"]["posted_at"] == "2018-08-24T18:00:00-07:00"


def test_parse_bad_posted_at(tmp_path: Path) -> None:
    result = run_cli("parse", str(REAL_CASE), "--posted-at", "last Friday", cwd=tmp_path)
    assert_one_error(result, "'last Friday' is not an ISO date or time")


def test_parse_bad_tz(tmp_path: Path) -> None:
    result = run_cli("parse", str(REAL_CASE), "--tz", "Mars/Base", cwd=tmp_path)
    assert_one_error(result, "unknown time zone 'Mars/Base'")


def test_parse_missing_config(tmp_path: Path) -> None:
    result = run_cli("parse", str(REAL_CASE), "--config", str(tmp_path / "none.toml"), cwd=tmp_path)
    assert_one_error(result, "settings file not found")


def test_parse_bad_environment_value(tmp_path: Path) -> None:
    result = run_cli(
        "parse", str(REAL_CASE), cwd=tmp_path, env={"NOTICEWATCH_SHORT_NOTICE_DAYS": "two weeks"}
    )
    assert_one_error(result, "setting short_notice_days: input should be a valid integer")
    assert len(result.stderr.strip().splitlines()) == 1


def test_check_without_flags_exits_zero(tmp_path: Path, quiet_notice: Path) -> None:
    result = run_cli("check", str(quiet_notice), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{quiet_notice}: 0 flags\n"


def test_check_missing_file(tmp_path: Path) -> None:
    result = run_cli("check", str(tmp_path / "absent.txt"), cwd=tmp_path)
    assert_one_error(result, "absent.txt: file not found")


def test_affects_without_hosts(tmp_path: Path, quiet_notice: Path) -> None:
    result = run_cli("affects", str(quiet_notice), cwd=tmp_path)
    assert_one_error(result, "no host given; pass --host HOST or set hosts in the settings file")


def test_affects_hosts_from_settings(tmp_path: Path, quiet_notice: Path) -> None:
    config = tmp_path / "settings.toml"
    config.write_text('hosts = ["rest.zuora.com"]\n', encoding="utf-8")
    result = run_cli(
        "affects",
        str(quiet_notice),
        "--config",
        str(config),
        "--now",
        "2018-09-01T00:00:00Z",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("rest.zuora.com in ")
    assert "no window of this notice changes it" in result.stdout


def test_affects_now_needs_offset(tmp_path: Path, quiet_notice: Path) -> None:
    result = run_cli(
        "affects",
        str(quiet_notice),
        "--host",
        "rest.zuora.com",
        cwd=tmp_path,
        env={"NOTICEWATCH_NOW": "2018-09-01T00:00:00"},
    )
    assert_one_error(result, "'2018-09-01T00:00:00' has no UTC offset")


def test_affects_default_folder_missing(tmp_path: Path) -> None:
    result = run_cli("affects", "--host", "rest.zuora.com", cwd=tmp_path)
    assert_one_error(result, "data/notices: notices folder not found")


def test_check_real_notice_exits_one(tmp_path: Path) -> None:
    result = run_cli("check", str(REAL_CASE), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert (
        "warning holiday [comment]: The window on 2018-09-03 07:00 PDT falls on a public "
        "holiday: 2018-09-03 is Labor Day (US)." in result.stdout
    )


def test_check_info_severity_exits_zero(tmp_path: Path) -> None:
    # With every code of the real notice lowered to info, nothing is left to fail on.
    config = tmp_path / "settings.toml"
    codes = json.loads(run_cli("check", str(REAL_CASE), "--format", "json", cwd=tmp_path).stdout)
    names = sorted({flag["code"] for flag in codes[0]["flags"]})
    config.write_text("[severities]\n" + "".join(f'{name} = "info"\n' for name in names))
    result = run_cli("check", str(REAL_CASE), "--config", str(config), cwd=tmp_path)
    assert result.returncode == 0, result.stdout


def test_affects_real_notice(tmp_path: Path) -> None:
    # apisandbox-api.zuora.com is one label under *.zuora.com (October 10 window).
    # rest.apisandbox.zuora.com is two labels deep, so only the vendor's phrase
    # "<anything>*zuora.com" may cover it. The reply-quoted September 12 window lists it.
    result = run_cli(
        "affects",
        str(REAL_CASE),
        "--host",
        "apisandbox-api.zuora.com",
        "--host",
        "rest.apisandbox.zuora.com",
        "--now",
        "2018-09-01T00:00:00Z",
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    first, second = json.loads(result.stdout)
    assert first["host"] == "apisandbox-api.zuora.com"
    assert [(m["start"], m["coverage"], m["pattern"], m["timing"]) for m in first["confirmed"]] == [
        ("2018-10-10T08:00:00Z", "wildcard", "*.zuora.com", "upcoming")
    ]
    assert "zuora-com-root.cer" in first["bundles"]
    assert second["host"] == "rest.apisandbox.zuora.com"
    assert [(m["start"], m["coverage"], m["pattern"]) for m in second["confirmed"]] == [
        ("2018-10-10T08:00:00Z", "possibly", "<anything>*zuora.com")
    ]
    assert [(m["start"], m["coverage"]) for m in second["unconfirmed"]] == [
        ("2018-09-12T14:00:00Z", "exact")
    ]
