"""`noticewatch run`: the main job over the bundled notices."""

from __future__ import annotations

from pathlib import Path

import click

from bot.calendar_files import write_calendars
from bot.pages.report import write_settings_report
from bot.render import render_schedule
from bot.settings import load_settings
from parsers import parse_file

DEFAULT_NOTICES = Path("data/notices")


@click.command("run")
@click.option(
    "--notices", "notices_dir", type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_NOTICES, show_default=True, help="Folder of notice files to process.",
)
def run_command(notices_dir: Path) -> None:
    """Parse every notice in the notices folder, print each schedule, write reports and calendars.

    \b
    Example:
        noticewatch run
    """
    if not notices_dir.is_dir():
        raise click.UsageError(f"{notices_dir}: folder not found; run from the repository root or pass --notices")
    files = sorted(path for path in notices_dir.iterdir() if path.is_file() and not path.name.startswith("."))
    if not files:
        raise click.UsageError(f"{notices_dir}: no notice files found; add a notice or pass --notices")
    settings = load_settings()
    for path in files:
        schedule = parse_file(path)
        click.echo(render_schedule(schedule, "table"))
        write_settings_report(schedule, path.stem, settings)
    click.echo(write_calendars(files, settings).summary())
