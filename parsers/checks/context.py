"""The input of every check: schedule, loaded document, extraction facts and thresholds."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from parsers.document import Document
from parsers.extraction import Extraction
from parsers.models import Flag, Schedule, Severity
from parsers.profiles import Profile


@dataclass(frozen=True)
class CheckSettings:
    """Thresholds and calendars the checks use; the application fills them from its settings."""

    holiday_countries: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: {"default": ("US",), "EU": ("DE", "NL")}
    )
    """Region name (upper-case) to ISO country codes; "default" covers US and unlabelled regions."""
    short_notice_days: int = 14
    min_test_gap: timedelta = timedelta(days=1)
    severities: Mapping[str, Severity] = field(default_factory=dict)
    """Per-code severity overrides."""


@dataclass
class CheckContext:
    """Everything a check may read."""

    schedule: Schedule
    document: Document
    extraction: Extraction
    profile: Profile
    settings: CheckSettings


Check = Callable[[CheckContext], list[Flag]]
