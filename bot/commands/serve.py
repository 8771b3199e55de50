"""`noticewatch serve`: the web server with the Slack app, reminders and change reports."""

from __future__ import annotations

import logging
import os

import click
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import BaseRoute, Route

from bot.settings import load_settings
from bot.slack.service import SlackService, create_slack_service
from bot.store import Store

logger = logging.getLogger(__name__)


async def _healthz(request: Request) -> PlainTextResponse:
    return PlainTextResponse("ok\n", headers={"Cache-Control": "no-store"})


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8080,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="TCP port to listen on.",
)
@click.option(
    "--socket-mode",
    is_flag=True,
    help="Connect to Slack over Socket Mode (needs SLACK_APP_TOKEN) instead of "
    "receiving requests at /slack/events.",
)
def serve_command(host: str, port: int, socket_mode: bool) -> None:
    """Serve /healthz and the Slack app, and post reminders and change reports.

    Slack is on when SLACK_BOT_TOKEN is set; SLACK_SIGNING_SECRET is needed too.

    \b
    Example:
        noticewatch serve --host 0.0.0.0 --port 8080
        noticewatch serve --socket-mode
    """
    settings = load_settings()
    with Store.open(settings.store_url) as store:
        service: SlackService | None = None
        if os.environ.get("SLACK_BOT_TOKEN") or socket_mode:
            service = create_slack_service(settings, store, socket_mode=socket_mode)
        else:
            logger.warning(
                "SLACK_BOT_TOKEN is not set, so the Slack app, reminders and change reports are off"
            )
        routes: list[BaseRoute] = [Route("/healthz", _healthz, methods=["GET"])]
        routes += service.routes() if service else []
        if service:
            service.start()
        logger.info("serving on %s:%d (public URL %s)", host, port, settings.public_base_url)
        try:
            # The access log is off because request URLs can carry feed tokens.
            uvicorn.run(
                Starlette(routes=routes), host=host, port=port, access_log=False, log_config=None
            )
        finally:
            if service:
                service.stop()
        logger.info("server on %s:%d stopped", host, port)
