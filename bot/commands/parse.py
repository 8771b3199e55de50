"""`noticewatch parse`: the schedule and flags of one notice."""

from __future__ import annotations

import click

from bot.notice_input import read_notice
from bot.render import render_schedule
from parsers import ParseOptions


@click.command("parse")
@click.argument("notice")
@click.option(
    "--format", "output_format", type=click.Choice(["table", "json", "markdown"]),
    default="table", show_default=True, help="Output format.",
)
@click.option("--vendor", help="Vendor profile to use instead of detecting it from the text.")
@click.option("--source", help="Canonical URL of the notice (sets the notice id).")
def parse_command(notice: str, output_format: str, vendor: str | None, source: str | None) -> None:
    """Print the normalized schedule of one notice file or http(s) URL.

    A URL is fetched once (with retries) and becomes the notice's source unless --source or
    the page names another.

    \b
    Example:
        noticewatch parse data/notices/zuora-ssl-certificate-2018.txt --format json
    """
    schedule = read_notice(notice, ParseOptions(vendor=vendor, source=source)).schedule
    click.echo(render_schedule(schedule, output_format))
