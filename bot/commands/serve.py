"""`noticewatch serve`: the web server (feeds, pages, Slack) with reminders and change reports."""

from __future__ import annotations

import logging
import os
import socket
from pathlib import Path

import click
import uvicorn

from bot.commands.options import config_option
from bot.settings import load_settings
from bot.slack.service import SlackService, create_slack_service
from bot.store import Store
from bot.web.app import create_app

logger = logging.getLogger(__name__)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8080, show_default=True, type=click.IntRange(0, 65535),
    help="TCP port to listen on; 0 picks a free one.",
)
@click.option(
    "--socket-mode",
    is_flag=True,
    help="Connect to Slack over Socket Mode (needs SLACK_APP_TOKEN) instead of "
    "receiving requests at /slack/events.",
)
@config_option
def serve_command(host: str, port: int, socket_mode: bool, config_path: Path | None) -> None:
    """Serve calendar feeds, notice pages, /healthz and the Slack app until interrupted.

    Slack, reminders and change reports are on when SLACK_BOT_TOKEN is set; SLACK_SIGNING_SECRET
    is needed too, and SLACK_APP_TOKEN for --socket-mode.

    \b
    Example:
        noticewatch serve --host 127.0.0.1 --port 8080
        noticewatch serve --socket-mode
    """
    settings = load_settings(config_path)
    listener = _bind_listener(host, port)
    with listener, Store.open(settings.store_url) as store:
        service: SlackService | None = None
        if os.environ.get("SLACK_BOT_TOKEN") or socket_mode:
            service = create_slack_service(settings, store, socket_mode=socket_mode)
        else:
            logger.warning(
                "SLACK_BOT_TOKEN is not set, so the Slack app, reminders and change reports are off"
            )
        app = create_app(settings, store, extra_routes=service.routes() if service else ())
        _show_server_logs()
        if service:
            service.start()
        bound_port = listener.getsockname()[1]
        logger.info(
            "starting the web server on %s:%d (public URL %s)",
            host, bound_port, settings.public_base_url,
        )
        # uvicorn's access log would write each feed URL, and with it the subscription token.
        config = uvicorn.Config(app, access_log=False, log_config=None)
        try:
            uvicorn.Server(config).run(sockets=[listener])
        except KeyboardInterrupt:
            # The server re-raises the Ctrl-C it handled once it has shut down.
            pass
        finally:
            if service:
                service.stop()
        logger.info("web server on %s:%d stopped", host, bound_port)


def _bind_listener(host: str, port: int) -> socket.socket:
    """Bind and listen on host:port before the server starts, so a bad address exits 2.

    uvicorn would log a bind failure and exit with status 3 after starting the application.
    """
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        raise click.UsageError(
            f"--host {host!r} is not a valid address ({error.strerror}); "
            "give an IP address such as 127.0.0.1 or 0.0.0.0"
        ) from error
    family, kind, protocol, _, address = addresses[0]
    listener = socket.socket(family, kind, protocol)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind(address)
        listener.listen(socket.SOMAXCONN)
    except OSError as error:
        listener.close()
        # A busy port is not a usage mistake, so no usage text is shown. main() still exits 2.
        raise click.ClickException(
            f"cannot listen on {host}:{port} ({error.strerror}); "
            "pick another --port, or stop the program that uses it"
        ) from error
    return listener


def _show_server_logs() -> None:
    """Show INFO logs, such as the server's start and stop, unless the CLI was given -q."""
    context = click.get_current_context()
    quiet = bool(context.parent and context.parent.params.get("quiet"))
    root = logging.getLogger()
    if not quiet and root.level > logging.INFO:
        root.setLevel(logging.INFO)
