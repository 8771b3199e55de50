"""Carry window ids from one version of a notice's schedule to the next.

Each window of the new version is matched to a window of the previous version with the same
origin by the Jaccard overlap of one set holding the window's hosts and tiers. A pair matches at
`MIN_OVERLAP` or more; the best pairs are taken first, and ties go to the pair whose starts are
closest. A new window that overlaps several old ones keeps the best one's id and the others count
as merged into it. Old windows left without a partner are cancelled. An id is never given to a
second window: a new window whose parse id is already taken gets a fresh one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time

from parsers.models import Schedule, Window

MIN_OVERLAP = 0.5
"""Smallest Jaccard overlap at which two windows count as the same window."""

_NO_START_DISTANCE = float("inf")


@dataclass(frozen=True)
class WindowPair:
    """An old window and the new window that keeps its id."""

    window_id: str
    overlap: float


@dataclass
class MatchResult:
    """The relation between the windows of a new version and those of the previous one.

    Every id below is a window id after matching, so a kept window has its old id.
    """

    kept: list[WindowPair] = field(default_factory=list)
    """Windows that carry an old id forward, with the overlap that matched them."""
    added: list[str] = field(default_factory=list)
    """New windows without a partner in the previous version."""
    merged: dict[str, list[str]] = field(default_factory=dict)
    """Kept window id to the old ids merged into it (each old id appears once)."""
    cancelled: list[str] = field(default_factory=list)
    """Old windows with no partner and no window to merge into."""


def coverage_set(window: Window) -> frozenset[str]:
    """Return the set of hosts and tiers that matching compares."""
    return frozenset(
        [f"host:{host}" for host in window.hosts]
        + [f"tier:{tier.value}" for tier in window.environments]
    )


def overlap(first: Window, second: Window) -> float:
    """Return the Jaccard overlap of two windows' hosts and tiers; two empty sets overlap 0."""
    left = coverage_set(first)
    right = coverage_set(second)
    union = left | right
    if not union:
        return 0.0
    return len(left & right) / len(union)


def _start_seconds(window: Window) -> float | None:
    value = window.start
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.timestamp()
    return datetime.combine(value, time(), tzinfo=UTC).timestamp()


def _start_distance(first: Window, second: Window) -> float:
    left = _start_seconds(first)
    right = _start_seconds(second)
    if left is None or right is None:
        return _NO_START_DISTANCE
    return abs(left - right)


def _fresh_id(window_id: str, taken: Collection[str]) -> str:
    """Derive an id from `window_id` that is not in `taken`."""
    counter = 1
    while True:
        digest = hashlib.sha256(f"{window_id}|{counter}".encode()).hexdigest()[:12]
        candidate = f"w-{digest}"
        if candidate not in taken:
            return candidate
        counter += 1


def match_windows(
    previous: Sequence[Window],
    current: Sequence[Window],
    reserved_ids: Collection[str] = (),
) -> tuple[list[Window], MatchResult]:
    """Return copies of `current` with ids carried over from `previous`, and how they relate.

    `reserved_ids` are ids that no new window may take unless it is matched to them, such as the
    ids of windows cancelled in earlier versions.
    """
    candidates: list[tuple[float, float, int, int]] = []
    for new_index, new in enumerate(current):
        for old_index, old in enumerate(previous):
            if old.origin != new.origin:
                continue
            score = overlap(old, new)
            if score >= MIN_OVERLAP:
                candidates.append((-score, _start_distance(old, new), new_index, old_index))
    candidates.sort()

    partner_of_new: dict[int, tuple[int, float]] = {}
    taken_old: set[int] = set()
    for negative_score, _distance, new_index, old_index in candidates:
        if new_index in partner_of_new or old_index in taken_old:
            continue
        partner_of_new[new_index] = (old_index, -negative_score)
        taken_old.add(old_index)

    result = MatchResult()
    taken_ids = {*reserved_ids, *(window.id for window in previous)}
    windows: list[Window] = []
    for new_index, new in enumerate(current):
        if new_index in partner_of_new:
            old_index, score = partner_of_new[new_index]
            window_id = previous[old_index].id
            result.kept.append(WindowPair(window_id, score))
        else:
            window_id = new.id
            if window_id in taken_ids:
                window_id = _fresh_id(window_id, taken_ids)
            result.added.append(window_id)
        taken_ids.add(window_id)
        windows.append(new.model_copy(update={"id": window_id}, deep=True))

    # An old window left over that still overlaps a kept window enough was merged into it.
    # Candidates are sorted best first, so the first kept partner found is the best one.
    kept_new_indexes = set(partner_of_new)
    for old_index, old in enumerate(previous):
        if old_index in taken_old:
            continue
        target = next(
            (
                new_index
                for _score, _distance, new_index, candidate_old in candidates
                if candidate_old == old_index and new_index in kept_new_indexes
            ),
            None,
        )
        if target is None:
            result.cancelled.append(old.id)
        else:
            result.merged.setdefault(windows[target].id, []).append(old.id)
    return windows, result


def carry_window_ids(
    previous: Schedule, current: Schedule, reserved_ids: Collection[str] = ()
) -> tuple[Schedule, MatchResult]:
    """Return a copy of `current` whose windows and flags use the ids carried from `previous`."""
    windows, result = match_windows(previous.windows, current.windows, reserved_ids)
    renamed = {
        before.id: after.id for before, after in zip(current.windows, windows, strict=True)
    }
    flags = [
        flag.model_copy(
            update={"window_ids": [renamed.get(item, item) for item in flag.window_ids]}, deep=True
        )
        for flag in current.flags
    ]
    schedule = current.model_copy(update={"windows": windows, "flags": flags}, deep=True)
    return schedule, result
