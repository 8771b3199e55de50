"""Load an HTML notice page: Khoros community threads by their markup, other pages by structure."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urljoin, urlparse
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup, Tag
from bs4.dammit import EncodingDetector

from parsers.document import Document, Section, SectionKind
from parsers.errors import ParseError
from parsers.loaders.html_text import element_text, parse_markup, render_lines
from parsers.profiles import Profile

logger = logging.getLogger(__name__)

_PAGE_CHROME = frozenset({"nav", "header", "footer", "aside"})
"""Page parts dropped when a page is read by its structure: menus, banners, footers."""

_DECLARATION_BYTES = 4096
"""How far into a page the charset declaration is looked for (HTML requires the first 1024)."""
_KHOROS_BODY = "lia-message-body-content"
_KHOROS_RANK_CLASSES = ("lia-message-author-rank", "lia-user-rank", "lia-component-author-rank")
_KHOROS_RANK_SUFFIX = re.compile(r"^lia-user-rank-(.+)$")
_POSTED_STAMP = re.compile(
    r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:\s+(\d{1,2}):(\d{2})\s*([AaPp][Mm])?)?"
)
_ISO_STAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_INVISIBLE = re.compile("[\u200e\u200f\u202a-\u202e\ufeff]")
"""Direction marks that Khoros puts around dates."""


@dataclass
class _Message:
    """One Khoros message: who wrote it, with which rank, when, and its body element."""

    body: Tag
    subject: str
    author: str | None
    rank: str | None
    posted_at: datetime | None


def declared_charset(data: bytes) -> str | None:
    """Return the charset a page declares in `<meta charset>` or `http-equiv`, if any."""
    charset = EncodingDetector.find_declared_encoding(data[:_DECLARATION_BYTES], is_html=True)
    return charset if isinstance(charset, str) else None


def load_html(markup: str, source: str, profile: Profile) -> Document:
    """Load an HTML page into a document, reading Khoros message markup when the page has it."""
    soup = parse_markup(markup)
    if soup.find(class_=_KHOROS_BODY) is not None:
        document = _load_khoros(soup, source, profile)
    else:
        document = _load_page(soup, source, profile)
    document.canonical_url = _canonical_url(soup)
    if not any(line.strip() for line in document.lines):
        raise ParseError(
            source,
            "HTML page contains no readable text",
            "save the page after it has finished loading, or save its text instead",
        )
    return document


def _load_khoros(soup: BeautifulSoup, source: str, profile: Profile) -> Document:
    """Lay out a Khoros thread: subject, then each message as author, rank, blank line, body.

    The first message is the post body, and every later message is a reply. Post times go to
    `Section.posted_at` and stay out of the text, so a post date is never read as a window.
    """
    timezone = ZoneInfo(profile.timezone)
    bodies = [body for body in soup.find_all(class_=_KHOROS_BODY) if isinstance(body, Tag)]
    containers = _message_containers(bodies)
    messages = [_read_message(body, container, timezone) for body, container in containers]
    staff = {rank.lower() for rank in profile.staff_ranks}

    page_subject = soup.find(class_="lia-message-subject")
    title = messages[0].subject or (
        element_text(page_subject) if isinstance(page_subject, Tag) else _page_title(soup)
    )
    lines: list[str] = [title, ""] if title else []
    sections: list[Section] = []
    for index, message in enumerate(messages):
        header = [line for line in (message.author, message.rank) if line]
        body = render_lines(message.body)
        if index and not header and not body:
            continue
        if index:
            lines.append("")
        first_line = len(lines) + 1
        lines.extend([*header, ""] if header else [])
        lines.extend(body)
        kind = SectionKind.REPLY if index else SectionKind.BODY
        sections.append(
            Section(
                kind=kind,
                first_line=1 if kind is SectionKind.BODY else first_line,
                last_line=len(lines),
                author=message.author,
                rank=message.rank,
                is_staff=kind is SectionKind.BODY or (message.rank or "").lower() in staff,
                posted_at=message.posted_at,
            )
        )
    logger.debug("read %d Khoros messages from %s", len(messages), source)
    return Document(
        lines=lines,
        source=source,
        title=title,
        title_line=1 if title else None,
        posted_at=messages[0].posted_at,
        sections=sections,
        format="html",
    )


def _read_message(body: Tag, container: Tag, timezone: ZoneInfo) -> _Message:
    """Read the author, rank, subject and post time in the container of one message body."""
    author_tag = container.find(class_="lia-user-name")
    author = element_text(author_tag) if isinstance(author_tag, Tag) else None
    subject_tag = container.find(class_="lia-message-subject")
    subject = element_text(subject_tag) if isinstance(subject_tag, Tag) else ""
    posted_tag = container.find(class_="lia-message-posted-on")
    posted_at = _read_posted_on(posted_tag, timezone) if isinstance(posted_tag, Tag) else None
    return _Message(body, subject, author or None, _read_rank(container), posted_at)


def _message_containers(bodies: list[Tag]) -> list[tuple[Tag, Tag]]:
    """Pair each message body with its outermost ancestor that contains no other body."""
    bodies_below: dict[int, int] = {}
    for body in bodies:
        for parent in body.parents:
            bodies_below[id(parent)] = bodies_below.get(id(parent), 0) + 1

    pairs: list[tuple[Tag, Tag]] = []
    for body in bodies:
        container = body
        for parent in body.parents:
            if parent.name in ("body", "html", "[document]") or bodies_below[id(parent)] > 1:
                break
            container = parent
        pairs.append((body, container))
    return pairs


def _read_rank(container: Tag) -> str | None:
    """Read the author's rank from its rank element, or from a `lia-user-rank-<Rank>` class."""
    for class_name in _KHOROS_RANK_CLASSES:
        tag = container.find(class_=class_name)
        if not isinstance(tag, Tag):
            continue
        text = element_text(tag)
        icon = tag.find("img", alt=True)
        if not text and isinstance(icon, Tag):
            text = str(icon.get("alt", "")).strip()
        if text:
            return text
    for tag in container.find_all(class_=_KHOROS_RANK_SUFFIX):
        for class_name in tag.get("class") or []:
            match = _KHOROS_RANK_SUFFIX.match(class_name)
            if match:
                return match.group(1).replace("-", " ")
    return None


def _read_posted_on(tag: Tag, timezone: ZoneInfo) -> datetime | None:
    """Read a post time from a `<time datetime>`, a `title` attribute or the date and time spans.

    A time shown without an offset is in the vendor's zone, as the community shows it.
    """
    candidates: list[str] = []
    for element in (tag, *tag.find_all(True)):
        for attribute in ("datetime", "title"):
            value = element.get(attribute)
            if isinstance(value, str):
                candidates.append(value)
    date_part = tag.find(class_="local-date")
    time_part = tag.find(class_="local-time")
    if isinstance(date_part, Tag):
        time_text = element_text(time_part) if isinstance(time_part, Tag) else ""
        candidates.append(f"{element_text(date_part)} {time_text}")
    candidates.append(element_text(tag))

    for candidate in candidates:
        moment = parse_stamp(_INVISIBLE.sub("", candidate), timezone)
        if isinstance(moment, datetime):
            return moment
    return None


def parse_stamp(text: str, timezone: ZoneInfo) -> datetime | date | None:
    """Read an ISO 8601 stamp or a US "MM-DD-YYYY hh:mm AM" stamp.

    A time without an offset is taken in `timezone`; a stamp without a time is a date.
    """
    iso = _ISO_STAMP.search(text)
    if iso:
        try:
            moment = datetime.fromisoformat(iso.group(0).replace(" ", "T"))
        except ValueError:
            moment = None
        if moment is not None:
            return moment if moment.tzinfo else moment.replace(tzinfo=timezone)
    match = _POSTED_STAMP.search(text)
    if not match:
        return None
    month, day, year = (int(part) for part in match.group(1, 2, 3))
    # NOTE: US month-first order is assumed unless the first number is above 12.
    if month > 12 >= day:
        month, day = day, month
    try:
        if match.group(4) is None:
            return date(year, month, day)
        hour, minute = int(match.group(4)), int(match.group(5))
        meridiem = (match.group(6) or "").upper()
        if meridiem == "PM" and hour < 12:
            hour += 12
        elif meridiem == "AM" and hour == 12:
            hour = 0
        return datetime(year, month, day, hour, minute, tzinfo=timezone)
    except ValueError:
        return None


def _load_page(soup: BeautifulSoup, source: str, profile: Profile) -> Document:
    """Read a page by its structure: the article, main or body element, without page chrome."""
    content = soup.find("article") or soup.find("main") or soup.body or soup
    assert isinstance(content, Tag)  # find() of a tag name only returns tags
    lines = render_lines(content, _PAGE_CHROME)

    heading = content.find("h1")
    title = element_text(heading) if isinstance(heading, Tag) else ""
    if not title:
        title = _page_title(soup)
    if title and title in (line.strip() for line in lines):
        title_line = next(number for number, line in enumerate(lines, 1) if line.strip() == title)
    elif title:
        lines = [title, "", *lines]
        title_line = 1
    else:
        title_line = None

    return Document(
        lines=lines,
        source=source,
        title=title,
        title_line=title_line,
        posted_at=_page_posted_at(soup, content, ZoneInfo(profile.timezone)),
        sections=[Section(SectionKind.BODY, 1, len(lines), is_staff=True)],
        format="html",
    )


def _page_title(soup: BeautifulSoup) -> str:
    tag = soup.find("title")
    return element_text(tag) if isinstance(tag, Tag) else ""


def _page_posted_at(
    soup: BeautifulSoup, content: Tag, timezone: ZoneInfo
) -> datetime | date | None:
    """Read the publication time from `article:published_time` or the first `<time datetime>`."""
    meta = soup.find("meta", attrs={"property": "article:published_time"})
    stamps = [meta.get("content")] if isinstance(meta, Tag) else []
    time_tag = content.find("time", attrs={"datetime": True})
    if isinstance(time_tag, Tag):
        stamps.append(time_tag.get("datetime"))
    for stamp in stamps:
        if isinstance(stamp, str):
            moment = parse_stamp(stamp, timezone)
            if moment is not None:
                return moment
    return None


def _canonical_url(soup: BeautifulSoup) -> str | None:
    """Return the page's canonical link as an absolute http(s) URL, or None."""
    link = soup.find("link", rel="canonical")
    href = link.get("href") if isinstance(link, Tag) else None
    if not isinstance(href, str) or not href.strip():
        return None
    base = soup.find("base", href=True)
    base_href = base.get("href") if isinstance(base, Tag) else None
    url = urljoin(base_href, href.strip()) if isinstance(base_href, str) else href.strip()
    if urlparse(url).scheme not in ("http", "https"):
        logger.debug("ignored canonical link %r: not an absolute http(s) URL", url)
        return None
    return url
