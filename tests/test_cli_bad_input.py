"""`noticewatch parse` on bad input: exit status 2 and one sentence on stderr, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from bot.cli import main
from parsers.loaders import MAX_NOTICE_BYTES

FIXTURES = Path(__file__).parent / "fixtures"
NOTICEWATCH = Path(sys.executable).parent / "noticewatch"
PNG_HEAD = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"


@dataclass
class Run:
    """What one CLI run produced."""

    exit_code: int
    stdout: str
    stderr: str


def run_main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> Run:
    """Run `bot.cli.main()` in-process, as the installed `noticewatch` script does."""
    monkeypatch.setattr(sys, "argv", ["noticewatch", *args])
    try:
        main()
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    else:
        code = 0
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def run_installed(*args: str, cwd: Path) -> Run:
    """Run the installed `noticewatch` command in a subprocess."""
    completed = subprocess.run(
        [str(NOTICEWATCH), *args], capture_output=True, text=True, cwd=cwd, timeout=60, check=False
    )
    return Run(completed.returncode, completed.stdout, completed.stderr)


def assert_one_sentence(run: Run, path: str, words: str) -> None:
    """Check exit status 2 and one stderr line that names the file, the problem and a fix."""
    assert run.exit_code == 2, run.stderr
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert path in lines[0]
    assert words in lines[0]
    assert "; " in lines[0], "the message should say what to do"


def write_attachment_only_email(path: Path) -> None:
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = "noc@example.net"
    message["Subject"] = "Maintenance calendar attached"
    message.make_mixed()
    message.add_attachment(b"%PDF-1.4\n", maintype="application", subtype="pdf", filename="m.pdf")
    path.write_bytes(message.as_bytes())


def deeply_nested_email(depth: int) -> bytes:
    """Build an e-mail whose text part sits `depth` multipart levels down."""
    lines = ["From: noc@example.net", "Subject: Nested", "MIME-Version: 1.0"]
    for level in range(depth):
        lines += [f'Content-Type: multipart/mixed; boundary="level{level}"', "", f"--level{level}"]
    lines += ["Content-Type: text/plain", "", "Maintenance on May 1, 2023."]
    lines += [f"--level{level}--" for level in reversed(range(depth))]
    return "\n".join(lines).encode()


def make_bad_input(kind: str, tmp_path: Path) -> Path:
    """Create one kind of bad notice file under tmp_path and return its path."""
    path = tmp_path / f"{kind}.txt"
    if kind == "missing":
        return path
    if kind == "directory":
        path.mkdir()
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "blank":
        path.write_bytes(b" \n\n\t\n")
    elif kind == "utf16":
        path.write_text("Maintenance on May 1, 2023", encoding="utf-16")
    elif kind == "two-calendars":
        path = tmp_path / "two.ics"
        event = "BEGIN:VEVENT\r\nDTSTART:20240101T000000Z\r\nEND:VEVENT\r\n"
        calendar = f"BEGIN:VCALENDAR\r\n{event}END:VCALENDAR\r\n"
        path.write_text(calendar * 2, newline="")
    elif kind == "nested-eml":
        path = tmp_path / "nested.eml"
        path.write_bytes(deeply_nested_email(3000))
    elif kind == "binary":
        path.write_bytes(PNG_HEAD + bytes(range(256)))
    elif kind == "invalid-utf8":
        path.write_bytes(b"Maintenance on caf\xe9 servers, May 1 2023\n")
    elif kind == "oversize":
        # A sparse file: its size is over the limit without writing megabytes to disk.
        with path.open("wb") as handle:
            handle.truncate(MAX_NOTICE_BYTES + 1)
    elif kind == "broken-ics":
        path = tmp_path / "broken.ics"
        path.write_bytes(b"BEGIN:VCALENDAR\r\nthis line is not ical\r\nEND:VCALENDAR\r\n")
    elif kind == "no-text-eml":
        path = tmp_path / "attachment.eml"
        write_attachment_only_email(path)
    elif kind == "empty-html":
        path = tmp_path / "empty.html"
        path.write_text("<html><head><script>x()</script></head><body></body></html>")
    return path


BAD_INPUTS = [
    pytest.param("missing", "file not found", id="missing"),
    pytest.param("directory", "is a directory", id="directory"),
    pytest.param("empty", "file is empty", id="empty"),
    pytest.param("blank", "file is empty", id="blank"),
    pytest.param("binary", "file is binary", id="binary"),
    pytest.param("invalid-utf8", "not valid UTF-8 (byte 18)", id="invalid-utf8"),
    pytest.param("utf16", "file is UTF-16 text, not UTF-8", id="utf16"),
    pytest.param("two-calendars", "Found multiple components", id="two-calendars"),
    pytest.param("oversize", f"over the {MAX_NOTICE_BYTES}-byte limit", id="oversize"),
    pytest.param("broken-ics", "not a valid iCalendar file", id="broken-ics"),
    pytest.param("no-text-eml", "no text/plain or text/html part", id="no-text-eml"),
    pytest.param("nested-eml", "MIME parts are nested too deeply", id="nested-eml"),
    pytest.param("empty-html", "contains no readable text", id="empty-html"),
]


@pytest.mark.parametrize("output_format", ["table", "json"])
@pytest.mark.parametrize(("kind", "words"), BAD_INPUTS)
def test_parse_bad_input_exits_2(
    kind: str,
    words: str,
    output_format: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = make_bad_input(kind, tmp_path)
    run = run_main(monkeypatch, capsys, "parse", str(path), "--format", output_format)
    assert_one_sentence(run, str(path), words)


def test_unknown_vendor_exits_2(
    real_notice: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_main(monkeypatch, capsys, "parse", str(real_notice), "--vendor", "nosuchvendor")
    assert run.exit_code == 2
    assert "no profile named 'nosuchvendor'" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize("command", ["parse", "add"])
def test_unsupported_url_scheme_exits_2(
    command: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("NOTICEWATCH_DATA_DIR", str(tmp_path))
    run = run_main(monkeypatch, capsys, command, "ftp://127.0.0.1/notice.txt")
    assert_one_sentence(run, "ftp://127.0.0.1/notice.txt", "unsupported URL scheme 'ftp'")


def test_notice_without_dates_is_empty_schedule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "no-dates.txt"
    path.write_text("Certificate update\n\nWe will update our certificates soon after review.\n")
    run = run_main(monkeypatch, capsys, "parse", str(path), "--format", "json")
    assert run.exit_code == 0, run.stderr
    schedule = json.loads(run.stdout)
    assert schedule["windows"] == []
    assert schedule["notice"]["title"] == "Certificate update"


@pytest.mark.parametrize(
    ("name", "title"),
    [
        pytest.param("sandbox-maintenance-article.html", "Sandbox certificate rotation", id="html"),
        pytest.param(
            "sandbox-certificate-renewal.eml",
            "Scheduled maintenance: sandbox certificate renewal – May 13, 2023",
            id="email",
        ),
        pytest.param(
            "example-net-maintenance.ics", "Sandbox gateway certificate renewal", id="ics"
        ),
    ],
)
def test_parse_each_format_exits_0(
    name: str, title: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_main(monkeypatch, capsys, "parse", str(FIXTURES / name), "--format", "json")
    assert run.exit_code == 0, run.stderr
    assert json.loads(run.stdout)["notice"]["title"] == title


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        pytest.param("missing", "file not found", id="missing"),
        pytest.param("invalid-utf8", "not valid UTF-8", id="invalid-utf8"),
        pytest.param("broken-ics", "not a valid iCalendar file", id="broken-ics"),
        pytest.param("no-text-eml", "no text/plain or text/html part", id="no-text-eml"),
    ],
)
def test_installed_command_bad_input(kind: str, words: str, tmp_path: Path) -> None:
    path = make_bad_input(kind, tmp_path)
    run = run_installed("parse", str(path), cwd=tmp_path)
    assert_one_sentence(run, str(path), words)


def test_installed_command_parses_calendar(tmp_path: Path) -> None:
    run = run_installed(
        "parse", str(FIXTURES / "example-net-maintenance.ics"), "--format", "json", cwd=tmp_path
    )
    assert run.exit_code == 0, run.stderr
    schedule = json.loads(run.stdout)
    assert [window["status"] for window in schedule["windows"]] == [
        "scheduled",
        "tentative",
        "cancelled",
        "completed",
    ]
