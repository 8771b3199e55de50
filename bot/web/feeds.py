"""`GET /calendars/{token}.ics`: the calendar feed of one subscription."""

from __future__ import annotations

import logging
import re

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from bot.calendar_feed import FeedRenderer, etag_matches

logger = logging.getLogger(__name__)

CALENDAR_MEDIA_TYPE = "text/calendar; charset=utf-8"
CACHE_CONTROL = "private, max-age=3600"
"""Clients may reuse a feed for an hour, the same as the feed's REFRESH-INTERVAL."""
_TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_-]{16,128}")


def _not_found() -> Response:
    # Unknown, malformed and deleted tokens get the same response, so a response never shows
    # whether a subscription exists or existed.
    return PlainTextResponse("calendar not found\n", status_code=404)


def feed_routes(renderer: FeedRenderer) -> list[BaseRoute]:
    """Return the calendar feed route, serving feeds from `renderer`."""

    async def calendar_feed(request: Request) -> Response:
        token = str(request.path_params["token"])
        if not _TOKEN_PATTERN.fullmatch(token):
            return _not_found()
        # The store is synchronous, so reading it runs in the thread pool.
        feed = await run_in_threadpool(renderer.feed, token)
        if feed is None:
            logger.debug("calendar feed request with an unknown token from %s", _client(request))
            return _not_found()

        headers = {"ETag": feed.etag, "Cache-Control": CACHE_CONTROL}
        if etag_matches(request.headers.get("if-none-match"), feed.etag):
            return Response(status_code=304, headers=headers)
        return Response(feed.body, media_type=CALENDAR_MEDIA_TYPE, headers=headers)

    return [Route("/calendars/{token}.ics", calendar_feed, methods=["GET"])]


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown client"
