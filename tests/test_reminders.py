"""Reminders with a controllable clock, against a real SQLite file and the fake Slack Web API."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, select

from bot.reminder_table import DROPPED, EXPIRED, PENDING, SENT, reminders
from bot.reminders import ReminderScheduler
from bot.settings import Settings
from bot.slack.app import create_web_client
from bot.store import Store
from bot.store_records import SubscriptionFilters
from parsers.models import Schedule
from tests.slack_support import FakeSlackApi, MutableClock, store_case, store_edit

MAIN_CASE = "zuora-ssl-certificate-2018"
OCTOBER_10 = datetime(2018, 10, 10, 8, 0, tzinfo=UTC)
POST = "/api/chat.postMessage"


@dataclass
class ReminderHarness:
    store: Store
    main: Schedule
    fake: FakeSlackApi
    clock: MutableClock
    engine: Engine
    settings: Settings

    def scheduler(self, engine: Engine | None = None) -> ReminderScheduler:
        client = create_web_client(self.settings, "xoxb-test")
        scheduler = ReminderScheduler(
            engine or self.engine,
            self.store,
            client,
            self.settings.reminder_offsets_hours,
            self.clock,
        )
        scheduler.create_table()
        return scheduler

    def statuses(self) -> list[tuple[float, str]]:
        with self.engine.connect() as connection:
            rows = connection.execute(
                select(reminders.c.offset_hours, reminders.c.status).order_by(reminders.c.id)
            ).all()
        return [(row.offset_hours, row.status) for row in rows]


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[ReminderHarness]:
    store = Store.open(f"sqlite:///{tmp_path / 'store.db'}")
    main = store_case(store, MAIN_CASE)
    store.add_subscription(SubscriptionFilters(), "C1")
    engine = create_engine(f"sqlite:///{tmp_path / 'reminders.db'}")
    with FakeSlackApi() as fake:
        settings = Settings(slack_api_url=fake.api_url)
        clock = MutableClock(datetime(2018, 10, 1, tzinfo=UTC))
        yield ReminderHarness(store, main, fake, clock, engine, settings)
    engine.dispose()
    store.close()


def store_moved(harness: ReminderHarness, days: int) -> None:
    """Store a version whose notice window starts and ends `days` later."""
    window = harness.main.windows[0]
    assert isinstance(window.start, datetime) and isinstance(window.end, datetime)
    later = window.model_copy(
        update={
            "start": window.start + timedelta(days=days),
            "end": window.end + timedelta(days=days),
        }
    )
    store_edit(
        harness.store, harness.main, f"moved-{days}", windows=[later, *harness.main.windows[1:]]
    )


def store_cancelled(harness: ReminderHarness) -> None:
    """Store a version without the notice window."""
    store_edit(harness.store, harness.main, "cancelled", windows=harness.main.windows[1:])


def test_sync_adds_one_row_per_offset(harness: ReminderHarness) -> None:
    added, dropped = harness.scheduler().sync()
    # Only the notice's own Oct 10 window is reminded; the reply-quoted ones are evidence.
    assert (added, dropped) == (3, 0)
    assert harness.statuses() == [(168.0, PENDING), (24.0, PENDING), (1.0, PENDING)]


def test_due_reminder_goes_out_once(harness: ReminderHarness) -> None:
    scheduler = harness.scheduler()
    scheduler.sync()
    harness.clock.moment = OCTOBER_10 - timedelta(hours=168)
    assert scheduler.send_due() == 1
    assert scheduler.send_due() == 0
    posts = harness.fake.calls_to(POST)
    assert len(posts) == 1
    assert posts[0].payload["channel"] == "C1"
    assert posts[0].payload["text"].startswith("Reminder: Re: [ACTION REQUIRED]")
    assert "starts in 7 days (<!date^1539158400^" in posts[0].payload["text"]
    assert posts[0].payload["_authorization"] == "Bearer xoxb-test"


def test_nothing_due_before_offset(harness: ReminderHarness) -> None:
    scheduler = harness.scheduler()
    scheduler.sync()
    harness.clock.moment = OCTOBER_10 - timedelta(hours=168, seconds=1)
    assert scheduler.send_due() == 0
    assert harness.fake.calls_to(POST) == []


def test_downtime_posts_only_nearest_reminder(harness: ReminderHarness) -> None:
    scheduler = harness.scheduler()
    scheduler.sync()
    harness.clock.moment = OCTOBER_10 - timedelta(hours=23)
    assert scheduler.send_due() == 1
    posts = harness.fake.calls_to(POST)
    assert len(posts) == 1
    assert "starts in 1 day" in posts[0].payload["text"]
    assert harness.statuses() == [(168.0, EXPIRED), (24.0, SENT), (1.0, PENDING)]


def test_redated_window_reminders_move(harness: ReminderHarness) -> None:
    scheduler = harness.scheduler()
    scheduler.sync()
    store_moved(harness, 7)
    added, dropped = scheduler.sync()
    assert (added, dropped) == (3, 3)
    harness.clock.moment = OCTOBER_10 - timedelta(hours=1)
    assert scheduler.send_due() == 0
    harness.clock.moment = OCTOBER_10 + timedelta(days=7) - timedelta(hours=168)
    assert scheduler.send_due() == 1
    harness.clock.moment = OCTOBER_10 + timedelta(days=7) - timedelta(hours=24)
    assert scheduler.send_due() == 1
    texts = [call.payload["text"] for call in harness.fake.calls_to(POST)]
    assert [text.split(" starts in ")[1].split(" (")[0] for text in texts] == ["7 days", "1 day"]
    # 2018-10-17 08:00 UTC, the new start, is epoch 1539763200.
    assert "<!date^1539763200^" in texts[0]
    assert "<!date^1539763200^" in texts[1]


def test_cancelled_window_reminders_dropped(harness: ReminderHarness) -> None:
    scheduler = harness.scheduler()
    scheduler.sync()
    store_cancelled(harness)
    assert scheduler.sync() == (0, 3)
    harness.clock.moment = OCTOBER_10 - timedelta(hours=1)
    assert scheduler.send_due() == 0
    assert harness.statuses() == [(168.0, DROPPED), (24.0, DROPPED), (1.0, DROPPED)]


def test_window_cancelled_after_sync_rechecked_when_due(harness: ReminderHarness) -> None:
    scheduler = harness.scheduler()
    scheduler.sync()
    store_cancelled(harness)
    harness.clock.moment = OCTOBER_10 - timedelta(hours=168)
    assert scheduler.send_due() == 0
    assert harness.fake.calls_to(POST) == []
    assert harness.statuses() == [(168.0, DROPPED), (24.0, PENDING), (1.0, PENDING)]


def test_unsubscribed_channel_reminders_dropped(harness: ReminderHarness) -> None:
    scheduler = harness.scheduler()
    scheduler.sync()
    for subscription in harness.store.subscriptions("C1"):
        harness.store.remove_subscription(subscription.token)
    assert scheduler.sync() == (0, 3)
    harness.clock.moment = OCTOBER_10 - timedelta(hours=1)
    assert scheduler.send_due() == 0


def test_filter_selects_channels(harness: ReminderHarness) -> None:
    harness.store.add_subscription(SubscriptionFilters(environment="services"), "C2")
    # *.zuora.com in the Oct 10 window covers rest.zuora.com by certificate rules.
    harness.store.add_subscription(SubscriptionFilters(host="rest.zuora.com"), "C3")
    scheduler = harness.scheduler()
    assert scheduler.sync() == (6, 0)
    harness.clock.moment = OCTOBER_10 - timedelta(hours=1)
    assert scheduler.send_due() == 2
    channels = sorted(call.payload["channel"] for call in harness.fake.calls_to(POST))
    assert channels == ["C1", "C3"]


def test_restart_sends_nothing_twice(harness: ReminderHarness, tmp_path: Path) -> None:
    first = harness.scheduler()
    first.sync()
    harness.clock.moment = OCTOBER_10 - timedelta(hours=168)
    assert first.send_due() == 1
    harness.engine.dispose()
    restarted_engine = create_engine(f"sqlite:///{tmp_path / 'reminders.db'}")
    restarted = harness.scheduler(restarted_engine)
    assert restarted.sync() == (0, 0)
    assert restarted.send_due() == 0
    harness.clock.moment = OCTOBER_10 - timedelta(hours=24)
    assert restarted.send_due() == 1
    assert len(harness.fake.calls_to(POST)) == 2
    restarted_engine.dispose()


def test_started_window_reminder_expires(harness: ReminderHarness) -> None:
    scheduler = harness.scheduler()
    scheduler.sync()
    harness.clock.moment = OCTOBER_10 + timedelta(minutes=5)
    assert scheduler.send_due() == 0
    assert [status for _, status in harness.statuses()] == ["expired", "expired", "expired"]


def test_rate_limited_post_is_retried(harness: ReminderHarness) -> None:
    scheduler = harness.scheduler()
    scheduler.sync()
    harness.fake.rate_limits["chat.postMessage"] = 1
    harness.clock.moment = OCTOBER_10 - timedelta(hours=168)
    assert scheduler.send_due() == 1
    statuses = [call.status for call in harness.fake.calls if call.path == POST]
    assert statuses == [429, 200]
    assert harness.statuses()[0] == (168.0, SENT)
