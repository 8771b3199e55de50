"""`noticewatch parse`: the schedule and flags of one notice."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from bot.commands.options import (
    config_option,
    parse_posted_at,
    reader_zone_for,
    tz_option,
    vendor_option,
)
from bot.notice_input import read_notice
from bot.render import render_schedule
from bot.settings import load_settings
from parsers import ParseOptions


@click.command("parse")
@click.argument("notice")
@click.option(
    "--format", "output_format", type=click.Choice(["table", "json", "markdown"]),
    default="table", show_default=True, help="Output format.",
)
@vendor_option
@click.option("--source", help="Canonical URL of the notice (sets the notice id).")
@click.option(
    "--posted-at", callback=parse_posted_at, metavar="ISO",
    help="When the notice was posted, as an ISO date or time, for pages that show none; "
    "a time without offset is taken in the vendor's zone.",
)
@tz_option
@config_option
def parse_command(
    notice: str,
    output_format: str,
    vendor: str | None,
    source: str | None,
    posted_at: datetime | date | None,
    reader_zone: str | None,
    config_path: Path | None,
) -> None:
    """Print the normalized schedule and flags of one notice file or http(s) URL.

    A URL is fetched once (with retries) and becomes the notice's source unless --source or
    the page names another.

    \b
    Example:
        noticewatch parse data/notices/zuora-ssl-certificate-2018.txt --tz Europe/Berlin
    """
    settings = load_settings(config_path)
    options = ParseOptions(
        vendor=vendor, source=source, posted_at=posted_at, checks=settings.check_settings()
    )
    schedule = read_notice(notice, options).schedule
    click.echo(render_schedule(schedule, output_format, reader_zone_for(settings, reader_zone)))
