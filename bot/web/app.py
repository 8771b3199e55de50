"""The Starlette application factory: it assembles the routes that each module of bot.web owns."""

from __future__ import annotations

from collections.abc import Sequence

from starlette.applications import Starlette
from starlette.routing import BaseRoute

from bot.calendar_feed import FeedRenderer
from bot.calendar_store import StoreFeedSource
from bot.settings import Settings
from bot.store import Store
from bot.web.feeds import feed_routes
from bot.web.health import health_routes
from bot.web.notice_pages import notice_page_routes


def create_app(
    settings: Settings, store: Store, extra_routes: Sequence[BaseRoute] = ()
) -> Starlette:
    """Build the web application over an open store: health check, feeds and notice pages.

    `extra_routes` are added after those, such as the Slack endpoint when Slack is configured.
    """
    renderer = FeedRenderer(StoreFeedSource(store), account=settings.calendar_account)
    routes = [
        *health_routes(),
        *feed_routes(renderer),
        *notice_page_routes(settings, store),
        *extra_routes,
    ]
    return Starlette(routes=routes)
