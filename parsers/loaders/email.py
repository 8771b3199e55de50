"""Load an e-mail notice (.eml, RFC 5322 with MIME parts) into a document."""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime
from email import policy
from email.headerregistry import DateHeader
from email.message import EmailMessage, MIMEPart
from email.parser import BytesParser
from email.utils import parseaddr

from parsers.document import Document, Section, SectionKind
from parsers.errors import ParseError
from parsers.profiles import Profile, detect_profile

logger = logging.getLogger(__name__)

_FORWARD_MARKER = re.compile(
    r"^\s*-{2,}\s*(?:forwarded message|original message)\s*-{2,}\s*$", re.IGNORECASE
)


def load_email(
    data: bytes, source: str, profile: Profile | None = None
) -> tuple[Document, Profile]:
    """Load an e-mail: Subject as title, Date as post time, the text/plain part as the body.

    A message without a text/plain part is read from its text/html part. The text starts with
    the subject line and a blank line, so evidence line 1 is the subject. The vendor profile is
    detected from the decoded text when none is given, because a base64 body hides its words.
    """
    message = _parse_message(data, source)
    if not message.keys():
        raise ParseError(
            source,
            "file is not an e-mail message (it has no header lines)",
            "save the whole message with its headers, or name the file .txt if it is plain text",
        )

    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except RecursionError as error:
        raise _too_deep(source) from error
    if part is None:
        raise ParseError(
            source,
            "e-mail has no text/plain or text/html part to read",
            "save a copy of the message that contains its text, not only attachments",
        )
    body_lines = _drop_forwarded_headers(_part_lines(part, source))

    subject = str(message.get("Subject", "") or "").strip()
    lines = [subject, "", *body_lines] if subject else body_lines
    chosen = profile or detect_profile("\n".join(lines))
    author = _sender_name(message)
    logger.debug(
        "read e-mail %s from %s (%s part)",
        message.get("Message-ID"), source, part.get_content_type(),
    )
    document = Document(
        lines=lines,
        source=source,
        title=subject,
        title_line=1 if subject else None,
        posted_at=_date_header(message),
        sections=[Section(SectionKind.BODY, 1, len(lines), author=author, is_staff=True)],
        format="email",
    )
    return document, chosen


def _parse_message(data: bytes, source: str) -> EmailMessage:
    """Parse RFC 5322 bytes with the modern `policy.default` API."""
    try:
        message = BytesParser(policy=policy.default).parsebytes(data)
    except RecursionError as error:
        # The stdlib parser recurses once per nested multipart, so thousands of levels fail.
        raise _too_deep(source) from error
    assert isinstance(message, EmailMessage)  # policy.default builds EmailMessage objects
    return message


def _too_deep(source: str) -> ParseError:
    return ParseError(
        source,
        "e-mail MIME parts are nested too deeply to read",
        "save the notice's own message, not a chain of forwarded attachments",
    )


def _part_lines(part: MIMEPart, source: str) -> list[str]:
    """Decode a text part (quoted-printable or base64, in its charset) into lines."""
    try:
        content = part.get_content()
    except LookupError as error:
        charset = part.get_content_charset()
        raise ParseError(
            source,
            f"e-mail text is in an unknown charset {charset!r}",
            "save the message again as UTF-8",
        ) from error
    if not isinstance(content, str):
        raise ParseError(
            source, "e-mail text part could not be decoded as text", "save the message again"
        )
    text = content.replace("\r\n", "\n").replace("\r", "\n")
    if part.get_content_subtype() == "html":
        # Imported here so a plain-text e-mail does not pay for BeautifulSoup at start-up.
        from parsers.loaders.html_text import parse_markup, render_lines

        soup = parse_markup(text)
        return render_lines(soup.body or soup, frozenset({"nav", "header", "footer"}))
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def _drop_forwarded_headers(lines: list[str]) -> list[str]:
    """Remove the header block a mail client quotes above a forwarded message.

    Its "Date: Thu, 1 Jul 2021 at 11:05" line states when the message was sent, not a window,
    and a wrapped Subject continues on lines without a field name, so the whole block goes:
    from the "Forwarded message" or "Original Message" marker to the first blank line.
    """
    unquoted: list[str] = []
    in_block = False
    for line in lines:
        if _FORWARD_MARKER.match(line):
            in_block = True
            continue
        if in_block and not line.strip():
            in_block = False
        if not in_block:
            unquoted.append(line)
    # NOTE: the post time stays the outer Date (when it was forwarded), because the quoted
    # Date of the original message usually has no zone.
    return unquoted


def _date_header(message: EmailMessage) -> datetime | None:
    """Return the Date header as an aware datetime, or None when it is missing or invalid."""
    header = message.get("Date")
    if not isinstance(header, DateHeader) or header.datetime is None:
        return None
    moment = header.datetime
    # RFC 5322 3.3: "-0000" states a UTC time from a sender whose own zone is unknown. The
    # email package returns such a time as a naive datetime.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _sender_name(message: EmailMessage) -> str | None:
    name, address = parseaddr(str(message.get("From", "") or ""))
    return name or address or None
