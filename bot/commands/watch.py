"""`noticewatch watch`: poll notice URLs, store new versions and report changes."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import click

from bot.commands.options import config_option
from bot.diff_render import render_diff
from bot.fetch import Fetcher, FetchPolicy
from bot.progress import track
from bot.settings import Settings, load_settings
from bot.slack.service import connect_change_reports
from bot.store import Store
from bot.urls import is_url
from bot.watch import Outcome, PollResult, Watcher
from parsers import ParseOptions

logger = logging.getLogger(__name__)


def _report(result: PollResult, settings: Settings) -> None:
    if result.outcome is Outcome.HELD:
        click.echo(f"held {result.url}: {result.reason}", err=True)
    elif result.outcome is Outcome.STORED and result.added is not None:
        added = result.added
        click.echo(f"{result.url}: stored version {added.version} of {added.notice_id}", err=True)
        if added.diff is not None:
            click.echo(render_diff(added.diff, "text", settings.display_timezone), nl=False)


def poll_round(watcher: Watcher, urls: Sequence[str], settings: Settings) -> int:
    """Poll every URL once, print reports, and return how many versions were held."""
    held_count = 0
    for url in track(urls, "polling"):
        result = watcher.poll(url)
        _report(result, settings)
        held_count += result.outcome is Outcome.HELD
    return held_count


@click.command("watch")
@click.argument("urls", nargs=-1)
@click.option("--once", is_flag=True, help="Poll each URL once and exit; exit 1 if any was held.")
@click.option(
    "--interval", type=float, default=None,
    help="Seconds between polling rounds; default: the watch_interval_seconds setting.",
)
@click.option("--timeout", type=float, default=20.0, show_default=True, help="Seconds per request.")
@click.option("--retries", type=int, default=3, show_default=True, help="Retries per fetch.")
@click.option(
    "--host-delay", type=float, default=2.0, show_default=True,
    help="Minimum seconds between two requests to one host.",
)
@config_option
def watch_command(
    urls: tuple[str, ...],
    once: bool,
    interval: float | None,
    timeout: float,
    retries: int,
    host_delay: float,
    config_path: Path | None,
) -> None:
    """Poll notice URLs and store each new version, printing its diff.

    Polls the URLs given, the URLs of stored notices and the watch_urls setting. Suspicious
    pages (failed fetch, empty, no notice body, every window lost while the page shrinks) are
    held and reported, never stored.

    \b
    Example:
        noticewatch watch --once https://status.example.com/notices/ssl-certificate
    """
    invalid_urls = [url for url in urls if not is_url(url)]
    if invalid_urls:
        raise click.UsageError(
            f"invalid URL {invalid_urls[0]!r}: watch polls http and https pages only; "
            "give the page's full URL"
        )
    if timeout <= 0 or retries < 0 or host_delay < 0:
        raise click.UsageError(
            "invalid fetch option; --timeout must be positive, --retries and --host-delay "
            "zero or more"
        )
    settings = load_settings(config_path)
    policy = FetchPolicy(timeout_seconds=timeout, retries=retries, host_delay_seconds=host_delay)
    pause = interval if interval is not None else settings.watch_interval_seconds
    with Store.open(settings.store_url) as store, Fetcher(policy) as fetcher:
        connect_change_reports(store, settings)
        targets = list(dict.fromkeys([*urls, *store.tracked_urls(), *settings.watch_urls]))
        if not targets:
            raise click.UsageError(
                "no URLs to watch; give URLs, add a notice by URL, or set watch_urls"
            )
        watcher = Watcher(store, fetcher, ParseOptions(checks=settings.check_settings()))
        while True:
            held_count = poll_round(watcher, targets, settings)
            if once:
                sys.exit(1 if held_count else 0)
            logger.info("next polling round in %.0f s", pause)
            time.sleep(pause)
