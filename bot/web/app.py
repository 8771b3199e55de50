"""The Starlette application factory: it assembles the routes that each module of bot.web owns."""

from __future__ import annotations

from starlette.applications import Starlette

from bot.calendar_feed import FeedRenderer
from bot.calendar_store import StoreFeedSource
from bot.settings import Settings
from bot.store import Store
from bot.web.feeds import feed_routes
from bot.web.health import health_routes
from bot.web.notice_pages import notice_page_routes


def create_app(settings: Settings, store: Store) -> Starlette:
    """Build the web application over an open store: health check, feeds and notice pages."""
    renderer = FeedRenderer(StoreFeedSource(store), account=settings.calendar_account)
    routes = [*health_routes(), *feed_routes(renderer), *notice_page_routes(settings, store)]
    return Starlette(routes=routes)
