"""Turn a notice file or its bytes into a `Document`, whatever format it came in."""

from __future__ import annotations

import codecs
from pathlib import Path

from parsers.document import Document
from parsers.errors import InputError
from parsers.loaders.sniff import sniff_format
from parsers.loaders.text import load_page_text
from parsers.profiles import Profile, detect_profile

__all__ = [
    "MAX_NOTICE_BYTES",
    "check_notice_bytes",
    "decode_notice",
    "load_bytes",
    "load_path",
    "read_notice_bytes",
    "sniff_format",
]

MAX_NOTICE_BYTES = 5 * 1024 * 1024
"""Largest notice accepted: community pages with markup stay far below 1 MiB."""


def read_notice_bytes(path: Path, max_bytes: int = MAX_NOTICE_BYTES) -> bytes:
    """Read a notice file, rejecting what cannot be a notice before any parsing starts."""
    source = str(path)
    if not path.exists():
        raise InputError(source, "file not found", "check the path")
    if path.is_dir():
        raise InputError(source, "is a directory, not a notice file", "name a file inside it")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                source,
                f"file is {size} bytes, over the {max_bytes}-byte limit for a notice",
                "save only the notice page or split the file",
            )
        data = path.read_bytes()
    except PermissionError as error:
        raise InputError(source, "permission denied", "make the file readable") from error
    except OSError as error:
        raise InputError(source, f"cannot be read ({error.strerror})", "check the file") from error
    return data


def check_notice_bytes(data: bytes, source: str) -> None:
    """Reject empty and binary content, whatever format the notice claims."""
    if not data.strip():
        raise InputError(source, "file is empty", "save the notice text into it")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError(
            source,
            "file is UTF-16 text, not UTF-8",
            "convert it to UTF-8, for example with iconv -f UTF-16 -t UTF-8",
        )
    if b"\x00" in data[:8192]:
        raise InputError(
            source, "file is binary, not text", "save the notice as text, HTML, .eml or .ics"
        )


def decode_notice(data: bytes, source: str, declared_charset: str | None = None) -> str:
    """Decode notice bytes as UTF-8 text, rejecting empty and binary content.

    Bytes that are not UTF-8 are decoded in `declared_charset` when the file declares one
    (an HTML page's `<meta charset>`).
    """
    check_notice_bytes(data, source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if declared_charset is None:
            raise InputError(
                source,
                f"file is not valid UTF-8 (byte {error.start})",
                "convert it to UTF-8, for example with iconv",
            ) from error
        text = _decode_declared(data, source, declared_charset)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_declared(data: bytes, source: str, charset: str) -> str:
    try:
        return data.decode(charset)
    except (LookupError, UnicodeDecodeError) as error:
        raise InputError(
            source,
            f"file is neither valid UTF-8 nor valid {charset}, the charset it declares",
            "convert it to UTF-8, for example with iconv",
        ) from error


def load_bytes(
    data: bytes, source: str, *, filename: str = "", profile: Profile | None = None
) -> tuple[Document, Profile]:
    """Load notice bytes into a document and pick its vendor profile (unless one is given).

    E-mail is parsed from bytes, because each MIME part names its own charset. HTML may be in
    the charset its `<meta>` declares. Every other format must be UTF-8.
    """
    # Each format's loader is imported when a notice of that format arrives, because importing
    # BeautifulSoup and icalendar slowed every cold start (by about 0.1 s for a text notice,
    # measured with `noticewatch parse` on a loaded 2-core machine).
    fmt = sniff_format(data, filename or source)
    if fmt == "email":
        from parsers.loaders.email import load_email

        check_notice_bytes(data, source)
        return load_email(data, source, profile)

    if fmt == "html":
        from parsers.loaders.html import declared_charset, load_html

        text = decode_notice(data, source, declared_charset(data))
        chosen = profile or detect_profile(text)
        return load_html(text, source, chosen), chosen

    text = decode_notice(data, source)
    chosen = profile or detect_profile(text)
    if fmt == "icalendar":
        from parsers.loaders.icalendar import load_icalendar

        return load_icalendar(text, source, chosen), chosen
    return load_page_text(text, source, chosen), chosen


def load_path(
    path: Path, *, profile: Profile | None = None, max_bytes: int = MAX_NOTICE_BYTES
) -> tuple[Document, Profile]:
    """Load a notice file into a document and pick its vendor profile."""
    return load_bytes(read_notice_bytes(path, max_bytes), str(path), profile=profile)
