"""The public entry points: parse a notice file, its bytes or its text into a checked schedule."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from parsers.checks import CheckContext, CheckSettings, run_checks
from parsers.document import Document
from parsers.extract import extract
from parsers.ids import assign_window_ids, notice_id
from parsers.loaders import MAX_NOTICE_BYTES, load_bytes, read_notice_bytes
from parsers.models import Notice, Schedule
from parsers.profiles import Profile, load_profile

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ParseOptions:
    """How to read a notice; every field is optional."""

    vendor: str | None = None
    """Profile name; detected from the text when None."""
    source: str | None = None
    """Canonical URL of the notice; overrides the canonical link of the page."""
    posted_at: datetime | date | None = None
    """Post time when the page does not show one."""
    checks: CheckSettings = field(default_factory=CheckSettings)
    max_bytes: int = MAX_NOTICE_BYTES


def parse_document(document: Document, profile: Profile, options: ParseOptions) -> Schedule:
    """Extract and check the schedule of a loaded document."""
    if options.posted_at is not None:
        document.posted_at = _in_vendor_zone(options.posted_at, profile)
    if options.source:
        document.canonical_url = options.source
    found = extract(document, profile)
    nid = notice_id(profile.vendor, document.title, document.canonical_url, document.source)
    renamed = assign_window_ids(nid, found.windows)
    for flag in found.findings:
        flag.window_ids = [renamed.get(window_id, window_id) for window_id in flag.window_ids]
    notice = Notice(
        id=nid,
        title=document.title,
        vendor=profile.vendor,
        source=document.canonical_url or document.source,
        posted_at=document.posted_at,
        deadline=found.deadline,
        fingerprint=document.fingerprint,
    )
    schedule = Schedule(
        notice=notice,
        windows=found.windows,
        hosts_excluded=found.hosts_excluded,
        bundles=found.bundles,
    )
    context = CheckContext(schedule, document, found, profile, options.checks)
    schedule.flags = run_checks(context)
    logger.info(
        "parsed %s: vendor %s, %d windows, %d flags",
        notice.source, notice.vendor, len(schedule.windows), len(schedule.flags),
    )
    return schedule


def _in_vendor_zone(moment: datetime | date, profile: Profile) -> datetime | date:
    """Give a post time without offset the vendor's zone, since no time may stay naive."""
    if isinstance(moment, datetime) and moment.tzinfo is None:
        return moment.replace(tzinfo=ZoneInfo(profile.timezone))
    return moment


def _profile_for(options: ParseOptions) -> Profile | None:
    return load_profile(options.vendor) if options.vendor else None


def parse_bytes(
    data: bytes, source: str, options: ParseOptions | None = None, *, filename: str = ""
) -> Schedule:
    """Parse notice bytes (page text, HTML, e-mail or iCalendar) into a checked schedule."""
    chosen = options or ParseOptions()
    document, profile = load_bytes(data, source, filename=filename, profile=_profile_for(chosen))
    return parse_document(document, profile, chosen)


def parse_text(text: str, source: str = "<text>", options: ParseOptions | None = None) -> Schedule:
    """Parse notice text into a checked schedule."""
    return parse_bytes(text.encode("utf-8"), source, options)


def parse_file(path: str | Path, options: ParseOptions | None = None) -> Schedule:
    """Parse a notice file into a checked schedule."""
    chosen = options or ParseOptions()
    file_path = Path(path)
    data = read_notice_bytes(file_path, chosen.max_bytes)
    return parse_bytes(data, str(file_path), chosen, filename=file_path.name)
