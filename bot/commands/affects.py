"""`noticewatch affects`: which windows change your hosts, and what to install."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from bot.affects_report import render_impacts
from bot.commands.options import config_option, now_option, reader_zone_for, tz_option
from bot.settings import load_settings
from parsers import ParseOptions, parse_file
from parsers.affects import find_impacts


@click.command("affects")
@click.argument("notices", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--host", "hosts", multiple=True, metavar="HOST",
    help="A host you connect to; repeat for several. Default: the hosts setting.",
)
@click.option(
    "--format", "output_format", type=click.Choice(["table", "json"]), default="table",
    show_default=True, help="Output format.",
)
@now_option
@tz_option
@config_option
def affects_command(
    notices: tuple[Path, ...],
    hosts: tuple[str, ...],
    output_format: str,
    now: datetime | None,
    reader_zone: str | None,
    config_path: Path | None,
) -> None:
    """Print, per host, the windows that change it and the bundles to install.

    Windows quoted only in replies are listed apart as unconfirmed. Files default to the
    notices folder of the settings.

    \b
    Example:
        noticewatch affects data/notices/zuora-ssl-certificate-2018.txt \\
            --host rest.apisandbox.zuora.com --now 2018-09-01T00:00:00Z
    """
    settings = load_settings(config_path)
    chosen_hosts = list(hosts) or settings.hosts
    if not chosen_hosts:
        raise click.UsageError("no host given; pass --host HOST or set hosts in the settings file")
    files = list(notices) or _notice_files(settings.notices_dir)
    options = ParseOptions(checks=settings.check_settings())
    moment = now or datetime.now(UTC)
    impacts = [
        impact
        for path in files
        for impact in find_impacts(parse_file(path, options), chosen_hosts, moment)
    ]
    click.echo(render_impacts(impacts, output_format, reader_zone_for(settings, reader_zone)))


def _notice_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise click.UsageError(
            f"{folder}: notices folder not found; pass notice files or set notices_dir"
        )
    files = sorted(
        path for path in folder.iterdir() if path.is_file() and not path.name.startswith(".")
    )
    if not files:
        raise click.UsageError(f"{folder}: no notice files found; pass notice files or add one")
    return files
