"""What the Slack bot, reminders and change reports read from and write to the version store.

The store implements `NoticeStore`; these types keep the bot independent of its tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.filters import WindowFilter
from parsers.models import Schedule, Status


@dataclass(frozen=True)
class NoticeSummary:
    """A tracked notice and its newest stored version."""

    id: str
    title: str
    vendor: str
    source: str
    version: int
    stored_at: datetime


@dataclass(frozen=True)
class WindowState:
    """A window id as the store tracks it across versions.

    `sequence` grows each time a new version changes the window, as the calendar's SEQUENCE
    does; a cancelled window keeps its last sequence.
    """

    notice_id: str
    window_id: str
    sequence: int
    status: Status


@dataclass(frozen=True)
class Subscription:
    """A filter that receives reminders and change reports in a channel and has a calendar feed."""

    id: str
    filters: WindowFilter
    channel: str | None
    feed_token: str


class NoticeStore(Protocol):
    """The store operations the bot needs."""

    def notices(self) -> list[NoticeSummary]: ...

    def latest(self, notice_id: str) -> Schedule | None: ...

    def find_notice(self, text: str) -> str | None:
        """Return the id of the notice whose id, title or source best fits `text`."""
        ...

    def window_states(self, notice_id: str) -> list[WindowState]: ...

    def last_change_report(self, notice_id: str) -> str | None:
        """Return the text report of the newest version's schedule change, if it had one."""
        ...

    def add_subscription(self, filters: WindowFilter, channel: str | None = None) -> Subscription: ...

    def subscriptions(self) -> list[Subscription]: ...

    def remove_subscription(self, channel: str) -> int:
        """Remove every subscription of `channel` and return how many there were."""
        ...
