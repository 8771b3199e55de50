"""The version store: notices, their versions, window identities and subscriptions.

SQLAlchemy Core over a SQLite file (WAL journal, foreign keys on) by default, or PostgreSQL
through psycopg 3 when `database_url` is a PostgreSQL URL. Every write runs in one transaction,
so a failure leaves the store as it was.
"""

from __future__ import annotations

import json
import logging
import zlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from sqlalchemy import (
    Connection,
    Engine,
    Row,
    create_engine,
    event,
    insert,
    make_url,
    select,
    update,
)
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, SQLAlchemyError

from bot.store_records import (
    AddResult,
    FetchInfo,
    NoticeRecord,
    StoredVersion,
    WindowState,
    title_words_match,
)
from bot.store_schema import notices, prepare_schema, versions
from bot.store_subscriptions import SubscriptionMethods
from bot.store_windows import read_window_states, update_window_identities, window_ids
from bot.urls import is_url
from parsers.diff import diff_schedules
from parsers.errors import StoreError
from parsers.matching import MatchResult, carry_window_ids, match_windows
from parsers.models import Schedule

logger = logging.getLogger(__name__)

ChangeListener = Callable[[AddResult], None]
"""Called after a new version is committed; `AddResult.diff` is None for a first version."""


def _enable_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


class Store(SubscriptionMethods):
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
        display_url = parsed.render_as_string(hide_password=True)
        try:
            database = parsed.database or ""
            if parsed.get_backend_name() == "sqlite" and database not in ("", ":memory:"):
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(parsed)
        except (NoSuchModuleError, OSError) as error:
            raise StoreError(
                f"cannot open the store at {display_url}: {error}; check database_url"
            ) from error
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _enable_sqlite_pragmas)
        try:
            with engine.begin() as connection:
                prepare_schema(connection)
        except SQLAlchemyError as error:
            engine.dispose()
            reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
            if engine.dialect.name == "sqlite":
                fix = (
                    "check that the file is a noticewatch SQLite database and that the file and "
                    "its folder are writable, or point database_url or data_dir elsewhere"
                )
            else:
                fix = "check that the database is running and database_url is right"
            raise StoreError(f"cannot open the store at {display_url}: {reason}; {fix}") from error
        except StoreError:
            engine.dispose()
            raise
        logger.debug("opened store %s", display_url)
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
        fetch: FetchInfo | None = None,
    ) -> AddResult:
        """Store a parsed version of a notice unless its fingerprint equals the newest one.

        The new windows take the ids of the previous version's windows they match; the result's
        schedule carries those ids. `source_url` and `fetch` record where and how the content
        was fetched. Everything happens in one transaction.
        """
        if stored_at.tzinfo is None:
            raise ValueError("stored_at must be timezone-aware")
        notice = schedule.notice
        try:
            with self.engine.begin() as connection:
                result = self._add_version(
                    connection, schedule, raw, stored_at, source_url, fetch
                )
        except IntegrityError as error:
            raise StoreError(
                f"notice {notice.id}: another writer stored a version at the same time; "
                "run the command again"
            ) from error
        except SQLAlchemyError as error:
            raise StoreError(
                f"notice {notice.id}: storing the version failed ({type(error).__name__}); "
                "nothing was changed, check the database and run the command again"
            ) from error
        if not result.created:
            logger.debug("notice %s unchanged at version %d", notice.id, result.version)
            return result

        logger.info("stored version %d of notice %s (%s)", result.version, notice.id, notice.source)
        for listener in self._listeners:
            try:
                listener(result)
            except Exception:
                # The version is committed, so a failing listener must not look like a failed add.
                logger.exception("change listener failed for notice %s", notice.id)
        return result

    def _add_version(
        self,
        connection: Connection,
        schedule: Schedule,
        raw: bytes,
        stored_at: datetime,
        source_url: str | None,
        fetch: FetchInfo | None,
    ) -> AddResult:
        notice = schedule.notice
        previous = self._latest(connection, notice.id)
        if previous is not None and previous.fingerprint == notice.fingerprint:
            if fetch is not None and source_url == previous.source_url:
                # Keep the newest validators, so the server can return 304 to the next request.
                connection.execute(
                    update(versions)
                    .where(versions.c.notice_id == notice.id, versions.c.number == previous.number)
                    .values(etag=fetch.etag, last_modified=fetch.last_modified)
                )
            return AddResult(notice.id, previous.number, False, previous.schedule, None)

        reserved = window_ids(connection, notice.id)
        if previous is None:
            windows, match = match_windows([], schedule.windows, reserved)
            carried = schedule.model_copy(update={"windows": windows})
            diff = None
            number = 1
        else:
            carried, match = carry_window_ids(previous.schedule, schedule, reserved)
            diff = diff_schedules(previous.schedule, carried, match)
            number = previous.number + 1

        self._write_version(connection, carried, raw, number, stored_at, source_url, fetch)
        self._update_window_identities(connection, carried, match, number, stored_at)
        return AddResult(notice.id, number, True, carried, diff)

    def _write_version(
        self,
        connection: Connection,
        schedule: Schedule,
        raw: bytes,
        number: int,
        stored_at: datetime,
        source_url: str | None,
        fetch: FetchInfo | None,
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
                fetched_at=fetch.fetched_at if fetch else None,
                etag=fetch.etag if fetch else None,
                last_modified=fetch.last_modified if fetch else None,
                stored_at=stored_at,
                raw_compressed=zlib.compress(raw, 9),
                raw_size=len(raw),
                schedule_json=json.dumps(schedule.to_json_dict(), ensure_ascii=False),
            )
        )

    @staticmethod
    def _update_window_identities(
        connection: Connection,
        schedule: Schedule,
        match: MatchResult,
        number: int,
        stored_at: datetime,
    ) -> None:
        """Record the version's windows; a separate step so tests can inject a failure here."""
        update_window_identities(connection, schedule, match, number, stored_at)

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

    def latest_from_url(self, url: str) -> StoredVersion | None:
        """Return the newest version fetched from `url`, whichever notice it belongs to."""
        query = (
            select(versions)
            .where(versions.c.source_url == url)
            .order_by(versions.c.stored_at.desc(), versions.c.number.desc())
            .limit(1)
        )
        with self.engine.connect() as connection:
            row = connection.execute(query).first()
            return None if row is None else _stored_version(row)

    def tracked_urls(self) -> list[str]:
        """Return the http(s) URLs that stored versions were fetched from or notices name."""
        urls: dict[str, None] = {}
        with self.engine.connect() as connection:
            sources = connection.execute(
                select(versions.c.source_url).where(versions.c.source_url.is_not(None))
                .order_by(versions.c.stored_at)
            ).scalars()
            urls.update(dict.fromkeys(source for source in sources if source))
            urls.update(dict.fromkeys(connection.execute(select(notices.c.source)).scalars()))
        return [url for url in urls if is_url(url)]

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
        """Return every window the notice ever had, cancelled ones included, by first version.

        Calendars use `sequence` as SEQUENCE and cancelled states for STATUS:CANCELLED.
        """
        with self.engine.connect() as connection:
            return read_window_states(connection, notice_id)


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
        etag=row.etag,
        last_modified=row.last_modified,
        schedule=Schedule.model_validate_json(row.schedule_json),
        raw_compressed=bytes(row.raw_compressed),
        raw_size=row.raw_size,
    )
