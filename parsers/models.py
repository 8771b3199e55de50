"""The normalized schedule of a notice: the data that crosses every boundary of noticewatch."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, field_validator

SCHEMA_ID = "noticewatch.schedule/1"


def _serialize_moment(value: datetime | date | None) -> str | None:
    """Write an instant as UTC with "Z" and a calendar date as YYYY-MM-DD."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def _serialize_local(value: datetime | date | None) -> str | None:
    """Write a time with its own offset, or a calendar date."""
    if value is None:
        return None
    return value.isoformat()


def _parse_moment(value: Any) -> Any:
    """Read "YYYY-MM-DD" as a date and anything longer as a datetime (pydantic would read a bare
    date string as midnight)."""
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value


Moment = Annotated[
    datetime | date | None,
    BeforeValidator(_parse_moment),
    PlainSerializer(_serialize_moment, return_type=str | None),
]
LocalMoment = Annotated[
    datetime | date | None,
    BeforeValidator(_parse_moment),
    PlainSerializer(_serialize_local, return_type=str | None),
]


class Origin(StrEnum):
    """The author of a window: the vendor or another reader."""

    NOTICE = "notice"
    """The vendor's own post (body or a staff reply): the schedule to act on."""
    COMMENT = "comment"
    """Another reader's reply quoting a schedule: evidence, not the vendor's word."""


class FlagOrigin(StrEnum):
    """The windows a flag is about."""

    NOTICE = "notice"
    COMMENT = "comment"
    BOTH = "both"
    """The flag compares the notice's windows with the reply-quoted ones."""


class Status(StrEnum):
    """The state of a window as the notice describes it."""

    SCHEDULED = "scheduled"
    TENTATIVE = "tentative"
    """Announced without a fixed date, or reserved and not yet confirmed."""
    COMPLETED = "completed"
    """Described as already done; listed, never scheduled or reminded."""
    CANCELLED = "cancelled"


class Tier(StrEnum):
    """Environment tier of a host or window."""

    PRODUCTION = "production"
    SANDBOX = "sandbox"
    """API sandbox, central sandbox, developer sandbox, test mode."""
    TEST = "test"
    """Performance test tenants such as PT1, even where a notice writes "Production PT1"."""
    SERVICES = "services"
    """Vendor service or staging copies of production."""


class Severity(StrEnum):
    """How much a flag matters; `check` exits 1 on warning or error."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class FlagCode(StrEnum):
    """Every problem a notice can be flagged for."""

    HOLIDAY = "holiday"
    PRODUCTION_FIRST = "production_first"
    NO_TEST_WINDOW = "no_test_window"
    MISSING_END = "missing_end"
    MISSING_TIME = "missing_time"
    MISSING_TIMEZONE = "missing_timezone"
    TIMEZONE_MISMATCH = "timezone_mismatch"
    MISSING_YEAR = "missing_year"
    INVALID_DATE = "invalid_date"
    CONVERSION_MISMATCH = "conversion_mismatch"
    SHORT_NOTICE = "short_notice"
    ENDPOINT_IN_MULTIPLE_WINDOWS = "endpoint_in_multiple_windows"
    WILDCARD_OVERLAP = "wildcard_overlap"
    HOSTNAME_MISMATCH = "hostname_mismatch"
    NONSTANDARD_WILDCARD = "nonstandard_wildcard"
    ENDPOINTS_MISSING = "endpoints_missing"
    DATE_TBD = "date_tbd"
    SCHEDULE_CONFLICT = "schedule_conflict"
    PAST_WINDOW = "past_window"
    REVISED = "revised"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=False, extra="forbid", use_enum_values=False)


class Evidence(_Model):
    """A line of the loaded document that supports a fact."""

    line: int = Field(description="1-based line number in the loaded document's text.", ge=1)
    text: str = Field(description="The line as loaded, stripped of surrounding white space.")


class Window(_Model):
    """A period in which the vendor changes something."""

    id: str = Field(description="Stable id: the same content gives the same id.")
    start: Moment = Field(
        description="UTC instant, or a calendar date for an all-day window; null when the date "
        "is not fixed yet (status tentative)."
    )
    end: Moment = Field(
        description="UTC instant, or the last day included for an all-day window; null when "
        "the notice gives no end."
    )
    timezone: str | None = Field(
        description="IANA zone the notice wrote the window in; null for all-day windows."
    )
    all_day: bool = Field(description="True when the notice gives a date without a time of day.")
    origin: Origin
    status: Status = Status.SCHEDULED
    environments: list[Tier] = Field(default_factory=list)
    regions: list[str] = Field(default_factory=list, description="Data centers, such as US, EU.")
    services: list[str] = Field(
        default_factory=list, description="Vendor products, such as Billing or Connect."
    )
    hosts: list[str] = Field(default_factory=list, description="Host names as written, lower-case.")
    label: str | None = Field(
        default=None, description="The notice's own words for what changes in this window."
    )
    evidence: list[Evidence] = Field(default_factory=list)

    @field_validator("start", "end")
    @classmethod
    def _require_aware(cls, value: datetime | date | None) -> datetime | date | None:
        if isinstance(value, datetime) and value.tzinfo is None:
            raise ValueError("window times must be timezone-aware")
        return value


class Bundle(_Model):
    """A certificate file or certificate name that customers must install."""

    file: str = Field(description="File or certificate name as written.")
    alias: str | None = Field(default=None, description="Alias from a keytool import.")
    hosts: list[str] = Field(default_factory=list, description="Hosts the notice ties it to.")
    evidence: list[Evidence] = Field(default_factory=list)


class Flag(_Model):
    """A problem found in a notice's schedule, with the question to ask the vendor."""

    code: FlagCode
    severity: Severity
    origin: FlagOrigin
    message: str
    question: str | None = None
    window_ids: list[str] = Field(default_factory=list)
    hosts: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


class Notice(_Model):
    """The identity of a notice and its post time."""

    id: str = Field(description="Stable notice id derived from the source or vendor and title.")
    title: str
    vendor: str
    source: str = Field(description="Canonical URL when known, else the file it was read from.")
    posted_at: LocalMoment = Field(
        default=None, description="Post time with its offset (the vendor's zone when the page "
        "shows none), or a date."
    )
    deadline: LocalMoment = Field(
        default=None, description="The date or instant by which customers must act."
    )
    fingerprint: str = Field(description="SHA-256 of the normalized document text.")


class Schedule(_Model):
    """The parsed, checked schedule of one notice version."""

    schema_: str = Field(default=SCHEMA_ID, alias="schema", serialization_alias="schema")
    notice: Notice
    windows: list[Window] = Field(default_factory=list)
    hosts_excluded: list[str] = Field(default_factory=list)
    bundles: list[Bundle] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json_dict(self) -> dict[str, Any]:
        """Return the JSON contract form (`schema` key, UTC instants with "Z")."""
        return self.model_dump(mode="json", by_alias=True)

    def window(self, window_id: str) -> Window | None:
        """Return the window with this id, if the schedule has one."""
        return next((item for item in self.windows if item.id == window_id), None)
