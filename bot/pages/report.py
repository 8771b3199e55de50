"""Report files: the notice page as standalone HTML plus its timeline alone as SVG."""

from __future__ import annotations

import logging
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bot.clock import clock_from_environment
from bot.pages.holiday_calendar import HolidayCalendar
from bot.pages.page import PageOptions, render_notice_page
from bot.pages.timeline import render_timeline
from bot.settings import Settings
from parsers.errors import NoticewatchError
from parsers.models import Schedule

logger = logging.getLogger(__name__)

REPORTS_FOLDER = "reports"
"""Folder under the output folder where `noticewatch run` writes reports."""
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class ReportError(NoticewatchError):
    """A report file could not be written."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}; check that the folder exists and is writable")


@dataclass(frozen=True)
class ReportFiles:
    """The files written for one notice."""

    html: Path
    svg: Path


def report_name(stem: str) -> str:
    """Return a file name stem with only letters, digits, dots, dashes and underscores."""
    return _UNSAFE_NAME.sub("-", stem).strip(".-") or "notice"


def write_report(
    schedule: Schedule, directory: Path, stem: str, options: PageOptions
) -> ReportFiles:
    """Write `STEM.html` (with the CSP as `<meta>`) and `STEM.svg` into `directory`.

    Each file is written to a temporary name and then renamed, so an earlier report stays
    whole when writing fails.
    """
    file_options = PageOptions(
        now=options.now,
        calendar=options.calendar,
        display_timezone=options.display_timezone,
        embed_policy=True,
    )
    html = render_notice_page(schedule, file_options)
    svg = render_timeline(schedule, now=options.now, calendar=options.calendar)
    name = report_name(stem)
    files = ReportFiles(html=directory / f"{name}.html", svg=directory / f"{name}.svg")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ReportError(directory, f"failed to create the folder ({error.strerror})") from error
    _replace_file(files.html, html)
    _replace_file(files.svg, f'<?xml version="1.0" encoding="UTF-8"?>\n{svg}\n')
    logger.info("wrote report %s for notice %s", files.html, schedule.notice.id)
    return files


def _replace_file(path: Path, text: str) -> None:
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as error:
        raise ReportError(path, f"failed to write the file ({error.strerror})") from error
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ReportError(path, f"failed to write the file ({error.strerror})") from error


def write_settings_report(schedule: Schedule, stem: str, settings: Settings) -> ReportFiles:
    """Write the report of one notice under `settings.out_dir`/reports, as `noticewatch run` does.

    The now mark comes from `NOTICEWATCH_NOW` when set, else the system clock.
    """
    options = PageOptions(
        now=clock_from_environment()(),
        calendar=HolidayCalendar(settings.holiday_countries),
        display_timezone=settings.display_timezone,
    )
    return write_report(schedule, settings.out_dir / REPORTS_FOLDER, stem, options)
