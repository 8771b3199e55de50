"""The loaded form of a notice: numbered lines grouped into the post and its replies."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from parsers.models import Window


class SectionKind(StrEnum):
    """The place of a section on the page."""

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
    _index_key: tuple[tuple[int, int], ...] | None = field(default=None, repr=False, compare=False)
    _index_table: list[int | None] = field(default_factory=list, repr=False, compare=False)
    extra_windows: list[Window] = field(default_factory=list)
    """Windows a structured loader (iCalendar) read directly; ids are assigned after extraction."""

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def line(self, number: int) -> str:
        """Return line `number` (1-based)."""
        return self.lines[number - 1]

    def section_index(self, line_number: int) -> int | None:
        """Return the position in `sections` of the section that contains a line, if any.

        The line-to-section table is built once per set of sections, so a thread with
        thousands of replies is not scanned once per line.
        """
        key = tuple((item.first_line, item.last_line) for item in self.sections)
        if self._index_key != key:
            table: list[int | None] = [None] * (len(self.lines) + 2)
            for position, item in enumerate(self.sections):
                for number in range(max(item.first_line, 1), min(item.last_line, len(self.lines)) + 1):
                    if table[number] is None:
                        table[number] = position
            self._index_table = table
            self._index_key = key
        if 0 < line_number < len(self._index_table):
            return self._index_table[line_number]
        return None

    def section_at(self, line_number: int) -> Section | None:
        """Return the section that contains a line, if any."""
        position = self.section_index(line_number)
        return None if position is None else self.sections[position]

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
