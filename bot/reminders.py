"""Reminders before each window: our own scheduler over the store, posted with chat.postMessage.

One row per (window id, window sequence, offset, channel). `sync` adds rows for the windows and
channels the subscriptions select and drops pending rows whose window moved (new sequence), was
cancelled, or whose channel no longer subscribes. `send_due` claims due rows one at a time,
checks the window again and posts. On PostgreSQL several workers claim rows with
`FOR UPDATE SKIP LOCKED`, so each reminder is posted by one of them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from slack_sdk.errors import SlackApiError, SlackRequestError
from sqlalchemy import Engine, and_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from bot.clock import Clock
from bot.filters import WindowFilter, from_subscription_filters
from bot.reminder_table import DROPPED, EXPIRED, FAILED, PENDING, SENT, metadata, reminders
from bot.slack.answers import describe_window, notice_name, window_start_key
from bot.slack.blocks import slack_date
from bot.store import Store
from parsers.models import Origin, Schedule, Status, Window

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
RETRY_DELAY = timedelta(minutes=2)


class MessagePoster(Protocol):
    """The Web API call reminders use; slack_sdk's WebClient fits."""

    def chat_postMessage(self, *, channel: str, text: str, blocks: list[dict[str, Any]]) -> Any: ...


@dataclass(frozen=True)
class Target:
    """A window that a channel should be reminded of."""

    notice_id: str
    window_id: str
    sequence: int
    channel: str
    start: datetime


def remindable(window: Window) -> bool:
    """Return True for the notice's own windows with a fixed date that are still scheduled."""
    return (
        window.origin is Origin.NOTICE
        and window.status is Status.SCHEDULED
        and window.start is not None
    )


class ReminderScheduler:
    """Keeps the reminder table in step with the store and posts the due reminders."""

    def __init__(
        self,
        engine: Engine,
        store: Store,
        poster: MessagePoster,
        offsets_hours: Iterable[float],
        clock: Clock,
    ) -> None:
        self.engine = engine
        self.store = store
        self.poster = poster
        self.offsets_hours = sorted(set(offsets_hours), reverse=True)
        self.clock = clock

    def create_table(self) -> None:
        metadata.create_all(self.engine)

    def targets(self) -> dict[tuple[str, str, int, str], Target]:
        """Return every (notice, window, sequence, channel) that subscriptions select now."""
        channels = self._channel_filters()
        found: dict[tuple[str, str, int, str], Target] = {}
        for record in self.store.notices():
            stored = self.store.latest(record.id)
            if stored is None:
                continue
            schedule = stored.schedule
            sequences = {
                state.window_id: state.sequence for state in self.store.window_states(record.id)
            }
            for window in filter(remindable, schedule.windows):
                for channel, filters in channels.items():
                    if any(item.matches(schedule, window) for item in filters):
                        target = Target(
                            record.id,
                            window.id,
                            sequences.get(window.id, 0),
                            channel,
                            window_start_key(window),
                        )
                        found[(target.notice_id, target.window_id, target.sequence, channel)] = (
                            target
                        )
        return found

    def _channel_filters(self, channel: str | None = None) -> dict[str, list[WindowFilter]]:
        channels: dict[str, list[WindowFilter]] = {}
        for subscription in self.store.subscriptions(channel):
            if subscription.channel:
                channels.setdefault(subscription.channel, []).append(
                    from_subscription_filters(subscription.filters)
                )
        return channels

    def sync(self) -> tuple[int, int]:
        """Add rows for new targets and drop pending rows of moved, cancelled or unsubscribed ones.

        Returns how many rows were added and dropped. Offsets already past are not added, so a
        window announced two days ahead gets its 24-hour and 1-hour reminders only.
        """
        now = self.clock()
        targets = self.targets()
        added = dropped = 0
        with self.engine.begin() as connection:
            pending = connection.execute(
                select(
                    reminders.c.id,
                    reminders.c.notice_id,
                    reminders.c.window_id,
                    reminders.c.window_sequence,
                    reminders.c.channel,
                ).where(reminders.c.status == PENDING)
            ).all()
            stale = [
                row.id
                for row in pending
                if (row.notice_id, row.window_id, row.window_sequence, row.channel) not in targets
            ]
            if stale:
                dropped = connection.execute(
                    update(reminders)
                    .where(reminders.c.id.in_(stale), reminders.c.status == PENDING)
                    .values(status=DROPPED)
                ).rowcount
            rows = [
                {
                    "notice_id": target.notice_id,
                    "window_id": target.window_id,
                    "window_sequence": target.sequence,
                    "offset_hours": offset,
                    "channel": target.channel,
                    "window_start": target.start,
                    "due_at": target.start - timedelta(hours=offset),
                    "status": PENDING,
                    "attempts": 0,
                }
                for target in targets.values()
                for offset in self.offsets_hours
                if target.start - timedelta(hours=offset) > now
            ]
            if rows:
                added = connection.execute(_insert_ignoring_duplicates(self.engine, rows)).rowcount
        if added or dropped:
            logger.info("reminders synced: %d added, %d dropped", added, dropped)
        return added, dropped

    def send_due(self) -> int:
        """Post every due reminder once and return how many were posted.

        The row stays locked while its message is posted and is marked sent in the same
        transaction.
        """
        # NOTE: a crash between the post and the commit leaves the row pending, so that one
        # reminder is posted again after the restart.
        sent = 0
        while True:
            with self.engine.begin() as connection:
                row = self._claim(connection)
                if row is None:
                    return sent
                if self._superseded(connection, row):
                    logger.info(
                        "reminder %d skipped: a nearer reminder of window %s is due too",
                        row.id,
                        row.window_id,
                    )
                    status, message_ts = EXPIRED, None
                else:
                    status, message_ts = self._deliver(row)
                values: dict[str, Any] = {"status": status, "attempts": row.attempts + 1}
                if status == SENT:
                    values.update(sent_at=self.clock(), message_ts=message_ts)
                    sent += 1
                elif status == PENDING:
                    values["due_at"] = self.clock() + RETRY_DELAY
                connection.execute(
                    update(reminders).where(reminders.c.id == row.id).values(**values)
                )

    def _claim(self, connection: Connection) -> Any:
        """Lock the next due row; on PostgreSQL rows that another worker holds are skipped.

        The guarded UPDATE takes SQLite's write lock before posting, so a second SQLite worker
        that read the same row finds it no longer pending and moves on.
        """
        now = self.clock()
        while True:
            row = connection.execute(
                select(reminders)
                .where(reminders.c.status == PENDING, reminders.c.due_at <= now)
                .order_by(reminders.c.due_at, reminders.c.id)
                .limit(1)
                .with_for_update(skip_locked=True)
            ).first()
            if row is None:
                return None
            claimed = connection.execute(
                update(reminders)
                .where(and_(reminders.c.id == row.id, reminders.c.status == PENDING))
                .values(attempts=reminders.c.attempts)
            ).rowcount
            if claimed == 1:
                return row

    def _superseded(self, connection: Connection, row: Any) -> bool:
        """Return True when a smaller offset of the same window and channel is due as well.

        After downtime the 7-day and 1-day reminders can both be due; only the nearer one is posted.
        """
        nearer = connection.execute(
            select(reminders.c.id)
            .where(
                reminders.c.window_id == row.window_id,
                reminders.c.window_sequence == row.window_sequence,
                reminders.c.channel == row.channel,
                reminders.c.status == PENDING,
                reminders.c.offset_hours < row.offset_hours,
                reminders.c.due_at <= self.clock(),
            )
            .limit(1)
        ).first()
        return nearer is not None

    def _recheck(self, row: Any, now: datetime) -> tuple[Schedule, Window] | str:
        """Return the row's schedule and window when still to be reminded, else its new status."""
        stored = self.store.latest(row.notice_id)
        schedule = stored.schedule if stored else None
        window = schedule.window(row.window_id) if schedule else None
        states = {state.window_id: state for state in self.store.window_states(row.notice_id)}
        state = states.get(row.window_id)
        sequence = state.sequence if state else 0
        if schedule is None or window is None or not remindable(window):
            logger.info("reminder %d dropped: window %s was cancelled", row.id, row.window_id)
            return DROPPED
        if sequence != row.window_sequence:
            logger.info("reminder %d dropped: window %s changed", row.id, row.window_id)
            return DROPPED

        if window_start_key(window) <= now:
            logger.warning(
                "reminder %d expired: window %s started before it was sent", row.id, row.window_id
            )
            return EXPIRED

        filters = self._channel_filters(row.channel).get(row.channel, [])
        if not any(item.matches(schedule, window) for item in filters):
            logger.info("reminder %d dropped: channel %s no longer subscribes", row.id, row.channel)
            return DROPPED
        return schedule, window

    def _deliver(self, row: Any) -> tuple[str, str | None]:
        """Check the window again and post; return the row's new status and the message ts."""
        now = self.clock()
        checked = self._recheck(row, now)
        if isinstance(checked, str):
            return checked, None
        schedule, window = checked

        text, blocks = reminder_message(schedule, window, row.offset_hours, now)
        try:
            response = self.poster.chat_postMessage(channel=row.channel, text=text, blocks=blocks)
        except (SlackApiError, SlackRequestError, OSError) as error:
            status = FAILED if row.attempts + 1 >= MAX_ATTEMPTS else PENDING
            logger.error(
                "reminder %d to %s failed (attempt %d): %s",
                row.id,
                row.channel,
                row.attempts + 1,
                error,
            )
            return status, None
        logger.info("reminder %d posted to %s for window %s", row.id, row.channel, row.window_id)
        return SENT, str(response.get("ts")) if response.get("ts") else None

    def run(self, stop: threading.Event, interval_seconds: float = 60.0) -> None:
        """Sync and send every `interval_seconds` until `stop` is set."""
        logger.info("reminder worker started, every %.0f seconds", interval_seconds)
        while not stop.is_set():
            try:
                self.sync()
                self.send_due()
            except Exception:
                # The worker must outlive a broken database connection or a bad row.
                logger.exception("reminder pass failed; retrying in %.0f seconds", interval_seconds)
            stop.wait(interval_seconds)
        logger.info("reminder worker stopped")


def reminder_message(
    schedule: Schedule, window: Window, offset_hours: float, now: datetime
) -> tuple[str, list[dict[str, Any]]]:
    """Return the fallback text and blocks of a reminder."""
    lead = _lead_time(offset_hours)
    text = f"Reminder: {notice_name(schedule)} starts in {lead} ({slack_date(window.start)})"
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": f":calendar: Starts in {lead}"}},
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": describe_window(schedule, window, now)},
        },
    ]
    return text, blocks


def _lead_time(offset_hours: float) -> str:
    """Return an offset in words: "7 days", "1 day", "1 hour", "1.5 hours"."""
    amount, unit = (offset_hours / 24, "day") if offset_hours % 24 == 0 else (offset_hours, "hour")
    return f"{amount:g} {unit}" + ("" if amount == 1 else "s")


def _insert_ignoring_duplicates(engine: Engine, rows: list[dict[str, Any]]) -> Any:
    """Return an INSERT that skips rows whose key exists, so concurrent syncs do not collide."""
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    return (
        dialect.insert(reminders)
        .values(rows)
        .on_conflict_do_nothing(
            index_elements=["window_id", "window_sequence", "offset_hours", "channel"]
        )
    )
