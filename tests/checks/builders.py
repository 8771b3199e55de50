"""Hand-built windows and check contexts over the real notice cases' loaded text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from parsers.checks import CheckContext, CheckSettings
from parsers.document import Document
from parsers.extraction import Extraction, HostMention
from parsers.ids import assign_window_ids
from parsers.loaders import load_path
from parsers.models import Bundle, Evidence, Notice, Origin, Schedule, Tier, Window
from parsers.profiles import Profile
from tests.conftest import CASES_DIR

PACIFIC = "America/Los_Angeles"


def load_case(stem: str) -> tuple[Document, Profile]:
    """Load the text of the notice case `stem` from tests/cases."""
    return load_path(CASES_DIR / f"{stem}.txt")


@dataclass
class WindowSpec:
    """What a test states about a window; `lines` are the notice lines that give it."""

    start: datetime | date
    tiers: Sequence[Tier]
    hosts: Sequence[str] = ()
    lines: Sequence[int] = ()
    origin: Origin = Origin.NOTICE
    end: datetime | date | None = None
    regions: Sequence[str] = ()
    services: Sequence[str] = ()
    timezone: str | None = PACIFIC


def build_window(document: Document, spec: WindowSpec) -> Window:
    """Build a window with evidence taken from the document's own lines."""
    all_day = not isinstance(spec.start, datetime)
    return Window(
        id="pending",
        start=spec.start,
        end=spec.end,
        timezone=None if all_day else spec.timezone,
        all_day=all_day,
        origin=spec.origin,
        environments=list(spec.tiers),
        regions=list(spec.regions),
        services=list(spec.services),
        hosts=list(spec.hosts),
        evidence=[Evidence(line=line, text=document.line(line).strip()) for line in spec.lines],
    )


@dataclass
class ContextSpec:
    """Extraction facts beyond the windows."""

    mentions: list[HostMention] = field(default_factory=list)
    empty_lists: list[Evidence] = field(default_factory=list)
    bundles: list[Bundle] = field(default_factory=list)
    posted_at: datetime | date | None = None
    settings: CheckSettings = field(default_factory=CheckSettings)


def build_context(
    document: Document,
    profile: Profile,
    specs: Sequence[WindowSpec],
    extra: ContextSpec | None = None,
) -> CheckContext:
    """Build the context a check reads from hand-built windows over a loaded document."""
    facts = extra or ContextSpec()
    windows = [build_window(document, spec) for spec in specs]
    assign_window_ids("test-notice", windows)
    notice = Notice(
        id="test-notice",
        title=document.title,
        vendor=profile.vendor,
        source=document.source,
        posted_at=facts.posted_at,
        fingerprint=document.fingerprint,
    )
    schedule = Schedule(notice=notice, windows=windows, bundles=facts.bundles)
    extraction = Extraction(
        windows=windows,
        bundles=facts.bundles,
        host_mentions=facts.mentions,
        empty_lists=facts.empty_lists,
    )
    return CheckContext(schedule, document, extraction, profile, facts.settings)
