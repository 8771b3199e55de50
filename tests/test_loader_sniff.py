"""Choosing a loader from the file name and first bytes, and importing loaders only when used."""

from __future__ import annotations

import subprocess
import sys

import pytest

from parsers.loaders import sniff_format

SNIFF_CASES = [
    pytest.param(b"Plain words", "notice.HTML", "html", id="html-extension-any-case"),
    pytest.param(b"Plain words", "page.htm", "html", id="htm-extension"),
    pytest.param(b"Plain words", "mail.eml", "email", id="eml-extension"),
    pytest.param(b"Plain words", "cal.ics", "icalendar", id="ics-extension"),
    pytest.param(b"<html><body>x</body></html>", "notice.txt", "html", id="html-content"),
    pytest.param(b"\xef\xbb\xbf  <!DOCTYPE html><p>x", "", "html", id="html-after-bom"),
    pytest.param(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "", "icalendar", id="ics-content"),
    pytest.param(b"From: a@example.net\nDate: x\n\nBody", "", "email", id="email-headers"),
    pytest.param(b"Zuora Community\n\nMaintenance on May 1", "", "text", id="page-text"),
    pytest.param(b"<p>fragment without html tag</p>", "", "text", id="fragment-is-text"),
]


@pytest.mark.parametrize(("data", "filename", "expected"), SNIFF_CASES)
def test_sniff_format(data: bytes, filename: str, expected: str) -> None:
    assert sniff_format(data, filename) == expected


def test_parsers_import_defers_format_loaders() -> None:
    code = "import sys, parsers; print(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = set(result.stdout.split())
    assert "bs4" not in loaded
    assert "icalendar" not in loaded
    assert "parsers.loaders.html" not in loaded
