"""The version store: notices, their versions, window identities and subscriptions.

SQLAlchemy Core over a SQLite file (WAL journal, foreign keys on) by default, or PostgreSQL
through psycopg 3 when `database_url` says so. Every write runs in one transaction, so a failure
leaves the store as it was.
"""

from __future__ import annotations

import json
import logging
import secrets
import zlib
from collections.abc import Callable, Collection
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from sqlalchemy import (
    Connection,
    Engine,
    Row,
    create_engine,
    delete,
    event,
    insert,
    make_url,
    select,
    update,
)
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from bot.store_records import (
    CANCELLED,
    AddResult,
    NoticeRecord,
    StoredVersion,
    Subscription,
    SubscriptionFilters,
    WindowState,
    title_words_match,
)
from bot.store_schema import (
    notices,
    prepare_schema,
    subscriptions,
    versions,
    window_identities,
)
from parsers.diff import diff_schedules
from parsers.errors import StoreError
from parsers.matching import MatchResult, carry_window_ids, match_windows
from parsers.models import Origin, Schedule, Window

logger = logging.getLogger(__name__)

ChangeListener = Callable[[AddResult], None]
"""Called after a new version is committed; `AddResult.diff` is None for a first version."""


def _window_content(window: Window) -> str:
    """Return the parts of a window whose change raises its sequence (evidence lines excluded)."""
    return window.model_dump_json(exclude={"evidence"})


def _enable_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


class Store:
    """Notices, versions, window identities and subscriptions in one database.

    Open with `Store.open(url)` and close with `close()`, or use it as a context manager.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._listeners: list[ChangeListener] = []

    @classmethod
    def open(cls, url: str) -> Store:
        """Open the store at a SQLAlchemy URL, creating or upgrading its schema.

        A SQLite file's folder is created when missing. Raises StoreError when the URL is
        invalid, the database cannot be reached or its schema version does not fit.
        """
        try:
            parsed = make_url(url)
        except ArgumentError as error:
            raise StoreError(
                f"invalid database URL {url!r}; give a SQLAlchemy URL such as "
                "sqlite:///var/noticewatch.db"
            ) from error
        shown = parsed.render_as_string(hide_password=True)
        try:
            database = parsed.database or ""
            if parsed.get_backend_name() == "sqlite" and database not in ("", ":memory:"):
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(parsed)
        except (NoSuchModuleError, OSError) as error:
            raise StoreError(
                f"cannot open the store at {shown}: {error}; check database_url"
            ) from error
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _enable_sqlite_pragmas)
        try:
            with engine.begin() as connection:
                prepare_schema(connection)
        except SQLAlchemyError as error:
            engine.dispose()
            reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
            raise StoreError(
                f"cannot open the store at {shown}: {reason}; check that the database is "
                "running and database_url is right"
            ) from error
        except StoreError:
            engine.dispose()
            raise
        logger.debug("opened store %s", shown)
        return cls(engine)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def add_listener(self, listener: ChangeListener) -> None:
        """Call `listener` with the result of every new version once it is committed."""
        self._listeners.append(listener)

    # Versions

    def add_version(
        self,
        schedule: Schedule,
        raw: bytes,
        *,
        stored_at: datetime,
        source_url: str | None = None,
        fetched_at: datetime | None = None,
    ) -> AddResult:
        """Store a parsed version of a notice unless its fingerprint equals the newest one.

        The new windows take the ids of the previous version's windows they match; the result's
        schedule carries those ids. Everything happens in one transaction.
        """
        if stored_at.tzinfo is None:
            raise ValueError("stored_at must be timezone-aware")
        notice = schedule.notice
        with self.engine.begin() as connection:
            previous = self._latest(connection, notice.id)
            if previous is not None and previous.fingerprint == notice.fingerprint:
                logger.debug("notice %s unchanged at version %d", notice.id, previous.number)
                return AddResult(notice.id, previous.number, False, previous.schedule, None)

            reserved = self._window_ids(connection, notice.id)
            if previous is None:
                windows, match = match_windows([], schedule.windows, reserved)
                carried = schedule.model_copy(update={"windows": windows})
                diff = None
                number = 1
            else:
                carried, match = carry_window_ids(previous.schedule, schedule, reserved)
                diff = diff_schedules(previous.schedule, carried, match)
                number = previous.number + 1

            self._write_version(connection, carried, raw, number, stored_at, source_url, fetched_at)
            self._update_window_identities(connection, carried, match, number, stored_at)

        result = AddResult(notice.id, number, True, carried, diff)
        logger.info("stored version %d of notice %s (%s)", number, notice.id, notice.source)
        for listener in self._listeners:
            listener(result)
        return result

    def _write_version(
        self,
        connection: Connection,
        schedule: Schedule,
        raw: bytes,
        number: int,
        stored_at: datetime,
        source_url: str | None,
        fetched_at: datetime | None,
    ) -> None:
        notice = schedule.notice
        if number == 1:
            connection.execute(
                insert(notices).values(
                    id=notice.id, vendor=notice.vendor, title=notice.title, source=notice.source,
                    created_at=stored_at, updated_at=stored_at, latest_version=1,
                )
            )
        else:
            connection.execute(
                update(notices)
                .where(notices.c.id == notice.id)
                .values(title=notice.title, source=notice.source, updated_at=stored_at,
                        latest_version=number)
            )
        connection.execute(
            insert(versions).values(
                notice_id=notice.id,
                number=number,
                fingerprint=notice.fingerprint,
                source_url=source_url,
                fetched_at=fetched_at,
                stored_at=stored_at,
                raw_compressed=zlib.compress(raw, 9),
                raw_size=len(raw),
                schedule_json=json.dumps(schedule.to_json_dict(), ensure_ascii=False),
            )
        )

    def _update_window_identities(
        self,
        connection: Connection,
        schedule: Schedule,
        match: MatchResult,
        number: int,
        stored_at: datetime,
    ) -> None:
        """Insert new windows, update kept ones, and cancel removed and merged ones."""
        notice_id = schedule.notice.id
        known = {
            row.window_id: row
            for row in connection.execute(
                select(window_identities).where(window_identities.c.notice_id == notice_id)
            )
        }
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
                values |= {"sequence": row.sequence + 1, "status": window.status.value,
                           "modified_at": stored_at, "window_json": window.model_dump_json(),
                           "merged_into": None}
            self._update_identity(connection, window.id, values)

        merged_into = {old: new for new, olds in match.merged.items() for old in olds}
        for window_id in [*match.cancelled, *merged_into]:
            row = known.get(window_id)
            if row is None or row.status == CANCELLED:
                continue
            self._update_identity(connection, window_id, {
                "sequence": row.sequence + 1, "status": CANCELLED, "modified_at": stored_at,
                "merged_into": merged_into.get(window_id),
            })

    @staticmethod
    def _update_identity(connection: Connection, window_id: str, values: dict[str, Any]) -> None:
        connection.execute(
            update(window_identities)
            .where(window_identities.c.window_id == window_id)
            .values(**values)
        )

    @staticmethod
    def _window_ids(connection: Connection, notice_id: str) -> Collection[str]:
        query = select(window_identities.c.window_id).where(
            window_identities.c.notice_id == notice_id
        )
        return set(connection.execute(query).scalars())

    def _latest(self, connection: Connection, notice_id: str) -> StoredVersion | None:
        query = (
            select(versions)
            .where(versions.c.notice_id == notice_id)
            .order_by(versions.c.number.desc())
            .limit(1)
        )
        row = connection.execute(query).first()
        return None if row is None else _stored_version(row)

    # Reading

    def notices(self) -> list[NoticeRecord]:
        """Return every tracked notice, oldest first."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(notices).order_by(notices.c.created_at, notices.c.id))
            return [_notice_record(row) for row in rows]

    def notice(self, notice_id: str) -> NoticeRecord | None:
        """Return the notice with this id, if tracked."""
        with self.engine.connect() as connection:
            row = connection.execute(select(notices).where(notices.c.id == notice_id)).first()
            return None if row is None else _notice_record(row)

    def find_notices(self, text: str) -> list[NoticeRecord]:
        """Return the notices that `text` names: an exact id, an id prefix, a URL, or title words.

        The first of those kinds that matches anything wins, so an exact id never competes with
        title words.
        """
        query = text.strip()
        if not query:
            return []
        every = self.notices()
        lowered = query.lower()
        for test in (
            lambda record: record.id == query,
            lambda record: record.id.startswith(lowered),
            lambda record: record.source == query,
            lambda record: title_words_match(query, record.title),
        ):
            found = [record for record in every if test(record)]
            if found:
                return found
        return []

    def find_notice(self, text: str) -> NoticeRecord | None:
        """Return the one notice that `text` names, or None when none or several match."""
        found = self.find_notices(text)
        return found[0] if len(found) == 1 else None

    def latest(self, notice_id: str) -> StoredVersion | None:
        """Return the newest version of a notice."""
        with self.engine.connect() as connection:
            return self._latest(connection, notice_id)

    def version(self, notice_id: str, number: int) -> StoredVersion | None:
        """Return one version of a notice by its number."""
        query = select(versions).where(
            versions.c.notice_id == notice_id, versions.c.number == number
        )
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
            return None if row is None else _stored_version(row)

    def versions(self, notice_id: str) -> list[StoredVersion]:
        """Return every version of a notice, oldest first."""
        query = (
            select(versions).where(versions.c.notice_id == notice_id).order_by(versions.c.number)
        )
        with self.engine.connect() as connection:
            return [_stored_version(row) for row in connection.execute(query)]

    def window_states(self, notice_id: str) -> list[WindowState]:
        """Return every window the notice ever had, cancelled ones included, by first version."""
        query = (
            select(window_identities)
            .where(window_identities.c.notice_id == notice_id)
            .order_by(window_identities.c.first_version, window_identities.c.window_id)
        )
        with self.engine.connect() as connection:
            return [_window_state(row) for row in connection.execute(query)]

    # Subscriptions

    def add_subscription(
        self,
        filters: SubscriptionFilters,
        channel: str | None = None,
        *,
        created_at: datetime | None = None,
    ) -> Subscription:
        """Create a subscription with an unguessable token (32 random bytes, URL-safe)."""
        created_at = created_at or datetime.now(UTC)
        subscription = Subscription(secrets.token_urlsafe(32), channel, filters, created_at)
        with self.engine.begin() as connection:
            connection.execute(
                insert(subscriptions).values(
                    token=subscription.token, channel=channel, vendor=filters.vendor,
                    environment=filters.environment, region=filters.region, host=filters.host,
                    created_at=created_at,
                )
            )
        logger.info("added subscription for channel %s", channel or "(calendar only)")
        return subscription

    def subscription(self, token: str) -> Subscription | None:
        """Return the subscription with this token."""
        query = select(subscriptions).where(subscriptions.c.token == token)
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
            return None if row is None else _subscription(row)

    def subscriptions(self, channel: str | None = None) -> list[Subscription]:
        """Return every subscription, or only those of one channel, oldest first."""
        query = select(subscriptions).order_by(subscriptions.c.created_at, subscriptions.c.token)
        if channel is not None:
            query = query.where(subscriptions.c.channel == channel)
        with self.engine.connect() as connection:
            return [_subscription(row) for row in connection.execute(query)]

    def remove_subscription(self, token: str) -> bool:
        """Delete a subscription; return False when no subscription has this token."""
        with self.engine.begin() as connection:
            result = connection.execute(delete(subscriptions).where(subscriptions.c.token == token))
            return bool(result.rowcount)


def _notice_record(row: Row[Any]) -> NoticeRecord:
    return NoticeRecord(
        id=row.id, vendor=row.vendor, title=row.title, source=row.source,
        created_at=row.created_at, updated_at=row.updated_at, latest_version=row.latest_version,
    )


def _stored_version(row: Row[Any]) -> StoredVersion:
    return StoredVersion(
        notice_id=row.notice_id,
        number=row.number,
        fingerprint=row.fingerprint,
        source_url=row.source_url,
        fetched_at=row.fetched_at,
        stored_at=row.stored_at,
        schedule=Schedule.model_validate_json(row.schedule_json),
        raw_compressed=bytes(row.raw_compressed),
        raw_size=row.raw_size,
    )


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


def _subscription(row: Row[Any]) -> Subscription:
    filters = SubscriptionFilters(
        vendor=row.vendor, environment=row.environment, region=row.region, host=row.host
    )
    return Subscription(row.token, row.channel, filters, row.created_at)
