"""Loading HTML pages: Khoros community threads, plain articles, and text layout of markup."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from parsers import parse_file
from parsers.document import Document, SectionKind
from parsers.errors import InputError, ParseError
from parsers.loaders import load_bytes, load_path
from parsers.loaders.html import load_html
from parsers.loaders.html_text import parse_markup, render_lines
from parsers.models import Schedule, Window
from parsers.profiles import load_profile

FIXTURES = Path(__file__).parent / "fixtures"
CASES = Path(__file__).parent / "cases"
KHOROS_PAGE = FIXTURES / "zuora-ssl-certificate-2018.khoros.html"
ARTICLE_PAGE = FIXTURES / "sandbox-maintenance-article.html"
PACIFIC = ZoneInfo("America/Los_Angeles")


@pytest.fixture
def khoros() -> Document:
    document, _ = load_path(KHOROS_PAGE)
    return document


@pytest.fixture
def article() -> Document:
    document, _ = load_path(ARTICLE_PAGE)
    return document


def line_of(document: Document, text: str) -> int:
    """Return the 1-based number of the only line that contains `text`."""
    numbers = [number for number, line in enumerate(document.lines, 1) if text in line]
    assert len(numbers) == 1, f"{text!r} is on lines {numbers}"
    return numbers[0]


def test_khoros_page_picks_zuora_profile() -> None:
    document, profile = load_path(KHOROS_PAGE)
    assert profile.vendor == "zuora"
    assert document.format == "html"


def test_khoros_title_is_first_subject(khoros: Document) -> None:
    assert khoros.title == (
        "Re: [ACTION REQUIRED]: Maintenance to Update SSL Certificate for zuora.com, "
        "connect.zuora.com,"
    )
    assert khoros.title_line == 1
    assert khoros.line(1) == khoros.title


def test_khoros_canonical_url(khoros: Document) -> None:
    assert khoros.canonical_url == (
        "https://community.zuora.com/t5/Maintenance-Notifications/"
        "ACTION-REQUIRED-Maintenance-to-Update-SSL-Certificate-for-zuora/m-p/24345"
    )


def test_khoros_post_time_from_date_spans(khoros: Document) -> None:
    assert khoros.posted_at == datetime(2018, 8, 31, 14, 40, tzinfo=PACIFIC)


def test_khoros_reply_time_from_time_element(khoros: Document) -> None:
    reply = khoros.sections[2]
    assert reply.author == "eu_billing_dev"
    assert isinstance(reply.posted_at, datetime)
    assert reply.posted_at.isoformat() == "2018-08-31T16:12:00-07:00"


def test_khoros_sections_authors_and_ranks(khoros: Document) -> None:
    found = [(section.kind, section.author, section.rank) for section in khoros.sections]
    assert found == [
        (SectionKind.BODY, "Zuora Support", "Zuora Staff"),
        (SectionKind.REPLY, "integrator_ana", "Valued Contributor"),
        (SectionKind.REPLY, "eu_billing_dev", "Valued Scholar"),
        (SectionKind.REPLY, "platform_ops_raj", "Regular Contributor"),
        (SectionKind.REPLY, "finance_sys_lee", "Savvy Scholar"),
        (SectionKind.REPLY, "qa_lead_mo", "Senior Tutor"),
        (SectionKind.REPLY, "Zuora Community Team", "Zuora Staff"),
        (SectionKind.REPLY, "saas_admin_kim", "Valued Scholar"),
        (SectionKind.REPLY, "it_services_pat", "New Contributor"),
        (SectionKind.REPLY, "billing_eng_sam", "Occasional Contributor"),
        (SectionKind.REPLY, "integration_arch_jo", None),
        (SectionKind.REPLY, "erp_team_val", "Regular Contributor"),
        (SectionKind.REPLY, "qa_lead_mo", "Senior Tutor"),
        (SectionKind.REPLY, "cloud_ops_dee", "Frequent Contributor"),
    ]


def test_khoros_staff_flags_follow_profile(khoros: Document) -> None:
    staff = [section.author for section in khoros.sections if section.is_staff]
    assert staff == ["Zuora Support", "Zuora Community Team"]


def test_khoros_sections_tile_the_text(khoros: Document) -> None:
    body = khoros.sections[0]
    assert body.first_line == 1
    assert body.last_line == line_of(khoros, "Zuora Support Services & Community")
    for previous, following in zip(khoros.sections, khoros.sections[1:], strict=False):
        assert following.first_line == previous.last_line + 2
        assert khoros.line(following.first_line) == following.author
    assert khoros.sections[-1].last_line == len(khoros.lines)


def test_khoros_body_window_line_is_notice(khoros: Document) -> None:
    number = line_of(khoros, "These changes will occur on October 10th")
    assert khoros.line(number) == (
        "    • These changes will occur on October 10th, starting at 1AM PT and continuing "
        "until 11:00AM PT."
    )
    assert khoros.is_notice_line(number)


def test_khoros_reply_schedule_is_comment(khoros: Document) -> None:
    number = line_of(khoros, "Wednesday, August 29th 2018 7:00AM PDT")
    assert khoros.line(number).startswith("  • Wednesday, August 29th 2018 7:00AM PDT: All Regions")
    assert khoros.line(number + 3).startswith("  • Wednesday, September 12th 2018 7:00AM PDT")
    section = khoros.section_at(number)
    assert section is not None
    assert section.author == "billing_eng_sam"
    assert not khoros.is_notice_line(number)


def test_khoros_staff_reply_is_notice(khoros: Document) -> None:
    number = line_of(khoros, "We are reviewing this issue with our Engineering team")
    assert khoros.is_notice_line(number)


def test_khoros_ordered_list_lines(khoros: Document) -> None:
    first = line_of(khoros, "eu.zuora.com - All EU Production Endpoints")
    assert khoros.line(first).startswith("  1. eu.zuora.com - All EU Production Endpoints (")
    assert khoros.line(first + 1) == (
        "  2. *.zuora.com - US Production Rest and API, Sandbox, and PT1 (<anything>*zuora.com)"
    )
    assert khoros.line(first + 2) == "  3. rest.pt1.zuora.com - US Production PT1 Rest Endpoint"


def test_khoros_br_lines_keep_bundles_apart(khoros: Document) -> None:
    first = line_of(khoros, "eu-zuora-com-root.cer")
    assert khoros.line(first) == (
        '.eu.zuora.com - requires "eu-zuora-com-root.cer" and "eu-zuora-com-intermediate.cer"'
    )
    assert khoros.line(first + 2) == (
        'rest.pt.zuora.com - requires "rest-pt1-zuora-com-fullrootchain.ca-bundle"'
    )


def test_khoros_page_chrome_left_out(khoros: Document) -> None:
    text = khoros.text
    assert "Happy Business Starts Here" not in text
    assert "LITHIUM" not in text
    assert "Privacy" not in text
    assert "08-31-2018" not in text


def test_khoros_matches_text_dump_content(khoros: Document, real_notice: Path) -> None:
    dump = real_notice.read_text(encoding="utf-8")
    dump_lines = {" ".join(line.split()) for line in dump.splitlines()}
    body = khoros.sections[0]
    for number in range(body.first_line + 5, body.last_line + 1):
        line = " ".join(khoros.line(number).split())
        assert not line or line in dump_lines, f"line {number} {line!r} is not in the text dump"


def test_article_title_from_heading(article: Document) -> None:
    assert article.title == "Sandbox certificate rotation"
    assert article.title_line == 1


def test_article_canonical_url_joined_with_base(article: Document) -> None:
    assert (
        article.canonical_url == "https://status.example.com/notices/sandbox-certificate-rotation"
    )


def test_article_post_time_from_meta(article: Document) -> None:
    assert article.posted_at == datetime(2023, 5, 2, 9, 30, tzinfo=PACIFIC)


def test_article_one_body_section(article: Document) -> None:
    assert len(article.sections) == 1
    body = article.sections[0]
    assert body.kind is SectionKind.BODY
    assert (body.first_line, body.last_line) == (1, len(article.lines))
    assert body.is_staff


def test_article_nested_list_lines(article: Document) -> None:
    first = line_of(article, "api.sandbox.example.com")
    assert article.lines[first - 1 : first + 3] == [
        "  • api.sandbox.example.com",
        "  • Webhooks",
        "    • hooks.sandbox.example.com",
        "    • events.sandbox.example.com",
    ]


def test_article_table_rows_as_lines(article: Document) -> None:
    header = line_of(article, "Environment | Start | End")
    assert article.lines[header - 1 : header + 2] == [
        "Environment | Start | End",
        "Sandbox | May 13, 2023 10:00 PM PDT | May 14, 2023 2:00 AM PDT",
        "Sandbox webhooks | May 20, 2023 10:00 PM PDT | May 21, 2023 1:00 AM PDT",
    ]


def test_article_ordered_list_and_br(article: Document) -> None:
    first = line_of(article, "Download example-sandbox-root.pem.")
    assert article.lines[first - 1 : first + 2] == [
        "  1. Download example-sandbox-root.pem.",
        "  2. Add it to your trust store.",
        "  Restart your client afterwards.",
    ]


def test_article_chrome_dropped(article: Document) -> None:
    text = article.text
    assert "All notices" not in text
    assert "Status and notices" not in text
    assert "© 2023" not in text
    assert "Questions?" not in text
    assert "analytics" not in text
    assert "font-family" not in text


def test_article_paragraph_spacing(article: Document) -> None:
    assert article.lines[:6] == [
        "Sandbox certificate rotation",
        "",
        "Posted May 2, 2023 by the Platform team.",
        "",
        "We will replace the TLS certificate of our sandbox endpoints. Production endpoints "
        "are not affected.",
        "",
    ]


def test_page_without_heading_takes_title_element() -> None:
    markup = "<html><head><title>Maintenance notice</title></head><body><p>Text</p></body></html>"
    document = load_html(markup, "page.html", load_profile("generic"))
    assert document.lines == ["Maintenance notice", "", "Text"]
    assert document.title_line == 1


def test_relative_canonical_without_base_ignored() -> None:
    markup = '<html><head><link rel="canonical" href="/notice/1"></head><body>x</body></html>'
    document = load_html(markup, "page.html", load_profile("generic"))
    assert document.canonical_url is None


def test_page_without_text_rejected() -> None:
    markup = "<html><head><script>var a = 1;</script></head><body> </body></html>"
    with pytest.raises(ParseError, match="page.html: HTML page contains no readable text"):
        load_html(markup, "page.html", load_profile("generic"))


def test_html_sniffed_without_extension() -> None:
    data = b"<!DOCTYPE html><html><body><h1>Notice</h1><p>Body</p></body></html>"
    document, _ = load_bytes(data, "notice-download")
    assert document.format == "html"
    assert document.lines == ["Notice", "", "Body"]


def test_declared_charset_decodes_page() -> None:
    data = (
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        b"</head><body><p>Wartung f\xfcr alle Systeme \x96 13. Mai 2023</p></body></html>"
    )
    document, _ = load_bytes(data, "wartung.html", filename="wartung.html")
    assert document.lines == ["Wartung für alle Systeme – 13. Mai 2023"]


def test_utf8_page_ignores_wrong_declaration() -> None:
    data = '<html><head><meta charset="iso-8859-1"></head><body><p>Zürich – ok</p></body></html>'
    document, _ = load_bytes(data.encode("utf-8"), "page.html", filename="page.html")
    assert document.lines == ["Zürich – ok"]


def test_page_invalid_in_declared_charset_rejected() -> None:
    data = b'<html><head><meta charset="ascii"></head><body><p>caf\xe9</p></body></html>'
    with pytest.raises(InputError, match="neither valid UTF-8 nor valid ascii, the charset it"):
        load_bytes(data, "cafe.html", filename="cafe.html")


def test_xhtml_sniffed_without_extension() -> None:
    data = (
        b'<?xml version="1.0" encoding="utf-8"?>\n'
        b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>Body</p></body></html>'
    )
    document, _ = load_bytes(data, "notice-download")
    assert document.format == "html"
    assert document.lines == ["Body"]


def test_khoros_subject_outside_messages() -> None:
    markup = (
        "<html><head><title>Board - Community</title></head><body>"
        '<h1 class="lia-message-subject">Sandbox maintenance</h1>'
        '<div><div class="lia-message-body-content"><p>First</p></div></div>'
        '<div><div class="lia-message-body-content"><p>Second</p></div></div>'
        "</body></html>"
    )
    document = load_html(markup, "page.html", load_profile("generic"))
    assert document.title == "Sandbox maintenance"
    assert document.lines == ["Sandbox maintenance", "", "First", "", "Second"]
    assert [(section.first_line, section.last_line) for section in document.sections] == [
        (1, 3),
        (5, 5),
    ]


def test_khoros_empty_anonymous_reply_skipped() -> None:
    markup = (
        '<div class="m"><span class="lia-user-name">noc</span>'
        '<div class="lia-message-body-content"><p>Body</p></div></div>'
        '<div class="m"><div class="lia-message-body-content"><img src="x.png"></div></div>'
    )
    document = load_html(markup, "page.html", load_profile("generic"))
    assert document.lines == ["noc", "", "Body"]
    assert len(document.sections) == 1


def test_khoros_day_first_stamp() -> None:
    markup = (
        '<div><span class="lia-message-posted-on"><span class="local-date">25-12-2019</span>'
        '<span class="local-time">09:05 AM</span></span>'
        '<div class="lia-message-body-content"><p>Text</p></div></div>'
    )
    document = load_html(markup, "page.html", load_profile("zuora"))
    assert document.posted_at == datetime(2019, 12, 25, 9, 5, tzinfo=PACIFIC)


def test_deeply_nested_markup_renders() -> None:
    depth = 5000
    markup = f"<html><body>{'<div>' * depth}Deep text{'</div>' * depth}</body></html>"
    document = load_html(markup, "deep.html", load_profile("generic"))
    assert document.lines == ["Deep text"]


def test_deeply_nested_lists_indent() -> None:
    depth = 2000
    markup = f"<html><body>{'<ul><li>' * depth}x{'</li></ul>' * depth}</body></html>"
    document = load_html(markup, "lists.html", load_profile("generic"))
    assert len(document.lines) == depth
    assert document.lines[-1] == "  " * depth + "• x"


RENDER_CASES = [
    pytest.param("<p>a<br>b</p>", ["a", "b"], id="br-ends-line"),
    pytest.param("<p>a</p><p>b</p>", ["a", "", "b"], id="paragraphs-blank-line"),
    pytest.param("<div>a</div><div>b</div>", ["a", "b"], id="divs-no-blank-line"),
    pytest.param("<p>a  \n  b</p>", ["a b"], id="white-space-folded"),
    pytest.param("<p>a<br><br>b</p>", ["a", "", "b"], id="double-br-blank-line"),
    pytest.param("<ul><li>x</li><li>y</li></ul>", ["  • x", "  • y"], id="bullets"),
    pytest.param('<ol start="4"><li>x</li><li>y</li></ol>', ["  4. x", "  5. y"], id="ol-start"),
    pytest.param(
        "<ul><li>x<ol><li>y<ul><li>z</li></ul></li></ol></li></ul>",
        ["  • x", "    1. y", "      • z"],
        id="three-levels",
    ),
    pytest.param(
        "<table><tr><td>a</td><td></td><td>c</td></tr><tr><td></td></tr></table>",
        ["a |  | c"],
        id="table-empty-cell-kept-empty-row-dropped",
    ),
    pytest.param(
        "<table><tr><td><p>two</p><p>blocks</p></td><td>x</td></tr></table>",
        ["two blocks | x"],
        id="table-cell-on-one-line",
    ),
    pytest.param("<pre>a  b\n  c</pre>", ["a  b", "  c"], id="pre-kept"),
    pytest.param("<p>x<script>bad()</script><style>p{}</style></p>", ["x"], id="script-dropped"),
    pytest.param("<p>a<!-- hidden --> b</p>", ["a b"], id="comment-dropped"),
    pytest.param("<h2>Head</h2>text", ["Head", "", "text"], id="heading-blank-line"),
    pytest.param(
        "<table><tr><td><table><tr><td>in</td><td>ner</td></tr></table></td><td>b</td></tr></table>",
        ["in | ner", "", "b"],
        id="layout-row-with-nested-table",
    ),
    pytest.param(
        "<table><tr><td><p>a</p><p>b</p></td></tr></table>",
        ["a", "", "b"],
        id="single-cell-row-keeps-blocks",
    ),
]


@pytest.mark.parametrize(("markup", "expected"), RENDER_CASES)
def test_render_lines(markup: str, expected: list[str]) -> None:
    soup = parse_markup(f"<html><body>{markup}</body></html>")
    assert soup.body is not None
    assert render_lines(soup.body) == expected


def window_facts(schedule: Schedule) -> list[tuple[object, ...]]:
    """Return each window's dates, origin, tiers and hosts, in a form two parses can compare."""
    return sorted(
        (
            str(window.start),
            str(window.end),
            window.origin.value,
            tuple(sorted(tier.value for tier in window.environments)),
            tuple(sorted(window.hosts)),
        )
        for window in schedule.windows
    )


def test_khoros_page_parses_like_text_dump(real_notice: Path) -> None:
    from_html = parse_file(KHOROS_PAGE)
    from_text = parse_file(real_notice)
    expected = json.loads((CASES / "zuora-ssl-certificate-2018.expected.json").read_text())

    expected_starts = sorted(window["start"] for window in expected["windows"])
    assert sorted(_serialized_start(window) for window in from_html.windows) == expected_starts
    assert window_facts(from_html) == window_facts(from_text)
    assert from_html.hosts_excluded == from_text.hosts_excluded
    assert sorted(bundle.file for bundle in from_html.bundles) == sorted(expected["bundles"])
    assert [bundle.file for bundle in from_html.bundles] == [
        bundle.file for bundle in from_text.bundles
    ]
    assert from_html.notice.deadline == from_text.notice.deadline
    assert sorted((flag.code, flag.origin) for flag in from_html.flags) == sorted(
        (flag.code, flag.origin) for flag in from_text.flags
    )


def test_khoros_window_evidence_lines(khoros: Document) -> None:
    schedule = parse_file(KHOROS_PAGE)
    for window in schedule.windows:
        first = window.evidence[0]
        assert khoros.line(first.line).strip() == first.text
    notice_windows = [window for window in schedule.windows if window.origin.value == "notice"]
    assert len(notice_windows) == 1
    assert "October 10th, starting at 1AM PT" in notice_windows[0].evidence[0].text


def _serialized_start(window: Window) -> str:
    """Return the window start as the JSON output writes it ("" for a start not fixed yet)."""
    return str(window.model_dump(mode="json")["start"] or "")


def test_article_table_rows_give_windows(article: Document) -> None:
    schedule = parse_file(ARTICLE_PAGE)
    starts = [window.start for window in schedule.windows]
    # 10:00 PM PDT (UTC-7) on 13 and 20 May 2023.
    assert starts == [
        datetime(2023, 5, 14, 5, 0, tzinfo=UTC),
        datetime(2023, 5, 21, 5, 0, tzinfo=UTC),
    ]
    evidence_lines = [window.evidence[0].line for window in schedule.windows]
    assert [article.line(number) for number in evidence_lines] == [
        "Sandbox | May 13, 2023 10:00 PM PDT | May 14, 2023 2:00 AM PDT",
        "Sandbox webhooks | May 20, 2023 10:00 PM PDT | May 21, 2023 1:00 AM PDT",
    ]
