"""`noticewatch run`: the main job over the bundled notices."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

import click

from bot.calendar_files import write_calendars
from bot.diff_render import render_diff
from bot.pages.report import write_settings_report
from bot.progress import track
from bot.render import render_schedule
from bot.settings import load_settings
from bot.slack.service import connect_change_reports
from bot.store import Store
from parsers import ParseOptions, parse_bytes
from parsers.loaders import read_notice_bytes

DEFAULT_NOTICES = Path("data/notices")

logger = logging.getLogger(__name__)


@click.command("run")
@click.option(
    "--notices", "notices_dir", type=click.Path(path_type=Path, file_okay=False),
    default=DEFAULT_NOTICES, show_default=True, help="Folder of notice files to process.",
)
def run_command(notices_dir: Path) -> None:
    """Parse and store every notice in the notices folder, print each schedule, write its report.

    A notice whose text changed since the last run gets a new version, and its diff is
    printed after its schedule. Unchanged notices store nothing. Then one calendar per notice
    and a combined one are written, with the store's window ids.

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
    options = ParseOptions(checks=settings.check_settings())
    with Store.open(settings.store_url) as store:
        connect_change_reports(store, settings)
        for path in track(files, "storing", lambda item: item.name):
            raw = read_notice_bytes(path, options.max_bytes)
            schedule = parse_bytes(raw, str(path), options, filename=path.name)
            result = store.add_version(schedule, raw, stored_at=datetime.now(UTC))
            click.echo(render_schedule(result.schedule, "table"))
            if result.diff is not None:
                click.echo(render_diff(result.diff, "text", settings.display_timezone), nl=False)
            elif not result.created:
                logger.info("%s unchanged at version %d", path, result.version)
            write_settings_report(result.schedule, path.stem, settings)
    click.echo(write_calendars(files, settings).summary())
