"""The `subscribe` and `unsubscribe` subcommands: a channel's reminders, change reports and feed."""

from __future__ import annotations

import logging

from bot.catalog import NoticeStore
from bot.filters import FilterError, parse_filter
from bot.settings import Settings
from bot.slack.blocks import Reply, escape

logger = logging.getLogger(__name__)


def feed_url(settings: Settings, token: str) -> str:
    """Return the calendar feed URL of a subscription token under the public base URL."""
    # NOTE: the path must stay equal to the calendar feed route of the web app.
    return f"{settings.public_base_url.rstrip('/')}/calendar/{token}.ics"


def answer_subscribe(store: NoticeStore, settings: Settings, channel: str, terms: list[str]) -> Reply:
    """Subscribe `channel` to the windows that pass the filter and return the feed links."""
    try:
        filters = parse_filter(terms)
    except FilterError as error:
        reply = Reply(text=str(error))
        reply.add_context(escape(str(error)))
        return reply
    subscription = store.add_subscription(filters, channel)
    logger.info("channel %s subscribed to %s as %s", channel, filters.describe(), subscription.id)
    url = feed_url(settings, subscription.feed_token)
    webcal = "webcal://" + url.split("://", 1)[-1]
    reply = Reply(text=f"Subscribed this channel to {filters.describe()}.")
    reply.add_item(
        f"This channel now gets reminders before each window and a report when a notice changes,"
        f" for {escape(filters.describe())}.\nCalendar feed: <{webcal}|subscribe in your calendar>"
        f" or <{url}|download>."
    )
    return reply


def answer_unsubscribe(store: NoticeStore, channel: str) -> Reply:
    """Remove the channel's subscriptions, which also drops its pending reminders."""
    removed = store.remove_subscription(channel)
    logger.info("channel %s unsubscribed, %d subscriptions removed", channel, removed)
    if removed == 0:
        reply = Reply(text="This channel has no subscription.")
        reply.add_context("This channel has no subscription.")
        return reply
    reply = Reply(text=f"Removed {removed} subscriptions of this channel.")
    reply.add_context(f"Removed {removed} subscriptions; this channel gets no more reminders or change reports.")
    return reply
