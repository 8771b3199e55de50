"""`noticewatch diff`: compare two versions of a notice without the store."""

from __future__ import annotations

from pathlib import Path

import click

from bot.commands.options import (
    config_option,
    diff_format_option,
    reader_zone_for,
    tz_option,
    vendor_option,
)
from bot.diff_render import render_diff
from bot.notice_input import read_notice
from bot.settings import load_settings
from parsers import ParseOptions
from parsers.diff import compare_schedules


@click.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--source", help="Canonical URL of the notice, as given to `add` (sets the ids).")
@vendor_option
@diff_format_option
@tz_option
@config_option
def diff_command(
    old: str,
    new: str,
    source: str | None,
    vendor: str | None,
    output_format: str,
    reader_zone: str | None,
    config_path: Path | None,
) -> None:
    """Print what changed between two versions of a notice (file paths or URLs).

    Windows are matched the way the store matches them, so the report equals the one `add`
    prints for the same two versions.

    \b
    Example:
        noticewatch diff tests/cases/zuora-ssl-certificate-2018-v1.txt \\
            data/notices/zuora-ssl-certificate-2018.txt
    """
    settings = load_settings(config_path)
    options = ParseOptions(vendor=vendor, source=source, checks=settings.check_settings())
    before = read_notice(old, options).schedule
    after = read_notice(new, options).schedule
    _, diff = compare_schedules(before, after)
    zone = reader_zone_for(settings, reader_zone)
    click.echo(render_diff(diff, output_format, zone), nl=False)
