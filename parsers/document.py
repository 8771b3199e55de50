"""The loaded form of a notice: numbered lines grouped into the post and its replies."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from parsers.models import Window


class SectionKind(StrEnum):
    """Where a section sits on the page."""

    BODY = "body"
    REPLY = "reply"


@dataclass
class Section:
    """A run of lines written by one author: the post body or one reply.

    `first_line` and `last_line` are 1-based and inclusive.
    """

    kind: SectionKind
    first_line: int
    last_line: int
    author: str | None = None
    rank: str | None = None
    is_staff: bool = False
    posted_at: datetime | date | None = None
    """Post time when the page shows one, kept out of `Document.lines` so it is never a window."""

    def contains(self, line_number: int) -> bool:
        return self.first_line <= line_number <= self.last_line


@dataclass
class Document:
    """A notice as loaded: its text lines, title, post time and sections.

    `lines[0]` is line 1. Every fact extracted later cites these line numbers.
    """

    lines: list[str]
    source: str
    title: str = ""
    title_line: int | None = None
    posted_at: datetime | date | None = None
    sections: list[Section] = field(default_factory=list)
    format: str = "text"
    canonical_url: str | None = None
    extra_windows: list[Window] = field(default_factory=list)
    """Windows a structured loader (iCalendar) read directly; ids are assigned after extraction."""

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def line(self, number: int) -> str:
        """Return line `number` (1-based)."""
        return self.lines[number - 1]

    def section_at(self, line_number: int) -> Section | None:
        """Return the section that contains a line, if any."""
        return next((item for item in self.sections if item.contains(line_number)), None)

    def is_notice_line(self, line_number: int) -> bool:
        """Return whether a line belongs to the vendor's own words (body or staff reply)."""
        section = self.section_at(line_number)
        if section is None:
            return True
        return section.kind is SectionKind.BODY or section.is_staff

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the text with white space folded, so re-wrapped markup is no new version."""
        folded = "\n".join(
            re.sub(r"\s+", " ", line).strip() for line in self.lines if line.strip()
        )
        return hashlib.sha256(folded.encode("utf-8")).hexdigest()
