"""Read-only HTML pages over the store: the notice list, a notice, and one stored version.

The pages never show calendar feed tokens: they read notices and versions, never subscriptions.
"""

from __future__ import annotations

import logging

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.clock import Clock, clock_from_environment
from bot.diff_render import render_diff
from bot.pages.holiday_calendar import HolidayCalendar
from bot.pages.html_shell import render_html_document
from bot.pages.index import IndexEntry, render_index_page
from bot.pages.page import PageOptions, VersionEntry, render_notice_page
from bot.settings import Settings
from bot.store import Store
from bot.store_records import StoredVersion
from bot.web.page_access import html_page, protect
from parsers.diff import compare_schedules

logger = logging.getLogger(__name__)


def notice_url(notice_id: str) -> str:
    return f"/notices/{notice_id}"


def version_url(notice_id: str, number: int) -> str:
    return f"/notices/{notice_id}/versions/{number}"


def diff_lines(previous: StoredVersion, current: StoredVersion) -> list[str]:
    """Return the text diff between two stored versions, without its title line."""
    _, diff = compare_schedules(previous.schedule, current.schedule)
    lines = render_diff(diff, "text").rstrip("\n").splitlines()
    return lines[1:] if lines and lines[0].startswith("Changes to ") else lines


class NoticePages:
    """The page endpoints over one open store."""

    def __init__(self, settings: Settings, store: Store, clock: Clock) -> None:
        self.settings = settings
        self.store = store
        self.clock = clock
        self.calendar = HolidayCalendar(settings.holiday_countries)

    def _options(self) -> PageOptions:
        return PageOptions(
            now=self.clock(),
            calendar=self.calendar,
            display_timezone=self.settings.display_timezone,
            index_url="/",
        )

    async def index(self, request: Request) -> Response:
        entries = []
        for record in self.store.notices():
            latest = self.store.latest(record.id)
            if latest is None:
                continue
            entries.append(
                IndexEntry(latest.schedule, notice_url(record.id), latest.number, latest.stored_at)
            )
        return html_page(render_index_page(entries, self.clock()))

    async def notice(self, request: Request) -> Response:
        return self._version_page(request.path_params["notice_id"], None)

    async def version(self, request: Request) -> Response:
        return self._version_page(request.path_params["notice_id"], request.path_params["number"])

    def _version_page(self, notice_id: str, number: int | None) -> Response:
        versions = self.store.versions(notice_id)
        if not versions:
            return _not_found(f"No notice with id {notice_id} is stored.")
        if number is None:
            displayed = versions[-1]
        else:
            matching = [version for version in versions if version.number == number]
            if not matching:
                return _not_found(
                    f"Notice {notice_id} has no version {number}; it has versions 1 to "
                    f"{versions[-1].number}."
                )
            displayed = matching[0]

        history = [
            VersionEntry(
                number=version.number,
                recorded_at=version.stored_at,
                fingerprint=version.fingerprint,
                changes=diff_lines(versions[index - 1], version) if index else (),
                url=version_url(notice_id, version.number),
            )
            for index, version in enumerate(versions)
        ]
        marked = displayed.number if number is not None else None
        page = render_notice_page(
            displayed.schedule, self._options(), history, shown_version=marked
        )
        return html_page(page)


def _not_found(message: str) -> Response:
    logger.info("page not found: %s", message)
    body = f'<h1>Not found</h1>\n<p>{message}</p>\n<p><a href="/">All notices</a></p>'
    return html_page(render_html_document("Not found", body, embed_policy=False), 404)


def notice_page_routes(settings: Settings, store: Store, clock: Clock | None = None) -> list[Route]:
    """Return the page routes; `clock` defaults to `NOTICEWATCH_NOW`, else the system clock."""
    pages = NoticePages(settings, store, clock or clock_from_environment())
    token = settings.web_access_token
    return [
        Route("/", protect(pages.index, token), methods=["GET"]),
        Route("/notices/{notice_id}", protect(pages.notice, token), methods=["GET"]),
        Route(
            "/notices/{notice_id}/versions/{number:int}",
            protect(pages.version, token),
            methods=["GET"],
        ),
    ]
