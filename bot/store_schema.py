"""The store's tables, their schema version, and creating or upgrading a database to it.

A feature that needs a new table adds it to `metadata`, raises `SCHEMA_VERSION` by one and
registers a migration from the previous version in `MIGRATIONS`. An existing database is then
upgraded in place instead of being used with a missing table.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Dialect,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy.types import TypeDecorator

from parsers.errors import StoreError

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 1
"""The schema version this code reads and writes."""


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware datetime stored in UTC.

    SQLite keeps no offset, so UTC is attached again on read.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()} cannot be stored; give a zone")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


metadata = MetaData()

schema_version = Table(
    "noticewatch_schema",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", UTCDateTime, nullable=False),
)

notices = Table(
    "notices",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("vendor", String(64), nullable=False),
    Column("title", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("latest_version", Integer, nullable=False),
)

versions = Table(
    "versions",
    metadata,
    Column("notice_id", String(64), ForeignKey("notices.id", ondelete="CASCADE"), primary_key=True),
    Column("number", Integer, primary_key=True, autoincrement=False),
    Column("fingerprint", String(64), nullable=False),
    Column("source_url", Text, nullable=True),
    Column("fetched_at", UTCDateTime, nullable=True),
    Column("etag", Text, nullable=True),
    Column("last_modified", Text, nullable=True),
    Column("stored_at", UTCDateTime, nullable=False),
    Column("raw_compressed", LargeBinary, nullable=False),
    Column("raw_size", Integer, nullable=False),
    Column("schedule_json", Text, nullable=False),
)

window_identities = Table(
    "window_identities",
    metadata,
    Column("window_id", String(64), primary_key=True),
    Column("notice_id", String(64), ForeignKey("notices.id", ondelete="CASCADE"), nullable=False),
    Column("origin", String(16), nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("merged_into", String(64), nullable=True),
    Column("first_version", Integer, nullable=False),
    Column("last_version", Integer, nullable=False),
    Column("modified_at", UTCDateTime, nullable=False),
    Column("window_json", Text, nullable=False),
)

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("token", String(64), primary_key=True),
    Column("channel", String(64), nullable=True),
    Column("vendor", String(64), nullable=True),
    Column("environment", String(16), nullable=True),
    Column("region", String(32), nullable=True),
    Column("host", String(255), nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
)

Migration = Callable[[Connection], None]

MIGRATIONS: dict[int, Migration] = {}
"""Version N to the function that upgrades a database from N to N + 1."""


def _read_version(connection: Connection) -> int | None:
    tables = set(inspect(connection).get_table_names())
    if schema_version.name not in tables:
        ours = tables & {table.name for table in metadata.sorted_tables}
        if ours:
            raise StoreError(
                f"the database has noticewatch tables ({', '.join(sorted(ours))}) but no schema "
                "version; point database_url at a new database or restore the version table"
            )
        return None
    found: list[int] = list(connection.execute(select(schema_version.c.version)).scalars())
    if not found:
        raise StoreError(
            f"the {schema_version.name} table is empty; the database was not created by "
            "noticewatch or its creation was interrupted, so start from a new database"
        )
    return max(found)


def prepare_schema(connection: Connection, now: datetime | None = None) -> int:
    """Create the tables on an empty database or upgrade an older schema; return the version.

    Raises StoreError for a newer schema, an unversioned database, or a version with no migration.
    """
    moment = now or datetime.now(UTC)
    current = _read_version(connection)
    if current is None:
        metadata.create_all(connection)
        connection.execute(insert(schema_version).values(version=SCHEMA_VERSION, applied_at=moment))
        logger.info("created store schema version %d", SCHEMA_VERSION)
        return SCHEMA_VERSION
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"the store has schema version {current}, newer than {SCHEMA_VERSION} which this "
            "noticewatch reads; upgrade noticewatch"
        )
    while current < SCHEMA_VERSION:
        migration = MIGRATIONS.get(current)
        if migration is None:
            raise StoreError(
                f"the store has schema version {current} and no migration to {current + 1} "
                "exists; export the notices and start from a new database"
            )
        migration(connection)
        current += 1
        connection.execute(update(schema_version).values(version=current, applied_at=moment))
        logger.info("upgraded store schema to version %d", current)
    return current
