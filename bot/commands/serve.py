"""`noticewatch serve`: run the web server (calendar feeds, health check) with uvicorn."""

from __future__ import annotations

import logging
from pathlib import Path

import click
import uvicorn

from bot.commands.options import config_option
from bot.settings import load_settings
from bot.store import Store
from bot.web.app import create_app

logger = logging.getLogger(__name__)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port", default=8080, show_default=True, type=click.IntRange(0, 65535),
    help="TCP port to listen on; 0 picks a free one.",
)
@config_option
def serve_command(host: str, port: int, config_path: Path | None) -> None:
    """Serve calendar feeds and the health check until interrupted.

    \b
    Example:
        noticewatch serve --host 127.0.0.1 --port 8080
    """
    settings = load_settings(config_path)
    _show_server_logs()
    with Store.open(settings.store_url) as store:
        app = create_app(settings, store)
        logger.info(
            "starting the web server on %s:%d (public URL %s)", host, port, settings.public_base_url
        )
        # uvicorn's access log would write each feed URL, and with it the subscription token.
        uvicorn.run(app, host=host, port=port, access_log=False, log_config=None)
        logger.info("web server on %s:%d stopped", host, port)


def _show_server_logs() -> None:
    """Show INFO logs, such as the server's start and stop, unless the CLI was given -q."""
    context = click.get_current_context()
    quiet = bool(context.parent and context.parent.params.get("quiet"))
    root = logging.getLogger()
    if not quiet and root.level > logging.INFO:
        root.setLevel(logging.INFO)
