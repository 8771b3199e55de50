"""Loading e-mail notices: headers, MIME parts, transfer encodings and charsets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from parsers import parse_bytes, parse_file
from parsers.document import SectionKind
from parsers.errors import ParseError
from parsers.loaders import load_bytes, load_path, sniff_format
from parsers.loaders.sniff import looks_like_email

FIXTURES = Path(__file__).parent / "fixtures"
RENEWAL = FIXTURES / "sandbox-certificate-renewal.eml"
HTML_ONLY = FIXTURES / "api-sandbox-maintenance-html-only.eml"
PACIFIC_DAYLIGHT = timezone(timedelta(hours=-7))


def build_message(body: str, *, subtype: str = "plain", cte: str = "7bit", **headers: str) -> bytes:
    """Build a one-part e-mail with the given headers (underscores in names become hyphens)."""
    message = EmailMessage(policy=policy.SMTP)
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body, subtype=subtype, cte=cte)
    return message.as_bytes()


def test_subject_is_title_and_line_one() -> None:
    document, _ = load_path(RENEWAL)
    assert document.title == "Scheduled maintenance: sandbox certificate renewal – May 13, 2023"
    assert document.title_line == 1
    assert document.line(1) == document.title
    assert document.line(2) == ""


def test_date_header_is_post_time() -> None:
    document, _ = load_path(RENEWAL)
    assert document.posted_at == datetime(2023, 5, 2, 9, 30, tzinfo=PACIFIC_DAYLIGHT)
    assert isinstance(document.posted_at, datetime)
    assert document.posted_at.utcoffset() == timedelta(hours=-7)


def test_plain_part_preferred_over_html() -> None:
    document, _ = load_path(RENEWAL)
    assert document.line(3) == "Hello,"
    assert "Production endpoints (gateway.example.net) are not changing." in document.lines
    assert not any("<p>" in line for line in document.lines)


def test_quoted_printable_soft_breaks_joined() -> None:
    document, _ = load_path(RENEWAL)
    assert document.line(7) == (
        "When: Saturday, May 13th 2023 10:00 PM PDT until Sunday, May 14th 2023 2:00 AM PDT"
    )
    assert "download example-net-sandbox-chain.pem" in document.line(14)
    assert document.lines[-1] == "Example Payments Operations – São Paulo NOC"


def test_email_body_section_and_sender() -> None:
    document, profile = load_path(RENEWAL)
    assert profile.vendor == "generic"
    assert document.format == "email"
    assert len(document.sections) == 1
    body = document.sections[0]
    assert body.kind is SectionKind.BODY
    assert (body.first_line, body.last_line) == (1, len(document.lines))
    assert body.author == "Example Payments Operations"


def test_base64_html_part_rendered_as_lines() -> None:
    document, _ = load_path(HTML_ONLY)
    assert document.lines == [
        "Planned maintenance on June 9",
        "",
        "Planned maintenance",
        "",
        "The Zuora API Sandbox (rest.apisandbox.zuora.com) will be updated on Friday, June 9th "
        "2023 from 5:00 PM to 7:00 PM Pacific Time.",
        "",
        "Environment | Host",
        "API Sandbox | rest.apisandbox.zuora.com",
    ]


def test_profile_detected_from_decoded_body() -> None:
    raw = HTML_ONLY.read_bytes()
    assert b"zuora" not in raw.lower()
    _, profile = load_path(HTML_ONLY)
    assert profile.vendor == "zuora"


def test_unknown_zone_date_taken_as_utc() -> None:
    document, _ = load_path(HTML_ONLY)
    assert document.posted_at == datetime(2023, 6, 1, 16, 5, tzinfo=UTC)


def test_missing_date_header_gives_no_post_time() -> None:
    data = build_message("Maintenance on May 1.", From="noc@example.net", Subject="Notice")
    document, _ = load_bytes(data, "notice.eml", filename="notice.eml")
    assert document.posted_at is None
    assert document.lines == ["Notice", "", "Maintenance on May 1."]


def test_invalid_date_header_gives_no_post_time() -> None:
    data = build_message("Text", From="noc@example.net", Subject="Notice", Date="next Tuesday")
    document, _ = load_bytes(data, "notice.eml", filename="notice.eml")
    assert document.posted_at is None


def test_latin1_part_decoded_by_its_charset() -> None:
    data = (
        b"From: noc@example.net\r\nSubject: Wartung\r\nDate: Mon, 1 May 2023 10:00:00 +0200\r\n"
        b"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n"
        b"Wartung am 13. Mai 2023 um 22:00 Uhr f\xfcr alle Systeme.\r\n"
    )
    document, _ = load_bytes(data, "wartung.eml", filename="wartung.eml")
    assert document.lines == [
        "Wartung",
        "",
        "Wartung am 13. Mai 2023 um 22:00 Uhr für alle Systeme.",
    ]


def test_unknown_charset_rejected() -> None:
    data = (
        b"From: noc@example.net\r\nSubject: Notice\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=x-no-such-charset\r\n\r\nText\r\n"
    )
    with pytest.raises(ParseError, match="unknown charset 'x-no-such-charset'"):
        load_bytes(data, "odd.eml", filename="odd.eml")


def test_attachment_only_rejected() -> None:
    with pytest.raises(
        ParseError, match="attachment-only.eml: e-mail has no text/plain or text/html"
    ):
        load_path(FIXTURES / "attachment-only.eml")


def test_eml_without_headers_rejected() -> None:
    with pytest.raises(ParseError, match="not an e-mail message"):
        load_bytes(b"Just some words\nand more words\n", "words.eml", filename="words.eml")


def test_email_sniffed_from_headers() -> None:
    data = build_message(
        "Text", From="noc@example.net", Subject="Notice", Date="Mon, 1 May 2023 10:00:00 +0000"
    )
    assert looks_like_email(data)
    assert sniff_format(data, "download") == "email"


def test_mbox_envelope_line_sniffed_and_skipped() -> None:
    message = build_message("Text", From="noc@example.net", Subject="Notice")
    data = b"From noc@example.net Mon May  1 10:00:00 2023\n" + message
    assert sniff_format(data, "saved-message") == "email"
    document, _ = load_bytes(data, "saved-message")
    assert document.lines == ["Notice", "", "Text"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(b"Subject line only\n\nBody", id="no-colon-header"),
        pytest.param(b"Note: sandbox moves on May 1.\n\nMore text", id="one-colon-line"),
        pytest.param(b"Subject: Hi\nBody without blank line", id="one-known-header"),
    ],
)
def test_text_not_sniffed_as_email(text: bytes) -> None:
    assert not looks_like_email(text)
    assert sniff_format(text, "notice.txt") == "text"


def test_plain_part_window_cites_body_line() -> None:
    document, _ = load_path(RENEWAL)
    schedule = parse_file(RENEWAL)
    assert len(schedule.windows) == 1
    window = schedule.windows[0]
    # 22:00 PDT on 13 May to 02:00 PDT on 14 May 2023, PDT being UTC-7.
    assert window.start == datetime(2023, 5, 14, 5, 0, tzinfo=UTC)
    assert window.end == datetime(2023, 5, 14, 9, 0, tzinfo=UTC)
    assert window.evidence[0].line == 7
    assert document.line(7).startswith("When: Saturday, May 13th 2023 10:00 PM PDT")
    assert schedule.notice.posted_at == datetime(2023, 5, 2, 9, 30, tzinfo=PACIFIC_DAYLIGHT)


def test_html_part_window_cites_rendered_line() -> None:
    document, _ = load_path(HTML_ONLY)
    schedule = parse_file(HTML_ONLY)
    assert len(schedule.windows) == 1
    window = schedule.windows[0]
    # 5:00 PM to 7:00 PM Pacific daylight time on 9 June 2023.
    assert window.start == datetime(2023, 6, 10, 0, 0, tzinfo=UTC)
    assert window.end == datetime(2023, 6, 10, 2, 0, tzinfo=UTC)
    assert window.hosts == ["rest.apisandbox.zuora.com"]
    assert window.evidence[0].line == 5
    assert document.line(5).startswith("The Zuora API Sandbox (rest.apisandbox.zuora.com)")


def test_text_part_found_in_nested_multiparts() -> None:
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = "noc@example.net"
    message["Subject"] = "Forwarded notice"
    message.set_content("Maintenance on May 1, 2023 from 01:00 to 03:00 UTC.")
    message.make_alternative()
    message.add_alternative("<p>Maintenance on May 1, 2023.</p>", subtype="html")
    message.make_mixed()
    message.add_attachment(b"%PDF-1.4\n", maintype="application", subtype="pdf", filename="a.pdf")
    document, _ = load_bytes(message.as_bytes(), "forwarded.eml", filename="forwarded.eml")
    assert document.lines == [
        "Forwarded notice",
        "",
        "Maintenance on May 1, 2023 from 01:00 to 03:00 UTC.",
    ]


def test_layout_tables_keep_block_lines() -> None:
    html = (
        "<html><body><table width='100%'><tr><td>"
        "<table><tr><td><p>Dear customer,</p><p>Maintenance starts on 2 July 2021.</p></td></tr>"
        "</table>"
        "<table><tr><th>Account</th><th>Service</th></tr>"
        "<tr><td>009999</td><td>Metro Connect</td></tr></table>"
        "</td></tr></table></body></html>"
    )
    data = build_message(html, subtype="html", From="noc@example.net", Subject="Reminder")
    document, _ = load_bytes(data, "reminder.eml", filename="reminder.eml")
    assert document.lines == [
        "Reminder",
        "",
        "Dear customer,",
        "",
        "Maintenance starts on 2 July 2021.",
        "",
        "Account | Service",
        "009999 | Metro Connect",
    ]


def test_forwarded_header_block_dropped() -> None:
    body = (
        "FYI, see below.\n"
        "\n"
        "---------- Forwarded message ---------\n"
        "From: Example NOC <noc@example.net>\n"
        "Date: Thu, 1 Jun 2023 at 11:05\n"
        "Subject: Planned maintenance of the sandbox gateway on\n"
        " 15 June 2023\n"
        "To: <ops@example.org>\n"
        "\n"
        "The sandbox gateway will be updated on June 15, 2023 from 01:00 to 03:00 UTC.\n"
    )
    data = build_message(
        body,
        From="ops@example.org",
        Subject="Fwd: Planned maintenance",
        Date="Mon, 5 Jun 2023 09:00:00 +0000",
    )
    document, _ = load_bytes(data, "forwarded.eml", filename="forwarded.eml")
    assert document.lines == [
        "Fwd: Planned maintenance",
        "",
        "FYI, see below.",
        "",
        "",
        "The sandbox gateway will be updated on June 15, 2023 from 01:00 to 03:00 UTC.",
    ]
    schedule = parse_bytes(data, "forwarded.eml", filename="forwarded.eml")
    assert [window.start for window in schedule.windows] == [
        datetime(2023, 6, 15, 1, 0, tzinfo=UTC)
    ]
