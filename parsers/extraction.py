"""The facts extraction finds in a document, before checks turn them into flags."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from parsers.models import Bundle, Evidence, Flag, Origin, Window


class MentionKind(StrEnum):
    """The place in a notice where a host name was written."""

    TITLE = "title"
    WINDOW = "window"
    """On a dated window line or in the endpoint list a window covers."""
    BUNDLE = "bundle"
    """In a line that ties certificate files to hosts."""
    PROSE = "prose"
    EXCLUDED = "excluded"


@dataclass
class HostMention:
    """One host name or vendor host pattern as written in the document."""

    host: str
    """Lower-case, as written (a pattern such as `<anything>*zuora.com` is kept whole)."""
    line: int
    origin: Origin
    kind: MentionKind
    nonstandard: bool = False
    """True for a vendor pattern that is not a certificate wildcard."""


@dataclass
class Extraction:
    """The facts of one document: windows and their evidence, hosts, bundles, deadline."""

    windows: list[Window] = field(default_factory=list)
    hosts_excluded: list[str] = field(default_factory=list)
    bundles: list[Bundle] = field(default_factory=list)
    deadline: datetime | date | None = None
    host_mentions: list[HostMention] = field(default_factory=list)
    empty_lists: list[Evidence] = field(default_factory=list)
    """List headings whose items came through as blank lines (the markup was stripped)."""
    findings: list[Flag] = field(default_factory=list)
    """Flags the date grammar raised while reading (missing_time, invalid_date, ...)."""
