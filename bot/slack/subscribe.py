"""The `subscribe` and `unsubscribe` subcommands: a channel's reminders, change reports and feed."""

from __future__ import annotations

import logging

from bot.filters import (
    FilterError,
    from_subscription_filters,
    parse_filter,
    to_subscription_filters,
)
from bot.settings import Settings
from bot.slack.blocks import Reply, escape
from bot.store import Store

logger = logging.getLogger(__name__)


def feed_url(settings: Settings, token: str) -> str:
    """Return the calendar feed URL of a subscription token under the public base URL."""
    # NOTE: this copies the path of the calendar feed route, GET /calendars/{token}.ics.
    return f"{settings.public_base_url.rstrip('/')}/calendars/{token}.ics"


def answer_subscribe(store: Store, settings: Settings, channel: str, terms: list[str]) -> Reply:
    """Subscribe `channel` to the windows that pass the filter and return the feed links."""
    try:
        stored_filters = to_subscription_filters(parse_filter(terms))
    except FilterError as error:
        reply = Reply(text=str(error))
        reply.add_context(escape(str(error)))
        return reply
    subscription = store.add_subscription(stored_filters, channel)
    filters = from_subscription_filters(stored_filters)
    logger.info("channel %s subscribed to %s", channel, filters.describe())
    url = feed_url(settings, subscription.token)
    webcal = "webcal://" + url.split("://", 1)[-1]
    reply = Reply(text=f"Subscribed this channel to {filters.describe()}.")
    reply.add_item(
        f"This channel now gets reminders before each window and a report when a notice changes,"
        f" for {escape(filters.describe())}.\nCalendar feed: <{webcal}|subscribe in your calendar>"
        f" or <{url}|download>."
    )
    return reply


def answer_unsubscribe(store: Store, channel: str) -> Reply:
    """Remove the channel's subscriptions; the reminder worker drops its pending reminders."""
    removed = sum(store.remove_subscription(item.token) for item in store.subscriptions(channel))
    logger.info("channel %s unsubscribed, %d subscriptions removed", channel, removed)
    if removed == 0:
        reply = Reply(text="This channel has no subscription.")
        reply.add_context("This channel has no subscription.")
        return reply
    reply = Reply(text=f"Removed {removed} subscriptions of this channel.")
    reply.add_context(
        f"Removed {removed} subscriptions; this channel gets no more reminders or change reports."
    )
    return reply
