"""`noticewatch parse` and `run`, in-process through CliRunner and through the installed command."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from bot.cli import cli

NOTICEWATCH = str(Path(sys.executable).parent / "noticewatch")


def test_parse_json_contract(real_notice: Path) -> None:
    result = CliRunner().invoke(cli, ["parse", str(real_notice), "--format", "json"])
    assert result.exit_code == 0, result.output
    output = json.loads(result.output)
    assert len(output["windows"]) == 5
    assert output["windows"][0]["timezone"] == "America/Los_Angeles"


def test_parse_table_shows_utc_and_local(real_notice: Path) -> None:
    result = CliRunner().invoke(cli, ["parse", str(real_notice)])
    assert result.exit_code == 0, result.output
    assert "2018-10-10 08:00 UTC -> 2018-10-10 18:00 UTC" in result.output
    assert "2018-10-10 01:00 PDT -> 2018-10-10 11:00 PDT" in result.output
    assert "[quoted in a reply]" in result.output
    assert "COMODORSACa.crt (keytool alias Zuora-COMODORSACa.crt)" in result.output


def test_parse_markdown_has_window_table(real_notice: Path) -> None:
    result = CliRunner().invoke(cli, ["parse", str(real_notice), "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert "| 1 | scheduled | notice | production, sandbox, test |" in result.output


def test_parse_unknown_vendor_is_usage_error(real_notice: Path) -> None:
    result = subprocess.run(
        [NOTICEWATCH, "parse", str(real_notice), "--vendor", "nosuchvendor"],
        capture_output=True, text=True,
    )
    assert result.returncode == 2
    assert "no profile named 'nosuchvendor'" in result.stderr
    assert "Traceback" not in result.stderr


def test_installed_command_parses_real_notice(real_notice: Path) -> None:
    result = subprocess.run([NOTICEWATCH, "parse", str(real_notice), "--format", "json"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["notice"]["vendor"] == "zuora"


def test_installed_command_version() -> None:
    result = subprocess.run([NOTICEWATCH, "--version"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert result.stdout.startswith("noticewatch, version ")


def test_run_prints_every_bundled_notice(tmp_path: Path, real_notice: Path) -> None:
    notices = tmp_path / "notices"
    notices.mkdir()
    shutil.copy(real_notice, notices / real_notice.name)
    result = subprocess.run(
        [NOTICEWATCH, "run", "--notices", str(notices)], capture_output=True, text=True,
        cwd=tmp_path, check=False, env={"PATH": "/usr/bin:/bin", "NOTICEWATCH_DATA_DIR": str(tmp_path / "var")},
    )
    assert result.returncode == 0, result.stderr
    assert "Maintenance to Update SSL Certificate" in result.stdout
