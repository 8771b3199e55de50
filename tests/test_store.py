"""The version store on a real SQLite file, and on PostgreSQL when a test database is given."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection, create_engine, inspect, text

from bot import store_schema
from bot.store import Store
from bot.store_records import AddResult, FetchInfo, SubscriptionFilters
from bot.store_schema import SCHEMA_VERSION
from parsers.errors import StoreError
from parsers.models import Schedule
from tests.expected_schedules import expected_schedule

STORED_AT = datetime(2018, 9, 1, 12, 0, tzinfo=UTC)
LATER = datetime(2018, 9, 20, 12, 0, tzinfo=UTC)
FIRST_STEM = "zuora-ssl-certificate-2018-v1"
REAL_STEM = "zuora-ssl-certificate-2018"


def _window_id_at(schedule: Schedule, start: str) -> str:
    found = [
        window.id
        for window in schedule.windows
        if window.origin.value == "notice" and str(window.start).startswith(start)
    ]
    assert len(found) == 1, f"expected one notice window starting {start}, found {found}"
    return found[0]


def test_store_first_version_created(store_url: str) -> None:
    schedule = expected_schedule(FIRST_STEM)
    with Store.open(store_url) as store:
        result = store.add_version(schedule, b"version one", stored_at=STORED_AT)
        assert result.created is True
        assert result.version == 1
        assert result.diff is None
        assert [record.id for record in store.notices()] == [schedule.notice.id]
        latest = store.latest(schedule.notice.id)
        assert latest is not None
        assert latest.raw == b"version one"
        assert latest.stored_at == STORED_AT
        assert latest.schedule.windows == result.schedule.windows


def test_store_same_fingerprint_stores_nothing(store_url: str) -> None:
    schedule = expected_schedule(FIRST_STEM)
    with Store.open(store_url) as store:
        store.add_version(schedule, b"version one", stored_at=STORED_AT)
        again = store.add_version(schedule, b"version one again", stored_at=LATER)
        assert again.created is False
        assert again.version == 1
        assert len(store.versions(schedule.notice.id)) == 1
        assert store.latest(schedule.notice.id).raw == b"version one"  # type: ignore[union-attr]


def test_store_keeps_redated_window_id(store_url: str) -> None:
    first = expected_schedule(FIRST_STEM)
    second = expected_schedule(REAL_STEM)
    with Store.open(store_url) as store:
        stored_first = store.add_version(first, b"v1", stored_at=STORED_AT).schedule
        result = store.add_version(second, b"v2", stored_at=LATER)
        september_12 = _window_id_at(stored_first, "2018-09-12")
        october_10 = _window_id_at(result.schedule, "2018-10-10")
        assert result.version == 2
        assert october_10 == september_12
        assert result.diff is not None
        assert [change.id for change in result.diff.windows.redated] == [september_12]
        assert len(result.diff.windows.removed) == 3


def test_store_window_states_follow_versions(store_url: str) -> None:
    first = expected_schedule(FIRST_STEM)
    with Store.open(store_url) as store:
        stored_first = store.add_version(first, b"v1", stored_at=STORED_AT).schedule
        store.add_version(expected_schedule(REAL_STEM), b"v2", stored_at=LATER)
        states = {state.window_id: state for state in store.window_states(first.notice.id)}
    kept = states[_window_id_at(stored_first, "2018-09-12")]
    assert kept.sequence == 1
    assert kept.status == "scheduled"
    assert kept.modified_at == LATER
    assert kept.last_version == 2
    assert str(kept.window.start) == "2018-10-10 08:00:00+00:00"
    for start in ("2018-08-29", "2018-09-03", "2018-09-05"):
        removed = states[_window_id_at(stored_first, start)]
        assert removed.status == "cancelled"
        assert removed.is_cancelled
        assert removed.sequence == 1
        assert removed.last_version == 1
    comment_states = [state for state in states.values() if state.origin.value == "comment"]
    assert len(comment_states) == 4
    assert {state.sequence for state in comment_states} == {0}
    assert len(states) == 8


def test_store_unchanged_window_keeps_sequence(store_url: str) -> None:
    first = expected_schedule(FIRST_STEM)
    reworded = first.model_copy(
        update={"notice": first.notice.model_copy(update={"fingerprint": "0" * 64})}, deep=True
    )
    with Store.open(store_url) as store:
        store.add_version(first, b"v1", stored_at=STORED_AT)
        result = store.add_version(reworded, b"v1 reworded", stored_at=LATER)
        states = store.window_states(first.notice.id)
    assert result.created is True
    assert result.diff is not None
    assert result.diff.has_schedule_change is False
    assert {state.sequence for state in states} == {0}
    assert {state.last_version for state in states} == {2}


def test_store_failure_leaves_store_unchanged(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = expected_schedule(FIRST_STEM)
    with Store.open(store_url) as store:
        store.add_version(first, b"v1", stored_at=STORED_AT)
        before_states = store.window_states(first.notice.id)
        before_notices = store.notices()

        def fail(*_args: object) -> None:
            raise RuntimeError("injected failure after the version row was written")

        monkeypatch.setattr(Store, "_update_window_identities", fail)
        with pytest.raises(RuntimeError, match="injected failure"):
            store.add_version(expected_schedule(REAL_STEM), b"v2", stored_at=LATER)
        monkeypatch.undo()

        assert [version.number for version in store.versions(first.notice.id)] == [1]
        assert store.window_states(first.notice.id) == before_states
        assert store.notices() == before_notices
        retried = store.add_version(expected_schedule(REAL_STEM), b"v2", stored_at=LATER)
        assert retried.version == 2


def test_store_listener_gets_new_versions(store_url: str) -> None:
    received: list[AddResult] = []
    first = expected_schedule(FIRST_STEM)
    with Store.open(store_url) as store:
        store.add_listener(received.append)
        store.add_version(first, b"v1", stored_at=STORED_AT)
        store.add_version(first, b"v1", stored_at=STORED_AT)
        store.add_version(expected_schedule(REAL_STEM), b"v2", stored_at=LATER)
    assert [result.version for result in received] == [1, 2]
    assert received[1].diff is not None


def test_store_find_notice(store_url: str) -> None:
    zuora = expected_schedule(FIRST_STEM, source="https://community.example/zuora")
    authorize = expected_schedule(
        "authorizenet-digicert-migration-v1-2024", source="https://support.example/ka-05545"
    )
    with Store.open(store_url) as store:
        store.add_version(zuora, b"z", stored_at=STORED_AT)
        store.add_version(authorize, b"a", stored_at=LATER)
        assert store.find_notice(zuora.notice.id) == store.notice(zuora.notice.id)
        assert store.find_notice(authorize.notice.id[:14]) == store.notice(authorize.notice.id)
        assert store.find_notice("https://community.example/zuora") == store.notice(zuora.notice.id)
        assert store.find_notice("digicert migration") == store.notice(authorize.notice.id)
        assert store.find_notice("2018") is not None
        assert store.find_notice("ssl certificate nothing") is None
        assert store.find_notice("   ") is None
        assert len(store.find_notices("v1")) == 2
        assert store.find_notice("v1") is None


def test_store_subscriptions(store_url: str) -> None:
    filters = SubscriptionFilters(vendor="zuora", environment="sandbox")
    with Store.open(store_url) as store:
        calendar = store.add_subscription(filters, created_at=STORED_AT)
        channel = store.add_subscription(SubscriptionFilters(), "C123", created_at=LATER)
        assert len(calendar.token) >= 40
        assert calendar.token != channel.token
        assert store.subscription(calendar.token) == calendar
        assert store.subscriptions() == [calendar, channel]
        assert store.subscriptions(channel="C123") == [channel]
        assert store.remove_subscription(calendar.token) is True
        assert store.remove_subscription(calendar.token) is False
        assert store.subscription(calendar.token) is None


def test_subscription_filters_match_windows() -> None:
    schedule = expected_schedule(REAL_STEM)
    october = schedule.windows[0]
    assert SubscriptionFilters(vendor="Zuora", environment="test").matches("zuora", october)
    assert SubscriptionFilters(host="REST.PT1.zuora.com").matches("zuora", october)
    assert not SubscriptionFilters(vendor="stripe").matches("zuora", october)
    assert not SubscriptionFilters(environment="services").matches("zuora", october)
    assert not SubscriptionFilters(region="EU").matches("zuora", october)


def test_store_reopen_keeps_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nested' / 'store.db'}"
    schedule = expected_schedule(FIRST_STEM)
    with Store.open(url) as store:
        store.add_version(schedule, b"v1", stored_at=STORED_AT)
    with Store.open(url) as store:
        assert store.latest(schedule.notice.id) is not None
    connection = sqlite3.connect(tmp_path / "nested" / "store.db")
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    connection.close()


def test_store_newer_schema_rejected(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    Store.open(url).close()
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE noticewatch_schema SET version = :version"),
            {"version": SCHEMA_VERSION + 1},
        )
    engine.dispose()
    with pytest.raises(StoreError, match=f"schema version {SCHEMA_VERSION + 1}, newer"):
        Store.open(url)


def test_store_older_schema_without_migration_rejected(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    Store.open(url).close()
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE noticewatch_schema SET version = 0"))
    engine.dispose()
    with pytest.raises(StoreError, match="no migration to 1"):
        Store.open(url)


def test_store_unversioned_tables_rejected(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE notices (id TEXT)"))
    engine.dispose()
    with pytest.raises(StoreError, match="no schema version"):
        Store.open(url)


def test_store_invalid_url_rejected() -> None:
    with pytest.raises(StoreError, match="invalid database URL"):
        Store.open("not a url")


def test_store_unreachable_server_rejected() -> None:
    with pytest.raises(StoreError, match="cannot open the store"):
        Store.open("postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2")


def test_store_failing_listener_keeps_version(store_url: str) -> None:
    def fail(_result: AddResult) -> None:
        raise RuntimeError("listener failed")

    schedule = expected_schedule(FIRST_STEM)
    with Store.open(store_url) as store:
        store.add_listener(fail)
        result = store.add_version(schedule, b"v1", stored_at=STORED_AT)
        assert result.created is True
        assert store.latest(schedule.notice.id) is not None


def test_store_unchanged_fetch_refreshes_validators(store_url: str) -> None:
    schedule = expected_schedule(FIRST_STEM)
    url = "https://community.example/zuora"
    with Store.open(store_url) as store:
        store.add_version(
            schedule, b"v1", stored_at=STORED_AT, source_url=url,
            fetch=FetchInfo(STORED_AT, etag='"a"', last_modified=None),
        )
        store.add_version(
            schedule, b"v1", stored_at=LATER, source_url=url,
            fetch=FetchInfo(LATER, etag='"b"', last_modified="Thu, 20 Sep 2018 12:00:00 GMT"),
        )
        latest = store.latest_from_url(url)
    assert latest is not None
    assert latest.number == 1
    assert latest.etag == '"b"'
    assert latest.last_modified == "Thu, 20 Sep 2018 12:00:00 GMT"
    assert latest.fetched_at == STORED_AT


def test_store_older_schema_migrated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    schedule = expected_schedule(FIRST_STEM)
    with Store.open(url) as store:
        store.add_version(schedule, b"v1", stored_at=STORED_AT)

    def add_reminders(connection: Connection) -> None:
        connection.execute(text("CREATE TABLE reminders (id INTEGER PRIMARY KEY)"))

    monkeypatch.setattr(store_schema, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(store_schema.MIGRATIONS, SCHEMA_VERSION, add_reminders)
    with Store.open(url) as store:
        assert store.latest(schedule.notice.id) is not None
        with store.engine.connect() as connection:
            version = connection.execute(text("SELECT version FROM noticewatch_schema")).scalar()
            tables = set(inspect(connection).get_table_names())
    assert version == SCHEMA_VERSION + 1
    assert "reminders" in tables


def test_store_concurrent_writer_raises_store_error(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = expected_schedule(FIRST_STEM)
    with Store.open(store_url) as store:
        store.add_version(first, b"v1", stored_at=STORED_AT)
        # A writer that read the store before version 1 was committed finds no version yet.
        monkeypatch.setattr(Store, "_latest", lambda *_args: None)
        with pytest.raises(StoreError, match="another writer stored a version at the same time"):
            store.add_version(expected_schedule(REAL_STEM), b"v2", stored_at=LATER)
        monkeypatch.undo()
        assert [version.number for version in store.versions(first.notice.id)] == [1]
