"""Window identities in the store: one row per window id, carried across a notice's versions."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, insert, select, update

from bot.store_records import CANCELLED, WindowState
from bot.store_schema import window_identities
from parsers.matching import MatchResult
from parsers.models import Origin, Schedule, Window


def _window_content(window: Window) -> str:
    """Return the parts of a window whose change raises its sequence (evidence lines excluded)."""
    return window.model_dump_json(exclude={"evidence"})


def _update_identity(connection: Connection, window_id: str, values: dict[str, Any]) -> None:
    connection.execute(
        update(window_identities).where(window_identities.c.window_id == window_id).values(**values)
    )


def window_ids(connection: Connection, notice_id: str) -> Collection[str]:
    """Return every window id the notice ever had, cancelled ones included."""
    query = select(window_identities.c.window_id).where(window_identities.c.notice_id == notice_id)
    return set(connection.execute(query).scalars())


def update_window_identities(
    connection: Connection,
    schedule: Schedule,
    match: MatchResult,
    number: int,
    stored_at: datetime,
) -> None:
    """Insert new windows, update kept ones, and cancel removed and merged ones.

    A window's sequence rises by one when its time, coverage or status changes, or when it is
    cancelled; a kept window that did not change only records the newer version.
    """
    notice_id = schedule.notice.id
    query = select(window_identities).where(window_identities.c.notice_id == notice_id)
    known = {row.window_id: row for row in connection.execute(query)}
    for window in schedule.windows:
        row = known.get(window.id)
        if row is None:
            connection.execute(
                insert(window_identities).values(
                    window_id=window.id, notice_id=notice_id, origin=window.origin.value,
                    sequence=0, status=window.status.value, merged_into=None,
                    first_version=number, last_version=number, modified_at=stored_at,
                    window_json=window.model_dump_json(),
                )
            )
            continue
        before = Window.model_validate_json(row.window_json)
        changed = _window_content(before) != _window_content(window) or row.status == CANCELLED
        values: dict[str, Any] = {"last_version": number}
        if changed:
            values |= {
                "sequence": row.sequence + 1,
                "status": window.status.value,
                "modified_at": stored_at,
                "window_json": window.model_dump_json(),
                "merged_into": None,
            }
        _update_identity(connection, window.id, values)

    merged_into = {old: new for new, olds in match.merged.items() for old in olds}
    for window_id in [*match.cancelled, *merged_into]:
        row = known.get(window_id)
        if row is None or row.status == CANCELLED:
            continue
        _update_identity(connection, window_id, {
            "sequence": row.sequence + 1,
            "status": CANCELLED,
            "modified_at": stored_at,
            "merged_into": merged_into.get(window_id),
        })


def read_window_states(connection: Connection, notice_id: str) -> list[WindowState]:
    """Return every window the notice ever had, cancelled ones included, by first version."""
    query = (
        select(window_identities)
        .where(window_identities.c.notice_id == notice_id)
        .order_by(window_identities.c.first_version, window_identities.c.window_id)
    )
    return [_window_state(row) for row in connection.execute(query)]


def _window_state(row: Row[Any]) -> WindowState:
    return WindowState(
        window_id=row.window_id,
        notice_id=row.notice_id,
        origin=Origin(row.origin),
        sequence=row.sequence,
        status=row.status,
        merged_into=row.merged_into,
        window=Window.model_validate_json(row.window_json),
        first_version=row.first_version,
        last_version=row.last_version,
        modified_at=row.modified_at,
    )
