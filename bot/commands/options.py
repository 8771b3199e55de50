"""Options that several commands share: settings file, reader's zone, current time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from bot.diff_render import DIFF_FORMATS
from bot.settings import CONFIG_ENV, Settings

F = TypeVar("F", bound=Callable[..., Any])


def config_option(function: F) -> F:
    """Add `--config PATH`, the settings file (default: $NOTICEWATCH_CONFIG)."""
    return click.option(
        "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False),
        help=f"Settings file (TOML); default: ${CONFIG_ENV}, else built-in defaults.",
    )(function)


def vendor_option(function: F) -> F:
    """Add `--vendor NAME`, the profile to parse with instead of the detected one."""
    return click.option(
        "--vendor", help="Vendor profile to use instead of detecting it from the text.",
    )(function)


def diff_format_option(function: F) -> F:
    """Add `--format`, the format of a diff report."""
    return click.option(
        "--format", "output_format", type=click.Choice(DIFF_FORMATS), default="text",
        show_default=True, help="Format of the diff report.",
    )(function)


def tz_option(function: F) -> F:
    """Add `--tz ZONE`, the reader's IANA zone shown beside UTC and the notice's zone."""
    return click.option(
        "--tz", "reader_zone", callback=_check_zone, metavar="ZONE",
        help="Your IANA time zone, such as Europe/Berlin, added to every time shown; "
        "default: the display_timezone setting.",
    )(function)


def now_option(function: F) -> F:
    """Add `--now ISO`, the moment that decides whether a window is past or upcoming."""
    return click.option(
        "--now", "now", callback=_parse_now, envvar="NOTICEWATCH_NOW", metavar="ISO",
        help="Current time as ISO 8601 with an offset, such as 2018-09-01T12:00:00Z "
        "(also NOTICEWATCH_NOW); default: the real current time.",
    )(function)


def reader_zone_for(settings: Settings, reader_zone: str | None) -> str | None:
    """Return the reader's zone: `--tz` when given, else the display_timezone setting."""
    return reader_zone or settings.display_timezone


def parse_posted_at(
    context: click.Context, parameter: click.Parameter, value: str | None
) -> datetime | date | None:
    """Read `--posted-at` as an ISO date or date and time; a time without offset stays local."""
    if value is None:
        return None
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(value)
    except ValueError as error:
        raise click.BadParameter(
            f"{value!r} is not an ISO date or time; use 2018-08-24 or 2018-08-24T18:00:00-07:00",
            context, parameter,
        ) from error


def _check_zone(
    context: click.Context, parameter: click.Parameter, value: str | None
) -> str | None:
    if value is None:
        return None
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise click.BadParameter(
            f"unknown time zone {value!r}; use an IANA name such as Europe/Berlin",
            context, parameter,
        ) from error
    return value


def _parse_now(
    context: click.Context, parameter: click.Parameter, value: str | None
) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise click.BadParameter(
            f"{value!r} is not an ISO 8601 time; use 2018-09-01T12:00:00Z", context, parameter
        ) from error
    if moment.tzinfo is None:
        raise click.BadParameter(
            f"{value!r} has no UTC offset; add one, such as Z or -07:00", context, parameter
        )
    return moment
