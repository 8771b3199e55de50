"""`noticewatch report`: one HTML page and one SVG timeline per notice, to attach to a ticket."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from bot.clock import system_clock
from bot.commands.options import now_option, reader_zone_for, tz_option, vendor_option
from bot.pages.holiday_calendar import HolidayCalendar
from bot.pages.page import PageOptions
from bot.pages.report import write_report
from bot.settings import load_settings
from parsers import ParseOptions, parse_file


@click.command("report")
@click.argument("notices", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "output_dir",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the HTML and SVG files; created when missing.",
)
@now_option
@tz_option
@vendor_option
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Settings file (holiday countries, display zone); default NOTICEWATCH_CONFIG.",
)
def report_command(
    notices: tuple[Path, ...],
    output_dir: Path,
    now: datetime | None,
    reader_zone: str | None,
    vendor: str | None,
    config_path: Path | None,
) -> None:
    """Write NAME.html and NAME.svg for each notice file, named after the file.

    Every notice is parsed before any file is written, so one bad notice leaves the folder as it
    was. The HTML file carries its own Content-Security-Policy and needs no server.

    \b
    Example:
        noticewatch report data/notices/zuora-ssl-certificate-2018.txt -o reports \\
            --now 2018-09-04T12:00:00Z
    """
    stems = [path.stem for path in notices]
    repeated = sorted({stem for stem in stems if stems.count(stem) > 1})
    if repeated:
        raise click.UsageError(
            f"several notice files are named {', '.join(repeated)}; reports are named after the "
            "file, so rename one or write them in separate runs"
        )
    settings = load_settings(config_path)
    options = PageOptions(
        now=(now or system_clock()).astimezone(UTC),
        calendar=HolidayCalendar(settings.holiday_countries),
        display_timezone=reader_zone_for(settings, reader_zone),
    )
    parse_options = ParseOptions(vendor=vendor, checks=settings.check_settings())
    schedules = [(path.stem, parse_file(path, parse_options)) for path in notices]
    for stem, schedule in schedules:
        files = write_report(schedule, output_dir, stem, options)
        click.echo(f"{files.html}\n{files.svg}")
