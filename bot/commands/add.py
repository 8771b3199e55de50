"""`noticewatch add`: store a version of a notice and print what changed."""

from __future__ import annotations

from datetime import UTC, datetime
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
from bot.slack.service import connect_change_reports
from bot.store import Store
from parsers import ParseOptions


@click.command("add")
@click.argument("notice")
@click.option("--source", help="Canonical URL of the notice (sets the notice id).")
@vendor_option
@diff_format_option
@tz_option
@config_option
def add_command(
    notice: str,
    source: str | None,
    vendor: str | None,
    output_format: str,
    reader_zone: str | None,
    config_path: Path | None,
) -> None:
    """Store a version of the notice at a file path or URL and print the diff.

    A notice whose text is unchanged since its newest version stores nothing. The diff against
    the previous version goes to stdout; the version line goes to stderr.

    \b
    Example:
        noticewatch add data/notices/zuora-ssl-certificate-2018.txt
    """
    settings = load_settings(config_path)
    options = ParseOptions(vendor=vendor, source=source, checks=settings.check_settings())
    loaded = read_notice(notice, options)
    with Store.open(settings.store_url) as store:
        connect_change_reports(store, settings)
        result = store.add_version(
            loaded.schedule,
            loaded.raw,
            stored_at=datetime.now(UTC),
            source_url=loaded.source_url,
            fetch=loaded.fetch,
        )
    if not result.created:
        click.echo(f"{result.notice_id}: unchanged, still version {result.version}", err=True)
        return
    windows = len(result.schedule.windows)
    click.echo(f"{result.notice_id}: stored version {result.version} ({windows} windows)", err=True)
    if result.diff is not None:
        zone = reader_zone_for(settings, reader_zone)
        click.echo(render_diff(result.diff, output_format, zone), nl=False)
