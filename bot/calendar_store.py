"""Calendar sources read from the store: the latest schedule with each window's state."""

from __future__ import annotations

import logging

from bot.calendar import CalendarFilter, CalendarSource, EventRecord
from bot.impact import Impact, impact_from_document
from bot.settings import Settings
from bot.store import Store
from bot.store_records import StoredVersion, SubscriptionFilters, WindowState
from parsers.errors import NoticewatchError
from parsers.loaders import load_bytes
from parsers.models import Status, Tier

logger = logging.getLogger(__name__)


def source_from_store(store: Store, notice_id: str) -> CalendarSource | None:
    """Return the calendar source of a stored notice, or None when the store does not have it.

    Windows carry the store's ids, SEQUENCE and last change; windows a later version removed
    are published as cancelled. DTSTAMP is the time the latest version was stored.
    """
    latest = store.latest(notice_id)
    if latest is None:
        return None
    records = [_event_record(state) for state in store.window_states(notice_id)]
    return CalendarSource(
        schedule=latest.schedule, stamp=latest.stored_at, impact=_stored_impact(latest),
        records=records,
    )


def open_existing_store(settings: Settings) -> Store | None:
    """Open the configured store, or return None when none is configured and no file exists.

    Writing a calendar should not create an empty store as a side effect.
    """
    default_file = settings.data_dir / "noticewatch.db"
    if settings.database_url is None and not default_file.is_file():
        return None
    return Store.open(settings.store_url)


def prefer_stored(store: Store, parsed: CalendarSource) -> CalendarSource:
    """Return the stored source when the store's latest version is the parsed notice, else `parsed`.

    The stored source carries the store's window ids and sequences, so a calendar written from
    the file updates the same events as the feed.
    """
    notice = parsed.schedule.notice
    latest = store.latest(notice.id)
    if latest is None or latest.fingerprint != notice.fingerprint:
        logger.info("notice %s is not the latest stored version; using its own ids", notice.id)
        return parsed
    stored = source_from_store(store, notice.id)
    return parsed if stored is None else stored


def calendar_filter(filters: SubscriptionFilters) -> CalendarFilter:
    """Turn a subscription's stored filters into a calendar filter."""
    environment = Tier(filters.environment.lower()) if filters.environment else None
    return CalendarFilter(
        vendors=(filters.vendor,) if filters.vendor else (),
        environments=(environment,) if environment else (),
        regions=(filters.region,) if filters.region else (),
        hosts=(filters.host,) if filters.host else (),
    )


class StoreFeedSource:
    """The store as seen by calendar feeds: subscriptions, a data revision and every notice."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def subscription_filter(self, token: str) -> CalendarFilter | None:
        """Return the filter of the subscription with `token`, or None when there is none."""
        subscription = self._store.subscription(token)
        return None if subscription is None else calendar_filter(subscription.filters)

    def revision(self) -> str:
        """Return each notice's newest version number; every stored version changes it.

        Window states change only when a version is stored, so they need no marker of their own.
        """
        return ",".join(f"{record.id}:{record.latest_version}" for record in self._store.notices())

    def calendar_sources(self) -> list[CalendarSource]:
        """Return the calendar source of every stored notice."""
        sources = [source_from_store(self._store, record.id) for record in self._store.notices()]
        return [source for source in sources if source is not None]


def _event_record(state: WindowState) -> EventRecord:
    window = state.window
    if state.is_cancelled:
        window = window.model_copy(update={"status": Status.CANCELLED})
    return EventRecord(window=window, sequence=state.sequence, last_modified=state.modified_at)


def _stored_impact(version: StoredVersion) -> Impact:
    """Classify the impact from the stored raw notice; OUTAGE when it no longer loads."""
    try:
        document, _ = load_bytes(version.raw, version.schedule.notice.source)
    except NoticewatchError as error:
        logger.warning(
            "version %d of notice %s no longer loads (%s); publishing impact OUTAGE",
            version.number, version.notice_id, error,
        )
        return Impact.OUTAGE
    return impact_from_document(document)
