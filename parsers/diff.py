"""The changes between two versions of a notice's schedule.

The notice's own windows are compared in `windows`; windows quoted in readers' replies form the
separate `comment_windows` section. A flag is identified by its code and origin, so a flag that
moves from the notice's windows to reply-quoted ones is resolved for the notice.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, datetime
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, computed_field

from parsers.matching import MatchResult, carry_window_ids
from parsers.models import (
    FlagCode,
    FlagOrigin,
    LocalMoment,
    Moment,
    Origin,
    Schedule,
    Status,
    Tier,
    Window,
)

DIFF_SCHEMA_ID = "noticewatch.diff/1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


def _in_zone(value: datetime | date | None, zone: str | None) -> datetime | date | None:
    if isinstance(value, datetime) and zone:
        return value.astimezone(ZoneInfo(zone))
    return value


class WindowSummary(_Model):
    """A window as one version states it: when, in which zone, and what it covers."""

    id: str = Field(description="The store's window id (kept across versions).")
    origin: Origin
    status: Status
    start: Moment = Field(description="UTC instant, or a calendar date for an all-day window.")
    end: Moment = Field(description="UTC instant, or the last day of an all-day window.")
    start_local: LocalMoment = Field(description="`start` in the notice's zone, with its offset.")
    end_local: LocalMoment = Field(description="`end` in the notice's zone, with its offset.")
    timezone: str | None = Field(description="IANA zone the notice wrote the window in.")
    all_day: bool
    environments: list[Tier]
    regions: list[str]
    hosts: list[str]

    @classmethod
    def of(cls, window: Window) -> WindowSummary:
        """Summarize a window of a schedule."""
        return cls(
            id=window.id,
            origin=window.origin,
            status=window.status,
            start=window.start,
            end=window.end,
            start_local=_in_zone(window.start, window.timezone),
            end_local=_in_zone(window.end, window.timezone),
            timezone=window.timezone,
            all_day=window.all_day,
            environments=list(window.environments),
            regions=list(window.regions),
            hosts=list(window.hosts),
        )


class WindowChange(_Model):
    """A window that kept its id but changed its time, status or coverage."""

    id: str
    old: WindowSummary
    new: WindowSummary
    overlap: float = Field(description="Jaccard overlap of hosts and tiers that matched the pair.")
    redated: bool = Field(description="True when the start, end or all-day form changed.")
    hosts_added: list[str] = Field(default_factory=list)
    hosts_removed: list[str] = Field(default_factory=list)
    environments_added: list[Tier] = Field(default_factory=list)
    environments_removed: list[Tier] = Field(default_factory=list)
    regions_added: list[str] = Field(default_factory=list)
    regions_removed: list[str] = Field(default_factory=list)


class MergedWindows(_Model):
    """Old windows that a single new window now covers."""

    into: str = Field(description="Id of the new window, which kept the best match's id.")
    window_ids: list[str] = Field(description="Ids of the old windows merged into it.")
    windows: list[WindowSummary] = Field(description="The old windows merged into it.")


class WindowsDiff(_Model):
    """Window changes among the windows of one origin."""

    added: list[WindowSummary] = Field(default_factory=list)
    removed: list[WindowSummary] = Field(default_factory=list)
    changed: list[WindowChange] = Field(default_factory=list)
    merged: list[MergedWindows] = Field(default_factory=list)

    @property
    def redated(self) -> list[WindowChange]:
        """The changed windows whose time moved."""
        return [change for change in self.changed if change.redated]

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.merged)


class FlagKey(_Model):
    """A flag's identity across versions: its code and origin, with one message as an example."""

    code: FlagCode
    origin: FlagOrigin
    message: str


class DeadlineChange(_Model):
    """The action deadline of the notice before and after."""

    old: LocalMoment
    new: LocalMoment


class ScheduleDiff(_Model):
    """Every change between two versions of one notice's schedule."""

    schema_: str = Field(default=DIFF_SCHEMA_ID, alias="schema", serialization_alias="schema")
    notice_id: str
    title: str
    old_fingerprint: str
    new_fingerprint: str
    windows: WindowsDiff = Field(description="Changes among the notice's own windows.")
    comment_windows: WindowsDiff = Field(description="Changes among reply-quoted windows.")
    hosts_added: list[str] = Field(
        default_factory=list, description="Hosts in some notice window now and in none before."
    )
    hosts_removed: list[str] = Field(default_factory=list)
    environments_added: list[Tier] = Field(default_factory=list)
    environments_removed: list[Tier] = Field(default_factory=list)
    hosts_excluded_added: list[str] = Field(default_factory=list)
    hosts_excluded_removed: list[str] = Field(default_factory=list)
    bundles_added: list[str] = Field(default_factory=list)
    bundles_removed: list[str] = Field(default_factory=list)
    deadline: DeadlineChange | None = None
    flags_raised: list[FlagKey] = Field(default_factory=list)
    flags_resolved: list[FlagKey] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def has_schedule_change(self) -> bool:
        """True when the notice's own schedule changed, not only its wording, flags or replies."""
        return not self.windows.is_empty or bool(
            self.hosts_excluded_added
            or self.hosts_excluded_removed
            or self.bundles_added
            or self.bundles_removed
            or self.deadline
        )

    @property
    def is_empty(self) -> bool:
        """True when nothing but the wording changed."""
        return (
            not self.has_schedule_change
            and self.comment_windows.is_empty
            and not (self.flags_raised or self.flags_resolved)
        )

    def to_json_dict(self) -> dict[str, object]:
        """Return the JSON form, with UTC instants written with "Z"."""
        return self.model_dump(mode="json", by_alias=True)


def _added(old: Iterable[str], new: Iterable[str]) -> list[str]:
    before = set(old)
    return [item for item in dict.fromkeys(new) if item not in before]


def _window_change(old: Window, new: Window, score: float) -> WindowChange | None:
    redated = (old.start, old.end, old.all_day, old.timezone) != (
        new.start,
        new.end,
        new.all_day,
        new.timezone,
    )
    old_tiers = [tier.value for tier in old.environments]
    new_tiers = [tier.value for tier in new.environments]
    change = WindowChange(
        id=new.id,
        old=WindowSummary.of(old),
        new=WindowSummary.of(new),
        overlap=round(score, 4),
        redated=redated,
        hosts_added=_added(old.hosts, new.hosts),
        hosts_removed=_added(new.hosts, old.hosts),
        environments_added=[Tier(tier) for tier in _added(old_tiers, new_tiers)],
        environments_removed=[Tier(tier) for tier in _added(new_tiers, old_tiers)],
        regions_added=_added(old.regions, new.regions),
        regions_removed=_added(new.regions, old.regions),
    )
    unchanged = not (
        redated
        or old.status != new.status
        or change.hosts_added
        or change.hosts_removed
        or change.environments_added
        or change.environments_removed
        or change.regions_added
        or change.regions_removed
    )
    return None if unchanged else change


def _windows_diff(old: Schedule, new: Schedule, match: MatchResult, origin: Origin) -> WindowsDiff:
    old_by_id = {window.id: window for window in old.windows if window.origin is origin}
    new_by_id = {window.id: window for window in new.windows if window.origin is origin}
    result = WindowsDiff()
    result.added = [WindowSummary.of(new_by_id[item]) for item in match.added if item in new_by_id]
    result.removed = [
        WindowSummary.of(old_by_id[item]) for item in match.cancelled if item in old_by_id
    ]
    for pair in match.kept:
        if pair.window_id not in new_by_id:
            continue
        change = _window_change(old_by_id[pair.window_id], new_by_id[pair.window_id], pair.overlap)
        if change is not None:
            result.changed.append(change)
    result.merged = [
        MergedWindows(
            into=into,
            window_ids=list(ids),
            windows=[WindowSummary.of(old_by_id[item]) for item in ids if item in old_by_id],
        )
        for into, ids in match.merged.items()
        if into in new_by_id
    ]
    return result


def _flag_keys(schedule: Schedule) -> dict[tuple[FlagCode, FlagOrigin], FlagKey]:
    keys: dict[tuple[FlagCode, FlagOrigin], FlagKey] = {}
    for flag in schedule.flags:
        keys.setdefault(
            (flag.code, flag.origin),
            FlagKey(code=flag.code, origin=flag.origin, message=flag.message),
        )
    return keys


def _notice_values(schedule: Schedule, attribute: str) -> list[str]:
    values: list[str] = []
    for window in schedule.windows:
        if window.origin is Origin.NOTICE:
            values.extend(str(getattr(item, "value", item)) for item in getattr(window, attribute))
    return values


def diff_schedules(old: Schedule, new: Schedule, match: MatchResult) -> ScheduleDiff:
    """Compare two versions of a schedule whose window ids `match` has already carried over."""
    old_flags = _flag_keys(old)
    new_flags = _flag_keys(new)
    old_bundles = [bundle.file for bundle in old.bundles]
    new_bundles = [bundle.file for bundle in new.bundles]
    old_tiers = _notice_values(old, "environments")
    new_tiers = _notice_values(new, "environments")
    deadline = None
    if old.notice.deadline != new.notice.deadline:
        deadline = DeadlineChange(old=old.notice.deadline, new=new.notice.deadline)
    return ScheduleDiff(
        notice_id=new.notice.id,
        title=new.notice.title,
        old_fingerprint=old.notice.fingerprint,
        new_fingerprint=new.notice.fingerprint,
        windows=_windows_diff(old, new, match, Origin.NOTICE),
        comment_windows=_windows_diff(old, new, match, Origin.COMMENT),
        hosts_added=_added(_notice_values(old, "hosts"), _notice_values(new, "hosts")),
        hosts_removed=_added(_notice_values(new, "hosts"), _notice_values(old, "hosts")),
        environments_added=[Tier(tier) for tier in _added(old_tiers, new_tiers)],
        environments_removed=[Tier(tier) for tier in _added(new_tiers, old_tiers)],
        hosts_excluded_added=_added(old.hosts_excluded, new.hosts_excluded),
        hosts_excluded_removed=_added(new.hosts_excluded, old.hosts_excluded),
        bundles_added=_added(old_bundles, new_bundles),
        bundles_removed=_added(new_bundles, old_bundles),
        deadline=deadline,
        flags_raised=[key for item, key in new_flags.items() if item not in old_flags],
        flags_resolved=[key for item, key in old_flags.items() if item not in new_flags],
    )


def compare_schedules(
    old: Schedule, new: Schedule, reserved_ids: Collection[str] = ()
) -> tuple[Schedule, ScheduleDiff]:
    """Carry window ids from `old` into a copy of `new` and return it with the diff."""
    carried, match = carry_window_ids(old, new, reserved_ids)
    return carried, diff_schedules(old, carried, match)
