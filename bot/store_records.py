"""The values the store returns: notices, versions, window states, subscriptions."""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from datetime import datetime

from parsers.diff import ScheduleDiff
from parsers.hosts import Coverage as HostCoverage
from parsers.hosts import best_coverage
from parsers.ids import normalize_title
from parsers.models import Origin, Schedule, Window

CANCELLED = "cancelled"
"""Window state status of a window that a later version removed or merged into another."""


@dataclass(frozen=True)
class NoticeRecord:
    """A tracked notice and its newest version number."""

    id: str
    vendor: str
    title: str
    source: str
    """Canonical URL when known, else the file the first version was read from."""
    created_at: datetime
    updated_at: datetime
    """When the newest version was stored."""
    latest_version: int


@dataclass(frozen=True)
class FetchInfo:
    """When a version was fetched over HTTP, with the validators for the next conditional GET."""

    fetched_at: datetime
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class StoredVersion:
    """One stored version of a notice: its raw content and schedule with the store's window ids."""

    notice_id: str
    number: int
    """1 for the first version, then counting up."""
    fingerprint: str
    source_url: str | None
    fetched_at: datetime | None
    stored_at: datetime
    etag: str | None
    """The ETag header of the response the version came from, for conditional GET."""
    last_modified: str | None
    """The Last-Modified header of that response, as sent."""
    schedule: Schedule
    raw_compressed: bytes = field(repr=False)
    raw_size: int

    @property
    def raw(self) -> bytes:
        """The content as fetched or read, decompressed."""
        return zlib.decompress(self.raw_compressed)


@dataclass(frozen=True)
class WindowState:
    """The store's identity of a window across versions, for calendars and reminders.

    `sequence` starts at 0 and rises by one each time a version changes the window's time,
    coverage or status, including when it is cancelled, so it can serve as iCalendar SEQUENCE.
    """

    window_id: str
    notice_id: str
    origin: Origin
    sequence: int
    status: str
    """The window's own status (scheduled, tentative, completed), or "cancelled"."""
    merged_into: str | None
    """For a cancelled window that a new window covers: that window's id."""
    window: Window
    """The window as its last version stated it."""
    first_version: int
    last_version: int
    """The newest version that contained the window (for a cancelled one, the last before)."""
    modified_at: datetime

    @property
    def is_cancelled(self) -> bool:
        return self.status == CANCELLED


@dataclass(frozen=True)
class AddResult:
    """The outcome of storing a version."""

    notice_id: str
    version: int
    """The new version's number, or the newest one when nothing was stored."""
    created: bool
    """False when the fingerprint equals the newest version's, so nothing was stored."""
    schedule: Schedule
    """The schedule with the store's window ids."""
    diff: ScheduleDiff | None
    """The diff against the previous version; None for a first version or when not created."""


@dataclass(frozen=True)
class SubscriptionFilters:
    """The filters that select a subscription's windows; a filter set to None matches all."""

    vendor: str | None = None
    environment: str | None = None
    """A tier: production, sandbox, test or services."""
    region: str | None = None
    host: str | None = None
    """A host the window must change: listed exactly or covered by a certificate wildcard."""

    def matches(self, vendor: str, window: Window) -> bool:
        """Return whether a window of a notice from `vendor` passes every filter."""
        if self.vendor is not None and self.vendor.lower() != vendor.lower():
            return False
        tiers = {tier.value for tier in window.environments}
        if self.environment is not None and self.environment.lower() not in tiers:
            return False
        regions = {region.lower() for region in window.regions}
        if self.region is not None and self.region.lower() not in regions:
            return False
        if self.host is None:
            return True
        found = best_coverage(window.hosts, self.host)
        return found is not None and found[0] is not HostCoverage.POSSIBLY


@dataclass(frozen=True)
class Subscription:
    """A calendar or channel subscription, reached by an unguessable token."""

    token: str
    channel: str | None
    """Slack channel id that receives reports, or None for a calendar-only subscription."""
    filters: SubscriptionFilters
    created_at: datetime


def _title_words(text: str) -> set[str]:
    return set(re.findall(r"[\w.*]+", normalize_title(text)))


def title_words_match(query: str, title: str) -> bool:
    """Return whether every word of `query` occurs in the title; hyphens separate words."""
    words = _title_words(query)
    return bool(words) and words <= _title_words(title)


__all__ = [
    "CANCELLED",
    "AddResult",
    "FetchInfo",
    "NoticeRecord",
    "StoredVersion",
    "Subscription",
    "SubscriptionFilters",
    "WindowState",
    "title_words_match",
]
