"""Change reports: post the diff of a version that changes the schedule to subscribed channels."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk.errors import SlackApiError, SlackRequestError

from bot.diff_render import render_diff
from bot.filters import from_subscription_filters
from bot.reminders import MessagePoster
from bot.slack.blocks import cut_text, escape
from bot.store import Store
from bot.store_records import AddResult
from parsers.models import Schedule

logger = logging.getLogger(__name__)


class ChangeReporter:
    """A store listener that posts each schedule change to the channels whose filters match it.

    A channel matches when one of its subscriptions passes a window of the new version or of
    the previous one, so a channel also hears about a window that was removed.
    """

    def __init__(self, store: Store, poster: MessagePoster) -> None:
        self.store = store
        self.poster = poster

    def __call__(self, result: AddResult) -> None:
        if result.diff is None or not result.diff.has_schedule_change:
            return
        previous = self.store.version(result.notice_id, result.version - 1)
        schedules = [result.schedule] + ([previous.schedule] if previous else [])
        channels = self.matching_channels(schedules)
        if not channels:
            return
        report = render_diff(result.diff, "text")
        text, blocks = report_message(result.schedule, result.version, report)
        for channel in channels:
            self._post(channel, text, blocks, result)

    def matching_channels(self, schedules: list[Schedule]) -> list[str]:
        """Return the channels, in subscription order, with a subscription that passes a window."""
        found: dict[str, None] = {}
        for subscription in self.store.subscriptions():
            if subscription.channel is None or subscription.channel in found:
                continue
            filters = from_subscription_filters(subscription.filters)
            if any(
                filters.matches(schedule, window)
                for schedule in schedules
                for window in schedule.windows
            ):
                found[subscription.channel] = None
        return list(found)

    def _post(
        self, channel: str, text: str, blocks: list[dict[str, Any]], result: AddResult
    ) -> None:
        try:
            self.poster.chat_postMessage(channel=channel, text=text, blocks=blocks)
        except (SlackApiError, SlackRequestError, OSError) as error:
            # The version is already stored; a failed post must not undo or abort that.
            logger.error(
                "change report of notice %s version %d to %s failed: %s",
                result.notice_id,
                result.version,
                channel,
                error,
            )
            return
        logger.info(
            "change report of notice %s version %d posted to %s",
            result.notice_id,
            result.version,
            channel,
        )


def report_message(
    schedule: Schedule, version: int, report: str
) -> tuple[str, list[dict[str, Any]]]:
    """Return the fallback text and blocks of a change report."""
    title = schedule.notice.title or schedule.notice.id
    text = f"Schedule changed: {title} (version {version})"
    blocks: list[dict[str, Any]] = [
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": cut_text(f":pencil2: *{escape(text)}*")},
        },
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": cut_text(f"```{escape(report)}```")},
        },
    ]
    return text, blocks
