"""The Slack side of `noticewatch serve`: the Bolt app, the reminder worker, change reports."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Mapping

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from starlette.routing import BaseRoute

from bot.clock import Clock, clock_from_environment
from bot.reminders import ReminderScheduler
from bot.reports import ChangeReporter
from bot.settings import Settings
from bot.slack.app import create_bolt_app, create_web_client, load_slack_secrets
from bot.slack.http import slack_route
from bot.store import Store

logger = logging.getLogger(__name__)

REMINDER_INTERVAL_SECONDS = 60.0


class SlackService:
    """The Bolt app plus the reminder worker thread, started and stopped together."""

    def __init__(
        self, app: App, scheduler: ReminderScheduler, socket_handler: SocketModeHandler | None
    ) -> None:
        self.app = app
        self.scheduler = scheduler
        self.socket_handler = socket_handler
        self._stop = threading.Event()
        self._worker = threading.Thread(
            target=scheduler.run,
            args=(self._stop, REMINDER_INTERVAL_SECONDS),
            name="reminders",
            daemon=True,
        )

    def routes(self) -> list[BaseRoute]:
        """Return `POST /slack/events` in HTTP mode; Socket Mode needs no route."""
        return [] if self.socket_handler else [slack_route(self.app)]

    def start(self) -> None:
        self._worker.start()
        if self.socket_handler is not None:
            self.socket_handler.connect()  # type: ignore[no-untyped-call]  # slack-bolt leaves it unannotated
            logger.info("connected to Slack in Socket Mode")

    def stop(self) -> None:
        self._stop.set()
        if self.socket_handler is not None:
            self.socket_handler.close()  # type: ignore[no-untyped-call]
        self._worker.join(timeout=10)
        logger.info("Slack service stopped")


def create_slack_service(
    settings: Settings,
    store: Store,
    *,
    socket_mode: bool = False,
    environ: Mapping[str, str] | None = None,
    clock: Clock | None = None,
) -> SlackService:
    """Build the Slack service from the environment's secrets; change reports start at once.

    Raises ConfigError when a needed Slack variable is missing.
    """
    env = os.environ if environ is None else environ
    secrets = load_slack_secrets(env, socket_mode=socket_mode)
    now = clock or clock_from_environment(env)
    client = create_web_client(settings, secrets.bot_token)
    app = create_bolt_app(settings, store, secrets, now, client=client)
    scheduler = ReminderScheduler(store.engine, store, client, settings.reminder_offsets_hours, now)
    scheduler.create_table()
    store.add_listener(ChangeReporter(store, client))
    handler = SocketModeHandler(app, secrets.app_token, web_client=client) if socket_mode else None
    return SlackService(app, scheduler, handler)


def connect_change_reports(
    store: Store, settings: Settings, environ: Mapping[str, str] | None = None
) -> bool:
    """Post change reports for versions that `store` adds, when SLACK_BOT_TOKEN is set.

    Commands that store versions (add, run, watch) call this; returns whether reports are on.
    """
    env = os.environ if environ is None else environ
    token = env.get("SLACK_BOT_TOKEN")
    if not token:
        logger.debug("SLACK_BOT_TOKEN is not set, so no change reports are posted")
        return False
    store.add_listener(ChangeReporter(store, create_web_client(settings, token)))
    return True
