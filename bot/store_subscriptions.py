"""Subscriptions in the store: filters for calendar feeds and channel reports, by token."""

from __future__ import annotations

import logging
import secrets
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, Row, delete, insert, select

from bot.store_records import Subscription, SubscriptionFilters
from bot.store_schema import subscriptions

logger = logging.getLogger(__name__)

TOKEN_BYTES = 32
"""Random bytes in a subscription token; the URL-safe text is 43 characters."""


class SubscriptionMethods:
    """The subscription part of `Store`, kept apart because it shares no logic with versions."""

    engine: Engine

    def add_subscription(
        self,
        filters: SubscriptionFilters,
        channel: str | None = None,
        *,
        created_at: datetime | None = None,
    ) -> Subscription:
        """Create a subscription with an unguessable token from `secrets.token_urlsafe`."""
        moment = created_at or datetime.now(UTC)
        subscription = Subscription(secrets.token_urlsafe(TOKEN_BYTES), channel, filters, moment)
        with self.engine.begin() as connection:
            connection.execute(
                insert(subscriptions).values(
                    token=subscription.token, channel=channel, vendor=filters.vendor,
                    environment=filters.environment, region=filters.region, host=filters.host,
                    created_at=moment,
                )
            )
        logger.info("added a subscription for channel %s", channel or "(calendar only)")
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


def _subscription(row: Row[Any]) -> Subscription:
    filters = SubscriptionFilters(
        vendor=row.vendor, environment=row.environment, region=row.region, host=row.host
    )
    return Subscription(row.token, row.channel, filters, row.created_at)
