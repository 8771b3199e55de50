"""Load page text, as a browser saves a community post, into a document with sections."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from parsers.dates import scan_line
from parsers.document import Document, Section, SectionKind
from parsers.profiles import Profile

_SIGN_OFF = re.compile(
    r"^(best( regards)?|kind regards|regards|thanks?( you)?( for [\w\s,:]+)?|sincerely|cheers)\b",
    re.IGNORECASE,
)
_POSTED = re.compile(
    r"^\s*(?:posted(?: on)?\s+)(\d{1,2})[-/](\d{1,2})[-/](\d{4})\s+(\d{1,2}):(\d{2})\s*([AP]M)?",
    re.IGNORECASE,
)
_POSTED_WORD = re.compile(r"^\s*posted\b", re.IGNORECASE)
_STAMP = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d{2})\s*([AP]M)?\s*$", re.IGNORECASE)
_BLANK_RUN_FOR_REPLY = 4
"""Blank lines that separate replies once the body has signed off (page dumps drop the markup)."""
_HEADER_LINES = 15


def load_page_text(text: str, source: str, profile: Profile) -> Document:
    """Split saved page text into title, body and replies, keeping every line number."""
    lines = text.split("\n")
    chrome = {entry.lower() for entry in profile.chrome}
    ranks = {rank.lower(): rank for rank in profile.ranks}
    staff = {rank.lower() for rank in profile.staff_ranks}

    title, title_line = _find_title(lines, chrome, ranks)
    document = Document(lines=lines, source=source, title=title, title_line=title_line)
    document.posted_at = _find_posted_at(lines, profile)
    document.sections = _split_sections(lines, chrome, ranks, staff, title_line)
    return document


def _find_title(
    lines: list[str], chrome: set[str], ranks: dict[str, str]
) -> tuple[str, int | None]:
    """Return the first short content line that is alone on its line, the way a post title is."""
    for index, raw in enumerate(lines[:_HEADER_LINES]):
        line = raw.strip()
        if not line or line.lower() in chrome or line.lower() in ranks:
            continue
        if _POSTED.match(line) or _STAMP.match(line):
            continue
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if len(line) <= 200 and (not following or following.lower() in ranks):
            return line, index + 1
        return "", None
    return "", None


def _find_posted_at(lines: list[str], profile: Profile) -> datetime | date | None:
    """Read a forum "Posted MM-DD-YYYY HH:MM" line or an article stamp near the top.

    Other "Posted ..." lines ("Posted by Example Staff, Jan 15, 2025", "Posted 2023-06-02 by
    ...") go through the date grammar; a date without a time gives a date.
    """
    for raw in lines[:_HEADER_LINES]:
        match = _POSTED.match(raw) or _STAMP.match(raw)
        if not match:
            if _POSTED_WORD.match(raw):
                found = _posted_by_grammar(raw, profile)
                if found is not None:
                    return found
            continue
        month, day, year, hour, minute = (int(part) for part in match.groups()[:5])
        meridiem = (match.group(6) or "").upper()
        # A 24-hour time with a stray "PM" ("22:44 PM") is taken as the 24-hour time.
        if meridiem == "PM" and hour < 12:
            hour += 12
        elif meridiem == "AM" and hour == 12:
            hour = 0
        try:
            return datetime(year, month, day, hour, minute, tzinfo=ZoneInfo(profile.timezone))
        except ValueError:
            continue
    return None


def _posted_by_grammar(line: str, profile: Profile) -> datetime | date | None:
    scan = scan_line(line)
    dated = next((mention for mention in scan.dates if mention.has_valid_year and mention.year), None)
    if dated is None or dated.year is None:
        return None
    day = dated.on_year(dated.year)
    if day is None:
        return None
    if not scan.times:
        return day
    return datetime.combine(day, scan.times[0].to_time(), tzinfo=ZoneInfo(profile.timezone))


def _split_sections(
    lines: list[str],
    chrome: set[str],
    ranks: dict[str, str],
    staff: set[str],
    title_line: int | None,
) -> list[Section]:
    """Cut the page into the body and replies at rank labels and, after a sign-off, blank runs."""
    first = (title_line or 0) + 1
    body_rank: str | None = None
    # The author's rank label right under the title belongs to the body.
    for number in range(first, min(first + 3, len(lines) + 1)):
        line = lines[number - 1].strip()
        if line.lower() in ranks:
            body_rank = ranks[line.lower()]
            first = number + 1
            break
        if line:
            break

    sections = [Section(SectionKind.BODY, 1, len(lines), rank=body_rank, is_staff=True)]
    signed_off = False
    blank_run = 0
    for number in range(first, len(lines) + 1):
        line = lines[number - 1].strip()
        if not line:
            blank_run += 1
            continue
        lowered = line.lower()
        starts_reply = lowered in ranks or (signed_off and blank_run >= _BLANK_RUN_FOR_REPLY)
        blank_run = 0
        if lowered in chrome:
            continue
        if starts_reply:
            sections[-1].last_line = number - 1
            rank = ranks.get(lowered)
            sections.append(
                Section(SectionKind.REPLY, number, len(lines), rank=rank, is_staff=lowered in staff)
            )
            signed_off = True
            continue
        if sections[-1].kind is SectionKind.BODY and _SIGN_OFF.match(line):
            signed_off = True
    return sections
