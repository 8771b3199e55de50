"""Read a notice from a file path or an http(s) URL and parse it, keeping its raw bytes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from bot.store_records import FetchInfo
from bot.urls import is_url
from parsers.api import ParseOptions, parse_bytes, parse_document
from parsers.document import Document
from parsers.errors import InputError
from parsers.loaders import load_bytes, read_notice_bytes
from parsers.models import Schedule
from parsers.profiles import Profile, load_profile

if TYPE_CHECKING:
    from bot.fetch import FetchPolicy


@dataclass(frozen=True)
class LoadedNotice:
    """A parsed notice with the bytes it came from and, for a URL, how it was fetched."""

    schedule: Schedule
    raw: bytes
    source_url: str | None
    fetch: FetchInfo | None


def load_page(content: bytes, url: str, options: ParseOptions) -> tuple[Document, Profile]:
    """Load fetched page bytes; the URL becomes the canonical source unless the page names one."""
    profile = load_profile(options.vendor) if options.vendor else None
    document, chosen = load_bytes(content, url, profile=profile)
    if document.canonical_url is None:
        document.canonical_url = url
    return document, chosen


def read_notice(
    target: str,
    options: ParseOptions,
    *,
    policy: FetchPolicy | None = None,
    now: datetime | None = None,
) -> LoadedNotice:
    """Parse the notice at a file path or URL; a URL is fetched once, with retries."""
    if not is_url(target):
        scheme = urlsplit(target).scheme
        # One-letter schemes are Windows drive letters such as C:\notices\a.txt.
        if "://" in target and len(scheme) > 1:
            raise InputError(
                target, f"unsupported URL scheme {scheme!r}",
                "give an http(s) URL or a file path",
            )
        path = Path(target)
        raw = read_notice_bytes(path, options.max_bytes)
        schedule = parse_bytes(raw, str(path), options, filename=path.name)
        return LoadedNotice(schedule, raw, None, None)

    # httpx takes about 60 ms to import, and only URLs need it.
    from bot.fetch import Fetcher

    with Fetcher(policy) as fetcher:
        fetched = fetcher.fetch(target)
    fetched_at = now or datetime.now(UTC)
    document, profile = load_page(fetched.content, target, options)
    schedule = parse_document(document, profile, options)
    fetch = FetchInfo(fetched_at, fetched.etag, fetched.last_modified)
    return LoadedNotice(schedule, fetched.content, target, fetch)
