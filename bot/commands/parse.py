"""`noticewatch parse`: the schedule and flags of one notice."""

from __future__ import annotations

from pathlib import Path

import click

from bot.render import render_schedule
from parsers import ParseOptions, parse_file


@click.command("parse")
@click.argument("notice", type=click.Path(path_type=Path))
@click.option(
    "--format", "output_format", type=click.Choice(["table", "json", "markdown"]),
    default="table", show_default=True, help="Output format.",
)
@click.option("--vendor", help="Vendor profile to use instead of detecting it from the text.")
@click.option("--source", help="Canonical URL of the notice (sets the notice id).")
def parse_command(notice: Path, output_format: str, vendor: str | None, source: str | None) -> None:
    """Print the normalized schedule of one notice file.

    \b
    Example:
        noticewatch parse data/notices/zuora-ssl-certificate-2018.txt --format json
    """
    schedule = parse_file(notice, ParseOptions(vendor=vendor, source=source))
    click.echo(render_schedule(schedule, output_format))
