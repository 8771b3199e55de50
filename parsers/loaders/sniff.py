"""Tell a notice's format (page text, HTML, e-mail, iCalendar) from its name and first bytes."""

from __future__ import annotations

import re

_HEADER_LINE = re.compile(rb"^[!-9;-~]+:")
"""A header field name: printable ASCII other than the colon, followed by a colon."""
_KNOWN_HEADERS = frozenset(
    {
        b"from", b"to", b"date", b"subject", b"message-id", b"mime-version", b"received",
        b"return-path", b"delivered-to", b"content-type", b"reply-to",
    }
)
_MIN_KNOWN_HEADERS = 2
"""Header fields of this list a file must start with to be taken as e-mail without `.eml`."""


def sniff_format(data: bytes, filename: str = "") -> str:
    """Guess the format of a notice from its file name, else from its first bytes."""
    name = filename.lower()
    if name.endswith((".html", ".htm")):
        return "html"
    if name.endswith(".eml"):
        return "email"
    if name.endswith(".ics"):
        return "icalendar"
    head = data[:2048].lstrip().lower()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:].lstrip()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"<?xml") and b"<html" in head:
        return "html"
    if head.startswith(b"begin:vcalendar"):
        return "icalendar"
    if looks_like_email(data):
        return "email"
    return "text"


def looks_like_email(data: bytes) -> bool:
    """Return whether the bytes start with an RFC 5322 header block naming common fields."""
    head = data[:8192].replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
    lines = head.split(b"\n")
    if lines and lines[0].startswith(b"From "):
        # The envelope line that starts each message in an mbox file, not a header field.
        lines = lines[1:]
    if not lines or not _HEADER_LINE.match(lines[0]):
        return False
    names = {
        line.split(b":", 1)[0].strip().lower() for line in lines if _HEADER_LINE.match(line)
    }
    return len(names & _KNOWN_HEADERS) >= _MIN_KNOWN_HEADERS
