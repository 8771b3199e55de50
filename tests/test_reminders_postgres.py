"""Two reminder workers sharing one PostgreSQL store post each reminder exactly once."""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import OperationalError

from bot.reminder_table import SENT, reminders
from bot.reminders import ReminderScheduler
from bot.settings import Settings
from bot.slack.app import create_web_client
from bot.store import Store
from bot.store_records import SubscriptionFilters
from tests.slack_support import FakeSlackApi, MutableClock, store_case, store_edit

DATABASE_ENV = "NOTICEWATCH_TEST_DATABASE_URL"
WINDOWS = 20
CHANNELS = ["C1", "C2", "C3"]
START = datetime(2023, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def postgres_schema() -> Iterator[tuple[str, str]]:
    """Yield the test database URL and a fresh schema, dropped afterwards."""
    url = os.environ.get(DATABASE_ENV)
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{DATABASE_ENV} is not set; CI must run the PostgreSQL tests")
        pytest.skip(f"{DATABASE_ENV} is not set")
    schema = f"nw_reminders_{secrets.token_hex(4)}"
    admin = create_engine(url)
    try:
        with admin.begin() as connection:
            connection.execute(text(f"CREATE SCHEMA {schema}"))
    except OperationalError as error:
        admin.dispose()
        if os.environ.get("CI") == "true":
            pytest.fail(f"PostgreSQL at {DATABASE_ENV} is unreachable: {error}")
        pytest.skip(f"PostgreSQL at {DATABASE_ENV} is unreachable")
    try:
        yield url, schema
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def schema_url(url: str, schema: str) -> str:
    """Return the database URL with `schema` first on the search path."""
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}"


def test_two_workers_post_each_reminder_once(postgres_schema: tuple[str, str]) -> None:
    url = schema_url(*postgres_schema)
    store = Store.open(url)
    sandbox = store_case(store, "zuora-sandbox-maintenance-may-2023")
    template = sandbox.windows[0]
    windows = [
        template.model_copy(
            update={
                "start": START + timedelta(hours=index),
                "end": START + timedelta(hours=index, minutes=30),
            }
        )
        for index in range(WINDOWS)
    ]
    store_edit(store, sandbox, "hourly", windows=windows)
    for channel in CHANNELS:
        store.add_subscription(SubscriptionFilters(), channel)
    clock = MutableClock(START - timedelta(days=10))
    engines = [create_engine(url), create_engine(url)]
    with FakeSlackApi() as fake:
        settings = Settings(slack_api_url=fake.api_url)
        workers = [
            ReminderScheduler(
                engine, store, create_web_client(settings, "xoxb-test"), [168.0], clock
            )
            for engine in engines
        ]
        workers[0].create_table()
        for worker in workers:
            worker.sync()
        # Every 168-hour reminder is due, and no window has started yet.
        clock.moment = START - timedelta(hours=1)
        counts: list[int] = []
        threads = [
            threading.Thread(target=lambda w=worker: counts.append(w.send_due()))
            for worker in workers
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        posts = fake.calls_to("/api/chat.postMessage")
    with engines[0].connect() as connection:
        sent_rows = connection.execute(
            select(func.count()).select_from(reminders).where(reminders.c.status == SENT)
        ).scalar_one()
    for engine in engines:
        engine.dispose()
    store.close()

    expected = WINDOWS * len(CHANNELS)
    assert sum(counts) == expected
    assert sent_rows == expected
    assert len(posts) == expected
    keys = {(call.payload["channel"], call.payload["text"]) for call in posts}
    assert len(keys) == expected
