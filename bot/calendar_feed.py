"""Calendar feeds rendered once per data revision and tagged with a strong ETag."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Protocol

from bot.calendar import (
    CalendarFilter,
    CalendarOptions,
    CalendarSource,
    calendar_uid,
    render_calendar,
)

logger = logging.getLogger(__name__)

FEED_CACHE_SIZE = 256
"""Rendered feeds kept in memory; each is one subscription at one data revision."""


class FeedSource(Protocol):
    """The store's side of a feed: subscription filters, a data revision and the notices."""

    def subscription_filter(self, token: str) -> CalendarFilter | None:
        """Return the filter stored with a subscription, or None for an unknown token."""

    def revision(self) -> str:
        """Return a marker that changes whenever a stored version or window state changes."""

    def calendar_sources(self) -> list[CalendarSource]:
        """Return every stored notice's latest schedule with its window states."""


@dataclass(frozen=True)
class Feed:
    """A rendered calendar and its entity tag."""

    body: bytes
    etag: str
    """Strong entity tag, quoted as HTTP writes it: a SHA-256 prefix of the body."""


def entity_tag(body: bytes) -> str:
    """Return the strong ETag of a body: equal bodies give equal tags."""
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """Return whether an If-None-Match header matches `etag`, comparing weakly as HTTP requires."""
    if not if_none_match:
        return False
    for candidate in if_none_match.split(","):
        value = candidate.strip()
        if value == "*" or value.removeprefix("W/") == etag:
            return True
    return False


class FeedRenderer:
    """Render subscription feeds, reusing the bytes while the stored data stays the same."""

    def __init__(self, source: FeedSource, account: str, cache_size: int = FEED_CACHE_SIZE) -> None:
        self._source = source
        self._account = account
        self._cache_size = cache_size
        self._cache: OrderedDict[tuple[str, str], Feed] = OrderedDict()
        self._sources: tuple[str, list[CalendarSource]] | None = None
        """The notices of one revision, shared by every subscription's feed of that revision."""
        self._lock = threading.Lock()

    def feed(self, token: str) -> Feed | None:
        """Return the feed of a subscription token, or None when no subscription has it."""
        calendar_filter = self._source.subscription_filter(token)
        if calendar_filter is None:
            return None
        revision = self._source.revision()
        key = (token, revision)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached

        options = self._options(token, calendar_filter)
        body = render_calendar(self._sources_of(revision), options)
        feed = Feed(body=body, etag=entity_tag(body))
        with self._lock:
            self._cache[key] = feed
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return feed

    def _sources_of(self, revision: str) -> list[CalendarSource]:
        """Return the stored notices, reading them once per revision."""
        with self._lock:
            if self._sources is not None and self._sources[0] == revision:
                return self._sources[1]
        sources = self._source.calendar_sources()
        with self._lock:
            self._sources = (revision, sources)
        return sources

    def _options(self, token: str, calendar_filter: CalendarFilter) -> CalendarOptions:
        described = calendar_filter.describe()
        name = f"Vendor maintenance ({described})" if described else "Vendor maintenance"
        # The UID hashes the token so that each subscription is its own calendar without
        # putting the token itself into the body.
        token_digest = hashlib.sha256(token.encode("utf-8")).hexdigest()
        return CalendarOptions(
            name=name,
            uid=calendar_uid("feed", token_digest),
            account=self._account,
            filter=calendar_filter,
        )
