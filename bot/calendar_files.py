"""Calendar files on disk: one per notice and one combined, as `noticewatch run` writes them."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.calendar import (
    CalendarOptions,
    CalendarSource,
    calendar_uid,
    render_calendar,
    strip_reply_prefix,
)
from bot.calendar_sources import source_from_file
from bot.calendar_store import open_existing_store, prefer_stored
from bot.settings import Settings
from parsers.errors import InputError

logger = logging.getLogger(__name__)

COMBINED_NAME = "all-notices.ics"


@dataclass(frozen=True)
class WrittenCalendars:
    """The folder and files that `write_calendars` wrote."""

    folder: Path
    notice_files: list[Path]
    combined_file: Path

    def summary(self) -> str:
        """Return one line that names the folder and the files written to it."""
        count = len(self.notice_files)
        plural = "" if count == 1 else "s"
        combined = self.combined_file.name
        return f"calendars: {count} notice calendar{plural} and {combined} in {self.folder}"


def load_sources(
    paths: Sequence[Path], settings: Settings, source_url: str | None = None
) -> list[CalendarSource]:
    """Parse notice files into calendar sources, using the store's window ids for stored notices.

    `source_url` sets the canonical URL (and so the notice id) of every file.
    """
    sources = [source_from_file(path, settings, source_url) for path in paths]
    store = open_existing_store(settings)
    if store is None:
        return sources
    with store:
        return [prefer_stored(store, source) for source in sources]


def write_calendars(paths: Sequence[Path], settings: Settings) -> WrittenCalendars:
    """Write one calendar per notice file and one combined calendar under `settings.out_dir`."""
    sources = load_sources(paths, settings)
    folder = settings.out_dir / "calendars"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        notice_files = [_write(folder, source, settings) for source in sources]
        combined = CalendarOptions(
            name="Vendor maintenance: all notices",
            uid=calendar_uid("combined", *sorted(s.schedule.notice.id for s in sources)),
            account=settings.calendar_account,
        )
        combined_file = folder / COMBINED_NAME
        combined_file.write_bytes(render_calendar(sources, combined))
    except OSError as error:
        raise InputError(
            str(folder), f"cannot write calendars ({error.strerror})",
            "check that output_dir is writable",
        ) from error
    logger.info("wrote %d notice calendars and %s to %s", len(notice_files), COMBINED_NAME, folder)
    return WrittenCalendars(folder, notice_files, combined_file)


def _write(folder: Path, source: CalendarSource, settings: Settings) -> Path:
    notice = source.schedule.notice
    options = CalendarOptions(
        name=strip_reply_prefix(notice.title) or notice.source,
        uid=calendar_uid("notice", notice.id),
        account=settings.calendar_account,
    )
    path = folder / f"{notice.id}.ics"
    path.write_bytes(render_calendar([source], options))
    return path
