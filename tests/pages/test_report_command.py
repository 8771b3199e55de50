"""`noticewatch report` and the reports `noticewatch run` writes."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import lxml.html  # type: ignore[import-untyped]  # lxml ships no type hints
import pytest
from click.testing import CliRunner

from bot.cli import cli
from bot.pages.html_shell import content_security_policy

HOSTILE_NOTICE = (
    "Maintenance <script>alert(1)</script> for <b>rest.zuora.com</b>\n"
    "\n"
    "Zuora Staff\n"
    "\n"
    "We will update <img src=x onerror=alert(2)> the certificate on October 10th, 2018.\n"
)


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Point settings at a fresh data folder and unset the variables that would leak in."""
    for name in ("NOTICEWATCH_CONFIG", "NOTICEWATCH_NOW", "NOTICEWATCH_OUTPUT_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NOTICEWATCH_DATA_DIR", str(tmp_path / "var"))
    return tmp_path


def test_report_writes_html_and_svg(environment: Path, real_notice: Path) -> None:
    output = environment / "reports"
    result = CliRunner().invoke(
        cli, ["report", str(real_notice), "-o", str(output), "--now", "2018-09-04T12:00:00Z"]
    )
    assert result.exit_code == 0, result.output

    html_file = output / "zuora-ssl-certificate-2018.html"
    svg_file = output / "zuora-ssl-certificate-2018.svg"
    assert result.output.split() == [str(html_file), str(svg_file)]
    tree = lxml.html.document_fromstring(html_file.read_text(encoding="utf-8"))
    policy = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    assert policy == [content_security_policy(for_meta=True)]
    assert "Page made 2018-09-04 12:00 UTC." in tree.xpath("string(//body)")
    root = ElementTree.parse(svg_file).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_report_renders_hostile_notice_as_text(environment: Path) -> None:
    notice = environment / "hostile.txt"
    notice.write_text(HOSTILE_NOTICE, encoding="utf-8")
    output = environment / "reports"
    result = CliRunner().invoke(
        cli, ["report", str(notice), "-o", str(output), "--now", "2018-09-04T12:00:00Z"]
    )
    assert result.exit_code == 0, result.output

    page = (output / "hostile.html").read_text(encoding="utf-8")
    tree = lxml.html.document_fromstring(page)
    assert len(tree.xpath("//script")) == 1
    assert tree.xpath("//b") == []
    assert (
        tree.findtext(".//h1") == "Maintenance <script>alert(1)</script> for <b>rest.zuora.com</b>"
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    svg = (output / "hostile.svg").read_text(encoding="utf-8")
    assert "<script" not in svg


def test_report_rejects_naive_now(environment: Path, real_notice: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from bot.cli import main; main()",
            "report",
            str(real_notice),
            "-o",
            str(environment / "reports"),
            "--now",
            "2018-09-04T12:00:00",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "has no UTC offset" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (environment / "reports").exists()


def test_report_missing_file_writes_nothing(environment: Path, real_notice: Path) -> None:
    missing = environment / "missing.txt"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from bot.cli import main; main()",
            "report",
            str(real_notice),
            str(missing),
            "-o",
            str(environment / "reports"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert str(missing) in result.stderr
    assert "Traceback" not in result.stderr
    assert not (environment / "reports").exists()


def test_report_rejects_repeated_file_names(environment: Path, real_notice: Path) -> None:
    copy = environment / "copy" / real_notice.name
    copy.parent.mkdir()
    copy.write_bytes(real_notice.read_bytes())
    result = CliRunner().invoke(
        cli, ["report", str(real_notice), str(copy), "-o", str(environment / "reports")]
    )
    assert result.exit_code == 2
    assert "several notice files are named zuora-ssl-certificate-2018" in result.output


def test_report_rejects_unknown_zone(environment: Path, real_notice: Path) -> None:
    result = CliRunner().invoke(
        cli, ["report", str(real_notice), "-o", str(environment / "r"), "--tz", "Mars/Olympus"]
    )
    assert result.exit_code == 2
    assert "Invalid value for '--tz': unknown time zone 'Mars/Olympus'" in result.output


def test_report_bad_now_names_option(environment: Path, real_notice: Path) -> None:
    result = CliRunner().invoke(
        cli, ["report", str(real_notice), "-o", str(environment / "r"), "--now", "tomorrow"]
    )
    assert result.exit_code == 2
    assert "Invalid value for '--now': 'tomorrow' is not an ISO 8601 time" in result.output
    assert "NOTICEWATCH_NOW" not in result.output
    assert not (environment / "r").exists()


def test_run_writes_report_per_notice(
    environment: Path, real_notice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NOTICEWATCH_NOW", "2018-09-04T12:00:00Z")
    result = CliRunner().invoke(cli, ["run", "--notices", str(real_notice.parent)])
    assert result.exit_code == 0, result.output

    reports = environment / "var" / "out" / "reports"
    assert sorted(path.name for path in reports.iterdir()) == [
        "zuora-ssl-certificate-2018.html",
        "zuora-ssl-certificate-2018.svg",
    ]
    page = (reports / "zuora-ssl-certificate-2018.html").read_text(encoding="utf-8")
    assert "Page made 2018-09-04 12:00 UTC." in page
