"""`noticewatch ics`: write the calendar of one or more notice files."""

from __future__ import annotations

from pathlib import Path

import click

from bot.calendar import (
    CalendarFilter,
    CalendarOptions,
    calendar_uid,
    render_calendar,
    strip_reply_prefix,
)
from bot.calendar_files import load_sources
from bot.commands.options import config_option
from bot.settings import load_settings
from parsers.models import Tier

TIER_CHOICE = click.Choice([tier.value for tier in Tier])


@click.command("ics")
@click.argument("notices", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
    help="File to write the calendar to; default: standard output.",
)
@click.option(
    "--environment", "environments", multiple=True, type=TIER_CHOICE,
    help="Only windows that change this tier; repeat for several.",
)
@click.option(
    "--host", "hosts", multiple=True,
    help="Only windows that change this host; repeat for several.",
)
@click.option(
    "--source", "source_url",
    help="Canonical URL of the notice; it sets the notice id, so give the URL used with add.",
)
@click.option(
    "--include-replies", is_flag=True,
    help="Also publish windows seen only in readers' replies, as TENTATIVE events.",
)
@config_option
def ics_command(
    notices: tuple[Path, ...],
    output: Path | None,
    environments: tuple[str, ...],
    hosts: tuple[str, ...],
    source_url: str | None,
    include_replies: bool,
    config_path: Path | None,
) -> None:
    """Write an iCalendar file with one event per window of the given notices.

    \b
    Example:
        noticewatch ics data/notices/zuora-ssl-certificate-2018.txt -o zuora.ics
    """
    settings = load_settings(config_path)
    sources = load_sources(notices, settings, source_url)
    calendar_filter = CalendarFilter(
        environments=tuple(Tier(value) for value in environments), hosts=tuple(hosts)
    )
    notice_ids = sorted(source.schedule.notice.id for source in sources)
    if len(sources) == 1:
        notice = sources[0].schedule.notice
        name = strip_reply_prefix(notice.title) or notice.source
    else:
        name = f"noticewatch: {len(sources)} notices"
    options = CalendarOptions(
        name=name,
        uid=calendar_uid(*notice_ids, calendar_filter.describe()),
        account=settings.calendar_account,
        include_replies=include_replies,
        filter=calendar_filter,
    )
    data = render_calendar(sources, options)
    if output is None:
        click.echo(data, nl=False)
        return
    try:
        output.write_bytes(data)
    except OSError as error:
        raise click.UsageError(
            f"{output}: cannot write the calendar ({error.strerror}); check the path"
        ) from error
    click.echo(f"wrote {output}", err=True)
