"""The reminder table: one row per (window id, window sequence, offset, channel) with its status."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

PENDING, SENT, DROPPED, EXPIRED, FAILED = "pending", "sent", "dropped", "expired", "failed"


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware.

    SQLite keeps no offset, so values are converted to UTC on the way in and tagged on the way out.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("reminder times must be timezone-aware")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()

reminders = Table(
    "reminders",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("notice_id", String(200), nullable=False),
    Column("window_id", String(100), nullable=False),
    Column("window_sequence", Integer, nullable=False),
    Column("offset_hours", Float, nullable=False),
    Column("channel", String(100), nullable=False),
    Column("window_start", UtcDateTime(), nullable=False),
    Column("due_at", UtcDateTime(), nullable=False, index=True),
    Column("status", String(20), nullable=False, default=PENDING),
    Column("attempts", Integer, nullable=False, default=0),
    Column("sent_at", UtcDateTime(), nullable=True),
    Column("message_ts", String(50), nullable=True),
    UniqueConstraint(
        "window_id", "window_sequence", "offset_hours", "channel", name="reminders_key"
    ),
)
